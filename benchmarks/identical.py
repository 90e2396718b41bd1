"""Parsing by sentence gives the findings of parsing whole paragraphs: a diff of
both paths over the labelled dataset and all of ``shared/eval-dev``. The
paragraph path is chosen by the prefilter's word sets alone, so the diff also
covers the token check that keeps sentences out of the parse (``match.spelled``).
Both paths parse a paragraph as the same pieces (``parse.pieces``), so a
difference is the planner's or a filter's doing, never spaCy reading a
sentence in other company.

    python benchmarks/identical.py              # everything (about ten minutes on 2 cores)
    python benchmarks/identical.py --limit 500  # a seeded sample of each set

For each set it prints the texts compared, the texts whose findings differ (the
result: 0), and how many times faster the sentence path ran than the paragraph
path. Differences are listed (rule, span, text) so a cause can be read off.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "data"))

import dataset  # noqa: E402
from eval_presets import PRESETS, find_eval_dev  # noqa: E402
from scoring import MAX_CHARS, load_items, md_table  # noqa: E402

from restorelint.catalog.rules import default_rules  # noqa: E402
from restorelint.records import Source  # noqa: E402
from restorelint.run.engine import Engine  # noqa: E402

CHUNK = 200
Found = list[tuple[str, int, int]]


def lint(engine: Engine, texts: Sequence[str]) -> tuple[list[Found], float]:
    out: list[Found] = []
    start = time.perf_counter()
    for i in range(0, len(texts), CHUNK):
        sources = [Source(f"m{i + k}.txt", t) for k, t in enumerate(texts[i : i + CHUNK])]
        result = engine.run(sources)
        out.extend(sorted((f.rule, f.start, f.end) for f in own) for own in result.per_source)
    return out, time.perf_counter() - start


def sets(limit: int | None) -> list[tuple[str, list[str]]]:
    found = [("data/feedback (all splits)", [r.text for r in dataset.load()])]
    root = find_eval_dev()
    if root is None:
        print("shared/eval-dev not found: the dataset only", file=sys.stderr)
    else:
        seen: set[tuple[str, str]] = set()
        for preset in PRESETS:
            key = (preset.path, preset.text_column)
            if key in seen or not (root / preset.path).is_file():
                continue  # several presets read one file with other labels
            seen.add(key)
            items = load_items(
                root / preset.path, preset.text_column, preset.label_column, preset.labeler, None
            )
            found.append((f"eval-dev {preset.path}", [i.text for i in items]))
    if limit:
        found = [
            (name, [texts[k] for k in sorted(random.Random(0).sample(range(len(texts)), limit))])
            if limit < len(texts)
            else (name, texts)
            for name, texts in found
        ]
    return [(name, [t[:MAX_CHARS] for t in texts]) for name, texts in found]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="a seeded sample of this many texts per set")
    ap.add_argument("--show", type=int, default=10, help="differences to print per set")
    args = ap.parse_args(argv)
    rules = list(default_rules())
    by_sentence = Engine(rules)
    by_paragraph = Engine(rules, nlp=by_sentence.nlp, by_sentence=False)
    rows = []
    total_diff = 0
    for name, texts in sets(args.limit):
        print(f"{name}: {len(texts)} texts", file=sys.stderr)
        new, new_s = lint(by_sentence, texts)
        old, old_s = lint(by_paragraph, texts)
        differ = [k for k, (a, b) in enumerate(zip(new, old, strict=True)) if a != b]
        total_diff += len(differ)
        for k in differ[: args.show]:
            print(f"  differs: {texts[k][:300]!r}", file=sys.stderr)
            print(f"    by sentence:  {new[k]}", file=sys.stderr)
            print(f"    by paragraph: {old[k]}", file=sys.stderr)
        n_findings = sum(map(len, old))
        rows.append(
            [name, str(len(texts)), str(n_findings), str(len(differ)), f"{old_s / new_s:.2f}"]
        )
    headers = ["set", "texts", "findings (by paragraph)", "texts that differ", "speed-up"]
    print("\n".join(md_table(headers, rows)))
    return 1 if total_diff else 0


if __name__ == "__main__":
    sys.exit(main())
