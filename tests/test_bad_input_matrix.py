"""The installed command over every kind of bad input issue 16 lists: each is one
line on stderr naming the file, the other inputs are still linted, the exit code
says what happened, and nothing prints a traceback or hangs.

The file-level cases run in one command (the FIFOs must not block it); each
broken configuration, team rule and baseline runs on its own; closed and broken
standard streams last.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import restorelint_command
from helpers import clean_env

# Each case starts the installed command (about half a second each): the
# matrix runs in the slow set, which CI runs; tests/test_reliability.py covers
# the same ground in-process in the quick run.
pytestmark = pytest.mark.slow

PUNITIVE = "You failed to run the tests again, and Sam is lazy.\n"
TIMEOUT = 120  # a hang fails the test instead of the run


def _run(args: list[str], cwd: Path, **popen: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        restorelint_command() + args,
        capture_output=True,
        cwd=cwd,
        env=clean_env(NO_COLOR="1"),
        timeout=TIMEOUT,
        check=False,
        **popen,  # type: ignore[arg-type]
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def _no_crash(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr


def _zip_bomb(path: Path) -> None:
    """An archive of a few kilobytes that would inflate to 300 MiB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (4 * 1024 * 1024)
            for _ in range(75):
                member.write(chunk)


def _remove_deep_tree(root: Path) -> None:
    """Bottom up, without recursion (pytest's own clean-up recurses, and a tree
    this deep exceeds Python's recursion limit)."""
    folders = [root]
    while (folders[-1] / "d").is_dir():
        folders.append(folders[-1] / "d")
    for folder in reversed(folders):
        for item in folder.iterdir():
            if not item.is_dir():
                item.unlink()
        folder.rmdir()


def _deep_tree(root: Path, depth: int) -> Path:
    root.mkdir()
    current = root
    for _ in range(depth):
        current = current / "d"
        current.mkdir()
    (current / "deep.md").write_text(PUNITIVE, encoding="utf-8")
    return current / "deep.md"


# name -> (make the input in the folder, what its stderr line says)
FILE_CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "binary.txt": (lambda p: p.write_bytes(b"\x00\x01\x02PNG" * 100), "binary file"),
    "latin1.txt": (lambda p: p.write_bytes("Sie sind faul, café".encode("latin-1")), "not UTF-8"),
    "utf16-bom.txt": (lambda p: p.write_bytes("You are lazy.".encode("utf-16")), "UTF-16"),
    "utf16-be.txt": (
        lambda p: p.write_bytes(b"\xfe\xff" + "You are lazy.".encode("utf-16-be")),
        "UTF-16",
    ),
    "utf16-nobom.txt": (lambda p: p.write_bytes("You are lazy.".encode("utf-16-le")), "binary"),
    "empty.md": (lambda p: p.write_bytes(b""), "empty file"),
    "huge.txt": (lambda p: p.write_bytes(b"a " * (3 * 1024 * 1024)), "too large"),
    "loop-a.md": (lambda p: p.symlink_to(p.parent / "loop-b.md"), "symbolic links"),
    "loop-b.md": (lambda p: p.symlink_to(p.parent / "loop-a.md"), "symbolic links"),
    "broken-link.md": (lambda p: p.symlink_to(p.parent / "nowhere.md"), "broken symbolic link"),
    "fifo.md": (lambda p: os.mkfifo(p), "a FIFO"),
    "bomb.docx": (_zip_bomb, "zip bomb"),
    "not-a-zip.docx": (lambda p: p.write_bytes(b"PK\x03\x04 broken"), "not a readable .docx"),
    "missing.md": (lambda p: None, "no such file"),
}
# Found by walking a folder (not named): reported the same way.
WALKED_CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "walked-fifo.md": (lambda p: os.mkfifo(p), "a FIFO"),
    "walked-socket.md": (lambda p: _socket(p), "a socket"),
    "walked-loop.md": (lambda p: p.symlink_to(p), "symbolic links"),
}
# Markup that defeated a parser before: linted, never fatal.
MARKUP_CASES = {
    "marked.html": "<p>You are lazy <![if !IE]> and <![ unclosed <![CDATA[ x</p>",
    "html-block.md": "You failed to test it.\n\n<div>\n<![x]> you are lazy\n</div>\n",
    "mail.html.j2": "<p>{{ name }} is lazy <![endif]></p> {% if x %}",
    "unclosed.html": "<p>You failed again</p>" + "<!--<a " * 2000,
    "nested.md": ">" * 5000 + " you are lazy\n" + "[" * 5000 + "![" * 5000,
}


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # the file stays after close


