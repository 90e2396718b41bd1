"""Running ``restorelint audit`` in the test process, on the example dataset."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from conftest import ROOT

from restorelint.cli import main

FEEDBACK = ROOT / "examples" / "audit" / "feedback.csv"
COLUMNS = [
    "--id-column=id",
    "--group-column=team",
    "--role-column=author_role",
    "--date-column=date",
]


def feedback_rows() -> list[dict[str, str]]:
    with FEEDBACK.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def audit(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["audit", *map(str, args)], catch_exceptions=False)


def audit_json(*args: str | Path) -> dict[str, Any]:
    result = audit(*args, "--format=json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
