"""How a run ends: the exit codes, and the output format and colour chosen from
the environment. (Which findings fail a run is configuration: settings.apply.fails.)

Exit codes: 0 nothing at or above the ``fail-on`` severity; 1 at least one
such finding; 2 usage error, broken rule file, configuration or baseline,
missing model, no input could be linted, a fix could not be written, or
stdin/stdout closed; 3 internal error (a bug); 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import NoReturn, TextIO

import click

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# A crash must never look like findings (1) or a broken input (2) to CI.
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def choose_format(explicit: str | None, environ: Mapping[str, str]) -> str:
    """``--format`` when given; GitHub annotations inside GitHub Actions; text otherwise."""
    if explicit:
        return explicit
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_color(flag: bool | None, environ: Mapping[str, str], stream: TextIO) -> bool:
    """``--color``/``--no-color`` win; otherwise a non-empty ``NO_COLOR`` turns colour off
    (https://no-color.org) and a non-empty ``FORCE_COLOR`` turns it on
    (https://force-color.org; NO_COLOR wins when both are set); otherwise colour is
    on only when writing to a terminal."""
    if flag is not None:
        return flag
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def fail(message: str) -> NoReturn:
    click.echo(f"restorelint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def split_selectors(values: Sequence[str]) -> list[str]:
    """``--select a,b --select c`` → [a, b, c]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
