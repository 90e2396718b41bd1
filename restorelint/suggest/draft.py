"""A sentence being rewritten, token by token, rendered from the source text so
that masked code and markup survive."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.suggest.pieces import ATTACHED, Piece, template_spans, tidy

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class ClauseRequest:
    """What a mark asks of its clause: tense, negation, a phrase at its end."""

    past: bool = False
    negate: bool = False
    suffix: str = ""
    consumed: bool = False


def _one_line(space: str) -> str:
    return " " if "\n" in space else space


class Draft:
    """One sentence being rewritten, token by token, rendered from the source."""

    def __init__(
        self, doc: Doc, source: str, base: int, start: int | None = None, end: int | None = None
    ) -> None:
        self.doc = doc
        self.n = len(doc)
        # Tokens before ``start`` (a list or quote marker) or from ``end`` on (template
        # markup after the sentence) are not the sentence's to rewrite.
        self.outside = {
            t.i
            for t in doc
            if (start is not None and base + t.idx < start)
            or (end is not None and base + t.idx >= end)
        }
        self.words = [
            "" if t.i in self.outside else source[base + t.idx : base + t.idx + len(t.text)]
            for t in doc
        ]
        self.spaces = [
            source[base + t.idx + len(t.text) : base + doc[t.i + 1].idx] if t.i + 1 < self.n else ""
            for t in doc
        ]
        # A rewrite is one line: a sentence wrapped in the source ("the sprint\n
        # deadline") is joined with spaces.
        self.words = [_one_line(w) if not w.strip() else w for w in self.words]
        self.spaces = [_one_line(w) for w in self.spaces]
        self.edits: dict[int, str] = {}
        self.deleted: set[int] = set()
        self.inserts: dict[int, list[str]] = {}
        self.blocks: list[tuple[int, int, list[Piece]]] = []
        self.requests: dict[int, ClauseRequest] = {}
        self.whole: list[Piece] | None = None
        self.deleted.update(self.outside)
        self.groups: dict[int, tuple[int, int]] = {}
        for start, end in template_spans(doc.text):
            ids = [t.i for t in doc if t.idx < end and t.idx + len(t.text) > start]
            for i in ids:
                self.groups[i] = (ids[0], ids[-1])

    # -- queries
    def content(self) -> list[int]:
        return [t.i for t in self.doc if not self.blank(t.i)]

    def blank(self, i: int) -> bool:
        """Whitespace in the source (a masked code span is not blank: it is kept)."""
        return not self.words[i].strip()

    def expand(self, indices: Iterable[int]) -> set[int]:
        """Indices grown to whole template expressions ("{{ name }}" stays in one piece)."""
        out = set(indices)
        for i in list(out):
            if i in self.groups:
                first, last = self.groups[i]
                out.update(range(first, last + 1))
        return out

    def first_word(self) -> int | None:
        words = [i for i in self.content() if not self.doc[i].is_punct]
        return words[0] if words else None

    def in_block(self, i: int) -> bool:
        return any(a <= i <= b for a, b, _ in self.blocks)

    # -- phase 1 edits
    def edit(self, i: int, text: str) -> None:
        original = self.doc[i].text
        if (
            original.startswith("'")
            and not text.startswith("'")
            and i > 0
            and not self.spaces[i - 1]
        ):
            text = " " + text  # "You're" → "You were"
        self.edits[i] = text

    def delete(self, indices: Iterable[int]) -> None:
        self.deleted.update(indices)

    def insert_after(self, i: int, text: str) -> None:
        self.inserts.setdefault(i, []).append(text)

    def remove(self, first: int, last: int) -> None:
        """Delete tokens first..last and a comma that would be left dangling."""
        doc = self.doc
        before = [i for i in range(first) if not self.blank(i) and i not in self.deleted]
        after = [i for i in range(last + 1, self.n) if not self.blank(i)]
        nxt = after[0] if after else None
        prev = before[-1] if before else None
        span = set(range(first, last + 1))
        opens = prev is None or doc[prev].text in (",", ";", ":", "—", "–", "(")
        if nxt is not None and doc[nxt].text in (",", ":", "—", "–") and opens:
            span.add(nxt)
        elif (
            prev is not None
            and doc[prev].text == ","
            and (nxt is None or doc[nxt].text in (".", "!", "?", ";", ","))
        ):
            span.add(prev)
        self.delete(span)

    def request(self, predicate: Token) -> ClauseRequest:
        return self.requests.setdefault(predicate.i, ClauseRequest())

    def take_request(self, predicate: Token) -> ClauseRequest:
        req = self.requests.get(predicate.i, ClauseRequest())
        req.consumed = True
        return req

    # -- phase 2 blocks
    def block(self, first: int, last: int, pieces: list[Piece]) -> bool:
        for a, b, _ in self.blocks:
            if not (last < a or first > b):
                return False
        self.blocks.append((first, last, pieces))
        return True

    def phrase(self, indices: Iterable[int]) -> list[Piece]:
        """Tokens (their current edits included) in order, joined as in the source."""
        # whitespace tokens ("\n" after the sentence) are never part of a phrase
        idx = sorted(i for i in self.expand(indices) if i not in self.deleted and not self.blank(i))
        out: list[Piece] = []
        for k, i in enumerate(idx):
            out.extend(self._token(i))
            if k + 1 < len(idx):
                nxt = idx[k + 1]
                if nxt == i + 1:
                    out.append(Piece(self.spaces[i]))
                elif not self.doc[nxt].text.startswith(ATTACHED):
                    out.append(Piece(" "))
        return out

    def _token(self, i: int) -> list[Piece]:
        pieces = [Piece(self.edits[i], True) if i in self.edits else Piece(self.words[i])]
        pieces += [Piece(text, True) for text in self.inserts.get(i, ())]
        return pieces

    # -- output
    def render(self) -> list[Piece]:
        if self.whole is not None:
            return list(self.whole)
        starts = {a: (b, pieces) for a, b, pieces in self.blocks}
        out: list[Piece] = []
        i = 0
        while i < self.n:
            if i in starts:
                last, pieces = starts[i]
                out.extend(pieces)
                out.append(Piece(self.spaces[last]))
                i = last + 1
                continue
            if i not in self.deleted:
                out.extend(self._token(i))
                out.append(Piece(self.spaces[i]))
            i += 1
        return tidy(out)
