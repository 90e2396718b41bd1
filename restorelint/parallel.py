"""Parse many segments on several cores with output identical to one core.

Workers are forked from a process that has already loaded the model and
compiled the rules, so they start without paying for either again. Segments
are cut into contiguous chunks and the results are put back in chunk order,
so the findings come out in the same order as in a serial run.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from restorelint.engine import Hit, Linter
    from restorelint.segment import Segment

_WORKER_LINTER: Linter | None = None


def _work(segments: list[Segment]) -> list[tuple[int, Hit]]:
    assert _WORKER_LINTER is not None
    return _WORKER_LINTER.match_segments(segments)


def parallel_match(linter: Linter, segments: list[Segment]) -> list[tuple[int, Hit]]:
    if "fork" not in multiprocessing.get_all_start_methods():
        return linter.match_segments(segments)  # spawn would reload the model per worker
    global _WORKER_LINTER
    _ = linter.compiled  # load and compile once, in the parent, before forking
    _WORKER_LINTER = linter
    size = -(-len(segments) // (linter.jobs * 4))  # a few chunks per worker evens the load
    chunks = [segments[i : i + size] for i in range(0, len(segments), size)]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=linter.jobs, mp_context=context) as pool:
            return [hit for part in pool.map(_work, chunks) for hit in part]
    finally:
        _WORKER_LINTER = None
