"""The language server, driven end to end by a real LSP client over stdio
(pytest-lsp, from the pygls authors), as an editor drives it: initialize, open,
change, save, diagnostics, code actions, applying their edits, hover, a changed
configuration, shutdown. One server runs for the whole module, as one runs for
an editor session."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from test_config import invoke

pytestmark = [pytest.mark.slow, pytest.mark.asyncio(loop_scope="module")]

# The server's own cache folder: it must stay empty (the server writes no files).
SERVER_CACHE = tempfile.mkdtemp(prefix="restorelint-server-cache-")
WORKSPACE = Path(tempfile.mkdtemp(prefix="restorelint-server-ws-"))
PYPROJECT = '[tool.restorelint]\ndeny = ["rockstar"]\n'
TIMEOUT = 60


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every diagnostics notification with its
    version and every capability the server registers."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    def published(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.published.append(params)  # type: ignore[attr-defined]
        client.diagnostics[params.uri] = params.diagnostics

    def registered(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = published
    features[types.CLIENT_REGISTER_CAPABILITY] = registered
    register_lsp_features(client, features)
    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "restorelint", "server", "--debounce-ms", "150"],
        client_factory=make_client,
        server_env={**os.environ, "RESTORELINT_CACHE_DIR": SERVER_CACHE, "NO_COLOR": "1"},
    ),
)
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    (WORKSPACE / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=WORKSPACE.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=WORKSPACE.as_uri(), name="reviews")],
        )
    )
    yield
    await lsp_client.shutdown_session()
    assert lsp_client._server is not None and lsp_client._server.returncode == 0


def write(name: str, text: str) -> Path:
    path = WORKSPACE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def opened(client: LanguageClient, name: str, text: str, language: str = "markdown") -> str:
    uri = write(name, text).as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    return uri


async def diagnostics(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for this version of the document."""

    async def arrived() -> list[types.Diagnostic]:
        while True:
            for params in reversed(client.published):  # type: ignore[attr-defined]
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(arrived(), TIMEOUT)


def versions(client: LanguageClient, uri: str) -> list[int | None]:
    return [p.version for p in client.published if p.uri == uri]  # type: ignore[attr-defined]


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text: str, edit: types.WorkspaceEdit, uri: str, version: int) -> str:
    """Apply a workspace edit as an editor does: the edits of this document, made
    for this version, from the end of the text backwards."""
    (document_edit,) = edit.document_changes or []
    assert isinstance(document_edit, types.TextDocumentEdit)
    assert document_edit.text_document.uri == uri
    assert document_edit.text_document.version == version  # a stale edit is refused
    starts = [0]
    starts += [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def offset(position: types.Position) -> int:
        line_start = starts[position.line]
        line = text[line_start:]
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return line_start + index
            units += 2 if ord(char) > 0xFFFF else 1
        return line_start + len(line)

    for text_edit in sorted(document_edit.edits, key=lambda e: offset(e.range.start), reverse=True):
        assert isinstance(text_edit, types.TextEdit)
        start, end = offset(text_edit.range.start), offset(text_edit.range.end)
        text = text[:start] + text_edit.new_text + text[end:]
    return text


async def actions(
    client: LanguageClient, uri: str, diagnostic: types.Diagnostic, only: list[str] | None = None
) -> dict[str, types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
        )
    )
    return {a.title: a for a in found or [] if isinstance(a, types.CodeAction)}


def codes(found: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in found]


# --- diagnostics ---------------------------------------------------------------------


async def test_open_publishes_what_check_finds_under_the_project_configuration(
    client: LanguageClient,
) -> None:
    text = "# Q3\n\nObviously you failed to update the docs. Our rockstar shipped it.\n"
    uri = await opened(client, "reviews/q3.md", text)
    found = await diagnostics(client, uri, 1)
    # the same findings `restorelint check` reports for the file, config and all
    checked = json.loads(invoke(["check", "--format", "json", "reviews/q3.md"], WORKSPACE).stdout)
    assert [(d.data["finding"]["start"], d.data["finding"]["end"], d.code) for d in found] == [
        (f["start"], f["end"], f["rule"]) for f in checked["findings"]
    ]
    assert codes(found) == ["RL150", "RL101", "RL900"]  # RL900: the deny list in pyproject
    obviously, failed, _ = found
    assert obviously.range == types.Range(
        start=types.Position(line=2, character=0), end=types.Position(line=2, character=9)
    )
    assert obviously.severity == types.DiagnosticSeverity.Information
    assert failed.severity == types.DiagnosticSeverity.Warning
    assert failed.source == "restorelint" and failed.message.startswith("“you failed”")
    assert failed.data["category"] == "blame" and failed.data["severity"] == "warning"
    assert failed.data["finding"]["text"] == "you failed"
    assert failed.data["explain"].startswith("# RL101 you-failure-verb")
    assert "Why it reads as punitive" in failed.data["explain"]


