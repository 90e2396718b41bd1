"""Restorative rewrites: one shape per category, combined findings, fallbacks,
and the promise that no rewrite is itself flagged or invents a fact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from restorelint.catalog.rewrite import load_rewrite_data
from restorelint.catalog.rules import catalog, default_rules, load_rules
from restorelint.cli.rewrite import highlight
from restorelint.records import Source
from restorelint.run.pipeline import Pipeline
from restorelint.suggest.compose import compose
from restorelint.suggest.pieces import PLACEHOLDER
from restorelint.suggest.sentence import draft_rewrites


def rewrites_of(linter: Pipeline, text: str):  # type: ignore[no-untyped-def]
    _, messages = linter.messages([Source("<msg>", text)])
    return messages[0]


def rewrite(linter: Pipeline, text: str) -> str:
    message = rewrites_of(linter, text)
    assert message.rewrites, f"nothing flagged in {text!r}"
    return message.composed().text


# One case per category: the shape built from the parse, not the rule's canned text.
SHAPES = [
    (
        "blame",
        "You failed to update the docs before the release.",
        "The docs weren't updated before the release. What got in the way?",
    ),
    (
        "blame",
        "Dana broke the build on Friday.",
        "The build broke on Friday. What got in the way?",
    ),
    (
        "blame",
        "Sam dropped the ball on the client handoff in August.",
        "The client handoff didn't go as planned in August. What got in the way?",
    ),
    (
        "judgment",
        "Sam is careless with code reviews.",
        "In [a specific code review], [specific behaviour] led to [impact]. "
        "What would help Sam next time?",
    ),
    (
        "absolute",
        "You never test your code.",
        "You didn't test your code on [specific occasions]. What's getting in the way?",
    ),
    (
        "absolute",
        "You're constantly late to standup.",
        "You were late to standup [number] times in [period]. What's getting in the way?",
    ),
    (
        "shaming",
        "cc'ing the whole team so everyone sees what Dana broke.",
        "Dana, can we talk about this one-to-one? I'd like to understand what happened.",
    ),
    (
        "threat",
        "Get the report in on time, or else.",
        "Please get the report in on time. What's getting in the way, and what support would help?",
    ),
    (
        "harsh",
        "Your test coverage is pathetic.",
        "Your test coverage doesn't meet [the standard we agreed on]. "
        "Can we talk about what got in the way?",
    ),
    (
        "harsh",
        "Why would you ever deploy on a Friday?",
        "What led to deploying on a Friday? I'd like to understand the constraints.",
    ),
    (
        "condescension",
        "Even a junior could have caught this bug.",
        "This bug wasn't caught. What would help us catch issues like this earlier?",
    ),
    (
        "condescension",
        "Obviously this breaks the API contract.",
        "This breaks the API contract.",
    ),
    (
        "passive-aggressive",
        "Per my last email, the deadline is Friday.",
        "The deadline is Friday. Is anything making that hard to act on?",
    ),
    (
        "passive-aggressive",
        "How many times do I have to tell you to run the linter?",
        "Please run the linter. Is anything making that hard to act on?",
    ),
]


@pytest.mark.parametrize(("category", "text", "expected"), SHAPES, ids=[s[1][:40] for s in SHAPES])
def test_each_category_has_a_shape_built_from_the_parse(
    linter: Pipeline, category: str, text: str, expected: str
) -> None:
    message = rewrites_of(linter, text)
    assert category in {f.category for f in message.findings}
    assert message.composed().text == expected
    assert all("template" not in r.shapes for r in message.rewrites or [])


def _category_linter(tmp_path: Path, category: str, pattern: str) -> Pipeline:
    rule = f"""\
id: TM{abs(hash(category)) % 900 + 100}
name: team-{category}
category: {category}
severity: warning
message: "“{{text}}” is a word our team avoids."
why: A team rule for a category the bundled catalog does not cover yet.
kind: token
patterns: [[{pattern}]]
suggest: {{text: Describe the behaviour., applicability: display-only}}
examples:
  flag: [{{text: x, rewrite: y}}]
  pass: [z]
