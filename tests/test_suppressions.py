"""Inline suppression: a finding the writer has considered can be silenced in
the document itself, and a suppression that silences nothing can be reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

import restorelint
from restorelint.cli import main

FIXTURE = ROOT / "tests" / "fixtures" / "review-with-suppressions.md"


def check(args: list[str], cwd: Path = ROOT):  # type: ignore[no-untyped-def]
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["check", "--isolated", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


def where(result) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]


def test_markdown_ranges_next_line_and_line_markers() -> None:
    result = check(["--format", "json", str(FIXTURE)])
    assert where(result) == [
        ("RL110", 7, 8),  # after the enable: flagged again
        ("RL130", 7, 49),
        ("RL170", 14, 1),  # the next-line comment at the end names another rule
    ]


def test_unused_suppressions_are_reported_where_they_are_written() -> None:
    result = check(["--format", "json", "--report-unused-suppressions", str(FIXTURE)])
    assert result.exit_code == 1
    assert ("RL901", 14, 53) in where(result)
    (unused,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "RL901"]
    assert unused["text"] == "<!-- restorelint-disable-next-line RL130 -->"
    assert unused["name"] == "unused-suppression"
    # without the flag, nothing about suppressions is reported
    assert "RL901" not in check(["--format", "json", str(FIXTURE)]).stdout


def test_line_marker_in_text_and_template_comments() -> None:
    text = "You always skip standup.  restorelint: ignore[RL170]\nYou always skip standup.\n"
    assert [f.line for f in restorelint.lint_text(text)] == [2]
    template = "{{ name }} is lazy. {# restorelint: ignore[judgment] #}\n\nAlex is careless.\n"
    assert [(f.line, f.text) for f in restorelint.lint_text(template, path="a.j2")] == [
        (3, "careless")
    ]
    assert restorelint.lint_text("You failed again. restorelint: ignore") == []


def test_html_disable_and_enable() -> None:
    html = (
        "<p>You failed to update the docs.</p>\n"
        "<!-- restorelint-disable blame -->\n"
        "<p>You failed to update the docs.</p>\n"
        "<!-- restorelint-enable blame -->\n"
        "<p>You failed to update the docs.</p>\n"
    )
    assert [f.line for f in restorelint.lint_text(html, path="letter.html")] == [1, 5]


def test_whole_file_disable() -> None:
    text = "<!-- restorelint-disable-file -->\nYou failed. You always miss standup.\n"
    assert restorelint.lint_text(text, path="a.md") == []
    some = "restorelint: disable-file[RL101]\n\nYou failed. You always miss standup.\n"
    assert [f.rule for f in restorelint.lint_text(some)] == ["RL170"]


def test_unknown_rule_in_a_suppression_warns(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("You always skip standup. restorelint: ignore[RL999]\n")
    result = check(["a.txt"], tmp_path)
    assert result.exit_code == 1  # not suppressed, and not an error either
    assert "a.txt:1:26: suppression names no rule: 'RL999'" in result.stderr
