"""Baselines: adopt restorelint on existing documents and fail only on new findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import run

from restorelint.settings.baseline import BaselineError, load_baseline, write_baseline
from restorelint.settings.fingerprint import fingerprint, numbered

NEW_SENTENCE = "Honestly, Jordan Lee is lazy about writing tests."


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of examples/ to edit, with a baseline of it written by the real command."""
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "examples", work / "examples")
    made = run(["baseline", "examples", "-o", "restorelint-baseline.json"], cwd=work)
    assert made.returncode == 0, made.stderr
    assert "restorelint-baseline.json" in made.stderr
    return work


def check_json(work: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = run(
        ["check", "--format", "json", "--baseline", "restorelint-baseline.json", "examples"],
        cwd=work,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_baseline_of_examples_passes_and_one_new_sentence_fails_alone(docs: Path) -> None:
    code, report = check_json(docs)
    assert code == 0 and report["findings"] == []
    assert report["summary"]["baselined"] > 10  # examples/ has plenty of findings

    review = docs / "examples" / "performance-reviews" / "jordan-lee-2024-h1.md"
    text = review.read_text(encoding="utf-8")
    review.write_text(
        text.replace("## Support\n", f"## Support\n\n{NEW_SENTENCE}\n", 1), encoding="utf-8"
    )
    code, report = check_json(docs)
    assert code == 1
    (finding,) = report["findings"]
    assert finding["path"].endswith("jordan-lee-2024-h1.md")
    assert (finding["rule"], finding["text"]) == ("RL110", "lazy")
    assert report["summary"]["baselined"] > 10


MOVED_REVIEW = """\
# Q3 performance review — Sam Rivera

A summary written after the calibration meeting, added a week later.

## Collaboration

Sam dropped the ball on the client handoff in August. This will go in your file.

## Delivery

Sam is lazy and careless with code reviews.
Sam always misses the sprint deadline, and the billing migration slipped because of him.

## Strengths

Sam mentors new hires patiently and always comes prepared to one-on-ones.
"""


def test_baseline_survives_moved_lines_reflow_and_unrelated_edits(docs: Path) -> None:
    review = docs / "examples" / "performance-review.md"
    before = review.read_text(encoding="utf-8")
    # Sections swapped, a paragraph reflowed, a new paragraph: every line number moves.
    review.write_text(MOVED_REVIEW, encoding="utf-8")
    assert sorted(before.splitlines()) != sorted(MOVED_REVIEW.splitlines())
    comment = docs / "examples" / "review-comment.md"
    comment.write_text(
        "Thanks for picking this up over the weekend.\n\n" + comment.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    code, report = check_json(docs)
    assert code == 0, report["findings"]


def test_a_second_copy_of_a_baselined_sentence_is_new(docs: Path) -> None:
    template = docs / "examples" / "hr-warning-template.txt"
    text = template.read_text(encoding="utf-8")
    template.write_text(text + "\nThis is your final warning.\n", encoding="utf-8")
    code, report = check_json(docs)
    assert code == 1
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("RL130", 11)]


def test_baseline_holds_fingerprints_not_text(docs: Path) -> None:
    raw = (docs / "restorelint-baseline.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert set(data) == {"baseline_version", "version", "fingerprint", "findings"}
    for entry in data["findings"]:
        assert set(entry) == {"path", "rule", "fingerprint", "count"}
        assert not Path(entry["path"]).is_absolute() and entry["path"].startswith("examples/")
    # Paths may name things ("hr-warning-template.txt"); nothing else may.
    rest = json.dumps([{k: v for k, v in e.items() if k != "path"} for e in data["findings"]])
    rest = (rest + data["version"] + data["fingerprint"]).lower()
    findings = run(["check", "--format", "json", "examples"], cwd=docs)
    for finding in json.loads(findings.stdout)["findings"]:
        assert finding["text"].lower() not in rest, finding["text"]
        assert finding["message"].lower() not in raw.lower()
    for word in ("lazy", "careless", "warning", "failed", "sam", "employee", "you"):
        assert word not in rest


def test_baseline_matches_from_another_working_directory(docs: Path) -> None:
    result = run(
        [
            "check",
            "--baseline",
            str(docs / "restorelint-baseline.json"),
            str(docs / "examples" / "review-comment.md"),
        ],
        cwd=docs.parent,
    )
    assert result.returncode == 0, result.stdout
    assert "known findings from the baseline not shown" in result.stdout


def test_baseline_findings_are_hidden_in_every_format(docs: Path) -> None:
    def output(fmt: str) -> str:
        result = run(
            ["check", "--format", fmt, "--baseline", "restorelint-baseline.json", "examples"],
            cwd=docs,
        )
        assert result.returncode == 0, (fmt, result.stdout, result.stderr)
        return result.stdout

    assert json.loads(output("sarif"))["runs"][0]["results"] == []
    assert not [line for line in output("github").splitlines() if line.startswith("::")]
    assert 'failures="0"' in output("junit")
    assert "No punitive phrasing found" in output("text")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("{not json", "not JSON"),
        ('{"findings": []}', "no 'baseline_version'"),
        ('{"baseline_version": 99, "fingerprint": "v1", "findings": []}', "baseline_version 99"),
        ('{"baseline_version": 1, "fingerprint": "v0", "findings": []}', "fingerprints made"),
        ('{"baseline_version": 1, "fingerprint": "v1", "findings": [{"path": 1}]}', "path"),
    ],
)
def test_missing_or_corrupt_baseline_is_a_clear_error(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run(["check", "--baseline", str(path), "-"], stdin="You failed the release.\n")
    assert result.returncode == 2
    assert message in result.stderr and "baseline.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_baseline_write_is_atomic_and_replaces_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("old", encoding="utf-8")
    text = "You failed to update the docs.\n"
    from restorelint import lint_text

    findings = lint_text(text, path=str(tmp_path / "a.md"))
    write_baseline(target, findings, {str(tmp_path / "a.md"): text})
    assert [p.name for p in tmp_path.iterdir()] == ["baseline.json"]  # no temporary left
    assert json.loads(target.read_text(encoding="utf-8"))["findings"][0]["path"] == "a.md"
    with pytest.raises(BaselineError, match="no such directory"):
        write_baseline(tmp_path / "nope" / "b.json", findings, {})
    assert load_baseline(target).counts


def test_baseline_command_reports_bad_inputs_and_usage(tmp_path: Path) -> None:
    result = run(["baseline", str(tmp_path / "missing.md"), "-o", str(tmp_path / "b.json")])
    assert result.returncode == 2 and "missing.md: no such file" in result.stderr
    assert not (tmp_path / "b.json").exists()
    no_output = run(["baseline", str(ROOT / "examples")])
    assert no_output.returncode == 2 and "--output" in no_output.stderr


# --- fingerprints ----------------------------------------------------------------------


def _prints(lint, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    findings = lint(text)
    return [fingerprint(f, text) for f in findings]


def test_fingerprint_ignores_position_case_and_line_breaks(lint) -> None:  # type: ignore[no-untyped-def]
    base = _prints(lint, "Thanks. You failed to update the docs before the release.")
    moved = "Intro.\n\nMore intro.\n\nThanks.   you failed to update\nthe docs before the release."
    assert base and base == _prints(lint, moved)


def test_fingerprint_changes_with_the_words_around_the_finding(lint) -> None:  # type: ignore[no-untyped-def]
    base = _prints(lint, "You failed to update the docs before the release.")
    assert base != _prints(lint, "You failed to check the docs before the release.")
    assert base != _prints(lint, "You messed up the docs before the release.")
    # Words beyond the sentence, or further than a few words away, do not matter.
    assert base == _prints(lint, "You failed to update the docs before Friday's release.")
    assert base == _prints(lint, "Hi Sam. You failed to update the docs before the release.")


def test_identical_findings_in_one_file_are_numbered(lint) -> None:  # type: ignore[no-untyped-def]
    text = "Sam is lazy.\n\nSam is lazy.\n"
    findings = lint(text)
    numbers = [n for _, n in numbered(findings, {"<test>": text})]
    assert numbers == [1, 2]
    assert len({p for p, _ in numbered(findings, {"<test>": text})}) == 1
