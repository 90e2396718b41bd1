"""The installed command, run as a user runs it: files, stdin, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, restorelint_command

from restorelint.cli import main

PUNITIVE = "You failed to update the docs before the release. This is your final warning.\n"
CLEAN = "The docs weren't updated before the release. What got in the way?\n"


def run(
    args: list[str], env: dict[str, str], stdin: str | bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        restorelint_command() + args,
        input=data,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
    )


def test_check_example_file_shows_findings_with_suggestions(cli_env) -> None:  # type: ignore[no-untyped-def]
    result = run(["check", str(ROOT / "examples" / "review-comment.md")], cli_env)
    assert result.returncode == 1, result.stderr
    assert "review-comment.md:" in result.stdout
    assert "try:" in result.stdout and "^" in result.stdout
    assert "Traceback" not in result.stderr


def test_stdin_clean_message_exits_zero(cli_env) -> None:  # type: ignore[no-untyped-def]
    result = run(["check", "-"], cli_env, stdin=CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No punitive phrasing found" in result.stdout


def test_json_output_schema(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "msg.txt"
    target.write_text(PUNITIVE, encoding="utf-8")
    result = run(["check", "--format", "json", str(target)], cli_env)
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["summary"] == {"files": 1, "findings": 2, "errors": 0}
    first = payload["findings"][0]
    for key in (
        "path",
        "rule",
        "name",
        "category",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "message",
        "suggestion",
    ):
        assert key in first
    assert (first["rule"], first["line"], first["column"], first["text"]) == (
        "RL101",
        1,
        1,
        "You failed",
    )


def test_bad_inputs_are_reported_and_the_rest_still_linted(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text(PUNITIVE, encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\xe9: you failed".encode("latin-1"))
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    result = run(
        ["check", str(tmp_path / "missing.md"), str(binary), str(latin), str(empty), str(good)],
        cli_env,
    )
    # a path that does not exist fails the run (a typo must not pass); the rest is
    # still linted and reported
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any("missing.md: no such file or directory" in line for line in lines)
    assert any("photo.txt: binary file" in line for line in lines)
    assert any("latin1.txt: not UTF-8 text (byte 0xe9 at offset 3)" in line for line in lines)
    assert any("empty.md: empty file" in line for line in lines)
    assert "good.txt:1:1" in result.stdout


def test_nothing_lintable_exits_two(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    result = run(["check", str(tmp_path / "nope.txt"), str(tmp_path)], cli_env)
    assert result.returncode == 2
    assert "nope.txt: no such file or directory" in result.stderr
    assert "directory holds no text files" in result.stderr
    assert "Traceback" not in result.stderr


def test_directories_are_walked_for_text_files(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "team" / "q3").mkdir(parents=True)
    (tmp_path / "team" / "q3" / "review.md").write_text(PUNITIVE, encoding="utf-8")
    (tmp_path / "team" / "notes.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "team" / "script.py").write_text("# you failed\n", encoding="utf-8")
    result = run(["check", "--format", "json", str(tmp_path)], cli_env)
    payload = json.loads(result.stdout)
    assert payload["summary"]["files"] == 2
    assert {Path(f["path"]).name for f in payload["findings"]} == {"review.md"}


def test_unreadable_file_is_one_clear_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Runs in-process: as root (CI) chmod cannot make a file unreadable.
    secret = tmp_path / "secret.txt"
    secret.write_text(PUNITIVE, encoding="utf-8")
    real_open = os.open

    def deny(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = CliRunner().invoke(main, ["check", str(secret)])
    assert result.exit_code == 2
    assert "secret.txt: permission denied" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_rules_explain_and_version(cli_env) -> None:  # type: ignore[no-untyped-def]
    listing = run(["rules"], cli_env)
    assert (
        listing.returncode == 0
        and "RL101" in listing.stdout
        and "you-failure-verb" in listing.stdout
    )
    explained = run(["explain", "RL110"], cli_env)
    assert explained.returncode == 0
    assert "Why it reads as punitive" in explained.stdout and "✓" in explained.stdout
    unknown = run(["explain", "RL999"], cli_env)
    assert unknown.returncode == 2 and "no rule 'RL999'" in unknown.stderr
    version = run(["--version"], cli_env)
    assert version.returncode == 0 and "restorelint" in version.stdout


def test_select_and_ignore_by_category_and_id(cli_env) -> None:  # type: ignore[no-untyped-def]
    only_threats = run(
        ["check", "--format", "json", "--select", "threat", "-"], cli_env, stdin=PUNITIVE
    )
    assert [f["rule"] for f in json.loads(only_threats.stdout)["findings"]] == ["RL130"]
    without = run(
        ["check", "--format", "json", "--ignore", "RL13,blame", "-"], cli_env, stdin=PUNITIVE
    )
    assert without.returncode == 0 and json.loads(without.stdout)["findings"] == []
