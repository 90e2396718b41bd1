"""Python-kind checks: logic no token or dependency pattern can express.

Each module exposes ``check(doc, options) -> Iterable[tuple[int, int]]``
yielding the token spans it flags, and ``triggers(options)`` for the
prefilter; ``options`` is the rule file's `options` mapping, so the words
stay in the rule file. A rule file names its check by module name.
"""
