"""The learned tone scorer: a linear bag-of-words model (logistic regression over
lowercased words and word pairs) trained on the labelled dataset's train split
by ``training/train_tone.py``.

It is plain Python over a JSON table of weights, not a spaCy component: it
reads words only, so it scores every sentence of every message in microseconds,
and a run that parses nothing never imports spaCy (the no-trigger cold start
stays where it was). The parse is made only for the sentences it marks, for
the context filters.

A sentence's score is the model's probability that it is punitive. Because the
model is linear, each finding explains itself exactly: the words and word
pairs with the largest positive weights in the sentence are what drove it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent.parent / "models" / "tone.json"
# How many of a sentence's words an explanation names.
TOP_WORDS = 3
# Words, and "!"/"?" because stacked marks carry tone; apostrophes kept inside
# words so "don't" and "you're" are features of their own.
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[!?]")
START = "<s>"


class ToneModelMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            f"the tone model is not built ({MODEL_FILE}); reinstall restorelint, or run "
            "python training/train_tone.py from a checkout"
        )


@dataclass(frozen=True)
class ToneModel:
    bias: float
    weights: dict[str, float]
    threshold: float
    data_hash: str

    def logit(self, features: Sequence[str]) -> float:
        weights = self.weights
        # dict.fromkeys, not set: a fixed summation order gives the same score on
        # every run whatever PYTHONHASHSEED is
        return self.bias + sum(weights.get(f, 0.0) for f in dict.fromkeys(features))


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def _lowered(text: str) -> str:
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text):
        # a few characters lowercase to two ("İ"): keep offsets true to the text
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        lowered = lowered.replace("’", "'")
    return lowered


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(_lowered(text))]


def features(words: Sequence[str]) -> list[str]:
    """Unigrams and bigrams (the first word also paired with the sentence start,
    so "Seriously?" opening a sentence differs from one inside it)."""
    out = list(words)
    previous = START
    for word in words:
        out.append(f"{previous} {word}")
        previous = word
    return out


def _feature_spans(found: Sequence[Token]) -> Iterator[tuple[str, int, int]]:
    previous: Token | None = None
    for token in found:
        yield token.text, token.start, token.end
        name = f"{previous.text if previous else START} {token.text}"
        yield name, (previous.start if previous else token.start), token.end
        previous = token


def available() -> bool:
    return MODEL_FILE.is_file()


@cache
def model() -> ToneModel:
    if not available():
        raise ToneModelMissing()
    table = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    chosen = table["meta"]
    return ToneModel(
        bias=float(table["bias"]),
        weights={str(k): float(v) for k, v in table["weights"].items()},
        threshold=float(chosen["threshold"]),
        data_hash=str(chosen["data_hash"]),
    )


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def score(text: str, table: ToneModel | None = None) -> float:
    """P(punitive) for a sentence."""
    table = table or model()
    # the words alone: every sentence of every run is scored, few are explained
    return _sigmoid(table.logit(features(_TOKEN.findall(_lowered(text)))))


def scores(texts: Sequence[str]) -> list[float]:
    table = model() if texts else None
    return [score(text, table) for text in texts]


def explain(text: str, top: int = TOP_WORDS) -> list[tuple[int, int, float]]:
    """The words of ``text`` that weigh most towards punitive: (start, end, weight)
    for up to ``top`` non-overlapping words or word pairs with positive weight."""
    weights = model().weights
    ranked = sorted(
        (
            (weights[name], start, end)
            for name, start, end in _feature_spans(tokens(text))
            if weights.get(name, 0.0) > 0
        ),
        key=lambda item: (-item[0], item[1]),
    )
    chosen: list[tuple[int, int, float]] = []
    for weight, start, end in ranked:
        if len(chosen) == top:
            break
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, round(weight, 3)))
    return sorted(chosen)
