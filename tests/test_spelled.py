"""The prefilter's spelled patterns must match wherever spaCy's Matcher would: a
miss here is a sentence never parsed and a finding never shown."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from restorelint.catalog.rules import default_rules
from restorelint.match.prefilter import build
from restorelint.match.spelled import Compiled, compile_pattern

NLP = spacy.blank("en")


def _spacy_matches(pattern: list[dict[str, Any]], words: list[str]) -> bool:
    matcher = Matcher(NLP.vocab)
    matcher.add("p", [pattern])
    return bool(matcher(spacy.tokens.Doc(NLP.vocab, words=words)))


def _ours(pattern: list[dict[str, Any]], words: list[str]) -> bool:
    lower = [w.lower() for w in words]
    return Compiled(compile_pattern(pattern)).matches(lower, set(lower))


OPS = st.sampled_from(["1", "?", "*", "+", "{0,2}", "{1,3}", "{2}", "{2,}"])
NODE = st.builds(
    lambda forms, op: (
        ({"LOWER": {"IN": sorted(forms)}} if forms else {}) | ({"OP": op} if op != "1" else {})
    ),
    st.sets(st.sampled_from("abc"), max_size=2),
    OPS,
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(NODE, min_size=1, max_size=5).filter(
        # spaCy returns no empty match; a pattern needs a token it must take
        lambda p: any(n.get("OP", "1") in ("1", "+", "{1,3}", "{2}", "{2,}") for n in p)
    ),
    st.lists(st.sampled_from("abcd"), max_size=12),
)
def test_agrees_with_spacys_matcher_on_any_pattern(
    pattern: list[dict[str, Any]], words: list[str]
) -> None:
    assert _ours(pattern, words) == _spacy_matches(pattern, words)


# nodes with what the tokenizer alone decides: a word or a mark, "not a full stop"
FLAGGED = st.builds(
    lambda node, flag, excluded: (
        node
        | ({flag[0]: flag[1]} if flag else {})
        | ({"LOWER": {"NOT_IN": sorted(excluded)}} if excluded and "LOWER" not in node else {})
    ),
    NODE,
    st.one_of(
        st.none(), st.tuples(st.sampled_from(["IS_PUNCT", "IS_ALPHA", "IS_DIGIT"]), st.booleans())
    ),
    st.sets(st.sampled_from(["a", ".", "7"]), max_size=2),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(FLAGGED, min_size=1, max_size=4).filter(
        lambda p: any(n.get("OP", "1") in ("1", "+", "{1,3}", "{2}", "{2,}") for n in p)
    ),
    st.lists(st.sampled_from(["a", "B", "c", ".", ",", "7", "İx"]), max_size=10),
)
def test_agrees_with_spacys_matcher_on_flags_and_exclusions(
    pattern: list[dict[str, Any]], words: list[str]
) -> None:
    assert _ours(pattern, words) == _spacy_matches(pattern, words)


def _catalog_cases() -> list[tuple[str, list[dict[str, Any]], str]]:
    prefilter = build(default_rules())
    assert prefilter is not None and prefilter.relaxed
    rules = default_rules()
    texts = [e.text for r in rules for e in r.flag_examples] + [
        t for r in rules for t in r.pass_examples
    ]
    patterns = [p for found in prefilter.relaxed.values() for p in found]
    return [(f"pattern{k}", p, "\n".join(texts)) for k, p in enumerate(patterns)]


@pytest.mark.parametrize("name,pattern,texts", _catalog_cases())
def test_catalog_patterns_agree_with_spacy_on_every_rule_example(
    name: str, pattern: list[dict[str, Any]], texts: str
) -> None:
    for text in texts.split("\n"):
        words = [t.text for t in NLP.tokenizer(text)]
        assert _ours(pattern, words) == _spacy_matches(pattern, words), (name, text)
