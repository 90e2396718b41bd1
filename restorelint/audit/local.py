"""The single-process audit: read a chunk, lint it, add it to the tally, forget it.

At most one chunk of messages (and the parses of that chunk) is held at a time,
so memory stays flat however many messages stream through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from restorelint.audit.inputs import Inputs
from restorelint.audit.spec import AuditSpec, audit_chunk
from restorelint.audit.tally import Tally

DEFAULT_CHUNK = 1000
Item = TypeVar("Item")
# progress(bytes read so far, messages audited so far)
Progress = Callable[[int, int], None]


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def audit_local(
    inputs: Inputs,
    spec: AuditSpec,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Progress | None = None,
) -> Tally:
    tally = Tally(spec.examples)
    done = 0
    for chunk in chunked(inputs.messages(), max(1, chunk_size)):
        tally.merge(audit_chunk(spec, chunk))
        done += len(chunk)
        if progress is not None:
            progress(inputs.done_bytes, done)
    tally.skipped.update(inputs.skipped)
    return tally
