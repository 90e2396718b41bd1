"""Restorative rewrites a writer could paste: faithful to the facts, grammatical,
clean when linted again, with at most one closing question per message; and
when no shape fits, a fallback that is shown, never written into a file.

Each rule's own rewrites are asserted exactly in tests/test_rule_examples.py
(its documented ``rewrite:`` is the output); these tests cover what the shapes
share and the cases users reported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from restorelint.catalog.rewrite import load_rewrite_data
from restorelint.catalog.rules import catalog, load_rules
from restorelint.cli.rewrite import highlight
from restorelint.read.formats import detect
from restorelint.records import DISPLAY_ONLY, SAFE, UNSAFE, Source
from restorelint.run.pipeline import Pipeline
from restorelint.suggest.compose import compose
from restorelint.suggest.pieces import PLACEHOLDER
from restorelint.suggest.sentence import draft_rewrites
from restorelint.suggest.shapes import SHAPES


def rewrites_of(linter: Pipeline, text: str):  # type: ignore[no-untyped-def]
    _, messages = linter.messages([Source("<msg>", text)])
    return messages[0]


def rewrite(linter: Pipeline, text: str) -> str:
    message = rewrites_of(linter, text)
    assert message.rewrites, f"nothing flagged in {text!r}"
    return message.composed().text


# What new users reported: each original, and what its rewrite must keep.
REPORTED = [
    ("you messed up the release tag\n", "The release tag went wrong. What got in the way?\n"),
    ("you broke the staging deploy again.", "The staging deploy broke again. What got in the way?"),
    (
        "Run `kill -9` on the stuck worker, you idiot, see https://wiki.example.com/ops.",
        "Run `kill -9` on the stuck worker, see https://wiki.example.com/ops.",
    ),
    (
        "Honestly, you are lazy when it comes to writing tests.",
        "I'd like to talk with you about how things are going when it comes to writing tests. "
        "What would help?",
    ),
    (
        "This is your final warning about the timesheets.",
        "Can we talk about the timesheets and what would help from here?",
    ),
    (
        "If the migration isn't done by Q3, you'll be replaced.",
        "It's important that the migration is done by Q3. What support would help?",
    ),
]


@pytest.mark.parametrize(("text", "expected"), REPORTED, ids=[t[:40] for t, _ in REPORTED])
def test_the_reported_rewrites(linter: Pipeline, text: str, expected: str) -> None:
    assert rewrite(linter, text) == expected


def test_a_name_the_parser_read_as_a_stand_in_is_written_as_the_writer_wrote_it(
    linter: Pipeline,
) -> None:
    out = rewrite(linter, "April is sooo bossy with the interns.")
    assert out == (
        "I'd like to talk with April about how things are going with the interns. What would help?"
    )


def test_template_placeholders_and_code_survive(linter: Pipeline) -> None:
    out = rewrite(linter, "Areas to develop: {{ employee_name }} can be very emotional.")
    assert "{{ employee_name }}" in out and "emotional" not in out
    out = rewrite(linter, "You failed to run `make test` before the release.")
    assert "`make test`" in out and "You failed" not in out
    out = rewrite(linter, "Dear {{ name }}, you failed to submit your timesheet again.")
    assert out.startswith("Dear {{ name }}, your timesheet wasn't submitted again.")


def test_template_tags_around_a_rewritten_sentence_stay_in_place(linter: Pipeline) -> None:
    # An HR template: the tags are parsed as blanks, but a rewrite that dropped
    # them would break the template it was asked to fix.
    text = (
        "{% if remote_days > 0 %}Your webcam must stay on for the full working day "
        "so we can see you are at your desk.{% endif %}\n"
    )
    source = Source("remote.txt.j2", text, detect("remote.txt.j2"))
    _, messages = linter.messages([source])
    out = messages[0].composed().text
    assert out.startswith("{% if remote_days > 0 %}") and out.endswith("{% endif %}\n"), out
    assert "webcam must stay on" not in out


def test_several_findings_in_one_sentence_make_one_rewrite(linter: Pipeline) -> None:
    message = rewrites_of(linter, "You clearly failed to update the docs, obviously.")
    assert len({f.rule for f in message.findings}) >= 2
    assert len(message.rewrites or []) == 1
    assert message.composed().text == "The docs weren't updated. What got in the way?"


def test_a_message_gets_at_most_one_closing(linter: Pipeline) -> None:
    out = rewrite(
        linter,
        "You messed up the migration again.\n\nYou never test your code.\n\n"
        "Sam is careless with code reviews.\n",
    )
    closings = {c for s in load_rewrite_data().categories.values() for c in s.closings}
    assert sum(out.count(c) for c in closings) == 1, out


def test_a_rewrite_that_asks_its_own_question_gets_no_closing(linter: Pipeline) -> None:
    assert rewrite(linter, "Why is this still not done?") == "What's getting in the way?"


def test_applicability_of_rewrites(linter: Pipeline) -> None:
    def kinds(text: str) -> list[str]:
        return [r.applicability for r in rewrites_of(linter, text).rewrites or []]

    assert kinds("Obviously you should rebase it.") == [SAFE]
    assert kinds("You messed up the migration again.") == [UNSAFE]
    # nothing of the sentence to keep: the bare frame is a suggestion, not a fix
    assert kinds("This is your final warning.") == [DISPLAY_ONLY]
    # a fact the writer has to give
    assert kinds("You never test your code.") == [DISPLAY_ONLY]


def test_frames_and_closings_are_never_flagged(lint) -> None:  # type: ignore[no-untyped-def]
    data = load_rewrite_data()
    texts = [c for s in data.categories.values() for c in s.closings]
    for style in data.categories.values():
        for frame in style.frames.values():
            texts.append(
                frame.replace("{Person}", "Sam")
                .replace("{person}", "Sam")
                .replace("{topic}", "the release")
                .replace("{situation}", "in standups")
            )
    for text in texts:
        assert not lint(text), f"{text!r} is flagged: {[f.rule for f in lint(text)]}"


def test_every_shape_a_rule_may_name_is_built_in_and_every_rule_names_one() -> None:
    assert set(SHAPES) == set(load_rewrite_data().shapes)
    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        if not path.name.startswith("_"):
            assert "\n  shape: " in path.read_text(encoding="utf-8"), path


def test_a_team_rule_without_a_shape_is_rewritten_by_talking_about_it(tmp_path: Path) -> None:
    (tmp_path / "team-grumpy.yaml").write_text(
        """\
