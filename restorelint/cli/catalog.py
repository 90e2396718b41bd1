"""``restorelint rules`` and ``restorelint explain``: the catalog, team rules included."""

from __future__ import annotations

import json
from pathlib import Path

import click

from restorelint.catalog.docs import rule_markdown
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
def explain_command(rule_id: str) -> None:
    """Show a rule's reasoning, examples and restorative rewrites."""
    wanted = rule_id.strip()
    for rule in _rules():
        if wanted.upper() == rule.id or wanted == rule.name:
            click.echo(rule_markdown(rule, heading="#"))
            return
    fail(f"no rule '{rule_id}'; `restorelint rules` lists them")
