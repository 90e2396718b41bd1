"""Dates to reporting periods, and the labels of groups and roles.

Inputs come from CSV (strings), JSON (strings or numbers), Parquet (dates and
timestamps) and pandas frames under Dask (Timestamps, NaN, NaT); both engines
read every value through these functions, so a message lands in the same
period and group whichever engine audited it.
"""

from __future__ import annotations

import datetime as dt
import re

PERIODS = ("month", "quarter", "year")
DEFAULT_PERIOD = "quarter"
UNKNOWN_PERIOD = "unknown"
NO_VALUE = "(none)"

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def _missing(value: object) -> bool:
    # NaN and pandas' NaT are the only values not equal to themselves.
    return value is None or value != value or (isinstance(value, str) and not value.strip())


def to_date(value: object) -> dt.date | None:
    """A calendar date from an ISO 8601 string ("2024-03-05", "2024-03-05T10:00Z",
    "2024-03"), a date, a datetime or a pandas Timestamp; None when there is none."""
    if _missing(value):
        return None
    year, month = getattr(value, "year", None), getattr(value, "month", None)
    if isinstance(year, int) and isinstance(month, int):
        return dt.date(year, month, 1)
    match = _ISO_DAY.match(str(value).strip())
    if match is None:
        return None
    month_number = int(match.group(2))
    if not 1 <= month_number <= 12:
        return None
    return dt.date(int(match.group(1)), month_number, 1)


def period_of(value: object, period: str) -> str:
    """ "2024-03" (month), "2024-Q1" (quarter) or "2024" (year); ``unknown`` without a date."""
    day = to_date(value)
    if day is None:
        return UNKNOWN_PERIOD
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def label_of(value: object) -> str:
    """A group or role as shown in the report: the value as text, trimmed; whole
    numbers read back from floats (a pandas column with gaps) lose their ".0"."""
    if _missing(value):
        return NO_VALUE
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())
