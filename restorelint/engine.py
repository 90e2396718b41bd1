"""The linter: read → segment → parse → match → filter by context → findings."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from restorelint.context import excuse
from restorelint.finding import Finding
from restorelint.formats import segments as format_segments
from restorelint.matcher import CompiledRules, RawMatch
from restorelint.pipeline import load_pipeline
from restorelint.rules import Rule, default_rules
from restorelint.segment import Segment
from restorelint.sources import Source

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 64

# A stage after the context filters: findings in, findings out (configuration,
# inline suppressions). It never sees the parse, only findings and sources.
Stage = Callable[[list[Finding], Sequence[Source]], list[Finding]]


class LineIndex:
    """Maps character offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


class Linter:
    def __init__(
        self, rules: Sequence[Rule], nlp: Language | None = None, stages: Sequence[Stage] = ()
    ) -> None:
        self.rules = list(rules)
        self._nlp = nlp
        self.stages = list(stages)

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

    def lint(self, sources: Sequence[Source]) -> list[Finding]:
        segments = [
            seg
            for index, src in enumerate(sources)
            for seg in format_segments(index, src.text, src.format)
        ]
        findings = self._match(sources, segments) if segments and self.rules else []
        for stage in self.stages:
            findings = stage(findings, sources)
        order = {src.path: i for i, src in enumerate(sources)}
        findings.sort(key=lambda f: (order[f.path], f.start, f.end, f.rule))
        # after the stages, so a rule the configuration ignores cannot hide another
        return _strongest_per_span(findings)

    def _match(self, sources: Sequence[Source], segments: list[Segment]) -> list[Finding]:
        compiled = self.compiled
        indexes: dict[int, LineIndex] = {}
        findings: list[Finding] = []
        docs = self.nlp.pipe((seg.text for seg in segments), batch_size=BATCH_SIZE)
        for seg, doc in zip(segments, docs, strict=True):
            source = sources[seg.source]
            index = indexes.setdefault(seg.source, LineIndex(source.text))
            for match in compiled.find(doc):
                if excuse(match, doc, seg) is None:
                    findings.append(_finding(source, index, seg, doc, match))
        return findings


_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _strongest_per_span(findings: list[Finding]) -> list[Finding]:
    """Two rules of one category on overlapping words are one problem to the
    reader: keep the more severe (then the lower id)."""
    kept: list[Finding] = []
    for finding in findings:
        rival = next(
            (
                k
                for k in reversed(kept[-8:])
                if k.path == finding.path
                and k.category == finding.category
                and k.start < finding.end
                and finding.start < k.end
            ),
            None,
        )
        if rival is None:
            kept.append(finding)
        elif (_SEVERITY_RANK[finding.severity], finding.rule) < (
            _SEVERITY_RANK[rival.severity],
            rival.rule,
        ):
            kept[kept.index(rival)] = finding
    return kept


def _finding(source: Source, index: LineIndex, seg: Segment, doc: Doc, match: RawMatch) -> Finding:
    span = doc[match.start : match.end]
    start, end = seg.original_span(span.start_char, span.end_char)
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
