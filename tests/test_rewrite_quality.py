"""The checks every rewrite passes before a user sees it (restorelint/suggest/quality.py):
a rewrite that loses one of the writer's facts or is not grammatical falls back."""

from __future__ import annotations

import pytest

from restorelint.run.pipeline import Pipeline
from restorelint.suggest.quality import facts, grammar_problems, missing_facts

BROKEN = [
    ("Your comments read as.", "dangling"),
    ("Caught this bug.", "no subject"),
    ("It's important that the audit findings doesn't repeat.", "agreement"),
    ("The the build broke.", "doubled word"),
    ("The release tag\nwent wrong.", "line break"),
    ("the build broke.", "no capital"),
    ("The build broke", "no full stop"),
    ("The build broke , again.", "space before punctuation"),
    ("We need an build.", "a/an"),
]


@pytest.mark.parametrize(("text", "problem"), BROKEN, ids=[p for _, p in BROKEN])
def test_broken_rewrites_are_caught(linter: Pipeline, text: str, problem: str) -> None:
    found = grammar_problems(text, linter.nlp(text))
    assert any(problem in p for p in found), found


FINE = [
    "The staging deploy broke again. What got in the way?",
    "Can we talk about the on-call schedule?",
    "I'd like to talk with April about how things are going with the interns.",
    "Run `kill -9` on the stuck worker, see https://wiki.example.com/ops.",
    "It's important that the numbers don't slip again. What support would help?",
]


@pytest.mark.parametrize("text", FINE)
def test_good_rewrites_pass(linter: Pipeline, text: str) -> None:
    assert grammar_problems(text, linter.nlp(text)) == []


def test_facts_are_the_work_not_the_people_or_the_punitive_words(linter: Pipeline) -> None:
    text = (
        "Honestly, Sam is lazy with the `deploy.sh` script and the Q3 numbers (see https://x.io/a)."
    )
    doc = linter.nlp(text)
    lazy = text.index("lazy")
    found = {f.text for f in facts(doc, [(lazy, lazy + 4)])}
    assert {"`deploy.sh`", "https://x.io/a", "Q3", "script", "numbers"} <= found
    assert not {"Sam", "lazy", "Honestly"} & found
    kept = "I'd like to talk with Sam about the `deploy.sh` script and the Q3 numbers."
    assert [f.text for f in missing_facts(facts(doc, [(lazy, lazy + 4)]), kept)] == [
        "https://x.io/a"
    ]
