"""Does a token open its sentence? Rules that look for a command or a question
at the start of a sentence ("Redo it.", "Do you not read the tickets?") ask for
``{"_": {"rl_opening": true}}`` rather than ``IS_SENT_START``, so that the same
words after a name or a discourse word and a comma ("Sam, redo it.", "Honestly,
do you not read the tickets?") are found too. The discourse words are data
(``openers`` in ``rules/_context.yaml``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import load_lexicon
from restorelint.parse.people import is_person, is_someone_else

if TYPE_CHECKING:
    from spacy.tokens import Token

# "Sam, …", "Hey Sam, …", "Honestly, Sam, …": at most this many words before the comma
_MOST_WORDS = 2


def opens_sentence(token: Token) -> bool:
    if token.is_sent_start:
        return True
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != ",":
        return False
    before = doc[token.sent.start : token.i - 1]
    words = [w for w in before if w.text != ","]  # "Honestly, Sam, …"
    if not 1 <= len(words) <= _MOST_WORDS or len(before) > 2 * _MOST_WORDS - 1:
        return False
    openers = load_lexicon().openers
    return all(w.lower_ in openers or _named(w) for w in words)


def _named(token: Token) -> bool:
    """A vocative: "Sam, …", "@sam, …" (not "it, …" or "they, …")."""
    return is_person(token) and (token.pos_ == "PROPN" or token.lower_.startswith("@"))


def is_vocative(token: Token) -> bool:
    """The name a sentence opens with, before its comma ("Sam, you will be…"),
    which the parser sometimes takes for a subject."""
    doc = token.doc
    after = token.i + 2
    return (
        after < len(doc)
        and doc[token.i + 1].text == ","
        and _named(token)
        and doc[after].sent.start == token.sent.start
        and opens_sentence(doc[after])
    )


def is_exclamation(token: Token) -> bool:
    """A word on its own at the sentence start before a comma or other mark
    ("Damn, …", "Crap, left the migration out"): an exclamation, not a verdict
    on anything in the sentence."""
    doc = token.doc
    sent = token.sent
    return (
        all(t.is_punct for t in doc[sent.start : token.i])
        and token.i + 1 < sent.end
        and doc[token.i + 1].is_punct
    )


# Who an opening exclamation is aimed at is who the rest of the sentence is
# about: its subject or object ("Damn, you broke prod again"), the person it
# names alone ("WTF, Sam?"), or the owner of what did something ("ffs, your
# branch broke the build"), not of what something happened to ("damn, your
# message got buried") nor a product named in passing ("Crap, left the
# Alembic revision out").
_ACTORS = ("nsubj", "dobj", "npadvmod", "ROOT", "appos", "attr")


def exclaimed_at_someone(token: Token) -> bool:
    """Does the sentence an exclamation opens name someone other than the
    writer as who it is about?"""
    for other in token.sent:
        if other.i == token.i or not is_someone_else(other):
            continue
        if other.dep_ == "poss" and other.head.dep_ == "nsubj":
            return True
        if other.dep_ in _ACTORS:
            return True
    return False


def register_extensions() -> None:
    from spacy.tokens import Token

    if not Token.has_extension("rl_opening"):
        Token.set_extension("rl_opening", getter=opens_sentence)
