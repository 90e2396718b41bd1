"""The talk-about shape: the punitive frame goes, and the sentence becomes an
invitation to talk about what it is about, in its own words. The frame comes
from the rule's ``frames`` (or its category's, in ``rules/_rewrite.yaml``),
chosen by what the sentence gives: a person, a situation, a topic."""

from __future__ import annotations

from dataclasses import replace

from restorelint.catalog.rewrite import FRAME_KEYS
from restorelint.parse.syntax import clause, governing_predicate
from restorelint.records import Finding
from restorelint.suggest.common import Applied, Ctx
from restorelint.suggest.draft import Draft
from restorelint.suggest.pieces import Piece, tidy
from restorelint.suggest.shapes.params import Params
from restorelint.suggest.shapes.person import addressed, person_words
from restorelint.suggest.shapes.topic import About, joined, read, render

# Most specific first: a frame is used when the sentence gives all it needs.
_ORDER = FRAME_KEYS


def talk_about(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    frames = params.frames() or ctx.data.style(finding.category).frames
    flagged = {i for f in ctx.sentence_tokens for i in f}
    if not params.values.get("skip_own", True):
        flagged -= set(tokens)
    dropped: set[int] = set()
    if params.values.get("drop_clause"):
        for i in flagged:
            dropped.update(t.i for t in clause(governing_predicate(draft.doc[i])))
        dropped -= flagged
        rest = [
            i
            for i in draft.content()
            if i not in dropped and i not in flagged and not draft.doc[i].is_punct
        ]
        if len(rest) < 2:
            # one clause: its prepositional phrases are what the threat is about
            # ("your final warning about the timesheets"); only a separate
            # consequence ("..., or I'll escalate this") is left out
            dropped = set()
    before, after = untouched_clauses(draft, flagged | dropped)
    if params.values.get("drop_clause"):
        before, after = [], []  # "Keep this up and ...": the threat's other half goes too
    kept = {i for ids in (*before, *after) for i in ids}
    dropped -= kept
    about = read(draft, flagged | dropped | kept, [draft.doc[i] for i in tokens], ctx.data)
    if params.text("topic") == "object":
        # "Who merged this without a review?": only what the flagged verb acted on
        verbs = set(tokens)
        objects = [
            ids
            for ids in about.everything
            if any(draft.doc[i].dep_ == "dobj" and draft.doc[i].head.i in verbs for i in ids)
        ]
        about = replace(about, topic=objects, everything=objects)
    chosen = frame_pieces(draft, frames, about, ctx)
    if chosen is None:
        return None
    key, pieces = chosen
    text = "".join(p.text for p in pieces).rstrip()
    out: list[Piece] = []
    for ids in before:
        out += [*tidy(draft.phrase(ids)), Piece(" ")]
    out += pieces
    for ids in after:
        out += [Piece(" "), *tidy(draft.phrase(ids))]
    draft.whole = out
    closing = not text.endswith("?") and not after
    # the bare frame says nothing of the sentence: shown, never written into a file
    return Applied(f"talk-about:{key}", closing=closing, dropped=frozenset(dropped))


def untouched_clauses(draft: Draft, flagged: set[int]) -> tuple[list[list[int]], list[list[int]]]:
    """The sentence's coordinated clauses that hold no flagged word, before and after
    the flagged one ("Rose is pushy with vendors, and it's making my job harder"):
    they stay as the writer wrote them, as sentences of their own."""
    doc = draft.doc
    roots = [t for t in doc if t.head.i == t.i]
    if len(roots) != 1:
        return [], []
    clauses = [roots[0]]
    stack = [roots[0]]
    while stack:
        head = stack.pop()
        for child in head.children:
            if (
                child.dep_ in ("conj", "parataxis")
                and child.pos_ in ("VERB", "AUX")
                and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children)
            ):
                clauses.append(child)
                stack.append(child)
    if len(clauses) < 2:
        return [], []
    owned: dict[int, int] = {}
    for head in sorted(clauses, key=lambda t: -len(list(t.subtree))):
        for t in head.subtree:
            owned[t.i] = head.i
    spans: dict[int, list[int]] = {}
    for i, owner in sorted(owned.items()):
        spans.setdefault(owner, []).append(i)
    flagged_first = min((min(ids) for ids in spans.values() if set(ids) & flagged), default=None)
    before: list[list[int]] = []
    after: list[list[int]] = []
    for ids in sorted(spans.values()):
        if set(ids) & flagged or flagged_first is None:
            continue
        words = [i for i in ids if not draft.blank(i)]
        while words and (doc[words[0]].dep_ in ("cc", "mark") or doc[words[0]].is_punct):
            words.pop(0)
        while words and (doc[words[-1]].dep_ in ("cc", "mark", "intj") or doc[words[-1]].is_punct):
            words.pop()  # "…, but" before the flagged clause
        if len(words) < 3 or not any(doc[i].pos_ in ("VERB", "AUX") for i in words):
            return [], []  # a fragment: the frame cannot stand beside it
        (before if words[0] < flagged_first else after).append(words)
    return before, after


