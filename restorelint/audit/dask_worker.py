"""What runs on a Dask worker: the plugin that builds the pipeline once when the
worker starts, and the tasks that audit one partition into a tally.

Tasks receive the spec's token, not the spec: the plugin brings the spec (the
rules and settings, ~100 KB) to each worker once, so a graph of ten thousand
partitions does not carry ten thousand copies. A partition goes through the
same ``audit_chunk`` as the single-process audit (one ``nlp.pipe`` over its
messages) and comes back as a ``Tally`` of plain counts — never spaCy objects.
This module imports ``distributed``: only the Dask engine loads it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from restorelint.audit.inputs import EMPTY, UNREADABLE, Message, message_from_row
from restorelint.audit.spec import AuditSpec, audit_chunk, warm
from restorelint.audit.tally import Tally
from restorelint.read.sources import read_file
from restorelint.records import InputError

_SPECS: dict[str, AuditSpec] = {}
PLUGIN_NAME = "restorelint-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Load the spaCy model and compile the rules once per worker process."""

    def __init__(self, spec: AuditSpec) -> None:
        self.spec = spec
        self.token = spec.token

    def setup(self, worker: Any) -> None:
        _SPECS[self.token] = self.spec
        warm(self.spec)


def _spec(token: str) -> AuditSpec:
    if token not in _SPECS:
        raise RuntimeError("this worker has no restorelint plugin (register PipelinePlugin)")
    return _SPECS[token]


def read_csv_block(path: str, header: int, start: int, end: int, sep: str, names: list[str]) -> Any:
    """Rows ``[start, end)`` of a CSV file (``tables.csv_blocks``) as a pandas frame."""
    import pandas as pd

    with open(path, "rb") as handle:
        head = handle.read(header)
        handle.seek(start)
        body = handle.read(end - start)
    return pd.read_csv(
        io.BytesIO(head + body),
        sep=sep,
        usecols=names,
        dtype=str,
        keep_default_na=False,
        encoding="utf-8-sig",
    )


def tally_frame(frame: Any, token: str, prefix: str) -> Tally:
    """One partition of a table (a pandas frame)."""
    spec = _spec(token)
    messages: list[Message] = []
    skipped: dict[str, int] = {}
    for number, row in enumerate(frame.to_dict(orient="records")):
        made = message_from_row(f"{prefix}-{number}", row, spec.columns)
        if isinstance(made, str):
            skipped[made] = skipped.get(made, 0) + 1
        else:
            messages.append(made)
    tally = audit_chunk(spec, messages)
    tally.skipped.update(skipped)
    return tally


def tally_documents(paths: Iterable[str], token: str) -> Tally:
    """One partition of document paths, read on the worker (the paths must be the
    same there: a shared filesystem)."""
    spec = _spec(token)
    messages = []
    skipped: dict[str, int] = {}
    for path in paths:
        source = read_file(Path(path))
        if isinstance(source, InputError):
            skipped[UNREADABLE] = skipped.get(UNREADABLE, 0) + 1
        elif not source.text.strip():
            skipped[EMPTY] = skipped.get(EMPTY, 0) + 1
        else:
            messages.append(Message(key=path, text=source.text, format=source.format))
    tally = audit_chunk(spec, messages)
    tally.skipped.update(skipped)
    return tally
