"""Blame: the outcome, not the person, becomes the subject ("you broke the build"
→ "the build broke")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import governing_predicate
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
    person_subject,
    predicate_range,
    rest_of,
)
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import (
    NOMINATIVE,
    PAST,
    be_form,
    finite,
    inflect,
    is_plural,
    tense_of,
)
from restorelint.suggest.pieces import Piece, pieces_of

if TYPE_CHECKING:
    from spacy.tokens import Token


def shape_blame(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    words = lower_words(draft, tokens)
    if "because" in words:
        draft.remove(min(tokens), max(tokens))
        return Applied("blame:drop-cause")
    for i in tokens:
        token = doc[i]
        if token.lemma_ in ("fault", "doing") and token.pos_ in ("NOUN", "VERB"):
            return _blame_fault(draft, token, ctx)
        if token.lemma_ == "blame" and token.pos_ == "VERB":
            return _blame_for(draft, token, ctx)
        if token.lower_ in ("ball", "down", "wheel"):
            return _dropped_ball(draft, token, ctx)
    verbs = [doc[i] for i in tokens if doc[i].pos_ == "VERB"]
    if verbs:
        return _blame_failure(draft, verbs[0], ctx)
    return None


def _blame_failure(draft: Draft, verb: Token, ctx: Ctx) -> Applied | None:
    person = person_subject(verb)
    if person is None:
        return None
    req = draft.take_request(verb)
    tense = PAST if req.past else tense_of(verb)
    first, last = clause_range(verb, draft)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    used = consumed([person]) | {verb.i} | {a.i for a in auxes}
    used |= {c.i for c in verb.children if c.dep_ == "prt"}
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if verb.lemma_ == "fail" and xcomp is not None:
        obj = next((c for c in xcomp.children if c.dep_ in ("dobj", "nsubjpass")), None)
        used |= {xcomp.i} | {c.i for c in xcomp.children if c.dep_ in ("aux", "prt", "neg")}
        if obj is not None:
            used |= consumed([obj])
            verb_phrase = be_form(tense, is_plural(obj), negative=True)
            core = [
                *noun_phrase(draft, obj),
                Piece(f" {verb_phrase} {inflect(xcomp.lemma_, 'VBN')}{particles(xcomp)}", True),
            ]
        else:
            core = [
                *draft.phrase(t.i for t in person.subtree),
                Piece(f" {finite(xcomp.lemma_, tense, is_plural(person), True)}", True),
                Piece(particles(xcomp), True),
            ]
    else:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        used |= consumed([obj])
        plural = is_plural(obj)
        if verb.lemma_ in ctx.data.ergative:
            phrase = finite(verb.lemma_, tense, plural) + particles(verb)
        else:
            phrase = finite("go", tense, plural) + " wrong"
        core = [*noun_phrase(draft, obj), Piece(" " + phrase, True)]
    if req.suffix:
        core.append(Piece(" " + req.suffix, True))
    if not assemble(draft, first, last, used, core, ctx.data):
        return None
    _give_back_subject(draft, verb, person)
    return Applied("blame:outcome-as-subject")


def _give_back_subject(draft: Draft, verb: Token, person: Token) -> None:
    """ "Marco broke the build and logged off": the second verb keeps its subject."""
    for conj in verb.conjuncts:
        if conj.i < verb.i or conj.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        before = conj.left_edge.i - 1
        if before >= 0 and not draft.in_block(before):
            name = person.text if person.pos_ == "PROPN" else person.lower_
            draft.insert_after(before, " " + name)


def _blame_fault(draft: Draft, fault: Token, ctx: Ctx) -> Applied | None:
    copula = governing_predicate(fault)
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "expl")), None)
    if subject is None or is_person(subject) or is_second_person(subject) or subject.i > fault.i:
        return None
    fact = next(
        (c for c in [*copula.children, *fault.children] if c.dep_ in ("ccomp", "advcl", "relcl")),
        None,
    )
    if subject.lower_ == "it" and fact is not None and fact.i > fault.i:
        # "It's your fault the export is late" → "The export is late."
        ids = [t.i for t in fact.subtree if not (t.dep_ == "mark" and t.lower_ == "that")]
        words = [i for i in ids if not draft.doc[i].is_punct]
        if len(words) >= 2:
            first, last = predicate_range(copula, draft)
            if draft.block(first, last, draft.phrase(words)):
                return Applied("blame:outcome-as-subject")
        return None
    first, last = clause_range(copula, draft)
    used = consumed([subject, fault]) | {copula.i}
    used |= {c.i for c in copula.children if c.dep_ in ("neg", "advmod") and c.i < fault.i}
    core = [*noun_phrase(draft, subject), Piece(" caused [impact]", True)]
    if not assemble(draft, first, last, used, core, ctx.data):
        return None
    return Applied("blame:outcome-and-impact")


def _blame_for(draft: Draft, verb: Token, ctx: Ctx) -> Applied | None:
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
    if target is None:
        return None
    first, last = clause_range(verb, draft)
    used = {verb.i, prep.i} | consumed([target])  # type: ignore[union-attr]
    used |= consumed(c for c in verb.children if c.dep_ in ("nsubj", "dobj", "aux", "neg"))
    if target.pos_ == "VERB":
        core = [
            Piece(inflect(target.lemma_, "VBG"), True),
            *draft.phrase(t.i for t in target.subtree if t.i != target.i),
            Piece(" caused [impact]", True),
        ]
    else:
        core = [*noun_phrase(draft, target), Piece(" caused [impact]", True)]
    if not assemble(draft, first, last, used, core, ctx.data):
        return None
    return Applied("blame:outcome-and-impact")


def _dropped_ball(draft: Draft, marker: Token, ctx: Ctx) -> Applied | None:
    verb = governing_predicate(marker)
    person = person_subject(verb)
    if person is None:
        return None
    tense = tense_of(verb)
    first, last = clause_range(verb, draft)
    used = consumed([person]) | {verb.i}
    used |= {c.i for c in verb.children if c.dep_ in ("aux", "neg", "prt")}
    if verb.lemma_ == "drop":
        ball = next((c for c in verb.children if c.dep_ == "dobj"), None)
        holders = [verb, *([ball] if ball is not None else [])]
        prep = next(
            (
                c
                for h in holders
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in ("on", "with", "in")
            ),
            None,
        )
        target = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if ball is None or prep is None or target is None:
            return None
        used |= consumed([ball, prep])
        phrase = finite("go", tense, is_plural(target), negative=True) + " as planned"
        core = [*noun_phrase(draft, target), Piece(" " + phrase, True)]
        if not assemble(draft, first, last, used, core, ctx.data):
            return None
        return Applied("blame:outcome-as-subject")
    if verb.lemma_ == "let":
        affected = next(
            (c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i), None
        )
        down = next((c for c in verb.children if c.lower_ == "down"), None)
        if affected is None and down is not None:
            # "let [the team] down" parsed as a small clause with "down" at its head
            affected = next((c for c in down.children if c.dep_ == "nsubj"), None)
        if affected is None:
            return None
        used |= consumed([affected]) | ({down.i} if down is not None else set())
        words = [t.i for t in verb.subtree if not t.is_punct and not t.is_space]
        first, last = min(first, words[0]), max(last, words[-1])
        rest = rest_of(draft, first, last, used, ctx.data)
        trail = [i for i in rest if i > verb.i]
        lead = [i for i in rest if i < person.i]
        phrase = finite("go", tense, False, negative=True) + " as planned"
        pieces: list[Piece] = []
        if lead:
            pieces += [*draft.phrase(lead), Piece(" ")]
        pieces.append(Piece(f"[specific commitment] {phrase}", True))
        if trail:
            pieces += [Piece(" "), *draft.phrase(trail)]
        affected_np = (
            pieces_of(NOMINATIVE.get(affected.lower_, affected.lower_))
            if affected.pos_ == "PRON"
            else draft.phrase(t.i for t in affected.subtree)
        )
        if affected.lower_ in NOMINATIVE or affected.pos_ == "PRON":
            affected_np = pieces_of(affected.lower_ if affected.lower_ != "i" else "me")
        pieces += [Piece(", which affected ", True), *affected_np]
        if not draft.block(first, last, pieces):
            return None
        return Applied("blame:commitment-and-impact")
    return None