def frame_pieces(
    draft: Draft, frames: dict[str, str], about: About, ctx: Ctx
) -> tuple[str, list[Piece]] | None:
    from restorelint.suggest.shapes.topic import fill

    data = ctx.data
    slots: dict[str, list[Piece]] = {}
    if about.topic:
        slots["topic"] = joined([render(draft, ids, data) for ids in about.topic])
    if about.everything:
        slots["everything"] = joined([render(draft, ids, data) for ids in about.everything])
    if about.situation:
        slots["situation"] = render(draft, about.situation, data)
    if about.person is not None:
        words = person_words(draft, about.person, data)
        slots["person"] = [Piece(words)]
        if about.named:
            slots["Person"] = [Piece(words)]
    for key in _ORDER:
        frame = frames.get(key)
        if frame is None:
            continue
        needed = _slots(frame)
        if "situation" not in needed and "topic" in needed:
            # no place for where it happened: its words join the topic
            frame = frame.replace("{topic}", "{everything}")
            needed = _slots(frame)
        if all(name in slots for name in needed):
            pieces = fill(frame, slots)
            vocative = (
                about.named and about.person is not None and not needed & {"person", "Person"}
            )
            if vocative and addressed(draft, about.person.i):
                name = person_words(draft, about.person, data)
                first = pieces[0]
                lowered = (
                    first.text
                    if first.text.startswith("I")
                    else first.text[:1].lower() + first.text[1:]
                )
                pieces = [
                    Piece(name),
                    Piece(", ", True),
                    Piece(lowered, first.generated),
                    *pieces[1:],
                ]
            return key, pieces
    return None


def _slots(frame: str) -> set[str]:
    names = set()
    rest = frame
    while "{" in rest:
        _, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        names.add(name)
    return names


def drop_clause(
    draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx
) -> Applied | None:
    """The flagged clause goes and the sentence's other clauses stay: "Let me spell
    it out for you: null is not an empty string." → "Null is not an empty string."."""
    flagged = {i for f in ctx.sentence_tokens for i in f}
    before, after = untouched_clauses(draft, flagged)
    if not before and not after:
        rest = _without_flagged_adjunct(draft, flagged)
        if rest is None:
            return None
        before = [rest]
    out: list[Piece] = []
    for ids in (*before, *after):
        if out:
            out.append(Piece(" "))
        out += tidy(draft.phrase(ids))
    draft.whole = out
    return Applied("drop-clause", closing=False)


def _without_flagged_adjunct(draft: Draft, flagged: set[int]) -> list[int] | None:
    """The main clause without a flagged clause hanging on it ("Let me spell it out
    for you: null is not an empty string", parsed with the aside as an adverbial)."""
    doc = draft.doc
    roots = [t for t in doc if t.head.i == t.i]
    if len(roots) != 1 or roots[0].i in flagged:
        return None
    for child in roots[0].children:
        inner = {t.i for t in child.subtree}
        if child.dep_ in ("advcl", "ccomp", "parataxis") and flagged <= inner:
            rest = [t.i for t in roots[0].subtree if t.i not in inner and not draft.blank(t.i)]
            while rest and doc[rest[0]].is_punct:
                rest.pop(0)
            words = [i for i in rest if not doc[i].is_punct]
            if len(words) >= 3 and any(doc[i].pos_ in ("VERB", "AUX") for i in words):
                return rest
    return None
