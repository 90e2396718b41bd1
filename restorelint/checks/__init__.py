"""Python-kind checks: logic no token or dependency pattern can express.

Each module exposes ``check(doc, options) -> Iterable[tuple[int, int]]``
yielding the token spans it flags; ``options`` is the rule file's `options`
mapping. A rule file names its check by module name.
"""
