"""Configuration a team writes once: which rules, how severe, which files, their
own rules and words. Run through the command, as a team's CI runs it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from restorelint.cli import main

TEAM_RULE = (ROOT / "tests" / "test_rule_files.py").read_text(encoding="utf-8")
TEAM_RULE = TEAM_RULE.split('GOOD_RULE = """\\\n', 1)[1].split('"""', 1)[0]
REVIEW = (
    "Sam is lazy. This PR is a dumpster fire.\n"
    "Our rockstar shipped it. This is your final warning.\n"
    "How many times do I have to tell you?\n"
)
PYPROJECT = """\
[project]
name = "reviews"

[tool.restorelint]
ignore = ["passive-aggressive"]
severity = { RL110 = "warning", threat = "info" }
per-file-ignores = { "archive/*.md" = ["judgment"] }
extend-exclude = ["drafts/"]
extend-rules = "team-rules"
allow = ["final warning"]
deny = ["rockstar"]
fail-on = "warning"
"""


def invoke(args: list[str], cwd: Path, stdin: str | None = None):  # type: ignore[no-untyped-def]
    """Run the command in-process (the model loads once per session) from ``cwd``."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)


def findings(result) -> list[tuple[str, str, str, int, int]]:  # type: ignore[no-untyped-def]
    payload = json.loads(result.stdout)
    return [
        (Path(f["path"]).as_posix(), f["rule"], f["severity"], f["line"], f["column"])
        for f in payload["findings"]
    ]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "team-rules").mkdir()
    (root / "team-rules" / "team-word.yaml").write_text(TEAM_RULE, encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for folder in ("q3", "archive", "drafts"):
        (root / folder).mkdir()
        (root / folder / "review.md").write_text(REVIEW, encoding="utf-8")
    (root / ".gitignore").write_text("private/\n", encoding="utf-8")
    (root / "private").mkdir()
    (root / "private" / "notes.md").write_text(REVIEW, encoding="utf-8")
    return root


def test_team_configuration_takes_effect(repo: Path) -> None:
    result = invoke(["check", "--format", "json", "."], repo)
    assert result.exit_code == 1, result.output
    assert findings(result) == [
        # archive/: judgment ignored for that folder only
        ("archive/review.md", "TM001", "warning", 1, 27),  # the team's own rule fires
        ("archive/review.md", "RL900", "warning", 2, 5),  # a word on the deny list
        ("q3/review.md", "RL110", "warning", 1, 8),  # severity lowered from error
        ("q3/review.md", "TM001", "warning", 1, 27),
        ("q3/review.md", "RL900", "warning", 2, 5),
        # not here: "final warning" (allowed), "How many times" (passive-aggressive
        # ignored), drafts/ (extend-exclude), private/ (.gitignore)
    ]


def test_command_line_flags_override_the_file(repo: Path) -> None:
    only_blame = invoke(["check", "--format", "json", "--select", "judgment", "q3"], repo)
    assert [f[1] for f in findings(only_blame)] == ["RL110", "RL900"]  # deny: see README
    # fail-on = "warning" in the file; --fail-on error: these warnings pass
    relaxed = invoke(["check", "--fail-on", "error", "q3"], repo)
    assert relaxed.exit_code == 0, relaxed.output
    assert "RL110" in relaxed.stdout  # still reported, just not failing


def test_fail_on_in_the_file(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        PYPROJECT.replace('fail-on = "warning"', 'fail-on = "error"'), "utf-8"
    )
    result = invoke(["check", "q3"], repo)
    assert result.exit_code == 0 and "RL110" in result.stdout


def test_explicit_files_are_linted_unless_force_exclude(repo: Path) -> None:
    named = invoke(["check", "--format", "json", "drafts/review.md"], repo)
    assert named.exit_code == 1 and findings(named)
    forced = invoke(["check", "--force-exclude", "drafts/review.md", "private/notes.md"], repo)
    assert forced.exit_code == 0
    assert "every input is excluded" in forced.stderr


def test_nearest_configuration_wins_and_restorelint_toml_first(repo: Path) -> None:
    (repo / "q3" / ".restorelint.toml").write_text('select = ["threat"]\n', "utf-8")
    (repo / "q3" / "pyproject.toml").write_text('[tool.restorelint]\nselect = ["blame"]\n', "utf-8")
    result = invoke(["check", "--format", "json", "q3/review.md", "archive/review.md"], repo)
    # q3/ now selects threats only; its final warning is back (no allow list there)
    assert [f[:2] for f in findings(result) if f[0].startswith("q3")] == [("q3/review.md", "RL130")]
    assert any(f[0].startswith("archive") for f in findings(result))
    isolated = invoke(["check", "--format", "json", "--isolated", "archive/review.md"], repo)
    assert "RL110" in [f[1] for f in findings(isolated)]


def test_config_command_prints_the_effective_configuration(repo: Path) -> None:
    text = invoke(["config", "archive/review.md"], repo)
    assert text.exit_code == 0, text.output
    assert f"# from: {repo / 'pyproject.toml'} [tool.restorelint]" in text.stdout
    assert "# input format: markdown; excluded: no" in text.stdout
    assert 'deny = ["rockstar"]' in text.stdout and 'fail-on = "warning"' in text.stdout
    assert '"archive/*.md" = ["judgment"]' in text.stdout
    payload = json.loads(invoke(["config", "--format", "json", "drafts/review.md"], repo).stdout)
    assert payload["excluded"] is True and payload["settings"]["extend-exclude"] == ["drafts/"]
    defaults = invoke(["config", "--isolated", "."], repo)
    assert "# from: defaults" in defaults.stdout


@pytest.mark.parametrize(
    ("config", "key", "problem"),
    [
        ('fail-on = "fatal"\n', "tool.restorelint.fail-on", "'fatal' is not one of"),
        ('selcet = ["RL1"]\n', "tool.restorelint.selcet", "did you mean 'select'"),
        ('select = "RL1"\n', "tool.restorelint.select", "is not of type 'array'"),
        ('severity = { RL110 = "loud" }\n', "tool.restorelint.severity.RL110", "'loud'"),
        ('extend-rules = "nope"\n', "tool.restorelint.extend-rules", "no such folder: nope"),
        (
            'per-file-ignores = { "a/*" = "RL1" }\n',
            "tool.restorelint.per-file-ignores.a/*",
            "array",
        ),
    ],
)
def test_a_broken_configuration_names_file_and_key(
    tmp_path: Path, config: str, key: str, problem: str
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.restorelint]\n" + config, "utf-8")
    (tmp_path / "a.md").write_text("Sam is lazy.\n", "utf-8")
    result = invoke(["check", "a.md"], tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / 'pyproject.toml'}: {key}: " in result.stderr
    assert problem in result.stderr


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".restorelint.toml").write_text("select = [RL1]\n", "utf-8")
    (tmp_path / "a.md").write_text("Sam is lazy.\n", "utf-8")
    result = invoke(["check", "a.md"], tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / '.restorelint.toml'}: not valid TOML" in result.stderr
    assert "line 1" in result.stderr


