"""The audit on Dask (``--engine dask``): the same work as the single-process audit,
spread over a cluster's workers.

- Input partitions are streamed by ``dask.dataframe``: from Parquet (by row
  groups), JSON Lines (by bytes) and CSV/TSV (by byte ranges that end where a
  row ends, so a quoted field may hold line breaks), each about ``chunk_size``
  rows; folders of documents in batches of ``chunk_size`` paths.
- Each worker loads the model once (``dask_worker.PipelinePlugin``) and turns
  each partition into a tally of plain counts (a delayed task per partition).
- The tallies are merged on the workers by a tree reduction of futures, eight
  at a time, and only the final tally comes back to the client.

Without ``--scheduler`` a ``LocalCluster`` of one single-threaded worker process
per CPU is started (spaCy holds the GIL: threads would not run in parallel).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from restorelint.audit.inputs import Inputs
from restorelint.audit.spec import AuditSpec
from restorelint.audit.tables import TableReader, csv_blocks
from restorelint.audit.tally import Tally, merge_all

DASK_HINT = "--engine dask needs Dask: pip install 'restorelint[dask]'"
SPLIT_EVERY = 8  # tallies merged per reduction task
SAMPLE_BYTES = 1 << 20  # read to estimate a table's bytes per row
MIN_BLOCK = 4 * 1024
# progress(partitions done, partitions in all)
Progress = Callable[[int, int], None]


class DaskMissing(RuntimeError):
    pass


def _require() -> None:
    try:
        import dask.dataframe  # noqa: F401  (pandas and pyarrow come with it)
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskMissing(f"{DASK_HINT} ({exc.name or exc} is not installed)") from None


def _blocksize(path: os.PathLike[str], rows: int) -> int:
    """Bytes that hold about ``rows`` rows of this file."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    lines = max(1, sample.count(b"\n"))
    return max(MIN_BLOCK, len(sample) // lines * rows)


def _table_partitions(path: Any, fmt: str, spec: AuditSpec, chunk_size: int) -> list[Any]:
    """A delayed tally per partition of the table."""
    import dask
    import dask.dataframe as dd

    from restorelint.audit.dask_worker import read_csv_block, tally_frame

    # The client checks the columns first, for the same error as --engine local.
    next(iter(TableReader(path, fmt, spec.columns.names()).rows()), None)
    names = spec.columns.names()
    if fmt == "parquet":
        frame = dd.read_parquet(str(path), columns=names)
    elif fmt == "jsonl":
        frame = dd.read_json(
            str(path),
            lines=True,
            blocksize=_blocksize(path, chunk_size),
            dtype=False,
            convert_dates=False,
        )[names]
    else:
        # dd.read_csv cuts the file at any line break, which splits a review's
        # paragraphs into broken rows; these blocks end only where rows end.
        header, ranges = csv_blocks(Path(path), _blocksize(path, chunk_size))
        sep = "\t" if fmt == "tsv" else ","
        frame = dd.from_delayed(
            [
                dask.delayed(read_csv_block, pure=True)(str(path), header, a, b, sep, names)
                for a, b in ranges
            ],
            meta={name: "object" for name in names},
            verify_meta=False,
        )
    prefix = os.path.abspath(path)
    return [
        dask.delayed(tally_frame, pure=True)(part, spec.token, f"{prefix}/{number}")
        for number, part in enumerate(frame.to_delayed())
    ]


def _document_partitions(inputs: Inputs, spec: AuditSpec, chunk_size: int) -> list[Any]:
    import dask

    from restorelint.audit.dask_worker import tally_documents

    paths = [os.path.abspath(p) for p in inputs.documents]
    step = max(1, chunk_size)
    return [
        dask.delayed(tally_documents, pure=True)(paths[i : i + step], spec.token)
        for i in range(0, len(paths), step)
    ]


def _client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def audit_dask(
    inputs: Inputs,
    spec: AuditSpec,
    chunk_size: int,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Tally:
    _require()
    from distributed import as_completed

    from restorelint.audit.dask_worker import PLUGIN_NAME, PipelinePlugin

    parts = [t for p, fmt in inputs.tables for t in _table_partitions(p, fmt, spec, chunk_size)]
    if inputs.documents:
        parts += _document_partitions(inputs, spec, chunk_size)
    if not parts:
        return Tally(spec.examples)
    client, cluster = _client(scheduler, workers)
    try:
        client.register_plugin(PipelinePlugin(spec), name=PLUGIN_NAME)
        futures = client.compute(parts)
        for done, _future in enumerate(as_completed(futures), 1):
            if progress is not None:
                progress(done, len(futures))
        # A tree reduction on the workers: only the last tally travels to the client.
        while len(futures) > 1:
            futures = [
                client.submit(merge_all, futures[i : i + SPLIT_EVERY], pure=False)
                for i in range(0, len(futures), SPLIT_EVERY)
            ]
        return futures[0].result()  # type: ignore[no-any-return]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
