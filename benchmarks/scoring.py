"""Scoring restorelint against labelled texts: label mapping, flagged-or-not counts,
precision/recall/FPR, markdown tables. Shared by accuracy.py and eval_presets.py."""

from __future__ import annotations

import csv
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import restorelint

# Whole STRUDEL issues run to 70k characters (79 of 193 exceed this); a few of
# them would dominate run time and findings, and feedback is far shorter anyway.
MAX_CHARS = 5000
# Chunking only exists to print progress; each chunk is still one nlp.pipe.
CHUNK = 500
POS, NEG, SEC = "pos", "neg", "sec"

# STRUDEL's total_text cells come within 2x of the csv module's 128 KiB field
# limit; lift it so a longer file of the same kind does not abort the run.
csv.field_size_limit(sys.maxsize)


def norm(value: Any) -> str:
    # Label spellings differ only in case/whitespace in the Ehsani data
    # ('Identity Attack/Name-Calling' vs 'Identity attack/Name-Calling').
    return str(value).strip().casefold()


def split_values(values: Iterable[str] | None) -> set[str]:
    return {norm(v) for arg in values or () for v in arg.split(",") if v.strip()}


@dataclass
class Labeler:
    """Maps a raw label value to POS / NEG / SEC, or None to drop the row."""

    positive: set[str] = field(default_factory=set)
    negative: set[str] = field(default_factory=set)
    secondary: set[str] = field(default_factory=set)
    negative_if_above: float | None = None
    positive_if_below: float | None = None

    def __call__(self, value: Any) -> str | None:
        if self.negative_if_above is not None or self.positive_if_below is not None:
            try:
                x = float(value)
            except (TypeError, ValueError):
                return None
            if self.negative_if_above is not None and x > self.negative_if_above:
                return NEG
            if self.positive_if_below is not None and x < self.positive_if_below:
                return POS
            return None
        key = norm(value)
        if key in self.positive:
            return POS
        if key in self.negative:
            return NEG
        if key in self.secondary:
            return SEC
        return None


@dataclass
class Item:
    text: str
    label: str


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def fpr(self) -> float | None:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else None


def read_rows(path: Path) -> Iterator[dict[str, Any]]:
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)
    else:
        with path.open(newline="", encoding="utf-8") as fh:
            yield from csv.DictReader(fh)


def load_items(
    path: Path, text_column: str, label_column: str, labeler: Labeler, limit: int | None = None
) -> list[Item]:
    items = []
    for row in read_rows(path):
        if text_column not in row or label_column not in row:
            raise SystemExit(
                f"{path}: needs columns {text_column!r} and {label_column!r}; has {sorted(row)}"
            )
        label = labeler(row[label_column])
        text = str(row[text_column] or "")
        if label is not None and text.strip():
            items.append(Item(text[:MAX_CHARS], label))
    if limit is not None and limit < len(items):
        # The files are sorted by thread/community, so the first N rows would be
        # one project's register; a seeded sample keeps quick runs comparable.
        keep = sorted(random.Random(0).sample(range(len(items)), limit))
        items = [items[i] for i in keep]
    return items


def lint_all(
    texts: Sequence[str], categories: set[str] | None = None, rules: Sequence[Any] | None = None
) -> list[list[Any]]:
    out: list[list[Any]] = []
    for i in range(0, len(texts), CHUNK):
        out.extend(restorelint.lint_texts(texts[i : i + CHUNK], rules=rules, rewrites=False))
        print(f"  linted {min(i + CHUNK, len(texts))}/{len(texts)}", end="\r", file=sys.stderr)
    print(file=sys.stderr)
    if categories:
        out = [[f for f in fs if f.category in categories] for fs in out]
    return out


def score(items: Sequence[Item], findings: Sequence[list[Any]], positive: str = POS) -> Score:
    s = Score()
    for item, fs in zip(items, findings, strict=True):
        if item.label == positive:
            s.tp += bool(fs)
            s.fn += not fs
        elif item.label == NEG:
            s.fp += bool(fs)
            s.tn += not fs
    return s


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def snippet(text: str, start: int, end: int, width: int = 60) -> str:
    left = max(0, start - width)
    s = text[left:start] + "[" + text[start:end] + "]" + text[end : end + width]
    s = " ".join(s.split()).replace("|", "/")  # one line, and no stray table pipes
    return ("…" if left else "") + s + ("…" if end + width < len(text) else "")


def md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    cells = [list(map(str, headers))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return lines


COUNT_HEADERS = ["dataset", "n", "pos", "neg", "TP", "FP", "FN", "TN"]
SUMMARY_HEADERS = [*COUNT_HEADERS, "precision", "recall", "FPR"]


def summary_row(name: str, items: Sequence[Item], s: Score, positive: str = POS) -> list[Any]:
    n_pos = sum(i.label == positive for i in items)
    n_neg = sum(i.label == NEG for i in items)
    rates = [fmt(x) for x in (s.precision, s.recall, s.fpr)]
    return [name, n_pos + n_neg, n_pos, n_neg, s.tp, s.fp, s.fn, s.tn, *rates]


def detail(name: str, items: Sequence[Item], findings: Sequence[list[Any]], top: int) -> list[str]:
    """Per-rule counts and the most frequent false positives, for studying rules."""
    groups = [g for g in (POS, SEC, NEG) if any(i.label == g for i in items)]
    flagged: dict[str, Counter[str]] = defaultdict(Counter)  # rule -> label -> texts flagged
    on_neg: Counter[str] = Counter()  # rule -> findings on negatives
    names: dict[str, str] = {}
    fps: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], str] = {}
    for item, fs in zip(items, findings, strict=True):
        for rule in {f.rule for f in fs}:
            flagged[rule][item.label] += 1
        for f in fs:
            names[f.rule] = f.name
            if item.label == NEG:
                on_neg[f.rule] += 1
                key = (f.rule, " ".join(f.text.split()).casefold())
                fps[key] += 1
                example.setdefault(key, snippet(item.text, f.start, f.end))
    lines = [f"### {name}", ""]
    if not flagged:
        return [*lines, "No findings on any text.", ""]
    label_names = {POS: "pos texts", SEC: "secondary texts", NEG: "neg texts"}
    headers = ["rule", "name", *(label_names[g] for g in groups), "findings on neg"]
    rows = sorted(flagged.items(), key=lambda kv: (-on_neg[kv[0]], kv[0]))
    lines += md_table(headers, ([r, names[r], *(c[g] for g in groups), on_neg[r]] for r, c in rows))
    if not fps:
        return [*lines, "", "No findings on negatives.", ""]
    lines += ["", f"Top {top} false positives (rule, matched text, count, example):", ""]
    lines += md_table(
        ["rule", "matched", "count", "example"],
        ([r, t, n, example[(r, t)]] for (r, t), n in fps.most_common(top)),
    )
    return [*lines, ""]


def evaluate(
    name: str, items: Sequence[Item], top: int, categories: set[str] | None = None
) -> tuple[list[list[Any]], list[str]]:
    """Lint items once; return summary rows (main + secondary) and detail lines."""
    print(f"{name}: {len(items)} texts", file=sys.stderr)
    findings = lint_all([i.text for i in items], categories)
    rows = [summary_row(name, items, score(items, findings))]
    if any(i.label == SEC for i in items):
        rows.append(summary_row(f"{name} (secondary)", items, score(items, findings, SEC), SEC))
    return rows, detail(name, items, findings, top)
