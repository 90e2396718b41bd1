"""Setting up a run from the command line: configuration, inputs, rules and the
pipeline, with input problems reported on stderr. ``check`` and ``baseline``
share it, so a baseline is made under exactly the configuration (excludes,
per-file ignores, team rules) that checks it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from restorelint.catalog.load import CatalogError
from restorelint.catalog.rules import Rule
from restorelint.cli.outcome import EXIT_CLEAN, fail
from restorelint.read.sources import gather, stdin_bytes
from restorelint.records import InputError, Source
from restorelint.run.cache import Cache
from restorelint.run.engine import Progress
from restorelint.run.pipeline import Pipeline
from restorelint.settings.model import Overrides
from restorelint.settings.resolver import Resolver
from restorelint.settings.schema import ConfigError


@dataclass(frozen=True)
class Session:
    pipeline: Pipeline
    sources: list[Source]
    errors: list[InputError]
    rules: list[Rule]
    resolver: Resolver

    @property
    def texts(self) -> dict[str, str]:
        return {s.path: s.text for s in self.sources}


def open_session(
    paths: Sequence[str],
    overrides: Overrides,
    *,
    stdin_filename: str = "<stdin>",
    input_format: str | None = None,
    config_file: Path | None = None,
    isolated: bool = False,
    force_exclude: bool = False,
    cache: Cache | None = None,
    reuse_results: bool = True,
    jobs: int = 1,
    quiet: bool = False,
    progress: Progress | None = None,
) -> Session:
    """Read, configure and build the pipeline; exits on fatal problems. ``quiet``
    keeps notes (an empty file, every input excluded) off stderr; errors and
    warnings are always said."""
    try:
        resolver = Resolver(config_file, isolated, overrides)
        sources, errors = gather(
            paths,
            stdin_filename,
            stdin_bytes,
            input_format,
            resolver.skip,
            force_exclude,
        )
        for source in sources:
            resolver.settings_for(source.path)  # load every governing configuration
        rules = resolver.rules()
    except (ConfigError, CatalogError) as exc:
        fail(str(exc))
    for warning in resolver.warnings(rules):
        click.echo(f"restorelint: warning: {warning}", err=True)
    for error in errors:
        click.echo(f"restorelint: {error}", err=True)
    for source in sources:
        if not source.text.strip() and not quiet:
            click.echo(f"restorelint: {source.path}: empty file, nothing to lint", err=True)
    if not sources:
        if not errors:  # every input excluded (a pre-commit run on excluded files)
            if not quiet:
                click.echo("restorelint: every input is excluded; nothing to lint", err=True)
            sys.exit(EXIT_CLEAN)
        fail("nothing could be linted")
    pipeline = Pipeline(
        rules,
        resolver,
        cache=cache,
        jobs=jobs,
        reuse_results=reuse_results,
        report_unused=overrides.report_unused_suppressions,
        progress=progress,
    )
    return Session(pipeline, sources, errors, list(rules), resolver)
