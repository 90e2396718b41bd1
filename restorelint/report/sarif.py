"""SARIF 2.1.0 output, shaped for GitHub code scanning.

Each rule is described from its YAML file: ``shortDescription`` from its
message, ``fullDescription`` from ``why``, ``help`` from the same text as
``restorelint explain`` (reason, restorative alternative, examples with
rewrites). Results point at files relative to the working directory through the
``%SRCROOT%`` base id, count columns in Unicode code points (as restorelint
does everywhere), and carry a line-independent fingerprint under
``partialFingerprints["restorelint/v1"]`` so an alert follows its sentence when
lines move. GitHub's own ``primaryLocationLineHash`` is left for the upload
action to compute.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from restorelint.catalog.docs import RuleDoc
from restorelint.records import Finding
from restorelint.report import Report
from restorelint.report.paths import path_bytes, relative_to_cwd
from restorelint.settings.fingerprint import ALGORITHM
from restorelint.version import __version__

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"restorelint/{ALGORITHM}"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict[str, str]:
    relative = relative_to_cwd(path)
    if relative is not None:
        # percent-encoded from the bytes the OS gave, so a name that is not UTF-8 is
        # still the right file
        return {"uri": quote(path_bytes(relative)), "uriBaseId": SRCROOT}
    if path.startswith("<"):  # stdin has no URI; keep its name, percent-encoded
        return {"uri": quote(path_bytes(path))}
    return {"uri": "file://" + quote(path_bytes(str(Path(path).resolve())))}


def rule_descriptor(doc: RuleDoc) -> dict[str, object]:
    return {
        "id": doc.id,
        "name": doc.name,
        "shortDescription": {"text": doc.short},
        "fullDescription": {"text": doc.why},
        "help": {"text": doc.help_text, "markdown": doc.markdown},
        "defaultConfiguration": {"level": LEVELS[doc.severity]},
        "properties": {
            "category": doc.category,
            "severity": doc.severity,
            "applicability": doc.applicability,
            "tags": ["feedback-tone", doc.category],
        },
    }


def _fallback_descriptor(finding: Finding) -> dict[str, object]:
    """A rule the reporter was not given and the catalog does not hold (API use)."""
    return {
        "id": finding.rule,
        "name": finding.name,
        "shortDescription": {"text": finding.message},
        "fullDescription": {"text": finding.message},
        "help": {"text": finding.suggestion},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "properties": {"category": finding.category, "tags": ["feedback-tone", finding.category]},
    }


def _descriptors(report: Report) -> list[dict[str, object]]:
    descriptors = [rule_descriptor(d) for d in report.rule_docs]
    described = {d.id for d in report.rule_docs}
    for finding in report.findings:
        if finding.rule not in described:
            described.add(finding.rule)
            descriptors.append(_fallback_descriptor(finding))
    return descriptors


def _result(
    finding: Finding, index: int, fingerprint: str, occurrence: int, baseline: bool
) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message} Try: {finding.suggestion}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(finding.path),
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_column,
                        "snippet": {"text": finding.text},
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f"{fingerprint}:{occurrence}"},
        "properties": {
            "category": finding.category,
            "applicability": finding.applicability,
        },
    }
    if baseline:
        result["baselineState"] = "new"  # findings already in the baseline are not reported
    return result


def sarif_log(report: Report) -> dict[str, object]:
    descriptors = _descriptors(report)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    prints = report.fingerprints
    results = [
        _result(f, index[f.rule], print_, n, report.baselined is not None)
        for f, (print_, n) in zip(report.findings, prints, strict=True)
    ]
    invocation: dict[str, object] = {"executionSuccessful": True}
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {"text": error.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact_location(error.path)}}
                ],
            }
            for error in report.errors
        ]
    root = Path.cwd().as_uri()
    root = root if root.endswith("/") else root + "/"  # a base URI must end with a slash
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "restorelint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {SRCROOT: {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, color: bool = False) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False)
