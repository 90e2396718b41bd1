"""The linter: read → segment → parse → match → filter by context → findings."""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from restorelint.cache import Cache, digest, environment_stamp, rules_fingerprint
from restorelint.context import excuse
from restorelint.finding import Finding
from restorelint.formats import segments as format_segments
from restorelint.lexicon import lexicon_fingerprint
from restorelint.matcher import CompiledRules
from restorelint.parallel import parallel_match
from restorelint.pipeline import load_pipeline
from restorelint.prefilter import Prefilter
from restorelint.prefilter import build as build_prefilter
from restorelint.rules import SEVERITY_RANK, Rule, default_rules
from restorelint.segment import Segment
from restorelint.sources import Source

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 64
_COMPILED: dict[tuple[int, str], CompiledRules] = {}
_PREFILTERS: dict[str, Prefilter | None] = {}

# A stage after the context filters: findings in, findings out (configuration,
# inline suppressions). It never sees the parse, only findings and sources.
Stage = Callable[[list[Finding], Sequence[Source]], list[Finding]]
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


# (rule id, start, end): a finding as the cache and worker processes carry it,
# offsets into the original text, nothing of its words.
Hit = tuple[str, int, int]
# Below this many segments to parse, starting worker processes costs more
# than it saves.
PARALLEL_MIN_SEGMENTS = 400


class Linter:
    def __init__(
        self,
        rules: Sequence[Rule],
        nlp: Language | None = None,
        stages: Sequence[Stage] = (),
        *,
        prefilter: bool = True,
        cache: Cache | None = None,
        jobs: int = 1,
        reuse_results: bool = True,
    ) -> None:
        self.rules = list(rules)
        self._nlp = nlp
        self.stages = list(stages)
        self.use_prefilter = prefilter
        self.cache = cache
        # False (--no-cache): parse every file again; the prefilter, which
        # holds only rule vocabulary, is still kept and reused.
        self.reuse_results = reuse_results
        self.jobs = max(1, jobs)
        self.by_id = {rule.id: rule for rule in self.rules}

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
        # Compiling ~40 rules into spaCy matchers takes tens of milliseconds;
        # bots calling lint_text in a loop should pay it once per rule set.
        key = (id(self.nlp), self.fingerprint)
        if key not in _COMPILED:
            _COMPILED[key] = CompiledRules(self.rules, self.nlp)
        return _COMPILED[key]

    @cached_property
    def fingerprint(self) -> str:
        return digest(environment_stamp(), rules_fingerprint(self.rules), lexicon_fingerprint())

    @cached_property
    def prefilter(self) -> Prefilter | None:
        if not self.use_prefilter:
            return None
        # Building it expands every lemma with lemminflect (about a second);
        # the result only changes with the rules, so keep it in the process
        # (bots calling lint_text in a loop) and in the cache (command runs).
        key = digest("prefilter", self.fingerprint)
        if key in _PREFILTERS:
            return _PREFILTERS[key]
        stored = self.cache.get(key) if self.cache is not None else None
        if stored is not None:
            built: Prefilter | None = Prefilter.from_json(stored)
        else:
            built = build_prefilter(self.rules)
            if built is not None and self.cache is not None:
                self.cache.put(key, built.to_json())
        _PREFILTERS[key] = built
        return built

    def needs_parse(self, segment: Segment) -> bool:
        return self.prefilter is None or self.prefilter.may_match(segment.text)

    def lint(self, sources: Sequence[Source], on_doc: DocObserver | None = None) -> list[Finding]:
        """Findings for every source. With ``on_doc`` (the message-level review)
        every segment is parsed and shown to it: no prefilter, no cache."""
        hits: dict[int, list[Hit]] = {}
        keys: dict[int, str] = {}
        for number, source in enumerate(sources):
            if self.cache is not None and self.reuse_results and on_doc is None:
                keys[number] = digest(self.fingerprint, source.format or "", source.text)
                cached = self.cache.get(keys[number])
                # missing or damaged: the file is parsed again
                with contextlib.suppress(TypeError, ValueError):
                    hits[number] = [(str(r), int(s), int(e)) for r, s, e in cached]
        todo = [n for n in range(len(sources)) if n not in hits]
        segments = [
            seg
            for number in todo
            for seg in format_segments(number, sources[number].text, sources[number].format)
            if on_doc is not None or self.needs_parse(seg)
        ]
        for number in todo:
            hits[number] = []
        if on_doc is not None:
            for number, hit in self.match_segments(segments, on_doc, sources):
                hits[number].append(hit)
        elif segments and self.rules:
            for number, hit in self._parse_and_match(segments):
                hits[number].append(hit)
        if self.cache is not None and self.reuse_results and on_doc is None:
            for number in todo:
                self.cache.put(keys[number], hits[number])
        findings = [
            _finding(sources[number], self.by_id[rule], start, end)
            for number in range(len(sources))
            for rule, start, end in hits[number]
            if rule in self.by_id
        ]
        for stage in self.stages:
            findings = stage(findings, sources)
        order = {src.path: i for i, src in enumerate(sources)}
        findings.sort(key=lambda f: (order[f.path], f.start, f.end, f.rule))
        # after the stages, so a rule the configuration ignores cannot hide another
        return _strongest_per_span(findings)

    def _parse_and_match(self, segments: list[Segment]) -> list[tuple[int, Hit]]:
        if self.jobs > 1 and len(segments) >= PARALLEL_MIN_SEGMENTS:
            return parallel_match(self, segments)
        return self.match_segments(segments)

    def match_segments(
        self,
        segments: Sequence[Segment],
        on_doc: DocObserver | None = None,
        sources: Sequence[Source] = (),
    ) -> list[tuple[int, Hit]]:
        if not segments:
            return []
        compiled = self.compiled
        found: list[tuple[int, Hit]] = []
        docs = self.nlp.pipe((seg.text for seg in segments), batch_size=BATCH_SIZE)
        for seg, doc in zip(segments, docs, strict=True):
            first = len(found)
            for match in compiled.find(doc):
                if excuse(match, doc, seg) is None:
                    span = doc[match.start : match.end]
                    start, end = seg.original_span(span.start_char, span.end_char)
                    found.append((seg.source, (match.rule.id, start, end)))
            if on_doc is not None:
                source = sources[seg.source]
                made = [_finding(source, self.by_id[r], s, e) for _, (r, s, e) in found[first:]]
                on_doc(seg, doc, made)
        return found


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
        elif (-SEVERITY_RANK[finding.severity], finding.rule) < (
            -SEVERITY_RANK[rival.severity],
            rival.rule,
        ):
            kept[kept.index(rival)] = finding
    return kept


def _finding(source: Source, rule: Rule, start: int, end: int) -> Finding:
    index = _line_index(source.text)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
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


@lru_cache(maxsize=64)
def _line_index(text: str) -> LineIndex:
    return LineIndex(text)
