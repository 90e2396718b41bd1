"""Is a word an ordinary English word rather than a name? Read from lemminflect's
word list, which spells names in title case ("Aaron") and words in lower case
("dictionary"), so a title-case proper noun the tagger hands us ("Dictionary",
"Composer", "Status") can be told from a first name ("Priya", "Omar").

The file is read straight from lemminflect's package data, without importing
lemminflect (about 0.4 s), the first time a title-case proper noun is asked
about; a missing or unreadable file means no word is known, which keeps the
older behaviour (every title-case proper noun is a name)."""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache
from pathlib import Path

_WORD_LIST = ("resources", "lemma_lu.csv.gz")


@cache
def _table() -> str:
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or spec.origin is None:
        return ""
    try:
        with gzip.open(Path(spec.origin).parent.joinpath(*_WORD_LIST), "rb") as fh:
            return "\n" + fh.read().decode()
    except (OSError, UnicodeDecodeError, EOFError):
        return ""


def _listed(spelling: str) -> bool:
    return f"\n{spelling}," in _table()


@cache
def is_common_word(lower: str) -> bool:
    """Is ``lower`` listed as a lower-case word and not also as a name? ("Grace",
    "Martin" and "Brown" are listed both ways and stay names.)"""
    return lower.isalpha() and _listed(lower) and not _listed(lower.title())
