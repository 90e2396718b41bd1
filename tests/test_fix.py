"""--fix, --diff and --unsafe-fixes: only allowed edits, every other byte kept,
atomic writes that fail cleanly."""

from __future__ import annotations

import codecs
import os
import resource
import signal
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import restorelint_command

import restorelint.fix.write
from restorelint.cli import main
from restorelint.fix.edits import apply, finding_edit
from restorelint.records import Edit, Finding

# Everything a careless rewrite of a file would disturb: a byte order mark,
# CRLF line ends, tabs, trailing spaces, code, non-ASCII text, no final newline.
TRICKY = (
    "Re: PR #12 — café checkout\r\n"
    "\r\n"
    "Obviously, you should pin the API contract.\t \r\n"
    "```\r\n"
    "obviously = True  # code is never linted\r\n"
    "```\r\n"
    "The cache is fine, and you clearly didn't read the ticket.  \r\n"
    "Thanks — naïve retries are gone."
)
FIXED = (
    "Re: PR #12 — café checkout\r\n"
    "\r\n"
    "You should pin the API contract.\t \r\n"
    "```\r\n"
    "obviously = True  # code is never linted\r\n"
    "```\r\n"
    "The cache is fine, and you didn't read the ticket.  \r\n"
    "Thanks — naïve retries are gone."
)


def _adverb(text: str, word: str) -> Finding:
    start = text.index(word)
    return Finding(
        path="t",
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        start=start,
        end=start + len(word),
        rule="RL150",
        name="condescending-adverb",
        category="condescension",
        severity="info",
        text=word,
        message="",
        suggestion="",
        applicability="safe",
        replacement="",
    )


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Obviously, you should rebase it.", "Obviously", "You should rebase it."),
        ("Obviously you should rebase it.", "Obviously", "You should rebase it."),
        (
            "It works, and obviously you should rebase it.",
            "obviously",
            "It works, and you should rebase it.",
        ),
        ("You should rebase it, obviously.", "obviously", "You should rebase it."),
        ("You clearly didn't read it.", "clearly", "You didn't read it."),
        ("Done. Clearly, your summary is wrong.", "Clearly", "Done. Your summary is wrong."),
    ],
)
def test_a_deleted_word_takes_its_space_comma_and_capital_with_it(
    text: str, word: str, expected: str
) -> None:
    edit = finding_edit(text, _adverb(text, word))
    assert edit is not None and apply(text, [edit]) == expected


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(ValueError):
        apply("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_fix_changes_only_the_flagged_words(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    target.write_bytes(codecs.BOM_UTF8 + TRICKY.encode("utf-8"))
    os.chmod(target, 0o640)
    result = CliRunner().invoke(main, ["check", "--fix", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == codecs.BOM_UTF8 + FIXED.encode("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert "applied 2 fixes in 1 file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.md"]  # no temp files left


def test_fix_leaves_display_only_findings_and_reports_them(tmp_path: Path) -> None:
    target = tmp_path / "msg.txt"
    target.write_text("You failed to update the docs, obviously.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--fix", "--format", "json", str(target)])
    assert target.read_text(encoding="utf-8") == "You failed to update the docs.\n"
    assert result.exit_code == 1
    assert "RL101" in result.stdout and "RL150" not in result.stdout


def test_diff_shows_the_fix_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "msg.txt"
    target.write_text("Thanks!\nObviously you should rebase it.\n", encoding="utf-8")
    before = target.read_bytes()
    result = CliRunner().invoke(main, ["check", "--diff", str(target)])
    assert result.exit_code == 1
    assert f"--- a/{str(target).lstrip('/')}" in result.stdout
    assert "-Obviously you should rebase it.\n+You should rebase it.\n" in result.stdout
    assert target.read_bytes() == before
    clean = tmp_path / "clean.txt"
    clean.write_text("The build is green.", encoding="utf-8")
    nothing = CliRunner().invoke(main, ["check", "--diff", str(clean)])
    assert nothing.exit_code == 0 and nothing.stdout == ""


def test_unsafe_fixes_apply_complete_rewrites_only(tmp_path: Path) -> None:
    target = tmp_path / "msg.txt"
    target.write_text(
        "You messed up the migration again.\n\nThis is your final warning.\n", encoding="utf-8"
    )
    safe_only = CliRunner().invoke(main, ["check", "--diff", str(target)])
    assert safe_only.stdout == ""  # nothing here is safe to fix
    unsafe = CliRunner().invoke(main, ["check", "--diff", "--unsafe-fixes", str(target)])
    assert "+The migration went wrong again." in unsafe.stdout
    # The threat has no words of its own to keep: its rewrite is a bare frame,
    # shown by `rewrite`, never written into the file.
    assert "-This is your final warning." not in unsafe.stdout
    refused = CliRunner().invoke(main, ["check", "--unsafe-fixes", str(target)])
    assert refused.exit_code == 2 and "--fix or --diff" in refused.output


def test_fix_on_stdin_prints_the_fixed_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--fix", "--no-checklist", "-"], input="Obviously, you should rebase.\n"
    )
    assert result.stdout == "You should rebase.\n"
    assert "No punitive phrasing found" in result.stderr


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def test_a_failed_replace_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # As root (CI), chmod cannot make a file unwritable; make the replace step fail.
    target = tmp_path / "review.md"
    target.write_text("Obviously you should rebase it.\n", encoding="utf-8")
    before = _snapshot(tmp_path)

    def refuse(src, dst):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(restorelint.fix.write.os, "replace", refuse)
    result = CliRunner().invoke(main, ["check", "--fix", str(target)])
    assert result.exit_code == 2
    assert "could not write the fix: Permission denied; file unchanged" in result.stderr
    assert _snapshot(tmp_path) == before  # the original intact, no temp file left


def test_a_write_that_runs_out_of_space_leaves_the_file_as_it_was(tmp_path: Path, cli_env) -> None:  # type: ignore[no-untyped-def]
    # A real failure, even as root: the file-size limit makes the temp file's
    # write fail (EFBIG) as a full disk would.
    target = tmp_path / "review.md"
    target.write_text("Obviously you should rebase it.\n" * 40, encoding="utf-8")
    before = _snapshot(tmp_path)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))

    proc = subprocess.run(
        [*restorelint_command(), "check", "--fix", str(target)],
        capture_output=True,
        env={**cli_env, "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=limit,
        timeout=120,
        check=False,
    )
    stderr = proc.stderr.decode()
    assert proc.returncode == 2, stderr
    assert "could not write the fix" in stderr and "file unchanged" in stderr
    assert _snapshot(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_a_read_only_directory_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    target.write_text("Obviously you should rebase it.\n", encoding="utf-8")
    tmp_path.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["check", "--fix", str(target)])
    finally:
        tmp_path.chmod(0o755)
    assert result.exit_code == 2 and "file unchanged" in result.stderr
    assert target.read_text(encoding="utf-8") == "Obviously you should rebase it.\n"


def test_a_file_changed_since_it_was_linted_is_not_fixed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "review.md"
    target.write_text("Obviously you should rebase it.\n", encoding="utf-8")
    real = restorelint.fix.write.write_fixed

    def edited_meanwhile(source, new):  # type: ignore[no-untyped-def]
        Path(source.path).write_text("Someone else's edit.\n", encoding="utf-8")
        return real(source, new)

    monkeypatch.setattr(restorelint.fix.write, "write_fixed", edited_meanwhile)
    result = CliRunner().invoke(main, ["check", "--fix", str(target)])
    assert result.exit_code == 2 and "changed since it was linted" in result.stderr
    assert target.read_text(encoding="utf-8") == "Someone else's edit.\n"
