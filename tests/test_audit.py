"""``restorelint audit`` as an HR analyst meets it: the example dataset's story,
confidentiality, inputs, restarts and the clear errors."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from audit_helpers import COLUMNS, FEEDBACK, audit, audit_json, feedback_rows, write_csv
from conftest import ROOT, restorelint_command
from helpers import clean_env


@pytest.fixture(scope="module")
def by_year() -> dict[str, Any]:
    return audit_json(FEEDBACK, *COLUMNS, "--period=year")


def _share(doc: dict[str, Any], team: str, year: str) -> float:
    (point,) = [p for p in doc["trend"] if p["period"] == year]
    return point["groups"][team]["share_flagged"]


def test_the_example_report_tells_the_datasets_story(by_year: dict[str, Any]) -> None:
    assert by_year["schema_version"] == 1 and by_year["report"] == "audit"
    assert by_year["summary"]["messages"] == 400
    years = {p["period"]: p["share_flagged"] for p in by_year["trend"]}
    assert set(years) == {"2024", "2025"}
    assert years["2025"] < years["2024"]  # punitive feedback falls overall
    for team in ("Support", "Sales Ops"):  # and a lot in these two teams
        assert _share(by_year, team, "2025") < _share(by_year, team, "2024"), team
    assert _share(by_year, "Platform", "2025") > _share(by_year, "Platform", "2024")
    assert by_year["by_group"]["Payments"]["share_flagged"] < 0.1
    assert max(by_year["by_group"], key=lambda g: by_year["by_group"][g]["share_flagged"]) in {
        "Support",
        "Platform",
        "Sales Ops",
    }


def test_every_figure_is_broken_down_and_adds_up(by_year: dict[str, Any]) -> None:
    summary = by_year["summary"]
    for key in ("by_group", "by_role", "by_period"):
        cells = by_year[key].values()
        assert sum(c["messages"] for c in cells) == summary["messages"], key
        assert sum(c["flagged"] for c in cells) == summary["flagged"], key
        for category, entry in summary["categories"].items():
            assert sum(c["categories"][category]["findings"] for c in cells) == entry["findings"]
    assert sum(b["messages"] for b in summary["score"]["histogram"]) == summary["messages"]
    assert set(summary["checklist"]) == {
        "expectation",
        "behaviour-impact",
        "dialogue",
        "support",
        "ownership",
        "progress",
    }
    assert all(e["present"] + e["absent"] == 400 for e in summary["checklist"].values())
    top = by_year["top_rules"]
    assert top and top == sorted(top, key=lambda r: -r["findings"])
    assert sum(r["findings"] for r in summary["rules"].values()) == summary["findings"]
    assert 0 < summary["readability"]["mean_grade"] < 20


def test_periods_by_quarter_and_month() -> None:
    quarters = audit_json(FEEDBACK, "--date-column=date")
    assert [p["period"] for p in quarters["trend"]] == [
        f"{y}-Q{q}" for y in (2024, 2025) for q in range(1, 5)
    ]
    assert all(p["messages"] == 50 for p in quarters["trend"])  # as the data's ABOUT says
    assert quarters["by_group"] is None and quarters["dimensions"]["period"] == "quarter"
    months = audit_json(FEEDBACK, "--date-column=date", "--period=month")
    assert len(months["trend"]) == 24 and months["trend"][0]["period"] == "2024-01"


def _identifying(rows: list[dict[str, str]]) -> list[str]:
    """What must never be in a default report: ids, e-mail addresses, and every
    message's text (any six words of it in a row)."""
    found = [r["id"] for r in rows]
    for row in rows:
        found += re.findall(r"[\w.+-]+@[\w-]+\.\w+", row["text"])
        words = row["text"].split()
        found += [" ".join(words[i : i + 6]) for i in range(0, max(1, len(words) - 5), 6)]
    return found


