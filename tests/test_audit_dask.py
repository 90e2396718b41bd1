"""``restorelint audit --engine dask`` on a real LocalCluster of two worker processes
gives exactly the single-process report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from audit_helpers import COLUMNS, audit, feedback_rows, write_csv
from helpers import clean_env

MESSAGES = 400


def _messages() -> list[dict[str, str]]:
    """Distinct messages made of two example rows each; every fifth one holds a
    paragraph break, which a CSV reader cut at line breaks would split."""
    rows = feedback_rows()
    out = []
    for number in range(MESSAGES):
        first, second = rows[number % len(rows)], rows[(number * 7 + 3) % len(rows)]
        glue = "\n\n" if number % 5 == 0 else " "
        out.append({**first, "id": f"m-{number}", "text": first["text"] + glue + second["text"]})
    return out


@pytest.mark.slow
def test_dask_local_cluster_gives_the_single_process_report(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "messages.csv", _messages())
    common = [data, *COLUMNS, "--examples=2", "--chunk-size=50", "--no-cache", "--format=json"]
    single = audit(*common)
    assert single.exit_code == 0, single.output
    on_dask = audit(*common, "--engine=dask", "--workers=2")
    assert on_dask.exit_code == 0, on_dask.output
    report = json.loads(single.stdout)
    assert report["summary"]["messages"] == MESSAGES
    assert report["summary"]["flagged"] > 0 and report["examples"]
    assert json.loads(on_dask.stdout) == report


def test_dask_options_need_the_dask_engine() -> None:
    result = audit("examples", "--scheduler=tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--scheduler and --workers need --engine dask" in result.output


@pytest.mark.slow
def test_without_dask_installed_the_error_says_what_to_install(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "rows.csv", feedback_rows()[:3])
    script = (
        "import sys\n"
        "sys.modules['distributed'] = None  # as if it were not installed\n"
        "from restorelint.cli import main\n"
        f"main(['audit', {str(data)!r}, '--engine=dask'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=clean_env(), timeout=120
    )
    assert done.returncode == 2
    assert "--engine dask needs Dask: pip install 'restorelint[dask]'" in done.stderr
    assert "Traceback" not in done.stderr
