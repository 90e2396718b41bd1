"""The labelled dataset (data/feedback): well-formed by the labelling guide, and its
train / dev / test split fixed by the text alone, with no near-duplicate across
splits (so a sentence frame seen in training never reappears in test)."""

from __future__ import annotations

import json
import sys
from collections import Counter

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "data"))

import dataset

from restorelint.records import CATEGORIES

RECORDS = dataset.load()
FIELDS = {"text", "label", "categories", "register", "kind", "evidence", "reason"}
# What the dataset is judged on: everything not reserved for training.
EVALUATED = [r for r in RECORDS if not r.file.startswith(dataset.TRAIN_ONLY)]


def test_every_record_follows_the_labelling_guide() -> None:
    for path in sorted(dataset.FOLDER.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            row = json.loads(line)
            assert set(row) == FIELDS, where
            assert row["label"] in dataset.LABELS, where
            assert row["register"] in dataset.REGISTERS, where
            assert set(row["categories"]) <= set(CATEGORIES), where
            if row["label"] == "punitive":
                assert row["categories"], where
            else:
                assert not row["categories"] and not row["evidence"], where
            for evidence in row["evidence"]:
                assert evidence in row["text"], (where, evidence)


def test_the_dataset_is_large_varied_and_mostly_hard_negatives_where_it_is_judged() -> None:
    assert len(EVALUATED) >= 3000
    hard = sum(r.hard_negative for r in EVALUATED)
    assert hard / len(EVALUATED) >= 0.45, hard / len(EVALUATED)
    registers = Counter(r.register for r in EVALUATED)
    assert set(registers) == set(dataset.REGISTERS)
    assert min(registers.values()) >= 400
    test_split = [r for r in EVALUATED if r.split == "test"]
    per_category = Counter(c for r in test_split for c in r.categories)
    assert all(per_category[c] >= 20 for c in CATEGORIES if c != "tone"), per_category


def test_the_split_comes_from_the_text_alone() -> None:
    shares = Counter(r.split for r in EVALUATED)
    assert 0.55 < shares["train"] / len(EVALUATED) < 0.65
    assert 0.15 < shares["test"] / len(EVALUATED) < 0.25
    # train-only material (the older corpus, extra training data) never reaches dev or test
    assert all(r.split == "train" for r in RECORDS if r.file.startswith(dataset.TRAIN_ONLY))
    for record in EVALUATED[:200]:
        alone = dataset.split_by_hash(record.text)
        assert record.split == alone or _in_a_group(record), record.text


def _in_a_group(record: dataset.Record) -> bool:
    return any(
        j != i and score > dataset.NEAR_DUPLICATE
        for i, j, score in dataset.near_duplicate_pairs([record.text, *(r.text for r in RECORDS)])
        if i == 0
    )


@pytest.mark.slow
def test_no_near_duplicate_crosses_splits() -> None:
    texts = [r.text for r in RECORDS]
    crossing = [
        (RECORDS[i].file, RECORDS[i].line, RECORDS[j].file, RECORDS[j].line, round(score, 2))
        for i, j, score in dataset.near_duplicate_pairs(texts)
        if RECORDS[i].split != RECORDS[j].split
    ]
    assert not crossing, crossing[:10]
