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
def _spellings() -> frozenset[str]:
    # one set (about 20 ms to build) rather than a search of the 1.8 MB text per
    # word (about 1 ms each, and a message has dozens of proper nouns)
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or spec.origin is None:
        return frozenset()
    try:
        with gzip.open(Path(spec.origin).parent.joinpath(*_WORD_LIST), "rb") as fh:
            text = fh.read().decode()
    except (OSError, UnicodeDecodeError, EOFError):
        return frozenset()
    return frozenset(line.partition(",")[0] for line in text.splitlines())


def load_word_list() -> None:
    """Read the word list now, in a process about to fork its parse workers, so
    they share one copy instead of each building its own."""
    _spellings()


@cache
def is_common_word(lower: str) -> bool:
    """Is ``lower`` listed as a lower-case word and not also as a name? ("Grace",
    "Martin" and "Brown" are listed both ways and stay names.)"""
    words = _spellings()
    return lower.isalpha() and lower in words and lower.title() not in words
