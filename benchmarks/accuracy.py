"""Score restorelint against a labelled CSV or JSONL file.

A text counts as "flagged" when restorelint reports at least one finding on it
(optionally only findings of the categories given with --category). Labels are
mapped to punitive (positive) / not punitive (negative) by value lists or by a
numeric threshold; rows whose label maps to neither are left out.

    python benchmarks/accuracy.py FILE --text-column comment_body --label-column tbdf \
        --positive Insulting,Mocking,Threat --negative None
    python benchmarks/accuracy.py FILE --text-column Request \
        --label-column "Normalized Score" --negative-if-above 0.5145 --positive-if-below -0.4434
    python benchmarks/accuracy.py --preset all      # = benchmarks/judgment.py (test split)
    python benchmarks/accuracy.py --preset all --split dev   # the view to choose on

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from scoring import SUMMARY_HEADERS, Labeler, evaluate, load_items, md_table, split_values


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file", nargs="?", type=Path, help="labelled .csv or .jsonl")
    p.add_argument("--text-column", default="text")
    p.add_argument("--label-column", default="label")
    p.add_argument("--positive", action="append", help="comma-separated punitive label values")
    p.add_argument("--negative", action="append", help="comma-separated non-punitive values")
    p.add_argument(
        "--secondary",
        action="append",
        help="values scored as a separate positive set against the same negatives",
    )
    p.add_argument("--negative-if-above", type=float, help="numeric label > X is negative")
    p.add_argument("--positive-if-below", type=float, help="numeric label < X is positive")
    p.add_argument(
        "--category",
        action="append",
        help="only findings of these categories count (comma-separated)",
    )
    p.add_argument("--limit", type=int, help="seeded sample of N labelled rows per dataset")
    p.add_argument("--top", type=int, default=15, help="false positives to list")
    p.add_argument(
        "--preset",
        choices=["all", "dataset"],
        help="the judgment table: the feedback dataset and (all) shared/eval-dev",
    )
    p.add_argument("--split", choices=["test", "dev"], default="test", help="with --preset")
    args = p.parse_args(argv)
    # Category ids are compared exactly as the engine reports them, so no casefold.
    categories = {v.strip() for a in args.category or () for v in a.split(",") if v.strip()}

    if args.preset:
        import judgment  # beside this file

        extra = ["--no-eval-dev"] if args.preset == "dataset" else []
        extra += ["--limit", str(args.limit)] if args.limit else []
        return judgment.main(["--split", args.split, *extra])
    if args.file is None or not args.file.is_file():
        p.error(f"give a readable FILE or --preset (got {args.file})")
    values = (split_values(v) for v in (args.positive, args.negative, args.secondary))
    labeler = Labeler(*values, args.negative_if_above, args.positive_if_below)
    if labeler == Labeler():
        p.error("give --positive/--negative values or a threshold")
    items = load_items(args.file, args.text_column, args.label_column, labeler, args.limit)
    if not items:
        p.error("no row matched the label mapping")
    rows, lines = evaluate(args.file.name, items, args.top, categories or None)
    print("\n".join([*md_table(SUMMARY_HEADERS, rows), "", *lines]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
