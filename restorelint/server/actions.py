"""Code actions on a document's findings: the safe fix, the sentence's rewrite,
"ignore here", and every safe fix at once (``source.fixAll.restorelint``, what an
editor runs on save when asked to).

Each is an edit for the editor to apply; the server never changes a file itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lsprotocol import types

from restorelint.fix.edits import finding_edit, plan
from restorelint.records import SAFE, Edit, Finding
from restorelint.server.documents import Checked
from restorelint.server.positions import Positions
from restorelint.settings.suppressions import ignore_edit
from restorelint.suggest.compose import compose_edits

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.restorelint"
KINDS = (types.CodeActionKind.QuickFix, FIX_ALL)
_TITLE_WIDTH = 60
# The finding's diagnostic, as published: an action names the diagnostics it resolves.
Diagnose = Callable[[Finding], types.Diagnostic]


@dataclass(frozen=True)
class Target:
    """The document version an action's edits are made for."""

    uri: str
    version: int | None
    positions: Positions
    document_changes: bool  # the client takes versioned edits (stale ones are refused)

    def edit(self, edits: Sequence[Edit]) -> types.WorkspaceEdit:
        text_edits = [
            types.TextEdit(range=self.positions.range(e.start, e.end), new_text=e.content)
            for e in edits
        ]
        if not self.document_changes:
            return types.WorkspaceEdit(changes={self.uri: text_edits})
        document = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=text_edits)]
        )


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """LSP's ``only``: a kind is asked for when it is, or is under, one of them."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TITLE_WIDTH else text[: _TITLE_WIDTH - 1].rstrip() + "…"


def code_actions(
    checked: Checked,
    target: Target,
    start: int,
    end: int,
    only: Sequence[str] | None,
    diagnostic: Diagnose,
) -> list[types.CodeAction]:
    text = checked.source.text
    here = [f for f in checked.findings if f.start <= end and start <= f.end]
    actions: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix, only) and here:
        actions += _safe_fixes(text, here, target, diagnostic)
        actions += _rewrites(checked, here, target, diagnostic)
        actions += _ignores(checked, here, target, diagnostic)
    if wanted(FIX_ALL, only):
        edits = plan(text, checked.findings)
        if edits:
            actions.append(
                types.CodeAction(
                    title=f"restorelint: apply all safe fixes in this document ({len(edits)})",
                    kind=FIX_ALL,
                    edit=target.edit(edits),
                )
            )
    return actions


def _quickfix(
    title: str,
    finding: Finding,
    edits: Sequence[Edit],
    target: Target,
    preferred: bool,
    diag: Diagnose,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag(finding)],
        is_preferred=preferred,
        edit=target.edit(edits),
    )


def _safe_fixes(
    text: str, findings: Sequence[Finding], target: Target, diag: Diagnose
) -> list[types.CodeAction]:
    out = []
    for finding in findings:
        if finding.applicability != SAFE:
            continue
        edit = finding_edit(text, finding)
        if edit is None:
            continue
        change = (
            f"replace “{finding.text}” with “{finding.replacement}”"
            if finding.replacement
            else f"drop “{finding.text}”"
        )
        out.append(
            _quickfix(f"{finding.rule}: {change} (safe fix)", finding, [edit], target, True, diag)
        )
    return out


def _rewrites(
    checked: Checked, findings: Sequence[Finding], target: Target, diag: Diagnose
) -> list[types.CodeAction]:
    message = checked.message()
    out = []
    seen: set[int] = set()
    for finding in findings:
        for rewrite in message.rewrites or []:
            if not rewrite.start <= finding.start < rewrite.end or rewrite.start in seen:
                continue
            seen.add(rewrite.start)
            edits = [
                Edit(s, e, content)
                for s, e, content in compose_edits(
                    checked.source.text, [rewrite], message.paragraph_ends
                )
            ]
            if rewrite.applicability == SAFE:
                label = "safe"
            elif rewrite.placeholders:
                label = "unsafe: changes the wording; fill in the [placeholders]"
            else:
                label = "unsafe: changes the wording"
            title = f"Rewrite the sentence: “{_clip(rewrite.text)}” ({label})"
            out.append(
                _quickfix(title, finding, edits, target, rewrite.applicability == SAFE, diag)
            )
    return out


def _ignores(
    checked: Checked, findings: Sequence[Finding], target: Target, diag: Diagnose
) -> list[types.CodeAction]:
    out = []
    seen: set[tuple[str, int]] = set()
    for finding in findings:
        if (finding.rule, finding.line) in seen:
            continue
        seen.add((finding.rule, finding.line))
        source = checked.source
        edit = ignore_edit(source.text, finding, source.path, source.format)
        title = f"Ignore {finding.rule} ({finding.name}) on this line"
        out.append(_quickfix(title, finding, [edit], target, False, diag))
    return out