def test_broken_or_clashing_team_rules_fail_with_the_rule_file(repo: Path) -> None:
    rule = repo / "team-rules" / "team-word.yaml"
    rule.write_text(TEAM_RULE.replace("severity: warning", "severity: loud"), "utf-8")
    broken = invoke(["check", "q3"], repo)
    assert broken.exit_code == 2
    assert f"{rule} (field 'severity')" in broken.stderr
    rule.write_text(TEAM_RULE.replace("TM001", "RL110"), "utf-8")
    clash = invoke(["check", "q3"], repo)
    assert clash.exit_code == 2 and "id RL110 is already used by" in clash.stderr


def test_unknown_rule_ids_warn_but_do_not_fail(tmp_path: Path) -> None:
    (tmp_path / ".restorelint.toml").write_text('ignore = ["RL999", "blame"]\n', "utf-8")
    (tmp_path / "a.md").write_text("Sam is lazy.\n", "utf-8")
    result = invoke(["check", "--select", "judgement,judgment", "a.md"], tmp_path)
    assert result.exit_code == 1
    assert f"{tmp_path / '.restorelint.toml'}: ignore: no rule matches 'RL999'" in result.stderr
    assert "command line: --select: no rule matches 'judgement'" in result.stderr


def test_rules_and_explain_include_team_rules(repo: Path) -> None:
    assert "TM001  team-word" in invoke(["rules"], repo).stdout
    assert "dumpster fire" in invoke(["explain", "TM001"], repo).stdout


def test_an_explicit_config_file_applies_to_every_input(repo: Path, tmp_path: Path) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text('select = ["threat"]\n', "utf-8")
    result = invoke(["check", "--format", "json", "--config", str(strict), "q3", "drafts"], repo)
    assert [f[:2] for f in findings(result)] == [
        ("q3/review.md", "RL130"),  # "final warning" is no longer allowed
        ("drafts/review.md", "RL130"),  # and drafts/ no longer excluded
    ]
    missing = invoke(["check", "--config", str(tmp_path / "nope.toml"), "q3"], repo)
    assert missing.exit_code == 2 and "nope.toml: no such file" in missing.stderr
