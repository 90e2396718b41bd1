"""@channel / @here / @everyone in a message about a mistake and a person:
calling the whole room to look at someone's error."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.lexicon import load_lexicon
from restorelint.match.anchors import Triggers
from restorelint.parse.people import is_person
from restorelint.parse.syntax import mentions

if TYPE_CHECKING:
    from spacy.tokens import Doc


def triggers(options: Mapping[str, Any]) -> Triggers:
    return Triggers(words=load_lexicon().not_mentions, whole_segment=True)


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    lex = load_lexicon()
    mentions_ = [t for t in doc if t.lower_ in lex.not_mentions]
    if not mentions_ or not mentions(doc, lex.words("fault_free", "fault")):
        return
    if any(is_person(t) and t.lower_ not in lex.not_mentions for t in doc):
        for token in mentions_:
            yield token.i, token.i + 1
