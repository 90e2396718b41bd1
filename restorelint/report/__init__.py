"""Report: format a fully prepared report. Reporters only format; the stages before
them decided what is flagged and computed positions, fix edits, fingerprints and
rule documentation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.records import Finding, InputError

if TYPE_CHECKING:
    from restorelint.catalog.docs import RuleDoc
    from restorelint.suggest.message import MessageReport

FORMATS = ("text", "json", "sarif", "github", "junit")


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    errors: list[InputError] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # path -> original text, for excerpts
    files_linted: int = 0
    # the rules that ran (and any other whose findings are shown), for SARIF
    rule_docs: list[RuleDoc] = field(default_factory=list)
    # per finding: its line-independent fingerprint and occurrence number in its file
    fingerprints: list[tuple[str, int]] = field(default_factory=list)
    baselined: int | None = None  # findings hidden by --baseline; None when none was given
    messages: list[MessageReport] = field(default_factory=list)  # checklist, score, readability


Reporter = Callable[[Report, bool], str]


def get_reporter(name: str) -> Reporter:
    from restorelint.report import github, json_report, junit, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }[name]
