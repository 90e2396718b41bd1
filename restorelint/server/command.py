"""``restorelint server``: the language server, for an editor to start."""

from __future__ import annotations

import logging

import click


@click.command(name="server")
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk LSP over stdin/stdout (the only transport; accepted because many editors pass it).",
)
@click.option(
    "--debounce-ms",
    type=click.IntRange(0, 10_000),
    default=250,
    show_default=True,
    help="Wait this long after the last keystroke before checking a changed document.",
)
def server_command(stdio: bool, debounce_ms: int) -> None:
    """Run the language server over stdio (for editors; see the README).

    Documents are checked on open, on save and, after a pause in typing, on change,
    under the configuration `check` would use for the file. The server writes no
    files, opens no network connection and binds no port.
    """
    # stdout carries the protocol: anything else the server has to say goes to stderr.
    logging.basicConfig(level=logging.WARNING, format="restorelint server: %(message)s")
    from restorelint.server.app import create_server

    create_server(debounce_ms / 1000).start_io()
