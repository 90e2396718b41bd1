"""The labelled feedback dataset (``data/feedback/*.jsonl``) with its fixed splits.

Each record is labelled by ``docs/labelling.md``. Its split comes from a stable
hash of its normalised text: 60% train, 20% dev, 20% test. Near-duplicates (two
texts sharing more than half of their word trigrams) are kept in one split, the
split of the member whose hash is lowest, so that a sentence frame seen in
training never reappears in test. Files named ``legacy-*.jsonl`` (the older
project corpus, written alongside the rules) and ``train-*.jsonl`` (extra
training material) are always train, and so is anything near-duplicating them.

    python data/dataset.py            # sizes per split, register, label, category
    python data/dataset.py --pairs    # also list the near-duplicate groups

Patterns, thresholds and hyper-parameters are chosen on train and dev only;
the test split is reported as it falls.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "feedback"
SPLITS = ("train", "dev", "test")
LABELS = ("punitive", "ok")
REGISTERS = ("review-comment", "chat", "email", "performance-review", "hr-template")
HARD_NEGATIVE_KINDS = (
    "self-ownership",
    "self-exasperation",
    "praise",
    "firm-restorative",
    "technical",
    "negation",
    "quoted",
    "training",
    "policy",
    "email-quote",
)
# Two texts sharing more than this share of word trigrams are near-duplicates.
NEAR_DUPLICATE = 0.5
# A trigram in more documents than this is a stock phrase ("thanks for the"),
# not a sign of duplication.
_COMMON_SHINGLE = 40
_WORD = re.compile(r"[a-z0-9']+")
# Files whose records are always training material.
TRAIN_ONLY = ("legacy-", "train-")


@dataclass(frozen=True)
class Record:
    text: str
    label: str
    categories: tuple[str, ...]
    register: str
    kind: str
    evidence: tuple[str, ...]
    reason: str
    file: str
    line: int
    split: str

    @property
    def punitive(self) -> bool:
        return self.label == "punitive"

    @property
    def hard_negative(self) -> bool:
        return not self.punitive and self.kind in HARD_NEGATIVE_KINDS


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def digest(text: str) -> int:
    return int(hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12], 16)


def split_by_hash(text: str) -> str:
    bucket = digest(text) % 100
    return "train" if bucket < 60 else "dev" if bucket < 80 else "test"


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = _WORD.findall(normalise(text))
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def near_duplicate_pairs(
    texts: Sequence[str], threshold: float = NEAR_DUPLICATE
) -> list[tuple[int, int, float]]:
    """(i, j, Jaccard) for every pair of texts above the threshold."""
    sets = [shingles(t) for t in texts]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for number, found in enumerate(sets):
        for shingle in found:
            index[shingle].append(number)
    shared: Counter[tuple[int, int]] = Counter()
    for members in index.values():
        if len(members) > _COMMON_SHINGLE:
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                shared[members[a], members[b]] += 1
    pairs = []
    for (i, j), inter in shared.items():
        union = len(sets[i]) + len(sets[j]) - inter
        if union and inter / union > threshold:
            pairs.append((i, j, inter / union))
    return sorted(pairs)


def _groups(count: int, pairs: Iterable[tuple[int, int, float]]) -> list[int]:
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in pairs:
        parent[root(i)] = root(j)
    return [root(i) for i in range(count)]


def _raw(folder: Path) -> list[tuple[dict[str, object], str, int]]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rows.append((json.loads(line), path.name, number))
    return rows


@cache
def load(folder: Path = FOLDER) -> tuple[Record, ...]:
    rows = _raw(folder)
    texts = [str(row["text"]) for row, _, _ in rows]
    group = _groups(len(texts), near_duplicate_pairs(texts))
    # a group's split: train if it has a train-only member, else its lowest-hash member's
    leader: dict[int, str] = {}
    for number, (_, file, _) in sorted(enumerate(rows), key=lambda r: digest(texts[r[0]])):
        g = group[number]
        if file.startswith(TRAIN_ONLY):
            leader[g] = "train"
        leader.setdefault(g, split_by_hash(texts[number]))
    return tuple(
        Record(
            text=texts[number],
            label=str(row["label"]),
            categories=tuple(row.get("categories", ())),  # type: ignore[arg-type]
            register=str(row["register"]),
            kind=str(row["kind"]),
            evidence=tuple(row.get("evidence", ())),  # type: ignore[arg-type]
            reason=str(row.get("reason", "")),
            file=file,
            line=line,
            split=leader[group[number]],
        )
        for number, (row, file, line) in enumerate(rows)
    )


def split(name: str, folder: Path = FOLDER) -> list[Record]:
    return [r for r in load(folder) if r.split == name]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", action="store_true", help="list near-duplicate groups")
    args = parser.parse_args(argv)
    records = load()
    print(f"{len(records)} records")
    for name in SPLITS:
        part = [r for r in records if r.split == name]
        labels = Counter(r.label for r in part)
        hard = sum(r.hard_negative for r in part)
        print(
            f"  {name}: {len(part)} ({labels['punitive']} punitive, {labels['ok']} ok, "
            f"{hard} hard negatives)"
        )
    print("by register:", dict(Counter(r.register for r in records)))
    print("by category:", dict(Counter(c for r in records for c in r.categories)))
    if args.pairs:
        texts = [r.text for r in records]
        for i, j, score in near_duplicate_pairs(texts):
            a, b = records[i], records[j]
            print(f"{score:.2f} {a.file}:{a.line} [{a.split}] ~ {b.file}:{b.line} [{b.split}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
