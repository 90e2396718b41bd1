"""``restorelint config``: the settings that apply to a file or folder."""

from __future__ import annotations

from pathlib import Path

import click

from restorelint.catalog.load import CatalogError
from restorelint.cli.options import config_options
from restorelint.cli.outcome import fail
from restorelint.read.formats import detect
from restorelint.settings.describe import describe
from restorelint.settings.resolver import Resolver
from restorelint.settings.schema import ConfigError


@click.command(name="config")
@click.argument("path", required=False, default=".")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text")
@config_options(
    "Show this configuration file's settings instead of searching for one.",
    "Show the defaults, ignoring configuration files.",
)
def config_command(path: str, output_format: str, config_file: Path | None, isolated: bool) -> None:
    """Print the effective configuration for PATH (a file or folder; default: here)."""
    target = Path(path)
    is_dir = target.is_dir()
    try:
        resolver = Resolver(config_file, isolated)
        settings = resolver.settings_for(target, is_dir=is_dir)
        excluded = resolver.skip(target, is_dir)
        rules = resolver.rules()  # a broken team rule folder is a broken configuration
    except (ConfigError, CatalogError) as exc:
        fail(str(exc))
    for warning in resolver.warnings(rules):
        click.echo(f"restorelint: warning: {warning}", err=True)
    fmt = "(folder)" if is_dir else detect(path)
    click.echo(describe(settings, target, output_format, fmt, excluded))
