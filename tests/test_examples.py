"""The examples, as users meet them: golden output in every format, and the example
GitHub Actions workflow run step by step.

Golden files live in tests/golden/. After an intended change to the output, the
rules or the examples, regenerate them with

    RESTORELINT_UPDATE_GOLDEN=1 pytest tests/test_examples.py

(those tests then fail, naming the files they rewrote), review the diff, commit.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml
from conftest import ROOT
from helpers import clean_env, run

from restorelint.cli import main
from restorelint.version import __version__

GOLDEN = ROOT / "tests" / "golden"
GOLDEN_FILES = {
    "text": "examples.txt",
    "json": "examples.json",
    "sarif": "examples.sarif",
    "github": "examples.github.txt",
    "junit": "examples.junit.xml",
}
UPDATE = os.environ.get("RESTORELINT_UPDATE_GOLDEN") == "1"
# The example documents written to pass: restorative, firm where needed.
CLEAN_EXAMPLES = {
    "hr-templates/expectations-reset.txt.j2",
    "hr-templates/missed-deadline-check-in.md.j2",
    "hr-templates/onboarding-welcome.html.j2",
    "performance-reviews/jordan-lee-2024-h1.md",
}


def normalise(output: str) -> str:
    """Remove what depends on the machine or the release: the checkout's location and
    the restorelint version."""
    output = output.replace(ROOT.as_uri(), "file:///ROOT").replace(str(ROOT), "/ROOT")
    return re.sub(
        r'"(version|semanticVersion)": "' + re.escape(__version__) + '"',
        r'"\1": "VERSION"',
        output,
    )


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden_output_for_the_examples(fmt: str) -> None:
    result = run(["check", "--format", fmt, "examples"], cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    actual = normalise(result.stdout)
    golden = GOLDEN / GOLDEN_FILES[fmt]
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        pytest.fail(f"rewrote {golden.relative_to(ROOT)}; review the diff and run again")
    assert golden.is_file(), f"no {golden}; create it with RESTORELINT_UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "\n".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(), actual.splitlines(), "golden", "now", lineterm=""
                )
            )[:80]
        )
        pytest.fail(
            f"{fmt} output for examples/ changed (RESTORELINT_UPDATE_GOLDEN=1 if intended):\n{diff}"
        )


def test_clean_examples_stay_clean_and_the_others_are_flagged() -> None:
    golden = json.loads((GOLDEN / GOLDEN_FILES["json"]).read_text(encoding="utf-8"))
    flagged = {f["path"].removeprefix("examples/") for f in golden["findings"]}
    documents = {
        p.relative_to(ROOT / "examples").as_posix()
        for folder in ("hr-templates", "performance-reviews")
        for p in (ROOT / "examples" / folder).iterdir()
    }
    assert documents > CLEAN_EXAMPLES
    assert not flagged & CLEAN_EXAMPLES
    assert documents - CLEAN_EXAMPLES <= flagged
    assert "review-comment.md" in flagged  # the README quick start's example


# --- the example GitHub Actions workflow ------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8"))


def _steps(workflow: dict) -> list[dict]:  # type: ignore[type-arg]
    return workflow["jobs"]["restorelint"]["steps"]


def _restorelint_steps(workflow: dict) -> dict[str, str]:  # type: ignore[type-arg]
    return {
        s["name"]: s["run"] for s in _steps(workflow) if s.get("run", "").startswith("restorelint")
    }


def test_workflow_uploads_the_sarif_it_writes(workflow: dict) -> None:  # type: ignore[type-arg]
    job = workflow["jobs"]["restorelint"]
    assert job["permissions"]["security-events"] == "write"
    (upload,) = [
        s
        for s in _steps(workflow)
        if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    ]
    assert "!cancelled()" in upload["if"]  # uploads even when the check step failed
    writer = _restorelint_steps(workflow)["Write SARIF"]
    assert "--format sarif" in writer and f"> {upload['with']['sarif_file']}" in writer


def test_workflow_commands_use_real_options(workflow: dict) -> None:  # type: ignore[type-arg]
    paths = workflow["env"]["LINT_PATHS"]
    for command in _restorelint_steps(workflow).values():
        words = shlex.split(command.split(">")[0].replace("$LINT_PATHS", paths))
        assert words[0] == "restorelint"
        command = main.get_command(click.Context(main), words[1])
        assert command is not None, words[1]
        command.make_context(words[1], words[2:])  # raises on a bad option


@pytest.mark.slow
def test_workflow_steps_run_as_written(
    workflow: dict,  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    """The adoption path: write the baseline the comment describes, then run the check
    and SARIF steps with GitHub's bash settings, in a repository laid out as the
    workflow expects."""
    shutil.copytree(ROOT / "examples" / "hr-templates", tmp_path / "templates")
    shutil.copytree(ROOT / "examples" / "performance-reviews", tmp_path / "reviews")
    env = clean_env(GITHUB_ACTIONS="true", LINT_PATHS=workflow["env"]["LINT_PATHS"])
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"

    def step(script: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    steps = _restorelint_steps(workflow)
    check = step(steps["Check tone"])
    assert check.returncode == 2 and "does not exist" in check.stderr  # no baseline yet
    made = run(
        ["baseline", "templates/", "reviews/", "-o", ".restorelint-baseline.json"],
        env,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    check = step(steps["Check tone"])
    assert check.returncode == 0, check.stdout + check.stderr
    (tmp_path / "reviews" / "new.md").write_text("You never test your code.\n", encoding="utf-8")
    check = step(steps["Check tone"])
    assert check.returncode == 1
    assert check.stdout.startswith("::warning file=reviews/new.md,line=1,")

    sarif = step(steps["Write SARIF"])
    assert sarif.returncode == 0, sarif.stderr  # findings (exit 1) must not fail this step
    log = json.loads((tmp_path / "restorelint.sarif").read_text(encoding="utf-8"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert "reviews/new.md" in uris and "templates/attendance-warning.txt.j2" in uris
