"""Stacked "!!!" or "???": exasperation the reader hears as anger."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers
from restorelint.parse.people import addresses_someone, is_person

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "??" alone is common in honest confusion ("is this right??"), and a lone "?!"
# in playful surprise ("what would you do with real gold?!"); three marks or
# more, or "!!", read as exasperation.
_STACKED = re.compile(r"!{2,}[!?]*|\?{3,}[!?]*|\?+![!?]+|\?{2,}!")


def triggers(options: Mapping[str, Any]) -> Triggers:
    # its runs are counted over the whole doc: a second one elsewhere vetoes
    return Triggers(pattern=_STACKED, vetoed_anywhere=True)


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    # "it works!!" and "USB debugging???" are excitement and confusion; stacked
    # marks read as exasperation with someone when the sentence speaks to them.
    words = word_set(options.get("address_words"))
    greetings = word_set(options.get("greetings"))
    text = doc.text
    runs = list(_STACKED.finditer(text))
    # runs of marks inside words or standing apart from them, more than once
    # ("??? ??? ????. ????", "???24") are text that lost its script on the way,
    # not a tone of voice
    apart = [m for m in runs if not m.start() or text[m.start() - 1].isspace()]
    inside = [m for m in runs if m.end() < len(text) and text[m.end()].isalnum()]
    if inside or len(apart) > 1:
        return
    for match in runs:
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        sent = doc[span.start].sent
        # "Hi Carmen!!!", "Congrats, Sam!!": a greeting, however loud
        said = [t for t in sent if t.is_alpha]
        greeting = any(t.lower_ in greetings for t in said) and all(
            t.lower_ in greetings or is_person(t) for t in said
        )
        if addresses_someone(sent, words) and not greeting:
            yield span.start, span.end
