"""The last line of defence around every command: whatever goes wrong inside, the
exit code says what kind of failure it was, and a crash never reads as findings.

- an unexpected exception is an *internal error*: one line on stderr, exit 3
  (the traceback too with ``--debug`` or ``RESTORELINT_DEBUG=1``);
- stdout closed by the reader (``restorelint check … | head -1``): no message,
  exit 2, as other Unix tools stop quietly on a broken pipe;
- stdout or stdin closed before the run (``>&-``, ``<&-``): one line, exit 2;
- Ctrl-C: exit 130, the shell's code for an interrupt.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

import click

from restorelint.cli.outcome import EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED

DEBUG_ENV = "RESTORELINT_DEBUG"


def debugging(ctx: click.Context | None = None) -> bool:
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        return True
    root = ctx.find_root() if ctx is not None else None
    return bool(root is not None and (root.params or {}).get("debug"))


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _internal_error(exc: BaseException, ctx: click.Context | None) -> NoReturn:
    if debugging(ctx):
        traceback.print_exception(exc, file=sys.stderr)
    detail = str(exc).splitlines()[0] if str(exc) else ""
    where = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    hint = "" if debugging(ctx) else f"; run with {DEBUG_ENV}=1 for the traceback"
    click.echo(
        f"restorelint: internal error ({where}); this is a bug in restorelint, not a finding{hint}",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)


def guarded(invoke: Callable[[], Any], ctx: click.Context | None = None) -> Any:
    """Run a command, turning every failure into its documented exit code."""
    if sys.stdout is None:
        click.echo("restorelint: error: standard output is closed; nothing to report to", err=True)
        sys.exit(EXIT_ERROR)
    try:
        try:
            return invoke()
        finally:
            # Flushed here, not at interpreter exit, so a reader that went away
            # is a quiet exit 2 rather than Python's "Exception ignored" and 120.
            # The language server's transport closes stdout itself on exit.
            if not sys.stdout.closed:
                sys.stdout.flush()
    except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
        raise
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        _silence_stdout()
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # anything else is a bug, and must not exit 1
        _internal_error(exc, ctx)
