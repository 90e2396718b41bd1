"""Stacked "!!!" or "???": exasperation the reader hears as anger."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers
from restorelint.parse.people import addresses_someone

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "??" alone is common in honest confusion ("is this right??"); three or a
# mix with "!" reads as exasperation.
_STACKED = re.compile(r"!{2,}[!?]*|\?{3,}[!?]*|\?+![!?]*")


def triggers(options: Mapping[str, Any]) -> Triggers:
    return Triggers(pattern=_STACKED)


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    # "it works!!" and "USB debugging???" are excitement and confusion; stacked
    # marks read as exasperation with someone when the sentence speaks to them.
    words = word_set(options.get("address_words"))
    for match in _STACKED.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        if addresses_someone(doc[span.start].sent, words):
            yield span.start, span.end
