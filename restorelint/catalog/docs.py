"""Rule documentation, generated from the rule files themselves so it cannot drift.

``python -m restorelint.catalog.docs > docs/rules.md`` regenerates the catalog
page; ``restorelint explain ID`` prints one rule's section, and SARIF output
carries the same text as each rule's help.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from restorelint.catalog.lexicon import filter_names_for, load_lexicon
from restorelint.catalog.rules import Rule, catalog
from restorelint.records import ALL_CATEGORIES

SEVERITY_MEANING = {
    "error": "attacks or threatens the person",
    "warning": "punitive framing",
    "info": "style hint",
}


@dataclass(frozen=True)
class RuleDoc:
    """Everything a report says about a rule, rendered once from its file."""

    id: str
    name: str
    category: str
    severity: str
    applicability: str
    short: str  # the message with the flagged words left out
    why: str
    help_text: str  # plain text: reason, alternative, examples
    markdown: str  # the same as `restorelint explain` prints


def context_filters(rule: Rule) -> tuple[str, ...]:
    return filter_names_for(
        rule.category, rule.context_ignore, rule.context_also, rule.context_only
    )


def rule_markdown(rule: Rule, heading: str = "##") -> str:
    return _rule_doc(rule, heading, markdown=True)


def rule_text(rule: Rule) -> str:
    """The same as ``rule_markdown``, as plain text (``explain`` into a pipe)."""
    return _rule_doc(rule, "", markdown=False)


def _rule_doc(rule: Rule, heading: str, markdown: bool) -> str:
    def strong(text: str) -> str:
        return f"**{text}**" if markdown else text

    def em(text: str) -> str:
        return f"*{text}*" if markdown else text

    lex = load_lexicon()
    title = f"{heading} {rule.id} {rule.name}" if markdown else f"{rule.id} {rule.name}"
    lines = [
        title,
        "",
        f"{em('Category:')} {rule.category} · {em('Severity:')} {rule.severity} "
        f"({SEVERITY_MEANING[rule.severity]}) · {em('Kind:')} {rule.kind} · "
        f"{em('Fix:')} {rule.applicability}",
        "",
        f"{strong('What it flags.')} {rule.message.replace('{text}', '…')}",
        "",
        f"{strong('Why it reads as punitive.')} {rule.why}",
        "",
        f"{strong('Restorative alternative.')} {rule.suggestion}",
        "",
        strong("Flags") + " (with a restorative rewrite):",
        "",
    ]
    for example in rule.flag_examples:
        lines.append(f"- ✗ {example.text}")
        lines.append(f"  - ✓ {example.rewrite}")
    lines += ["", strong("Does not flag:"), ""]
    lines += [f"- {text}" for text in rule.pass_examples]
    filters = context_filters(rule)
    if filters:
        lines += [
            "",
            strong("Not flagged in context:")
            + " "
            + "; ".join(
                f"{name.replace('_', ' ')} — {lex.filters[name].description}" for name in filters
            ),
        ]
    return "\n".join(lines) + "\n"


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


def rule_doc(rule: Rule) -> RuleDoc:
    short = rule.message.replace("“{text}”", "The flagged phrase").replace("{text}", "this phrase")
    return RuleDoc(
        id=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        applicability=rule.applicability,
        short=short,
        why=rule.why,
        help_text=help_text(rule),
        markdown=rule_markdown(rule, heading="##"),
    )


def catalog_markdown() -> str:
    rules = catalog()
    out = [
        "# restorelint rules",
        "",
        "Generated from `rules/` by `python -m restorelint.catalog.docs`; do not edit by hand.",
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
    for category in ALL_CATEGORIES:
        members = [r for r in rules if r.category == category]
        if members:
            out += ["", f"# {category}", ""]
            out += [rule_markdown(r) for r in members]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(catalog_markdown())
