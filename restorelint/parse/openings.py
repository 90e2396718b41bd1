"""Does a token open its sentence? Rules that look for a command or a question
at the start of a sentence ("Redo it.", "Do you not read the tickets?") ask for
``{"_": {"rl_opening": true}}`` rather than ``IS_SENT_START``, so that the same
words after a name or a discourse word and a comma ("Sam, redo it.", "Honestly,
do you not read the tickets?") are found too. The discourse words are data
(``openers`` in ``rules/_context.yaml``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import load_lexicon
from restorelint.parse.people import is_person

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


def register_extensions() -> None:
    from spacy.tokens import Token

    if not Token.has_extension("rl_opening"):
        Token.set_extension("rl_opening", getter=opens_sentence)
