"""Which stretches of each segment to parse: the sentences a rule could match or
the tone model marks, not the whole paragraph around them.

The parse costs more than every other stage together, and most sentences of a
real review paragraph hold nothing any rule could match. Each stretch goes to
the parser as a segment of its own, with its offsets into the original, and
takes in what the context filters read around a match without a parse: a
quotation that runs across sentences, and the start of a line that quotes a
reply (">") or is a heading ("#"). When no sentence alone holds a rule's
words, the pairs of neighbours that do are judged together. A sentence whose
words meet only token patterns' words is parsed only if one of those patterns,
stripped of what a parse decides, matches its tokens (``match.spelled``). A
rule whose check reads the whole paragraph (``Triggers.whole_segment``) has its
paragraphs parsed whole, and a context filter that reads the whole paragraph
sends its paragraph back to be judged whole when the rest of it could change
the filter's verdict (``context.reads_beyond``, ``Engine``), as does a finding
of a check that lets a word anywhere in its text veto it
(``Triggers.vetoed_anywhere``). Every paragraph is parsed as pieces (a
sentence, or the sentences that must be read together, with the whitespace
after them), each piece alone, and a stretch's doc is its pieces' docs joined
(``parse.pieces``): a sentence gets the same parse in a stretch as in its whole
paragraph, so parsing by sentence finds what parsing every paragraph would
(``benchmarks/identical.py`` diffs the two paths).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from restorelint.match.paragraph import Paragraph
from restorelint.match.prefilter import Prefilter
from restorelint.read.sentences import sentence_spans
from restorelint.records import Segment
from restorelint.run.tone import Scored

# Stretches that together cover at least this share of their paragraph: the
# paragraph is parsed whole (little is saved, and a whole paragraph is what
# every filter was written for).
WHOLE_SHARE = 0.7
# A line starting with these is read from its start by a filter (a quoted reply,
# a heading), so the sentences on it are parsed together.
_MARKED_LINE = re.compile(r"(?<![ \t])[ \t]*[>#]")  # from a run's first blank: linear
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class Window:
    segment: Segment  # the stretch, as a segment: offsets into the original
    scored: tuple[Scored, ...]  # its sentences' tone scores, offsets in the stretch
    parent: Segment  # the paragraph it was cut from
    parent_scored: tuple[Scored, ...]
    at: int  # where the stretch starts in the parent's text
    # the stretch's pieces, offsets in its text: each is parsed alone and the
    # docs joined, so a sentence gets the same parse in every stretch that
    # holds it, the whole paragraph included (the paths' findings are equal)
    pieces: tuple[tuple[int, int], ...]

    @property
    def whole(self) -> bool:
        return self.at == 0 and len(self.segment.text) == len(self.parent.text)


def whole_paragraph(
    seg: Segment, scored: Sequence[Scored], bounds: Sequence[int] | None = None
) -> Window:
    """The paragraph as one stretch; ``bounds``: its pieces' (``_bounds``), when
    the planner has them already."""
    own = tuple(scored)
    text = seg.text
    if bounds is None:
        sentences = [(s.start, s.end) for s in scored] or list(sentence_spans(text))
        spans, _ = _units(text, sentences, [False] * len(sentences))
        bounds = _bounds(text, spans, _joined(text, spans))
    return Window(seg, own, seg, own, 0, _between(bounds, 0, len(text)))


def plan(
    seg: Segment,
    scored: Sequence[Scored],
    prefilter: Prefilter,
    threshold: float,
    by_sentence: bool = True,
) -> list[Window]:
    """The stretches of ``seg`` to parse (none when nothing in it can match).
    Without ``by_sentence``, the whole paragraph or nothing (the reference path)."""
    marked = [s.score >= threshold for s in scored]
    if not by_sentence:
        # the reference: the paragraph's words alone decide, as before any token check
        return (
            [whole_paragraph(seg, scored)]
            if may_need_parse(seg, scored, prefilter, threshold)
            else []
        )
    text = seg.text
    paragraph = Paragraph(text)
    everything = paragraph.words(0, len(text))
    if not any(marked) and not prefilter.may_match(text, by_tokens=False, found=everything):
        return []
    if prefilter.needs_whole(text, found=everything):
        return [whole_paragraph(seg, scored)]

    def may_match(first: tuple[int, int], last: tuple[int, int]) -> bool:
        start, end = first[0], last[1]
        found = paragraph.words(*first) if first == last else paragraph.joined_words(first, last)
        return prefilter.may_match(
            text[start:end], found=found, tokens=lambda: paragraph.tokens(start, end)
        )

    sentences = [(s.start, s.end) for s in scored] or list(sentence_spans(text))
    marked = marked or [False] * len(sentences)
    spans, marked = _units(text, sentences, marked)

    alone = [m or may_match(span, span) for m, span in zip(marked, spans, strict=True)]
    need, some_alone = list(alone), any(alone)
    met: dict[int, set[int]] = {}  # the requirements each sentence's words meet

    def met_only_together(k: int) -> bool:
        for n in (k, k + 1):
            if n not in met:
                met[n] = prefilter.met(paragraph.words(*spans[n]))
        both = prefilter.met(paragraph.joined_words(spans[k], spans[k + 1]))
        return bool(both - met[k] - met[k + 1])

    # a rule's words met only across two sentences ("Fix it. Now."): the pair,
    # wherever it is, not only in a paragraph where no sentence is wanted alone;
    # beside a wanted sentence, only a pair whose words meet a rule's needs
    # together that neither meets alone is tried (a line of marks is no sentence)
    for k in range(len(spans) - 1):
        if alone[k] or alone[k + 1] or (some_alone and not met_only_together(k)):
            continue
        if may_match(spans[k], spans[k + 1]):
            need[k] = need[k + 1] = True
    if not any(need):
        # words spread across the paragraph: parsed whole if its tokens can match
        whole = (0, len(text))
        return [whole_paragraph(seg, scored)] if may_match(whole, whole) else []
    joined = _joined(text, spans)
    stretches: list[list[int]] = []  # [first, last] sentence numbers
    for k, wanted in enumerate(need):
        if not wanted:
            continue
        first = k
        while first > 0 and joined[first - 1]:
            first -= 1
        if stretches and first <= stretches[-1][1] + 1:
            stretches[-1][1] = max(stretches[-1][1], k)
        else:
            stretches.append([first, k])
        while stretches[-1][1] < len(joined) and joined[stretches[-1][1]]:
            stretches[-1][1] += 1
    covered = sum(spans[b][1] - spans[a][0] for a, b in stretches)
    bounds = _bounds(text, spans, joined)
    if covered >= WHOLE_SHARE * len(text):
        return [whole_paragraph(seg, scored, bounds)]
    windows = []
    every = tuple(scored)
    for a, b in stretches:
        # from the piece's start to the next one's: the whitespace after a
        # sentence belongs to it, as in the whole paragraph's pieces
        start = 0 if a == 0 else spans[a][0]
        end = spans[b + 1][0] if b + 1 < len(spans) else len(text)
        own = tuple(
            Scored(s.start - start, s.end - start, s.score)
            for s in scored
            if start <= s.start and s.end <= end
        )
        pieces = _between(bounds, start, end)
        windows.append(Window(_cut(seg, start, end), own, seg, every, start, pieces))
    return windows


def plan_all(
    items: Iterable[tuple[Segment, Sequence[Scored]]],
    prefilter: Prefilter | None,
    threshold: float,
    by_sentence: bool = True,
) -> list[list[Window]]:
    """The stretches of each paragraph that has any; every paragraph whole
    without a prefilter."""
    if prefilter is None:
        return [[whole_paragraph(seg, scored)] for seg, scored in items]
    planned = (plan(seg, scored, prefilter, threshold, by_sentence) for seg, scored in items)
    return [group for group in planned if group]


def may_need_parse(
    seg: Segment, scored: Sequence[Scored], prefilter: Prefilter | None, threshold: float
) -> bool:
    """Could any stretch of ``seg`` need a parse? Its words and tone scores alone
    decide, so spaCy need not be loaded to ask: ``plan`` gives no stretch when not."""
    if prefilter is None or any(s.score >= threshold for s in scored):
        return True
    return prefilter.may_match(seg.text, by_tokens=False)


def _units(
    text: str, sentences: Sequence[tuple[int, int]], marked: Sequence[bool]
) -> tuple[list[tuple[int, int]], list[bool]]:
    """Sentences as the parser will see them: a line break after words with no
    full stop (a wrapped line, a list item) does not end one."""
    spans: list[tuple[int, int]] = []
    flags: list[bool] = []
    for (start, end), flag in zip(sentences, marked, strict=True):
        if spans and not _TERMINAL.search(text, spans[-1][0], spans[-1][1]):
            spans[-1] = (spans[-1][0], end)
            flags[-1] = flags[-1] or flag
        else:
            spans.append((start, end))
            flags.append(flag)
    return spans, flags


def _joined(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each boundary between sentence k and k + 1: must they be parsed together?"""
    # here, not at the top: a run that parses nothing never loads the context stage
    from restorelint.context.speech import quoted_spans

    joined = [False] * max(0, len(spans) - 1)
    starts = [s for s, _ in spans]
    for quote_start, quote_end in quoted_spans(text):
        # every boundary the quotation runs across
        first = bisect_right(starts, quote_start) - 1
        last = bisect_right(starts, quote_end - 1) - 1
        for k in range(max(first, 0), min(last, len(joined))):
            joined[k] = True
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    for k in range(len(joined)):
        line = bisect_right(breaks, spans[k + 1][0] - 1)
        line_start = breaks[line - 1] + 1 if line else 0
        # sentence k runs on to that line (a unit can start on the line above:
        # "is complaining:\n> In my view…"), and the line is quoted or a heading
        if spans[k][1] > line_start and _MARKED_LINE.match(text, line_start):
            joined[k] = True
    return joined


def _bounds(text: str, spans: Sequence[tuple[int, int]], joined: Sequence[bool]) -> list[int]:
    """Where the paragraph's pieces start, and its end: a piece is a sentence, or
    sentences that must be parsed together, with the whitespace after them."""
    inner = [spans[k + 1][0] for k, together in enumerate(joined) if not together]
    return [0, *inner, len(text)]


def _between(bounds: Sequence[int], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The pieces from ``start`` to ``end`` (both piece bounds), offsets from ``start``."""
    first, last = bisect_right(bounds, start) - 1, bisect_right(bounds, end - 1)
    inside = [start, *bounds[first + 1 : last], end]
    return tuple((a - start, b - start) for a, b in pairwise(inside) if b > a) or (
        (0, end - start),
    )


def _cut(seg: Segment, start: int, end: int) -> Segment:
    text = seg.text[start:end]
    if seg.offsets is None:
        return Segment(seg.source, seg.start + start, text, seg.quoted)
    offsets = seg.offsets.slice(start, end)
    exact = offsets.single_exact()
    if exact is not None:
        return Segment(seg.source, exact, text, seg.quoted)
    return Segment(seg.source, offsets.point(0), text, seg.quoted, offsets)
