"""restorelint: a feedback-tone linter that flags punitive phrasing and suggests
restorative alternatives focused on behaviour and outcome."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from restorelint.finding import Finding

if TYPE_CHECKING:
    from restorelint.review import MessageReport
    from restorelint.rules import Rule

__version__ = "0.1.0"
__all__ = ["Finding", "__version__", "lint_text", "lint_texts", "review_text", "rewrite_text"]


def lint_texts(
    texts: Sequence[str],
    *,
    paths: Sequence[str] | None = None,
    rules: Iterable[Rule] | None = None,
    format: str | None = None,
) -> list[list[Finding]]:
    """Lint several texts in one pass through the pipeline; one findings list per text.

    ``format`` (one of ``restorelint.formats.INPUT_FORMATS``) forces how every text
    is read; by default each is read as its path's extension implies (plain text
    for the default names). Inline suppressions in the texts are honoured;
    configuration files are not read (that is the command line's job).
    """
    from restorelint.engine import Linter
    from restorelint.formats import detect
    from restorelint.rules import default_rules
    from restorelint.sources import Source
    from restorelint.suppressions import Suppressions

    names = list(paths) if paths is not None else [f"<text {i}>" for i in range(len(texts))]
    if len(names) != len(texts):
        raise ValueError("paths must be as long as texts")
    chosen = list(default_rules()) if rules is None else list(rules)
    linter = Linter(chosen, stages=[Suppressions()])
    sources = [
        Source(path=name, text=text, format=format or detect(name))
        for name, text in zip(names, texts, strict=True)
    ]
    by_path: dict[str, list[Finding]] = {name: [] for name in names}
    for finding in linter.lint(sources):
        by_path[finding.path].append(finding)
    return [by_path[name] for name in names]


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    rules: Iterable[Rule] | None = None,
    format: str | None = None,
) -> list[Finding]:
    """Lint one message and return its findings in document order (``format``: see
    ``lint_texts``; ``path="review.md"`` reads it as Markdown)."""
    return lint_texts([text], paths=[path], rules=rules, format=format)[0]


def review_text(text: str, *, path: str = "<text>") -> MessageReport:
    """Findings, restorative checklist, score, readability and rewrites of one message."""
    from restorelint.engine import Linter
    from restorelint.review import add_rewrites, review
    from restorelint.sources import Source

    linter = Linter.default()
    result = review(linter, [Source(path, text)])
    if not result.messages:
        raise ValueError("the message is empty")
    add_rewrites(result.messages, linter)
    return result.messages[0]


def rewrite_text(text: str) -> str:
    """The message with each flagged sentence replaced by its restorative rewrite."""
    if not text.strip():
        return text
    return review_text(text).composed().text
