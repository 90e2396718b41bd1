"""The library interface: lint, review and rewrite texts without the command line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from restorelint.catalog.rules import Rule, default_rules
from restorelint.read.formats import detect
from restorelint.records import Finding, Source
from restorelint.run.pipeline import Pipeline
from restorelint.suggest.message import MessageReport

_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


def _pipeline(rules: Iterable[Rule] | None) -> Pipeline:
    chosen = list(default_rules()) if rules is None else list(rules)
    key = tuple(r.id for r in chosen)
    if rules is not None:
        return Pipeline(chosen)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(chosen)
    return _PIPELINES[key]


def lint_texts(
    texts: Sequence[str],
    *,
    paths: Sequence[str] | None = None,
    rules: Iterable[Rule] | None = None,
    format: str | None = None,
) -> list[list[Finding]]:
    """Lint several texts in one pass through the pipeline; one findings list per text.

    ``format`` (one of ``restorelint.read.formats.INPUT_FORMATS``) forces how every
    text is read; by default each is read as its path's extension implies (plain
    text for the default names). Inline suppressions in the texts are honoured;
    configuration files are not read (that is the command line's job).
    """
    names = list(paths) if paths is not None else [f"<text {i}>" for i in range(len(texts))]
    if len(names) != len(texts):
        raise ValueError("paths must be as long as texts")
    sources = [
        Source(path=name, text=text, format=format or detect(name))
        for name, text in zip(names, texts, strict=True)
    ]
    by_path: dict[str, list[Finding]] = {name: [] for name in names}
    for finding in _pipeline(rules).lint(sources).findings:
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
    _, messages = _pipeline(None).messages([Source(path, text, detect(path))])
    if not messages:
        raise ValueError("the message is empty")
    return messages[0]


def rewrite_text(text: str) -> str:
    """The message with each flagged sentence replaced by its restorative rewrite."""
    if not text.strip():
        return text
    return review_text(text).composed().text
