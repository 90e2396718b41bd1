"""``restorelint rewrite``: the whole message, each flagged sentence rewritten."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from restorelint.catalog.load import CatalogError
from restorelint.cli.options import config_options
from restorelint.cli.outcome import fail, split_selectors, use_color
from restorelint.cli.session import open_session
from restorelint.parse.model import ModelNotInstalled
from restorelint.read.sources import STDIN, stdin_is_terminal
from restorelint.records import Source
from restorelint.report import plural
from restorelint.review.settings import ReviewSettings
from restorelint.settings.model import Overrides
from restorelint.suggest.compose import ComposedMessage

# The rewrite shows no readability, so it never pays for textstat's dictionary.
_SETTINGS = ReviewSettings(readability=False)


def highlight(message: ComposedMessage, color: bool) -> str:
    """The composed text with placeholders in colour (on a terminal only)."""
    if not color or not message.placeholders:
        return message.text
    out: list[str] = []
    cursor = 0
    for start, end in message.placeholders:
        out.append(message.text[cursor:start])
        out.append(click.style(message.text[start:end], fg="yellow", bold=True, underline=True))
        cursor = end
    out.append(message.text[cursor:])
    return "".join(out)


@click.command(name="rewrite")
@click.argument("path", required=False)
@click.option(
    "--stdin-filename", default="<stdin>", show_default=True, help="Name to report for stdin."
)
@click.option("--select", multiple=True, help="Only these rules (ids, prefixes, names).")
@click.option("--ignore", multiple=True, help="Not these rules (ids, prefixes, names).")
@config_options("Use this configuration file instead of searching for one.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Highlight the [placeholders] (default: on a terminal; NO_COLOR and FORCE_COLOR "
    "as for check).",
)
def rewrite_command(
    path: str | None,
    stdin_filename: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    isolated: bool,
    color: bool | None,
) -> None:
    """Print the message with each flagged sentence replaced by a restorative rewrite.

    The configuration, allow and deny lists and inline suppressions apply as they
    do for check, so rewrite changes exactly the sentences check flags. Facts the
    message does not state are left as [placeholders] to fill in before sending.
    A summary (sentences rewritten, placeholders, score before and after) goes to
    stderr. PATH is a file, or - for stdin.
    """
    if path is None:
        if stdin_is_terminal():
            raise click.UsageError("give a path, or - to read stdin")
        path = STDIN
    session = open_session(
        [path],
        Overrides(
            select=tuple(split_selectors(select)) or None,
            ignore=tuple(split_selectors(ignore)) or None,
        ),
        stdin_filename=stdin_filename,
        config_file=config_file,
        isolated=isolated,
        quiet=True,
    )
    if len(session.sources) != 1:
        fail("rewrite takes one file (or -)")
    source = session.sources[0]
    if not source.text.strip():
        click.echo(f"restorelint: {source.path}: empty file, nothing to rewrite", err=True)
        return
    pipeline = session.pipeline
    try:
        linted, messages = pipeline.messages([source], _SETTINGS)
        if linted.errors:
            fail(str(linted.errors[0]))
        message = messages[0]
        composed = message.composed()
        _, after = pipeline.review([Source(source.path, composed.text, source.format)], _SETTINGS)
    except (ModelNotInstalled, CatalogError) as exc:
        fail(str(exc))
    colored = use_color(color, os.environ, sys.stdout)
    click.echo(highlight(composed, colored), nl=not composed.text.endswith("\n"), color=colored)
    rewritten = len(message.rewrites or [])
    if not rewritten:
        summary = "nothing flagged; the message is unchanged"
    else:
        summary = (
            f"rewrote {plural(rewritten, 'sentence')}; "
            f"{plural(len(composed.placeholders), 'placeholder')} to fill in before sending"
        )
    score_after = after[0].score.value if after else message.score.value
    click.echo(
        f"restorelint: {source.path}: {summary}; restorative score "
        f"{message.score.value} → {score_after}",
        err=True,
    )
    still = sorted({f.rule for m in after for f in m.findings})
    if still:
        click.echo(f"restorelint: the rewrite is still flagged ({', '.join(still)})", err=True)
