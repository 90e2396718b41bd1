"""specific-occasions: "always"/"never" go, the verb moves to the past and the
occasions become a placeholder ("you never test your code" → "you didn't test
your code on [specific occasions]"). The clause is changed after every other
shape has run (``apply_requests``), so a shape that rebuilds the clause (blame)
takes the request over instead."""

from __future__ import annotations

from restorelint.catalog.rewrite import RewriteData
from restorelint.parse.people import is_person
from restorelint.parse.syntax import governing_predicate
from restorelint.records import Finding
from restorelint.suggest.common import Applied, Ctx, clause_range
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import PAST, be_form, inflect, is_plural
from restorelint.suggest.shapes.params import Params


def specific_occasions(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    adverbs = [doc[i] for i in tokens if doc[i].lower_ in params.words("adverbs")]
    if not adverbs:
        return None
    if any(governing_predicate(a).pos_ not in ("VERB", "AUX") for a in adverbs):
        return None  # "Careless as always": no verb to make specific
    predicates = {governing_predicate(a).i for a in adverbs}
    if len(predicates) != len(adverbs):
        return None
    for adverb in adverbs:
        req = draft.request(governing_predicate(adverb))
        req.past = True
        req.negate = adverb.lower_ in params.words("negating")
        draft.delete([adverb.i])
    last = max(predicates)
    draft.request(doc[last]).suffix = params.text("suffix")
    return Applied("specific-occasions")


def apply_requests(draft: Draft, data: RewriteData) -> None:
    """Clauses an absolute asked to become specific, if no shape rebuilt them."""
    doc = draft.doc
    g = data.grammar
    # one placeholder for the sentence, after its last specific clause
    with_suffix = [i for i, r in draft.requests.items() if r.suffix and not r.consumed]
    last_suffix = max(with_suffix, default=None)
    for index, req in sorted(draft.requests.items()):
        if req.consumed or draft.in_block(index):
            continue
        pred = doc[index]
        subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        plural = is_plural(subject, data) if subject is not None else False
        auxes = [
            c
            for c in pred.children
            if c.dep_ in ("aux", "auxpass") and c.i < pred.i and c.lower_ not in g.infinitive
        ]
        target = auxes[0] if auxes else pred
        if target.lemma_ == g.be:
            draft.edit(target.i, be_form(PAST, plural, data, req.negate))
        elif target.lemma_ == g.have and target is not pred:
            if req.negate:
                draft.edit(target.i, draft.words[target.i] + "n't")
        elif target.lemma_ == g.do and target is not pred:
            done = inflect(g.do, "VBD")
            draft.edit(target.i, done + "n't" if req.negate else done)
        elif target.pos_ == "AUX" and target is not pred:
            pass  # modals: a hypothetical, left as it is
        elif req.negate:
            draft.edit(pred.i, f"{inflect(g.do, 'VBD')}n't {pred.lemma_}")
        elif pred.tag_ != "VBD":
            draft.edit(pred.i, inflect(pred.lemma_, "VBD"))
        end_pred = pred
        for conj in pred.conjuncts:  # "you always overcommit and underdeliver"
            shares = not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
            if conj.i > pred.i and conj.pos_ == "VERB" and shares and not draft.in_block(conj.i):
                if not req.negate and conj.tag_ in ("VBP", "VBZ", "VB"):
                    draft.edit(conj.i, inflect(conj.lemma_, "VBD"))
                end_pred = conj
        if req.suffix and index == last_suffix:
            first, last = clause_range(end_pred, draft)
            draft.insert_after(_before_vocative(draft, first, last), " " + req.suffix)
        req.consumed = True


def _before_vocative(draft: Draft, first: int, last: int) -> int:
    """The clause's end, before a closing ", Sam" or ", {{ name }}", and before its
    final punctuation."""
    doc = draft.doc
    while last > first and (doc[last].is_punct or draft.blank(last)):
        last -= 1
    commas = [i for i in range(first, last + 1) if doc[i].text == ","]
    if not commas:
        return last
    tail = [i for i in range(commas[-1] + 1, last + 1) if not draft.blank(i)]
    if tail and all(i in draft.groups or is_person(doc[i]) or doc[i].pos_ == "PROPN" for i in tail):
        return commas[-1] - 1
    return last
