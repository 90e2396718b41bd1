"""What the server knows about documents: the format each is read as, the
configuration that governs it (found and reloaded as ``check`` would find it),
and its findings, with the rewrites worked out only when an editor asks for them.

Nothing here speaks LSP; the handlers in ``app`` call it from one worker thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from restorelint.catalog.rules import catalog
from restorelint.read.formats import (
    DOCX,
    HTML,
    HTML_TEMPLATE,
    MARKDOWN,
    PLAIN,
    TEMPLATE,
    TEXT_SUFFIXES,
    detect,
)
from restorelint.records import Finding, Source
from restorelint.review.settings import ReviewSettings
from restorelint.run.memo import SegmentMemo
from restorelint.run.pipeline import Pipeline
from restorelint.settings.exclude import forget_gitignores
from restorelint.settings.files import find_config
from restorelint.settings.resolver import Resolver

if TYPE_CHECKING:
    from spacy.language import Language

    from restorelint.catalog.rules import Rule
    from restorelint.suggest.message import MessageReport

# Editors' language ids for documents with no telling suffix (an unsaved buffer).
LANGUAGE_FORMATS = {
    "markdown": MARKDOWN,
    "html": HTML,
    "plaintext": PLAIN,
    "jinja": TEMPLATE,
    "jinja-html": HTML_TEMPLATE,
    "django-html": HTML_TEMPLATE,
    "handlebars": TEMPLATE,
    "liquid": TEMPLATE,
}
# Rewrites need no readability figures; leaving them out skips textstat's dictionary.
_REVIEW = ReviewSettings(readability=False)


def document_format(path: str | None, language_id: str | None) -> str | None:
    """The format a document is read as, or None for one restorelint does not read
    (code, data, a Word file, which no editor edits as text)."""
    if path is not None and PurePath(path).suffix.lower() in TEXT_SUFFIXES:
        fmt = detect(path)
        return None if fmt == DOCX else fmt
    return LANGUAGE_FORMATS.get(language_id or "")


Stamp = tuple[tuple[str, int], ...]


def _stamp(files: tuple[Path, ...], folders: tuple[Path, ...]) -> Stamp:
    """When each file a configuration was read from last changed (team rule files
    included), so an edit to any of them is noticed on the next check."""
    paths = [*files, *(p for folder in folders for p in sorted(folder.rglob("*.yaml")))]
    out = []
    for path in paths:
        try:
            out.append((str(path), os.stat(path).st_mtime_ns))
        except OSError:
            out.append((str(path), -1))
    return tuple(out)


@dataclass
class Configured:
    """One configuration file's settings, rules and pipeline, as ``check`` builds them."""

    resolver: Resolver
    pipeline: Pipeline
    stamp: Stamp
    warnings: list[str]

    @classmethod
    def load(cls, path: Path, nlp: Language | None) -> Configured:
        resolver = Resolver()
        settings = resolver.settings_for(path)
        rules = resolver.rules()
        # No result cache (the server writes no files); instead each paragraph's
        # matches are remembered in memory, so an edit re-parses only its paragraph.
        pipeline = Pipeline(rules, resolver, nlp=nlp, memo=SegmentMemo())
        stamp = _stamp(settings.files, settings.extend_rules)
        return cls(resolver, pipeline, stamp, resolver.warnings(rules))

    def current(self) -> bool:
        settings = self.resolver.used()[0]
        return _stamp(settings.files, settings.extend_rules) == self.stamp


@dataclass
class Checked:
    """One version of a document and what the pipeline found in it."""

    source: Source
    findings: list[Finding]
    configured: Configured
    _message: MessageReport | None = field(default=None, repr=False)

    def rule(self, rule_id: str) -> Rule | None:
        """The rule behind a finding (a stage's, such as RL901, from the catalog)."""
        found = self.configured.pipeline.by_id.get(rule_id)
        if found is None:
            found = next((r for r in catalog() if r.id == rule_id), None)
        return found

    def message(self) -> MessageReport:
        """The reviewed message with its rewrites (computed once per version: it
        parses every paragraph, where the findings alone skip most of them)."""
        if self._message is None:
            _, messages = self.configured.pipeline.messages([self.source], _REVIEW)
            self._message = messages[0]
        return self._message


class Documents:
    """Configurations by the file that holds them, loaded once and reloaded when
    the file (or a file it extends, or a team rule) changes."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp
        self._configs: dict[Path | None, Configured] = {}
        self.new_warnings: list[str] = []

    def configured(self, path: Path) -> Configured:
        found = find_config(path.parent)
        entry = self._configs.get(found)
        if entry is None or not entry.current():
            forget_gitignores()
            entry = Configured.load(path, self.nlp)
            self._configs[found] = entry
            self.new_warnings.extend(entry.warnings)
            if self.nlp is None:
                self.nlp = entry.pipeline.nlp  # one model for every configuration
        return entry

    def forget(self) -> None:
        """A configuration file changed: load them all again on the next check."""
        self._configs.clear()

    def check(self, path: Path, text: str, fmt: str) -> Checked | None:
        """The findings in one version of a document; None when the configuration
        excludes it (an editor opens everything; ``check --force-exclude`` skips it)."""
        configured = self.configured(path)
        if configured.resolver.skip(path):
            return None
        source = Source(str(path), text, fmt)
        findings = configured.pipeline.lint([source]).findings
        return Checked(source, findings, configured)
