"""The rewrite command, the checklist and score in text and JSON output, --min-score."""

from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner
from conftest import ROOT, restorelint_command
from test_readability import DENSE

import restorelint
from restorelint.cli import main

EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if p.suffix in (".md", ".txt"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_rewrite_prints_a_message_ready_to_fill_in_and_send(lint, name: str) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / "examples" / name
    result = CliRunner().invoke(main, ["rewrite", "--no-color", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out != path.read_text(encoding="utf-8") and not lint(out)
    assert "\x1b[" not in out
    assert "restorative score 0 →" in result.stderr and "rewrote" in result.stderr


def test_rewrite_of_the_performance_review(linter) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(
        main, ["rewrite", "--no-color", str(ROOT / "examples" / "performance-review.md")]
    )
    assert result.stdout == (
        "# Q3 performance review — Sam Rivera\n"
        "\n"
        "## Delivery\n"
        "\n"
        "I'd like to talk with Sam about how things are going with code reviews. "
        "Sam missed the sprint deadline on [specific occasions], and the billing migration "
        "slipped.\n"
        "\n"
        "## Collaboration\n"
        "\n"
        "The client handoff didn't go as planned in August. "
        "Can we talk about what would help from here?\n"
        "\n"
        "## Strengths\n"
        "\n"
        "Sam mentors new hires patiently and always comes prepared to one-on-ones.\n"
    )


def test_rewrite_highlights_placeholders_in_colour() -> None:
    result = CliRunner().invoke(
        main, ["rewrite", "--color", "-"], input="You never test your code.\n"
    )
    assert "\x1b[" in result.stdout
    plain = CliRunner().invoke(main, ["rewrite", "-"], input="You never test your code.\n")
    assert "\x1b[" not in plain.stdout  # not a terminal: no colour
    assert plain.stdout.startswith("You didn't test your code on [specific occasions].")


def test_rewrite_of_a_clean_message_prints_it_unchanged() -> None:
    text = "Thanks for the fix. What got in the way last week?\n"
    result = CliRunner().invoke(main, ["rewrite", "-"], input=text)
    assert result.exit_code == 0 and result.stdout == text
    assert "nothing flagged" in result.stderr


def test_rewrite_errors_exit_two(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = CliRunner().invoke(main, ["rewrite", str(tmp_path / "nope.md")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    many = CliRunner().invoke(main, ["rewrite", str(ROOT / "examples")])
    assert many.exit_code == 2 and "one file" in many.stderr


@pytest.mark.slow
def test_rewrite_command_from_stdin_as_installed(cli_env) -> None:  # type: ignore[no-untyped-def]
    proc = subprocess.run(
        [*restorelint_command(), "rewrite", "-"],
        input=b"You never test your code.\n",
        capture_output=True,
        env=cli_env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == (
        "You didn't test your code on [specific occasions]. What's getting in the way?\n"
    )


def test_text_output_shows_checklist_score_and_readability() -> None:
    result = CliRunner().invoke(
        main, ["check", "--checklist", str(ROOT / "examples" / "review-comment.md")]
    )
    assert result.exit_code == 1
    out = result.stdout
    assert "restorative score 0/100 (40 base + 10 checklist − 60 for 4 findings)" in out
    assert "✗ clear expectation: State the expectation plainly" in out
    assert "✓ recognises progress: “fine” (line 9)" in out
    assert "readability: reading ease" in out
    quiet = CliRunner().invoke(
        main, ["check", "--no-checklist", str(ROOT / "examples" / "review-comment.md")]
    )
    assert "restorative score" not in quiet.stdout and "try:" in quiet.stdout


def test_json_output_adds_messages_and_fixes_and_keeps_the_old_fields() -> None:
    result = CliRunner().invoke(
        main,
        ["check", "--checklist", "--format", "json", str(ROOT / "examples" / "review-comment.md")],
    )
    payload = json.loads(result.stdout)
    old = {"version", "schema_version", "findings", "errors", "summary"}
    assert set(payload) == old | {"messages"}
    assert payload["schema_version"] == 1
    assert set(payload["summary"]) == {"files", "findings", "errors"}
    by_rule = {f["rule"]: f for f in payload["findings"]}
    assert by_rule["RL150"]["fix"] == {
        "applicability": "safe",
        "edits": [{"start": 102, "end": 112, "content": ""}],
    }
    assert by_rule["RL101"]["fix"] is None
    (message,) = payload["messages"]
    assert message["score"] == 0
    assert message["score_parts"] == {"base": 40, "checklist": 10, "findings": -60}
    assert [c["id"] for c in message["checklist"]] == [
        "expectation",
        "behaviour-impact",
        "dialogue",
        "support",
        "ownership",
        "progress",
    ]
    progress = message["checklist"][-1]
    assert progress["present"] and progress["evidence"]["line"] == 9
    first = message["rewrites"][0]
    assert first["rules"] == ["RL101", "RL150"] and first["applicability"] == "unsafe"
    assert first["rewrite"].startswith("The integration tests weren't run again")


def test_min_score_fails_a_clean_but_bare_message() -> None:
    bare = "The build failed again on main.\n"
    passing = CliRunner().invoke(main, ["check", "--min-score", "50", "-"], input=bare)
    assert passing.exit_code == 0, passing.output
    failing = CliRunner().invoke(main, ["check", "--min-score", "60", "-"], input=bare)
    assert failing.exit_code == 1
    assert "restorative score 55 is below --min-score 60" in failing.stderr
    invalid = CliRunner().invoke(main, ["check", "--min-score", "101", "-"], input=bare)
    assert invalid.exit_code == 2


def test_python_api_for_review_and_rewrite() -> None:
    message = restorelint.review_text("You never test your code.")
    assert message.score.value == 25 and [f.rule for f in message.findings] == ["RL170"]
    assert restorelint.rewrite_text("You never test your code.").startswith(
        "You didn't test your code on [specific occasions]."
    )
    assert restorelint.rewrite_text("") == ""


def test_readability_hints_do_not_change_the_exit_code_unless_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "draft.txt"
    draft.write_text(DENSE + "\n", encoding="utf-8")
    relaxed = CliRunner().invoke(main, ["check", "--checklist", str(draft)])
    assert relaxed.exit_code == 0, relaxed.output
    assert "readability hint: grade" in relaxed.output
    strict = CliRunner().invoke(main, ["check", "--strict-readability", str(draft)])
    assert strict.exit_code == 1
    payload = json.loads(
        CliRunner().invoke(main, ["check", "--checklist", "--format", "json", str(draft)]).stdout
    )
    (message,) = payload["messages"]
    assert message["readability"]["above_max_grade"] is True
    assert message["readability"]["flesch_reading_ease"] < 30


def test_readme_documents_the_score_weights() -> None:
    from restorelint.catalog.checklist import load_checklist

    checklist = load_checklist()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"clamp({checklist.base} + Σ weight" in readme
    for element in checklist.elements:
        assert f"| {element.name} | {element.weight} |" in readme, element.name
    for severity, penalty in checklist.penalties.items():
        assert f"`{severity}` {penalty}" in readme
