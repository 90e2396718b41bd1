"""Condescension, passive-aggression, shaming and threats: the put-down, the
scorekeeping, the audience and the threat go; the point stays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.parse.people import is_person, is_second_person
from restorelint.records import Finding
from restorelint.suggest.common import (
    Applied,
    Ctx,
    assemble,
    clause_range,
    consumed,
    lower_words,
    noun_phrase,
    particles,
)
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import PAST, be_form, inflect, is_plural
from restorelint.suggest.pieces import Piece, pieces_of, tidy

if TYPE_CHECKING:
    from spacy.tokens import Token


def shape_condescension(
    draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = lower_words(draft, span)
    if len(span) == 1 and doc[span[0]].pos_ == "ADV":
        draft.remove(span[0], span[0])
        return Applied("condescension:drop-adverb", closing=False)
    if words[:1] == ["even"]:
        subject = next((doc[i] for i in span if doc[i].dep_ in ("nsubj", "nsubjpass")), None)
        verb = subject.head if subject is not None and subject.head.pos_ == "VERB" else None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb else None
        if verb is None or obj is None:
            return None
        first, last = clause_range(verb, draft)
        used = set(span) | consumed([obj]) | {verb.i}
        used |= consumed(c for c in verb.children if c.dep_ in ("nsubj", "aux", "neg"))
        phrase = be_form(PAST, is_plural(obj), negative=True) + " " + inflect(verb.lemma_, "VBN")
        core = [*noun_phrase(draft, obj), Piece(f" {phrase}{particles(verb)}", True)]
        if not assemble(draft, first, last, used, core, ctx.data):
            return None
        override = None
        if verb.lemma_ in ("catch", "spot", "see", "find", "notice"):
            override = f"What would help us {verb.lemma_} issues like this earlier?"
        return Applied("condescension:what-was-missed", override=override)
    if words[:1] == ["any"]:
        verb = next((doc[i] for i in span if doc[i].lemma_ in ("would", "should", "could")), None)
        head = verb.head if verb is not None else None
        if head is None:
            return None
        task = next((c for c in head.children if c.dep_ == "xcomp"), None)
        if head.lemma_ == "know" and task is None:
            return None
        task = task or head
        ids = [
            t.i
            for t in task.subtree
            if t.i != task.i
            and not (t.dep_ in ("aux", "auxpass", "nsubj") and t.i < task.i)
            and not t.is_punct
            and t.i not in span
        ]
        pieces = [Piece(f"We need to {task.lemma_}{particles(task)} ", True)]
        pieces += draft.phrase(i for i in ids if doc[i].dep_ != "prt")
        pieces.append(Piece(", because [reason].", True))
        draft.whole = tidy(pieces)
        return Applied("condescension:teach-the-point")
    if any(w in ("basic", "elementary", "trivial", "101") for w in words):
        subject = next((doc[i] for i in span if doc[i].dep_ == "nsubj"), None)
        if subject is None:
            return None
        words_in_span = [i for i in span if not doc[i].is_punct]
        core = [*noun_phrase(draft, subject), Piece(" needs [change] because [reason]", True)]
        if not draft.block(subject.left_edge.i, words_in_span[-1], core):
            return None
        return Applied("condescension:teach-the-point")
    first_word = draft.first_word()
    if words[:1] in (["everyone"], ["everybody"], ["anyone"], ["anybody"]) and (
        first_word is not None and span[0] == first_word
    ):
        remaining = [i for i in draft.content() if i > span[-1] and not doc[i].is_punct]
        if len(remaining) < 3:
            return None
        draft.remove(span[0], span[-1])
        return Applied("condescension:drop-comparison")
    return None


# -- passive-aggressive --------------------------------------------------------


def shape_passive_aggressive(
    draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = lower_words(draft, span)
    content = [i for i in draft.content() if i not in draft.deleted]
    if "actually" in words and len(span) <= 3:
        draft.delete(i for i in span if doc[i].lower_ == "actually")
        return Applied("passive-aggressive:drop-scorekeeping")
    teller = next(
        (
            t
            for t in doc
            if t.lemma_ in ("tell", "remind", "ask", "say", "explain") and t.i >= span[0]
        ),
        None,
    )
    task = next((c for c in teller.children if c.dep_ == "xcomp"), None) if teller else None
    scorekeeping = any(w in ("times", "have", "should", "shouldn't") for w in words)
    if teller is not None and task is None and scorekeeping:
        return _restate_topic(draft, teller)
    if task is not None and scorekeeping:
        ids = [
            i
            for i in range(task.i, draft.n)
            if not doc[i].is_space and not (doc[i].is_punct and i == content[-1])
        ]
        ids = [i for i in ids if not (doc[i].dep_ == "aux" and doc[i].lower_ == "to")]
        draft.whole = tidy([Piece("Please ", True), *draft.phrase(ids), Piece(".", True)])
        return Applied("passive-aggressive:restate-the-ask")
    # A scorekeeping aside at the start ("Per my last email, ...") or between commas.
    head_words = [i for i in content if not doc[i].is_punct]
    if head_words and span[0] <= head_words[0] + 1:
        comma = next((i for i in content if i >= span[-1] and doc[i].text in (",", ":", "—")), None)
        if comma is not None and comma - span[0] <= 10:
            rest = [i for i in content if i > comma and not doc[i].is_punct]
            if len(rest) >= 2:
                draft.delete(range(content[0], comma + 1))
                return Applied("passive-aggressive:drop-scorekeeping")
    before = span[0] - 1
    if before >= 0 and doc[before].text == ",":
        after = next(
            (i for i in content if i > span[-1] and doc[i].text in (",", ".", "!", "?")), None
        )
        if after is not None and after - span[-1] <= 4:
            draft.remove(span[0], after - 1 if doc[after].text == "," else span[-1])
            return Applied("passive-aggressive:drop-scorekeeping")
    return None


def _restate_topic(draft: Draft, teller: Token) -> Applied | None:
    """ "I shouldn't have to explain why we write tests" → "Here's why we write tests: [...]"."""
    doc = draft.doc
    wh = next(
        (
            c
            for c in teller.children
            if c.dep_ in ("ccomp", "xcomp") and c.left_edge.tag_ in ("WRB", "WP", "WDT")
        ),
        None,
    )
    about = next(
        (c for c in teller.children if c.dep_ == "prep" and c.lower_ in ("about", "regarding")),
        None,
    )
    if wh is not None:
        ids = [t.i for t in wh.subtree if not t.is_punct]
        gap = "[the reason, in one sentence]" if wh.left_edge.lower_ == "why" else "[the point]"
        pieces = [Piece("Here's ", True), *draft.phrase(ids), Piece(f": {gap}.", True)]
    elif about is not None:
        ids = [t.i for t in about.subtree if t.i != about.i and not t.is_punct]
        if not ids:
            return None
        pieces = [Piece("About ", True), *draft.phrase(ids), Piece(": [the point].", True)]
    else:
        return None
    if any(doc[i].is_alpha for i in ids):
        draft.whole = tidy(pieces)
        return Applied("passive-aggressive:restate-the-point")
    return None


# -- shaming -------------------------------------------------------------------


def shape_shaming(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = lower_words(draft, span)
    if len(span) == 1 and words[0].startswith("@"):
        others = [f for f in ctx.findings if f is not finding and f.category != "shaming"]
        if others:
            draft.remove(span[0], span[0])
            return Applied("shaming:drop-mention", closing=False)
    if "example" in words:
        of = next((doc[i] for i in span if doc[i].lower_ == "of"), None)
        target = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if target is None:
            target = next((t for t in doc if t.i > span[-1] and is_person(t)), None)
        if target is not None and is_second_person(target):
            draft.whole = pieces_of("Let's talk one-to-one about [incident].")
            return Applied("shaming:one-to-one")
        if target is not None and (is_person(target) or target.pos_ == "PROPN"):
            name = target.text
            draft.whole = pieces_of(
                f"I'd like to talk with {name} one-to-one about [incident], and we'll share "
                "what we learn with the team, without names."
            )
            return Applied("shaming:one-to-one", closing=False)
        return None
    if finding.name in ctx.data.rule_templates:
        return None
    named = [
        t
        for t in doc
        if t.pos_ == "PROPN"
        and is_person(t)
        and t.i not in span
        and not t.lower_.startswith("@")
        and t.ent_type_ in ("PERSON", "")
    ]
    ask = "Can we talk about this one-to-one?"
    if named:
        ask = f"{named[0].text}, can we talk about this one-to-one?"
    pieces = [Piece(ask, True)]
    because = next(
        (
            t
            for t in doc
            if t.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "because" for c in t.children)
        ),
        None,
    )
    if because is not None:
        ids = [t.i for t in because.subtree if not (t.dep_ == "mark" and t.lower_ == "because")]
        ids = [i for i in ids if not doc[i].is_punct and not doc[i].is_space]
        reason = tidy(draft.phrase(ids))
        if reason:
            pieces += [Piece(" "), *reason]
    draft.whole = pieces
    return Applied("shaming:one-to-one")


# -- threat --------------------------------------------------------------------


def shape_threat(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = lower_words(draft, span)
    if words[:2] != ["or", "else"]:
        return None
    content = [i for i in draft.content() if i not in draft.deleted]
    end = content[-1]
    last = end - 1 if doc[end].is_punct else end
    draft.remove(span[0], max(last, span[-1]))
    kept = [i for i in content if i < span[0] and not doc[i].is_punct]
    if len(kept) < 2:
        return None
    first = kept[0]
    root = doc[first]
    imperative = (
        root.pos_ == "VERB"
        and root.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
    )
    if imperative and root.lower_ != "please":
        draft.edit(first, "Please " + root.text.lower())
    return Applied("threat:expectation-and-support")
