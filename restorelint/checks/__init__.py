"""Python-kind checks: logic no token or dependency pattern can express.

Each module exposes ``check(doc) -> Iterable[tuple[int, int]]`` yielding the
token spans it flags. A rule file names its check by module name.
"""
