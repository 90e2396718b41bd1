"""Rule documentation, generated from the rule files themselves so it cannot drift.

``python -m restorelint.docs > docs/rules.md`` regenerates the catalog page;
``restorelint explain ID`` prints one rule's section.
"""

from __future__ import annotations

import sys

from restorelint.context import filters_for
from restorelint.lexicon import load_lexicon
from restorelint.rules import CATEGORIES, Rule, default_rules

SEVERITY_MEANING = {
    "error": "attacks or threatens the person",
    "warning": "punitive framing",
    "info": "style hint",
}


def rule_markdown(rule: Rule, heading: str = "##") -> str:
    lex = load_lexicon()
    lines = [
        f"{heading} {rule.id} {rule.name}",
        "",
        f"*Category:* {rule.category} · *Severity:* {rule.severity} "
        f"({SEVERITY_MEANING[rule.severity]}) · *Kind:* {rule.kind} · "
        f"*Fix:* {rule.applicability}",
        "",
        f"**What it flags.** {rule.message.replace('{text}', '…')}",
        "",
        f"**Why it reads as punitive.** {rule.why}",
        "",
        f"**Restorative alternative.** {rule.suggestion}",
        "",
        "**Flags** (with a restorative rewrite):",
        "",
    ]
    for example in rule.flag_examples:
        lines.append(f"- ✗ {example.text}")
        lines.append(f"  - ✓ {example.rewrite}")
    lines += ["", "**Does not flag:**", ""]
    lines += [f"- {text}" for text in rule.pass_examples]
    filters = [name for name, _ in filters_for(rule)]
    if filters:
        lines += [
            "",
            "**Not flagged in context:** "
            + "; ".join(
                f"{name.replace('_', ' ')} — {lex.filters[name].description}" for name in filters
            ),
        ]
    return "\n".join(lines) + "\n"


def catalog_markdown() -> str:
    rules = default_rules()
    out = [
        "# restorelint rules",
        "",
        "Generated from `rules/` by `python -m restorelint.docs`; do not edit by hand.",
        "",
        "Severity: `error` attacks or threatens the person; `warning` is punitive framing;",
        "`info` is a style hint.",
        "",
        "| id | name | category | severity |",
        "| --- | --- | --- | --- |",
    ]
    out += [
        f"| {r.id} | [{r.name}](#{r.id.lower()}-{r.name}) | {r.category} | {r.severity} |"
        for r in rules
    ]
    for category in CATEGORIES:
        members = [r for r in rules if r.category == category]
        if members:
            out += ["", f"# {category}", ""]
            out += [rule_markdown(r) for r in members]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(catalog_markdown())
