"""JSON output: a stable, documented schema (see README, "JSON output")."""

from __future__ import annotations

import json

from restorelint import __version__
from restorelint.reporters import Report

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
    from restorelint.reporters.messages import fix_json, message_json

    payload = {
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "findings": [
            {
                **{key: getattr(f, key) for key in FIELDS},
                "fix": fix_json(f, report.texts.get(f.path)),
            }
            for f in report.findings
        ],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "summary": {
            "files": report.files_linted,
            "findings": len(report.findings),
            "errors": len(report.errors),
        },
        "messages": [message_json(m) for m in report.messages],
    }
    if report.baselined is not None:
        payload["summary"]["baselined"] = report.baselined  # type: ignore[index]
    return json.dumps(payload, indent=2, ensure_ascii=False)
