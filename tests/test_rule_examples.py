"""Every rule's documented examples are tests, run against the real model.

A rule file can say which configuration its examples run under
(``examples.config``): the deny-list rule needs a deny list, the
unused-suppression rule needs ``report-unused-suppressions``. Every other
rule's examples run under the defaults.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from restorelint.catalog.rules import Rule, catalog
from restorelint.records import Finding, Source
from restorelint.run.pipeline import Pipeline
from restorelint.settings.resolver import Resolver
from restorelint.settings.schema import parse_config

RULES = catalog()
BY_ID = {r.id: r for r in RULES}
FLAG = [(r.id, e.text) for r in RULES for e in r.flag_examples]
PASS = [(r.id, t) for r in RULES for t in r.pass_examples]
# a rule that rewrites nothing (an unused suppression) documents the message unchanged
REWRITES = [(r.id, e.rewrite) for r in RULES for e in r.flag_examples if r.shapes != ("none",)]


@cache
def _configured(rule_id: str) -> Pipeline:
    settings = parse_config(dict(BY_ID[rule_id].example_config), Path("examples.toml"), "")
    resolver = Resolver.of(settings)
    return Pipeline(resolver.rules(), resolver)


def _lint(pipeline: Pipeline, rule: Rule, text: str) -> list[Finding]:
    if rule.example_config:
        pipeline = _configured(rule.id)
    return pipeline.lint([Source("<test>", text)]).findings


@pytest.mark.parametrize(("rule_id", "text"), FLAG, ids=[f"{r}:{t[:40]}" for r, t in FLAG])
def test_flag_example_is_flagged(linter: Pipeline, rule_id: str, text: str) -> None:
    found = _lint(linter, BY_ID[rule_id], text)
    assert rule_id in {f.rule for f in found}, f"{rule_id} missed {text!r}: {found}"
    for finding in found:
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(("rule_id", "text"), PASS, ids=[f"{r}:{t[:40]}" for r, t in PASS])
def test_pass_example_is_not_flagged_by_its_rule(linter: Pipeline, rule_id: str, text: str) -> None:
    found = [f for f in _lint(linter, BY_ID[rule_id], text) if f.rule == rule_id]
    assert not found, f"{rule_id} wrongly flagged {text!r}: {[f.text for f in found]}"


@pytest.mark.parametrize(("rule_id", "text"), REWRITES, ids=[f"{r}:{t[:40]}" for r, t in REWRITES])
def test_restorative_rewrite_is_not_flagged_by_any_rule(
    linter: Pipeline, rule_id: str, text: str
) -> None:
    found = _lint(linter, BY_ID[rule_id], text)
    assert not found, (
        f"rewrite for {rule_id} is itself flagged: {[(f.rule, f.text) for f in found]}"
    )


EXACT = [(r.id, e.text, e.rewrite) for r in RULES for e in r.flag_examples]


@pytest.mark.parametrize(
    ("rule_id", "text", "expected"), EXACT, ids=[f"{r}:{t[:40]}" for r, t, _ in EXACT]
)
def test_documented_rewrite_is_what_restorelint_writes(
    linter: Pipeline, rule_id: str, text: str, expected: str
) -> None:
    """The rule file's ``rewrite:`` is the exact output (as sqlfluff's fix_str), so the
    docs, ``explain`` and SARIF help show what users get."""
    pipeline = _configured(rule_id) if BY_ID[rule_id].example_config else linter
    _, messages = pipeline.messages([Source("<example>", text)])
    assert messages[0].composed().text == expected
