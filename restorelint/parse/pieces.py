"""One doc from the docs of a text's pieces, each parsed alone.

The engine parses a paragraph as pieces (a sentence, or sentences that must be
read together) and joins the docs of the pieces a stretch holds. A sentence so
gets the same parse whether the stretch around it is one sentence or the whole
paragraph, and the by-sentence path finds exactly what parsing every piece
would (``benchmarks/identical.py``).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def joined(docs: Sequence[Doc]) -> Doc:
    """The docs as one, their texts end to end: each piece keeps the whitespace
    after it, so nothing is added between them."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    with warnings.catch_warnings():
        # W102: a piece's doc may hold what a filter read of it alone (user_data);
        # dropping it is right, the joined doc is read afresh
        warnings.filterwarnings("ignore", message=r"\[W102\]")
        return Doc.from_docs(list(docs), ensure_whitespace=False)


def completed(
    nlp: Language, text: str, pieces: Sequence[tuple[int, int]], parsed: dict[int, Doc]
) -> Doc:
    """The doc of all of ``text``, parsing only the pieces not in ``parsed`` (docs
    by the piece's start; the new ones are added to it)."""
    missing = [(a, b) for a, b in pieces if a not in parsed]
    docs = nlp.pipe(text[a:b] for a, b in missing)
    parsed.update(zip([a for a, _ in missing], docs, strict=True))
    return joined([parsed[a] for a, _ in pieces])


def parsed(nlp: Language, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[Doc]:
    """Each text's doc, made of its pieces' docs, all pieces in one pipe."""
    docs = iter(nlp.pipe(text[a:b] for text, pieces in items for a, b in pieces))
    return [joined([next(docs) for _ in pieces]) for _, pieces in items]
