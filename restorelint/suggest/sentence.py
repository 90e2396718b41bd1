"""One rewrite per flagged sentence: each finding handled by its rule's shapes
(``suggest.shape``, tried in order), the sentence falling back to its category's
talk-about frame when no shape fits, and to the frame's bare form when even that
does not pass the checks (``level``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.catalog.rewrite import RewriteData, load_rewrite_data
from restorelint.catalog.rules import Rule
from restorelint.records import DISPLAY_ONLY, SAFE, UNSAFE, Finding, LineIndex
from restorelint.review.message import FlaggedSentence
from restorelint.suggest.common import Applied, Ctx
from restorelint.suggest.draft import Draft
from restorelint.suggest.pieces import PLACEHOLDER, Piece, pieces_of
from restorelint.suggest.shapes import MARKS, SHAPES, WHOLE, Params, apply_requests, params_for
from restorelint.suggest.shapes.talk import talk_about

if TYPE_CHECKING:
    from spacy.tokens import Doc

# How far a sentence has fallen back: its rules' shapes, its category's frame
# with the sentence's own words, the frame with none.
SHAPED, FRAMED, BARE = 0, 1, 2
# A frame that keeps none of the sentence's words: a suggestion, not a fix.
BARE_SHAPE = "talk-about:bare"
# A rule whose findings are not rewritten (an unused suppression).
NO_SHAPE = "none"


@dataclass(frozen=True)
class SentenceRewrite:
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    original: str
    body: tuple[Piece, ...]
    closing: str | None
    category: str
    rules: tuple[str, ...]
    shapes: tuple[str, ...]
    paragraph: int
    applicability: str
    level: int = SHAPED
    # [start, end) in the source of words a shape left out on purpose, beside the
    # findings' own (a threat's consequence): not facts the rewrite must keep
    dropped: tuple[tuple[int, int], ...] = ()

    @property
    def body_text(self) -> str:
        return "".join(p.text for p in self.body)

    @property
    def text(self) -> str:
        return " ".join(t for t in (self.body_text, self.closing or "") if t)

    @property
    def placeholders(self) -> list[str]:
        generated = [p.text for p in self.body if p.generated] + [self.closing or ""]
        return [m.group(0) for text in generated for m in PLACEHOLDER.finditer(text)]


# --------------------------------------------------------------------------- sentences


def _tokens_for(doc: Doc, base: int, finding: Finding) -> list[int]:
    lo, hi = finding.start - base, finding.end - base
    return [t.i for t in doc if t.idx < hi and t.idx + len(t.text) > lo and not t.is_space]


def dominant(findings: Sequence[Finding], data: RewriteData) -> Finding:
    return min(findings, key=lambda f: (data.style(f.category).priority, f.start))


def _applicability(
    body: Sequence[Piece],
    closing: str | None,
    findings: Sequence[Finding],
    whole: bool,
    level: int,
    shapes: Sequence[str],
) -> str:
    generated = "".join(p.text for p in body if p.generated) + (closing or "")
    if level == BARE or PLACEHOLDER.search(generated) or BARE_SHAPE in shapes:
        return DISPLAY_ONLY
    if not whole and closing is None and all(f.applicability == SAFE for f in findings):
        return SAFE
    return UNSAFE


def _shape_order(rule: Rule | None) -> tuple[str, ...]:
    return rule.shapes if rule is not None else ()


def rewrite_sentence(
    sentence: FlaggedSentence,
    findings: Sequence[Finding],
    source_text: str,
    rules: Mapping[str, Rule],
    lines: LineIndex,
    *,
    level: int = SHAPED,
) -> SentenceRewrite:
    """One rewritten sentence for all the findings in it (before verification)."""
    assert sentence.doc is not None, "the orchestrator parses sentences read with stand-ins"
    data = load_rewrite_data()
    doc = sentence.doc
    spans = {id(f): _tokens_for(doc, sentence.base, f) for f in findings}

    def fresh() -> tuple[Draft, Ctx]:
        """A draft of the original sentence, and what the shapes read about it."""
        draft = Draft(doc, source_text, sentence.base, sentence.start, sentence.end)
        tokens = [spans[id(f)] for f in findings]
        return draft, Ctx(
            draft=draft, data=data, findings=findings, rules=rules, sentence_tokens=tokens
        )

    draft, ctx = fresh()
    lead = dominant(findings, data)
    applied: list[tuple[Finding, Applied]] = []
    failed = level > SHAPED
    if not failed:
        # marks first (they edit words), then the shapes that rebuild clauses
        ordered = sorted(
            findings,
            key=lambda f: (
                not (set(_shape_order(rules.get(f.rule))) & MARKS),
                data.style(f.category).priority,
                f.start,
            ),
        )
        for finding in ordered:
            tokens = spans[id(finding)]
            if tokens and all(draft.in_block(i) or i in draft.deleted for i in tokens):
                applied.append((finding, Applied("covered", closing=False)))
                continue  # an earlier shape already rewrote these words
            result = _first_fitting(draft, tokens, finding, rules.get(finding.rule), ctx)
            if result is None:
                failed = True
                break
            applied.append((finding, result))
            if draft.whole is not None:
                break
        apply_requests(draft, data)
    if failed:
        draft, ctx = fresh()
        lead_rule = rules.get(lead.rule)
        params = params_for("talk-about", lead_rule, data)
        frames = params.frames() or data.style(lead.category).frames
        if level == BARE:
            frames = {"bare": frames["bare"]}
        params = Params({**params.values, "frames": frames})
        result = talk_about(draft, spans[id(lead)] or [0], lead, params, ctx)
        applied = [(lead, result or Applied("talk-about"))]
        if draft.whole is None:
            draft.whole = pieces_of(frames["bare"])
        level = max(level, FRAMED)
    body = draft.render()
    closing_from = [(f, a) for f, a in applied if a.closing]
    closing: str | None = None
    category = lead.category
    if closing_from:
        lead_finding, lead_applied = min(
            closing_from, key=lambda fa: (data.style(fa[0].category).priority, fa[0].start)
        )
        category = lead_finding.category
        closings = data.style(category).closings
        closing = lead_applied.override or (closings[0] if closings else None)
    line, column = lines.position(sentence.start)
    end_line, end_column = lines.position(sentence.end)
    whole = draft.whole is not None
    return SentenceRewrite(
        path=findings[0].path,
        start=sentence.start,
        end=sentence.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        original=source_text[sentence.start : sentence.end],
        body=tuple(body),
        closing=closing,
        category=category,
        rules=tuple(sorted({f.rule for f in findings})),
        shapes=tuple(a.shape for _, a in applied),
        dropped=tuple(
            (sentence.base + doc[i].idx, sentence.base + doc[i].idx + len(doc[i].text))
            for _, a in applied
            for i in sorted(a.dropped)
        ),
        paragraph=sentence.paragraph,
        applicability=_applicability(
            body, closing, findings, whole, level, [a.shape for _, a in applied]
        ),
        level=level,
    )


def _first_fitting(
    draft: Draft, tokens: list[int], finding: Finding, rule: Rule | None, ctx: Ctx
) -> Applied | None:
    if not tokens:
        return None
    for name in _shape_order(rule):
        if name in WHOLE and (draft.edits or draft.deleted - draft.outside or draft.blocks):
            continue  # a whole-sentence frame would undo another finding's edit
        result = SHAPES[name](draft, tokens, finding, params_for(name, rule, ctx.data), ctx)
        if result is not None:
            return result
    return None


@dataclass(frozen=True)
class Drafted:
    """A flagged sentence, the findings inside it, and its rewrite so far."""

    sentence: FlaggedSentence
    findings: tuple[Finding, ...]
    rewrite: SentenceRewrite

    def punitive_spans(self) -> list[tuple[int, int]]:
        """What the rewrite may leave out, in the sentence doc's characters: the
        findings' words and what its shape dropped on purpose."""
        base, end = self.sentence.base, self.sentence.end
        spans = [(f.start, f.end) for f in self.findings] + list(self.rewrite.dropped)
        # a list or quote marker before the sentence is not the rewrite's to keep
        spans.append((base, self.sentence.start))
        return [(max(a, base) - base, min(b, end) - base) for a, b in spans]


