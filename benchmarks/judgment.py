"""How well restorelint judges: the rules alone, the tone model alone, and both, on
the labelled feedback dataset and on the real text in ``shared/eval-dev``.

    python benchmarks/judgment.py                 # test split / test halves (the result)
    python benchmarks/judgment.py --split dev     # dev split / dev halves (for choosing)
    python benchmarks/judgment.py --limit 300     # quick: a seeded sample per eval-dev set

A message is flagged when it gets at least one finding. The dataset's test split
and eval-dev's test halves are never used to choose a pattern, a threshold or a
hyper-parameter; ``--split dev`` is the view to do that on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "data"))

import dataset  # noqa: E402
from eval_presets import PRESETS, find_eval_dev, load_preset  # noqa: E402
from scoring import MAX_CHARS, NEG, POS, fmt, lint_all, md_table  # noqa: E402

from restorelint.catalog.rules import default_rules  # noqa: E402
from restorelint.records import CATEGORIES  # noqa: E402

SYSTEMS = ("rules", "model", "both")
TARGETS = {
    "dataset precision": ">= 0.92",
    "dataset recall": ">= 0.85",
    "dataset lowest category recall": ">= 0.75",
    "dataset hard-negative FPR": "<= 3%",
    "ehsani-comments None FPR": "<= 2%",
    "strudel-comments non-toxic FPR": "<= 3%",
    "gitter-chat non-toxic FPR": "<= 3%",
    "stanford polite quartile FPR": "<= 1%",
    "ehsani-comments core incivility recall": ">= 0.40",
    "strudel-comments toxic recall": ">= 0.65",
    "gitter-chat toxic recall": ">= 0.35",
}


def rules_for(system: str) -> list[Any]:
    rules = list(default_rules())
    if system == "rules":
        return [r for r in rules if r.kind != "model"]
    if system == "model":
        return [r for r in rules if r.kind == "model"]
    return rules


def flags(texts: Sequence[str], system: str) -> list[list[Any]]:
    print(f"  {system}: {len(texts)} texts", file=sys.stderr)
    return lint_all([t[:MAX_CHARS] for t in texts], rules=rules_for(system))


def rate(hit: int, total: int) -> float | None:
    return hit / total if total else None


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def dataset_view(split: str) -> tuple[dict[str, dict[str, Any]], list[str]]:
    records = [r for r in dataset.load() if r.split == split]
    found = {s: flags([r.text for r in records], s) for s in SYSTEMS}
    head: dict[str, dict[str, Any]] = defaultdict(dict)
    cat_rows, kind_rows, register_rows = [], [], []
    for system in SYSTEMS:
        flagged = [bool(f) for f in found[system]]
        tp = sum(r.punitive and f for r, f in zip(records, flagged, strict=True))
        fp = sum(not r.punitive and f for r, f in zip(records, flagged, strict=True))
        pos = sum(r.punitive for r in records)
        hard = [f for r, f in zip(records, flagged, strict=True) if r.hard_negative]
        head["dataset precision"][system] = fmt(rate(tp, tp + fp))
        head["dataset recall"][system] = fmt(rate(tp, pos))
        head["dataset hard-negative FPR"][system] = pct(rate(sum(hard), len(hard)))
        per_cat = {}
        for cat in CATEGORIES:
            members = [f for r, f in zip(records, flagged, strict=True) if cat in r.categories]
            if members:
                per_cat[cat] = (sum(members), len(members))
        lowest = min(per_cat, key=lambda c: per_cat[c][0] / per_cat[c][1])
        low_hit, low_n = per_cat[lowest]
        head["dataset lowest category recall"][system] = f"{fmt(low_hit / low_n)} ({lowest})"
        cat_rows.append(per_cat)
        kinds: Counter[str] = Counter()
        kind_hits: Counter[str] = Counter()
        for r, f in zip(records, flagged, strict=True):
            if not r.punitive:
                kinds[r.kind] += 1
                kind_hits[r.kind] += f
        kind_rows.append((kinds, kind_hits))
        by_register: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r, f in zip(records, flagged, strict=True):
            row = by_register[r.register]
            row[0] += r.punitive and f
            row[1] += (not r.punitive) and f
            row[2] += r.punitive
        register_rows.append(by_register)
    lines = [f"### feedback dataset, {split} split: {len(records)} messages", ""]
    cats = sorted({c for per in cat_rows for c in per})
    lines += md_table(
        ["category", "support", *(f"recall ({s})" for s in SYSTEMS)],
        [[c, cat_rows[0][c][1], *(fmt(per[c][0] / per[c][1]) for per in cat_rows)] for c in cats],
    )
    kinds_all = sorted(kind_rows[0][0])
    lines += [
        "",
        *md_table(
            ["not punitive, kind", "n", *(f"flagged ({s})" for s in SYSTEMS)],
            [
                [k, kind_rows[0][0][k], *(pct(rate(h[k], n[k])) for n, h in kind_rows)]
                for k in kinds_all
            ],
        ),
    ]
    registers = sorted(register_rows[0])
    lines += [
        "",
        *md_table(
            ["register", *(f"P / R ({s})" for s in SYSTEMS)],
            [
                [
                    reg,
                    *(
                        f"{fmt(rate(rr[reg][0], rr[reg][0] + rr[reg][1]))} / "
                        f"{fmt(rate(rr[reg][0], rr[reg][2]))}"
                        for rr in register_rows
                    ),
                ]
                for reg in registers
            ],
        ),
    ]
    return head, [*lines, ""]


def eval_dev_view(which: str, limit: int | None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    root = find_eval_dev()
    head: dict[str, dict[str, Any]] = defaultdict(dict)
    if root is None:
        return head, ["shared/eval-dev not found; skipped", ""]
    rows = []
    polite: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for preset in PRESETS:
        items = load_preset(root, preset, which, limit)
        if not items:
            continue
        found = {s: flags([i.text for i in items], s) for s in SYSTEMS}
        pos = [k for k, i in enumerate(items) if i.label == POS]
        neg = [k for k, i in enumerate(items) if i.label == NEG]
        recalls = [rate(sum(bool(found[s][k]) for k in pos), len(pos)) for s in SYSTEMS]
        fprs = [rate(sum(bool(found[s][k]) for k in neg), len(neg)) for s in SYSTEMS]
        rows.append(
            [preset.name, len(pos), len(neg), *(fmt(r) for r in recalls), *(pct(f) for f in fprs)]
        )
        for system, recall, fpr in zip(SYSTEMS, recalls, fprs, strict=True):
            head[f"{preset.name} {preset.positive_name} recall"][system] = fmt(recall)
            head[f"{preset.name} {preset.negative_name} FPR"][system] = pct(fpr)
            if preset.name.startswith("stanford"):
                polite[system][0] += sum(bool(found[system][k]) for k in neg)
                polite[system][1] += len(neg)
    for system, (hit, total) in polite.items():
        head["stanford polite quartile FPR"][system] = pct(rate(hit, total))
    lines = [
        f"### shared/eval-dev, {which} halves" + (f" (sample of {limit})" if limit else ""),
        "",
    ]
    lines += md_table(
        [
            "dataset",
            "pos",
            "neg",
            *(f"recall ({s})" for s in SYSTEMS),
            *(f"FPR ({s})" for s in SYSTEMS),
        ],
        rows,
    )
    return head, [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--limit", type=int, help="seeded sample per eval-dev dataset")
    parser.add_argument("--no-eval-dev", action="store_true")
    args = parser.parse_args(argv)
    head, lines = dataset_view(args.split)
    if not args.no_eval_dev:
        more, more_lines = eval_dev_view(args.split, args.limit)
        head.update(more)
        lines += more_lines
    summary = [
        [name, target, *(head.get(name, {}).get(s, "-") for s in SYSTEMS)]
        for name, target in TARGETS.items()
    ]
    print(f"## Judgment: rules, tone model and both ({args.split})\n")
    print("\n".join(md_table(["measure", "target", *SYSTEMS], summary)))
    print("\n" + "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
