"""The pygls server: documents checked on open, on save and (debounced) on change,
diagnostics published per version, code actions and hover from the findings.

Checks run on one worker thread, so the model is only ever used by one caller at a
time and the event loop stays free to read the next message (a keystroke cancels
a pending check rather than queueing behind it).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from restorelint.catalog.load import CatalogError
from restorelint.parse.model import ModelNotInstalled
from restorelint.read.formats import MARKDOWN
from restorelint.records import Finding, Source
from restorelint.server.actions import KINDS, Target, code_actions
from restorelint.server.diagnostics import diagnostic, hover
from restorelint.server.documents import Checked, Documents, document_format
from restorelint.server.positions import Positions
from restorelint.settings.files import CONFIG_NAMES
from restorelint.settings.schema import ConfigError
from restorelint.version import __version__

log = logging.getLogger(__name__)
T = TypeVar("T")
PROBLEMS = (ConfigError, CatalogError, ModelNotInstalled)
# Watched so that editing a configuration re-checks the open documents at once.
WATCHED = tuple(f"**/{name}" for name in CONFIG_NAMES)


class RestorelintServer(LanguageServer):
    def __init__(self, debounce: float) -> None:
        super().__init__("restorelint", __version__)
        self.debounce = debounce
        self.documents = Documents()
        self.checked: dict[str, tuple[int | None, Checked]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="restorelint")
        self._said: set[str] = set()

    async def in_worker(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.worker, function, *args)

    # -- documents -------------------------------------------------------------------

    def path_of(self, uri: str) -> Path:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:  # an unsaved buffer: configured from the workspace's root
            return Path(self.workspace.root_path or os.getcwd()) / "untitled"
        return Path(path)

    def positions(self, text: str) -> Positions:
        return Positions(text, self.workspace.position_codec.client_num_units)

    def cancel(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def check_later(self, uri: str) -> None:
        self.cancel(uri)
        self.pending[uri] = asyncio.ensure_future(self._debounced(uri))

    async def _debounced(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self.pending.pop(uri, None)
        await self.check(uri)

    async def check(self, uri: str) -> Checked | None:
        """Check the document as it is now and publish its diagnostics."""
        self.cancel(uri)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        version, text, path = document.version, document.source, self.path_of(uri)
        fmt = document_format(str(path) if uri.startswith("file:") else None, document.language_id)
        if fmt is None:
            return None
        try:
            checked = await self.in_worker(self.documents.check, path, text, fmt)
        except PROBLEMS as exc:
            self.say(str(exc), types.MessageType.Error)
            checked = None
        for warning in self.documents.new_warnings:
            self.say(warning, types.MessageType.Warning)
        self.documents.new_warnings.clear()
        now = self.workspace.text_documents.get(uri)
        if now is None or now.version != version:
            return None  # changed meanwhile: a newer check will publish
        if checked is None:
            self.checked.pop(uri, None)
        else:
            self.checked[uri] = (version, checked)
        self.publish(uri, version, checked)
        return checked

    async def current(self, uri: str) -> tuple[int | None, Checked] | None:
        """The findings of the document's current version, checking it if need be."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        held = self.checked.get(uri)
        if held is not None and held[0] == document.version:
            return held
        checked = await self.check(uri)
        return (document.version, checked) if checked is not None else None

    def publish(self, uri: str, version: int | None, checked: Checked | None) -> None:
        diagnostics = []
        if checked is not None:
            positions = self.positions(checked.source.text)
            diagnostics = [diagnostic(f, positions, checked.rule(f.rule)) for f in checked.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def say(self, message: str, kind: types.MessageType) -> None:
        """Log every problem; show each distinct one to the writer once."""
        self.window_log_message(
            types.LogMessageParams(type=kind, message=f"restorelint: {message}")
        )
        if kind == types.MessageType.Error and message not in self._said:
            self._said.add(message)
            self.window_show_message(
                types.ShowMessageParams(type=kind, message=f"restorelint: {message}")
            )

    # -- capabilities ----------------------------------------------------------------

    def _capability(self, *names: str) -> Any:
        value: Any = self.client_capabilities
        for name in names:
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    @property
    def versioned_edits(self) -> bool:
        return bool(self._capability("workspace", "workspace_edit", "document_changes"))

    @property
    def markdown_hover(self) -> bool:
        formats = self._capability("text_document", "hover", "content_format") or []
        return types.MarkupKind.Markdown in formats or not formats

    async def watch_configuration(self) -> None:
        if not self._capability("workspace", "did_change_watched_files", "dynamic_registration"):
            return  # configuration changes are still seen, on the next check (mtimes)
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        registration = types.Registration(
            id="restorelint-configuration",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await self.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as exc:  # a client that advertises it but refuses it
            log.warning("could not watch configuration files: %s", exc)


def _warm_up(documents: Documents, root: Path) -> None:
    """Load the model and compile the rules before the first document arrives."""
    try:
        configured = documents.configured(root / "untitled")
        configured.pipeline.lint([Source(str(root / "untitled"), "You failed.", MARKDOWN)])
    except PROBLEMS:
        pass  # said when a document is checked


def create_server(debounce: float = 0.25) -> RestorelintServer:
    from restorelint.catalog.stored import write_nothing

    write_nothing()  # the server writes no files, not even the stored catalog
    server = RestorelintServer(debounce)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: RestorelintServer, params: types.InitializedParams) -> None:
        root = Path(ls.workspace.root_path or os.getcwd())
        ls.worker.submit(_warm_up, ls.documents, root)
        await ls.watch_configuration()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: RestorelintServer, params: types.DidOpenTextDocumentParams) -> None:
        await ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: RestorelintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.check_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(ls: RestorelintServer, params: types.DidSaveTextDocumentParams) -> None:
        await ls.check(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: RestorelintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.checked.pop(uri, None)
        ls.publish(uri, None, None)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: RestorelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.documents.forget()
        for uri in list(ls.workspace.text_documents):
            await ls.check(uri)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=list(KINDS)),
    )
    async def code_action(
        ls: RestorelintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        held = await ls.current(uri)
        if held is None:
            return None
        version, checked = held
        positions = ls.positions(checked.source.text)
        target = Target(uri, version, positions, ls.versioned_edits)

        def diagnose(finding: Finding) -> types.Diagnostic:
            return diagnostic(finding, positions, checked.rule(finding.rule))

        start, end = positions.offset(params.range.start), positions.offset(params.range.end)
        only = params.context.only
        return await ls.in_worker(code_actions, checked, target, start, end, only, diagnose)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: RestorelintServer, params: types.HoverParams) -> types.Hover | None:
        held = await ls.current(params.text_document.uri)
        if held is None:
            return None
        checked = held[1]
        positions = ls.positions(checked.source.text)
        at = positions.offset(params.position)
        found = [f for f in checked.findings if f.start <= at < f.end]
        return hover(found, positions, checked.rule, ls.markdown_hover)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: RestorelintServer, params: None) -> None:
        for uri in list(ls.pending):
            ls.cancel(uri)
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return server
