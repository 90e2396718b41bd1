"""Parse many segments on several cores with output identical to one core.

Workers are forked from a process that has already loaded the model and
compiled the rules, so they start without paying for either again. Segments
are cut into contiguous chunks and the results are put back in chunk order,
so the results come out in the same order as in a serial run.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
_WORK: Callable[[list], list] | None = None  # type: ignore[type-arg]


def _call(chunk: list) -> list:  # type: ignore[type-arg]
    assert _WORK is not None
    return _WORK(chunk)


def in_parallel(
    work: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    jobs: int,
    chunk_done: Callable[[int], None] | None = None,
) -> list[Result]:
    """``work`` over ``items`` in ``jobs`` forked processes; serial where fork is missing
    (spawn would reload the model in every worker). ``chunk_done(n)`` is told, in
    this process, each time the results of ``n`` more items are in."""
    if "fork" not in multiprocessing.get_all_start_methods():
        results = work(list(items))
        if chunk_done is not None:
            chunk_done(len(items))
        return results
    global _WORK
    _WORK = work
    size = -(-len(items) // (jobs * 4))  # a few chunks per worker evens the load
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    try:
        context = multiprocessing.get_context("fork")
        out: list[Result] = []
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for chunk, part in zip(chunks, pool.map(_call, chunks), strict=True):
                out.extend(part)
                if chunk_done is not None:
                    chunk_done(len(chunk))
        return out
    finally:
        _WORK = None
