"""Praise wrapped around a fault: "Great job double-booking the suite, really
impressive", "Congratulations on another missed deadline", "Thanks for the
review that missed the null check, very thorough." The praise opens the sentence,
a fault sits in it, and a marker (an intensifier, "finally", "another", "again")
says the praise is not meant. A fault the praised act mends is thanks, not
sarcasm ("thanks for fixing the broken build"), and so is one the writer owns.
One sentence at a time: a closing "Very thorough." on its own would have every
paragraph with "thanks", a fault word and "very" parsed whole (it doubled the
words parsed on the speed corpus)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.lexicon import load_lexicon
from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers, option_phrases, phrase_at
from restorelint.match.anchors import words as text_words
from restorelint.parse.people import is_first_person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def triggers(options: Mapping[str, Any]) -> Triggers:
    faults, markers = word_set(options.get("faults")), word_set(options.get("markers"))
    return Triggers(
        all_of=tuple(
            (*(frozenset({w}) for w in sorted(text_words(" ".join(opener)))), faults, markers)
            for opener in option_phrases(options, "openers")
        ),
    )


def _opener(sent: Span, openers: list[tuple[str, ...]]) -> tuple[int, int] | None:
    """Where a praise opener starts the sentence (after an interjection, a name or
    a discourse word and a comma: "Wow,", "Sam,", "Honestly,")."""
    before = load_lexicon().openers
    for start in range(sent.start, min(sent.start + 5, sent.end)):
        if size := phrase_at(sent.doc, start, openers, sent.end):
            return start, start + size
        token = sent.doc[start]
        if not (token.is_punct or token.pos_ in ("INTJ", "PROPN") or token.lower_ in before):
            break
    return None


def _owned(token: Token) -> bool:
    """The writer's own fault: "thanks for bearing with my mistake", "I broke it"."""
    if any(c.dep_ == "poss" and is_first_person(c) for c in token.children):
        return True
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(c.dep_ in ("nsubj", "nsubjpass") and is_first_person(c) for c in verb.children)


def _mended(token: Token, rescues: frozenset[str], praise: int) -> bool:
    """Under an act that mends it ("fixing the broken build", "the outage fix"), or
    naming a kind of thing ("the crash report"). Only acts from the praise on:
    "Look, great job breaking…" is not mended by "look"."""
    return token.dep_ == "compound" or any(
        a.lemma_.lower() in rescues for a in token.ancestors if a.pos_ == "VERB" and a.i >= praise
    )


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    openers = option_phrases(options, "openers")
    faults, markers = word_set(options.get("faults")), word_set(options.get("markers"))
    rescues = word_set(options.get("rescues"))
    for sent in doc.sents:
        found = _opener(sent, openers)
        if found is None:
            continue
        fault = [
            t
            for t in sent
            if (t.lower_ in faults or t.lemma_.lower() in faults)
            and not _mended(t, rescues, found[0])
            and not _owned(t)
        ]
        if not fault:
            continue
        if any(t.lower_ in markers for t in sent if t.i >= found[1]):
            yield found[0], sent.end
