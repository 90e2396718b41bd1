"""What a sentence is about, in its own words: the topic (its noun phrases naming
the work), the person it is about, and the situation (where it happened). The
talk-about shape puts them into a restorative frame ("I'd like to talk with
Rose about how things are going with the vendors."), so a rewrite keeps the
writer's facts without needing a [placeholder] for them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.catalog.rewrite import RewriteData
from restorelint.parse.common_words import is_common_word
from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import governing_predicate
from restorelint.suggest.draft import Draft
from restorelint.suggest.pieces import Piece, tidy
from restorelint.suggest.quality import verdict_noun
from restorelint.suggest.shapes.person import person_of

if TYPE_CHECKING:
    from spacy.tokens import Token

# The dependents that belong to a noun phrase as a topic: its determiner,
# modifiers, possessor, and prepositional complements ("excuses for the late
# stock counts"), not the clauses hanging on it.
_NP_DEPS = (
    "det",
    "amod",
    "compound",
    "poss",
    "nummod",
    "nmod",
    "quantmod",
    "case",
    "prep",
    "pobj",
    "hyph",
    "predet",
    "npadvmod",
)
_SUBJECTS = ("nsubj", "nsubjpass")
_JOINING = ("-", "/", "–")


@dataclass(frozen=True)
class About:
    """What the talk-about frames can say: each part as source tokens. ``topic``
    leaves out the situation's words; ``everything`` is the topic with them, for a
    frame that has no place for the situation."""

    topic: list[list[int]]
    everything: list[list[int]]
    person: Token | None
    named: bool  # the person is named ("Rose"), so a frame may address them
    situation: list[int] | None


def read(draft: Draft, skip: set[int], anchors: Sequence[Token], data: RewriteData) -> About:
    person = person_of(draft, anchors)
    if person is not None:
        first, last = draft.groups.get(person.i, (person.i, person.i))
        skip = skip | set(range(first, last + 1))
    situation = situation_of(draft, anchors, skip, data)
    used = set(situation or ())
    topic = topic_items(draft, skip | used, data)
    everything = topic_items(draft, skip, data) if situation else topic
    named = person is not None and (person.pos_ == "PROPN" or person.i in draft.groups)
    return About(topic, everything, person, named, situation)


def situation_of(
    draft: Draft, anchors: Sequence[Token], skip: set[int], data: RewriteData
) -> list[int] | None:
    """Where it happened: a prepositional phrase or a "when" clause hanging on the
    flagged words or their predicate ("with the vendors", "in standups")."""
    seen: set[int] = set()
    for anchor in [*anchors, *(governing_predicate(a) for a in anchors)]:
        for token in (anchor, *anchor.conjuncts):
            if token.i in seen:
                continue
            seen.add(token.i)
            for child in token.children:
                if child.i in skip:
                    continue
                if (
                    child.dep_ == "prep"
                    and child.lower_ in data.situation_preps
                    and any(c.dep_ == "pobj" for c in child.children)
                ):
                    ids = _clean(draft, (t.i for t in child.subtree), skip, data)
                    # "with the interns": people can be where it happened
                    if len(ids) >= 2 and any(draft.doc[i].pos_ in ("NOUN", "PROPN") for i in ids):
                        return ids
                if child.dep_ == "advcl" and any(
                    c.dep_ in ("advmod", "mark")
                    and c.lower_ in data.situation_preps
                    and c.i < child.i
                    for c in child.children
                ):
                    # "when it comes to writing tests", "whenever the roadmap changes"
                    ids = _clean(draft, (t.i for t in child.subtree), skip, data)
                    if len(ids) >= 3:
                        return ids
    return None


def topic_items(draft: Draft, skip: set[int], data: RewriteData) -> list[list[int]]:
    """The sentence's noun phrases that name the work, in order, each once: spaCy's
    noun chunks, and any noun the chunker missed (with its own modifiers)."""
    doc = draft.doc
    items: list[list[int]] = []
    taken: set[int] = set()
    for first, last in sorted(set(draft.groups.values())):
        ids = list(range(first, last + 1))
        if not set(ids) & skip:  # a template expression is a fact as it stands
            taken.update(ids)
            items.append(ids)
    roots = [chunk.root for chunk in doc.noun_chunks]
    roots += [_np_root(t) for t in doc if (_fact(t, data) or _code(draft, t.i)) and t.i not in skip]
    for root in sorted({r.i: r for r in roots}.values(), key=lambda r: r.i):
        if root.i in taken or root.i in skip or root.i in draft.deleted:
            continue
        if root.pos_ not in ("NOUN", "PROPN", "NUM") and not _code(draft, root.i):
            continue
        if root.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in root.sent):
            continue  # "Careless as always.": a verbless verdict, not a topic
        if is_second_person(root) or verdict_noun(root):
            continue
        if root.lower_ in data.grammar.not_topics or _opening_gerund(root):
            continue
        if len(root.text) < 3 and not root.text.isupper():
            continue  # "cc" in "cc-ing": a piece of a word, not a topic
        # the noun's own determiner stays even when the flagged words took it
        # ("Who approved this PR" → "this PR")
        own = {
            c.i for c in root.children if c.dep_ in ("det", "poss") and c.pos_ in ("DET", "PRON")
        }
        ids = [i for i in _clean(draft, _phrase(root), skip - own, data) if i not in taken]
        if not any(_fact(doc[i], data) or _code(draft, i) for i in ids):
            continue  # "the whole team": a person, not a topic; "the sales team" is one
        taken.update(ids)
        items.append(ids)
    return sorted(items)


def _code(draft: Draft, i: int) -> bool:
    """A code span or a link, as the writer wrote it: a fact however it was tagged."""
    return draft.words[i].startswith(("`", "http://", "https://"))


def _np_root(token: Token) -> Token:
    """The noun a noun modifies, up the chain ("the on-call schedule" from "call")."""
    current = token
    while (
        current.dep_ in ("compound", "amod", "nmod", "poss", "pobj")
        and current.head.pos_ in ("NOUN", "PROPN")
        and current.head.i != current.i
    ):
        current = current.head
    return current


def _phrase(root: Token) -> list[int]:
    def inside(token: Token) -> bool:
        # a hyphen or slash joins a word ("on-call", "CI/CD"); other marks end the phrase
        return token.dep_ in _NP_DEPS or (token.dep_ == "punct" and token.text in _JOINING)

    out = [root.i]
    stack = [c for c in root.children if inside(c)]
    while stack:
        token = stack.pop()
        out.append(token.i)
        stack.extend(c for c in token.children if inside(c))
    return sorted(out)


def _clean(draft: Draft, ids: Iterable[int], skip: set[int], data: RewriteData) -> list[int]:
    doc = draft.doc
    kept = [
        i
        for i in sorted(draft.expand(ids))
        if i not in skip
        and i not in draft.deleted
        and not draft.blank(i)
        and doc[i].lower_ not in data.fillers
    ]
    while kept and doc[kept[0]].is_punct:
        kept.pop(0)
    while kept and doc[kept[-1]].is_punct:
        kept.pop()
    return kept


def _fact(token: Token, data: RewriteData) -> bool:
    return (
        token.pos_ in ("NOUN", "PROPN", "NUM")
        and not token.is_stop
        and token.lower_ not in data.grammar.not_topics
        and not is_person(token)
        and not _opening_gerund(token)
    )


def _opening_gerund(token: Token) -> bool:
    # "Tagging @leads here so…": a sentence-opening verb the tagger took for a name
    return (
        token.pos_ == "PROPN"
        and token.is_sent_start
        and token.lower_.endswith("ing")
        and is_common_word(token.lower_)
    )


def render(draft: Draft, ids: list[int], data: RewriteData) -> list[Piece]:
    """Tokens as the writer wrote them, a sentence-initial capital lowered."""
    pieces = draft.phrase(ids)
    first = draft.doc[ids[0]]
    if (
        pieces
        and first.is_sent_start
        and first.pos_ != "PROPN"
        and first.text not in data.grammar.acronyms
        and pieces[0].text[:1].isupper()
    ):
        pieces[0] = Piece(pieces[0].text[:1].lower() + pieces[0].text[1:], pieces[0].generated)
    return pieces


def joined(parts: Sequence[list[Piece]]) -> list[Piece]:
    """ "A", "A and B", "A, B and C"."""
    out: list[Piece] = []
    for k, part in enumerate(parts):
        if k:
            out.append(Piece(" and " if k == len(parts) - 1 else ", ", True))
        out.extend(part)
    return out


def fill(frame: str, slots: dict[str, list[Piece]]) -> list[Piece]:
    """The frame's text with its {slots} replaced by source pieces."""
    out: list[Piece] = []
    rest = frame
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        if before:
            out.append(Piece(before, True))
        out.extend(slots[name])
    if rest:
        out.append(Piece(rest, True))
    return tidy(out)
