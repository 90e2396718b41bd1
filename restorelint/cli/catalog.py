"""``restorelint rules`` and ``restorelint explain``: the catalog, team rules included."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from restorelint.catalog.docs import rule_markdown, rule_text
from restorelint.catalog.load import CatalogError
from restorelint.catalog.rules import Rule, catalog
from restorelint.cli.outcome import fail
from restorelint.settings.resolver import Resolver
from restorelint.settings.schema import ConfigError


def _rules() -> list[Rule]:
    """Every bundled rule (the deny-list and unused-suppression rules too) and the team
    rules the configuration here adds, by id."""
    try:
        resolver = Resolver()
        resolver.settings_for(Path.cwd(), is_dir=True)
        found = {r.id: r for r in catalog()}
        for rule in resolver.rules():
            found.setdefault(rule.id, rule)
    except (ConfigError, CatalogError) as exc:
        fail(str(exc))
    return sorted(found.values(), key=lambda r: r.id)


@click.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
)
def rules_command(output_format: str) -> None:
    """List every rule: id, name, category, severity (team rules included)."""
    rules = _rules()
    if output_format == "json":
        listed = [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category,
                "severity": r.severity,
                "message": r.message,
            }
            for r in rules
        ]
        click.echo(json.dumps(listed, indent=2))
        return
    for rule in rules:
        click.echo(f"{rule.id}  {rule.name:<30} {rule.category:<19} {rule.severity}")


@click.command(name="explain")
@click.argument("rule_id")
@click.option(
    "--markdown", "as_markdown", is_flag=True, help="Print the Markdown source, wherever to."
)
def explain_command(rule_id: str, as_markdown: bool) -> None:
    """Show a rule's reasoning, examples and restorative rewrites.

    On a terminal the Markdown is rendered; into a pipe or file it is plain text.
    """
    wanted = rule_id.strip()
    for rule in _rules():
        if wanted.upper() == rule.id or wanted == rule.name:
            markdown = rule_markdown(rule, heading="#")
            if as_markdown:
                click.echo(markdown, nl=False)
            elif sys.stdout.isatty() or os.environ.get("FORCE_COLOR"):
                _render(markdown)
            else:
                click.echo(rule_text(rule), nl=False)
            return
    fail(f"no rule '{rule_id}'; `restorelint rules` lists them")


def _render(markdown: str) -> None:
    # rich costs a tenth of a second to import: only a terminal pays for it.
    from rich.console import Console
    from rich.markdown import Markdown

    forced = bool(os.environ.get("FORCE_COLOR")) and not sys.stdout.isatty()
    console = Console(force_terminal=True if forced else None, soft_wrap=False)
    console.print(Markdown(markdown))
