"""How good restorelint's rewrites are, over every flagged sentence of the labelled
feedback dataset (data/feedback): re-linted clean, faithful to the facts,
grammatical, placeholders per rewrite, and how often it falls back to a
display-only suggestion.

    python benchmarks/rewrites.py               # train+dev and test, side by side
    python benchmarks/rewrites.py --pairs 30    # also 30 before/after pairs (fixed seed)
    python benchmarks/rewrites.py --failures 20 # the first rewrites failing a check

The checks are the ones the verify stage runs (restorelint/suggest/quality.py):
a rewrite that fails them is replaced by its display-only fallback before a
user sees it, so "facts" and "grammatical" measure what users get. Shapes are
written looking at train and dev sentences only; the test column is reported
as it falls.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "data"))

import dataset  # noqa: E402
from scoring import md_table  # noqa: E402

from restorelint.catalog.rules import default_rules  # noqa: E402
from restorelint.read.segment import parseable  # noqa: E402
from restorelint.records import DISPLAY_ONLY, Source  # noqa: E402
from restorelint.run.pipeline import Pipeline  # noqa: E402
from restorelint.suggest.quality import facts, grammar_problems, missing_facts  # noqa: E402

TARGETS = {
    "re-linted clean": ">= 100%",
    "all facts kept": ">= 95%",
    "grammatical": ">= 98%",
    "placeholders per rewrite": "<= 0.5",
    "display-only fallback": "-",
    "written by --fix --unsafe-fixes and failing a check": "0",
}
CHUNK = 200


@dataclass
class Checked:
    original: str
    rewrite: str
    clean: bool
    lost: list[str]
    problems: list[str]
    placeholders: int
    display_only: bool
    shapes: tuple[str, ...]


@dataclass
class Tally:
    items: list[Checked] = field(default_factory=list)

    def row(self) -> list[str]:
        n = len(self.items) or 1
        return [
            f"{100 * sum(c.clean for c in self.items) / n:.1f}%",
            f"{100 * sum(not c.lost for c in self.items) / n:.1f}%",
            f"{100 * sum(not c.problems for c in self.items) / n:.1f}%",
            f"{sum(c.placeholders for c in self.items) / n:.2f}",
            f"{100 * sum(c.display_only for c in self.items) / n:.1f}%",
            str(
                sum(
                    1
                    for c in self.items
                    if not c.display_only and (c.lost or c.problems or not c.clean)
                )
            ),
        ]


def check_all(pipeline: Pipeline, texts: Sequence[str]) -> list[Checked]:
    out: list[Checked] = []
    nlp = pipeline.nlp
    for at in range(0, len(texts), CHUNK):
        chunk = texts[at : at + CHUNK]
        sources = [Source(f"m{at + k}", t) for k, t in enumerate(chunk)]
        _, reports = pipeline.messages(sources)
        composed = [r.composed().text for r in reports]
        again = pipeline.lint([Source(r.path, c) for r, c in zip(reports, composed, strict=True)])
        dirty = {f.path for f in again.findings}
        for report in reports:
            for rewrite in report.rewrites or []:
                spans = [(f.start, f.end) for f in report.findings] + list(rewrite.dropped)
                inside = [
                    (max(a, rewrite.start) - rewrite.start, min(b, rewrite.end) - rewrite.start)
                    for a, b in spans
                    if a < rewrite.end and rewrite.start < b
                ]
                original_doc = nlp(parseable(rewrite.original))
                lost = missing_facts(facts(original_doc, inside), rewrite.text)
                out.append(
                    Checked(
                        original=rewrite.original,
                        rewrite=rewrite.text,
                        clean=report.path not in dirty,
                        lost=[f.text for f in lost],
                        problems=grammar_problems(
                            rewrite.text, nlp(rewrite.text), rewrite.original
                        ),
                        placeholders=len(rewrite.placeholders),
                        display_only=rewrite.applicability == DISPLAY_ONLY,
                        shapes=rewrite.shapes,
                    )
                )
        print(f"  rewrote {min(at + CHUNK, len(texts))}/{len(texts)}", end="\r", file=sys.stderr)
    print(file=sys.stderr)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pairs", type=int, default=0, help="before/after pairs to print")
    parser.add_argument("--failures", type=int, default=0, help="failing rewrites to print")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    args = parser.parse_args(argv)
    pipeline = Pipeline(list(default_rules()))
    views = {"train+dev": ("train", "dev"), "test": ("test",)}
    if args.split != "both":
        views = {k: v for k, v in views.items() if (k == "test") == (args.split == "test")}
    tallies: dict[str, Tally] = {}
    for name, splits in views.items():
        records = [
            r
            for r in dataset.load()
            if r.punitive and r.split in splits and not r.file.startswith(dataset.TRAIN_ONLY)
        ]
        print(f"{name}: {len(records)} punitive messages", file=sys.stderr)
        tallies[name] = Tally(check_all(pipeline, [r.text for r in records]))
    print("## Rewrites of every flagged sentence in the feedback dataset\n")
    header = ["measure", "target", *(f"{k} ({len(t.items)})" for k, t in tallies.items())]
    rows = [
        [measure, target, *(t.row()[i] for t in tallies.values())]
        for i, (measure, target) in enumerate(TARGETS.items())
    ]
    print("\n".join(md_table(header, rows)))
    every = [c for t in tallies.values() for c in t.items]
    if args.failures:
        bad = [c for c in every if c.lost or c.problems or not c.clean][: args.failures]
        print("\n### Failing rewrites\n")
        for c in bad:
            why = [*c.problems, *(f"lost {w!r}" for w in c.lost)] + ([] if c.clean else ["flagged"])
            print(f"- {c.original}\n  → {c.rewrite}\n  ({'; '.join(why)}; {', '.join(c.shapes)})")
    if args.pairs:
        print(f"\n### {args.pairs} before/after pairs (seed 12)\n")
        for c in random.Random(12).sample(every, min(args.pairs, len(every))):
            print(f"- {c.original}\n  → {c.rewrite}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
