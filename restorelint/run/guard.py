"""What the engine reads and does not trust blindly: a cache entry's hits and a
stored prefilter (built here when none can be trusted) are used only when they
are exactly what the engine would have stored, and a markup parser that gives
up on one document is that document's error, not the run's."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from restorelint.catalog.rules import Rule
from restorelint.match.prefilter import Prefilter
from restorelint.match.prefilter import build as build_prefilter
from restorelint.read.formats import segments as format_segments
from restorelint.records import Hit, InputError, Segment, Source
from restorelint.run.cache import Cache, digest

T = TypeVar("T")


def valid_hits(cached: object, size: int, known: Mapping[str, object]) -> list[Hit] | None:
    """A cache entry's hits, if it is exactly what this engine would have stored:
    a list of [known rule id, start, end] inside the text. Anything else (a
    damaged or edited file) is never believed."""
    if not isinstance(cached, list):
        return None
    out: list[Hit] = []
    for item in cached:
        if not (isinstance(item, list) and len(item) == 3):
            return None
        rule, start, end = item
        if not (isinstance(rule, str) and rule in known):
            return None
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            return None
        if not 0 <= start < end <= size:
            return None
        out.append((rule, start, end))
    return out


# What the engine derives from the rules once and keeps, by key: in the process
# (bots calling lint_text in a loop) and in the cache (command runs).
_KEPT: dict[str, Any] = {}


def _kept(
    key: str,
    cache: Cache | None,
    believe: Callable[[object, str], T | None],
    build: Callable[[], T | None],
    dump: Callable[[T], object],
) -> T | None:
    """The kept value for ``key``: the process's, else a stored one ``believe``
    accepts (given it and a digest of the entry's text), else ``build``'s
    (stored unless None)."""
    if key not in _KEPT:
        stored = cache.get_stamped(key) if cache is not None else None
        found = believe(*stored) if stored is not None else None
        if found is None:
            found = build()
            if found is not None and cache is not None:
                cache.put(key, dump(found))
        _KEPT[key] = found
    return _KEPT[key]  # type: ignore[no-any-return]


def load_prefilter(
    rules: Sequence[Rule], fingerprint: str, cache: Cache | None
) -> Prefilter | None:
    """The rules' prefilter (None when some rule cannot be prefiltered). Building it
    expands every lemma with lemminflect (about a second); the result only changes
    with the rules, so it is kept. The key's number changes whenever the code that
    builds it does (a check's ``triggers``): the fingerprint sees only data."""
    return _kept(
        digest("prefilter/7", fingerprint),
        cache,
        lambda stored, stamp: cached_prefilter(rules, stored, cache, fingerprint + stamp),
        lambda: build_prefilter(rules),
        Prefilter.to_json,
    )


# Stored prefilters whose relaxed patterns are still to be tried, by id: the
# cache key that records what this very entry has passed
_PENDING: dict[int, str] = {}
_WORDS, _TOKENS = "words", "tokens"  # passed: the words check; the relaxed trial too


def cached_prefilter(
    rules: Sequence[Rule], stored: object, cache: Cache | None = None, stamp: str = ""
) -> Prefilter | None:
    """The stored prefilter, if it is well formed, holds exactly the checks' own
    patterns, and lets through every rule's own flagged examples (an emptied
    or edited entry would otherwise hide findings in every file). Its relaxed
    patterns are tried on the examples when first used (with the tokenizer).
    With a ``stamp`` (the rules' fingerprint and a digest of the entry's
    text) the cache remembers what this very entry passed: both checks cost
    50 ms of a start, and the words check a third of a start that parses
    nothing."""
    try:
        built = Prefilter.from_json(stored)  # type: ignore[arg-type]
    except (TypeError, ValueError, KeyError, AttributeError, re.error, RecursionError):
        return None
    key = digest("prefilter-passed/1", stamp)
    passed = cache.get(key) if cache is not None and stamp else None
    if passed not in (_WORDS, _TOKENS):
        if not built.trusted(rules):
            return None
        if cache is not None and stamp:
            cache.put(key, _WORDS)
    elif passed == _WORDS:
        built.expect_trial(rules)
    if built.unchecked and stamp:
        _PENDING[id(built)] = key
    return built


def note_checked(prefilter: Prefilter | None, cache: Cache | None) -> None:
    """After a run: remember a stored prefilter whose relaxed patterns passed."""
    key = _PENDING.get(id(prefilter))
    if key is None or prefilter is None or cache is None or prefilter.unchecked:
        return
    del _PENDING[id(prefilter)]
    if prefilter.relaxed:  # a failed trial empties them: tried again next time
        cache.put(key, _TOKENS)


def load_fault_forms(fingerprint: str, cache: Cache | None) -> frozenset[str]:
    """``context.fault_forms``, kept like the prefilter: expanding the words takes
    lemminflect's whole table (half a second) and changes only with the lexicon.
    A stored list is believed only if it holds every fault word itself."""
    from restorelint.context import fault_forms, fault_words

    def believe(stored: object, _stamp: str) -> frozenset[str] | None:
        if not (isinstance(stored, list) and all(isinstance(w, str) for w in stored)):
            return None
        whole = {w.lower() for w in fault_words()} <= set(stored)
        return frozenset(stored) if whole else None

    found = _kept(digest("fault-forms/1", fingerprint), cache, believe, fault_forms, sorted)
    return found if found is not None else fault_forms()


def read_segments(number: int, source: Source) -> list[Segment] | InputError:
    """One document's prose, or why its markup could not be read. A markup parser
    that gives up on one document (a construct it has never seen) must not stop
    the others from being linted."""
    try:
        return list(format_segments(number, source.text, source.format))
    except (RecursionError, MemoryError) as exc:
        return InputError(source.path, f"markup nested too deeply to read ({type(exc).__name__})")
    except Exception as exc:  # a third-party parser's surprise, reported per document
        fmt = source.format or "plain"
        why = f"{type(exc).__name__}: {exc}"
        return InputError(source.path, f"could not read its {fmt} markup ({why}); not linted")
