"""English grammar for rewrites: tense, number, inflection (lemminflect)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

PAST, PRESENT, PERFECT = "past", "present", "perfect"


def is_plural(token: Token) -> bool:
    if token.lower_ in ("they", "them", "these", "those", "we", "us", "you"):
        return True
    if any(c.dep_ == "conj" for c in token.children):
        return True
    return token.tag_ in ("NNS", "NNPS")


def tense_of(verb: Token) -> str:
    for child in verb.children:
        if child.dep_ not in ("aux", "auxpass") or child.i > verb.i:
            continue
        if child.lemma_ == "have":
            return PAST if child.tag_ == "VBD" else PERFECT
        if child.lemma_ in ("do", "be"):
            return PAST if child.tag_ == "VBD" else PRESENT
    if verb.tag_ == "VB" and verb.lemma_ in ("let", "put", "set", "cut", "hit", "quit"):
        return PAST  # "Sam let the team down": the tagger cannot tell the tense
    return PAST if verb.tag_ in ("VBD", "VBN") else PRESENT


def inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection  # loads its tables (~1 s): only when rewriting

    forms = getInflection(lemma, tag)
    if forms:
        return forms[0]
    if tag in ("VBD", "VBN"):
        return lemma + ("d" if lemma.endswith("e") else "ed")
    if tag == "VBG":
        return (lemma[:-1] if lemma.endswith("e") and len(lemma) > 2 else lemma) + "ing"
    if tag == "VBZ":
        return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "o")) else "s")
    return lemma


def be_form(tense: str, plural: bool, negative: bool = False) -> str:
    if tense == PERFECT:
        head = "have" if plural else "has"
        return f"{head}n't been" if negative else f"{head} been"
    singular, many = ("was", "were") if tense == PAST else ("is", "are")
    word = many if plural else singular
    return word + "n't" if negative else word


def finite(lemma: str, tense: str, plural: bool, negative: bool = False) -> str:
    """A finite verb phrase for a new subject: ``finite("go", PAST, False)`` → "went"."""
    if lemma == "be":
        return be_form(tense, plural, negative)
    if tense == PERFECT:
        head = ("have" if plural else "has") + ("n't" if negative else "")
        return f"{head} {inflect(lemma, 'VBN')}"
    if negative:
        aux = "didn't" if tense == PAST else ("don't" if plural else "doesn't")
        return f"{aux} {lemma}"
    if tense == PAST:
        return inflect(lemma, "VBD")
    return lemma if plural else inflect(lemma, "VBZ")


def article_for(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" and not word.lower().startswith("uni") else "a"


NOMINATIVE = {"them": "they", "us": "we", "me": "I", "him": "he", "her": "she"}
