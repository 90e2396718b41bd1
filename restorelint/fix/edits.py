"""Fixes: apply suggestions to the text, byte for byte outside the edits.

Applicability decides what ``--fix`` may touch, as in ruff:

- ``safe``: a mechanical edit that keeps the meaning (drop "obviously");
  applied by ``--fix``;
- ``unsafe``: a complete rewrite with no placeholders left (it changes the
  wording); applied only with ``--unsafe-fixes``;
- ``display-only``: a rewrite that needs the writer's facts (it has
  [placeholders]); shown, never applied.

Writing the fixed files is ``fix.write``'s job.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from restorelint.records import SAFE, UNSAFE, Edit, Finding, Fix

if TYPE_CHECKING:
    from restorelint.suggest.sentence import SentenceRewrite

_SENTENCE_END = ".!?"


def _at_sentence_start(text: str, offset: int) -> bool:
    """After a full stop, at the start of the text, or at a paragraph's (or list item's) start."""
    i = offset
    while i > 0 and text[i - 1] in " \t\"'“‘(*_>#-+":
        i -= 1
    if i == 0:
        return True
    if text[i - 1] == "\n":
        before = text[: i - 1].rstrip("\r")
        if not before or before.endswith("\n") or text[i:offset].strip():
            return True  # a blank line above, or a list/quote marker before the word
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_END


def finding_edit(text: str, finding: Finding) -> Edit | None:
    """The edit a finding's own replacement makes, tidied at its edges.

    An empty replacement deletes the words with one neighbouring space and a
    comma that would be left dangling; a word that comes to start a sentence
    gets its capital ("Obviously, this breaks" → "This breaks").
    """
    if finding.replacement is None:
        return None
    start, end, content = finding.start, finding.end, finding.replacement
    if content:
        return Edit(start, end, content)
    after = end
    if text[after : after + 1] == ",":
        after += 1
    spaces = after
    while spaces < len(text) and text[spaces] in " \t":
        spaces += 1
    if _at_sentence_start(text, start):
        nxt = text[spaces : spaces + 1]
        if nxt.isalpha() and nxt.islower() and spaces > after:
            return Edit(start, spaces + 1, nxt.upper())
        return Edit(start, spaces, "")
    if text[spaces : spaces + 1] in (".", ",", ";", ":", "!", "?", ")"):
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if text[before - 1 : before] == ",":
            before -= 1
        return Edit(before, end, "")
    if start == 0 or text[start - 1] in " \t\n":
        return Edit(start, spaces, "")
    return Edit(start, after, "")


def plan(
    text: str,
    findings: Sequence[Finding],
    rewrites: Sequence[SentenceRewrite] = (),
    *,
    unsafe: bool = False,
    anchors: Mapping[int, int] | None = None,
) -> list[Edit]:
    """Non-overlapping edits for the fixes allowed: safe ones, and unsafe ones on request.

    With ``unsafe``, a sentence whose rewrite has no placeholders is replaced
    by it (closings follow the paragraph rules of the ``rewrite`` command);
    every other sentence keeps only its safe edits.
    """
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []
    if unsafe and rewrites:
        from restorelint.suggest.compose import compose_edits

        for start, end, content in compose_edits(
            text, [r for r in rewrites if r.applicability in (SAFE, UNSAFE)], anchors
        ):
            edits.append(Edit(start, end, content))
            taken.append((start, end))
    taken = sorted(t for t in taken if t[0] < t[1])
    taken_starts = [a for a, _ in taken]
    accepted = sorted((e.start, e.end) for e in edits)
    for finding in findings:
        allowed = finding.applicability == SAFE or (unsafe and finding.applicability == UNSAFE)
        if not allowed:
            continue
        edit = finding_edit(text, finding)
        if edit is None or _touches(taken, taken_starts, edit) or _overlaps(accepted, edit):
            continue
        insort(accepted, (edit.start, edit.end))
        edits.append(edit)
    return sorted(edits)


def _touches(taken: list[tuple[int, int]], starts: list[int], edit: Edit) -> bool:
    """Does the edit start or end inside a rewritten sentence (sorted, disjoint)?"""
    at = bisect_right(starts, edit.start) - 1
    if at >= 0 and edit.start < taken[at][1]:
        return True
    at = bisect_left(starts, edit.end) - 1
    return at >= 0 and edit.end <= taken[at][1]


def _overlaps(accepted: list[tuple[int, int]], edit: Edit) -> bool:
    """Does the edit overlap one already accepted (sorted, disjoint)? Only the
    neighbours can: bisection keeps planning a long file's edits n log n."""
    at = bisect_left(accepted, (edit.start, edit.end))
    for start, end in accepted[max(0, at - 1) : at + 1]:
        if not (edit.end <= start or edit.start >= end):
            return True
    return False


def apply(text: str, edits: Sequence[Edit]) -> str:
    out: list[str] = []
    cursor = 0
    for edit in sorted(edits):
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at {edit.start}")
        out.append(text[cursor : edit.start])
        out.append(edit.content)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff that shows a missing final newline as ``diff`` does."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    lines = []
    name = path.lstrip("/")
    for line in difflib.unified_diff(a, b, fromfile=f"a/{name}", tofile=f"b/{name}"):
        lines.append(line)
        if not line.endswith("\n"):
            lines.append("\n\\ No newline at end of file\n")
    return "".join(lines)


def finding_fix(text: str, finding: Finding) -> Fix | None:
    """The fix a report shows for one finding: its own edit, if it is not display-only."""
    if finding.applicability not in (SAFE, UNSAFE):
        return None
    edit = finding_edit(text, finding)
    return None if edit is None else Fix.of(finding.applicability, [edit])
