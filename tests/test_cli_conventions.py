"""The command-line conventions people bring from ruff, Vale and yamllint: where the
report goes, how much of it, what the exit code counts, colour, progress, help
text and completion. Each is run through the command as a user types it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from helpers import clean_env, run, run_on_terminal

from restorelint.cli import main

PUNITIVE = "You failed to update the docs before the release. This is your final warning.\n"
# RL150 (info, with a safe fix), RL101 (warning), RL130 (error)
MIXED = "Obviously you failed to update the docs. This is your final warning.\n"
CLEAN = "The docs weren't updated before the release. What got in the way?\n"
ANSI = "\x1b["


def invoke(args: list[str], cwd: Path, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """In-process, from ``cwd`` (the model loads once per session)."""
    old = Path.cwd()
    os.chdir(cwd)
    base = {"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_ACTIONS": None}
    try:
        return CliRunner().invoke(main, args, env=base | (env or {}), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "mixed.md").write_text(MIXED, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_output_file_takes_the_report_instead_of_stdout(work: Path) -> None:
    result = invoke(["check", "--output-file", "report.json", "--format", "json", "."], work)
    assert result.exit_code == 1
    assert result.stdout == ""
    payload = json.loads((work / "report.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in payload["findings"]] == ["RL150", "RL101", "RL130"]
    text = invoke(["check", "-o", "report.txt", "--color", "mixed.md"], work)
    assert text.exit_code == 1 and text.stdout == ""
    coloured = (work / "report.txt").read_text(encoding="utf-8")
    assert ANSI in coloured and "RL150 condescending-adverb" in coloured  # --color asked
    invoke(["check", "-o", "plain.txt", "mixed.md"], work)
    plain = (work / "plain.txt").read_text(encoding="utf-8")
    assert ANSI not in plain and "mixed.md:1:1: info RL150" in plain  # a file: no colour
    nowhere = invoke(["check", "-o", "no/such/dir/r.txt", "mixed.md"], work)
    assert nowhere.exit_code == 2 and "cannot write no/such/dir/r.txt" in nowhere.stderr


def test_quiet_prints_the_findings_and_nothing_else(work: Path) -> None:
    loud = invoke(["check", "--checklist", "."], work)
    quiet = invoke(["check", "--checklist", "--quiet", "."], work)
    assert loud.exit_code == quiet.exit_code == 1
    assert "restorative score" in loud.stdout and "3 findings" in loud.stdout
    assert "restorative score" not in quiet.stdout and "findings (" not in quiet.stdout
    assert quiet.stdout.count("mixed.md:1:") == 3
    (work / "empty.md").write_text("", encoding="utf-8")
    clean = invoke(["check", "-q", "clean.md", "empty.md"], work)
    assert clean.exit_code == 0 and clean.stdout == "" and clean.stderr == ""


def test_statistics_count_findings_per_rule(work: Path) -> None:
    (work / "more.md").write_text(PUNITIVE * 2, encoding="utf-8")
    result = invoke(["check", "--statistics", "."], work)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [["3", "RL101"], ["3", "RL130"], ["1", "RL150"]]
    assert "[*] condescending-adverb" in lines[2]  # --fix can apply it
    as_json = json.loads(invoke(["check", "--statistics", "--format", "json", "."], work).stdout)
    assert as_json[0] == {
        "rule": "RL101",
        "name": "you-failure-verb",
        "category": "blame",
        "count": 3,
        "fixable": False,
    }


def test_exit_zero_passes_findings_but_not_errors(work: Path) -> None:
    found = invoke(["check", "--exit-zero", "mixed.md"], work)
    assert found.exit_code == 0 and "RL101" in found.stdout
    assert invoke(["check", "--exit-zero", "--diff", "mixed.md"], work).exit_code == 0
    missing = invoke(["check", "--exit-zero", "mixed.md", "nope.md"], work)
    assert missing.exit_code == 2


def test_concise_is_one_line_per_finding(work: Path) -> None:
    result = invoke(["check", "--format", "concise", "mixed.md", "clean.md"], work)
    assert result.exit_code == 1
    *findings, summary = result.stdout.splitlines()
    assert findings == [
        "mixed.md:1:1: RL150 “Obviously” implies the reader should have known better.",
        "mixed.md:1:11: RL101 “you failed” names the person as the cause of a failure.",
        "mixed.md:1:55: RL130 “final warning” threatens consequences without asking about causes.",
    ]
    assert summary.startswith("3 findings (1 error, 1 warning, 1 info) in 1 of 2 files.")
    quiet = invoke(["check", "--format", "concise", "-q", "mixed.md"], work)
    assert len(quiet.stdout.splitlines()) == 3


def test_min_severity_hides_findings_below_it_unlike_fail_on(work: Path) -> None:
    shown = invoke(["check", "--format", "json", "--min-severity", "warning", "mixed.md"], work)
    payload = json.loads(shown.stdout)
    assert [f["rule"] for f in payload["findings"]] == ["RL101", "RL130"]
    assert payload["summary"]["hidden"] == 1
    text = invoke(["check", "--min-severity", "error", "mixed.md"], work)
    assert "RL101" not in text.stdout and "RL130" in text.stdout
    assert "2 findings below error not shown (--min-severity)." in text.stdout
    # a hidden finding does not fail the run ...
    (work / "info.md").write_text("Obviously, you should pin the version.\n", encoding="utf-8")
    hidden = invoke(["check", "--min-severity", "warning", "info.md"], work)
    assert hidden.exit_code == 0 and "RL150" not in hidden.stdout
    # ... whereas --fail-on shows everything and only changes the exit code
    shown_all = invoke(["check", "--fail-on", "warning", "info.md"], work)
    assert shown_all.exit_code == 0 and "RL150" in shown_all.stdout


def test_a_path_that_does_not_exist_fails_the_run(work: Path) -> None:
    result = invoke(["check", "reveiws/", "clean.md"], work)
    assert result.exit_code == 2
    assert "restorelint: reveiws/: no such file or directory" in result.stderr
    assert "No punitive phrasing found in 1 file." in result.stdout  # clean.md still linted
    baseline = invoke(["baseline", "clean.md", "typo.md", "-o", "b.json"], work)
    assert baseline.exit_code == 2 and not (work / "b.json").exists()


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": ""}, False),  # only a non-empty value counts
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins
        (["--no-color"], {"FORCE_COLOR": "1"}, False),  # a flag wins over both
    ],
)
def test_force_color_colours_output_that_is_not_a_terminal(
    work: Path, args: list[str], env: dict[str, str], coloured: bool
) -> None:
    result = invoke(["check", *args, "mixed.md"], work, env)
    assert "RL101" in result.stdout
    assert (ANSI in result.stdout) is coloured


def test_summary_grammar(work: Path) -> None:
    (work / "one.md").write_text("You failed to update the docs.\n", encoding="utf-8")
    one = invoke(["check", "one.md"], work).stdout.splitlines()[-1]
    assert one.startswith("1 finding (1 warning) in 1 of 1 file.")
    many = invoke(["check", "mixed.md", "one.md", "clean.md"], work).stdout.splitlines()[-1]
    assert many.startswith("4 findings (1 error, 2 warnings, 1 info) in 2 of 3 files.")


def test_a_long_line_is_cut_with_an_ellipsis_at_each_cut_end(work: Path) -> None:
    words = "The migration plan covers the queue, the cache and the reporting jobs"
    line = f"{words}, and {words.lower()}; you failed to update the docs, {words.lower()}."
    (work / "long.md").write_text(line + "\n", encoding="utf-8")
    result = invoke(["check", "--no-checklist", "long.md"], work)
    excerpt, caret = result.stdout.splitlines()[2:4]
    shown = excerpt.split("| ", 1)[1]
    assert shown.startswith("…") and shown.endswith("…") and len(shown) == 102
    assert caret.split("| ", 1)[1] == " " * shown.index("you failed") + "^" * len("you failed")
    assert len(line) > 200


@pytest.mark.slow
def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    from restorelint.cli.progress import MIN_SEGMENTS

    paragraphs = "\n\n".join(f"You failed doc {n}." for n in range(MIN_SEGMENTS + 5))
    (tmp_path / "long.md").write_text(paragraphs + "\n", encoding="utf-8")
    args = ["check", "--no-cache", "--jobs", "1", "--format", "json", "long.md"]
    terminal = run_on_terminal(args, clean_env(), tmp_path, on_terminal="stderr")
    assert "restorelint: checking" in terminal and "100%" in terminal
    piped = invoke(args, tmp_path)  # stderr is not a terminal here
    assert piped.exit_code == 1 and piped.stderr == ""


def test_explain_is_plain_text_into_a_pipe() -> None:
    result = invoke(["explain", "RL110"], ROOT)
    assert result.exit_code == 0
    assert result.stdout.startswith("RL110 trait-label\n")
    assert "Why it reads as punitive." in result.stdout and "**" not in result.stdout
    source = invoke(["explain", "--markdown", "RL110"], ROOT)
    assert source.stdout.startswith("# RL110 trait-label\n")
    assert "**Why it reads as punitive.**" in source.stdout


@pytest.mark.slow
def test_explain_renders_markdown_on_a_terminal() -> None:
    shown = run_on_terminal(["explain", "RL110"], clean_env(), ROOT)
    assert ANSI in shown and "Why it reads as punitive." in shown
    assert "**" not in shown and "# RL110" not in shown


def test_shell_completion_scripts_and_candidates() -> None:
    script = run([], env=clean_env(_RESTORELINT_COMPLETE="bash_source"))
    assert script.returncode == 0 and "_restorelint_completion" in script.stdout
    assert "complete -o nosort -F _restorelint_completion restorelint" in script.stdout
    commands = run(
        [],
        env=clean_env(
            _RESTORELINT_COMPLETE="bash_complete", COMP_WORDS="restorelint ", COMP_CWORD="1"
        ),
    )
    assert {"check", "explain", "server"} <= set(_candidates(commands.stdout))
    formats = run(
        [],
        env=clean_env(
            _RESTORELINT_COMPLETE="zsh_complete",
            COMP_WORDS="restorelint check --format ",
            COMP_CWORD="3",
        ),
    )
    assert {"concise", "json", "sarif"} <= set(formats.stdout.split("\n"))


def _candidates(bash_output: str) -> list[str]:
    return [line.split(",", 1)[1] for line in bash_output.splitlines() if "," in line]
