"""restorelint: a feedback-tone linter that flags punitive phrasing and suggests
restorative alternatives focused on behaviour and outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from restorelint.records import Finding
from restorelint.version import __version__

if TYPE_CHECKING:
    from restorelint.api import lint_text, lint_texts, review_text, rewrite_text

__all__ = ["Finding", "__version__", "lint_text", "lint_texts", "review_text", "rewrite_text"]


def __getattr__(name: str) -> Any:
    # The API pulls in the whole pipeline; `import restorelint` (and every
    # command that needs no parse) should not pay for it.
    if name in ("lint_text", "lint_texts", "review_text", "rewrite_text"):
        from restorelint import api

        return getattr(api, name)
    raise AttributeError(name)
