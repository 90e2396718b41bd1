"""outcome-as-subject: the outcome, not the person, becomes the subject ("you broke
the build" → "the build broke"; "it's your fault the export is late" → "the export
is late"; "you dropped the ball on the handoff" → "the handoff didn't go as
planned"). The verbs and nouns it reads are the shape's params."""

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
    noun_phrase,
    particles,
    person_subject,
    predicate_range,
)
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import PAST, be_form, finite, inflect, is_plural, tense_of
from restorelint.suggest.pieces import Piece
from restorelint.suggest.shapes.params import Params

if TYPE_CHECKING:
    from spacy.tokens import Token


def outcome_as_subject(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    if any(doc[i].lower_ in params.words("cause_words") for i in tokens):
        return None  # "because of you": no outcome in the words; the next shape decides
    for i in tokens:
        token = doc[i]
        if token.lemma_ in params.words("fault_nouns") and token.pos_ in ("NOUN", "VERB"):
            return _fault(draft, token, ctx)
        if token.lemma_ in params.words("drop_verbs") | params.words("let_verbs"):
            return _commitment(draft, token, params, ctx)
    verbs = [doc[i] for i in tokens if doc[i].pos_ == "VERB"]
    if verbs and verbs[0].lemma_ not in params.words("cause_verbs"):
        return _failure(draft, verbs[0], params, ctx)
    return None


def _failure(draft: Draft, verb: Token, params: Params, ctx: Ctx) -> Applied | None:
    data = ctx.data
    person = person_subject(verb)
    if person is None:
        return None
    req = draft.take_request(verb)
    tense = PAST if req.past else tense_of(verb, data)
    first, last = clause_range(verb, draft)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    used = consumed([person]) | {verb.i} | {a.i for a in auxes}
    used |= {c.i for c in verb.children if c.dep_ == "prt"}
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if xcomp is not None and verb.lemma_ not in params.words("negating_verbs"):
        return None  # "keeps breaking", "tends to forget": not a failure to do something
    if xcomp is not None:
        # "you failed to update the docs" → "the docs weren't updated"
        obj = next((c for c in xcomp.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None:
            return None
        used |= {xcomp.i} | {c.i for c in xcomp.children if c.dep_ in ("aux", "prt", "neg")}
        used |= consumed([obj])
        phrase = be_form(tense, is_plural(obj, data), data, negative=True)
        core = [
            *noun_phrase(draft, obj, data),
            Piece(f" {phrase} {inflect(xcomp.lemma_, 'VBN')}{particles(xcomp)}", True),
        ]
    else:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or is_person(obj) or is_second_person(obj):
            return None
        used |= consumed([obj])
        plural = is_plural(obj, data)
        noun = _misread_noun(obj)
        if noun is not None:
            used |= {noun.i}  # "the staging deploy": the parser read a verb
        if verb.lemma_ in params.words("ergative"):
            phrase = finite(verb.lemma_, tense, plural, data) + particles(verb)
        else:
            phrase = f"{finite(params.text('went'), tense, plural, data)} {params.text('wrong')}"
        subject = noun_phrase(draft, obj, data)
        if noun is not None:
            subject = draft.phrase([*(t.i for t in obj.subtree), noun.i])
        core = [*subject, Piece(" " + phrase, True)]
    if req.suffix:
        core.append(Piece(" " + req.suffix, True))
    if not assemble(draft, first, last, used, core, data):
        return None
    _give_back_subject(draft, verb, person, ctx)
    return Applied("outcome-as-subject")


def _misread_noun(obj: Token) -> Token | None:
    """ "you broke the staging deploy": the word after the object, read as a bare
    verb hanging on the clause, is the head of the object's noun phrase."""
    last = max(t.i for t in obj.subtree)
    if last + 1 >= len(obj.doc):
        return None
    nxt = obj.doc[last + 1]
    if (
        nxt.tag_ in ("VB", "VBP")
        and nxt.dep_ in ("advcl", "dep", "conj", "xcomp")
        and not any(c.dep_ in ("nsubj", "aux", "dobj", "mark") for c in nxt.children)
    ):
        return nxt
    return None


def _give_back_subject(draft: Draft, verb: Token, person: Token, ctx: Ctx) -> None:
    """ "Marco broke the build and logged off": the second verb keeps its subject."""
    for conj in verb.conjuncts:
        if conj.i < verb.i or conj.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        before = conj.left_edge.i - 1
        if before >= 0 and not draft.in_block(before):
            name = draft.words[person.i] if person.pos_ == "PROPN" else person.lower_
            draft.insert_after(before, " " + name)


def _fault(draft: Draft, fault: Token, ctx: Ctx) -> Applied | None:
    """ "It's your fault the export is late" → "The export is late"; "This outage is
    your fault" → the outcome stays, the verdict goes."""
    copula = governing_predicate(fault)
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "expl")), None)
    if subject is None or is_person(subject) or is_second_person(subject) or subject.i > fault.i:
        return None
    fact = next(
        (c for c in [*copula.children, *fault.children] if c.dep_ in ("ccomp", "advcl", "relcl")),
        None,
    )
    if fact is not None and fact.i > fault.i and subject.pos_ == "PRON":
        ids = [t.i for t in fact.subtree if not (t.dep_ == "mark" and t.i == fact.left_edge.i)]
        words = [i for i in ids if not draft.doc[i].is_punct]
        if len(words) >= 2:
            first, last = predicate_range(copula, draft)
            if draft.block(first, last, draft.phrase(words)):
                return Applied("outcome-as-subject")
    return None


def _commitment(draft: Draft, marker: Token, params: Params, ctx: Ctx) -> Applied | None:
    """ "You dropped the ball on the handoff" → "The handoff didn't go as planned"."""
    data = ctx.data
    verb = governing_predicate(marker)
    person = person_subject(verb)
    if person is None or verb.lemma_ not in params.words("drop_verbs"):
        return None
    tense = tense_of(verb, data)
    first, last = clause_range(verb, draft)
    used = consumed([person]) | {verb.i}
    used |= {c.i for c in verb.children if c.dep_ in ("aux", "neg", "prt")}
    ball = next((c for c in verb.children if c.dep_ == "dobj"), None)
    holders = [verb, *([ball] if ball is not None else [])]
    prep = next(
        (
            c
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in params.words("drop_preps")
        ),
        None,
    )
    target = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if ball is None or prep is None or target is None:
        return None
    used |= consumed([ball, prep])
    planned = params.text("planned")
    phrase = finite(params.text("went"), tense, is_plural(target, data), data, True)
    core = [*noun_phrase(draft, target, data), Piece(f" {phrase} {planned}", True)]
    if not assemble(draft, first, last, used, core, data):
        return None
    return Applied("outcome-as-subject")
