"""Shapes that keep the standard and drop the punishment: a verdict on the work
becomes the gap to a standard; a threat's condition becomes the expectation;
"I shouldn't have to tell you to X" becomes the request to X."""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import governing_predicate
from restorelint.records import Finding
from restorelint.suggest.common import Applied, Ctx, assemble, noun_phrase, predicate_range
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import PRESENT, finite, is_plural, takes_base_form, tense_of
from restorelint.suggest.pieces import Piece, pieces_of, tidy
from restorelint.suggest.shapes.params import Params

if TYPE_CHECKING:
    from spacy.tokens import Token


def gap_to_standard(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    """ "Your test coverage is pathetic" → "Your test coverage doesn't meet [the
    standard we agreed on]"."""
    data = ctx.data
    doc = draft.doc
    verdict = next(
        (doc[i] for i in tokens if doc[i].pos_ in ("ADJ", "NOUN") and doc[i].is_alpha), None
    )
    if verdict is None:
        return None
    if verdict.dep_ == "conj" and verdict.head.dep_ in ("acomp", "attr", "oprd"):
        verdict = verdict.head  # "unprofessional and embarrassing": the pair goes
    if verdict.dep_ not in ("acomp", "attr", "oprd"):
        return None
    copula = governing_predicate(verdict)
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None or is_person(subject) or is_second_person(subject):
        return None
    if subject.pos_ == "PRON" and subject.tag_ != "DT":
        return None  # "it is unacceptable": nothing to name; the next shape decides
    tense = (
        tense_of(copula, data) if copula.lemma_ in (data.grammar.be, data.grammar.have) else PRESENT
    )
    first, last = predicate_range(copula, draft)
    kept: set[int] = set()  # what the verdict does not cover: "since you joined"
    for child in copula.children:
        if child.i > verdict.i and (
            child.dep_ in ("advcl", "prep", "npadvmod")
            or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"))
        ):
            kept.update(t.i for t in child.subtree)
            kept.update(c.i for c in copula.children if c.dep_ == "cc" and c.i < child.i)
    used = {i for i in range(subject.left_edge.i, last + 1) if i not in kept}
    used |= {c.i for c in copula.children if c.dep_ in ("neg", "advmod") and c.i < verdict.i}
    if subject.dep_ == "csubj" or subject.pos_ == "VERB" or subject.tag_ == "VBG":
        core = [*noun_phrase(draft, subject, data), Piece(" " + params.text("event"), True)]
    else:
        phrase = finite(params.text("meet"), tense, is_plural(subject, data), data, negative=True)
        core = [
            *noun_phrase(draft, subject, data),
            Piece(f" {phrase} {params.text('standard')}", True),
        ]
    if not assemble(draft, first, last, used, core, data):
        return None
    return Applied("gap-to-standard")


def expectation_and_support(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    """ "You will be replaced if the migration isn't done by Q3" → "It's important
    that the migration is done by Q3"; "Get the report in on time, or else" → "Get
    the report in on time"."""
    doc = draft.doc
    or_else = params.words("or_else")
    span = sorted(tokens)
    if len(span) >= 2 and all(doc[i].lower_ in or_else for i in span[:2]):
        return _or_else(draft, span)
    demand = _demand_or_consequence(draft, set(span), or_else)
    if demand is not None:
        return demand
    marks = params.words("conditions")
    condition = next(
        (
            t
            for t in doc
            if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in t.children)
        ),
        None,
    )
    if condition is None:
        return None
    flipped = _flip(draft, condition, ctx)
    if flipped is None:
        return None
    frame = params.text("expectation")
    before, _, after = frame.partition("{condition}")
    draft.whole = tidy([Piece(before, True), *flipped, Piece(after, True)])
    # the consequence is the threat: none of its words need survive
    kept = {t.i for t in condition.subtree}
    return Applied(
        "expectation-and-support",
        dropped=frozenset(t.i for t in doc if t.i not in kept and t.i not in span),
    )


def _demand_or_consequence(
    draft: Draft, span: set[int], or_words: frozenset[str]
) -> Applied | None:
    """ "Fix the report this week or I'll find someone who can" → "Fix the report
    this week.": an order followed by "or" and the consequence keeps the order."""
    doc = draft.doc
    roots = [t for t in doc if t.head.i == t.i]
    if len(roots) != 1:
        return None
    root = roots[0]
    imperative = root.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children
    )
    if not imperative:
        return None
    for child in root.children:
        if child.dep_ != "conj" or not ({t.i for t in child.subtree} & span):
            continue
        cc = [c for c in root.children if c.dep_ == "cc" and c.i < child.i and c.lower_ in or_words]
        if not cc:
            return None
        cut = min(c.i for c in cc)
        ids = [
            t.i
            for t in doc
            if t.i < cut and not draft.blank(t.i) and not (t.is_punct and t.i == cut - 1)
        ]
        if len([i for i in ids if not doc[i].is_punct]) < 2:
            return None
        draft.whole = tidy(draft.phrase(ids))
        gone = frozenset(t.i for t in doc if t.i >= cut and t.i not in span)
        return Applied("expectation-and-support", dropped=gone)
    return None