async def test_columns_count_utf16_code_units(client: LanguageClient) -> None:
    uri = await opened(client, "reviews/emoji.md", "🎉 Obviously, you should pin it.\n")
    (found,) = await diagnostics(client, uri, 1)
    assert (found.range.start.character, found.range.end.character) == (3, 12)


async def test_changes_are_debounced_and_the_latest_version_is_checked(
    client: LanguageClient,
) -> None:
    uri = await opened(client, "reviews/typing.md", "Thanks for the fix.\n")
    assert await diagnostics(client, uri, 1) == []
    typed = "Thanks for the fix."
    for version, word in enumerate([" You", " failed", " to", " update the docs."], start=2):
        typed += word
        change(client, uri, version, typed + "\n")
    assert codes(await diagnostics(client, uri, 5)) == ["RL101"]
    assert versions(client, uri) == [1, 5]  # the keystrokes in between were not checked


async def test_inline_suppressions_are_honoured(client: LanguageClient) -> None:
    text = (
        "<!-- restorelint-disable-next-line RL130 -->\nThis is your final warning.\n\n"
        "This is your final warning. <!-- restorelint-disable-line threat -->\n\n"
        "This is your final warning.\n"
    )
    uri = await opened(client, "reviews/kept.md", text)
    (found,) = await diagnostics(client, uri, 1)
    assert found.code == "RL130" and found.range.start.line == 5


async def test_every_editor_format_and_nothing_else(client: LanguageClient) -> None:
    punitive = "You failed to update the docs.\n"
    python = await opened(client, "tools/build.py", "# you failed\n", "python")
    cases = {
        "notes/a.txt": ("plaintext", punitive),
        "notes/letter.html": ("html", f"<p>{punitive}</p>\n"),
        "notes/offer.hbs": ("handlebars", "{{name}}, " + punitive),
        "notes/reminder.j2": ("jinja", "{# note #}" + punitive),
    }
    for name, (language, text) in cases.items():
        uri = await opened(client, name, text, language)
        assert codes(await diagnostics(client, uri, 1)) == ["RL101"], name
    unsaved = "untitled:Untitled-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=unsaved, language_id="markdown", version=1, text=punitive
            )
        )
    )
    assert codes(await diagnostics(client, unsaved, 1)) == ["RL101"]
    assert versions(client, python) == []  # code is not prose


# --- code actions ----------------------------------------------------------------------


async def test_safe_fix_and_rewrite_are_applied_through_the_editor(
    client: LanguageClient,
) -> None:
    text = "Obviously, you should pin the retry logic.\n\nYou failed to update the docs.\n"
    path = WORKSPACE / "reviews" / "fixes.md"
    uri = await opened(client, "reviews/fixes.md", text)
    obviously, failed = await diagnostics(client, uri, 1)
    offered = await actions(client, uri, obviously)
    safe = offered["RL150: drop “Obviously” (safe fix)"]
    assert safe.kind == types.CodeActionKind.QuickFix and safe.is_preferred
    assert list(safe.diagnostics or []) == [obviously]
    assert "Ignore RL150 (condescending-adverb) on this line" in offered
    assert "restorelint: apply all safe fixes in this document (1)" in offered
    text = apply(text, safe.edit, uri, 1)
    assert text.startswith("You should pin the retry logic.")
    change(client, uri, 2, text)
    assert codes(await diagnostics(client, uri, 2)) == ["RL101"]
    (failed,) = await diagnostics(client, uri, 2)
    rewrites = [a for t, a in (await actions(client, uri, failed)).items() if "Rewrite" in t]
    (rewrite,) = rewrites
    assert rewrite.title.startswith("Rewrite the sentence: “The docs weren't updated.")
    assert rewrite.title.endswith("(unsafe: changes the wording)")
    assert not rewrite.is_preferred  # an unsafe edit is never the default
    text = apply(text, rewrite.edit, uri, 2)
    assert "You failed" not in text and "The docs weren't updated." in text
    change(client, uri, 3, text)
    assert await diagnostics(client, uri, 3) == []
    # the server never wrote the file: the editor holds the edits
    assert path.read_text(encoding="utf-8").startswith("Obviously, you should pin")


async def test_fix_all_is_a_source_action(client: LanguageClient) -> None:
    text = "Obviously, you should pin it. Your summary is clearly wrong.\nYou failed again.\n"
    uri = await opened(client, "reviews/fix-all.md", text)
    found = await diagnostics(client, uri, 1)
    offered = await actions(client, uri, found[-1], only=[types.CodeActionKind.SourceFixAll])
    ((title, fix_all),) = offered.items()
    assert fix_all.kind == "source.fixAll.restorelint" and title.endswith("(2)")
    text = apply(text, fix_all.edit, uri, 1)
    change(client, uri, 2, text)
    assert codes(await diagnostics(client, uri, 2)) == ["RL101"]


