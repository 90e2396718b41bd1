"""The engine: segment → parse → match → context for many sources at once.

It returns the findings the context filters kept and, when asked, the parsed
segments it made, so that later stages (review, suggest) read the same parse
instead of making their own. Cached results and the lexical prefilter let it
skip parses, and of a paragraph it parses only the stretches a rule could match
or the tone model marks (``run.windows``); ``jobs`` forks workers for large inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import lexicon_fingerprint
from restorelint.catalog.rules import STAGE_KIND, Rule
from restorelint.match.prefilter import Prefilter
from restorelint.records import Hit, InputError, Segment, Source
from restorelint.run.cache import Cache, digest, environment_stamp, rules_fingerprint
from restorelint.run.findings import make_finding
from restorelint.run.guard import (
    load_fault_forms,
    load_prefilter,
    note_checked,
    read_segments,
    valid_hits,
)
from restorelint.run.judge import judge
from restorelint.run.memo import SegmentMemo
from restorelint.run.tone import MODEL_KIND, ToneSettings, score_segments
from restorelint.run.units import EngineResult, Group, Judged, Parsed, Planned, Stretch, Tick
from restorelint.run.windows import may_need_parse, plan_all, whole_paragraph

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from restorelint.match.compiled import CompiledRules

# Parsing, matching and the context filters are imported where they run: a
# run in which the prefilter rules out every segment must start in well under
# a second, and never imports spaCy.

# Pieces are sentences, most of them short: a larger batch spreads the
# model's per-batch work over more of them.
BATCH_SIZE = 256
# The try: lines reuse the parses of the stretches that hold findings; past this
# many tokens kept (tens of MB), the rest are parsed again instead, so a file
# full of findings cannot hold thousands of docs.
KEEP_TOKENS = 100_000
# Below this many paragraphs that may need a parse (by their words alone),
# forking workers to plan and parse them costs more than it saves: on 2 cores
# two workers broke even at 160-200 such paragraphs (about 15,000 words of
# review comments; benchmarks/speed.py's corpus, 2026-12-07).
PARALLEL_MIN_PARAGRAPHS = 200
_COMPILED: dict[tuple[int, str], CompiledRules] = {}

# (segments parsed so far, segments to parse in this run): a progress bar's feed.
Progress = Callable[[int, int], None]


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
        by_sentence: bool = True,
    ) -> None:
        self.progress = progress
        # False: parse every paragraph that could match whole (the reference the
        # sentence-by-sentence path is diffed against: benchmarks/identical.py)
        self.by_sentence = by_sentence
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
        from restorelint.match.anchors import words
        from restorelint.match.compiled import CompiledRules

        key = (id(self.nlp), self.fingerprint, self.prefilter is not None)
        if key not in _COMPILED:
            gates = self.prefilter.gates() if self.prefilter is not None else None
            _COMPILED[key] = CompiledRules(self.rules, self.nlp, gates, words)
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
        return (
            load_prefilter(self.rules, self.fingerprint, self.cache) if self.use_prefilter else None
        )

    def _groups(self, items: Sequence[Planned]) -> list[Group]:
        return plan_all(items, self.prefilter, self._threshold, self.by_sentence)

    @property
    def _threshold(self) -> float:
        return self.tone.threshold if self.tone is not None else 1.0

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
        parsed: list[Parsed] = [[] for _ in sources]
        stretches: list[list[Stretch]] = [[] for _ in sources]
        if keep_docs:
            groups = [[whole_paragraph(seg, own)] for seg, own in zip(every, scored, strict=True)]
            tick = self._ticker(len(groups))
            for seg, doc, found, _ in self._parse_and_match(groups, tick, keep=0):
                parsed[seg.source].append((seg, doc))
                hits[seg.source].extend(found)
        else:
            for number, found, flagged in self._hits(list(zip(every, scored, strict=True))):
                hits[number].extend(found)
                stretches[number].extend(flagged)
        if caching:
            for number in todo:
                self.cache.put(keys[number], hits[number])  # type: ignore[union-attr]
        # in the order of the text: the whole-paragraph path lists the rules' hits
        # before the tone model's, the by-sentence path reads sentence by sentence
        per_source = [
            [
                make_finding(sources[number], self.by_id[rule], start, end)
                for rule, start, end in sorted(hits[number], key=lambda h: (h[1], h[2], h[0]))
                if rule in self.by_id
            ]
            for number in range(len(sources))
        ]
        if "prefilter" in self.__dict__:  # loaded: a stored one that passed its trial
            note_checked(self.prefilter, self.cache)
        return EngineResult(per_source, parsed, errors, stretches)

    def _ticker(self, total: int) -> Tick | None:
        if self.progress is None or not total:
            return None
        progress = self.progress
        progress(0, total)
        return lambda done: progress(done, total)

    def _hits(self, items: list[Planned]) -> list[Judged]:
        if self.jobs > 1:
            # words alone: spaCy is not loaded for a run with nothing to parse
            candidates = [i for i in items if may_need_parse(*i, self.prefilter, self._threshold)]
            if len(candidates) >= PARALLEL_MIN_PARAGRAPHS:
                # load, compile and try a stored prefilter once, in the parent,
                # before forking: the workers then plan (which tokenizes) and
                # parse on every core
                from restorelint.parse.common_words import load_word_list
                from restorelint.run.workers import in_workers

                _ = self.compiled
                load_word_list()
                if self.prefilter is not None:
                    self.prefilter.check_relaxed()
                tick = self._ticker(len(candidates))
                work = self._plan_and_judge
                return in_workers(work, candidates, self.jobs, self.nlp.vocab, tick, KEEP_TOKENS)
        groups = self._groups(items)
        tick = self._ticker(sum(map(len, groups)))
        return self.segment_hits(groups, tick, keep=KEEP_TOKENS) if groups else []

    def _plan_and_judge(self, items: list[Planned], keep: int = 0) -> list[Judged]:
        return self.segment_hits(self._groups(items), None, keep)

    def segment_hits(
        self, groups: list[Group], tick: Tick | None = None, keep: int = 0
    ) -> list[Judged]:
        """Each paragraph's source number, the hits the context filters keep, and the
        stretches that hold them (with their docs, up to ``keep`` tokens in all)."""
        found = self._parse_and_match(groups, tick, keep)
        return [(seg.source, hits, flagged) for seg, _doc, hits, flagged in found if hits]

    def _parse_and_match(
        self, groups: Sequence[Group], tick: Tick | None = None, keep: int = 0
    ) -> Iterator[tuple[Segment, Doc, list[Hit], list[Stretch]]]:
        """Each paragraph with a doc, its hits in the original and the stretches that
        hold them, one at a time: a caller that does not keep the docs lets each go
        before the next is parsed, so a long input never holds thousands of docs
        (beyond the stretches' own, up to ``keep`` tokens). The doc is the
        paragraph's own when it was parsed whole (always, with ``keep_docs``), else
        its last stretch's."""
        compiled = self.compiled if self.rules else None

        def faults() -> frozenset[str]:
            return load_fault_forms(self.fingerprint, self.cache)

        from restorelint.parse.pieces import completed, joined

        total = sum(map(len, groups))
        pieces = (w.segment.text[a:b] for group in groups for w in group for a, b in w.pieces)
        docs = iter(self.nlp.pipe(pieces, batch_size=BATCH_SIZE))
        done = 0
        for group in groups:
            parent = group[0].parent
            own: list[Hit] = []  # in the paragraph's text
            flagged: list[tuple[Segment, Doc]] = []
            again = False
            parsed: dict[int, Doc] = {}  # each piece's doc, by its start in the paragraph
            for window in group:
                parts = [next(docs) for _ in window.pieces]
                starts = [window.at + a for a, _ in window.pieces]
                parsed.update(zip(starts, parts, strict=True))
                doc = joined(parts)
                done += 1
                if tick is not None and (done % BATCH_SIZE == 0 or done == total):
                    tick(done)  # workers get no tick: only the parent draws progress
                if again:
                    continue
                around = None if window.whole else parent.text
                seg, scored = window.segment, window.scored
                found, again = judge(compiled, self.tone, seg, doc, scored, around, faults)
                flagged += [(window.segment, doc)] if found else []
                own.extend((rule, start + window.at, end + window.at) for rule, start, end in found)
            if again:
                # the rest of the paragraph could change an excuse: judge the whole
                # of it, parsing only the pieces not parsed yet
                whole = whole_paragraph(parent, group[0].parent_scored)
                doc = completed(self.nlp, parent.text, whole.pieces, parsed)
                own, _ = judge(compiled, self.tone, parent, doc, group[0].parent_scored)
                flagged = [(parent, doc)]
            if self.memo is not None:
                self.memo.put(parent, own)
            hits = [(rule, *parent.original_span(start, end)) for rule, start, end in own]
            kept: list[Stretch] = []
            for stretch, stretch_doc in flagged if own else []:
                keep -= len(stretch_doc)
                kept.append((stretch, stretch_doc if keep >= 0 else None))
            yield parent, doc, hits, kept
