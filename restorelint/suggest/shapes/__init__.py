"""The rewrite shapes, by the names rule files use (``suggest.shape``). Each is a
function of the sentence being rewritten, the flagged tokens, the finding, its
words (``Params``) and the shared context; it edits the draft and says what it
did, or returns None when the parse does not fit, so the rule's next shape is
tried. ``rules/_rewrite.yaml`` lists the same names with their default words; a
test checks that the two agree."""

from __future__ import annotations

from collections.abc import Callable

from restorelint.records import Finding
from restorelint.suggest.common import Applied, Ctx
from restorelint.suggest.draft import Draft
from restorelint.suggest.shapes.absolute import apply_requests, specific_occasions
from restorelint.suggest.shapes.blame import outcome_as_subject
from restorelint.suggest.shapes.firm import (
    expectation_and_support,
    gap_to_standard,
    restate_the_ask,
)
from restorelint.suggest.shapes.marks import drop_modifier, drop_words, one_mark, sentence_case
from restorelint.suggest.shapes.params import Params, params_for
from restorelint.suggest.shapes.talk import drop_clause, talk_about

Shape = Callable[[Draft, list[int], Finding, Params, Ctx], Applied | None]


def _none(draft: Draft, tokens: list[int], finding: Finding, params: Params, ctx: Ctx) -> None:
    return None


SHAPES: dict[str, Shape] = {
    "none": _none,
    "drop-words": drop_words,
    "drop-modifier": drop_modifier,
    "outcome-as-subject": outcome_as_subject,
    "talk-about": talk_about,
    "drop-clause": drop_clause,
    "specific-occasions": specific_occasions,
    "expectation-and-support": expectation_and_support,
    "gap-to-standard": gap_to_standard,
    "sentence-case": sentence_case,
    "one-mark": one_mark,
    "restate-the-ask": restate_the_ask,
}
# Shapes that edit words and leave the sentence standing run before the ones that
# rebuild a clause or the whole sentence, so those see the edits.
MARKS = frozenset(
    {"drop-words", "drop-modifier", "sentence-case", "one-mark", "specific-occasions"}
)
WHOLE = frozenset({"talk-about", "drop-clause"})

__all__ = ["MARKS", "SHAPES", "WHOLE", "Params", "Shape", "apply_requests", "params_for"]
