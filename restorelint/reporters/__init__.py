"""Report: format findings. Reporters only format; they never decide what is flagged."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.finding import Finding
from restorelint.sources import InputError

if TYPE_CHECKING:
    from restorelint.review import MessageReport
    from restorelint.rules import Rule


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    errors: list[InputError] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # path -> original text, for excerpts
    files_linted: int = 0
    rules: Sequence[Rule] = ()  # the rules that ran, for formats that describe them (SARIF)
    baselined: int | None = None  # findings hidden by --baseline; None when none was given
    messages: list[MessageReport] = field(default_factory=list)  # checklist, score, readability


Reporter = Callable[[Report, bool], str]


def get_reporter(name: str) -> Reporter:
    from restorelint.reporters import github, json_report, junit, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }[name]


FORMATS = ("text", "json", "sarif", "github", "junit")
