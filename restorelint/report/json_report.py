"""JSON output: a stable, documented schema (see README, "JSON output")."""

from __future__ import annotations

import json

from restorelint.records import Finding
from restorelint.report import Report
from restorelint.report.messages import message_json
from restorelint.report.paths import printable
from restorelint.version import __version__

SCHEMA_VERSION = 1
FIELDS = (
    "path",
    "rule",
    "name",
    "category",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "text",
    "message",
    "suggestion",
    "applicability",
)


def render(report: Report, color: bool = False) -> str:
    payload = {
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "findings": [
            {
                **{key: getattr(f, key) for key in FIELDS},
                "path": printable(f.path),
                "fix": _fix_json(f),
            }
            for f in report.findings
        ],
        "errors": [{"path": printable(e.path), "message": e.message} for e in report.errors],
        "summary": {
            "files": report.files_linted,
            "findings": len(report.findings),
            "errors": len(report.errors),
        },
        "messages": [message_json(m) for m in report.messages],
    }
    if report.baselined is not None:
        payload["summary"]["baselined"] = report.baselined  # type: ignore[index]
    if report.min_severity is not None:
        payload["summary"]["hidden"] = report.hidden  # type: ignore[index]
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _fix_json(finding: Finding) -> dict[str, object] | None:
    if finding.fix is None:
        return None
    return {
        "applicability": finding.fix.applicability,
        "edits": [
            {"start": e.start, "end": e.end, "content": e.content} for e in finding.fix.edits
        ],
    }
