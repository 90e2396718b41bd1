"""Who counts as a person: a first name does, an English word in title case
mid-sentence does not ("the Dictionary class", "Composer failed")."""

from __future__ import annotations

import pytest

from restorelint.parse.common_words import is_common_word
from restorelint.parse.model import load_pipeline
from restorelint.parse.people import is_person


def _token(text: str, word: str):  # type: ignore[no-untyped-def]
    doc = load_pipeline()(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Obviously the Dictionary class is the wrong choice here.", "Dictionary"),
        ("The lockfile that Composer wrote is horrible.", "Composer"),
        ("I reinstalled it but Vagrant is still broken.", "Vagrant"),
    ],
)
def test_a_word_in_title_case_is_a_thing(text: str, word: str) -> None:
    token = _token(text, word)
    assert token.pos_ == "PROPN"  # the tagger's guess, which the word list overrules
    assert not is_person(token)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Honestly, I think Priya is careless with reviews.", "Priya"),
        ("The report says Grace is unreliable.", "Grace"),  # listed as a word and a name
        ("I hear Hazel is too sensitive.", "Hazel"),  # a word, and a name in the lexicon
        ("The release notes say Martin broke it.", "Martin"),
        ("Sam, unacceptable.", "Sam"),  # tagged an adjective: addressed by name
    ],
)
def test_a_first_name_is_a_person(text: str, word: str) -> None:
    assert is_person(_token(text, word))


def test_word_list_knows_inflected_words_and_not_names() -> None:
    assert is_common_word("results") and is_common_word("dictionary")
    assert not is_common_word("priya") and not is_common_word("grace")
    assert not is_common_word("c++")  # not a word of letters


@pytest.mark.parametrize(
    "text", ["Bonjour , une question.", "Honestly, unacceptable.", "Kubernetes, again."]
)
def test_an_opening_word_before_a_comma_is_no_name_unless_it_looks_like_one(text: str) -> None:
    assert not is_person(load_pipeline()(text)[0])