def _or_else(draft: Draft, span: list[int]) -> Applied | None:
    content = [i for i in draft.content() if i not in draft.deleted]
    kept = [i for i in content if i < span[0] and not draft.doc[i].is_punct]
    if len(kept) < 2:
        return None
    draft.remove(span[0], content[-1] - 1 if draft.doc[content[-1]].is_punct else content[-1])
    return Applied("expectation-and-support")


def _flip(draft: Draft, predicate: Token, ctx: Ctx) -> list[Piece] | None:
    """The condition's clause with its polarity turned: "the numbers slip again" →
    "the numbers don't slip again"; "the migration isn't done" → "the migration is
    done"."""
    data = ctx.data
    ids = [
        t.i
        for t in predicate.subtree
        if not (t.dep_ == "mark" and t.head.i == predicate.i) and not t.is_punct
    ]
    negation = [c for c in predicate.children if c.dep_ == "neg"]
    subject = next((c for c in predicate.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or is_person(subject) or is_second_person(subject):
        return None
    if negation:
        gone = {n.i for n in negation}
        aux = [c for c in predicate.children if c.dep_ in ("aux", "auxpass") and c.i < predicate.i]
        support = [a for a in aux if a.lemma_ == data.grammar.do]
        gone |= {a.i for a in support}
        if support and predicate.tag_ == "VB":
            draft.edit(
                predicate.i,
                finite(
                    predicate.lemma_,
                    tense_of(predicate, data),
                    takes_base_form(subject, predicate.lemma_, data),
                    data,
                ),
            )
        return draft.phrase(i for i in ids if i not in gone)
    auxes = [c for c in predicate.children if c.dep_ in ("aux", "auxpass") and c.i < predicate.i]
    if auxes:
        draft.insert_after(auxes[0].i, " not")
        return draft.phrase(ids)
    if predicate.lemma_ == data.grammar.be:
        draft.insert_after(predicate.i, " not")
        return draft.phrase(ids)
    plural = takes_base_form(subject, predicate.lemma_, data)
    phrase = finite(predicate.lemma_, tense_of(predicate, data), plural, data, negative=True)
    draft.edit(predicate.i, phrase)
    return draft.phrase(ids)


def restate_the_ask(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    """ "I shouldn't have to remind you to run the linter" → "Please run the linter."."""
    doc = draft.doc
    span = sorted(tokens)
    teller = next((t for t in doc if t.lemma_ in params.words("tellers") and t.i >= span[0]), None)
    task = next((c for c in teller.children if c.dep_ == "xcomp"), None) if teller else None
    if task is None:
        return None
    ids = [
        t.i
        for t in task.subtree
        if not t.is_punct and not (t.dep_ == "aux" and t.lower_ in ctx.data.grammar.infinitive)
    ]
    if len(ids) < 2:
        return None
    draft.whole = tidy(
        [*pieces_of(params.text("please") + " "), *draft.phrase(ids), Piece(".", True)]
    )
    return Applied("restate-the-ask", closing=False)
