"""What every rewrite shape shares: its result, its context, and helpers that
rebuild a clause around a new core."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.catalog.rewrite import RewriteData
from restorelint.catalog.rules import Rule
from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import clause
from restorelint.records import Finding
from restorelint.suggest.draft import Draft
from restorelint.suggest.pieces import ATTACHED, Piece, pieces_of

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass
class Applied:
    """A shape's result: whether the message should get a closing, and which;
    ``dropped``: tokens beyond the flagged words the shape left out on purpose,
    because they are the punitive frame too (a threat's consequence)."""

    shape: str
    closing: bool = True
    override: str | None = None
    dropped: frozenset[int] = frozenset()


@dataclass
class Ctx:
    draft: Draft
    data: RewriteData
    findings: Sequence[Finding]
    rules: Mapping[str, Rule] = field(default_factory=dict)
    # the tokens of every finding in the sentence (what a topic leaves out)
    sentence_tokens: Sequence[Sequence[int]] = ()


def lower_words(draft: Draft, tokens: Sequence[int]) -> list[str]:
    return [draft.doc[i].lower_ for i in tokens]


def clause_range(pred: Token, draft: Draft) -> tuple[int, int]:
    ids = draft.expand(t.i for t in clause(pred) if not draft.blank(t.i))
    words = [i for i in ids if not draft.doc[i].is_punct or i in draft.groups]
    return min(ids), max(words or ids)


def rest_of(draft: Draft, first: int, last: int, used: set[int], data: RewriteData) -> list[int]:
    """Tokens of a clause a shape did not consume, without the fillers that add heat."""
    return [
        i
        for i in range(first, last + 1)
        if i not in used
        and i not in draft.deleted
        and not draft.blank(i)
        and draft.doc[i].lower_ not in data.fillers
    ]


def assemble(
    draft: Draft, first: int, last: int, used: set[int], core: list[Piece], data: RewriteData
) -> bool:
    """Replace the clause first..last by: untouched words before + core + untouched after."""
    used = draft.expand(used)
    anchor = min(used)
    rest = rest_of(draft, first, last, used, data)
    lead = [i for i in rest if i < anchor]
    trail = [i for i in rest if i > anchor]
    lead_pieces = draft.phrase(lead)
    while lead_pieces and lead_pieces[-1].text.strip() in ("",):
        lead_pieces.pop()
    pieces: list[Piece] = []
    if lead_pieces:
        pieces += [*lead_pieces, Piece(" ")]
    pieces += core
    if trail:
        tp = draft.phrase(trail)
        first_text = draft.doc[trail[0]].text
        if not first_text.startswith(ATTACHED):
            pieces.append(Piece(" "))
        pieces += tp
    return draft.block(first, last, pieces)


def person_subject(pred: Token, names: bool = False) -> Token | None:
    """The subject if it is a person; ``names`` also takes any title-case proper noun."""
    for child in pred.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if is_person(child) or is_second_person(child):
            return child
        if names and child.pos_ == "PROPN" and child.is_title:
            return child
    return None


def noun_phrase(draft: Draft, token: Token, data: RewriteData) -> list[Piece]:
    nominative = data.grammar.nominative
    if token.lower_ in nominative and len(list(token.subtree)) == 1:
        return pieces_of(nominative[token.lower_])
    return draft.phrase(t.i for t in token.subtree)


def particles(verb: Token) -> str:
    return "".join(" " + c.lower_ for c in verb.children if c.dep_ == "prt")


def consumed(tokens: Iterable[Token]) -> set[int]:
    out: set[int] = set()
    for token in tokens:
        out.update(t.i for t in token.subtree)
    return out


def predicate_range(pred: Token, draft: Draft) -> tuple[int, int]:
    """The predicate with everything hanging on it except coordinated clauses."""
    skip: set[int] = set()
    for child in pred.children:
        if child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            skip.update(t.i for t in child.subtree)
            skip.update(c.i for c in pred.children if c.dep_ == "cc" and c.i < child.i)
    ids = [t.i for t in pred.subtree if t.i not in skip and not draft.blank(t.i)]
    words = [i for i in ids if not draft.doc[i].is_punct]
    ids = sorted(draft.expand(words or ids))
    return ids[0], ids[-1]
