"""Detecting the restorative checklist's elements in a parsed message.

The detectors are data (``rules/_checklist.yaml``) compiled through the same
pattern code as the rules; this module adds the three named checks no pattern
can express. Evidence under a negation (for elements that ask so) or inside
quotation marks does not count; both are decided by the context layer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from restorelint.catalog.checklist import Checklist, Element
from restorelint.catalog.lexicon import load_lexicon
from restorelint.catalog.load import CatalogError
from restorelint.catalog.load import words as word_set
from restorelint.context.negation import negated_tokens
from restorelint.context.speech import quoted_spans
from restorelint.match.compiled import Patterns
from restorelint.parse.people import is_first_person, is_person, is_second_person

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Evidence:
    """Words that show an element; offsets are into the source text."""

    element: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    text: str


# A named check: the doc, the detector's words and its options.
CheckFn = Callable[["Doc", frozenset[str], Mapping[str, Any]], Iterator[tuple[int, int]]]


def open_question(
    doc: Doc, words: frozenset[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, int]]:
    """A sentence that asks something: it ends with a question mark."""
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens and tokens[-1].text.endswith("?") and len(tokens) >= 3:
            yield tokens[0].i, tokens[-1].i + 1


def outcome_clause(
    doc: Doc, words: frozenset[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, int]]:
    """An outcome with a thing, not a person, as its subject ("the migration
    slipped", "the docs weren't updated"); ``words``: the outcome verbs;
    ``options.directed``: verbs that describe an outcome only with one of their
    directions ("it went wrong", not "it went")."""
    directed = {str(k): word_set(v) for k, v in options.get("directed", {}).items()}
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        subject = subjects[0]
        if is_person(subject) or is_second_person(subject) or is_first_person(subject):
            continue
        passive = subject.dep_ == "nsubjpass" and token.tag_ == "VBN"
        lemma = token.lemma_.lower()
        if lemma in directed and not any(c.lower_ in directed[lemma] for c in token.children):
            continue
        if passive or (lemma in words and lemma != "be"):
            yield min(subject.left_edge.i, token.i), token.i + 1


_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$")


def dated_event(
    doc: Doc, words: frozenset[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, int]]:
    """A past event with a time ("the handoff in August slipped", "the third time");
    ``words``: the words that date it."""
    for sent in doc.sents:
        past = any(t.tag_ == "VBD" and t.pos_ in ("VERB", "AUX") for t in sent)
        if not past:
            continue
        for token in sent:
            if token.lower_ in words or _DATE.match(token.text):
                yield token.i, token.i + 1
                break


CHECKS: dict[str, CheckFn] = {
    "open_question": open_question,
    "outcome_clause": outcome_clause,
    "dated_event": dated_event,
}


class ChecklistMatcher:
    """All detectors of a checklist, compiled once for one pipeline."""

    def __init__(self, checklist: Checklist, nlp: Language) -> None:
        self.checklist = checklist
        self.patterns: Patterns[Element] = Patterns(nlp)
        for element in checklist.elements:
            for index, detector in enumerate(element.detectors):
                where = (checklist.source, f"elements.{element.id}.detectors.{index}.patterns")
                if detector.kind == "token":
                    # every way a pattern fits is a piece of evidence, not just the longest
                    self.patterns.add_token(element, detector.patterns, where, greedy=None)
                elif detector.kind == "phrase":
                    self.patterns.add_phrase(element, detector.phrases, "LOWER", where)
                else:
                    name = detector.check or ""
                    if name not in CHECKS:
                        raise CatalogError(
                            checklist.source,
                            f"elements.{element.id}.detectors.{index}.check",
                            f"no built-in check named '{name}'",
                        )
                    check, words = CHECKS[name], detector.words
                    self.patterns.add_check(
                        element,
                        lambda doc, options, c=check, w=words: c(doc, w, options),
                        detector.options,
                    )

    def find(
        self,
        doc: Doc,
        to_source: Callable[[int, int], tuple[int, int]] | None = None,
        quoted: bool = False,
        source_text: str | None = None,
    ) -> list[Evidence]:
        """Evidence in one parsed segment; ``to_source`` maps its offsets to the source's,
        whose own words (``source_text``) the evidence quotes."""
        if quoted:
            return []
        to_source = to_source or _same
        lex = load_lexicon()
        quotes = quoted_spans(doc.text)
        found: list[Evidence] = []
        matches = sorted(self.patterns.find(doc), key=lambda m: (m.start, m.end))
        for match in matches:
            element, span = match.label, doc[match.start : match.end]
            if element.skip_negated and negated_tokens(list(span), set(), lex):
                continue
            if any(q0 <= span.start_char and span.end_char <= q1 for q0, q1 in quotes):
                continue
            sent = doc[match.start].sent
            begin, finish = to_source(span.start_char, span.end_char)
            sentence_start, sentence_end = to_source(sent.start_char, sent.end_char)
            found.append(
                Evidence(
                    element=element.id,
                    start=begin,
                    end=finish,
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                    text=" ".join(
                        (source_text[begin:finish] if source_text else span.text).split()
                    ),
                )
            )
        return found


def _same(start: int, end: int) -> tuple[int, int]:
    return start, end


@cache
def matcher_for(checklist: Checklist, nlp: Language) -> ChecklistMatcher:
    return ChecklistMatcher(checklist, nlp)
