"""The restorative checklist (detectors as data) and the restorative score."""

from __future__ import annotations

import pytest
import spacy
import yaml

from restorelint.catalog.checklist import load_checklist, parse_checklist
from restorelint.catalog.load import CatalogError, bundled_rules_dir
from restorelint.records import Finding, LineIndex, Source
from restorelint.review.checklist import ItemResult, evaluate, score
from restorelint.review.detectors import ChecklistMatcher, Evidence
from restorelint.run.pipeline import Pipeline


def checklist_of(linter: Pipeline, text: str) -> dict[str, bool]:
    _, (message,) = linter.review([Source("<msg>", text)])
    return {item.element.id: item.present for item in message.checklist}


# (element, text where it is present, text where it is missing)
CASES = [
    ("expectation", "I need the Q3 report by Friday.", "The Q3 report is late."),
    ("expectation", "We agreed that releases wait for the checklist.", "Releases went out."),
    (
        "behaviour-impact",
        "The migration slipped, which delayed the launch.",
        "Thanks for the update on the launch.",
    ),
    (
        "behaviour-impact",
        "The handoff on Tuesday happened after the deadline.",
        "I hope the handoff goes smoothly.",
    ),
    ("dialogue", "What got in the way?", "Fix the handoff."),
    ("dialogue", "I'd like to understand what happened.", "Fix the handoff."),
    ("support", "Happy to pair on it if that helps.", "The build is green now."),
    ("support", "What support would help you get there?", "The build is green now."),
    ("ownership", "Let's agree on a plan together.", "You need to fix the handoff."),
    ("ownership", "We can change the release checklist.", "You need to fix the handoff."),
    ("progress", "Thanks, the new logging is really useful.", "The logging changed."),
    ("progress", "Sam mentors new hires patiently.", "Sam joined in May."),
]


@pytest.mark.parametrize(
    ("element", "present", "missing"), CASES, ids=[f"{c[0]}:{c[1][:30]}" for c in CASES]
)
def test_each_element_is_detected_present_and_missing(
    linter: Pipeline, element: str, present: str, missing: str
) -> None:
    assert checklist_of(linter, present)[element] is True, present
    assert checklist_of(linter, missing)[element] is False, missing


def test_negated_words_do_not_count(linter: Pipeline) -> None:
    assert checklist_of(linter, "The logging is not useful.")["progress"] is False
    assert checklist_of(linter, "I can't help with this one.")["support"] is False


def test_a_flagged_sentence_is_no_evidence(linter: Pipeline) -> None:
    # "we" in a blaming sentence is not shared ownership; a rhetorical question
    # is not an invitation to talk.
    found = checklist_of(linter, "We missed the launch because of you.")
    assert found["ownership"] is False
    assert checklist_of(linter, "What were you thinking when you merged this?")["dialogue"] is False
    restorative = checklist_of(linter, "We missed the launch. What got in the way?")
    assert restorative["ownership"] is True and restorative["dialogue"] is True


def test_quoted_words_are_no_evidence(linter: Pipeline) -> None:
    assert checklist_of(linter, 'The customer wrote "thanks for nothing".')["progress"] is False


def test_a_restorative_message_has_every_element(linter: Pipeline) -> None:
    text = (
        "Thanks for the quick fix on the webhook. We agreed that changes go out with "
        "integration tests; on Tuesday this one went out without them, which meant two "
        "customers saw duplicate charges. What got in the way? Let's look at it together, "
        "and I'm happy to pair on the tests."
    )
    _, (message,) = linter.review([Source("<msg>", text)])
    assert all(item.present for item in message.checklist), message.checklist
    assert message.score.value == 100


# -- the score ------------------------------------------------------------------


def _finding(severity: str) -> Finding:
    return Finding(
        path="m",
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        start=0,
        end=1,
        rule="RL000",
        name="x",
        category="harsh",
        severity=severity,
        text="x",
        message="x",
        suggestion="x",
        applicability="display-only",
    )


def _results(present: set[str]) -> list[ItemResult]:
    return [ItemResult(e, e.id in present) for e in load_checklist().elements]


ALL = {e.id for e in load_checklist().elements}


@pytest.mark.parametrize(
    ("present", "severities", "expected"),
    [
        (ALL, [], 100),  # everything restorative, nothing punitive
        (set(), [], 40),  # clean but bare: the base
        (ALL, ["error"], 75),
        (ALL, ["warning"], 85),
        (ALL, ["info"], 95),
        ({"dialogue", "support"}, [], 60),
        ({"behaviour-impact"}, ["warning"], 40),
        (set(), ["error", "error"], 0),  # clamped at 0, never negative
        (ALL, ["error"] * 10, 0),
    ],
)
def test_score_formula_and_its_edges(
    present: set[str], severities: list[str], expected: int
) -> None:
    checklist = load_checklist()
    findings = [_finding(s) for s in severities]
    result = score(checklist, _results(present), findings)
    assert result.value == expected
    assert result.value == max(0, min(100, result.base + result.checklist - result.penalty))


def test_score_weights_add_up_to_100() -> None:
    checklist = load_checklist()
    assert checklist.base + sum(e.weight for e in checklist.elements) == 100
    assert checklist.penalties == {"error": 25, "warning": 15, "info": 5}


def test_evaluate_uses_the_first_evidence_outside_flagged_sentences() -> None:
    checklist = load_checklist()
    evidence = [
        Evidence("ownership", 3, 5, 0, 20, "we"),
        Evidence("ownership", 25, 27, 21, 40, "we"),
    ]
    flagged = [_finding("warning")]  # start 0: inside the first sentence
    lines = LineIndex("x" * 40)
    results = {r.element.id: r for r in evaluate(checklist, evidence, flagged, lines)}
    assert results["ownership"].present and results["ownership"].evidence == evidence[1]


# -- the data file ----------------------------------------------------------------


def _raw() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((bundled_rules_dir() / "_checklist.yaml").read_text(encoding="utf-8"))


def test_broken_checklist_data_names_the_field() -> None:
    data = _raw()
    data["score"]["base"] = 50
    with pytest.raises(CatalogError, match="add up to 110") as info:
        parse_checklist(data, "c.yaml")
    assert info.value.field_path == "score.base"
    data = _raw()
    data["elements"][0]["detectors"][0] = {"kind": "check", "check": "os_system"}
    checklist = parse_checklist(data, "c.yaml")  # the names of checks are the code's
    with pytest.raises(CatalogError, match="no built-in check") as info:
        ChecklistMatcher(checklist, spacy.blank("en"))
    element = checklist.elements[0].id
    assert info.value.field_path == f"elements.{element}.detectors.0.check"
    data = _raw()
    data["elements"][1]["id"] = data["elements"][0]["id"]
    with pytest.raises(CatalogError, match="used twice"):
        parse_checklist(data, "c.yaml")


def test_unquoted_yaml_boolean_and_bad_patterns_are_reported() -> None:
    data = _raw()
    data["elements"][0]["detectors"][0]["patterns"] = [[{"LOWER": {"IN": ["in", True]}}]]
    with pytest.raises(CatalogError, match="quote"):
        parse_checklist(data, "c.yaml")
    data = _raw()
    data["elements"][0]["detectors"][0]["patterns"] = [[{"LOWR": "need"}]]
    checklist = parse_checklist(data, "c.yaml")
    with pytest.raises(CatalogError) as info:
        ChecklistMatcher(checklist, spacy.blank("en"))
    assert "patterns" in info.value.field_path and "c.yaml" in str(info.value)
