"""Match and context on one parsed stretch: the rules' and the tone model's
matches, and the ones the context filters keep."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from restorelint.records import Hit, Segment
from restorelint.run.tone import Scored, ToneSettings, tone_matches, without_repeats

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from restorelint.match.compiled import CompiledRules


def judge(
    compiled: CompiledRules | None,
    tone: ToneSettings | None,
    seg: Segment,
    doc: Doc,
    scored: Sequence[Scored],
    paragraph: str | None = None,
    faults: Callable[[], frozenset[str]] | None = None,
) -> tuple[list[Hit], bool]:
    """The hits the context filters keep (offsets in ``seg.text``), and whether a
    filter that reads the whole paragraph excused a match in a way the rest of
    ``paragraph`` (the text ``seg`` was cut from, if it was) could change, or
    judged one by the sentences around it (``context.reads_paragraph``): the
    stretch's verdict on it may not be the paragraph's. ``faults``: the engine's
    kept ``context.fault_forms``."""
    from restorelint.context import excuse, reads_beyond, reads_paragraph
    from restorelint.match.anchors import words

    vetoed = compiled.vetoed_anywhere if compiled is not None else frozenset()
    paragraph_words = cache(lambda: words(paragraph or seg.text))

    matches = compiled.find(doc) if compiled is not None else []
    if tone is not None:
        matches += tone_matches(tone, doc, scored)
    kept = []
    reads_wide = False
    for match in matches:
        reason = excuse(match, doc, seg)
        if reason is None:
            kept.append(match)
        if reason is not None and paragraph is not None and not reads_wide:
            reads_wide = reads_beyond(reason, match, doc, paragraph_words, faults)
    reads_wide = reads_wide or (
        paragraph is not None and (reads_paragraph(doc) or any(m.rule.id in vetoed for m in kept))
    )
    if tone is not None:
        kept = without_repeats(tone, kept)
    own: list[Hit] = []
    for match in kept:
        span = doc[match.start : match.end]
        own.append((match.rule.id, span.start_char, span.end_char))
    return own, reads_wide
