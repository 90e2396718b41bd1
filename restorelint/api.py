"""The library interface: lint, review and rewrite texts without the command line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from restorelint.catalog.rules import Rule, default_rules
from restorelint.read.formats import detect
from restorelint.records import Finding, Source
from restorelint.run.pipeline import Pipeline
from restorelint.run.suggestions import with_sentence_rewrites
from restorelint.settings.resolver import Resolver
from restorelint.suggest.message import MessageReport

_PIPELINES: dict[tuple[object, ...], Pipeline] = {}


def _pipeline(rules: Iterable[Rule] | None, config: str | Path | None = None) -> Pipeline:
    """The default pipeline is kept per process (bots call lint_text in a loop); a
    configuration file applies as ``check --config`` applies it."""
    resolver = Resolver(Path(config)) if config is not None else None
    if rules is not None:
        return Pipeline(list(rules), resolver)
    key = ("default", str(config) if config is not None else None)
    if key not in _PIPELINES:
        chosen = resolver.rules() if resolver is not None else list(default_rules())
        _PIPELINES[key] = Pipeline(chosen, resolver)
    return _PIPELINES[key]


def lint_texts(
    texts: Sequence[str],
    *,
    paths: Sequence[str] | None = None,
    rules: Iterable[Rule] | None = None,
    format: str | None = None,
    config: str | Path | None = None,
    rewrites: bool = True,
) -> list[list[Finding]]:
    """Lint several texts in one pass through the pipeline; one findings list per text.

    ``format`` (one of ``restorelint.read.formats.INPUT_FORMATS``) forces how every
    text is read; by default each is read as its path's extension implies (plain
    text for the default names). Inline suppressions in the texts are honoured;
    ``config`` names a configuration file to apply (as ``check --config``; none is
    searched for). Each finding's ``suggestion`` is the rewrite of its sentence,
    as ``check`` shows it; ``rewrites=False`` keeps the rules' general advice and
    skips that work.
    """
    names = list(paths) if paths is not None else [f"<text {i}>" for i in range(len(texts))]
    if len(names) != len(texts):
        raise ValueError("paths must be as long as texts")
    sources = [
        Source(path=name, text=text, format=format or detect(name))
        for name, text in zip(names, texts, strict=True)
    ]
    pipeline = _pipeline(rules, config)
    # by position, not by name: two texts may be given the same path
    linted = pipeline.lint(sources)
    per_source = linted.per_source
    if rewrites:
        per_source = [
            with_sentence_rewrites(pipeline, [source], own, [linted.stretches[number]])
            for number, (source, own) in enumerate(zip(sources, per_source, strict=True))
        ]
    return per_source


def lint_text(
    text: str,
    *,
    path: str = "<text>",
    rules: Iterable[Rule] | None = None,
    format: str | None = None,
    config: str | Path | None = None,
    rewrites: bool = True,
) -> list[Finding]:
    """Lint one message and return its findings in document order (``format``,
    ``config``, ``rewrites``: see ``lint_texts``; ``path="review.md"`` reads it as
    Markdown)."""
    return lint_texts(
        [text], paths=[path], rules=rules, format=format, config=config, rewrites=rewrites
    )[0]


def review_text(
    text: str, *, path: str = "<text>", config: str | Path | None = None
) -> MessageReport:
    """Findings, restorative checklist, score, readability and rewrites of one message
    (``config``: see ``lint_texts``)."""
    _, messages = _pipeline(None, config).messages([Source(path, text, detect(path))])
    if not messages:
        raise ValueError("the message is empty")
    return messages[0]


def rewrite_text(text: str, *, path: str = "<text>", config: str | Path | None = None) -> str:
    """The message with each flagged sentence replaced by its restorative rewrite,
    under the same configuration and inline suppressions as ``check``."""
    if not text.strip():
        return text
    return review_text(text, path=path, config=config).composed().text
