"""Who a token refers to: a person (the reader, a colleague, a named employee), the
reader, or the writer. Rules ask for these through token attributes
(``{"_": {"rl_person": true}}``); the word lists are data (``rules/_context.yaml``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import load_lexicon
from restorelint.parse.common_words import is_common_word

if TYPE_CHECKING:
    from spacy.tokens import Token


def is_person(token: Token) -> bool:
    """Does this token refer to a person (the reader, a colleague, a named employee)?"""
    lex = load_lexicon()
    lower = token.lower_
    if lower in lex.not_mentions:
        return False
    if lower in lex.person_pronouns:
        return True
    if lower.startswith("@") and len(lower) > 1:
        return True
    if token.text == lex.placeholders.person:
        return True  # a placeholder stand-in, whatever the tagger made of it
    if token.pos_ == "PROPN":
        # The small model labels many first names ORG, GPE or NORP, so any
        # title-case name counts, except known tools and services.
        # "Pipeline failed again": a sentence-opening technical noun is a thing
        opening_thing = token.is_sent_start and lower in lex.words("technical", "nouns")
        if not token.is_title or lower in lex.not_people or opening_thing:
            return False
        # "see the Dictionary class", "Composer failed": an English word in
        # title case is a thing, unless it is also a first name ("Will", "Grace")
        if lower in lex.word_names or not is_common_word(lower):
            return True
        return lower in lex.person_nouns  # "the Payroll Manager"
    if _addressed_by_name(token, lower):
        return True  # "Sam, unacceptable.": the tagger made the name an adjective
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.person_nouns:
        return False
    # "a developer doesn't try…", "any employee may…": a generic person, not someone
    return not any(c.dep_ == "det" and c.lower_ in lex.generic_determiners for c in token.children)


def is_second_person(token: Token) -> bool:
    return token.lower_ in load_lexicon().second_person


def is_first_person(token: Token) -> bool:
    return token.lower_ in load_lexicon().first_person


def is_someone_else(token: Token) -> bool:
    """The reader, or a person other than the writer."""
    return is_second_person(token) or (is_person(token) and not is_first_person(token))


def addresses_someone(tokens: Iterable[Token], words: frozenset[str]) -> bool:
    """Do these words speak to or about someone: one of ``words`` (the reader,
    "please", a command), or a person other than the writer?"""
    return (
        any(t.lower_ in words or (is_person(t) and not is_first_person(t)) for t in tokens)
        or not words
    )


def register_extensions() -> None:
    from spacy.tokens import Token

    if not Token.has_extension("rl_person"):
        Token.set_extension("rl_person", getter=is_person)
    if not Token.has_extension("rl_you"):
        Token.set_extension("rl_you", getter=is_second_person)


def _addressed_by_name(token: Token, lower: str) -> bool:
    """A title-case word that is no English word, opening its sentence before a
    comma: a name the message is addressed to, however it was tagged."""
    doc = token.doc
    if not (token.is_title and token.is_sent_start and token.pos_ in ("ADJ", "NOUN")):
        return False
    if token.whitespace_ or token.i + 1 >= len(doc) or doc[token.i + 1].text != ",":
        return False  # "Sam," ("Bonjour , …" is French spacing, not an address)
    lex = load_lexicon()
    return lower not in lex.not_people and (lower in lex.word_names or not is_common_word(lower))