"""
    (tmp_path / f"team-{category}.yaml").write_text(rule, encoding="utf-8")
    return Pipeline(load_rules([tmp_path]))


def test_biased_trait_uses_the_behaviour_shape(tmp_path: Path) -> None:
    linter = _category_linter(tmp_path, "biased-trait", "{LOWER: abrasive}")
    text = rewrite(linter, "Priya is abrasive in meetings.")
    assert text.startswith("In [a specific meeting], [specific behaviour] led to [impact].")
    assert "abrasive" not in text


def test_policing_falls_back_to_its_template(tmp_path: Path) -> None:
    linter = _category_linter(tmp_path, "policing", "{LOWER: calm}, {LOWER: down}")
    text = rewrite(linter, "Calm down and stop being so emotional.")
    template = load_rewrite_data().style("policing").template
    assert text.startswith(template)


def test_several_findings_in_one_sentence_make_one_rewrite(linter: Pipeline) -> None:
    text = (
        "Sam always misses the sprint deadline, and the billing migration slipped because of him."
    )
    message = rewrites_of(linter, text)
    assert {f.rule for f in message.findings} == {"RL170", "RL104"}
    assert len(message.rewrites or []) == 1
    assert message.composed().text == (
        "Sam missed the sprint deadline [number] times in [period], and the billing "
        "migration slipped. What's getting in the way?"
    )


def test_a_shape_that_does_not_fit_falls_back_to_the_category_template(linter: Pipeline) -> None:
    text = rewrite(linter, "One more mistake and you're out.")
    assert text.startswith(load_rewrite_data().style("threat").template)


def test_masked_code_and_template_expressions_survive(linter: Pipeline) -> None:
    text = rewrite(linter, "You failed to run `make test` before the release.")
    assert "`make test`" in text and "You failed" not in text
    text = rewrite(linter, "Dear {{ name }}, you failed to submit your timesheet again.")
    assert text.startswith("Dear {{ name }}, your timesheet wasn't submitted again.")


def test_applicability_of_rewrites(linter: Pipeline) -> None:
    safe = rewrites_of(linter, "Obviously this breaks the API contract.").rewrites
    unsafe = rewrites_of(linter, "You messed up the migration again.").rewrites
    display = rewrites_of(linter, "This is your final warning.").rewrites
    assert [r.applicability for r in safe or []] == ["safe"]
    assert [r.applicability for r in unsafe or []] == ["unsafe"]
    assert [r.applicability for r in display or []] == ["display-only"]
    assert display and display[0].placeholders == ["[expectation]", "[date]"]


def test_a_paragraph_gets_one_closing_and_a_repeated_template_is_said_once(
    linter: Pipeline,
) -> None:
    text = "This is your final warning. You are constantly late. One more mistake and you're out."
    out = rewrite(linter, text)
    assert out.count("I need [expectation] by [date].") == 1
    assert out.count("?") == 1 and out.endswith("what support would help?")


FLAGS = [(r.id, e.text) for r in default_rules() for e in r.flag_examples]


@pytest.mark.parametrize(("rule_id", "text"), FLAGS, ids=[f"{r}:{t[:40]}" for r, t in FLAGS])
def test_no_rewrite_of_a_flag_example_is_itself_flagged(
    linter: Pipeline, lint, rule_id: str, text: str
) -> None:  # type: ignore[no-untyped-def]
    out = rewrite(linter, text)
    assert not lint(out), f"{rule_id}: {out!r} is flagged: {[f.rule for f in lint(out)]}"
    # Never an invented fact: every number and name in the rewrite is the writer's.
    generated = PLACEHOLDER.sub("", out)
    for number in re.findall(r"\d+", generated):
        assert number in text, f"{number} invented in {out!r}"
    for word in set(re.findall(r"\b[A-Z][a-z']+\b", generated)):
        known = word in text or word.lower() in text.lower() or word in _VOCABULARY
        assert known, f"{word} invented in {out!r}"


# Capitalised words restorelint itself writes at the start of its sentences.
_VOCABULARY = {
    "What",
    "Can",
    "Is",
    "Please",
    "In",
    "On",
    "This",
    "The",
    "We",
    "Here",
    "About",
    "Happy",
    "Let",
    "How",
    "I",
    "I'd",
    "I'll",
    "We'll",
    "What's",
    "Here's",
    "Let's",
}


def test_templates_and_closings_are_never_flagged(lint) -> None:  # type: ignore[no-untyped-def]
    data = load_rewrite_data()
    texts = [s.template for s in data.categories.values()]
    texts += [c for s in data.categories.values() for c in s.closings]
    texts += list(data.rule_templates.values())
    for text in texts:
        assert not lint(text), f"{text!r} is flagged: {[f.rule for f in lint(text)]}"


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (ROOT / "examples").iterdir() if p.suffix in (".md", ".txt"))
)
def test_every_example_rewrites_to_a_clean_message(linter: Pipeline, lint, name: str) -> None:  # type: ignore[no-untyped-def]
    original = (ROOT / "examples" / name).read_text(encoding="utf-8")
    message = rewrites_of(linter, original)
    out = message.composed().text
    assert message.findings and not lint(out)
    assert out.endswith("\n") == original.endswith("\n")
    # Untouched paragraphs are kept byte for byte.
    flagged = {(r.start, r.end) for r in message.rewrites or []}
    for paragraph in original.split("\n\n"):
        start = original.index(paragraph)
        if not any(start <= s < start + len(paragraph) for s, _ in flagged):
            assert paragraph in out


def test_placeholders_are_highlighted_only_in_colour(linter: Pipeline) -> None:
    message = rewrites_of(linter, "[Docs](https://x.example) note: this is your final warning.")
    composed = message.composed()
    plain = highlight(composed, color=False)
    coloured = highlight(composed, color=True)
    assert plain == composed.text and "\x1b[" not in plain
    assert "\x1b[" in coloured and "[expectation]" in coloured
    # The writer's own brackets (a Markdown link) are not placeholders.
    assert not any(composed.text[s:e] == "[Docs]" for s, e in composed.placeholders)


def test_rewrites_without_a_linter_are_not_verified(linter: Pipeline) -> None:
    message = rewrites_of(linter, "You never test your code.")
    rules = {r.id: r for r in catalog()}
    drafts = draft_rewrites(message.text, message.findings, message.sentences, rules)
    raw = [d.rewrite for d in drafts]
    assert [r.text for r in raw] == [r.text for r in message.rewrites or []]
    assert compose(message.text, raw).text.startswith("You didn't test your code")


def test_every_flagged_corpus_message_rewrites_clean(linter: Pipeline, lint) -> None:  # type: ignore[no-untyped-def]
    import json

    texts = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "data" / "feedback").glob("legacy-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    _, reviews = linter.review([Source(f"<{i}>", t) for i, t in enumerate(texts)])
    flagged = linter.suggest([m for m in reviews if m.findings])
    assert len(flagged) > 100
    outs = [m.composed().text for m in flagged]
    still = linter.lint([Source(f"<{i}>", t) for i, t in enumerate(outs)]).findings
    assert not still, [(outs[int(f.path[1:-1])], f.rule) for f in still]


def test_list_and_quote_markers_stay_outside_the_rewrite(linter: Pipeline) -> None:
    text = (
        "- You failed to update the docs.\n- Thanks for the demo\n"
        "\n"
        "1. Per my last email, the deadline is Friday.\n"
    )
    assert rewrite(linter, text) == (
        "- The docs weren't updated. What got in the way?\n"
        "- Thanks for the demo\n"
        "\n"
        "1. The deadline is Friday. Is anything making that hard to act on?\n"
    )
