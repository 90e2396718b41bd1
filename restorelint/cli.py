"""Command line: ``restorelint check | rewrite | rules | explain``.

Exit codes: 0 nothing flagged (at or above ``--fail-on``); 1 findings, or a
message below ``--min-score``; 2 usage error, broken rule, configuration or
baseline, missing model, no input could be linted, or a fix could not be
written.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from restorelint import __version__
from restorelint.baseline import BaselineError, load_baseline, write_baseline
from restorelint.cache import ENV_DIR as ENV_CACHE_DIR
from restorelint.cache import Cache
from restorelint.cli_restorative import (
    CheckOutcome,
    restorative_options,
    rewrite_command,
    run_check,
    wants_review,
)
from restorelint.config import (
    ConfigError,
    Overrides,
    Resolver,
    describe,
    fails,
    known_selector,
)
from restorelint.formats import INPUT_FORMATS
from restorelint.outcome import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, choose_format, use_color
from restorelint.pipeline import ModelNotInstalled
from restorelint.reporters import FORMATS, Report, get_reporter
from restorelint.rules import SEVERITIES, Rule, RuleError
from restorelint.sources import STDIN, InputError, Skip, Source, expand, read_file, read_stdin
from restorelint.suppressions import UNUSED_RULE_ID, Suppressions


def _fail(message: str) -> None:
    click.echo(f"restorelint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def gather(
    paths: Sequence[str],
    stdin_name: str,
    input_format: str | None = None,
    skip: Skip | None = None,
    force_exclude: bool = False,
) -> tuple[list[Source], list[InputError]]:
    sources: list[Source] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == STDIN:
            if force_exclude and skip is not None and skip(Path(stdin_name), False):
                continue
            result = read_stdin(sys.stdin.buffer.read(), stdin_name, input_format)
            (sources if isinstance(result, Source) else errors).append(result)  # type: ignore[arg-type]
            continue
        for item in expand([raw], skip, force_exclude):
            result = item if isinstance(item, InputError) else read_file(item, input_format)
            (sources if isinstance(result, Source) else errors).append(result)  # type: ignore[arg-type]
    return sources, errors


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="restorelint")
def main() -> None:
    """restorelint: flag punitive feedback and suggest restorative rewrites."""


@main.command()
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
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Use this configuration file for every input instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
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
@restorative_options
def check(
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
    **restorative: object,
) -> None:
    """Lint files, directories (recursively) or stdin ("-") for punitive phrasing."""
    if not paths:
        if sys.stdin.isatty():
            raise click.UsageError("give one or more paths, or - to read stdin")
        paths = (STDIN,)
    baseline = None
    if baseline_file is not None:
        try:
            baseline = load_baseline(baseline_file)
        except BaselineError as exc:
            _fail(str(exc))
    run = lint_paths(
        paths,
        Overrides(
            select=tuple(_split(select)) or None,
            ignore=tuple(_split(ignore)) or None,
            fail_on=fail_on,
        ),
        stdin_filename=stdin_filename,
        input_format=input_format,
        config_file=config_file,
        isolated=isolated,
        force_exclude=force_exclude,
        report_unused_suppressions=report_unused_suppressions,
        cache=Cache(),
        reuse_results=not no_cache,
        jobs=jobs or os.cpu_count() or 1,
        restorative=dict(restorative),
        output_format=choose_format(output_format, os.environ),
    )
    outcome = run.outcome
    if outcome.finished:  # --diff printed the fixes
        sys.exit(outcome.exit_code)
    findings, known = outcome.findings, []
    if baseline is not None:
        findings, known = baseline.split(findings, run.texts)
    colored = use_color(color, os.environ, sys.stdout)
    report = Report(
        findings=findings,
        errors=run.errors + outcome.errors,
        texts=outcome.texts,
        files_linted=len(run.texts),
        rules=run.rules,
        baselined=len(known) if baseline is not None else None,
        messages=outcome.messages,
    )
    output = get_reporter(choose_format(output_format, os.environ))(report, colored)
    click.echo(output, color=colored, err=outcome.report_to_stderr)
    if outcome.exit_code == EXIT_ERROR:
        sys.exit(EXIT_ERROR)
    failed = fails(findings, run.resolver.fail_on_for) or outcome.message_failed
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@dataclass(frozen=True)
class Run:
    outcome: CheckOutcome
    errors: list[InputError]
    texts: dict[str, str]
    rules: list[Rule]
    resolver: Resolver


def lint_paths(
    paths: Sequence[str],
    overrides: Overrides,
    *,
    stdin_filename: str = "<stdin>",
    input_format: str | None = None,
    config_file: Path | None = None,
    isolated: bool = False,
    force_exclude: bool = False,
    report_unused_suppressions: bool = False,
    cache: Cache | None = None,
    reuse_results: bool = True,
    jobs: int = 1,
    restorative: dict[str, object] | None = None,
    output_format: str = "text",
) -> Run:
    """Read, configure and lint, reporting input problems on stderr; exits on fatal ones.

    `check` and `baseline` share it, so a baseline is made under exactly the
    configuration (excludes, per-file ignores, team rules) that checks it.
    """
    try:
        resolver = Resolver(config_file, isolated, overrides)
        sources, errors = gather(paths, stdin_filename, input_format, resolver.skip, force_exclude)
        for source in sources:
            resolver.settings_for(source.path)  # load every governing configuration
        rules = resolver.rules()
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    for warning in resolver.warnings(rules):
        click.echo(f"restorelint: warning: {warning}", err=True)
    for error in errors:
        click.echo(f"restorelint: {error}", err=True)
    for source in sources:
        if not source.text.strip():
            click.echo(f"restorelint: {source.path}: empty file, nothing to lint", err=True)
    if not sources:
        if not errors:  # every input excluded (a pre-commit run on excluded files)
            click.echo("restorelint: every input is excluded; nothing to lint", err=True)
            sys.exit(EXIT_CLEAN)
        _fail("nothing could be linted")
    from restorelint.engine import Linter

    suppressions = Suppressions(report_unused_suppressions, known=_known(rules))
    linter = Linter(
        rules,
        stages=[resolver.stage(), suppressions],
        cache=cache,
        jobs=jobs,
        reuse_results=reuse_results,
    )
    texts = {s.path: s.text for s in sources}
    try:
        if restorative and wants_review(restorative):
            stdin_name = stdin_filename if STDIN in paths else None
            outcome = run_check(sources, linter, output_format, restorative, stdin_name)
        else:
            outcome = CheckOutcome(linter.lint(sources), [], texts)
    except (ModelNotInstalled, RuleError) as exc:
        _fail(str(exc))
    for warning in suppressions.warnings:
        click.echo(f"restorelint: warning: {warning}", err=True)
    return Run(outcome, errors, texts, list(rules), resolver)


def _known(rules: Sequence[Rule]) -> Callable[[str], bool]:
    return lambda selector: selector.upper() == UNUSED_RULE_ID or known_selector(selector, rules)


@main.command(name="baseline")
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
    run = lint_paths(
        paths,
        Overrides(select=tuple(_split(select)) or None, ignore=tuple(_split(ignore)) or None),
        force_exclude=True,
        cache=Cache(),
    )
    findings = run.outcome.findings
    try:
        payload = write_baseline(output, findings, run.texts)
    except BaselineError as exc:
        _fail(str(exc))
    entries = len(payload["findings"])  # type: ignore[arg-type]
    click.echo(
        f"restorelint: wrote {output}: {len(findings)} finding{'s' * (len(findings) != 1)} "
        f"({entries} fingerprint{'s' * (entries != 1)}) in {len(run.texts)} "
        f"file{'s' * (len(run.texts) != 1)}",
        err=True,
    )


@main.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
)
def list_rules(output_format: str) -> None:
    """List every rule: id, name, category, severity (team rules included)."""
    rules = _catalog()
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "name": r.name,
                        "category": r.category,
                        "severity": r.severity,
                        "message": r.message,
                    }
                    for r in rules
                ],
                indent=2,
            )
        )
        return
    for rule in rules:
        click.echo(f"{rule.id}  {rule.name:<30} {rule.category:<19} {rule.severity}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Show a rule's reasoning, examples and restorative rewrites."""
    from restorelint.docs import rule_markdown

    rules = _catalog()
    wanted = rule_id.strip()
    for rule in rules:
        if wanted.upper() == rule.id or wanted == rule.name:
            click.echo(rule_markdown(rule, heading="#"))
            return
    _fail(f"no rule '{rule_id}'; `restorelint rules` lists them")


def _catalog() -> list[Rule]:
    """The built-in rules plus the team rules the configuration here adds."""
    try:
        resolver = Resolver()
        resolver.settings_for(Path.cwd(), is_dir=True)
        return resolver.rules()
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


@main.command(name="config")
@click.argument("path", required=False, default=".")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Show this configuration file's settings instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Show the defaults, ignoring configuration files.")
def show_config(path: str, output_format: str, config_file: Path | None, isolated: bool) -> None:
    """Print the effective configuration for PATH (a file or folder; default: here)."""
    from restorelint.formats import detect

    target = Path(path)
    is_dir = target.is_dir()
    try:
        resolver = Resolver(config_file, isolated)
        settings = resolver.settings_for(target, is_dir=is_dir)
        excluded = resolver.skip(target, is_dir)
        rules = resolver.rules()  # a broken team rule folder is a broken configuration
    except (ConfigError, RuleError) as exc:
        _fail(str(exc))
    for warning in resolver.warnings(rules):
        click.echo(f"restorelint: warning: {warning}", err=True)
    fmt = "(folder)" if is_dir else detect(path)
    click.echo(describe(settings, target, output_format, fmt, excluded))


main.add_command(rewrite_command)

if __name__ == "__main__":
    main()
