"""Swearing aimed at someone: "what the hell were you thinking", "Tom's fucking
branch broke prod", "WTF is this?" on a pull request. Not swearing at oneself
or at a tool ("damn, I missed that", "this bloody printer"): exasperation is
not punishment until it has a target.

A sentence's profanity has a target when the sentence names the reader or
another person (the writer aside), or when it asks "what/why the hell" about
"this" or "that" (the work under review).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.lexicon import load_lexicon
from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers, option_phrases, phrase_at
from restorelint.parse.openings import exclaimed_at_someone, is_exclamation
from restorelint.parse.people import is_someone_else

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def triggers(options: Mapping[str, Any]) -> Triggers:
    return Triggers(words=word_set(options.get("words")))


def _targets_someone(sent: Span, profane: set[int]) -> bool:
    # "damn, your message got buried", "wtf, it's the runner image, not your
    # change": an exclamation opening the sentence targets only a person the
    # sentence is about, not everyone it mentions
    if all(is_exclamation(sent.doc[i]) for i in profane):
        return any(exclaimed_at_someone(sent.doc[i]) for i in profane)
    return any(t.i not in profane and is_someone_else(t) for t in sent)


def _asks_about_the_work(sent: Span, profane: set[int], options: Mapping[str, Any]) -> bool:
    """ "What the hell is this?": a question word just before the swear word, then
    "this" or "that" just after it."""
    asking = word_set(options.get("question_words"))
    pointers = load_lexicon().demonstratives
    doc = sent.doc
    for i in profane:
        before = doc[max(sent.start, i - 2) : i]
        after = doc[i + 1 : min(sent.end, i + 5)]
        asked = [t for t in before if t.lower_ in asking]
        if asked and any(t.lower_ in pointers for t in after) and _direct(asked[0], sent):
            return True
    return False


def _direct(question: Token, sent: Span) -> bool:
    """Asked of the reader, not reported: no verb before the question word ("Now
    I have to figure out what the heck this is all about")."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sent if t.i < question.i)


def _highlight(token: Token, options: Mapping[str, Any]) -> tuple[int, int]:
    """ "what the hell" as one phrase; any other swear word alone."""
    asking = word_set(options.get("question_words"))
    doc = token.doc
    if token.i >= 2 and doc[token.i - 2].lower_ in asking:
        return token.i - 2, token.i + 1
    return token.i, token.i + 1


def _idiom(token: Token, idioms: list[tuple[str, ...]]) -> bool:
    """A swear word in a phrase that only intensifies ("a hell of a lot more
    work", "one hell of a release"): nobody is sworn at."""
    starts = {token.i - k for pieces in idioms for k, w in enumerate(pieces) if w == token.lower_}
    return any(
        start >= 0 and token.i < start + phrase_at(token.doc, start, idioms) for start in starts
    )


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    words = word_set(options.get("words"))
    idioms = option_phrases(options, "idioms")
    for sent in doc.sents:
        profane = {t.i for t in sent if t.lower_ in words and not _idiom(t, idioms)}
        if not profane:
            continue
        if _targets_someone(sent, profane) or _asks_about_the_work(sent, profane, options):
            for i in sorted(profane):
                yield _highlight(doc[i], options)
