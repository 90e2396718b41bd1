"""Fingerprints: recognise the same finding after the document around it has changed.

A fingerprint hashes the rule, the matched words and a few words on either side
of them within the same sentence, all normalised (case, curly apostrophes,
whitespace and line breaks). It never uses line numbers or offsets, and never
looks past the sentence, so it survives moved sentences, paragraphs and list
items, reflowed lines and edits anywhere else in the file; it changes when the
flagged words or their immediate neighbours change. Sentences are found with a
plain pattern rather than the model, so a new model cannot change fingerprints.

Baselines store these hashes instead of any text (HR documents are
confidential), and SARIF output carries them as ``partialFingerprints`` so code
scanning can follow an alert across commits.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from restorelint.records import Finding

ALGORITHM = "v1"
CONTEXT_WORDS = 3
# Enough characters to hold CONTEXT_WORDS words on each side in any real prose.
_WINDOW = 400
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
# Where a sentence ends: terminal punctuation (and closing quotes or brackets) before
# whitespace, a blank line, or a line that starts a list item, heading or quote.
# The lookbehind starts a match only at a run's first mark (linear on "!!!!…").
_BOUNDARY = re.compile(
    r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s)|\n[ \t]*\n|\n(?=[ \t]*(?:[-*+>#]|\d+[.)])[ \t])"
)


def normalise(text: str) -> str:
    """Case-folded, straight quotes, every run of whitespace (line breaks too) one space."""
    return " ".join(text.translate(_APOSTROPHES).casefold().split())


def _words(text: str) -> list[str]:
    return [normalise(m.group(0)) for m in _WORD.finditer(text)]


def context_words(source_text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Up to CONTEXT_WORDS whole words before ``start`` and after ``end``, in the same
    sentence."""
    lo = max(0, start - _WINDOW)
    head = source_text[lo:start]
    boundaries = list(_BOUNDARY.finditer(head))
    if boundaries:
        before = _words(head[boundaries[-1].end() :])
    else:
        before = _words(head)
        if lo > 0:
            before = before[1:]  # the first word may have been cut by the window
    hi = min(len(source_text), end + _WINDOW)
    tail = source_text[end:hi]
    boundary = _BOUNDARY.search(tail)
    if boundary:
        after = _words(tail[: boundary.start()])
    else:
        after = _words(tail)
        if hi < len(source_text):
            after = after[:-1]
    return before[-CONTEXT_WORDS:], after[:CONTEXT_WORDS]


def fingerprint(finding: Finding, source_text: str | None) -> str:
    """A 16-hex-digit hash of rule, matched text and surrounding words."""
    before, after = (
        context_words(source_text, finding.start, finding.end) if source_text else ([], [])
    )
    payload = "\x1f".join(
        [ALGORITHM, finding.rule, normalise(finding.text), " ".join(before), " ".join(after)]
    )
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def numbered(findings: Iterable[Finding], texts: dict[str, str]) -> Iterator[tuple[str, int]]:
    """Each finding's fingerprint and its occurrence number (1, 2, ...) within its file,
    so that two identical findings in one file stay two."""
    seen: Counter[tuple[str, str]] = Counter()
    for finding in findings:
        print_ = fingerprint(finding, texts.get(finding.path))
        seen[finding.path, print_] += 1
        yield print_, seen[finding.path, print_]
