"""What a user sees when things go wrong around restorelint: folders it may not
read, a crash inside it, a poisoned cache, a fix that must not lose work."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_bad_input_matrix import BAD_BASELINES, BAD_TOML

import restorelint
import restorelint.fix.write
from restorelint.catalog.rules import default_rules
from restorelint.cli import main
from restorelint.fix.write import TEMP_PREFIX, TEMP_SUFFIX
from restorelint.records import Source
from restorelint.run.cache import Cache
from restorelint.run.pipeline import Pipeline

PUNITIVE = "You failed to run the tests again, and Sam is lazy.\n"


def _deny_listing(monkeypatch, denied: Path, unsearchable: Path | None = None) -> None:  # type: ignore[no-untyped-def]
    """Mode bits do not stop root (CI), so the file system's answers are replaced."""
    real_scandir, real_access = os.scandir, os.access

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    def access(path, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if unsearchable is not None and Path(path) == unsearchable and mode == os.X_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "access", access)


def test_unreadable_and_unsearchable_folders_are_reported_not_skipped(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    for name in ("ok", "locked", "blind"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "review.md").write_text(PUNITIVE, encoding="utf-8")
    _deny_listing(monkeypatch, tmp_path / "locked", tmp_path / "blind")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1  # the readable folder still linted: its findings decide
    assert "locked: cannot list this directory (permission denied)" in result.stderr
    assert "blind: cannot search this directory (permission denied)" in result.stderr
    assert {Path(f["path"]).parent.name for f in json.loads(result.stdout)["findings"]} == {"ok"}


def test_an_unreadable_folder_named_alone_is_exit_2_not_an_empty_folder(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "review.md").write_text(PUNITIVE, encoding="utf-8")
    _deny_listing(monkeypatch, tmp_path)
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "cannot list this directory" in result.stderr
    assert "holds no text files" not in result.stderr


def test_an_internal_error_is_exit_3_with_one_line(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "review.md").write_text(PUNITIVE, encoding="utf-8")

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("simulated bug")

    monkeypatch.setattr("restorelint.cli.check.check", broken)
    monkeypatch.delenv("RESTORELINT_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "review.md")])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        "restorelint: internal error (RuntimeError: simulated bug); this is a bug in "
        "restorelint, not a finding; run with RESTORELINT_DEBUG=1 for the traceback"
    ]
    debug = CliRunner().invoke(main, ["--debug", "check", str(tmp_path / "review.md")])
    assert debug.exit_code == 3 and "Traceback" in debug.stderr


def test_a_markup_parser_failure_is_that_document_s_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import restorelint.read.formats.html as html

    (tmp_path / "bad.html").write_text("<p>broken</p>", encoding="utf-8")
    (tmp_path / "good.md").write_text(PUNITIVE, encoding="utf-8")
    real = html.blocks

    def fragile(view):  # type: ignore[no-untyped-def]
        if "broken" in view.text:
            raise ValueError("the parser gave up")
        return real(view)

    monkeypatch.setattr(html, "blocks", fragile)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert [Path(e["path"]).name for e in payload["errors"]] == ["bad.html"]
    assert "ValueError: the parser gave up" in payload["errors"][0]["message"]
    assert {Path(f["path"]).name for f in payload["findings"]} == {"good.md"}


def _findings(pipeline: Pipeline, text: str) -> list[tuple[str, int, int]]:
    return [(f.rule, f.start, f.end) for f in pipeline.lint([Source("r.md", text)]).findings]


@pytest.mark.parametrize(
    "poison",
    [
        {"requirements": [], "patterns": [], "wide": [], "gates": {}},
        {"requirements": "x"},
        [["RL101", 0, 10**9]],
        [["RL999", 0, 3]],
        [["RL101", True, 3]],
        "nonsense",
    ],
    ids=[
        "emptied-prefilter",
        "bad-prefilter",
        "out-of-range",
        "unknown-rule",
        "bool",
        "str",
    ],
)
def test_a_poisoned_cache_entry_is_never_believed(tmp_path: Path, poison: object) -> None:
    from restorelint.run import guard

    rules = list(default_rules())
    expected = _findings(Pipeline(rules), PUNITIVE)
    cache = Cache(tmp_path)
    _findings(Pipeline(rules, cache=cache), PUNITIVE)
    for entry in tmp_path.rglob("*.json"):
        payload = json.loads(entry.read_text(encoding="utf-8"))
        is_prefilter = isinstance(payload["value"], dict)
        if is_prefilter == isinstance(poison, dict) or not isinstance(poison, dict):
            payload["value"] = poison
            entry.write_text(json.dumps(payload), encoding="utf-8")
    guard._KEPT.clear()  # a new process: the prefilter comes from the cache
    assert _findings(Pipeline(rules, cache=cache), PUNITIVE) == expected


def test_fix_stays_inside_the_folder_and_refuses_read_only_files(tmp_path: Path) -> None:
    inside, outside = tmp_path / "reviews", tmp_path / "elsewhere"
    inside.mkdir()
    outside.mkdir()
    (outside / "target.md").write_text("Obviously you should rebase.\n", encoding="utf-8")
    (inside / "link.md").symlink_to(outside / "target.md")
    (inside / "frozen.md").write_text("Obviously you should rebase.\n", encoding="utf-8")
    (inside / "frozen.md").chmod(0o444)
    (inside / "mine.md").write_text("Obviously you should rebase.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--fix", "--no-checklist", str(inside)])
    assert result.exit_code == 2
    assert "link.md: leads outside" in result.stderr
    assert "frozen.md: read-only (mode 0444); not fixed" in result.stderr
    assert (outside / "target.md").read_text(encoding="utf-8") == "Obviously you should rebase.\n"
    assert (inside / "frozen.md").read_text(encoding="utf-8") == "Obviously you should rebase.\n"
    assert (inside / "mine.md").read_text(encoding="utf-8") == "You should rebase.\n"
    assert "applied 1 fix in 1 file" in result.stderr


