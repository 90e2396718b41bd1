"""A paragraph read once must give every stretch the planner asks about exactly the
words and tokens the stretch gives on its own: a token missed here is a
sentence never parsed and a finding never shown."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from restorelint.match.anchors import words
from restorelint.match.paragraph import Paragraph
from restorelint.parse.model import tokenizer
from restorelint.read.sentences import MAX_SENTENCE, sentence_spans

PIECES = st.sampled_from(
    [
        "You", "don't", "cannot", "gonna", "U.S.", "e.g.", "Dana's", "it's", "on", "you.",
        "Why?!", "(see", "#eng)", "@sam", "“quoted”", "'fine'", "...", "--", "-", "#",
        "http://x.io/a?b=c.", "3.5%", "can't.", "wow!!", "O'Neil", "re-run", "Okay.", "😀",
        "\n", "\t", "  ", " \n ", ">", "_",
    ]
)  # fmt: skip


def _stretches(text: str) -> list[tuple[int, int]]:
    spans = list(sentence_spans(text))
    pairs = [(spans[k][0], spans[k + 1][1]) for k in range(len(spans) - 1)]
    return [*spans, *pairs, (0, len(text))]


def _tokens(text: str) -> list[str]:
    return [t.lower_ for t in tokenizer()(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30), st.lists(st.sampled_from(" \n"), max_size=30))
def test_every_stretch_reads_as_it_would_alone(pieces: list[str], gaps: list[str]) -> None:
    text = "".join(p + (gaps[i] if i < len(gaps) else " ") for i, p in enumerate(pieces))
    paragraph = Paragraph(text)
    for start, end in _stretches(text):
        assert paragraph.tokens(start, end) == _tokens(text[start:end])
    spans = list(sentence_spans(text))
    for first, last in pairwise(spans):
        assert paragraph.joined_words(first, last) == words(text[first[0] : last[1]])


def test_a_sentence_cut_inside_a_word_is_read_on_its_own() -> None:
    # a run without a space longer than a sentence may be is cut mid-word
    text = "Why " + "a" * (MAX_SENTENCE + 50) + " is this on you"
    paragraph = Paragraph(text)
    spans = list(sentence_spans(text))
    assert any(not text[end].isspace() for _, end in spans[:-1])
    for start, end in _stretches(text):
        assert paragraph.tokens(start, end) == _tokens(text[start:end])
    for first, last in pairwise(spans):
        assert paragraph.joined_words(first, last) == words(text[first[0] : last[1]])