id: TM101
name: team-grumpy
category: harsh
severity: warning
message: "“{text}” is a word our team avoids."
why: A team rule without a rewrite shape of its own.
kind: token
patterns: [[{LOWER: grumpy}]]
suggest: {text: Describe the behaviour., applicability: display-only}
examples:
  flag: [{text: x, rewrite: y}]
  pass: [z]
""",
        encoding="utf-8",
    )
    linter = Pipeline(load_rules([tmp_path]))
    assert rewrite(linter, "The grumpy release notes broke the build.") == (
        "Can we talk about the release notes and the build?"
    )


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
    message = rewrites_of(linter, "[Docs](https://x.example) note: you never test your code.")
    composed = message.composed()
    plain = highlight(composed, color=False)
    coloured = highlight(composed, color=True)
    assert plain == composed.text and "\x1b[" not in plain
    assert "\x1b[" in coloured and "[specific occasions]" in coloured
    # The writer's own brackets (a Markdown link) are not placeholders.
    assert not any(composed.text[s:e] == "[Docs]" for s, e in composed.placeholders)


def test_rewrites_without_a_linter_are_not_verified(linter: Pipeline) -> None:
    message = rewrites_of(linter, "You never test your code.")
    rules = {r.id: r for r in catalog()}
    drafts = draft_rewrites(message.text, message.findings, message.sentences, rules)
    raw = [d.rewrite for d in drafts]
    assert [r.text for r in raw] == [r.text for r in message.rewrites or []]
    assert compose(message.text, raw).text.startswith("You didn't test your code")


def test_every_flagged_corpus_message_rewrites_clean_and_invents_nothing(linter: Pipeline) -> None:
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
    for message, out in zip(flagged, outs, strict=True):
        generated = PLACEHOLDER.sub("", out)
        for number in re.findall(r"\d+", generated):
            assert number in message.text, f"{number} invented in {out!r}"


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
        "1. The deadline is Friday.\n"
    )
