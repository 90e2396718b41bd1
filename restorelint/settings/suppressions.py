"""Inline suppression: a writer silences a finding they have considered.

In any format (meant for Markdown and HTML)::

    <!-- restorelint-disable RL102, shaming -->  ...  <!-- restorelint-enable -->
    <!-- restorelint-disable-next-line RL130 -->
    Sam is lazy. <!-- restorelint-disable-line RL110 -->
    <!-- restorelint-disable-file -->

On a line, in any format (meant for text, templates and Word files)::

    We need to talk about the deadline.  restorelint: ignore[RL130]
    {# restorelint: ignore #}            (no list: every rule on that line)
    restorelint: disable-file[RL110]

Rules are named as in ``select``: id, id prefix, name or category. A disable
without an enable runs to the end of the file; ``enable`` without a list ends
every open disable. This stage runs after the configuration stage: findings
in, findings out, plus the suppressions that silenced nothing.

``ignore_edit`` writes the directive that silences one finding where it is, in the
form its document's format hides from readers (the language server's "ignore").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from restorelint.catalog.rules import rule_by_id
from restorelint.catalog.selectors import chooses
from restorelint.read.formats import HTML, MARKDOWN, templates
from restorelint.read.scan import delimited
from restorelint.records import Edit, Finding, LineIndex, Source

UNUSED_RULE_ID = "RL901"

# Read inside each "<!-- … -->" the scanner finds (a pattern that looked for the
# closing "-->" from every unclosed directive would cost the square of the text).
_COMMENT = re.compile(
    r"<!--\s*restorelint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->",
    re.S,
)
# "[" is not part of a list: a line of unclosed lists is then read once, not once
# per list.
_LINE = re.compile(r"restorelint:\s*(ignore|disable-file)\b(?:\[([^\]\[\n]*)\])?")
# A document with more directives than this is not hand-written; the rest are
# not read (and a warning says so), which bounds the cost of applying them.
MAX_SUPPRESSIONS = 1_000
_SPLIT = re.compile(r"[\s,]+")


@dataclass
class Suppression:
    kind: str  # line, next-line, range, file
    selectors: tuple[str, ...]  # empty: every rule
    start: int  # where the directive is written (offsets into the text)
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    covers: tuple[int, int] = (0, 0)  # range: offsets; line/next-line: the line
    used: bool = field(default=False)

    def applies(self, finding: Finding) -> bool:
        if self.selectors and not chooses(finding, self.selectors):
            return False
        if self.kind == "file":
            return True
        if self.kind in ("line", "next-line"):
            return finding.line == self.covers[0]
        return self.covers[0] <= finding.start < self.covers[1]


def _selectors(raw: str) -> tuple[str, ...]:
    return tuple(s for s in _SPLIT.split(raw.strip()) if s)


def parse(text: str) -> list[Suppression]:
    """Every suppression written in a document."""
    index = LineIndex(text)
    found: list[Suppression] = []
    open_ranges: list[Suppression] = []

    def make(kind: str, selectors: tuple[str, ...], match: re.Match[str]) -> Suppression:
        line, column = index.position(match.start())
        end_line, end_column = index.position(match.end())
        return Suppression(
            kind, selectors, match.start(), match.end(), line, column, end_line, end_column,
            match.group(0),
        )  # fmt: skip

    comments = (_COMMENT.fullmatch(text, s, e) for s, e in delimited(text, "<!--", "-->"))
    for handled, match in enumerate(m for m in comments if m is not None):
        if handled > MAX_SUPPRESSIONS:
            break  # bounded: the caller reports that the rest were not read
        verb, selectors = match.group(1), _selectors(match.group(2))
        if verb == "enable":
            for rng in list(open_ranges):
                if not selectors or set(rng.selectors) <= set(selectors):
                    rng.covers = (rng.covers[0], match.start())
                    open_ranges.remove(rng)
            continue
        kinds = {"disable": "range", "disable-file": "file", "disable-line": "line"}
        item = make(kinds.get(verb, "next-line"), selectors, match)
        if item.kind == "range":
            item.covers = (match.end(), len(text))
            open_ranges.append(item)
        elif item.kind == "next-line":
            item.covers = (item.end_line + 1, 0)
        elif item.kind == "line":
            item.covers = (item.line, 0)
        found.append(item)
    for match in _LINE.finditer(text):
        if len(found) > MAX_SUPPRESSIONS:
            break
        selectors = _selectors(match.group(2) or "")
        item = make("line" if match.group(1) == "ignore" else "file", selectors, match)
        item.covers = (item.line, 0)
        found.append(item)
    return sorted(found, key=lambda s: s.start)


@dataclass
class Suppressed:
    """What the suppression stage keeps, and the directives that name no rule."""

    findings: list[Finding]
    warnings: list[str]


def suppress(
    findings: Sequence[Finding],
    sources: Sequence[Source],
    report_unused: Callable[[str], bool] = lambda path: False,
    known: Callable[[str], bool] | None = None,
) -> Suppressed:
    """Drop suppressed findings; where ``report_unused(path)``, report the suppressions
    that silenced nothing as findings of their own (RL901)."""
    by_path = {src.path: parse(src.text) for src in sources}
    kept = []
    warnings: list[str] = []
    for path, suppressions in by_path.items():
        if len(suppressions) > MAX_SUPPRESSIONS:
            warnings.append(
                f"{path}: {len(suppressions)} suppression directives; only the first "
                f"{MAX_SUPPRESSIONS} are read"
            )
            del suppressions[MAX_SUPPRESSIONS:]
    by_line = {path: _by_line(suppressions) for path, suppressions in by_path.items()}
    for finding in findings:
        general, lines = by_line.get(finding.path, ([], {}))
        candidates = [*general, *lines.get(finding.line, ())]
        hits = [s for s in candidates if s.applies(finding)]
        for suppression in hits:
            suppression.used = True
        if not hits:
            kept.append(finding)
    for path, suppressions in by_path.items():
        for s in suppressions:
            for selector in s.selectors:
                if known is not None and not known(selector):
                    warnings.append(
                        f"{path}:{s.line}:{s.column}: suppression names no rule: '{selector}'"
                    )
            if report_unused(path) and not s.used:
                kept.append(unused_finding(path, s))
    return Suppressed(kept, warnings)


def _by_line(
    suppressions: Sequence[Suppression],
) -> tuple[list[Suppression], dict[int, list[Suppression]]]:
    """File and range suppressions, and line suppressions by the line they cover."""
    general: list[Suppression] = []
    lines: dict[int, list[Suppression]] = {}
    for s in suppressions:
        if s.kind in ("line", "next-line"):
            lines.setdefault(s.covers[0], []).append(s)
        else:
            general.append(s)
    return general, lines


def unused_finding(path: str, s: Suppression) -> Finding:
    rule = rule_by_id(UNUSED_RULE_ID)
    return Finding(
        path=path,
        line=s.line,
        column=s.column,
        end_line=s.end_line,
        end_column=s.end_column,
        start=s.start,
        end=s.end,
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        text=s.text,
        message=rule.message,
        suggestion=rule.suggestion,
        applicability=rule.applicability,
    )


def ignore_edit(text: str, finding: Finding, path: str, fmt: str | None) -> Edit:
    """Insert, at the end of the finding's first line, the directive that silences its
    rule on that line: a template comment in a template (its readers never get it),
    an HTML comment in Markdown and HTML, a ``restorelint: ignore[...]`` marker in
    plain text. Trailing spaces (a Markdown line break) stay at the end."""
    line_end = text.find("\n", finding.start)
    line_end = len(text) if line_end < 0 else line_end
    at = line_end
    while at > finding.end and text[at - 1] in " \t\r":
        at -= 1
    marker = f"restorelint: ignore[{finding.rule}]"
    comment = templates.COMMENTS.get(PurePath(path).suffix.lower())
    if comment is not None:
        return Edit(at, at, f" {comment[0]}{marker}{comment[1]}")
    if fmt in (MARKDOWN, HTML):
        return Edit(at, at, f" <!-- restorelint-disable-line {finding.rule} -->")
    return Edit(at, at, f"  {marker}")
