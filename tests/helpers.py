"""Running the installed ``restorelint`` command in a subprocess, as a user or CI does."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import restorelint_command


def clean_env(**overrides: str) -> dict[str, str]:
    """The test process's environment without CI or colour settings that change output."""
    env = dict(os.environ)
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    env.update(overrides)
    return env


def run(
    args: list[str],
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        restorelint_command() + args,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env if env is not None else clean_env(NO_COLOR="1"),
        cwd=cwd,
        timeout=180,
        check=False,
    )
