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

from restorelint import __version__
from restorelint.finding import Finding
from restorelint.fingerprint import ALGORITHM, numbered
from restorelint.reporters import Report
from restorelint.reporters.paths import relative_to_cwd
from restorelint.rules import Rule

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"restorelint/{ALGORITHM}"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict[str, str]:
    relative = relative_to_cwd(path)
    if relative is not None:
        return {"uri": quote(relative), "uriBaseId": SRCROOT}
    if path.startswith("<"):  # stdin has no URI; keep its name, percent-encoded
        return {"uri": quote(path)}
    return {"uri": Path(path).resolve().as_uri()}


def short_description(rule: Rule) -> str:
    return rule.message.replace("“{text}”", "The flagged phrase").replace("{text}", "this phrase")


def help_text(rule: Rule) -> str:
    lines = [
        rule.why,
        "",
        f"Restorative alternative: {rule.suggestion}",
        "",
        "Flags (with a restorative rewrite):",
    ]
    for example in rule.flag_examples:
        lines += [f"- ✗ {example.text}", f"  ✓ {example.rewrite}"]
    lines += ["", "Does not flag:"]
    lines += [f"- {text}" for text in rule.pass_examples]
    return "\n".join(lines)


def rule_descriptor(rule: Rule) -> dict[str, object]:
    from restorelint.docs import rule_markdown

    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short_description(rule)},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text(rule), "markdown": rule_markdown(rule, heading="##")},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "category": rule.category,
            "severity": rule.severity,
            "applicability": rule.applicability,
            "tags": ["feedback-tone", rule.category],
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
    rules = list(report.rules)
    missing = {f.rule for f in report.findings} - {r.id for r in rules}
    if missing:
        from restorelint.rules import default_rules

        rules += [r for r in default_rules() if r.id in missing]
    descriptors = [rule_descriptor(r) for r in rules]
    described = {r.id for r in rules}
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
    prints = numbered(report.findings, report.texts)
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
