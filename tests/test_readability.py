"""Readability: long sentences, grade level, reading ease; hints by default."""

from __future__ import annotations

from restorelint.records import Source
from restorelint.review.readability import MIN_WORDS_FOR_GRADE
from restorelint.review.settings import ReviewSettings
from restorelint.run.pipeline import Pipeline

LONG = (
    "The integration tests for the payment webhook did not run on this pull request "
    "because the pipeline configuration that we changed last week skipped the job "
    "whenever the branch name contained a slash, which is why nobody noticed it."
)
DENSE = (  # one long dense sentence after another
    "Institutional considerations notwithstanding, organisational accountability "
    "necessitates comprehensive documentation of interdepartmental communication "
    "irregularities, particularly regarding unacknowledged deliverable dependencies. "
    "Consequently, administrative reconciliation procedures require immediate "
    "prioritisation, substantive stakeholder consultation, and methodological "
    "standardisation across operational verticals."
)


def readability(linter: Pipeline, text: str, **settings: float):  # type: ignore[no-untyped-def]
    _, (message,) = linter.review([Source("<msg>", text)], ReviewSettings(**settings))
    return message.readability


def test_a_long_sentence_is_flagged_with_its_position(linter: Pipeline) -> None:
    r = readability(linter, "Short opener.\n\n" + LONG)
    (long,) = r.long_sentences
    assert (long.line, long.column) == (3, 1) and long.words > 30
    assert readability(linter, "Short opener. " + LONG, max_sentence_words=60).long_sentences == ()


def test_list_items_the_parser_runs_together_are_separate_sentences(linter: Pipeline) -> None:
    items = "\n".join(f"- update the {n} runbook entry for the payment team" for n in range(8))
    assert readability(linter, "Next steps:\n" + items).long_sentences == ()


def test_grade_above_the_maximum_is_a_hint(linter: Pipeline) -> None:
    dense = readability(linter, DENSE)
    assert dense.grade is not None and dense.grade > 12 and dense.above_max_grade
    assert not readability(linter, DENSE, max_grade=dense.grade + 1).above_max_grade
    plain = readability(linter, "Thanks for the fix. The tests pass now. Nice work on the docs.")
    assert plain.words < MIN_WORDS_FOR_GRADE and not plain.above_max_grade
    assert plain.reading_ease is not None and plain.reading_ease > dense.reading_ease  # type: ignore[operator]
