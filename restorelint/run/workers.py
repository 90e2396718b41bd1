"""Paragraphs planned, parsed and judged in forked workers, and their results sent
back: hits, and the parses of the stretches that hold them as one ``DocBin``.

Pickling a ``Doc`` pickles its whole vocabulary with it, so every doc would
cost more to send than to parse again; a ``DocBin`` carries only the
annotations and the strings it uses. The try: lines then read these parses
instead of parsing the flagged stretches a second time in the parent. Only
what the parse decides travels (no ``user_data``): the parent gets the doc it
would get by parsing the stretch's text again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from restorelint.records import Hit, Segment
from restorelint.run.parallel import in_parallel
from restorelint.run.units import Judged, Planned, Tick

if TYPE_CHECKING:
    from spacy.vocab import Vocab

# as Judged, each parse replaced by its number in the DocBin
Shipped = tuple[list[tuple[int, list[Hit], list[tuple[Segment, int | None]]]], bytes]
Work = Callable[..., list[Judged]]


def in_workers(
    work: Work, items: list[Planned], jobs: int, vocab: Vocab, tick: Tick | None, keep: int
) -> list[Judged]:
    """``work(chunk, keep=...)`` over ``items`` in ``jobs`` workers, in order; the
    docs kept add up to at most ``keep`` tokens."""
    done = 0

    def chunk_done(size: int) -> None:
        nonlocal done
        done += size
        if tick is not None:
            tick(done)

    share = keep // (4 * jobs)  # in_parallel cuts 4 chunks per worker

    def shipped_work(chunk: list[Planned]) -> list[Shipped]:
        return [ship(work(chunk, keep=share))]

    shipped = in_parallel(shipped_work, items, jobs, chunk_done)
    return [judged for part in shipped for judged in unship(part, vocab)]


def ship(judged: Sequence[Judged]) -> Shipped:
    from spacy.tokens import DocBin

    docs = DocBin(store_user_data=False)
    light = []
    count = 0
    for number, hits, stretches in judged:
        own: list[tuple[Segment, int | None]] = []
        for segment, doc in stretches:
            if doc is None:
                own.append((segment, None))
                continue
            docs.add(doc)
            own.append((segment, count))
            count += 1
        light.append((number, hits, own))
    return light, docs.to_bytes()


def unship(shipped: Shipped, vocab: Vocab) -> list[Judged]:
    from spacy.tokens import DocBin

    light, data = shipped
    docs = list(DocBin().from_bytes(data).get_docs(vocab))
    return [
        (number, hits, [(seg, None if at is None else docs[at]) for seg, at in own])
        for number, hits, own in light
    ]
