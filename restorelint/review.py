"""Review a message as a whole: checklist, score, readability and rewrites.

The check parses each segment once; :class:`Collector` watches those docs as
the linter makes them (``Linter.lint(on_doc=...)``) and keeps what the
message-level stages need: checklist evidence, sentence boundaries, and a
copy of each sentence that holds a finding. Rewrites re-parse nothing but
their own output, to make sure no rewrite is itself flagged.

A message is one input: a file, or stdin. restorelint does not split a file
into several messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.checklist import (
    Checklist,
    Evidence,
    ItemResult,
    Score,
    evaluate,
    load_checklist,
    matcher_for,
    score,
)
from restorelint.readability import (
    DEFAULT_MAX_GRADE,
    DEFAULT_MAX_SENTENCE_WORDS,
    Readability,
    SentenceInfo,
    assess,
)
from restorelint.rewrite import (
    ComposedMessage,
    FlaggedSentence,
    SentenceRewrite,
    compose,
    rewrite_sentences,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from restorelint.engine import Linter
    from restorelint.finding import Finding
    from restorelint.segment import Segment
    from restorelint.sources import Source


_MARKER = re.compile(r"(?:[-*+•]|\d{1,3}[.)]|>+)[ \t]+")


@dataclass(frozen=True)
class ReviewSettings:
    max_grade: float = DEFAULT_MAX_GRADE
    max_sentence_words: int = DEFAULT_MAX_SENTENCE_WORDS
    checklist: Checklist | None = None
    # textstat loads the CMU pronouncing dictionary (about a second) on first use;
    # a run that shows no readability can skip it.
    readability: bool = True


@dataclass
class _Seen:
    sentences: list[SentenceInfo] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    flagged: list[FlaggedSentence] = field(default_factory=list)
    paragraphs: int = 0
    ends: dict[int, int] = field(default_factory=dict)  # paragraph -> end of its last sentence


class Collector:
    """Keeps, per source, what the message-level stages need from each parse."""

    def __init__(self, sources: Sequence[Source], linter: Linter, checklist: Checklist) -> None:
        self.sources = sources
        self.seen = [_Seen() for _ in sources]
        self.matcher = matcher_for(checklist, linter.nlp)
        self.nlp = linter.nlp

    def __call__(self, seg: Segment, doc: Doc, findings: list[Finding]) -> None:
        seen = self.seen[seg.source]
        text = self.sources[seg.source].text
        paragraph = seen.paragraphs
        seen.paragraphs += 1
        seen.evidence.extend(self.matcher.find(doc, seg.original_span, seg.quoted))
        for sent in doc.sents:
            # original_span: a placeholder or an entity is longer in the file
            # than in the parsed text
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
            if not any(f.start < end and start < f.end for f in findings):
                continue
            lo, hi = start, end
            while lo < hi and text[lo].isspace():
                lo += 1
            marker = _MARKER.match(text, lo)  # "- ", "1. ", "> ": not part of the sentence
            if marker and (lo == 0 or text[lo - 1] in "\n \t"):
                lo = marker.end()
            while hi > lo and text[hi - 1].isspace():
                hi -= 1
            sentence_doc = sent.as_doc()
            if end - start != sent.end_char - sent.start_char:
                # Placeholders or entities were substituted for the parse; the
                # rewrite works on the writer's own characters, so parse those.
                sentence_doc = self.nlp(text[start:end])
            seen.flagged.append(FlaggedSentence(sentence_doc, start, lo, hi, paragraph))


@dataclass
class MessageReport:
    path: str
    text: str
    findings: list[Finding]
    checklist: list[ItemResult]
    score: Score
    readability: Readability
    sentences: list[FlaggedSentence] = field(default_factory=list, repr=False)
    paragraph_ends: dict[int, int] = field(default_factory=dict, repr=False)
    rewrites: list[SentenceRewrite] | None = None

    @property
    def present(self) -> int:
        return sum(1 for item in self.checklist if item.present)

    def composed(self) -> ComposedMessage:
        return compose(self.text, self.rewrites or [], self.paragraph_ends)


@dataclass
class Review:
    findings: list[Finding]
    messages: list[MessageReport]


def review(
    linter: Linter, sources: Sequence[Source], settings: ReviewSettings | None = None
) -> Review:
    """Lint the sources (one parse) and judge each non-empty one as a message."""
    from restorelint.engine import LineIndex

    settings = settings or ReviewSettings()
    checklist = settings.checklist or load_checklist()
    collector = Collector(sources, linter, checklist)
    findings = linter.lint(sources, on_doc=collector)
    messages = []
    for index, source in enumerate(sources):
        if not source.text.strip():
            continue
        seen = collector.seen[index]
        own = [f for f in findings if f.path == source.path]
        results = evaluate(checklist, seen.evidence, own)
        messages.append(
            MessageReport(
                path=source.path,
                text=source.text,
                findings=own,
                checklist=results,
                score=score(checklist, results, own),
                readability=assess(
                    seen.sentences if settings.readability else [],
                    LineIndex(source.text),
                    settings.max_grade,
                    settings.max_sentence_words,
                ),
                sentences=seen.flagged,
                paragraph_ends=seen.ends,
            )
        )
    return Review(findings, messages)


def add_rewrites(messages: Sequence[MessageReport], linter: Linter) -> None:
    """Rewrite every flagged sentence of each message (verified by linting the rewrites)."""
    for message in messages:
        if message.rewrites is None:
            message.rewrites = rewrite_sentences(
                message.text, message.findings, message.sentences, linter
            )