def draft_rewrites(
    source_text: str,
    findings: Sequence[Finding],
    sentences: Sequence[FlaggedSentence],
    rules: Mapping[str, Rule],
) -> list[Drafted]:
    """A rewrite for every flagged sentence (the verify stage checks them)."""
    lines = LineIndex(source_text)
    drafts: list[Drafted] = []
    rewritten = [
        f for f in findings if (rules.get(f.rule) is None or rules[f.rule].shapes != (NO_SHAPE,))
    ]
    for sentence in sentences:
        # A finding belongs to every sentence it reaches into (shouting can run on).
        inside = tuple(f for f in rewritten if f.start < sentence.end and sentence.start < f.end)
        if inside:
            rewrite = rewrite_sentence(sentence, inside, source_text, rules, lines)
            drafts.append(Drafted(sentence, inside, rewrite))
    return drafts


def fall_back(drafted: Drafted, source_text: str, rules: Mapping[str, Rule]) -> Drafted:
    """The next fallback for a rewrite that failed a check: the category's frame with
    the sentence's own words, then the bare frame."""
    level = min(drafted.rewrite.level + 1, BARE)
    rewrite = rewrite_sentence(
        drafted.sentence, drafted.findings, source_text, rules, LineIndex(source_text), level=level
    )
    return Drafted(drafted.sentence, drafted.findings, rewrite)
