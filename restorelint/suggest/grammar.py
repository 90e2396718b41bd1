"""English grammar for rewrites: tense, number, inflection (lemminflect). The
function words it reads (be, have, do, plural pronouns) are data in
``rules/_rewrite.yaml`` (``grammar``)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from restorelint.catalog.rewrite import RewriteData

if TYPE_CHECKING:
    from spacy.tokens import Token

PAST, PRESENT, PERFECT = "past", "present", "perfect"


def is_plural(token: Token, data: RewriteData) -> bool:
    if token.lower_ in data.grammar.plural:
        return True
    if any(c.dep_ == "conj" for c in token.children):
        return True
    return token.tag_ in ("NNS", "NNPS") or token.morph.get("Number") == ["Plur"]


def takes_base_form(subject: Token, lemma: str, data: RewriteData) -> bool:
    """Does a present verb other than "be" keep its base form after this subject?
    Plurals do, and so does "I" ("I get", not "I gets"); "be" has its own forms.
    Where the writer's own present verb agrees with a plural ("the audits keep
    failing", "audits" tagged singular), that agreement decides."""
    if is_plural(subject, data):
        return True
    if lemma == data.grammar.be:
        return False
    return subject.morph.get("Person") == ["1"] or _agrees_as_plural(subject)


def _agrees_as_plural(subject: Token) -> bool:
    if subject.pos_ == "PRON" or subject.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = subject.head
    finite = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(t.tag_ == "VBP" for t in finite)


def tense_of(verb: Token, data: RewriteData) -> str:
    g = data.grammar
    for child in verb.children:
        if child.dep_ not in ("aux", "auxpass") or child.i > verb.i:
            continue
        if child.lemma_ == g.have:
            return PAST if child.tag_ == "VBD" else PERFECT
        if child.lemma_ in (g.do, g.be):
            return PAST if child.tag_ == "VBD" else PRESENT
    if verb.tag_ == "VB" and verb.lemma_ in g.unchanged_past:
        return PAST  # "Sam let the team down": the tagger cannot tell the tense
    return PAST if verb.tag_ in ("VBD", "VBN") else PRESENT


def inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection  # only when rewriting

    _read_lazily()
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


@cache
def _read_lazily() -> None:
    # a rewrite asks for a few verbs; lemminflect would build its whole table first
    from restorelint.suggest.inflections import install

    install()


def be_form(tense: str, plural: bool, data: RewriteData, negative: bool = False) -> str:
    g = data.grammar
    if tense == PERFECT:
        head = inflect(g.have, "VBP" if plural else "VBZ")
        been = inflect(g.be, "VBN")
        return f"{head}n't {been}" if negative else f"{head} {been}"
    if tense == PAST:
        word = "were" if plural else inflect(g.be, "VBD")
    else:
        word = inflect(g.be, "VBP") if plural else inflect(g.be, "VBZ")
    return word + "n't" if negative else word


def finite(lemma: str, tense: str, plural: bool, data: RewriteData, negative: bool = False) -> str:
    """A finite verb phrase for a new subject: ``finite("go", PAST, False)`` → "went"."""
    g = data.grammar
    if lemma == g.be:
        return be_form(tense, plural, data, negative)
    if tense == PERFECT:
        head = inflect(g.have, "VBP" if plural else "VBZ") + ("n't" if negative else "")
        return f"{head} {inflect(lemma, 'VBN')}"
    if negative:
        aux = inflect(g.do, "VBD" if tense == PAST else ("VBP" if plural else "VBZ"))
        return f"{aux}n't {lemma}"
    if tense == PAST:
        return inflect(lemma, "VBD")
    return lemma if plural else inflect(lemma, "VBZ")


def article_for(word: str, data: RewriteData) -> str:
    g = data.grammar
    lowered = word.lower()
    an = lowered[:1] in g.an_letters and not lowered.startswith(g.a_prefixes)
    first, second = sorted(g.indefinite, key=len)
    return second if an else first
