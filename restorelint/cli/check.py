"""``restorelint check``: lint files, directories or stdin, and report."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

import click

from restorelint.catalog.load import CatalogError
from restorelint.catalog.stored import ENV_DIR as ENV_CACHE_DIR
from restorelint.cli.emit import message_failed, report_fixes, shown_findings, write_output
from restorelint.cli.options import config_options, output_options, restorative_options
from restorelint.cli.outcome import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    choose_format,
    fail,
    split_selectors,
    use_color,
)
from restorelint.cli.progress import ProgressBar
from restorelint.cli.session import open_session
from restorelint.parse.model import ModelNotInstalled
from restorelint.read.formats import INPUT_FORMATS
from restorelint.read.sources import STDIN, stdin_is_terminal
from restorelint.records import SEVERITIES
from restorelint.report import FORMATS, get_reporter
from restorelint.report.statistics import render as statistics_report
from restorelint.review.readability import DEFAULT_MAX_GRADE, DEFAULT_MAX_SENTENCE_WORDS
from restorelint.review.settings import ReviewSettings
from restorelint.run.cache import Cache
from restorelint.run.check import CheckOptions, check
from restorelint.run.reporting import prepare
from restorelint.settings.apply import fails
from restorelint.settings.baseline import BaselineError, load_baseline
from restorelint.settings.model import Overrides


def wants_review(options: dict[str, Any]) -> bool:
    """Whether the check must judge whole messages (and so parse every paragraph)."""
    keys = ("fix", "diff", "unsafe_fixes", "strict_readability", "checklist")
    return any(options.get(k) for k in keys) or options.get("min_score") is not None


def check_options(
    options: dict[str, Any], output_format: str, stdin_name: str | None
) -> CheckOptions:
    fix, diff, unsafe = options.get("fix"), options.get("diff"), options.get("unsafe_fixes")
    if unsafe and not (fix or diff):
        raise click.UsageError("--unsafe-fixes applies fixes: use it with --fix or --diff")
    shown = output_format != "text" or options.get("checklist", True)
    return CheckOptions(
        review=wants_review(options),
        review_settings=ReviewSettings(
            max_grade=float(options.get("max_grade", DEFAULT_MAX_GRADE)),
            max_sentence_words=int(options.get("max_sentence_words", DEFAULT_MAX_SENTENCE_WORDS)),
            readability=bool(shown or options.get("strict_readability")),
        ),
        rewrites=output_format == "json",
        fix=bool(fix),
        diff=bool(diff),
        unsafe=bool(unsafe),
        stdin_name=stdin_name,
    )


@click.command(name="check")
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: github when GITHUB_ACTIONS=true, otherwise text].",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Only these rules: ids, id prefixes, names or categories (comma-separated).",
)
@click.option(
    "--ignore", multiple=True, metavar="RULES", help="Skip these rules (same forms as --select)."
)
@click.option(
    "--stdin-filename",
    default="<stdin>",
    show_default=True,
    help="Name to report for stdin; its extension chooses the input format.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    default=None,
    help="Read every input as this format (default: from each file's extension).",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 only for findings of this severity or worse (default: any; config: fail-on).",
)
@config_options("Use this configuration file for every input instead of searching for one.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Skip excluded files even when they are named on the command line.",
)
@click.option(
    "--report-unused-suppressions",
    is_flag=True,
    help="Report inline suppressions that silence nothing (as RL901 findings).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)
@click.option(
    "--baseline",
    "baseline_file",
    metavar="FILE",
    help="Report and fail only on findings not recorded in this baseline file.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help=f"Parse every file again instead of reusing cached results (cache: ${ENV_CACHE_DIR}).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for large inputs (default: the number of CPUs).",
)
@output_options
@restorative_options
def check_command(
    paths: tuple[str, ...],
    output_format: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    stdin_filename: str,
    input_format: str | None,
    fail_on: str | None,
    config_file: Path | None,
    isolated: bool,
    force_exclude: bool,
    report_unused_suppressions: bool,
    color: bool | None,
    baseline_file: str | None,
    no_cache: bool,
    jobs: int | None,
    output_file: Path | None,
    quiet: bool,
    statistics: bool,
    exit_zero: bool,
    min_severity: str | None,
    **restorative: Any,
) -> None:
    """Lint files, directories (recursively) or stdin ("-") for punitive phrasing."""
    if not paths:
        if stdin_is_terminal():
            raise click.UsageError("give one or more paths, or - to read stdin")
        paths = (STDIN,)
    fmt = choose_format(output_format, os.environ)
    baseline = None
    if baseline_file is not None:
        try:
            baseline = load_baseline(baseline_file)
        except BaselineError as exc:
            fail(str(exc))
    options = check_options(restorative, fmt, stdin_filename if STDIN in paths else None)
    session = open_session(
        paths,
        Overrides(
            select=tuple(split_selectors(select)) or None,
            ignore=tuple(split_selectors(ignore)) or None,
            fail_on=fail_on,
            report_unused_suppressions=True if report_unused_suppressions else None,
        ),
        stdin_filename=stdin_filename,
        input_format=input_format,
        config_file=config_file,
        isolated=isolated,
        force_exclude=force_exclude,
        cache=Cache(),
        reuse_results=not no_cache,
        jobs=jobs or os.cpu_count() or 1,
        quiet=quiet,
        progress=ProgressBar.on_terminal(quiet),
    )
    try:
        result = check(session.pipeline, session.sources, options)
    except (ModelNotInstalled, CatalogError) as exc:
        fail(str(exc))
    for warning in result.warnings:
        click.echo(f"restorelint: warning: {warning}", err=True)
    for error in result.read_errors:
        click.echo(f"restorelint: {error}", err=True)
    unread = {e.path for e in result.read_errors}
    if unread and all(s.path in unread for s in session.sources):
        fail("nothing could be linted")
    stream = sys.stdout if output_file is None else io.StringIO()  # a file: no terminal
    colored = use_color(color, os.environ, stream)
    fatal = result.fix_errors or any(e.fatal for e in session.errors)
    if result.diffs is not None:
        write_output("".join(result.diffs), output_file, colored)
        changes = bool(result.diffs) and not exit_zero
        sys.exit(EXIT_ERROR if fatal else EXIT_FINDINGS if changes else EXIT_CLEAN)
    report_fixes(result, quiet)
    failed_message = message_failed(result, restorative)
    findings, known = result.findings, []
    if baseline is not None:
        findings, known = baseline.split(findings, session.texts)
    findings, hidden = shown_findings(findings, min_severity)
    show_messages = fmt == "json" or (restorative.get("checklist", True) and not quiet)
    report = prepare(
        findings,
        errors=session.errors + result.read_errors + result.fix_errors,
        texts={p: t for p, t in result.texts.items() if p not in unread},
        files_linted=len(session.texts) - len(unread),
        rules=session.rules,
        baselined=len(known) if baseline is not None else None,
        messages=result.messages if show_messages else [],
        output_format=fmt,
        quiet=quiet,
        hidden=hidden,
        min_severity=min_severity,
    )
    if statistics:
        output = statistics_report(report, as_json=fmt == "json")
    else:
        output = get_reporter(fmt)(report, colored)
    write_output(output, output_file, colored, err=result.stdin_text is not None)
    if fatal:
        sys.exit(EXIT_ERROR)
    failed = fails(findings, session.resolver.fail_on_for) or failed_message
    sys.exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_CLEAN)
