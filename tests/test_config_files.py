"""Which configuration files are read, and how a nested one extends its parent's
instead of replacing it. Run through the command, as a team's CI runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_config import findings, invoke

import restorelint
from restorelint.read.formats import templates
from restorelint.settings.suppressions import ignore_edit

REVIEW = (
    "Sam is lazy. Our rockstar shipped it.\n"
    "How many times do I have to tell you?\n"
    "This is your final warning.\n"
)
PARENT = """\
[tool.restorelint]
ignore = ["passive-aggressive"]
deny = ["rockstar"]
severity = { threat = "info" }
extend-exclude = ["drafts/"]
per-file-ignores = { "/team/old/*.md" = ["judgment"] }
"""


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("team", "team/old", "team/drafts"):
        (root / folder).mkdir(parents=True)
        (root / folder / "review.md").write_text(REVIEW, encoding="utf-8")
    (root / "pyproject.toml").write_text(PARENT, encoding="utf-8")
    return root


def rules_by_file(result) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = {}
    for path, rule, *_ in findings(result):
        out.setdefault(path, []).append(rule)
    return out


def test_a_nested_file_without_extend_replaces_the_parent(nested: Path) -> None:
    (nested / "team" / ".restorelint.toml").write_text('fail-on = "error"\n', "utf-8")
    result = invoke(["check", "--format", "json", "team"], nested)
    got = rules_by_file(result)
    # nothing of the parent applies: no deny list, passive-aggressive back, drafts linted
    assert "RL900" not in got["team/review.md"]
    assert "RL160" in got["team/review.md"]
    assert "team/drafts/review.md" in got


def test_a_nested_file_that_extends_keeps_the_parent_and_overrides_key_by_key(
    nested: Path,
) -> None:
    (nested / "team" / ".restorelint.toml").write_text(
        'extend = "../pyproject.toml"\nfail-on = "warning"\nseverity = { RL110 = "warning" }\n',
        "utf-8",
    )
    result = invoke(["check", "--format", "json", "team"], nested)
    assert result.exit_code == 1, result.output
    assert findings(result) == [
        ("team/review.md", "RL110", "warning", 1, 8),  # the child's severity
        ("team/review.md", "RL900", "warning", 1, 18),  # the parent's deny list
        ("team/review.md", "RL130", "info", 3, 14),  # the parent's severity table
        # the parent's anchored per-file-ignores glob still means /team/old, relative
        # to the parent's folder; drafts/ is still excluded
        ("team/old/review.md", "RL900", "warning", 1, 18),
        ("team/old/review.md", "RL130", "info", 3, 14),
    ]
    (nested / "team" / ".restorelint.toml").write_text(
        'extend = "../pyproject.toml"\nfail-on = "error"\nseverity = { RL110 = "warning" }\n',
        "utf-8",
    )
    assert invoke(["check", "team/review.md"], nested).exit_code == 0  # the child's fail-on
    shown = invoke(["config", "team/review.md"], nested)
    assert f"# from: {nested / 'team' / '.restorelint.toml'}, extending " in shown.stdout
    payload = json.loads(invoke(["config", "--format", "json", "team"], nested).stdout)
    assert payload["config-files"] == [
        str(nested / "team" / ".restorelint.toml"),
        str(nested / "pyproject.toml"),
    ]
    assert payload["settings"]["deny"] == ["rockstar"]


def test_an_extend_cycle_or_missing_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Sam is lazy.\n", "utf-8")
    (tmp_path / ".restorelint.toml").write_text('extend = "base.toml"\n', "utf-8")
    missing = invoke(["check", "a.md"], tmp_path)
    assert missing.exit_code == 2
    assert f"{tmp_path / '.restorelint.toml'}: extend: no such file: base.toml" in missing.stderr
    (tmp_path / "base.toml").write_text('extend = ".restorelint.toml"\n', "utf-8")
    cycle = invoke(["check", "a.md"], tmp_path)
    assert cycle.exit_code == 2 and "extends itself" in cycle.stderr


def test_restorelint_yaml_is_read_like_the_toml_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(REVIEW, "utf-8")
    (tmp_path / ".restorelint.yaml").write_text(
        "select: [threat]\nseverity: {threat: warning}\nfail-on: error\n", "utf-8"
    )
    result = invoke(["check", "--format", "json", "a.md"], tmp_path)
    assert [f[1] for f in findings(result)] == ["RL130"]
    assert result.exit_code == 0  # a warning now, below fail-on: error
    (tmp_path / ".restorelint.yaml").write_text("select: threat\n", "utf-8")
    broken = invoke(["check", "a.md"], tmp_path)
    assert broken.exit_code == 2
    assert f"{tmp_path / '.restorelint.yaml'}: select: " in broken.stderr


def test_two_restorelint_files_in_one_folder_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(REVIEW, "utf-8")
    (tmp_path / ".restorelint.yaml").write_text("select: [threat]\n", "utf-8")
    (tmp_path / ".restorelint.toml").write_text('select = ["blame"]\n', "utf-8")
    result = invoke(["check", "a.md"], tmp_path)
    assert result.exit_code == 2
    assert ".restorelint.toml and .restorelint.yaml are both here; keep one" in result.stderr


def test_disable_line_comment_silences_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "review.md").write_text(
        "Sam is lazy. <!-- restorelint-disable-line RL110 -->\n"
        "Sam is lazy.\n"
        "You failed again. <!-- restorelint-disable-line judgment -->\n",
        encoding="utf-8",
    )
    result = invoke(["check", "--isolated", "--format", "json", "review.md"], tmp_path)
    assert [(f[1], f[3]) for f in findings(result)] == [
        ("RL110", 2),
        ("RL101", 3),  # the comment names another category
    ]


@pytest.mark.parametrize(
    "path",
    ["review.md", "letter.html", "note.txt", "mail.eml", *(f"t{s}" for s in templates.SUFFIXES)],
)
def test_the_ignore_directive_written_for_each_format_silences_the_finding(path: str) -> None:
    from restorelint.fix.edits import apply
    from restorelint.read.formats import detect

    text = "Intro line.\nThanks, but Sam is lazy with tickets.  \nSam is lazy.\n"
    if path.endswith(".html"):
        text = "<p>Intro.</p>\n<p>Thanks, but Sam is lazy with tickets.</p>\n<p>Sam is lazy.</p>\n"
    first, second = restorelint.lint_text(text, path=path)
    edit = ignore_edit(text, first, path, detect(path))
    fixed = apply(text, [edit])
    assert fixed.splitlines()[1].startswith(text.splitlines()[1].rstrip())
    left = restorelint.lint_text(fixed, path=path)
    assert [(f.rule, f.line) for f in left] == [(second.rule, second.line)], fixed
    assert fixed.count("restorelint") == 1
