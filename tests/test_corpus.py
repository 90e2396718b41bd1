"""The rules' regression guard: per-category precision and recall of the rules alone
on the older project corpus (data/feedback/legacy-*.jsonl), which the rules were
written against. Written for this project across review comments, performance
reviews and HR templates; most negatives are hard negatives (technical words,
self-ownership, negation, quotes, policy, praise).

The tone model is left out: it was trained on this corpus, so it would be
measured on its own training data. How restorelint judges unseen text is
benchmarks/judgment.py's job (the dataset's test split and shared/eval-dev).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import restorelint
from restorelint.catalog.rules import default_rules
from restorelint.records import CATEGORIES

CORPUS = Path(__file__).resolve().parent.parent / "data" / "feedback"
RULES = [r for r in default_rules() if r.kind != "model"]
MIN_PRECISION, MIN_RECALL = 0.95, 0.90


def _items() -> list[dict[str, object]]:
    items = []
    for path in sorted(CORPUS.glob("legacy-*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                item["where"] = f"{path.name}:{number}"
                item["expect"] = item["categories"]
                items.append(item)
    return items


@pytest.fixture(scope="module")
def scored() -> tuple[Counter[str], Counter[str], Counter[str], list[str]]:
    items = _items()
    results = restorelint.lint_texts([str(i["text"]) for i in items], rules=RULES)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: list[str] = []
    for item, findings in zip(items, results, strict=True):
        got = {f.category for f in findings}
        expected = set(item["expect"])  # type: ignore[arg-type]
        for category in got | expected:
            if category in got and category in expected:
                tp[category] += 1
            elif category in got:
                fp[category] += 1
                misses.append(f"FP {category} {item['where']}: {item['text']}")
            else:
                fn[category] += 1
                misses.append(f"FN {category} {item['where']}: {item['text']}")
    return tp, fp, fn, misses


def test_corpus_is_large_and_mostly_hard_negatives() -> None:
    items = _items()
    assert len(items) >= 500
    negatives = [i for i in items if not i["expect"]]
    assert len(negatives) >= 0.4 * len(items)
    assert {c for i in items for c in i["expect"]} <= set(CATEGORIES)  # type: ignore[attr-defined]


@pytest.mark.parametrize("category", [c for c in CATEGORIES if c != "tone"])
def test_precision_and_recall_by_category(scored, category: str) -> None:  # type: ignore[no-untyped-def]
    tp, fp, fn, misses = scored
    precision = tp[category] / (tp[category] + fp[category]) if tp[category] + fp[category] else 1.0
    recall = tp[category] / (tp[category] + fn[category]) if tp[category] + fn[category] else 1.0
    detail = "\n".join(m for m in misses if f" {category} " in m)
    assert precision >= MIN_PRECISION, f"{category} precision {precision:.2f}\n{detail}"
    assert recall >= MIN_RECALL, f"{category} recall {recall:.2f}\n{detail}"
