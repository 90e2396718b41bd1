"""The built-in python checks, found by name."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import CatalogError

if TYPE_CHECKING:
    from spacy.tokens import Doc

# A python-kind check yields token spans [start, end) that it flags; it gets
# the rule's `options` mapping so word lists stay in the rule file.
Check = Callable[["Doc", Mapping[str, Any]], Iterable[tuple[int, int]]]


def load_check(name: str, source: str = "") -> Check:
    """Python checks live in restorelint.match.checks; team rule files may only name
    those, so a rule file can never run code of its own."""
    return check_module(name, source).check  # type: ignore[no-any-return]


def check_module(name: str, source: str = "") -> Any:
    """The module of a built-in check; CatalogError for any other name."""
    module = None
    if name and not name.startswith("_"):
        try:
            module = importlib.import_module(f"restorelint.match.checks.{name}")
        except ImportError:
            module = None
    if module is None or not callable(getattr(module, "check", None)):
        raise CatalogError(source, "check", f"no built-in check named '{name}'")
    return module
