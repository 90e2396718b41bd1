"""A personality word said of a person ("Aisha is too aggressive", "her tone
was shrill", "comes across as abrasive", "your sloppy reporting") but not of a
thing ("aggressive caching", "an emotional situation with a customer")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers, option_phrases, phrase_at
from restorelint.parse.people import is_person
from restorelint.parse.syntax import is_command, subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How a describing word hangs on what it describes; climbing stops elsewhere
# (a word inside an object or a subordinate clause describes something else).
_CLIMB = frozenset(
    {
        "acomp",
        "attr",
        "oprd",
        "xcomp",
        "conj",
        "advmod",
        "amod",
        "pobj",
        "prep",
        "npadvmod",
        "pcomp",
    }
)


def _owned_by_person(token: Token, possessives: frozenset[str]) -> bool:
    return any(
        c.dep_ == "poss" and (is_person(c) or c.lower_ in possessives) for c in token.children
    )


def describes_person(
    token: Token, possessives: frozenset[str], likeness: frozenset[str], commands: bool = False
) -> bool:
    if _misread_subject(token):
        return True
    current = token
    for _ in range(6):
        if _owned_by_person(current, possessives) or (current.i != token.i and is_person(current)):
            return True
        # "Colleagues find you abrasive": the small clause's adjective has the
        # person for its subject
        small_clause = current.pos_ == "ADJ" and any(c.dep_ == "nsubj" for c in current.children)
        if current.pos_ in ("VERB", "AUX") or small_clause:
            subs = subjects(current)
            if subs:
                return any(is_person(s) or _owned_by_person(s, possessives) for s in subs)
            if commands and is_command(current):
                return True  # "Try to be less emotional", "Work on being less feisty"
        adjectival_clause = (
            current.dep_ == "advcl" and current.pos_ == "ADJ"
        )  # "comes across as aggressive"
        if (current.dep_ not in _CLIMB and not adjectival_clause) or current.head.i == current.i:
            return False
        if current.dep_ == "pobj" and current.head.lower_ not in likeness:
            return False
        if current.dep_ == "prep" and current.lower_ not in likeness:
            return commands and is_command(current.head)  # "work on being less feisty"
        current = current.head
    return False


def _misread_subject(token: Token) -> bool:
    """ "Priya overreacts to feedback": the small model reads the verb as a noun
    with the name for its compound; a trait word heading the sentence so is
    said of that name."""
    return token.dep_ == "ROOT" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and is_person(c) for c in token.lefts
    )


def _direct_predicate(token: Token) -> bool:
    """ "Sam is lazy": the shape RL110's dependency pattern already covers."""
    return token.dep_ in ("acomp", "attr", "oprd") and any(
        c.dep_ in ("nsubj", "nsubjpass") and is_person(c) for c in token.head.children
    )


def triggers(options: Mapping[str, Any]) -> Triggers:
    phrases = option_phrases(options, "phrases") + option_phrases(options, "people_phrases")
    return Triggers(
        words=word_set(options.get("words")) | word_set(options.get("people_words")),
        all_of=tuple(tuple(frozenset({w}) for w in pieces if w[0].isalnum()) for pieces in phrases),
    )


def _mentioned(token: Token, nouns: frozenset[str]) -> bool:
    """Named as a word, not said of anyone: "avoid labels like bossy"."""
    return any(a.lemma_.lower() in nouns for a in token.ancestors)


def _listed(doc: Doc, token: Token, size: int, lexicon: frozenset[str]) -> bool:
    """One of a list of such words ("abrasive, bossy, emotional and shrill"): a
    word list in training text, or a verdict its other words flag when they are
    said of a person."""
    for step, start in ((-1, token.i - 1), (1, token.i + size)):
        i = start
        while 0 <= i < len(doc) and (doc[i].is_punct or doc[i].pos_ == "CCONJ"):
            i += step
        if 0 <= i < len(doc) and (doc[i].lower_ in lexicon or doc[i].lemma_.lower() in lexicon):
            return True
    return False


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    words = word_set(options.get("words"))
    phrases = option_phrases(options, "phrases")
    # words said of nothing but people ("catty", "a diva"): whatever they hang on
    # ("the channel is getting catty"), a person is meant
    people = word_set(options.get("people_words"))
    people_phrases = option_phrases(options, "people_phrases")
    mention = word_set(options.get("mention_nouns"))
    possessives = word_set(options.get("possessives"))
    likeness = word_set(options.get("likeness"))
    skip_direct = bool(options.get("skip_direct_predicates", False))
    # "Try to be less emotional": a command gives the reader the trait
    commands = bool(options.get("commands", False))
    for token in doc:
        if size := phrase_at(doc, token.i, people_phrases):
            anchor = None
        elif token.lower_ in people or token.lemma_.lower() in people:
            size, anchor = 1, None
        elif size := phrase_at(doc, token.i, phrases):
            anchor = doc[token.i : token.i + size].root
        elif token.lower_ in words or token.lemma_.lower() in words:
            size, anchor = 1, token
        else:
            continue
        if anchor is None:
            if _mentioned(token, mention):
                continue
            listed = _listed(doc, token, size, words | people)
            if not listed or describes_person(token, possessives, likeness, commands):
                yield token.i, token.i + size
        elif skip_direct and _direct_predicate(anchor):
            continue
        elif describes_person(anchor, possessives, likeness, commands):
            yield token.i, token.i + size
