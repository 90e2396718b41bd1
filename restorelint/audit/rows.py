"""One chunk of messages through the pipeline, each message reduced to a row of
plain values: its findings as (rule, category, severity, start, end), its score,
the checklist elements present and its readability figures.

Rows hold no words of the message, so they may be cached (keyed by the text,
its format, the rules, the configuration that governs it and the versions, as
the engine's own cache is) and shipped between processes. A second audit of the
same data parses only the messages it has not seen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from restorelint.audit.inputs import Message
from restorelint.records import Source
from restorelint.run.cache import Cache, digest

if TYPE_CHECKING:
    from restorelint.review.message import MessageReview
    from restorelint.review.settings import ReviewSettings
    from restorelint.run.pipeline import Pipeline

ROW_FORMAT = 1
# (rule, category, severity, start, end)
RowFinding = tuple[str, str, str, int, int]


@dataclass(frozen=True)
class Row:
    findings: tuple[RowFinding, ...]
    score: int
    present: tuple[str, ...]  # ids of the checklist elements present
    words: int
    sentences: int
    reading_ease: float | None
    grade: float | None
    above_max_grade: bool
    long_sentences: int

    @classmethod
    def of(cls, review: MessageReview) -> Row:
        r = review.readability
        return cls(
            findings=tuple(
                (f.rule, f.category, f.severity, f.start, f.end) for f in review.findings
            ),
            score=review.score.value,
            present=tuple(i.element.id for i in review.checklist if i.present),
            words=r.words,
            sentences=r.sentences,
            reading_ease=r.reading_ease,
            grade=r.grade,
            above_max_grade=r.above_max_grade,
            long_sentences=len(r.long_sentences),
        )

    def to_json(self) -> list[Any]:
        return [
            ROW_FORMAT,
            [list(f) for f in self.findings],
            self.score,
            list(self.present),
            self.words,
            self.sentences,
            self.reading_ease,
            self.grade,
            self.above_max_grade,
            self.long_sentences,
        ]

    @classmethod
    def from_json(cls, data: Any) -> Row:
        """Raises TypeError or ValueError on an entry of another shape (it is re-made)."""
        version, findings, score, present, words, sentences, ease, grade, above, long = data
        if version != ROW_FORMAT:
            raise ValueError("another row format")
        return cls(
            tuple((str(r), str(c), str(s), int(a), int(b)) for r, c, s, a, b in findings),
            int(score),
            tuple(str(p) for p in present),
            int(words),
            int(sentences),
            None if ease is None else float(ease),
            None if grade is None else float(grade),
            bool(above),
            int(long),
        )


@cache
def _file_digest(path: str) -> str:
    return digest(Path(path).read_bytes())


def _versions() -> str:
    try:
        return metadata.version("textstat")
    except metadata.PackageNotFoundError:
        return "-"


class RowMaker:
    """Rows for messages, from the cache where it has them, else from the pipeline."""

    def __init__(
        self,
        pipeline: Pipeline,
        settings: ReviewSettings,
        cache: Cache | None = None,
        reuse: bool = True,
    ) -> None:
        from restorelint.catalog.checklist import load_checklist

        self.pipeline = pipeline
        self.settings = settings
        self.cache = cache
        self.reuse = reuse
        checklist = settings.checklist or load_checklist()
        self.stamp = digest(
            "audit-row",
            pipeline.engine.fingerprint,
            _file_digest(checklist.source),
            _versions(),
            repr((settings.max_grade, settings.max_sentence_words, settings.readability)),
        )

    def _key(self, message: Message) -> str:
        configured = ""
        if self.pipeline.resolver is not None:
            # A table row's key is "<file>/<row>": the file's own settings govern it.
            settings = self.pipeline.resolver.settings_for(message.key)
            configured = repr((settings, settings.ignored_for(Path(message.key))))
        return digest(self.stamp, configured, message.format or "", message.text)

    def rows(self, messages: Sequence[Message]) -> tuple[list[Row], int]:
        """A row per message, and how many of them had to be parsed (not cached)."""
        found: dict[int, Row] = {}
        keys = [self._key(m) for m in messages] if self.cache is not None else []
        if self.cache is not None and self.reuse:
            for number, key in enumerate(keys):
                stored = self.cache.get(key)
                # damaged or from another version: made again below
                with contextlib.suppress(TypeError, ValueError):
                    if stored is not None:
                        found[number] = Row.from_json(stored)
        todo = [n for n in range(len(messages)) if n not in found]
        if todo:
            sources = [Source(messages[n].key, messages[n].text, messages[n].format) for n in todo]
            _linted, reviews = self.pipeline.review(sources, self.settings)
            by_key = {r.path: r for r in reviews}
            for n in todo:
                found[n] = Row.of(by_key[messages[n].key])
                if self.cache is not None:
                    self.cache.put(keys[n], found[n].to_json())
        return [found[n] for n in range(len(messages))], len(todo)
