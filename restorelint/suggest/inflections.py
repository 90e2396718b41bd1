"""lemminflect's inflection table, read one lemma at a time.

lemminflect builds its whole table (about 100,000 lemmas) at the first lookup,
which costs about 0.2 s, most of a check's rewrite stage for a handful of verbs.
Here the lines for one lemma are found in the decompressed file and parsed by
lemminflect's own codec into lemminflect's own table, so the rest of its
logic (overrides, alternative tags, inflecting an unknown word) stays its own
and the forms are the ones the whole table gives (``tests/test_inflections.py``).
"""

from __future__ import annotations

import gzip
from typing import Any

# lemminflect reads its table only through the singleton's ``infl_dict.get``.
_ATTRIBUTE = "infl_dict"


class LemmaTable(dict[str, Any]):
    """lemminflect's ``{lemma: {tag: spellings}}``, filled one lemma at a time."""

    def __init__(self, text: str, codec: Any) -> None:
        super().__init__()
        self._text = text
        self._codec = codec
        self._absent: set[str] = set()
        # the auxiliaries and modals replace what the file says, as in codec.load
        self.update(codec.updateForAuxMod({}))

    def get(self, key: Any, default: Any = None) -> Any:
        if isinstance(key, str) and key not in self and key not in self._absent:
            self._read(key)
        return super().get(key, default)

    def _read(self, lemma: str) -> None:
        forms: dict[str, tuple[str, ...]] | None = None
        for line in self._lines(lemma):
            word, _, found = self._codec.fromString(line)
            if word != lemma:
                continue
            # the file may give a lemma on several lines (noun, verb): merged in order
            forms = found if forms is None else {**forms, **found}
        if forms is None:
            self._absent.add(lemma)
        else:
            self[lemma] = forms

    def _lines(self, lemma: str) -> list[str]:
        text, head = self._text, f"{lemma},"
        starts = [0] if text.startswith(head) else []
        at = text.find("\n" + head)
        while at != -1:
            starts.append(at + 1)
            at = text.find("\n" + head, at + 1)
        ends = [text.find("\n", start) for start in starts]
        return [
            text[s : len(text) if e == -1 else e + 1] for s, e in zip(starts, ends, strict=True)
        ]


def install() -> None:
    """Give lemminflect a table that reads lemmas as they are asked for; nothing
    changes when lemminflect has loaded its table already or is not laid out as
    this expects (it then loads the whole table, as it always did)."""
    try:
        from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
        from lemminflect.core.Inflections import Inflections

        inflections = Inflections()
        if hasattr(inflections, _ATTRIBUTE) or not hasattr(inflections, "_getInflDict"):
            return
        with gzip.open(inflections.infl_lu_fn, "rb") as fh:
            text = fh.read().decode()
        setattr(inflections, _ATTRIBUTE, LemmaTable(text, InflectionLUCodec))
    except (ImportError, AttributeError, OSError, UnicodeDecodeError):
        return
