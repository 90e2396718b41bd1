"""``restorelint audit``: many messages at once, reduced to aggregates (README,
"Auditing many messages")."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from restorelint.audit.document import DEFAULT_MIN_GROUP_SIZE, Shown, document
from restorelint.audit.inputs import Columns, Inputs
from restorelint.audit.local import DEFAULT_CHUNK
from restorelint.audit.periods import DEFAULT_PERIOD, PERIODS
from restorelint.audit.spec import AuditSpec
from restorelint.audit.tables import TableError
from restorelint.catalog.load import CatalogError
from restorelint.cli.options import config_options
from restorelint.cli.outcome import EXIT_CLEAN, fail, split_selectors
from restorelint.parse.model import ModelNotInstalled
from restorelint.report import plural
from restorelint.settings.model import Overrides
from restorelint.settings.resolver import Resolver
from restorelint.settings.schema import ConfigError

AUDIT_FORMATS = ("text", "json", "html")
ENGINES = ("local", "dask")


def _column(name: str, what: str) -> Any:
    return click.option(
        f"--{name}-column", default=None, metavar="NAME", help=f"The column holding {what}."
    )


@click.command(name="audit")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--text-column", default="text", show_default=True, metavar="NAME", help="The message text."
)
@_column("id", "each message's id (named on stderr for skipped rows; never in the report)")
@_column("group", "the team or group: every figure is broken down by it")
@_column("role", "the author's role (manager, peer, ...): a breakdown by it")
@_column("date", "the message's date (ISO 8601): a breakdown and trend by period")
@click.option(
    "--period",
    type=click.Choice(PERIODS),
    default=DEFAULT_PERIOD,
    show_default=True,
    help="How --date-column's dates are grouped for the breakdown and the trend.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(AUDIT_FORMATS),
    default="text",
    show_default=True,
    help='text for a terminal, json (README, "Audit JSON"), html: one self-contained file.',
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file (default: stdout).",
)
@click.option(
    "--examples",
    type=click.IntRange(0, 50),
    default=0,
    show_default=True,
    metavar="N",
    help="Include N short excerpts per category, names and e-mail "
    "addresses masked. Without it the report holds no message text.",
)
@click.option(
    "--min-group-size",
    type=click.IntRange(1),
    default=DEFAULT_MIN_GROUP_SIZE,
    show_default=True,
    metavar="K",
    help="Merge groups and roles with fewer than K messages into one row.",
)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@config_options("Use this configuration file for every input.")
@click.option("--no-cache", is_flag=True, help="Lint every message again (still fills the cache).")
@click.option(
    "--chunk-size",
    type=click.IntRange(1),
    default=DEFAULT_CHUNK,
    show_default=True,
    metavar="N",
    help="Messages linted at a time (a Dask partition's size).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="One process, or a Dask cluster (pip install 'restorelint[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="With --engine dask: the scheduler (default: a local cluster).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="With --engine dask and no --scheduler: local workers (default: CPUs).",
)
@click.option(
    "--no-progress",
    is_flag=True,
    help="No progress bar (shown on stderr only when it is a terminal).",
)
def audit_command(
    paths: tuple[str, ...],
    text_column: str,
    id_column: str | None,
    group_column: str | None,
    role_column: str | None,
    date_column: str | None,
    period: str,
    output_format: str,
    output: Path | None,
    examples: int,
    min_group_size: int,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    isolated: bool,
    no_cache: bool,
    chunk_size: int,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    no_progress: bool,
) -> None:
    """Audit many messages — CSV, TSV, JSON Lines or Parquet rows, or folders of
    documents — and report aggregates: how much feedback is punitive, where, and
    whether it is getting better."""
    if engine != "dask" and (scheduler or workers):
        raise click.UsageError("--scheduler and --workers need --engine dask")
    columns = Columns(text_column, id_column, group_column, role_column, date_column)
    overrides = Overrides(
        select=tuple(split_selectors(select)) or None,
        ignore=tuple(split_selectors(ignore)) or None,
    )
    try:
        resolver = Resolver(config_file, isolated, overrides)
        inputs = Inputs(paths, columns, resolver.skip)
        for table, _fmt in inputs.tables:
            resolver.settings_for(os.path.abspath(table) + "/0")
        for doc in inputs.documents:
            resolver.settings_for(doc)
        rules = resolver.rules()
    except (ConfigError, CatalogError) as exc:
        fail(str(exc))
    for warning in resolver.warnings(rules):
        click.echo(f"restorelint: warning: {warning}", err=True)
    for error in inputs.errors:
        click.echo(f"restorelint: {error}", err=True)
    if not inputs.tables and not inputs.documents:
        fail("nothing could be audited")
    spec = AuditSpec(
        tuple(rules), columns, resolver, period=period, examples=examples, reuse=not no_cache
    )
    shown_bar = sys.stderr.isatty() and not no_progress
    from restorelint.cli.audit_run import run_engine

    try:
        tally = run_engine(engine, inputs, spec, chunk_size, shown_bar, scheduler, workers)
    except (TableError, ModelNotInstalled, CatalogError) as exc:
        fail(str(exc))
    for warning in inputs.warnings:
        click.echo(f"restorelint: {warning}", err=True)
    if not tally.total.messages:
        fail("no message to audit (every row or document was empty or unreadable)")
    cached = tally.total.messages - tally.parsed
    click.echo(
        f"restorelint: audited {plural(tally.total.messages, 'message')}"
        + (f" ({cached} from the cache)" if cached else "")
        + (f"; skipped {sum(tally.skipped.values())}" if tally.skipped else ""),
        err=True,
    )
    from restorelint.catalog.checklist import load_checklist

    checklist = spec.review.checklist or load_checklist()
    shown = Shown(group_column, role_column, date_column, period, examples, min_group_size)
    doc = document(tally, shown, rules, [e.id for e in checklist.elements])
    _write(_render(doc, output_format, {e.id: e.name for e in checklist.elements}), output)
    sys.exit(EXIT_CLEAN)


def _render(doc: dict[str, Any], fmt: str, checklist_names: dict[str, str]) -> str:
    if fmt == "json":
        import json

        return json.dumps(doc, indent=2, ensure_ascii=False)
    if fmt == "html":
        from restorelint.report.audit_charts import ChartsUnavailable
        from restorelint.report.audit_html import render

        try:
            return render(doc, checklist_names)
        except ChartsUnavailable as exc:
            fail(str(exc))
    from restorelint.report.audit_text import render as render_text

    return render_text(doc)


def _write(report: str, output: Path | None) -> None:
    if output is None:
        click.echo(report)
        return
    # A half-written report must never replace a good one.
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(dir=output.parent, prefix=".audit-")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(report + "\n")
        os.replace(temp, output)
    except OSError as exc:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)
        fail(f"{output}: cannot write the report ({exc.strerror or exc})")
