"""Shapes that edit words and leave the sentence standing: drop the flagged words
(an aside, an adverb, a hedge, an insult used as an address), drop a verdict used
as a modifier, sentence-case shouting, one mark for "!!!"."""

from __future__ import annotations

from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import governing_predicate
from restorelint.records import Finding
from restorelint.suggest.common import Applied, Ctx
from restorelint.suggest.draft import Draft
from restorelint.suggest.grammar import article_for
from restorelint.suggest.shapes.params import Params

_VERB_POS = ("VERB", "AUX")
# What may go without taking the sentence's frame with it: adverbs, asides,
# addresses, set-off clauses and phrases ("As I said, ...", "..., you idiot, ...").
_ADJUNCTS = (
    "advmod",
    "npadvmod",
    "intj",
    "discourse",
    "advcl",
    "parataxis",
    "prep",
    "dep",
    "punct",
    "cc",
    "mark",
    "meta",
    "appos",
)


def drop_words(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    first, last = span[0], span[-1]
    joiners = params.words("joiners")
    # "No offence, but …": a joiner right after the words goes with them
    nxt = last + 1
    while nxt < draft.n and (draft.blank(nxt) or doc[nxt].lower_ in joiners) and nxt - last <= 2:
        if doc[nxt].lower_ in joiners and doc[nxt].is_alpha:
            last = nxt
        nxt += 1
    inside = set(range(first, last + 1))
    heads = [doc[i] for i in inside if doc[i].head.i not in inside or doc[i].head.i == i]
    if any(h.dep_ not in _ADJUNCTS or h.head.i == h.i for h in heads) and not _address(
        draft, first, last
    ):
        return None  # the words are the sentence's subject, verb or object
    rest = [
        i
        for i in draft.content()
        if (i < first or i > last) and i not in draft.deleted and not doc[i].is_punct
    ]
    if len(rest) < params.number("min_words", 3) or not any(doc[i].pos_ in _VERB_POS for i in rest):
        return None
    draft.remove(first, last)
    return Applied("drop-words", closing=bool(params.values.get("closing", False)))


def _address(draft: Draft, first: int, last: int) -> bool:
    """ "You idiot, the hotfix went out" / "..., you idiot.": words set off by a comma
    at either end of the sentence address the reader, whatever the parser made of
    them."""
    content = [i for i in draft.content() if i not in draft.deleted]
    words = [i for i in content if not draft.doc[i].is_punct]
    if not words:
        return False
    after = [i for i in content if i > last]
    before = [i for i in content if i < first]
    leading = first == words[0] and bool(after) and draft.doc[after[0]].text == ","
    trailing = last == words[-1] and bool(before) and draft.doc[before[-1]].text == ","
    return leading or trailing


def drop_modifier(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    modifier = next(
        (
            doc[i]
            for i in tokens
            if doc[i].dep_ in ("amod", "compound") and doc[i].pos_ in ("ADJ", "NOUN")
        ),
        None,
    )
    if modifier is None:
        return None
    noun = modifier.head
    if noun.i < modifier.i or noun.pos_ not in ("NOUN", "PROPN"):
        return None  # "read as aggressive": no noun after it to keep the sentence whole
    if is_person(noun) or is_second_person(noun):
        return None  # "a sloppy developer": without the word the verdict stays
    if noun.dep_ == "attr" and noun.lemma_.lower() in ctx.data.grammar.empty_nouns:
        return None  # "this is lazy work": "this is work" says nothing
    if noun.dep_ in ("attr", "acomp"):
        predicate = governing_predicate(noun)
        if any(
            c.dep_ in ("nsubj", "nsubjpass") and (is_person(c) or is_second_person(c))
            for c in predicate.children
        ):
            return None  # "you're a lazy writer": the person is still the verdict's subject
    gone = {modifier.i} | {
        t.i for t in modifier.subtree if t.dep_ in ("advmod", "punct", "cc", "conj")
    }
    gone |= {i for i in tokens if doc[i].head.i == modifier.i}
    rest = [
        i
        for i in draft.content()
        if i not in gone and i not in draft.deleted and not doc[i].is_punct
    ]
    if len(rest) < params.number("min_words", 3):
        return None
    draft.delete(gone)
    det = next((c for c in noun.children if c.dep_ == "det" and c.i < modifier.i), None)
    if det is not None and det.lower_ in ctx.data.grammar.indefinite:
        following = next(
            (
                doc[i]
                for i in range(det.i + 1, draft.n)
                if i not in draft.deleted and doc[i].is_alpha
            ),
            None,
        )
        if following is not None:
            article = article_for(following.text, ctx.data)
            draft.edit(det.i, article.capitalize() if draft.words[det.i][:1].isupper() else article)
    return Applied("drop-modifier", closing=bool(params.values.get("closing", True)))


def sentence_case(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    letters = [i for i in tokens if doc[i].is_alpha]
    if len(letters) < 2 or not all(draft.words[i].isupper() for i in letters):
        return None
    for i in letters:
        if draft.words[i] not in ctx.data.grammar.acronyms:
            draft.edit(i, draft.words[i].lower())
    return Applied("sentence-case", closing=False)


def one_mark(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    span = sorted(tokens)
    if any(draft.doc[i].is_alpha for i in span):
        return None
    marks = "".join(draft.words[i] for i in span)
    draft.edit(span[0], "?" if "?" in marks else ".")
    draft.delete(span[1:])
    return Applied("one-mark", closing=False)
