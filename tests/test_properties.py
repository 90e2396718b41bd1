"""Property-based tests: whatever text arrives — random Unicode (combining marks,
right-to-left text, emoji, zero-width joiners, control characters, NUL, lone
surrogates) inside random Markdown, HTML and template structure — restorelint
never raises, every finding points at exactly the characters it reports, and
``--fix`` reaches its fixed point in one run.

The default run tries a few examples per property (the profile in conftest);
the tests marked slow try many more.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import restorelint
from restorelint.cli import main
from restorelint.read.formats import INPUT_FORMATS

# Words the rules look for, so the parser and every stage after it are reached.
WORDS = [
    "you", "You", "failed", "lazy", "obviously", "Obviously,", "clearly", "never", "always",
    "Sam", "is", "careless", "final", "warning", "this", "your", "fault", "what", "were",
    "thinking", "everyone", "sees", "YOU", "ARE", "LAZY", "!!!", "???", ".", ",", "'", '"',
    "“", "”", "’",
]  # fmt: skip
MARKUP = [
    "\n", "\n\n", "# ", "## ", " #", "> ", "- ", "1. ", "* ", "**", "_", "`", "```\n", "~~~",
    "[", "]", "(", ")", "![", "](http://x)", "<!--", "-->", "<p>", "</p>", "<b>", "</b>",
    "<br>", "<![", "<![CDATA[", "]]>", "<q>", "</q>", "<blockquote>", "</blockquote>",
    "<script>", "</script>", "&amp;", "&nbsp;", "&#x27;", "&", "<", ">", "|", " | ", "\\",
    "{{ name }}", "{{", "}}", "{%", "%}", "{% if x %}", "{% endif %}", "{#", "#}", "{{!",
    "{{#each x}}", "{{/each}}", "${name}", "{name}", "$name", "---\n", "http://example.com",
    "restorelint: ignore[RL101]", "<!-- restorelint-disable -->", "<!-- restorelint-enable -->",
]  # fmt: skip
WEIRD = [
    "\u0301", "\u05d0\u05d1", "\u202e", "\u200d", "\u200b", "\U0001f600",
    "\U0001f469\u200d\U0001f4bb",
    "\x00", "\x07", "\x1b", "\r", "\t", "\x0c", "\u2028", "\ufeff", "\ud800", "\udfff", "\ufffd",
    "é", "ß", "İ", "ﬁ",
]  # fmt: skip
_piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(MARKUP),
    st.sampled_from(WEIRD),
    st.text(max_size=4),  # anything at all, surrogates included
)
documents = st.lists(st.tuples(_piece, st.sampled_from(["", " ", " ", "\n"])), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts)
)
formats = st.sampled_from([None, *INPUT_FORMATS[:-1]])  # docx text is lines, tested elsewhere


def _consistent(text: str, fmt: str | None) -> None:
    for finding in restorelint.lint_text(text, format=fmt):
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert text[finding.start : finding.end] == finding.text, finding
        line_start = text.rfind("\n", 0, finding.start) + 1
        assert finding.line == text.count("\n", 0, finding.start) + 1, finding
        assert finding.column == finding.start - line_start + 1, finding
        end_start = text.rfind("\n", 0, finding.end) + 1
        assert finding.end_line == text.count("\n", 0, finding.end) + 1, finding
        assert finding.end_column == finding.end - end_start + 1, finding


@given(text=documents, fmt=formats)
def test_any_text_in_any_format_lints_with_exact_offsets(text: str, fmt: str | None) -> None:
    _consistent(text, fmt)


def _fix(text: str) -> str:
    args = ["check", "--fix", "--no-checklist", "--no-cache", "-"]
    result = CliRunner().invoke(main, args, input=text)
    assert "internal error" not in result.stderr
    if result.exit_code == 2:  # NUL bytes: standard input is refused as binary, by design
        assert "binary file" in result.stderr, result.stderr
        return text
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return result.stdout_bytes.decode("utf-8")  # .stdout would fold "\r\n" into "\n"


_printable = documents.map(
    # the command line reads UTF-8 bytes: a lone surrogate cannot arrive there
    lambda text: text.encode("utf-8", "replace").decode("utf-8")
)


@given(text=_printable)
def test_fix_reaches_its_fixed_point_in_one_run(text: str) -> None:
    once = _fix(text)
    assert _fix(once) == once


@pytest.mark.slow
@settings(max_examples=300)
@given(text=documents, fmt=formats)
def test_many_texts_lint_with_exact_offsets(text: str, fmt: str | None) -> None:
    _consistent(text, fmt)


@pytest.mark.slow
@settings(max_examples=30)
@given(text=_printable)
def test_many_fixes_reach_their_fixed_point(text: str) -> None:
    once = _fix(text)
    assert _fix(once) == once
