"""A progress bar on stderr while a long run parses, drawn only on a terminal: a
pipe, a file or CI log gets nothing."""

from __future__ import annotations

import sys
from typing import Any

import click

# Fewer paragraphs than this parse in about a second: no bar worth drawing.
MIN_SEGMENTS = 100


class ProgressBar:
    """Fed by the engine with (parsed so far, to parse); one bar per engine run."""

    def __init__(self, label: str = "restorelint: checking") -> None:
        self.label = label
        self._bar: Any = None
        self._total = 0

    @classmethod
    def on_terminal(cls, quiet: bool = False) -> ProgressBar | None:
        stream = sys.stderr
        return cls() if not quiet and stream.isatty() else None

    def __call__(self, done: int, total: int) -> None:
        if total < MIN_SEGMENTS:
            return
        if self._bar is None or total != self._total:
            self.close()
            self._total = total
            self._bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_eta=False
            )
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
