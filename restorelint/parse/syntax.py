"""Reading the dependency tree: a token's clause, its predicate and subjects.

Shared by the python checks, the context filters, the checklist and the
rewrites, so that "the subject of this clause" means one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")


def governing_predicate(token: Token) -> Token:
    """The nearest verb or auxiliary at or above the token (its clause's head)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def subjects(predicate: Token) -> list[Token]:
    found = [c for c in predicate.children if c.dep_ in SUBJECT_DEPS]
    if not found and predicate.dep_ in ("conj", "xcomp") and predicate.head.i != predicate.i:
        return subjects(predicate.head)  # "Sam planned and failed": shared subject
    return found


def clause(predicate: Token) -> list[Token]:
    """The predicate's subtree without coordinated clauses ("you always come
    prepared, but you never test" holds two separate claims)."""
    out: list[Token] = []
    stack = [predicate]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("conj", "cc", "parataxis"))
    return out


def mentions(doc: Doc, words: Iterable[str]) -> bool:
    """Does any token of the doc have one of these words as its form or lemma?"""
    wanted = frozenset(words)
    return any(t.lemma_.lower() in wanted or t.lower_ in wanted for t in doc)
