"""Command line: ``restorelint check | rewrite | rules | explain``.

Exit codes: 0 nothing flagged; 1 findings (or a message below --min-score;
see README); 2 usage error, broken rule or configuration, missing model, no
input could be linted, or a fix could not be written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from restorelint import __version__
from restorelint.cli_restorative import restorative_options, rewrite_command, run_check
from restorelint.finding import Finding
from restorelint.pipeline import ModelNotInstalled
from restorelint.reporters import FORMATS, Report, get_reporter
from restorelint.rules import RuleError, default_rules, select_rules
from restorelint.sources import STDIN, InputError, Source, expand, read_file, read_stdin

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"restorelint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def gather(paths: Sequence[str], stdin_name: str) -> tuple[list[Source], list[InputError]]:
    sources: list[Source] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == STDIN:
            result = read_stdin(sys.stdin.buffer.read(), stdin_name)
            (sources if isinstance(result, Source) else errors).append(result)  # type: ignore[arg-type]
            continue
        for item in expand([raw]):
            result = item if isinstance(item, InputError) else read_file(item)
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
    default="text",
    show_default=True,
    help="Output format.",
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
    "--stdin-filename", default="<stdin>", show_default=True, help="Name to report for stdin."
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text output (default: on a terminal)."
)
@restorative_options
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    stdin_filename: str,
    color: bool | None,
    **restorative: object,
) -> None:
    """Lint files, directories (recursively) or stdin ("-") for punitive phrasing."""
    if not paths:
        if sys.stdin.isatty():
            raise click.UsageError("give one or more paths, or - to read stdin")
        paths = (STDIN,)
    try:
        rules = select_rules(default_rules(), _split(select), _split(ignore))
    except RuleError as exc:
        _fail(str(exc))
    sources, errors = gather(paths, stdin_filename)
    for error in errors:
        click.echo(f"restorelint: {error}", err=True)
    for source in sources:
        if not source.text.strip():
            click.echo(f"restorelint: {source.path}: empty file, nothing to lint", err=True)
    if not sources:
        _fail("nothing could be linted")
    stdin_name = stdin_filename if STDIN in paths else None
    outcome = run_check(sources, rules, output_format, restorative, stdin_name)
    if outcome.finished:  # --diff printed the fixes
        sys.exit(outcome.exit_code)
    findings = outcome.findings
    use_color = color if color is not None else sys.stdout.isatty()
    report = Report(
        findings=findings,
        errors=errors + outcome.errors,
        texts=outcome.texts,
        files_linted=len(sources),
        messages=outcome.messages,
    )
    click.echo(get_reporter(output_format)(report, use_color), err=outcome.report_to_stderr)
    sys.exit(outcome.exit_code)


def run_linter(sources: list[Source], rules: list) -> list[Finding]:  # type: ignore[type-arg]
    from restorelint.engine import Linter

    try:
        return Linter(rules).lint(sources)
    except (ModelNotInstalled, RuleError) as exc:
        _fail(str(exc))
        raise  # unreachable: _fail exits


@main.command(name="rules")
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True
)
def list_rules(output_format: str) -> None:
    """List every rule: id, name, category, severity."""
    try:
        rules = default_rules()
    except RuleError as exc:
        _fail(str(exc))
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

    try:
        rules = default_rules()
    except RuleError as exc:
        _fail(str(exc))
    wanted = rule_id.strip()
    for rule in rules:
        if wanted.upper() == rule.id or wanted == rule.name:
            click.echo(rule_markdown(rule, heading="#"))
            return
    _fail(f"no rule '{rule_id}'; `restorelint rules` lists them")


main.add_command(rewrite_command)

if __name__ == "__main__":
    main()
