"""The tone model in the engine: score every sentence of every segment (tokens
only), mark the segments that need a parse because a sentence scored high, and
turn those sentences into matches that go through the same context filters as
the rules' matches.

Where a rule and the model disagree (a rule fires on a sentence the model scores
as harmless), the rule wins: measured on the dev split and the eval-dev dev
halves, rule findings outnumber their false alarms at every model score, the
lowest included, so the model vetoes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.catalog.rules import Rule
from restorelint.read.sentences import sentence_spans
from restorelint.records import Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from restorelint.match.compiled import RawMatch

MODEL_KIND = "model"


@dataclass(frozen=True)
class Scored:
    """A sentence of a segment (offsets into the segment's text) and its score."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class ToneSettings:
    rule: Rule
    threshold: float

    @classmethod
    def of(cls, rule: Rule, threshold: float | None = None) -> ToneSettings:
        from restorelint.match.tone import model

        return cls(rule=rule, threshold=model().threshold if threshold is None else threshold)


def score_segments(segments: Sequence[Segment]) -> list[list[Scored]]:
    """Every sentence of every segment, scored in one batch."""
    from restorelint.match.tone import scores

    spans = [list(sentence_spans(seg.text)) for seg in segments]
    texts = [seg.text[s:e] for seg, own in zip(segments, spans, strict=True) for s, e in own]
    flat = iter(scores(texts))
    return [[Scored(s, e, next(flat)) for s, e in own] for own in spans]


def tone_matches(tone: ToneSettings, doc: Doc, scored: Sequence[Scored]) -> list[RawMatch]:
    """A match for each sentence at or above the threshold; its tokens are the words
    that drove the score (what the context filters judge)."""
    from restorelint.match.compiled import Match
    from restorelint.match.tone import explain

    found: list[RawMatch] = []
    for sentence in scored:
        if sentence.score < tone.threshold:
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        words = explain(doc.text[sentence.start : sentence.end])
        tokens: set[int] = set()
        for start, end, _ in words:
            piece = doc.char_span(
                sentence.start + start, sentence.start + end, alignment_mode="expand"
            )
            if piece is not None:
                tokens.update(t.i for t in piece)
        chosen = tuple(sorted(tokens)) or tuple(range(span.start, span.end))
        found.append(Match(tone.rule, span.start, span.end, chosen))
    return found


def explained(rule: Rule, text: str) -> tuple[float, str]:
    """A tone finding's score and message: the words that weighed most, quoted."""
    from restorelint.match.tone import explain, scores

    words = [text[s:e] for s, e, _ in explain(text)]
    named = ", ".join(f"“{w}”" for w in words) if words else "the sentence as a whole"
    score = round(scores([text])[0], 2)
    return score, rule.message.replace("{words}", named).replace("{score}", f"{score:.2f}")


def without_repeats(tone: ToneSettings, matches: list[RawMatch]) -> list[RawMatch]:
    """A sentence a rule already flags needs no tone finding: the rule says more."""
    ruled = [m for m in matches if m.rule.id != tone.rule.id]
    return [
        m
        for m in matches
        if m.rule.id != tone.rule.id or not any(r.start < m.end and m.start < r.end for r in ruled)
    ]
