"""Time against size for hostile inputs: the cost of every stage must grow linearly.

    python benchmarks/adversarial.py                       # 10 KB, 100 KB, 1 MB, 5 MB
    python benchmarks/adversarial.py --sizes 10k,100k,1m --shapes runon,comma
    python benchmarks/adversarial.py --stage segment       # segmenting only (no spaCy)

Each shape is a document built to defeat one stage: a run-on text with no
sentence end, one 1 MB line, padded ATX headings, runs of ``[`` and ``![``,
comma-spliced rants, deep nesting, unclosed template tags and comments. For
each it prints seconds per size and the ratio t(1 MB) / t(100 KB), which must
stay at or below 12 (linear is 10). ``--stage full`` (the default) runs the
whole lint (segment, parse, match, context) in this process with the model
loaded once; ``--stage segment`` times the segmenters alone, as the test suite
does. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

# The words are chosen to reach the parser: every shape with prose in it holds
# words the prefilter lets through, so the figures include parse and match.
_RUNON = (
    "you failed to test the code and you always break the build and obviously you are "
    "lazy and careless with the reviews and you never listen to anyone on the team and "
)
_RANT = "you never listen, you always break it, you are careless, you failed again, "
_SENTENCES = "You failed to run the tests again. Obviously this breaks the build. Sam is lazy. "
MAX_RATIO = 12.0


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _nested_lists(size: int) -> str:
    return "".join(f"{'  ' * (i % 50)}- you are lazy\n" for i in range(size // 40 + 1))[:size]


def _backticks(size: int) -> str:
    """Runs of 1 to 7 backticks: most openers have no closer of their length."""
    return "".join("`" * (k % 7 + 1) + "a" for k in range(size // 5))[:size]


# name -> (file name it is linted as, builder of a text of about ``size`` characters)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "runon": ("runon.txt", lambda n: _fill(_RUNON, n)),
    "one-line": ("line.txt", lambda n: _fill(_SENTENCES, n)),
    "comma": ("rant.txt", lambda n: _fill(_RANT, n)),
    "atx-padded": ("heading.md", lambda n: "# you are lazy" + " " * max(0, n - 17) + "#b\n"),
    "brackets": ("brackets.md", lambda n: "you are lazy " + "[" * n),
    "image-brackets": ("images.md", lambda n: "you are lazy " + _fill("![", n)),
    "quote-nesting": ("nested.md", lambda n: _fill(">", n) + " you are lazy\n"),
    "list-nesting": ("lists.md", lambda n: _nested_lists(n)),
    "html-nesting": ("nested.html", lambda n: _fill("<div>", n) + "you are lazy"),
    "html-unclosed": ("comments.html", lambda n: "<p>you are lazy</p>" + _fill("<!--<a ", n)),
    "html-quotes": ("quotes.html", lambda n: "<p>you are lazy</p>" + _fill('<a b="x> <c d=e ', n)),
    "html-pi": ("pi.html", lambda n: "<p>you are lazy</p>" + _fill("<?x </a <![CDATA[ > ", n)),
    "entities": ("entities.html", lambda n: "<p>you are lazy " + _fill("&a", n)),
    "template-tags": ("tags.j2", lambda n: "{{ name }} is lazy " + _fill("{{ {% {# ", n)),
    "backticks": ("code.md", lambda n: "you are lazy " + _backticks(n)),
    "suppressions": ("supp.md", lambda n: "you are lazy\n" + _fill("<!-- restorelint-disable ", n)),
    "quotes": ("quotes.txt", lambda n: _fill("you are \"lazy ' and “careless ‘ ", n)),
    "shouting": ("shout.txt", lambda n: _fill("YOU ARE LAZY, ", n)),
    "punctuation": ("punct.txt", lambda n: "you are lazy" + "!" * n),
}
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}


def timer(stage: str) -> Callable[[str, str], float]:
    from restorelint.catalog.rules import default_rules
    from restorelint.read.formats import detect, segments
    from restorelint.records import Source
    from restorelint.run.pipeline import Pipeline

    pipeline = Pipeline(list(default_rules()))
    pipeline.lint([Source("warm.txt", "You failed. You are lazy.")])  # load the model once

    def run(name: str, text: str) -> float:
        start = time.perf_counter()
        if stage == "segment":
            for _ in segments(0, text, detect(name)):
                pass
        else:
            pipeline.lint([Source(name, text, detect(name))])
        return time.perf_counter() - start

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m,5m")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--stage", choices=("full", "segment"), default="full")
    args = parser.parse_args(argv)
    sizes = [s.strip().lower() for s in args.sizes.split(",")]
    run = timer(args.stage)
    print(f"stage: {args.stage}\n")
    print("| shape | " + " | ".join(sizes) + " | 1m / 100k |")
    print("| --- |" + " ---: |" * (len(sizes) + 1))
    worst = 0.0
    for shape in args.shapes.split(","):
        name, build = SHAPES[shape]
        times = {}
        for size in sizes:
            times[size] = run(name, build(SIZES[size]))
            print(f"{shape} {size}: {times[size]:.2f} s", file=sys.stderr, flush=True)
        ratio = ""
        if "1m" in times and "100k" in times:
            value = times["1m"] / max(times["100k"], 1e-3)
            worst = max(worst, value)
            ratio = f"{value:.1f}"
        cells = " | ".join(f"{times[s]:.2f} s" for s in sizes)
        print(f"| {shape} | {cells} | {ratio} |", flush=True)
    if worst:
        print(f"\nworst 1m / 100k ratio: {worst:.1f} (limit {MAX_RATIO:g})")
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
