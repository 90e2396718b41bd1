"""Every regular expression in the package runs in linear time on hostile input.

A pattern with nested or ambiguous quantifiers, or one that scans to the end of
the text from every opener that has no closer, costs the square of the input
(or worse): one crafted file then holds a CI job for minutes. This test finds
every compiled pattern in ``restorelint`` and times it on runs of the
characters it names, at two sizes eight times apart: linear time is about 8×,
quadratic 64×.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import restorelint

SMALL, LARGE = 2_000, 16_000
# Above 8 (linear), far below 64 (quadratic); tiny timings are all noise.
MAX_RATIO = 24
NOISE_SECONDS = 0.01
# Patterns only ever applied with .match at one position (a line or sentence
# start) or inside a window of a few characters, where a run can be read at
# most once: (module, name) -> why.
ANCHORED = {
    ("restorelint.review.message", "_MARKER"): "matched once at a sentence start",
    ("restorelint.read.segment", "_NEXT_WORD"): "matched once, right after a name",
    ("restorelint.read.segment", "_PREVIOUS_WORD"): "searched in the 12 characters before a name",
}


def _patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    found = []
    for info in pkgutil.walk_packages(restorelint.__path__, "restorelint."):
        if info.name.endswith("__main__"):
            continue  # running it is the command line itself
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((info.name, name, value))
    return found


def _inputs(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """(label, unit): units repeated into hostile texts, from the characters the
    pattern names and the ones around them."""
    literal = {ch for ch in pattern.pattern if not ch.isalnum()} | {"a", "A", " ", "\n", "'"}
    literal -= {"\\", "(", ")", "?", "+", "*", "|", "^", "$"}
    units = [(repr(c), c) for c in sorted(literal)]
    units += [(repr(c + " "), c + " ") for c in sorted(literal)]
    units += [(repr(c + "a"), c + "a") for c in sorted(literal)]
    for opener in ("<!--", "{{", "{%", "{#", "![", "[", "www.", "restorelint: ignore[", "``"):
        if opener[0] in pattern.pattern:
            units.append((repr(opener), opener))
    return units


def _seconds(pattern: re.Pattern[str], text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


PATTERNS = _patterns()


def test_the_package_has_patterns_to_check() -> None:
    assert len(PATTERNS) > 30


@pytest.mark.parametrize(
    "module,name,pattern", PATTERNS, ids=[f"{m.rsplit('.', 1)[-1]}.{n}" for m, n, _ in PATTERNS]
)
def test_pattern_runs_in_linear_time(module: str, name: str, pattern: re.Pattern[str]) -> None:
    if (module, name) in ANCHORED:
        pytest.skip(ANCHORED[module, name])
    for _attempt in range(3):  # the machine is shared: a linear pattern passes on a retry
        slow = _super_linear(pattern)
        if not slow:
            return
    assert not slow, f"{module}.{name} is super-linear on: " + "; ".join(slow)


def _super_linear(pattern: re.Pattern[str]) -> list[str]:
    slow = []
    for label, unit in _inputs(pattern):
        large = (unit * (LARGE // len(unit) + 1))[:LARGE]
        big = _seconds(pattern, large)
        if big < NOISE_SECONDS:
            continue
        # The machine is shared: the best of several runs of each size is the cost.
        small = min(_seconds(pattern, large[:SMALL]) for _ in range(5))
        big = min(big, *(_seconds(pattern, large) for _ in range(3)))
        if big / max(small, 1e-5) > MAX_RATIO and big > NOISE_SECONDS:
            slow.append(f"{label}: {small * 1e3:.1f} ms -> {big * 1e3:.1f} ms")
    return slow
