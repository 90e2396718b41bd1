"""Dependency rules and context filters on hand-built parses, independent of
model mistakes (as spaCy's own matcher tests do)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from restorelint.catalog.rules import default_rules
from restorelint.context import excuse
from restorelint.match.compiled import CompiledRules
from restorelint.parse.people import register_extensions
from restorelint.records import Segment


@pytest.fixture(scope="module")
def compiled() -> tuple[Language, CompiledRules]:
    register_extensions()
    nlp = spacy.blank("en")  # a tokenizer and lexical attributes, no statistical model
    rules = [r for r in default_rules() if r.kind == "dependency"]
    return nlp, CompiledRules(rules, nlp)


def parse(nlp: Language, rows: list[tuple[str, str, int, str, str]]) -> Doc:
    """rows: (word, lemma, head index, dep, pos)."""
    words = [r[0] for r in rows]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        lemmas=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        pos=[r[4] for r in rows],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def kept(nlp_and_rules, rows) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    nlp, rules = nlp_and_rules
    doc = parse(nlp, rows)
    segment = Segment(source=0, start=0, text=doc.text)
    return [
        (m.rule.id, doc[m.start : m.end].text)
        for m in rules.find(doc)
        if excuse(m, doc, segment) is None
    ]


YOU_FAILED = [
    ("You", "you", 1, "nsubj", "PRON"),
    ("failed", "fail", 1, "ROOT", "VERB"),
    ("the", "the", 3, "det", "DET"),
    ("release", "release", 1, "dobj", "NOUN"),
]


def test_you_as_subject_of_a_failure_verb_is_blame(compiled) -> None:  # type: ignore[no-untyped-def]
    assert kept(compiled, YOU_FAILED) == [("RL101", "You failed")]


def test_technical_subject_of_a_failure_verb_is_not_blame(compiled) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ("The", "the", 1, "det", "DET"),
        ("build", "build", 2, "nsubj", "NOUN"),
        ("failed", "fail", 2, "ROOT", "VERB"),
    ]
    assert kept(compiled, rows) == []


def test_first_person_subject_is_ownership(compiled) -> None:  # type: ignore[no-untyped-def]
    rows = [("I", "I", 1, "nsubj", "PRON"), *YOU_FAILED[1:]]
    assert kept(compiled, rows) == []


def test_negated_belief_covers_the_complement_clause(compiled) -> None:  # type: ignore[no-untyped-def]
    # I do n't think you were careless
    rows = [
        ("I", "I", 3, "nsubj", "PRON"),
        ("do", "do", 3, "aux", "AUX"),
        ("n't", "not", 3, "neg", "PART"),
        ("think", "think", 3, "ROOT", "VERB"),
        ("you", "you", 5, "nsubj", "PRON"),
        ("were", "be", 3, "ccomp", "AUX"),
        ("careless", "careless", 5, "acomp", "ADJ"),
    ]
    assert kept(compiled, rows) == []
    # without the negation: "I think you were careless" (heads shift by two)
    affirmed = [
        ("I", "I", 1, "nsubj", "PRON"),
        ("think", "think", 1, "ROOT", "VERB"),
        ("you", "you", 3, "nsubj", "PRON"),
        ("were", "be", 1, "ccomp", "AUX"),
        ("careless", "careless", 3, "acomp", "ADJ"),
    ]
    assert kept(compiled, affirmed) == [("RL110", "careless")]


def test_negation_does_not_cross_into_an_adverbial_clause(compiled) -> None:  # type: ignore[no-untyped-def]
    # "you failed the release , so we can not ship": negation belongs to the second clause
    rows = [
        *YOU_FAILED,
        (",", ",", 1, "punct", "PUNCT"),
        ("so", "so", 9, "mark", "SCONJ"),
        ("we", "we", 9, "nsubj", "PRON"),
        ("can", "can", 9, "aux", "AUX"),
        ("not", "not", 9, "neg", "PART"),
        ("ship", "ship", 1, "advcl", "VERB"),
    ]
    assert kept(compiled, rows) == [("RL101", "You failed")]


def test_trait_adjective_about_a_named_person_is_judgment(compiled) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ("Sam", "Sam", 1, "nsubj", "PROPN"),
        ("is", "be", 1, "ROOT", "AUX"),
        ("lazy", "lazy", 1, "acomp", "ADJ"),
        ("and", "and", 2, "cc", "CCONJ"),
        ("careless", "careless", 2, "conj", "ADJ"),
    ]
    assert kept(compiled, rows) == [("RL110", "lazy"), ("RL110", "careless")]


def test_trait_adjective_modifying_a_technical_noun_is_not_judgment(compiled) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ("We", "we", 1, "nsubj", "PRON"),
        ("use", "use", 1, "ROOT", "VERB"),
        ("lazy", "lazy", 3, "amod", "ADJ"),
        ("loading", "loading", 1, "dobj", "NOUN"),
    ]
    assert kept(compiled, rows) == []


def test_absolute_about_a_person_but_not_advice_or_praise(compiled) -> None:  # type: ignore[no-untyped-def]
    never = [
        ("You", "you", 2, "nsubj", "PRON"),
        ("never", "never", 2, "neg", "ADV"),
        ("test", "test", 2, "ROOT", "VERB"),
        ("your", "your", 4, "poss", "PRON"),
        ("code", "code", 2, "dobj", "NOUN"),
    ]
    assert kept(compiled, never) == [("RL170", "You never")]
    advice = [
        ("You", "you", 3, "nsubj", "PRON"),
        ("should", "should", 3, "aux", "AUX"),
        ("always", "always", 3, "advmod", "ADV"),
        ("test", "test", 3, "ROOT", "VERB"),
    ]
    assert kept(compiled, advice) == []
    praise = [
        ("You", "you", 2, "nsubj", "PRON"),
        ("always", "always", 2, "advmod", "ADV"),
        ("come", "come", 2, "ROOT", "VERB"),
        ("prepared", "prepared", 2, "acomp", "ADJ"),
    ]
    assert kept(compiled, praise) == []
