"""The linter: read → segment → parse → match → filter by context → findings."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from restorelint.context import excuse
from restorelint.finding import Finding
from restorelint.matcher import CompiledRules, RawMatch
from restorelint.pipeline import load_pipeline
from restorelint.rules import Rule, default_rules
from restorelint.segment import Segment, segment_text
from restorelint.sources import Source

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 64

# Called once per parsed segment with the findings made in it, so that later
# stages (checklist, readability, rewrites) reuse the parse instead of redoing it.
DocObserver = Callable[["Segment", "Doc", "list[Finding]"], None]


class LineIndex:
    """Maps character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class Linter:
    def __init__(self, rules: Sequence[Rule], nlp: Language | None = None) -> None:
        self.rules = list(rules)
        self._nlp = nlp

    @classmethod
    def default(cls) -> Linter:
        return cls(default_rules())

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline()
        return self._nlp

    @cached_property
    def compiled(self) -> CompiledRules:
        return CompiledRules(self.rules, self.nlp)

    def lint(self, sources: Sequence[Source], on_doc: DocObserver | None = None) -> list[Finding]:
        segments = [
            seg for index, src in enumerate(sources) for seg in segment_text(index, src.text)
        ]
        if not segments or (not self.rules and on_doc is None):
            return []
        compiled = self.compiled
        indexes: dict[int, LineIndex] = {}
        findings: list[Finding] = []
        docs = self.nlp.pipe((seg.text for seg in segments), batch_size=BATCH_SIZE)
        for seg, doc in zip(segments, docs, strict=True):
            source = sources[seg.source]
            index = indexes.setdefault(seg.source, LineIndex(source.text))
            first = len(findings)
            for match in compiled.find(doc):
                if excuse(match, doc, seg) is None:
                    findings.append(_finding(source, index, seg, doc, match))
            if on_doc is not None:
                on_doc(seg, doc, findings[first:])
        order = {src.path: i for i, src in enumerate(sources)}
        return sorted(findings, key=lambda f: (order[f.path], f.start, f.end, f.rule))

    def lint_all(self, sources: Iterable[Source]) -> list[Finding]:
        return self.lint(list(sources))


def _finding(source: Source, index: LineIndex, seg: Segment, doc: Doc, match: RawMatch) -> Finding:
    span = doc[match.start : match.end]
    start = seg.start + span.start_char
    end = seg.start + span.end_char
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    rule = match.rule
    text = source.text[start:end]
    return Finding(
        path=source.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        text=text,
        message=rule.message.replace("{text}", text),
        suggestion=rule.suggestion,
        applicability=rule.applicability,
        replacement=rule.replacement,
    )
