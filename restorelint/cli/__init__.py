"""Command line: ``restorelint check | rewrite | audit | baseline | rules | explain |
config | server``.

Exit codes: 0 nothing flagged (at or above ``--fail-on``); 1 findings, or a
message below ``--min-score``; 2 usage error, broken rule, configuration or
baseline, missing model, no input could be linted, a fix could not be
written, or stdin/stdout closed; 3 internal error (a bug, never a result);
130 interrupted. See ``cli.guard``.
"""

from __future__ import annotations

import importlib

import click

from restorelint.version import __version__

# Each command is imported only when it runs (click's lazy-group pattern): a
# check that has nothing to parse starts in a few hundred milliseconds, and
# must not pay for loading every other command.
COMMANDS = {
    "audit": "restorelint.cli.audit:audit_command",
    "baseline": "restorelint.cli.baseline:baseline_command",
    "check": "restorelint.cli.check:check_command",
    "config": "restorelint.cli.config:config_command",
    "explain": "restorelint.cli.catalog:explain_command",
    "rewrite": "restorelint.cli.rewrite:rewrite_command",
    "rules": "restorelint.cli.catalog:rules_command",
    # The language server is a way in of its own (beside the command line, not under
    # it); the group only starts it.
    "server": "restorelint.server.command:server_command",
}


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        from restorelint.cli.guard import guarded

        return guarded(lambda: super(LazyGroup, self).invoke(ctx), ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="restorelint")
@click.option(
    "--debug",
    is_flag=True,
    help="On an internal error, print the traceback (also: RESTORELINT_DEBUG=1).",
)
def main(debug: bool) -> None:
    """restorelint: flag punitive feedback and suggest restorative rewrites."""