@pytest.mark.parametrize(
    ("name", "language", "directive"),
    [
        ("ignore/a.md", "markdown", " <!-- restorelint-disable-line RL101 -->"),
        ("ignore/a.html", "html", " <!-- restorelint-disable-line RL101 -->"),
        ("ignore/a.txt", "plaintext", "  restorelint: ignore[RL101]"),
        ("ignore/a.j2", "jinja", " {# restorelint: ignore[RL101] #}"),
        ("ignore/a.liquid", "liquid", " {% comment %}restorelint: ignore[RL101]{% endcomment %}"),
    ],
)
async def test_ignore_here_writes_the_formats_own_suppression(
    client: LanguageClient, name: str, language: str, directive: str
) -> None:
    line = "You failed to update the docs."
    text = f"{line}\n{line}\n" if language != "html" else f"<p>{line}</p>\n<p>{line}</p>\n"
    uri = await opened(client, name, text, language)
    first, _ = await diagnostics(client, uri, 1)
    ignore = (await actions(client, uri, first))["Ignore RL101 (you-failure-verb) on this line"]
    text = apply(text, ignore.edit, uri, 1)
    assert text.splitlines()[0].endswith(directive)
    change(client, uri, 2, text)
    (left,) = await diagnostics(client, uri, 2)
    assert left.range.start.line == 1  # the other line is still flagged


async def test_hover_explains_the_rule(client: LanguageClient) -> None:
    uri = await opened(client, "reviews/hover.md", "Intro.\n\nSam is lazy.\n")
    (found,) = await diagnostics(client, uri, 1)
    shown = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=8),
        )
    )
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.kind == types.MarkupKind.Markdown
    assert f"({found.code} " in shown.contents.value and "*Try:*" in shown.contents.value
    assert "**Why it reads as punitive.**" in shown.contents.value
    assert shown.range == found.range
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=1),
        )
    )
    assert nothing is None


# --- configuration -----------------------------------------------------------------------


async def test_a_changed_configuration_is_reloaded(client: LanguageClient) -> None:
    config = write("team/.restorelint.toml", 'select = ["blame"]\n')
    text = "You failed to update the docs. This is your final warning.\n"
    uri = await opened(client, "team/review.md", text)
    assert codes(await diagnostics(client, uri, 1)) == ["RL101"]
    watched = [r for r in client.registrations if r.method == "workspace/didChangeWatchedFiles"]  # type: ignore[attr-defined]
    globs = {w["globPattern"] for w in watched[0].register_options["watchers"]}
    assert {"**/.restorelint.toml", "**/pyproject.toml", "**/.restorelint.yaml"} <= globs
    # the editor reports the change: every open document is checked again
    count = len(versions(client, uri))
    config.write_text('select = ["threat"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await asyncio.wait_for(_more(client, uri, count), TIMEOUT)
    assert codes(await diagnostics(client, uri, 1)) == ["RL130"]
    # without a notification, the next check sees the file's new modification time
    count = len(versions(client, uri))
    config.write_text('select = ["blame"]\nextend = "../pyproject.toml"\n', encoding="utf-8")
    os.utime(config, ns=(config.stat().st_mtime_ns + 10**9,) * 2)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await asyncio.wait_for(_more(client, uri, count), TIMEOUT)
    assert codes(await diagnostics(client, uri, 1)) == ["RL101"]


async def _more(client: LanguageClient, uri: str, count: int) -> None:
    while len(versions(client, uri)) <= count:
        await asyncio.sleep(0.02)


async def test_a_broken_configuration_is_shown_not_crashed_on(client: LanguageClient) -> None:
    write("broken/.restorelint.toml", 'fail-on = "fatal"\n')
    uri = await opened(client, "broken/review.md", "You failed.\n")
    assert await diagnostics(client, uri, 1) == []
    message = next(m for m in client.messages if "fail-on" in m.message)
    assert message.type == types.MessageType.Error
    assert "broken/.restorelint.toml: fail-on: 'fatal' is not one of" in message.message


# --- what it never does ----------------------------------------------------------------


async def test_no_network_no_port_and_no_files_written(client: LanguageClient) -> None:
    uri = await opened(client, "reviews/last.md", "You failed.\n")
    await diagnostics(client, uri, 1)
    server = client._server
    assert server is not None
    proc = Path(f"/proc/{server.pid}")
    if not proc.is_dir():
        pytest.skip("needs /proc to list the server's sockets")
    sockets = set()
    for fd in (proc / "fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            sockets.add(target[len("socket:[") : -1])
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = proc / "net" / table
        if path.exists():
            for row in path.read_text().splitlines()[1:]:
                inet.add(row.split()[9])  # the socket's inode
    assert not sockets & inet, "the server holds an internet socket"
    assert list(Path(SERVER_CACHE).iterdir()) == []
