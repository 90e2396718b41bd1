"""The engine: segment → parse → match → context for many sources at once.

It returns the findings the context filters kept and, when asked, the parsed
segments it made, so that later stages (review, suggest) read the same parse
instead of making their own. Cached results and the lexical prefilter let it
skip parses; ``jobs`` forks workers for large inputs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import lexicon_fingerprint
from restorelint.catalog.rules import STAGE_KIND, Rule
from restorelint.match.prefilter import Prefilter
from restorelint.match.prefilter import build as build_prefilter
from restorelint.read.formats import segments as format_segments
from restorelint.records import Finding, Hit, LineIndex, Segment, Source
from restorelint.run.cache import Cache, digest, environment_stamp, rules_fingerprint
from restorelint.run.memo import SegmentMemo

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from restorelint.match.compiled import CompiledRules

# Parsing, matching and the context filters are imported where they run: a
# run in which the prefilter rules out every segment must start in well under
# a second, and never imports spaCy.

BATCH_SIZE = 64
# Below this many segments to parse, starting worker processes costs more
# than it saves.
PARALLEL_MIN_SEGMENTS = 400
_COMPILED: dict[tuple[int, str], CompiledRules] = {}
_PREFILTERS: dict[str, Prefilter | None] = {}

Parsed = list[tuple[Segment, "Doc"]]
# (segments parsed so far, segments to parse in this run): a progress bar's feed.
Progress = Callable[[int, int], None]
Tick = Callable[[int], None]  # segments parsed so far in this run


@dataclass
class EngineResult:
    # per source, in source order
    per_source: list[list[Finding]]
    # per source, every segment with its doc (only when the caller kept the docs)
    parsed: list[Parsed]

    @property
    def findings(self) -> list[Finding]:
        return [f for own in self.per_source for f in own]


class Engine:
    def __init__(
        self,
        rules: Sequence[Rule],
        nlp: Language | None = None,
        *,
        prefilter: bool = True,
        cache: Cache | None = None,
        jobs: int = 1,
        reuse_results: bool = True,
        progress: Progress | None = None,
        memo: SegmentMemo | None = None,
    ) -> None:
        self.progress = progress
        self.memo = memo
        # A stage rule is reported by a later stage, never matched in text.
        self.rules = [r for r in rules if r.kind != STAGE_KIND]
        self._nlp = nlp
        self.use_prefilter = prefilter
        self.cache = cache
        # False (--no-cache): parse every file again; the prefilter, which
        # holds only rule vocabulary, is still kept and reused.
        self.reuse_results = reuse_results
        self.jobs = max(1, jobs)
        self.by_id = {rule.id: rule for rule in self.rules}

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from restorelint.parse.model import load_pipeline

            self._nlp = load_pipeline()
        return self._nlp

    @cached_property
    def compiled(self) -> CompiledRules:
        # Compiling ~40 rules into spaCy matchers takes tens of milliseconds;
        # bots calling lint_text in a loop should pay it once per rule set.
        from restorelint.match.compiled import CompiledRules

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

    def run(self, sources: Sequence[Source], keep_docs: bool = False) -> EngineResult:
        """Findings for every source. With ``keep_docs`` (the message-level review)
        every segment is parsed and kept: no prefilter, no cache."""
        hits: dict[int, list[Hit]] = {}
        keys: dict[int, str] = {}
        caching = self.cache is not None and self.reuse_results and not keep_docs
        for number, source in enumerate(sources):
            if caching:
                keys[number] = digest(self.fingerprint, source.format or "", source.text)
                cached = self.cache.get(keys[number])  # type: ignore[union-attr]
                # missing or damaged: the file is parsed again
                with contextlib.suppress(TypeError, ValueError):
                    hits[number] = [(str(r), int(s), int(e)) for r, s, e in cached]
        todo = [n for n in range(len(sources)) if n not in hits]
        segments = [
            seg
            for number in todo
            for seg in format_segments(number, sources[number].text, sources[number].format)
            if keep_docs or self.needs_parse(seg)
        ]
        for number in todo:
            hits[number] = []
        if self.memo is not None and not keep_docs:
            segments = self.memo.split(segments, hits)
        parsed: list[Parsed] = [[] for _ in sources]
        tick = self._ticker(len(segments))
        if keep_docs:
            for seg, doc, found in self._parse_and_match(segments, tick):
                parsed[seg.source].append((seg, doc))
                hits[seg.source].extend(found)
        elif segments and self.rules:
            for number, hit in self._hits(segments, tick):
                hits[number].append(hit)
        if caching:
            for number in todo:
                self.cache.put(keys[number], hits[number])  # type: ignore[union-attr]
        per_source = [
            [
                make_finding(sources[number], self.by_id[rule], start, end)
                for rule, start, end in hits[number]
                if rule in self.by_id
            ]
            for number in range(len(sources))
        ]
        return EngineResult(per_source, parsed)

    def _ticker(self, total: int) -> Tick | None:
        if self.progress is None or not total:
            return None
        progress = self.progress
        progress(0, total)
        return lambda done: progress(done, total)

    def _hits(self, segments: list[Segment], tick: Tick | None = None) -> list[tuple[int, Hit]]:
        if self.jobs > 1 and len(segments) >= PARALLEL_MIN_SEGMENTS:
            from restorelint.run.parallel import in_parallel

            _ = self.compiled  # load and compile once, in the parent, before forking
            done = 0

            def chunk_done(size: int) -> None:
                nonlocal done
                done += size
                if tick is not None:
                    tick(done)

            return in_parallel(self.segment_hits, segments, self.jobs, chunk_done)
        return self.segment_hits(segments, tick)

    def segment_hits(
        self, segments: list[Segment], tick: Tick | None = None
    ) -> list[tuple[int, Hit]]:
        """(source number, hit) for every match the context filters keep."""
        return [
            (seg.source, hit)
            for seg, _doc, found in self._parse_and_match(segments, tick)
            for hit in found
        ]

    def _parse_and_match(
        self, segments: Sequence[Segment], tick: Tick | None = None
    ) -> list[tuple[Segment, Doc, list[Hit]]]:
        if not segments:
            return []
        from restorelint.context import excuse

        compiled = self.compiled if self.rules else None
        out: list[tuple[Segment, Doc, list[Hit]]] = []
        docs = self.nlp.pipe((seg.text for seg in segments), batch_size=BATCH_SIZE)
        for number, (seg, doc) in enumerate(zip(segments, docs, strict=True), 1):
            if tick is not None and (number % BATCH_SIZE == 0 or number == len(segments)):
                tick(number)  # workers get no tick: only the parent draws progress
            own: list[Hit] = []  # in the segment's text
            for match in compiled.find(doc) if compiled is not None else ():
                if excuse(match, doc, seg) is None:
                    span = doc[match.start : match.end]
                    own.append((match.rule.id, span.start_char, span.end_char))
            if self.memo is not None:
                self.memo.put(seg, own)
            found = [(rule, *seg.original_span(start, end)) for rule, start, end in own]
            out.append((seg, doc, found))
        return out


def make_finding(source: Source, rule: Rule, start: int, end: int) -> Finding:
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
