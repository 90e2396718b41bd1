"""Who a sentence is about: the subject of the flagged words, their possessor, a
name addressed in the sentence, or a template placeholder that holds a name; and
how a rewrite names them (object case, the writer's own characters)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from restorelint.catalog.rewrite import RewriteData
from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import governing_predicate
from restorelint.suggest.draft import Draft

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECTS = ("nsubj", "nsubjpass")


def person_of(draft: Draft, anchors: Sequence[Token]) -> Token | None:
    """The person the flagged words are about: the subject of their clause, its
    possessor ("her abrasiveness"), a name addressed in the sentence, or a template
    placeholder that holds a name ("{{ employee_name }}")."""
    for anchor in anchors:
        predicate = governing_predicate(anchor)
        # "Colleagues find you abrasive": the small clause has a subject of its own
        for child in (*anchor.children, *predicate.children):
            if child.dep_ in _SUBJECTS and (is_person(child) or is_second_person(child)):
                return child
        for token in (anchor, anchor.head):
            for child in token.children:
                # "her abrasiveness" is about her; "Tom's migration" is about the migration
                if child.dep_ == "poss" and child.pos_ == "PRON" and is_person(child):
                    return child
    for token in draft.doc:
        if token.pos_ == "PROPN" and is_person(token) and addressed(draft, token.i):
            return token
    for first, last in sorted(set(draft.groups.values())):
        if named_placeholder(draft, first, last):
            return draft.doc[first]
    return None


def named_placeholder(draft: Draft, first: int, last: int) -> bool:
    """Does the template expression hold a name (not a date or a number)? Read as
    the templates format reads it (rules/_context.yaml, placeholders)."""
    from restorelint.catalog.lexicon import load_lexicon

    holders = load_lexicon().placeholders
    parts = {
        part
        for i in range(first, last + 1)
        for part in re.split(r"[\W_]+", draft.doc[i].lower_)
        if part
    }
    return bool(parts) and not parts & holders.not_person_words


def addressed(draft: Draft, i: int) -> bool:
    """Is the name set off as an address ("Jordan, ...", "..., Sam.")?"""
    doc = draft.doc
    first, last = draft.groups.get(i, (i, i))
    before = doc[first - 1].text if first > 0 else ""
    after = doc[last + 1].text if last + 1 < len(doc) else ""
    opening = before == "" and after in (",", "–", "—", ":")
    return opening or (before == "," and after in ("", ".", "?", "!"))


def person_words(draft: Draft, person: Token, data: RewriteData) -> str:
    """The person in object case, from the writer's own characters (the parse may
    have read a stand-in for a name)."""
    if person.i in draft.groups:
        first, last = draft.groups[person.i]
        return "".join(p.text for p in draft.phrase(range(first, last + 1)))
    if person.pos_ == "PRON" or is_second_person(person):
        return data.grammar.object_case.get(person.lower_, person.lower_)
    if person.pos_ != "PROPN":
        # "the engineer": a common noun keeps its determiner
        ids = [c.i for c in person.children if c.dep_ in ("det", "amod", "compound")] + [person.i]
        return "".join(p.text for p in draft.phrase(ids)).lower()
    return draft.words[person.i]
