"""Report: format a fully prepared report. Reporters only format; the stages before
them decided what is flagged and computed positions, fix edits, fingerprints and
rule documentation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.records import SEVERITIES, Finding, InputError

if TYPE_CHECKING:
    from restorelint.catalog.docs import RuleDoc
    from restorelint.suggest.message import MessageReport

FORMATS = ("text", "concise", "json", "sarif", "github", "junit")
# "info" names a kind of finding, like "advice": it takes no plural.
_SEVERITY_PLURALS = {"error": "errors", "warning": "warnings", "info": "info"}


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
    quiet: bool = False  # findings only: no summary line (--quiet)
    # findings left out by --min-severity: how many, and below which severity
    hidden: int = 0
    min_severity: str | None = None


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 file", "2 files" (``many`` for irregular plurals: "fix", "fixes")."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def severity_counts(findings: Iterable[Finding]) -> str:
    """ "2 errors, 1 warning, 3 info": each severity present, most severe first."""
    counts = Counter(f.severity for f in findings)
    return ", ".join(plural(counts[s], s, _SEVERITY_PLURALS[s]) for s in SEVERITIES if counts[s])


def summary_notes(report: Report) -> str:
    """What the summary adds about findings it does not show (baseline, --min-severity)."""
    notes = ""
    if report.baselined:
        notes += f" {plural(report.baselined, 'known finding')} from the baseline not shown."
    if report.hidden:
        notes += (
            f" {plural(report.hidden, 'finding')} below {report.min_severity} not shown"
            " (--min-severity)."
        )
    return notes


Reporter = Callable[[Report, bool], str]


def get_reporter(name: str) -> Reporter:
    from restorelint.report import concise, github, json_report, junit, sarif, text

    return {
        "text": text.render,
        "concise": concise.render,
        "json": json_report.render,
        "sarif": sarif.render,
        "github": github.render,
        "junit": junit.render,
    }[name]
