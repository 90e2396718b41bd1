"""Harsh tone: a verdict becomes the gap to a standard, a rhetorical question a
real one, shouting sentence case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import governing_predicate
from restorelint.records import Finding
from restorelint.suggest.common import (
    Applied,
    Ctx,
    assemble,
    lower_words,
    noun_phrase,
    particles,
    predicate_range,
)
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import PRESENT, article_for, finite, inflect, is_plural, tense_of
from restorelint.suggest.pieces import Piece, pieces_of, tidy

if TYPE_CHECKING:
    from spacy.tokens import Token

_RHETORICAL_CUES = ("kidding", "serious", "joking", "insane", "crazy", "blind", "drunk")


def shape_harsh(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    words = lower_words(draft, tokens)
    span = sorted(tokens)
    if words and all(not doc[i].is_alpha for i in span):
        return _stacked_punctuation(draft, span)
    if _is_shouted(draft, span):
        for i in span:
            if doc[i].is_alpha and doc[i].text not in ctx.data.acronyms:
                draft.edit(i, doc[i].text.lower())
        return Applied("harsh:sentence-case", closing=False)
    if "thinking" in words and "what" in words and "you" in words:
        draft.block(span[0], span[-1], pieces_of("Can you walk me through your thinking"))
        _end_with_question(draft)
        return Applied("harsh:real-question", override="I'd like to understand what you saw.")
    if words[:1] in (["are"], ["were"]) and any(w in _RHETORICAL_CUES for w in words):
        others = [
            i
            for i in draft.content()
            if i not in span and not doc[i].is_punct and doc[i].lower_ not in ("me", "right")
        ]
        if not others:
            draft.whole = pieces_of("Can we look at this together?")
            return Applied("harsh:real-question", closing=False)
        return None
    if words[:1] in (["why"], ["how"]) and "you" in words:
        return _why_would_you(draft, span, ctx)
    if words == ["seriously", "?"] or words[:1] == ["seriously"]:
        others = [i for i in draft.content() if i not in span and not doc[i].is_punct]
        if not others:
            draft.whole = []
            return Applied("harsh:drop", closing=False)
        draft.remove(span[0], span[-1])
        return Applied("harsh:drop", closing=False)
    verdict = next(
        (doc[i] for i in span if doc[i].pos_ in ("ADJ", "NOUN") and doc[i].is_alpha), None
    )
    if verdict is None:
        return None
    if verdict.dep_ == "conj" and verdict.head.dep_ in ("acomp", "attr", "oprd", "amod"):
        verdict = verdict.head  # "unprofessional and embarrassing": rewrite the pair
    if verdict.dep_ == "amod":
        return _drop_modifier(draft, verdict)
    if verdict.dep_ in ("acomp", "attr", "oprd"):
        return verdict_to_standard(draft, verdict, ctx)
    return None


def _is_shouted(draft: Draft, span: list[int]) -> bool:
    letters = [draft.doc[i].text for i in span if draft.doc[i].is_alpha]
    return len(letters) >= 2 and all(w.isupper() for w in letters)


def _stacked_punctuation(draft: Draft, span: list[int]) -> Applied:
    marks = "".join(draft.doc[i].text for i in span)
    draft.edit(span[0], "?" if "?" in marks else ".")
    draft.delete(span[1:])
    return Applied("harsh:one-mark", closing=False)


def _end_with_question(draft: Draft) -> None:
    content = [i for i in draft.content() if i not in draft.deleted]
    if content and draft.doc[content[-1]].text in (".", "!") and not draft.in_block(content[-1]):
        draft.edit(content[-1], "?")


def _why_would_you(draft: Draft, span: list[int], ctx: Ctx) -> Applied | None:
    doc = draft.doc
    you = next((doc[i] for i in span if doc[i].lower_ == "you"), None)
    if you is None or you.dep_ != "nsubj" or you.head.pos_ != "VERB":
        return None
    verb = you.head
    skip = {"why", "how", "ever", "even", "possibly", "earth"}
    negative = any(c.dep_ == "neg" for c in verb.children)
    tail = [t.i for t in verb.subtree if t.i > verb.i and not t.is_punct and t.i not in span]
    tail = [
        i
        for i in tail
        if doc[i].lower_ not in skip
        and not (doc[i].lower_ == "on" and i + 1 < draft.n and doc[i + 1].lower_ == "earth")
    ]
    phrase = ("not " if negative else "") + inflect(verb.lemma_, "VBG") + particles(verb)
    tail = [i for i in tail if doc[i].dep_ != "prt"]
    pieces = [Piece(f"What led to {phrase}", True)]
    if tail:
        pieces += [Piece(" "), *draft.phrase(tail)]
    pieces.append(Piece("?", True))
    draft.whole = tidy(pieces)
    return Applied("harsh:real-question", override="I'd like to understand the constraints.")


def _drop_modifier(draft: Draft, adjective: Token) -> Applied:
    doc = draft.doc
    gone = {adjective.i} | {c.i for c in adjective.children if c.dep_ in ("advmod", "punct")}
    draft.delete(gone)
    det = next((c for c in adjective.head.children if c.dep_ == "det" and c.i < adjective.i), None)
    if det is not None and det.lower_ in ("a", "an"):
        following = next(
            (
                doc[i]
                for i in range(det.i + 1, draft.n)
                if i not in draft.deleted and doc[i].is_alpha
            ),
            None,
        )
        if following is not None:
            article = article_for(following.text)
            draft.edit(det.i, article.capitalize() if det.text[0].isupper() else article)
    return Applied("harsh:drop-verdict")


def verdict_to_standard(draft: Draft, verdict: Token, ctx: Ctx) -> Applied | None:
    copula = governing_predicate(verdict)
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None or is_person(subject) or is_second_person(subject):
        return None
    tense = tense_of(copula) if copula.lemma_ in ("be", "have") else PRESENT
    first, last = predicate_range(copula, draft)
    kept: set[int] = set()  # what the verdict does not cover: "since you joined", "and must stop"
    for child in copula.children:
        if child.i > verdict.i and (
            child.dep_ in ("advcl", "prep", "npadvmod")
            or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"))
        ):
            kept.update(t.i for t in child.subtree)
            kept.update(c.i for c in copula.children if c.dep_ == "cc" and c.i < child.i)
    used = {i for i in range(subject.left_edge.i, last + 1) if i not in kept}
    if any(draft.doc[i].is_alpha for i in kept) and not kept & {last}:
        used = {i for i in used if i <= max(verdict.subtree, key=lambda t: t.i).i}
    used |= {c.i for c in copula.children if c.dep_ in ("neg", "advmod") and c.i < verdict.i}
    event = subject.dep_ == "csubj" or subject.pos_ == "VERB" or subject.tag_ == "VBG"
    if event:
        core = [*noun_phrase(draft, subject), Piece(" meant [impact]", True)]
    else:
        phrase = finite("meet", tense, is_plural(subject), negative=True)
        core = [*noun_phrase(draft, subject), Piece(f" {phrase} {ctx.data.standard}", True)]
    if not assemble(draft, first, last, used, core, ctx.data):
        return None
    return Applied("harsh:gap-to-standard")
