"""The engine: segment → parse → match → context for many sources at once.

It returns the findings the context filters kept and, when asked, the parsed
segments it made, so that later stages (review, suggest) read the same parse
instead of making their own. Cached results and the lexical prefilter let it
skip parses; ``jobs`` forks workers for large inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import lexicon_fingerprint
from restorelint.catalog.rules import STAGE_KIND, Rule
from restorelint.match.prefilter import Prefilter
from restorelint.match.prefilter import build as build_prefilter
from restorelint.records import Finding, Hit, InputError, Segment, Source
from restorelint.run.cache import Cache, digest, environment_stamp, rules_fingerprint
from restorelint.run.findings import make_finding
from restorelint.run.guard import cached_prefilter, read_segments, valid_hits
from restorelint.run.memo import SegmentMemo
from restorelint.run.tone import (
    MODEL_KIND,
    Scored,
    ToneSettings,
    score_segments,
    tone_matches,
    without_repeats,
)

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
# A segment and the tone model's scores for its sentences.
Item = tuple[Segment, list[Scored]]
# (segments parsed so far, segments to parse in this run): a progress bar's feed.
Progress = Callable[[int, int], None]
Tick = Callable[[int], None]  # segments parsed so far in this run


@dataclass
class EngineResult:
    # per source, in source order
    per_source: list[list[Finding]]
    # per source, every segment with its doc (only when the caller kept the docs)
    parsed: list[Parsed]
    # by source number: documents whose markup could not be read (no findings)
    errors: dict[int, InputError] = field(default_factory=dict)

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
        tone_threshold: float | None = None,
        progress: Progress | None = None,
        memo: SegmentMemo | None = None,
    ) -> None:
        self.progress = progress
        self.memo = memo
        # A stage rule is reported by a later stage, never matched in text; the
        # model rule is the tone scorer, not a pattern.
        self.rules = [r for r in rules if r.kind not in (STAGE_KIND, MODEL_KIND)]
        self.tone_rule = next((r for r in rules if r.kind == MODEL_KIND), None)
        self.tone_threshold = tone_threshold
        self._nlp = nlp
        self.use_prefilter = prefilter
        self.cache = cache
        # False (--no-cache): parse every file again; the prefilter, which
        # holds only rule vocabulary, is still kept and reused.
        self.reuse_results = reuse_results
        self.jobs = max(1, jobs)
        self.by_id = {rule.id: rule for rule in self.rules}
        if self.tone_rule is not None:
            self.by_id[self.tone_rule.id] = self.tone_rule

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
    def tone(self) -> ToneSettings | None:
        if self.tone_rule is None:
            return None
        return ToneSettings.of(self.tone_rule, self.tone_threshold)

    @cached_property
    def fingerprint(self) -> str:
        parts = [environment_stamp(), rules_fingerprint(self.rules), lexicon_fingerprint()]
        if self.tone is not None:
            from restorelint.match.tone import model

            tone_rule = rules_fingerprint([self.tone.rule])
            parts += [tone_rule, model().data_hash, str(self.tone.threshold)]
        return digest(*parts)

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
        built: Prefilter | None = (
            cached_prefilter(self.rules, stored) if stored is not None else None
        )
        if built is None:
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
                valid = valid_hits(cached, len(source.text), self.by_id)
                if valid is not None:  # missing or damaged: the file is parsed again
                    hits[number] = valid
        todo = [n for n in range(len(sources)) if n not in hits]
        every: list[Segment] = []
        errors: dict[int, InputError] = {}
        for number in todo:
            hits[number] = []
            found = read_segments(number, sources[number])
            if isinstance(found, InputError):
                errors[number] = found
                continue
            every.extend(found)
        todo = [n for n in todo if n not in errors]
        if self.memo is not None and not keep_docs:
            every = self.memo.split(every, hits)
        scored = score_segments(every) if self.tone is not None else [[] for _ in every]
        threshold = self.tone.threshold if self.tone is not None else 1.0
        items = [
            (seg, own)
            for seg, own in zip(every, scored, strict=True)
            if keep_docs or self.needs_parse(seg) or any(s.score >= threshold for s in own)
        ]
        parsed: list[Parsed] = [[] for _ in sources]
        tick = self._ticker(len(items))
        if keep_docs:
            for seg, doc, found in self._parse_and_match(items, tick):
                parsed[seg.source].append((seg, doc))
                hits[seg.source].extend(found)
        elif items:
            for number, hit in self._hits(items, tick):
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
        return EngineResult(per_source, parsed, errors)

    def _ticker(self, total: int) -> Tick | None:
        if self.progress is None or not total:
            return None
        progress = self.progress
        progress(0, total)
        return lambda done: progress(done, total)

    def _hits(self, items: list[Item], tick: Tick | None = None) -> list[tuple[int, Hit]]:
        if self.jobs > 1 and len(items) >= PARALLEL_MIN_SEGMENTS:
            from restorelint.run.parallel import in_parallel

            _ = self.compiled  # load and compile once, in the parent, before forking
            done = 0

            def chunk_done(size: int) -> None:
                nonlocal done
                done += size
                if tick is not None:
                    tick(done)

            return in_parallel(self.segment_hits, items, self.jobs, chunk_done)
        return self.segment_hits(items, tick)

    def segment_hits(self, items: list[Item], tick: Tick | None = None) -> list[tuple[int, Hit]]:
        """(source number, hit) for every match the context filters keep."""
        found = self._parse_and_match(items, tick)
        return [(seg.source, hit) for seg, _doc, hits in found for hit in hits]

    def _parse_and_match(
        self, items: Sequence[Item], tick: Tick | None = None
    ) -> Iterator[tuple[Segment, Doc, list[Hit]]]:
        """Each segment with its doc and hits, one at a time: a caller that does not
        keep the docs lets each go before the next is parsed, so a long input never
        holds thousands of docs (and the garbage collector never walks them)."""
        if not items:
            return
        from restorelint.context import excuse

        compiled = self.compiled if self.rules else None
        tone = self.tone
        docs = self.nlp.pipe((seg.text for seg, _ in items), batch_size=BATCH_SIZE)
        for number, ((seg, scored), doc) in enumerate(zip(items, docs, strict=True), 1):
            if tick is not None and (number % BATCH_SIZE == 0 or number == len(items)):
                tick(number)  # workers get no tick: only the parent draws progress
            matches = list(compiled.find(doc)) if compiled is not None else []
            if tone is not None:
                matches += tone_matches(tone, doc, scored)
            kept = [m for m in matches if excuse(m, doc, seg) is None]
            if tone is not None:
                kept = without_repeats(tone, kept)
            own: list[Hit] = []  # in the segment's text
            for match in kept:
                span = doc[match.start : match.end]
                own.append((match.rule.id, span.start_char, span.end_char))
            if self.memo is not None:
                self.memo.put(seg, own)
            found = [(rule, *seg.original_span(start, end)) for rule, start, end in own]
            yield seg, doc, found
