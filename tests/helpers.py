"""Running the installed ``restorelint`` command in a subprocess, as a user or CI does."""

from __future__ import annotations

import os
import pty
import select
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


def run_on_terminal(
    args: list[str], env: dict[str, str], cwd: Path, on_terminal: str = "stdout"
) -> str:
    """Run the command with its stdout (or stderr) on a pseudo-terminal, as in an
    interactive shell, and return what the terminal showed; the other stream is
    discarded."""
    leader, follower = pty.openpty()
    streams = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    streams[on_terminal] = follower
    proc = subprocess.Popen(
        restorelint_command() + args,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
        **streams,  # type: ignore[arg-type]
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            raise AssertionError("no output from restorelint on the terminal")
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")
