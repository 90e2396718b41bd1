"""The pre-commit hooks, installed and run by the real pre-commit, as a team would use them.

A session fixture snapshots this checkout (committed and uncommitted files,
as ``try-repo`` would) into a throwaway git repository tagged with the release
tag the README pins, and a repository of review documents uses the README's
``.pre-commit-config.yaml`` snippet as written, its ``repo:`` URL replaced by
the snapshot's path. pre-commit builds the hooks' virtual environment (a pip
install of the project) once, in a PRE_COMMIT_HOME shared by the session, and
every test after the first reuses it.

Nothing here is skipped: without pre-commit (a dev extra) the tests fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from restorelint.read.formats import BINARY_SUFFIXES, TEXT_SUFFIXES, files_pattern
from restorelint.version import __version__

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

pytestmark = pytest.mark.slow
README_REPO = "https://github.com/YOUR-ORG/restorelint"


def readme_snippet() -> str:
    """The README's .pre-commit-config.yaml, exactly as a user would copy it."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Pre-commit", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def readme_rev() -> str:
    (repo,) = yaml.safe_load(readme_snippet())["repos"]
    return str(repo["rev"])


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


def git(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout.strip()


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, pre_commit_env: dict[str, str]) -> Path:
    """This checkout as pre-commit would fetch it: a git repository at one commit."""
    if not (ROOT / ".git").exists():
        pytest.fail(f"{ROOT} is not a git checkout")
    files = git(
        ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], ROOT, pre_commit_env
    )
    snapshot = tmp_path_factory.mktemp("restorelint-snapshot")
    for name in filter(None, files.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(["init", "-q"], snapshot, pre_commit_env)
    git(["add", "-A"], snapshot, pre_commit_env)
    git(["commit", "-q", "-m", "snapshot"], snapshot, pre_commit_env)
    # tagged as a release is (README, "Releases and pinning")
    git(["tag", "-a", readme_rev(), "-m", f"restorelint {__version__}"], snapshot, pre_commit_env)
    return snapshot


@pytest.fixture(scope="session")
def documents(
    tmp_path_factory: pytest.TempPathFactory, pre_commit_env: dict[str, str], hook_repo: Path
) -> Path:
    """A git repository of review documents, like the ones teams guard with the hook."""
    repo = tmp_path_factory.mktemp("documents")
    (repo / "reviews").mkdir()
    (repo / "reviews" / "punitive.md").write_text(PUNITIVE, encoding="utf-8")
    (repo / "reviews" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (repo / "reviews" / "offer.tmpl").write_text(PUNITIVE, encoding="utf-8")
    make_docx = _load_fixture("make_review_docx")
    make_docx.build(repo / "reviews" / "q3.docx")
    config = readme_snippet().replace(README_REPO, str(hook_repo))
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(["init", "-q"], repo, pre_commit_env)
    git(["add", "."], repo, pre_commit_env)
    git(["commit", "-q", "-m", "reviews"], repo, pre_commit_env)
    return repo


def _load_fixture(name: str):  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "fixtures" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_hook(documents: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*pre_commit_command(), "run", "--color", "never", "--files", *files],
        cwd=documents,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _hook_line(output: str, name: str = "restorelint (punitive feedback)") -> str:
    lines = [line for line in output.splitlines() if line.startswith(name + ".")]
    assert lines, output
    return lines[0]


def test_hook_fails_on_a_punitive_review(documents: Path, pre_commit_env: dict[str, str]) -> None:
    result = run_hook(documents, pre_commit_env, "reviews/punitive.md")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert _hook_line(result.stdout).endswith("Failed"), output
    assert "- exit code: 1" in result.stdout
    assert "reviews/punitive.md:1:1: warning RL101 you-failure-verb" in result.stdout
    assert "RL130 final-warning" in result.stdout and "try:" in result.stdout


def test_hook_passes_on_a_clean_review(documents: Path, pre_commit_env: dict[str, str]) -> None:
    result = run_hook(documents, pre_commit_env, "reviews/clean.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _hook_line(result.stdout).endswith("Passed"), result.stdout


def test_hook_reads_templates_pre_commit_has_no_type_for(
    documents: Path, pre_commit_env: dict[str, str]
) -> None:
    result = run_hook(documents, pre_commit_env, "reviews/offer.tmpl")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "reviews/offer.tmpl:1:1: warning RL101" in result.stdout


def test_hook_lints_word_reviews(documents: Path, pre_commit_env: dict[str, str]) -> None:
    result = run_hook(documents, pre_commit_env, "reviews/q3.docx")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    docx_line = _hook_line(result.stdout, "restorelint (punitive feedback in Word documents)")
    assert docx_line.endswith("Failed"), output
    assert _hook_line(result.stdout).endswith("Skipped")  # the text hook never sees it
    assert "reviews/q3.docx:3:8: error RL110" in result.stdout
    assert "reviews/q3.docx:11:24:" in result.stdout and "RL130" in result.stdout


def test_the_readme_snippet_runs_as_written_and_pins_a_release_tag(
    documents: Path, hook_repo: Path, pre_commit_env: dict[str, str]
) -> None:
    snippet = readme_snippet()
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert repo["repo"] == README_REPO
    assert repo["rev"] == f"v{__version__}"  # releases are tagged v + version.py
    assert [hook["id"] for hook in repo["hooks"]] == ["restorelint", "restorelint-docx"]
    # every hook test here runs pre-commit with the snippet as written, only the URL swapped
    config = (documents / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config == snippet.replace(README_REPO, str(hook_repo))
    assert git(["tag", "--list"], hook_repo, pre_commit_env) == repo["rev"]


def test_hook_file_filters_are_the_formats_own_suffix_lists(tmp_path: Path) -> None:
    from identify import identify
    from pre_commit.clientlib import load_manifest

    # load_manifest validates the file, as pre-commit does.
    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"restorelint", "restorelint-docx"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["entry"].split()[:2] == [
            "restorelint",
            "check",
        ]
        assert "--force-exclude" in hook["entry"].split()
        assert hook["require_serial"] is True and hook["pass_filenames"] is True
    text, word = hooks["restorelint"], hooks["restorelint-docx"]
    text_suffixes = TEXT_SUFFIXES - BINARY_SUFFIXES
    assert text["files"] == files_pattern(text_suffixes), (
        "regenerate `files` with restorelint.read.formats.files_pattern()"
    )
    assert word["files"] == files_pattern(BINARY_SUFFIXES)
    assert text["types"] == ["text"] and word["types"] == ["binary"]
    for suffix in sorted(text_suffixes):
        assert re.search(text["files"], f"reviews/q3{suffix.upper()}"), suffix
        assert not re.search(word["files"], f"reviews/q3{suffix}"), suffix
    for not_prose in ("build.py", "data.json", "photo.png", "config.yaml"):
        assert not re.search(text["files"], not_prose), not_prose
        assert not re.search(word["files"], not_prose), not_prose
        assert identify.tags_from_filename(not_prose)
    # pre-commit tells text from binary by content: a Word file is binary
    review = _load_fixture("make_review_docx").build(tmp_path / "Q3-Review.DOCX")
    assert "binary" in identify.tags_from_path(str(review))
    assert re.search(word["files"], review.name)
