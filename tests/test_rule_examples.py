"""Every rule's documented examples are tests, run against the real model."""

from __future__ import annotations

import pytest

from restorelint.rules import default_rules

RULES = default_rules()
FLAG = [(r.id, e.text) for r in RULES for e in r.flag_examples]
PASS = [(r.id, t) for r in RULES for t in r.pass_examples]
REWRITES = [(r.id, e.rewrite) for r in RULES for e in r.flag_examples]


@pytest.mark.parametrize(("rule_id", "text"), FLAG, ids=[f"{r}:{t[:40]}" for r, t in FLAG])
def test_flag_example_is_flagged(lint, rule_id: str, text: str) -> None:
    found = lint(text)
    assert rule_id in {f.rule for f in found}, f"{rule_id} missed {text!r}: {found}"
    for finding in found:
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(("rule_id", "text"), PASS, ids=[f"{r}:{t[:40]}" for r, t in PASS])
def test_pass_example_is_not_flagged_by_its_rule(lint, rule_id: str, text: str) -> None:
    found = [f for f in lint(text) if f.rule == rule_id]
    assert not found, f"{rule_id} wrongly flagged {text!r}: {[f.text for f in found]}"


@pytest.mark.parametrize(("rule_id", "text"), REWRITES, ids=[f"{r}:{t[:40]}" for r, t in REWRITES])
def test_restorative_rewrite_is_not_flagged_by_any_rule(lint, rule_id: str, text: str) -> None:
    found = lint(text)
    assert not found, (
        f"rewrite for {rule_id} is itself flagged: {[(f.rule, f.text) for f in found]}"
    )
