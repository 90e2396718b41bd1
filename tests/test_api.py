"""The Python API bots and editors use, and the exactness of positions."""

from __future__ import annotations

import restorelint


def test_lint_text_returns_findings_with_exact_offsets() -> None:
    text = "Thanks for the update.\n\nHonestly, you failed to update the docs.\r\nSam is lazy."
    findings = restorelint.lint_text(text, path="msg.txt")
    assert [f.rule for f in findings] == ["RL101", "RL110"]
    blame, judgment = findings
    assert text[blame.start : blame.end] == blame.text == "you failed"
    assert (blame.line, blame.column, blame.end_line, blame.end_column) == (3, 11, 3, 21)
    assert (judgment.line, judgment.column) == (4, 8)
    assert judgment.path == "msg.txt" and judgment.severity == "error"
    assert judgment.suggestion and judgment.message.startswith("“lazy”")


def test_lint_texts_keeps_one_list_per_text() -> None:
    results = restorelint.lint_texts(["The build failed.", "This is your final warning.", ""])
    assert [[f.rule for f in r] for r in results] == [[], ["RL130"], []]


def test_code_spans_and_fences_are_not_linted() -> None:
    text = "Run `git blame you failed` here.\n\n```\nyou are lazy\n```\n\nLooks good."
    assert restorelint.lint_text(text) == []


def test_quoted_speech_and_block_quotes_are_not_flagged() -> None:
    assert restorelint.lint_text('The customer wrote "you are useless and lazy".') == []
    assert restorelint.lint_text("> You failed again.\n> This is unacceptable.") == []


def test_a_quoted_reply_line_inside_a_reply_is_not_flagged() -> None:
    # the sentence starts at the quote marks themselves: "> > maybe your attitude …"
    reply = "I don't.\n> > maybe your attitude is the problem?\nI have to answer these points."
    assert restorelint.lint_text(reply) == []
    own = "I don't.\nmaybe your attitude is the problem?\nI have to answer these points."
    assert [f.rule for f in restorelint.lint_text(own)] == ["RL114"]


def test_unicode_columns_count_characters() -> None:
    text = "Café update — you failed the release."
    (finding,) = restorelint.lint_text(text)
    assert text[finding.column - 1 : finding.end_column - 1] == "you failed"
