"""One rewrite per flagged sentence: each finding handled by its category's shape,
the sentence falling back to its category's template when no shape fits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.catalog.rewrite import RewriteData, load_rewrite_data
from restorelint.catalog.rules import Rule
from restorelint.records import DISPLAY_ONLY, SAFE, UNSAFE, Finding, LineIndex
from restorelint.review.message import FlaggedSentence
from restorelint.suggest.common import Applied, Ctx, Shape
from restorelint.suggest.draft import Draft
from restorelint.suggest.pieces import PLACEHOLDER, Piece, pieces_of
from restorelint.suggest.shape_blame import shape_blame
from restorelint.suggest.shape_harsh import shape_harsh
from restorelint.suggest.shape_judgment import apply_requests, shape_absolute, shape_judgment
from restorelint.suggest.shape_others import (
    shape_condescension,
    shape_passive_aggressive,
    shape_shaming,
    shape_threat,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


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


SHAPES: dict[str, Shape] = {
    "blame": shape_blame,
    "judgment": shape_judgment,
    "biased-trait": shape_judgment,
    "absolute": shape_absolute,
    "harsh": shape_harsh,
    "condescension": shape_condescension,
    "passive-aggressive": shape_passive_aggressive,
    "shaming": shape_shaming,
    "threat": shape_threat,
}
# Shapes that only mark tokens run first, so that the clause shapes see their edits.
MARK_CATEGORIES = ("absolute", "condescension", "passive-aggressive")


# --------------------------------------------------------------------------- sentences


def _tokens_for(doc: Doc, base: int, finding: Finding) -> list[int]:
    lo, hi = finding.start - base, finding.end - base
    return [t.i for t in doc if t.idx < hi and t.idx + len(t.text) > lo and not t.is_space]


def _template(category: str, rule_name: str, data: RewriteData) -> list[Piece]:
    text = data.rule_templates.get(rule_name) or data.style(category).template
    return pieces_of(text)


def dominant(findings: Sequence[Finding], data: RewriteData) -> Finding:
    return min(findings, key=lambda f: (data.style(f.category).priority, f.start))


def _applicability(body: Sequence[Piece], closing: str | None, findings: Sequence[Finding]) -> str:
    generated = "".join(p.text for p in body if p.generated) + (closing or "")
    if PLACEHOLDER.search(generated):
        return DISPLAY_ONLY
    if closing is None and all(f.applicability == SAFE for f in findings):
        return SAFE
    return UNSAFE


def rewrite_sentence(
    sentence: FlaggedSentence,
    findings: Sequence[Finding],
    source_text: str,
    rules: Mapping[str, Rule],
    lines: LineIndex,
    *,
    force_template: bool = False,
) -> SentenceRewrite:
    """One rewritten sentence for all the findings in it (before verification)."""
    assert sentence.doc is not None, "the orchestrator parses sentences read with stand-ins"
    data = load_rewrite_data()
    draft = Draft(sentence.doc, source_text, sentence.base, sentence.start)
    ordered = sorted(
        findings,
        key=lambda f: (
            f.category not in MARK_CATEGORIES,
            data.style(f.category).priority,
            f.start,
        ),
    )
    ctx = Ctx(draft=draft, data=data, findings=findings, rules=rules)
    applied: list[tuple[Finding, Applied]] = []
    failed: Finding | None = None
    if not force_template:
        for finding in ordered:
            tokens = _tokens_for(sentence.doc, sentence.base, finding)
            if tokens and all(draft.in_block(i) or i in draft.deleted for i in tokens):
                applied.append((finding, Applied("covered", closing=False)))
                continue  # an earlier shape already rewrote these words
            shape = SHAPES.get(finding.category)
            result = shape(draft, tokens, finding, ctx) if shape and tokens else None
            if result is None:
                failed = finding
                break
            applied.append((finding, result))
            if draft.whole is not None:
                break
        apply_requests(draft, data)
    if force_template or failed is not None:
        lead = failed or dominant(findings, data)
        body = _template(lead.category, lead.name, data)
        applied = [(lead, Applied("template", closing=lead.name not in data.rule_templates))]
    else:
        body = draft.render()
    closing_from = [(f, a) for f, a in applied if a.closing]
    closing: str | None = None
    category = dominant(findings, data).category
    if closing_from:
        lead_finding, lead_applied = min(
            closing_from, key=lambda fa: (data.style(fa[0].category).priority, fa[0].start)
        )
        category = lead_finding.category
        closings = data.style(category).closings
        closing = lead_applied.override or (closings[0] if closings else None)
    line, column = lines.position(sentence.start)
    end_line, end_column = lines.position(sentence.end)
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
        paragraph=sentence.paragraph,
        applicability=_applicability(body, closing, findings),
    )


@dataclass(frozen=True)
class Drafted:
    """A flagged sentence, the findings inside it, and its rewrite so far."""

    sentence: FlaggedSentence
    findings: tuple[Finding, ...]
    rewrite: SentenceRewrite


def draft_rewrites(
    source_text: str,
    findings: Sequence[Finding],
    sentences: Sequence[FlaggedSentence],
    rules: Mapping[str, Rule],
) -> list[Drafted]:
    """A rewrite for every flagged sentence (the verify stage checks them)."""
    lines = LineIndex(source_text)
    drafts: list[Drafted] = []
    for sentence in sentences:
        # A finding belongs to every sentence it reaches into (shouting can run on).
        inside = tuple(f for f in findings if f.start < sentence.end and sentence.start < f.end)
        if inside:
            rewrite = rewrite_sentence(sentence, inside, source_text, rules, lines)
            drafts.append(Drafted(sentence, inside, rewrite))
    return drafts


def retemplate(drafted: Drafted, source_text: str, rules: Mapping[str, Rule]) -> Drafted:
    """The sentence's template instead of a rewrite that was itself flagged."""
    rewrite = rewrite_sentence(
        drafted.sentence,
        drafted.findings,
        source_text,
        rules,
        LineIndex(source_text),
        force_template=True,
    )
    return Drafted(drafted.sentence, drafted.findings, rewrite)
