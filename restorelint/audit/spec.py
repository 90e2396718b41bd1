"""What auditing a chunk of messages needs, in one picklable record, and the work
itself: rows from the pipeline, added to a tally with their group, period and
role, and excerpts for ``--examples``.

Both engines call ``audit_chunk``: the single-process one on chunks it reads,
each Dask worker on the partitions it is given. The pipeline (the spaCy model
and the compiled rules) is built once per process, on first use or by the
Dask worker plugin when the worker starts.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.audit.excerpts import excerpt
from restorelint.audit.inputs import Columns, Message
from restorelint.audit.periods import label_of, period_of
from restorelint.audit.rows import RowMaker
from restorelint.audit.tally import Tally
from restorelint.catalog.rules import Rule
from restorelint.records import CATEGORIES
from restorelint.review.settings import ReviewSettings
from restorelint.run.cache import Cache, digest

if TYPE_CHECKING:
    from restorelint.settings.resolver import Resolver

_TONE = frozenset(CATEGORIES)
_MAKERS: dict[str, RowMaker] = {}


@dataclass(frozen=True)
class AuditSpec:
    rules: tuple[Rule, ...]
    columns: Columns = field(default_factory=Columns)
    resolver: Resolver | None = None
    review: ReviewSettings = field(default_factory=ReviewSettings)
    period: str = "quarter"
    examples: int = 0
    cache: bool = True  # keep rows in the result cache
    reuse: bool = True  # read rows from it (False: --no-cache)

    @property
    def token(self) -> str:
        """Equal for equal specs within a process (the per-process pipeline's key; set
        iteration, and so the pickle, may differ between processes)."""
        return digest(
            pickle.dumps((self.rules, self.resolver, self.review, self.cache, self.reuse))
        )


def maker_for(spec: AuditSpec) -> RowMaker:
    """This process's row maker for the spec, made once. The model is loaded on first
    use (a rerun that finds every row in the cache never loads it), or by ``warm``."""
    token = spec.token
    if token not in _MAKERS:
        from restorelint.run.pipeline import Pipeline

        pipeline = Pipeline(spec.rules, spec.resolver)
        _MAKERS[token] = RowMaker(
            pipeline, spec.review, Cache() if spec.cache else None, reuse=spec.reuse
        )
    return _MAKERS[token]


def warm(spec: AuditSpec) -> None:
    """Load the model and compile the rules now (a Dask worker, as it starts)."""
    _ = maker_for(spec).pipeline.engine.compiled


def audit_chunk(spec: AuditSpec, messages: Sequence[Message]) -> Tally:
    maker = maker_for(spec)
    tally = Tally(spec.examples)
    if not messages:
        return tally
    rows, tally.parsed = maker.rows(messages)
    columns = spec.columns
    for message, row in zip(messages, rows, strict=True):
        tally.add(
            row,
            group=label_of(message.group) if columns.group else None,
            period=period_of(message.date, spec.period) if columns.date else None,
            role=label_of(message.role) if columns.role else None,
        )
        if not spec.examples:
            continue
        for rule, category, _severity, start, end in row.findings:
            # A sample that is the same whichever engine, chunking or order made it.
            key = digest(message.text, rule, str(start))
            if category in _TONE and tally.wants_example(category, key):
                found = excerpt(maker.pipeline.nlp, message.text, start, end, rule, category)
                tally.offer(key, found)
    return tally
