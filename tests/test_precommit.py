"""The pre-commit hook, installed and run by the real pre-commit, as a team would use it.

``pre-commit try-repo`` clones this repository (with uncommitted changes to
tracked files), builds the hook's virtual environment by pip-installing the
project, and runs the hook in a throwaway git repository of documents. That
install takes a while, and try-repo does it on every run, in a temporary store
of its own; PRE_COMMIT_HOME points at a directory shared by the session so that
nothing else pre-commit writes lands in the user's home.

Nothing here is skipped: without pre-commit (a dev extra) the tests fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from restorelint.sources import TEXT_SUFFIXES

PUNITIVE = "You failed to update the docs before the release. This is your final warning.\n"
CLEAN = "The docs weren't updated before the release. What got in the way?\n"
# The first run installs spaCy and the model into the hook's environment.
TIMEOUT = 1200
_FOREIGN_GIT = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_PREFIX",
)


def pre_commit_command() -> list[str]:
    script = Path(sys.executable).parent / "pre-commit"
    found = str(script) if script.exists() else shutil.which("pre-commit")
    if not found:
        pytest.fail("pre-commit is not installed; it is a dev extra: pip install -e '.[dev]'")
    return [found]


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_GIT}
    env.pop("GITHUB_ACTIONS", None)  # plain text output from the hook
    env.update(
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
        NO_COLOR="1",
        GIT_AUTHOR_NAME="restorelint tests",
        GIT_AUTHOR_EMAIL="tests@restorelint.invalid",
        GIT_COMMITTER_NAME="restorelint tests",
        GIT_COMMITTER_EMAIL="tests@restorelint.invalid",
    )
    return env


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory, pre_commit_env: dict[str, str]) -> Path:
    """A git repository of review documents, like the ones teams guard with the hook."""
    repo = tmp_path_factory.mktemp("documents")
    (repo / "reviews").mkdir()
    (repo / "reviews" / "punitive.md").write_text(PUNITIVE, encoding="utf-8")
    (repo / "reviews" / "clean.md").write_text(CLEAN, encoding="utf-8")
    for args in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "reviews"],
    ):
        subprocess.run(["git", *args], cwd=repo, env=pre_commit_env, check=True, timeout=60)
    return repo


def try_repo(documents: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    if not (ROOT / ".git").exists():
        pytest.fail(f"{ROOT} is not a git checkout; pre-commit try-repo needs one")
    return subprocess.run(
        [
            *pre_commit_command(),
            "try-repo",
            str(ROOT),
            "restorelint",
            "--color",
            "never",
            "--files",
            *files,
        ],
        cwd=documents,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _hook_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("restorelint")]
    assert lines, output
    return lines[0]


def test_hook_fails_on_a_punitive_review(documents: Path, pre_commit_env: dict[str, str]) -> None:
    result = try_repo(documents, pre_commit_env, "reviews/punitive.md")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert _hook_line(result.stdout).endswith("Failed"), output
    assert "- exit code: 1" in result.stdout
    assert "reviews/punitive.md:1:1: warning RL101 you-failure-verb" in result.stdout
    assert "RL130 final-warning" in result.stdout and "try:" in result.stdout


def test_hook_passes_on_a_clean_review(documents: Path, pre_commit_env: dict[str, str]) -> None:
    result = try_repo(documents, pre_commit_env, "reviews/clean.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _hook_line(result.stdout).endswith("Passed"), result.stdout


def test_hook_manifest_is_valid_and_covers_the_documents_restorelint_reads() -> None:
    from identify import identify
    from pre_commit.clientlib import load_manifest

    # load_manifest validates the file, including every types_or tag, as pre-commit does.
    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "restorelint" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["restorelint", "check"]
    assert hook["require_serial"] is True and hook["pass_filenames"] is True
    types = set(hook["types_or"])
    missed = [
        suffix
        for suffix in sorted(TEXT_SUFFIXES)
        if identify.tags_from_filename(f"review{suffix}")
        and not identify.tags_from_filename(f"review{suffix}") & types
    ]
    assert not missed, f"the hook would never run on {missed}"
    for not_prose in ("build.py", "data.json", "photo.png", "config.yaml"):
        assert not identify.tags_from_filename(not_prose) & types, not_prose
