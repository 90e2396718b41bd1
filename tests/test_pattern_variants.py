"""The pattern variants the catalog adds to token rules: an optional intensifier
(catalog/intensifiers.py) and a name's possessive (catalog/possessives.py)."""

from __future__ import annotations

from restorelint.catalog.intensifiers import Intensifiers, widen
from restorelint.catalog.possessives import Possessives, with_named_owners

WORDS = Intensifiers(frozenset({"just", "really"}), frozenset({"just"}), frozenset({"not"}))
OPTIONAL = {"LOWER": {"IN": ["just", "really"]}, "OP": "?"}


def test_an_intensifier_may_stand_between_two_single_words() -> None:
    pattern = [{"LOWER": "on"}, {"LOWER": "thin"}, {"LOWER": "ice"}]
    assert widen(pattern, WORDS) == [
        {"LOWER": "on"},
        OPTIONAL,
        {"LOWER": "thin"},
        OPTIONAL,
        {"LOWER": "ice"},
    ]


def test_nothing_is_added_next_to_punctuation_or_a_range() -> None:
    pattern = [
        {"LOWER": "fix"},
        {"LOWER": "it"},
        {"ORTH": {"IN": [".", "!"]}},
        {"IS_PUNCT": False, "OP": "{0,5}"},
        {"LOWER": "now"},
    ]
    assert widen(pattern, WORDS) == [{"LOWER": "fix"}, OPTIONAL, *pattern[1:]]


def test_after_an_optional_word_but_not_before_one() -> None:
    pattern = [{"LOWER": "you"}, {"LOWER": "always", "OP": "?"}, {"LOWER": "late"}]
    assert widen(pattern, WORDS) == [pattern[0], pattern[1], OPTIONAL, pattern[2]]


def test_a_word_left_out_of_the_highlight_leaves_its_intensifier_out_too() -> None:
    hidden = {"LOWER": "the", "CONTEXT_ONLY": True}
    widened = widen([hidden, {"LOWER": "plan", "CONTEXT_ONLY": True}], WORDS)
    assert widened[1] == {**OPTIONAL, "CONTEXT_ONLY": True}


def test_after_a_negation_a_limiting_word_is_not_an_intensifier() -> None:
    # "not just smart" praises where "not really smart" does not
    widened = widen([{"LOWER": "not"}, {"LOWER": "smart"}], WORDS)
    assert widened[1] == {"LOWER": {"IN": ["really"]}, "OP": "?"}
    # and so does an optional word between ("not [very] just smart")
    widened = widen([{"LOWER": "not"}, {"LOWER": "very", "OP": "?"}, {"LOWER": "smart"}], WORDS)
    assert widened[2] == {"LOWER": {"IN": ["really"]}, "OP": "?"}


POSSESSIVES = Possessives(frozenset({"your", "his", "her"}), frozenset({"'s"}))
NAME = {"_": {"rl_person": True}, "POS": "PROPN"}


def test_a_slot_for_anyones_possessive_also_takes_a_name() -> None:
    pattern = [{"LOWER": {"IN": ["your", "his", "her"]}}, {"LOWER": "bonus"}]
    assert with_named_owners([pattern], POSSESSIVES) == [
        pattern,
        [NAME, {"LOWER": {"IN": ["'s"]}}, {"LOWER": "bonus"}],
    ]


def test_a_slot_for_the_readers_alone_stays_so() -> None:
    # "Watch your back" is said to the reader
    pattern = [{"LOWER": "watch"}, {"LOWER": {"IN": ["your"]}}, {"LOWER": "back"}]
    assert with_named_owners([pattern], POSSESSIVES) == [pattern]


def test_no_intensifier_goes_before_a_clitic() -> None:
    widened = widen([NAME, {"LOWER": {"IN": ["'s"]}}, {"LOWER": "bonus"}], WORDS)
    assert widened[1] == {"LOWER": {"IN": ["'s"]}}


def test_no_intensifier_before_a_closed_class_word() -> None:
    # "revoke your access", never "revoke really your access"
    words = Intensifiers(frozenset({"just"}), not_before=frozenset({"your"}))
    pattern = [{"LOWER": "revoke"}, {"LOWER": {"IN": ["your"]}}, {"LOWER": "access"}]
    assert widen(pattern, words) == [
        pattern[0],
        pattern[1],
        {"LOWER": {"IN": ["just"]}, "OP": "?"},
        pattern[2],
    ]
