"""The one record every stage after matching passes along."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """A punitive pattern found in a text.

    Lines and columns are 1-based; ``end_column`` is exclusive (the column just
    after the last matched character), as in SARIF. ``start``/``end`` are
    0-based character offsets into the original text, ``end`` exclusive.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    rule: str
    name: str
    category: str
    severity: str
    text: str
    message: str
    suggestion: str
    applicability: str
    replacement: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
