"""Team rules are untrusted input: bounds on what one rule folder may ask of a run.

Any folder's configuration can name a folder of rule files (``extend-rules``),
so a pull request can add rules that every CI run then executes. The schema
says what a rule *is*; these checks say what it may *cost*:

- at most MAX_TEAM_RULES rules per folder, each file at most MAX_RULE_BYTES;
- at most MAX_PATTERNS patterns (or phrases) per rule, token patterns of at
  most MAX_TOKEN_NODES nodes, dependency patterns of at most
  MAX_DEPENDENCY_NODES nodes (the dependency matcher tries every combination
  of candidate tokens, so its cost is a power of the node count);
- every ``REGEX`` at most MAX_REGEX_CHARS long, compiling, and free of the
  shapes that backtrack exponentially: a repeated group that itself repeats
  or alternates (``(a+)+``, ``(a|a)*``) and backreferences. Tokens are at
  most ``read.segment.MAX_SENTENCE_CHARS`` long, so what remains is
  polynomial in a bounded length;
- ``options`` of a python check: word lists (lists of strings) and booleans.

A violation is a CatalogError naming the file and the field.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

from restorelint.catalog.load import CatalogError

if sys.version_info >= (3, 11):
    import re._constants as sre_constants
    import re._parser as sre_parse
else:  # pragma: no cover - exercised on 3.10 only
    import sre_constants
    import sre_parse

MAX_TEAM_RULES = 200
MAX_RULE_BYTES = 256 * 1024
MAX_PATTERNS = 5_000
MAX_TOKEN_NODES = 16
MAX_DEPENDENCY_NODES = 4
MAX_REGEX_CHARS = 200
MAX_WORD_CHARS = 200

_REPEATS = {
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
    getattr(sre_constants, "POSSESSIVE_REPEAT", sre_constants.MAX_REPEAT),
}


def _walk(parsed: Any) -> Iterator[tuple[Any, Any]]:
    """Every (opcode, argument) of a parsed pattern, depth first."""
    for op, arg in parsed:
        yield op, arg
        for child in _children(op, arg):
            yield from _walk(child)


def _children(op: Any, arg: Any) -> list[Any]:
    if op in _REPEATS:
        return [arg[2]]
    if op == sre_constants.SUBPATTERN:
        return [arg[-1]]
    if op == sre_constants.BRANCH:
        return list(arg[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [arg[1]]
    if op == getattr(sre_constants, "ATOMIC_GROUP", None):
        return [arg]
    if op == sre_constants.GROUPREF_EXISTS:
        return [branch for branch in arg[1:] if branch is not None]
    return []


def regex_problem(pattern: object) -> str | None:
    """Why this REGEX may not run, or None when it is safe to."""
    if not isinstance(pattern, str):
        return "REGEX must be a string"
    if len(pattern) > MAX_REGEX_CHARS:
        return f"REGEX is {len(pattern)} characters long (at most {MAX_REGEX_CHARS})"
    try:
        parsed = sre_parse.parse(pattern)
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"REGEX {pattern!r} does not compile: {exc}"
    for op, arg in _walk(parsed):
        if op in (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS):
            return f"REGEX {pattern!r} uses a backreference, which can take exponential time"
        if op in _REPEATS and arg[1] > 1:
            for inner, _ in _walk(arg[2]):
                if inner in _REPEATS or inner == sre_constants.BRANCH:
                    what = "repetition" if inner in _REPEATS else "alternation"
                    return (
                        f"REGEX {pattern!r} repeats a group that holds a {what} "
                        "(nested quantifiers can take exponential time); rewrite it without"
                    )
    return None


def _regexes(value: Any, where: str) -> Iterator[tuple[str, Any]]:
    """Every REGEX operand inside a pattern, with its field path."""
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{where}.{key}"
            if key == "REGEX":
                yield here, item
            else:
                yield from _regexes(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _regexes(item, f"{where}.{index}")


def vet_rule_data(data: dict[str, Any], source: str) -> None:
    """Raise CatalogError when a team rule's data asks for more than a rule may."""
    patterns = data.get("patterns") or []
    if len(patterns) > MAX_PATTERNS:
        raise CatalogError(source, "patterns", f"{len(patterns)} patterns (at most {MAX_PATTERNS})")
    kind = data.get("kind")
    for index, pattern in enumerate(patterns):
        where = f"patterns.{index}"
        if kind == "phrase" and len(str(pattern)) > MAX_WORD_CHARS:
            raise CatalogError(source, where, f"a phrase longer than {MAX_WORD_CHARS} characters")
        if kind in ("token", "dependency") and not isinstance(pattern, list):
            raise CatalogError(source, where, "a pattern must be a list of token specs")
        limit = MAX_DEPENDENCY_NODES if kind == "dependency" else MAX_TOKEN_NODES
        if kind in ("token", "dependency") and len(pattern) > limit:
            raise CatalogError(source, where, f"{len(pattern)} nodes (at most {limit})")
        for field, regex in _regexes(pattern, where):
            problem = regex_problem(regex)
            if problem:
                raise CatalogError(source, field, problem)
    for key, value in (data.get("options") or {}).items():
        where = f"options.{key}"
        if isinstance(value, bool):
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CatalogError(source, where, "must be a list of words or true/false")
        if len(value) > MAX_PATTERNS or any(len(v) > MAX_WORD_CHARS for v in value):
            raise CatalogError(source, where, "too many words, or a word that is too long")
