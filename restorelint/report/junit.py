"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite>`` per linted file; each finding is a failed ``<testcase>``
whose body is the same block the text output prints, and a file with no
findings is one passing test case. An input that could not be read is a test
case with an ``<error>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from restorelint.records import Finding
from restorelint.report import Report
from restorelint.report.paths import display_path
from restorelint.report.text import render_finding

# Characters XML 1.0 cannot carry even escaped (control characters other than tab/LF/CR).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


def _suite(name: str, tests: int, failures: int, errors: int) -> ET.Element:
    return ET.Element(
        "testsuite",
        {
            "name": _clean(name),
            "tests": str(tests),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": "0",
        },
    )


def _case(suite: ET.Element, path: str, name: str, line: int | None = None) -> ET.Element:
    attrs = {"name": _clean(name), "classname": _clean(path), "file": _clean(path)}
    if line is not None:
        attrs["line"] = str(line)
    return ET.SubElement(suite, "testcase", attrs)


def _failure(case: ET.Element, finding: Finding, source_text: str | None) -> None:
    failure = ET.SubElement(
        case, "failure", {"message": _clean(finding.message), "type": finding.rule}
    )
    failure.text = _clean(render_finding(finding, source_text, color=False))


def render(report: Report, color: bool = False) -> str:
    by_path: dict[str, list[Finding]] = {path: [] for path in report.texts}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    root = ET.Element("testsuites", {"name": "restorelint"})
    for path, findings in by_path.items():
        shown = display_path(path)
        suite = _suite(shown, max(1, len(findings)), len(findings), 0)
        root.append(suite)
        if not findings:
            _case(suite, shown, "no punitive phrasing")
        for finding in findings:
            case = _case(
                suite,
                shown,
                f"{finding.rule} {finding.name} at {finding.line}:{finding.column}",
                finding.line,
            )
            _failure(case, finding, report.texts.get(path))
    for error in report.errors:
        shown = display_path(error.path)
        suite = _suite(shown, 1, 0, 1)
        root.append(suite)
        case = _case(suite, shown, "read input")
        ET.SubElement(case, "error", {"message": _clean(error.message), "type": "InputError"})
    suites = list(root)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
