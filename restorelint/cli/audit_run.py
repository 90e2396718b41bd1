"""Running the audit's engine with a progress bar on stderr (only when asked, or
when stderr is a terminal: a log or a pipe gets no bar)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from restorelint.audit.inputs import Inputs
from restorelint.audit.local import audit_local
from restorelint.audit.spec import AuditSpec
from restorelint.audit.tally import Tally
from restorelint.cli.outcome import fail


def run_engine(
    engine: str,
    inputs: Inputs,
    spec: AuditSpec,
    chunk_size: int,
    show_progress: bool,
    scheduler: str | None,
    workers: int | None,
) -> Tally:
    if engine == "dask":
        from restorelint.audit.on_dask import DaskMissing, audit_dask

        try:
            if not show_progress:
                return audit_dask(inputs, spec, chunk_size, scheduler, workers)
            with _bar(1, "auditing (partitions)") as bar:
                return audit_dask(inputs, spec, chunk_size, scheduler, workers, _partitions(bar))
        except DaskMissing as exc:
            fail(str(exc))
    if not show_progress:
        return audit_local(inputs, spec, chunk_size)
    with _bar(max(1, inputs.total_bytes), "auditing") as bar:
        seen = [0]

        def advance(done_bytes: int, messages: int) -> None:
            bar.update(done_bytes - seen[0], f"{messages:,} messages")
            seen[0] = done_bytes

        return audit_local(inputs, spec, chunk_size, advance)


def _bar(length: int, label: str) -> click.progressbar:  # type: ignore[type-arg]
    return click.progressbar(
        length=length,
        label=label,
        file=sys.stderr,
        show_eta=True,
        show_percent=True,
        item_show_func=lambda item: item,
    )


def _partitions(bar: click.progressbar) -> Callable[[int, int], None]:  # type: ignore[type-arg]
    def advance(done: int, total: int) -> None:
        bar.length = total
        bar.update(1, f"{done}/{total} partitions")

    return advance
