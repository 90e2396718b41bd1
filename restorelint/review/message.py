"""Review a message as a whole: checklist, score, readability, and the sentences
that hold findings (what the suggest stage rewrites).

The review reads the parses the engine already made (one per segment); it
parses nothing itself. A message is one input: a file, or stdin. restorelint
does not split a file into several messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.catalog.checklist import load_checklist
from restorelint.read.formats.templates import only_tags
from restorelint.records import Finding, LineIndex, Segment, Source
from restorelint.review.checklist import ItemResult, Score, evaluate, score
from restorelint.review.detectors import Evidence, matcher_for
from restorelint.review.readability import Readability, SentenceInfo, assess
from restorelint.review.settings import ReviewSettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# A list, quote or numbered-item marker before a sentence: not part of it.
_MARKER = re.compile(r"(?:[-*+•]|\d{1,3}[.)]|>+)[ \t]+")


@dataclass(frozen=True)
class FlaggedSentence:
    """A sentence that holds findings, kept from the one parse of the check.

    ``doc`` is the sentence alone (``Span.as_doc``); its character 0 is at
    ``base`` in the source text. It is None when the parse read stand-ins
    (placeholders, entities) where the file has other characters: the rewrite
    works on the writer's own characters, so ``text`` is parsed again for it.
    ``start``/``end`` bound the sentence in the source without surrounding
    whitespace or a list marker. ``paragraph`` numbers the segment.
    """

    doc: Doc | None
    base: int
    start: int
    end: int
    paragraph: int
    text: str


@dataclass
class MessageReview:
    path: str
    text: str
    findings: list[Finding]
    checklist: list[ItemResult]
    score: Score
    readability: Readability
    sentences: list[FlaggedSentence] = field(default_factory=list, repr=False)
    paragraph_ends: dict[int, int] = field(default_factory=dict, repr=False)

    @property
    def present(self) -> int:
        return sum(1 for item in self.checklist if item.present)


@dataclass
class _Seen:
    sentences: list[SentenceInfo] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    flagged: list[FlaggedSentence] = field(default_factory=list)
    ends: dict[int, int] = field(default_factory=dict)  # paragraph -> end of its last sentence


def _read_segment(
    seen: _Seen, paragraph: int, seg: Segment, doc: Doc, text: str, findings: list[Finding]
) -> None:
    for sent in doc.sents:
        # original_span: a placeholder or an entity is longer in the file than
        # in the parsed text
        start, end = seg.original_span(sent.start_char, sent.end_char)
        seen.sentences.append(SentenceInfo(start, end, sent.text))
        words = [t for t in sent if not t.is_space]
        if words:
            # The end of the sentence's last line (an inline code span the
            # segmenter masked still belongs to it; a code fence never does).
            last = seg.original_span(words[-1].idx, words[-1].idx + len(words[-1].text))[1]
            line_end = text.find("\n", last)
            line_end = len(text) if line_end < 0 else line_end
            seen.ends[paragraph] = last + len(text[last:line_end].rstrip())
    seen.flagged.extend(flagged_sentences(paragraph, seg, doc, text, findings))


def flagged_sentences(
    paragraph: int, seg: Segment, doc: Doc, text: str, findings: Sequence[Finding]
) -> list[FlaggedSentence]:
    """The sentences of a parsed segment that hold findings, as the suggest stage
    reads them (the check's ``try:`` line and the rewrite use the same ones)."""
    out = []
    for sent in doc.sents:
        start, end = seg.original_span(sent.start_char, sent.end_char)
        if not any(f.start < end and start < f.end for f in findings):
            continue
        # template markup at the sentence's edges was parsed as blanks: not its words,
        # so a rewrite of the sentence keeps "{% if … %}" and "{% endif %}" around it
        a, b = sent.start_char, sent.end_char
        while a < b and seg.text[a].isspace():
            a += 1
        while b > a and seg.text[b - 1].isspace():
            b -= 1
        lo, hi = seg.original_span(a, b) if a < b else (start, end)
        # (a masked URL or code span at an edge is part of the sentence)
        lo = lo if only_tags(text[start:lo]) else start
        hi = hi if only_tags(text[hi:end]) else end
        while lo < hi and text[lo].isspace():
            lo += 1
        marker = _MARKER.match(text, lo)  # "- ", "1. ", "> ": not part of the sentence
        if marker and (lo == 0 or text[lo - 1] in "\n \t"):
            lo = marker.end()
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        exact = end - start == sent.end_char - sent.start_char
        sentence_doc = sent.as_doc() if exact else None
        out.append(FlaggedSentence(sentence_doc, start, lo, hi, paragraph, text[start:end]))
    return out


def review(
    sources: Sequence[Source],
    findings: Sequence[Sequence[Finding]],
    parsed: Sequence[Sequence[tuple[Segment, Doc]]],
    nlp: Language,
    settings: ReviewSettings | None = None,
) -> list[MessageReview]:
    """Judge each non-empty source as a message, from its parsed segments
    (``parsed[i]``: every segment of ``sources[i]`` with its doc, in order) and its
    findings (``findings[i]``)."""
    settings = settings or ReviewSettings()
    checklist = settings.checklist or load_checklist()
    matcher = matcher_for(checklist, nlp)
    messages = []
    for index, source in enumerate(sources):
        if not source.text.strip():
            continue
        own = list(findings[index])
        seen = _Seen()
        for paragraph, (seg, doc) in enumerate(parsed[index]):
            seen.evidence.extend(matcher.find(doc, seg.original_span, seg.quoted, source.text))
            _read_segment(seen, paragraph, seg, doc, source.text, own)
        lines = LineIndex(source.text)
        results = evaluate(checklist, seen.evidence, own, lines)
        messages.append(
            MessageReview(
                path=source.path,
                text=source.text,
                findings=own,
                checklist=results,
                score=score(checklist, results, own),
                readability=assess(
                    seen.sentences if settings.readability else [],
                    lines,
                    settings.max_grade,
                    settings.max_sentence_words,
                ),
                sentences=seen.flagged,
                paragraph_ends=seen.ends,
            )
        )
    return messages
