"""Reading the dependency tree: a token's clause, its predicate and subjects.

Shared by the python checks, the context filters, the checklist and the
rewrites, so that "the subject of this clause" means one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
T = TypeVar("T")


def memo(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """A fact about the whole doc, computed once per doc: the context filters run
    once per match, and a segment may hold hundreds of matches, so anything that
    reads the whole doc per match would cost the square of the segment."""
    cache = doc.user_data.setdefault("restorelint", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]  # type: ignore[no-any-return]


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from every token on each access."""
    return memo(doc, "text", lambda: doc.text)


def governing_predicate(token: Token) -> Token:
    """The nearest verb or auxiliary at or above the token (its clause's head).

    Remembered per doc for every token on the way up: in a long chain of heads
    (a run of punctuation parsed as one tree) asking for each token would
    otherwise cost the square of the chain's length."""
    doc = token.doc
    known: dict[int, int] = memo(doc, "predicate", dict)
    path = []
    current = token
    while current.i not in known:
        path.append(current.i)
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            known[current.i] = current.i
            break
        current = current.head
    found = known[current.i]
    for i in path:
        known[i] = found
    return doc[found]


def predicates(tokens: Iterable[Token]) -> list[Token]:
    """The distinct governing predicates of these tokens, in order: a filter that
    asks about each token's clause asks once per clause, not once per token."""
    seen: dict[int, Token] = {}
    for token in tokens:
        predicate = governing_predicate(token)
        seen.setdefault(predicate.i, predicate)
    return list(seen.values())


def subjects(predicate: Token) -> list[Token]:
    found = [c for c in predicate.children if c.dep_ in SUBJECT_DEPS]
    if not found and predicate.dep_ in ("conj", "xcomp") and predicate.head.i != predicate.i:
        return subjects(predicate.head)  # "Sam planned and failed": shared subject
    return found


def is_command(verb: Token) -> bool:
    """A command to the reader: a bare verb heading its sentence with no subject
    ("Try to be less emotional", "Don't be so dramatic"); "to", modals and "has"
    do not command, a bare "do" does."""
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ == "VB"
        and not subjects(verb)
        and not any(c.dep_ in ("aux", "auxpass") and c.tag_ != "VB" for c in verb.children)
    )


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
    found = memo(doc, "forms", lambda: {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc})
    return not wanted.isdisjoint(found)