def test_fix_keeps_mode_and_extended_attributes(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    target.write_text("Obviously you should rebase.\n", encoding="utf-8")
    target.chmod(0o640)
    try:
        os.setxattr(target, "user.reviewer", b"dana")
    except (OSError, AttributeError):
        pytest.skip("this file system keeps no user extended attributes")
    CliRunner().invoke(main, ["check", "--fix", "--no-checklist", str(target)])
    assert target.read_text(encoding="utf-8") == "You should rebase.\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.getxattr(target, "user.reviewer") == b"dana"


def test_fix_converges_in_one_run_and_counts_what_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    target.write_text("Obviously, clearly, you should rebase.\n", encoding="utf-8")
    first = CliRunner().invoke(main, ["check", "--fix", "--no-checklist", str(target)])
    assert target.read_text(encoding="utf-8") == "You should rebase.\n"
    assert "applied 2 fixes in 1 file" in first.stderr
    again = CliRunner().invoke(main, ["check", "--fix", "--no-checklist", str(target)])
    assert again.exit_code == 0 and "applied" not in again.stderr


def test_an_edit_saved_during_the_fix_is_kept(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "review.md"
    target.write_text("Obviously you should rebase.\n", encoding="utf-8")
    real = restorelint.fix.write._copy_metadata

    def save_meanwhile(info, real_path, tmp):  # type: ignore[no-untyped-def]
        # The user saves just before the rename (after the temp file is written).
        Path(real_path).write_text("Obviously you should rebase. My edit.\n", encoding="utf-8")
        real(info, real_path, tmp)

    monkeypatch.setattr(restorelint.fix.write, "_copy_metadata", save_meanwhile)
    result = CliRunner().invoke(main, ["check", "--fix", "--no-checklist", str(target)])
    assert result.exit_code == 2 and "changed since it was linted" in result.stderr
    assert target.read_text(encoding="utf-8") == "Obviously you should rebase. My edit.\n"
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_a_killed_run_s_temp_file_is_removed_by_the_next_fix(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    target.write_text("Obviously you should rebase.\n", encoding="utf-8")
    left = tmp_path / f"{TEMP_PREFIX}review.md.abc123{TEMP_SUFFIX}"
    left.write_text("the whole review, left by kill -9", encoding="utf-8")
    old = time.time() - 3600
    os.utime(left, (old, old))
    restorelint.fix.write._CLEANED.clear()
    CliRunner().invoke(main, ["check", "--fix", "--no-checklist", str(target)])
    assert not left.exists()
    assert target.read_text(encoding="utf-8") == "You should rebase.\n"


def test_fix_on_stdin_keeps_the_byte_order_mark() -> None:
    result = CliRunner().invoke(
        main,
        ["check", "--fix", "--no-checklist", "-"],
        input="\ufeffObviously, you should rebase.\n",
    )
    assert result.stdout_bytes == "\ufeffYou should rebase.\n".encode()


def test_the_api_keeps_each_text_s_findings_and_takes_any_str() -> None:
    first, second = restorelint.lint_texts(
        ["Sam is lazy.", "Thanks, that helped."], paths=["same.md", "same.md"]
    )
    assert [f.text for f in first] == ["lazy"] and second == []
    found = restorelint.lint_text("You are lazy \ud800 and you failed.")
    assert {f.rule for f in found} >= {"RL110"}


@pytest.mark.parametrize("case", sorted(BAD_TOML))
def test_a_broken_configuration_is_one_clear_line(case: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The quick run's copy of the installed-command matrix (test_bad_input_matrix).
    text, phrase = BAD_TOML[case]
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "review.md").write_text(PUNITIVE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--config", "pyproject.toml", "review.md"])
    assert result.exit_code == 2 and phrase in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("case", sorted(BAD_BASELINES))
def test_a_broken_baseline_is_one_clear_line(case: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make, phrase = BAD_BASELINES[case]
    make(tmp_path / "base.json")
    (tmp_path / "review.md").write_text(PUNITIVE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--baseline", "base.json", "review.md"])
    assert result.exit_code == 2 and phrase in result.stderr, result.stderr
