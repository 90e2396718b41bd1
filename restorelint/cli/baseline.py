"""``restorelint baseline``: record today's findings so a check fails only on new ones."""

from __future__ import annotations

import click

from restorelint.catalog.load import CatalogError
from restorelint.cli.outcome import fail, split_selectors
from restorelint.cli.session import open_session
from restorelint.parse.model import ModelNotInstalled
from restorelint.report import plural
from restorelint.run.cache import Cache
from restorelint.settings.baseline import BaselineError, write_baseline
from restorelint.settings.model import Overrides


@click.command(name="baseline")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", "output", required=True, metavar="FILE", help="Baseline file to write."
)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules (as for check).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (as for check).")
def baseline_command(
    paths: tuple[str, ...], output: str, select: tuple[str, ...], ignore: tuple[str, ...]
) -> None:
    """Record today's findings in FILE so `check --baseline FILE` fails only on new ones.

    The file holds fingerprints, counts, paths and rule ids, never the flagged text.
    """
    session = open_session(
        paths,
        Overrides(
            select=tuple(split_selectors(select)) or None,
            ignore=tuple(split_selectors(ignore)) or None,
        ),
        force_exclude=True,
        cache=Cache(),
    )
    missing = [e.path for e in session.errors if e.fatal]
    if missing:
        fail(f"no baseline written: {', '.join(missing)} does not exist")
    try:
        linted = session.pipeline.lint(session.sources)
    except (ModelNotInstalled, CatalogError) as exc:
        fail(str(exc))
    for error in linted.errors:
        click.echo(f"restorelint: {error}", err=True)
    if len(linted.errors) == len(session.sources):
        fail("nothing could be linted")
    findings = linted.findings
    try:
        payload = write_baseline(output, findings, session.texts)
    except BaselineError as exc:
        fail(str(exc))
    entries = len(payload["findings"])  # type: ignore[arg-type]
    click.echo(
        f"restorelint: wrote {output}: {plural(len(findings), 'finding')} "
        f"({plural(entries, 'fingerprint')}) in {plural(len(session.texts), 'file')}",
        err=True,
    )
