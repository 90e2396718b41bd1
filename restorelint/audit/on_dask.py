"""The audit on Dask (``--engine dask``): the same work as the single-process audit,
spread over a cluster's workers.

- Input partitions are streamed by ``dask.dataframe`` from CSV/TSV and JSON
  Lines (split by bytes, sized to about ``chunk_size`` rows) and from Parquet
  (by row groups), and by ``dask.bag`` for folders of documents.
- Each worker loads the model once (``dask_worker.PipelinePlugin``) and turns
  each partition into a tally of plain counts.
- The tallies are merged on the cluster by a tree reduction (``Bag.reduction``),
  and only the final tally comes back.

Without ``--scheduler`` a ``LocalCluster`` of one single-threaded worker process
per CPU is started (spaCy holds the GIL: threads would not run in parallel).
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable
from typing import Any

from restorelint.audit.inputs import Inputs
from restorelint.audit.spec import AuditSpec
from restorelint.audit.tables import TableReader
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
    for module in ("dask", "distributed", "pandas", "pyarrow"):
        if importlib.util.find_spec(module) is None:
            raise DaskMissing(f"{DASK_HINT} ({module} is not installed)")


def _blocksize(path: os.PathLike[str], rows: int) -> int:
    """Bytes that hold about ``rows`` rows of this file."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    lines = max(1, sample.count(b"\n"))
    return max(MIN_BLOCK, len(sample) // lines * rows)


def _table_partitions(path: Any, fmt: str, spec: AuditSpec, chunk_size: int) -> Any:
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    from restorelint.audit.dask_worker import tally_frame

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
        frame = dd.read_csv(
            str(path),
            sep="\t" if fmt == "tsv" else ",",
            blocksize=_blocksize(path, chunk_size),
            usecols=names,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
        )
    prefix = os.path.abspath(path)
    parts = frame.to_delayed()
    return db.from_delayed(
        [
            dask.delayed(tally_frame, pure=True)(part, spec.token, f"{prefix}/{number}")
            for number, part in enumerate(parts)
        ]
    )


def _document_partitions(inputs: Inputs, spec: AuditSpec, chunk_size: int) -> Any:
    import dask.bag as db

    from restorelint.audit.dask_worker import tally_documents

    paths = [os.path.abspath(p) for p in inputs.documents]
    bag = db.from_sequence(paths, partition_size=max(1, chunk_size))
    return bag.map_partitions(tally_documents, spec.token)


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
    import dask.bag as db
    from distributed import as_completed, futures_of

    from restorelint.audit.dask_worker import PLUGIN_NAME, PipelinePlugin

    bags = [_table_partitions(p, fmt, spec, chunk_size) for p, fmt in inputs.tables]
    if inputs.documents:
        bags.append(_document_partitions(inputs, spec, chunk_size))
    tally = Tally(spec.examples)
    if not bags:
        return tally
    client, cluster = _client(scheduler, workers)
    try:
        client.register_plugin(PipelinePlugin(spec), name=PLUGIN_NAME)
        partials = client.persist(db.concat(bags))
        futures = futures_of(partials)
        for done, _future in enumerate(as_completed(futures), 1):
            if progress is not None:
                progress(done, len(futures))
        merged = partials.reduction(merge_all, merge_all, split_every=SPLIT_EVERY)
        tally = client.compute(merged).result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return tally