@pytest.mark.parametrize("fmt", ["json", "text", "html"])
def test_no_message_text_and_no_identifier_by_default(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = audit(FEEDBACK, *COLUMNS, f"--format={fmt}", "-o", out)
    assert result.exit_code == 0, result.output
    report = out.read_text(encoding="utf-8")
    leaked = [s for s in _identifying(feedback_rows()) if s in report]
    assert not leaked, leaked[:5]
    assert "no message text and no identifiers" in report  # the report says so itself


def test_examples_are_short_and_masked() -> None:
    doc = audit_json(FEEDBACK, *COLUMNS, "--examples=3")
    assert doc["confidentiality"]["message_text"] is True
    assert "names masked" in doc["confidentiality"]["notice"]
    examples = doc["examples"]
    assert examples and all(len(v) <= 3 for v in examples.values())
    assert set(examples) <= set(doc["summary"]["categories"])
    dump = json.dumps(examples)
    assert "@example.com" not in dump
    assert not any(r["id"] in dump for r in feedback_rows())
    for entry in (e for v in examples.values() for e in v):
        start, end = entry["highlight"]
        assert 0 <= start < end <= len(entry["excerpt"]) <= 200
    # the excerpts are the same whichever run, order or chunking made them
    again = audit_json(FEEDBACK, *COLUMNS, "--examples=3", "--chunk-size=37")
    assert again["examples"] == examples


def test_a_rerun_reads_every_row_from_the_cache(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("RESTORELINT_CACHE_DIR", str(tmp_path / "cache"))
    rows = feedback_rows()[:60]
    data = write_csv(tmp_path / "some.csv", rows)
    first = audit(data, "--group-column=team", "--format=json")
    assert "from the cache" not in first.stderr
    again = audit(data, "--group-column=team", "--format=json")
    assert "(60 from the cache)" in again.stderr
    assert json.loads(again.stdout) == json.loads(first.stdout)
    # an interrupted audit of more rows picks up where the first one stopped
    more = write_csv(tmp_path / "more.csv", feedback_rows()[:90])
    resumed = audit(more, "--group-column=team", "--format=json")
    assert "(60 from the cache)" in resumed.stderr
    fresh = audit(more, "--group-column=team", "--format=json", "--no-cache")
    assert "from the cache" not in fresh.stderr
    assert json.loads(fresh.stdout) == json.loads(resumed.stdout)


def test_jsonl_parquet_and_csv_give_the_same_report(tmp_path: Path) -> None:
    rows = feedback_rows()[:80]
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet = tmp_path / "rows.parquet"
    table = pa.Table.from_pylist(rows)
    table = table.set_column(
        table.schema.get_field_index("date"),
        "date",
        pa.compute.strptime(table["date"], format="%Y-%m-%d", unit="s").cast(pa.date32()),
    )
    pq.write_table(table, parquet, row_group_size=25)
    reports = [
        audit_json(path, *COLUMNS, "--period=month")
        for path in (write_csv(tmp_path / "rows.csv", rows), jsonl, parquet)
    ]
    assert reports[0]["summary"]["messages"] == 80
    assert reports[1] == reports[0] and reports[2] == reports[0]


def test_folders_of_documents_are_read_as_check_reads_them() -> None:
    doc = audit_json(ROOT / "examples" / "performance-reviews")
    assert doc["summary"]["messages"] == 3
    assert doc["summary"]["flagged"] == 2  # one of the three reviews is clean
    assert doc["by_group"] is None and doc["trend"] == []


def test_small_groups_are_merged_so_nobody_is_singled_out(tmp_path: Path) -> None:
    rows = feedback_rows()[:40]
    rows[0] = {**rows[0], "team": "Legal"}  # a team of one
    doc = audit_json(write_csv(tmp_path / "rows.csv", rows), "--group-column=team")
    assert "Legal" not in doc["by_group"]
    assert doc["by_group"]["(groups of fewer than 5)"]["messages"] >= 1
    everyone = audit_json(FEEDBACK, "--group-column=team", "--min-group-size=100")
    assert list(everyone["by_group"]) == ["(groups of fewer than 100)"]


def test_rows_without_text_are_skipped_and_counted(tmp_path: Path) -> None:
    rows = feedback_rows()[:10]
    rows[3] = {**rows[3], "text": "   "}
    result = audit(write_csv(tmp_path / "rows.csv", rows), "--id-column=id", "--format=json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skipped"] == {"empty": 1}
    assert f"row 4 (id {rows[3]['id']}): skipped (empty)" in result.stderr


def test_a_missing_column_is_a_clear_error(tmp_path: Path) -> None:
    result = audit(FEEDBACK, "--text-column=body")
    assert result.exit_code == 2
    assert "no column 'body' (columns: id, team, author_role, date, kind, text)" in result.stderr
    assert audit(tmp_path / "nothing.csv").exit_code == 2


@pytest.mark.slow
def test_a_progress_bar_on_a_terminal_and_silence_elsewhere(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "rows.csv", feedback_rows()[:20])
    quiet = audit(data, "--format=json")
    # not a terminal: no bar, only the summary line
    assert quiet.stderr.startswith("restorelint: audited 20 messages")
    assert quiet.stderr.count("\n") == 1
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [*restorelint_command(), "audit", str(data), "--format=json"],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=clean_env(),
    ) as process:
        os.close(follower)
        stdout, _ = process.communicate(timeout=120)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the terminal's other end is closed
            while chunk := os.read(leader, 4096):
                shown += chunk
    os.close(leader)
    assert process.returncode == 0
    assert json.loads(stdout)["summary"]["messages"] == 20
    assert b"auditing" in shown and b"100%" in shown and b"20 messages" in shown


def test_input_text_in_the_html_report_is_escaped(tmp_path: Path) -> None:
    rows = [{**r, "team": "<script>alert(1)</script>"} for r in feedback_rows()[:12]]
    out = tmp_path / "report.html"
    result = audit(write_csv(tmp_path / "rows.csv", rows), "--group-column=team", "-o", out)
    assert result.exit_code == 0, result.output
    assert "--format" not in result.output
    html = audit(write_csv(tmp_path / "r.csv", rows), "--group-column=team", "--format=html")
    assert "<script" not in html.stdout and "&lt;script&gt;alert(1)" in html.stdout


@pytest.mark.slow
def test_the_json_audit_needs_neither_dask_nor_matplotlib(tmp_path: Path) -> None:
    """The base install stays light: those load only for --engine dask and HTML."""
    data = write_csv(tmp_path / "rows.csv", feedback_rows()[:5])
    script = (
        "import sys\n"
        "from restorelint.cli import main\n"
        f"try:\n    main(['audit', {str(data)!r}, '--format=json'])\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "heavy = {'dask', 'distributed', 'matplotlib', 'pyarrow', 'pandas'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=clean_env(), timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["messages"] == 5
