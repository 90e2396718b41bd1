"""Judgment and biased traits: the label becomes a behaviour and its impact.
Absolutes: "always"/"never" become specific occasions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from restorelint.catalog.load import words as word_set
from restorelint.catalog.rewrite import RewriteData
from restorelint.parse.people import is_person
from restorelint.parse.syntax import governing_predicate
from restorelint.records import Finding
from restorelint.suggest.common import Applied, Ctx, clause_range, person_subject, predicate_range
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import PAST, be_form, inflect, is_plural
from restorelint.suggest.pieces import Piece
from restorelint.suggest.shape_harsh import verdict_to_standard

if TYPE_CHECKING:
    from spacy.tokens import Token


def shape_judgment(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    content = [i for i in draft.content() if i not in draft.deleted]
    span = sorted(tokens)
    # A vocative insult ("You idiot, the hotfix went out"): drop it, keep the rest.
    if content and span[0] == content[0] and span[-1] + 1 < draft.n:
        nxt = doc[span[-1] + 1]
        remaining = [i for i in content if i > span[-1] + 1 and not doc[i].is_punct]
        if nxt.text in (",", ":", "—", "–", "!") and len(remaining) >= 3:
            draft.remove(span[0], span[-1])
            return Applied("judgment:drop-label")
    if content and span[-1] == max(i for i in content if not doc[i].is_punct):
        prev = span[0] - 1
        if prev >= 0 and doc[prev].text == ",":
            draft.remove(span[0], span[-1])
            return Applied("judgment:drop-label")
    trait = next((doc[i] for i in span if doc[i].pos_ in ("ADJ", "NOUN", "PROPN")), None)
    if trait is None:
        return None
    copula = governing_predicate(trait)
    person = person_subject(copula, names=True)
    if person is None:
        label = trait.head if trait.dep_ in ("conj", "amod") else trait
        if label.dep_ in ("acomp", "attr", "oprd"):
            return verdict_to_standard(draft, label, ctx)  # "your work is sloppy"
        return None
    situation = _situation(draft, [trait, *trait.conjuncts, trait.head, copula], ctx.data)
    first, last = predicate_range(copula, draft)
    slot = situation or "[specific situation]"
    core = [Piece(f"In {slot}, [specific behaviour] led to [impact]", True)]
    rest_lead = [
        i
        for i in range(first, person.i)
        if not doc[i].is_space and doc[i].lower_ not in ctx.data.fillers and doc[i].dep_ != "punct"
    ]
    pieces = core
    if rest_lead and all(doc[i].ent_type_ in ("DATE", "TIME") for i in rest_lead):
        pieces = [
            *draft.phrase(rest_lead),
            Piece(", ", True),
            Piece(core[0].text[0].lower() + core[0].text[1:], True),
        ]
    if not draft.block(first, last, pieces):
        return None
    override = None
    if person.pos_ == "PROPN" and person.is_title:
        override = f"What would help {person.text} next time?"
    return Applied("judgment:behaviour-and-impact", override=override)


def _situation(draft: Draft, anchors: Sequence[Token], data: RewriteData) -> str | None:
    seen: set[int] = set()
    for anchor in anchors:
        if anchor.i in seen:
            continue
        seen.add(anchor.i)
        for child in anchor.children:
            if child.dep_ != "prep" or child.lower_ not in data.situation_preps:
                continue
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            sub = list(obj.subtree)
            text = "".join(t.text_with_ws for t in sub).strip()
            latin = obj.lemma_.endswith(("um", "on")) and obj.lower_.endswith("a")
            if (
                obj.tag_ == "NNS"
                and not latin
                and all(t.dep_ in ("compound", "amod") for t in sub if t.i != obj.i)
            ):
                singular = " ".join([*(t.text for t in sub if t.i != obj.i), obj.lemma_])
                return f"[a specific {singular}]"
            return f"[a specific example {child.lower_} {text}]"
    return None


# -- absolute ------------------------------------------------------------------


def shape_absolute(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    rule = ctx.rules.get(finding.rule)
    absolutes = word_set(rule.suggest_params.get("adverbs") if rule else None)
    adverbs = [doc[i] for i in tokens if doc[i].lower_ in absolutes]
    if not adverbs:
        return None
    if any(governing_predicate(a).pos_ not in ("VERB", "AUX") for a in adverbs):
        return None  # "Careless as always": no verb to make specific; the template fits
    for adverb in adverbs:
        predicate = governing_predicate(adverb)
        req = draft.request(predicate)
        req.past = True
        if adverb.lower_ == "never":
            req.negate = True
            req.suffix = ctx.data.occasions
        else:
            req.suffix = ctx.data.frequency
        draft.delete([adverb.i])
    return Applied("absolute:specific-occasions")


def apply_requests(draft: Draft, data: RewriteData) -> None:
    """Phase 3: clauses an absolute asked to become specific, if no shape rebuilt them."""
    doc = draft.doc
    for index, req in draft.requests.items():
        if req.consumed or draft.in_block(index):
            continue
        pred = doc[index]
        subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        plural = is_plural(subject) if subject is not None else False
        auxes = [
            c
            for c in pred.children
            if c.dep_ in ("aux", "auxpass") and c.i < pred.i and c.lower_ != "to"
        ]
        target = auxes[0] if auxes else pred
        if target.lemma_ == "be":
            draft.edit(target.i, be_form(PAST, plural, req.negate))
        elif target.lemma_ == "have" and target is not pred:
            if req.negate:
                draft.edit(target.i, target.text + "n't")
        elif target.lemma_ == "do" and target is not pred:
            draft.edit(target.i, "didn't" if req.negate else "did")
        elif target.pos_ == "AUX" and target is not pred:
            pass  # modals: a hypothetical, left as it is
        elif req.negate:
            draft.edit(pred.i, f"didn't {pred.lemma_}")
        elif pred.tag_ != "VBD":
            draft.edit(pred.i, inflect(pred.lemma_, "VBD"))
        end_pred = pred
        for conj in pred.conjuncts:  # "you always overcommit and underdeliver"
            shares = not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
            if conj.i > pred.i and conj.pos_ == "VERB" and shares and not draft.in_block(conj.i):
                if not req.negate and conj.tag_ in ("VBP", "VBZ", "VB"):
                    draft.edit(conj.i, inflect(conj.lemma_, "VBD"))
                end_pred = conj
        if req.suffix:
            first, last = clause_range(end_pred, draft)
            draft.insert_after(_before_vocative(draft, first, last), " " + req.suffix)
        req.consumed = True


def _before_vocative(draft: Draft, first: int, last: int) -> int:
    """The clause's end, before a closing ", Sam" or ", {{ name }}"."""
    doc = draft.doc
    commas = [i for i in range(first, last + 1) if doc[i].text == ","]
    if not commas:
        return last
    tail = [i for i in range(commas[-1] + 1, last + 1) if not draft.blank(i)]
    if tail and all(i in draft.groups or is_person(doc[i]) or doc[i].pos_ == "PROPN" for i in tail):
        return commas[-1] - 1
    return last