def test_every_bad_file_is_one_line_and_the_rest_is_linted(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(PUNITIVE, encoding="utf-8")
    for name, (make, _) in FILE_CASES.items():
        make(tmp_path / name)
    walked = tmp_path / "walked"
    walked.mkdir()
    (walked / "ok.md").write_text(PUNITIVE, encoding="utf-8")
    (walked / "self").symlink_to(walked)  # a folder loop: never followed
    for name, (make, _) in WALKED_CASES.items():
        make(walked / name)
    for name, text in MARKUP_CASES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    deep = _deep_tree(tmp_path / "tree", 1_100)

    named = ["good.md", "good.md", str(tmp_path / "good.md"), *FILE_CASES, *MARKUP_CASES]
    try:
        result = _run(["check", "--format", "json", *named, "walked", "tree"], tmp_path)
    finally:
        _remove_deep_tree(tmp_path / "tree")
    _no_crash(result)
    # missing.md fails the run (exit 2, as in ruff), yet every other input is
    # still linted and reported
    assert result.returncode == 2, result.stderr
    report = json.loads(result.stdout)
    linted = {Path(f["path"]).name for f in report["findings"]}
    assert {"good.md", "ok.md", deep.name} <= linted
    assert {"marked.html", "html-block.md", "mail.html.j2", "unclosed.html"} <= linted
    lines = result.stderr.splitlines()
    for name, (_, phrase) in {**FILE_CASES, **WALKED_CASES}.items():
        mine = [line for line in lines if re.search(rf"(: |/){re.escape(name)}:", line)]
        assert len(mine) == 1, (name, lines)
        assert phrase in mine[0], (name, mine[0])
    # named three times (twice the same way, once absolute): linted once
    assert sum(Path(f["path"]).name == "good.md" for f in report["findings"]) == 2


BAD_TOML = {
    "tool-string": ('tool = "string"\n', "tool: must be a table"),
    "tool-int": ("tool = 1\n", "tool: must be a table"),
    "table-int": ("[tool]\nrestorelint = 5\n", "tool.restorelint: must be a table"),
    "deep-arrays": ("x = " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
    "bad-glob": ('[tool.restorelint]\nexclude = ["!"]\n', "tool.restorelint.exclude"),
    "bad-glob-pfi": (
        '[tool.restorelint.per-file-ignores]\n"\\\\" = ["RL1"]\n',
        "per-file-ignores",
    ),
    "escape": ('[tool.restorelint]\nextend-rules = "../.."\n', "outside the configuration"),
    "fail-on": ('[tool.restorelint]\nfail-on = "fatal"\n', "tool.restorelint.fail-on"),
    "select-type": ("[tool.restorelint]\nselect = 5\n", "tool.restorelint.select"),
}

TEAM_RULE = """\
id: TM001
name: team-word
category: harsh
severity: warning
message: m
why: w
kind: {kind}
suggest: {{text: t, applicability: display-only}}
examples: {{flag: [{{text: "you rockstar", rewrite: "b"}}], pass: ["c"]}}
{extra}
"""
_BOMB = "\n".join(
    [
        "options:",
        '  a: &a ["w","w","w","w","w","w","w","w","w"]',
        *(
            f"  {n}: &{n} [{','.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdef", "bcdefg", strict=True)
        ),
        "  words: [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
    ]
)
BAD_TEAM_RULES = {
    "bad-regex": ("token", 'patterns: [[{"TEXT": {"REGEX": "(unclosed"}}]]', "does not compile"),
    "slow-regex": ("token", 'patterns: [[{"TEXT": {"REGEX": "(a+)+$"}}]]', "exponential"),
    "no-check": ("python", "check: no_such_check", "no built-in check"),
    "private-check": ("python", "check: __init__", "no built-in check"),
    "bad-options": ("python", "check: person_trait\noptions: {words: 5}", "options.words"),
    "alias-bomb": ("python", "check: person_trait\n" + _BOMB, "aliases are expanded"),
    "deep-yaml": ("token", "patterns: " + "[" * 200 + "]" * 200, "nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(BAD_TOML))
def test_a_broken_configuration_is_one_line_naming_file_and_key(case: str, tmp_path: Path) -> None:
    text, phrase = BAD_TOML[case]
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "review.md").write_text(PUNITIVE, encoding="utf-8")
    result = _run(["check", "--config", "pyproject.toml", "review.md"], tmp_path)
    _no_crash(result)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pyproject.toml" in result.stderr, result.stderr
    assert phrase in result.stderr


@pytest.mark.parametrize("case", sorted(BAD_TEAM_RULES))
def test_a_broken_team_rule_is_one_line_naming_file_and_field(case: str, tmp_path: Path) -> None:
    kind, extra, phrase = BAD_TEAM_RULES[case]
    (tmp_path / "rules").mkdir()
    rule = TEAM_RULE.format(kind=kind, extra=extra)
    (tmp_path / "rules" / "team-word.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / ".restorelint.toml").write_text('extend-rules = "rules"\n', encoding="utf-8")
    (tmp_path / "review.md").write_text(PUNITIVE, encoding="utf-8")
    result = _run(["check", "review.md"], tmp_path)
    _no_crash(result)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "team-word.yaml" in result.stderr, result.stderr
    assert phrase in result.stderr


BAD_BASELINES: dict[str, tuple[Callable[[Path], None], str]] = {
    "nested": (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    "not-json": (lambda p: p.write_text("{"), "not JSON"),
    "fifo": (lambda p: os.mkfifo(p), "not a regular file"),
    "wrong-shape": (
        lambda p: p.write_text('{"baseline_version": 1, "fingerprint": "v1", "findings": [1]}'),
        "must be an object",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_BASELINES))
def test_a_broken_baseline_is_one_clear_error(case: str, tmp_path: Path) -> None:
    make, phrase = BAD_BASELINES[case]
    make(tmp_path / "base.json")
    (tmp_path / "review.md").write_text(PUNITIVE, encoding="utf-8")
    result = _run(["check", "--baseline", "base.json", "review.md"], tmp_path)
    _no_crash(result)
    assert result.returncode == 2 and phrase in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args", [["check", "-"], ["check"], ["rewrite", "-"]], ids=["check-", "check", "rewrite-"]
)
def test_closed_stdin_is_one_line_and_exit_2(args: list[str], tmp_path: Path) -> None:
    result = _run(args, tmp_path, stdin=None, preexec_fn=lambda: os.close(0))
    _no_crash(result)
    assert result.returncode == 2
    assert "cannot read standard input" in result.stderr, result.stderr


def test_closed_stdout_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("Thanks for the update.\n", encoding="utf-8")
    result = _run(["check", "note.md"], tmp_path, preexec_fn=lambda: os.close(1))
    _no_crash(result)
    assert result.returncode == 2 and "standard output is closed" in result.stderr


@pytest.mark.parametrize("lines", [1, 2000], ids=["flushed-at-exit", "written-at-once"])
def test_a_reader_that_stops_early_ends_the_run_quietly(lines: int, tmp_path: Path) -> None:
    # `restorelint check … | head -1`: the pipe closes before the report is written.
    (tmp_path / "note.md").write_text("Thanks for the update.\n" * lines, encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [*restorelint_command(), "check", "--format", "json", "note.md"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=clean_env(NO_COLOR="1"),
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "", proc.stderr


def test_a_path_that_is_not_utf8_is_reported_in_every_format(tmp_path: Path) -> None:
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text(PUNITIVE, encoding="utf-8")
    for fmt in ("text", "concise", "json", "sarif", "github", "junit"):
        result = _run(["check", "--format", fmt, "."], tmp_path)
        _no_crash(result)
        assert result.returncode == 1, (fmt, result.stderr)
        if fmt == "json":
            assert json.loads(result.stdout)["findings"][0]["path"] == "caf\\xe9.md"
        elif fmt == "sarif":
            located = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]
            assert located["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.md"
        else:
            assert "caf\\xe9.md" in result.stdout, fmt
