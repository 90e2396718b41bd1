"""Real documents: findings at the exact line and column of the user's own file,
whatever markup, template syntax or Word structure surrounds the words."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, restorelint_command

import restorelint
from restorelint.read.formats import detect
from restorelint.read.mapping import Builder, Mapped
from restorelint.read.sources import read_file
from restorelint.records import Finding
from restorelint.run.pipeline import Pipeline

FIXTURES = ROOT / "tests" / "fixtures"


def lint_file(linter: Pipeline, path: Path) -> list[Finding]:
    source = read_file(path)
    assert not isinstance(source, Exception) and hasattr(source, "text"), source
    findings = linter.lint([source]).findings
    for f in findings:  # every finding points at the user's own characters
        assert source.text[f.start : f.end] == f.text
    return findings


def where(findings: list[Finding]) -> list[tuple[str, int, int, int, int, str]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.text) for f in findings]


def test_markdown_review_with_code_quotes_links_and_table(linter: Pipeline) -> None:
    findings = lint_file(linter, FIXTURES / "review-q3.md")
    # Not flagged: front matter, the link's URL, the block quote (a customer's
    # words), the fenced and indented code, inline code, the HTML comment.
    assert where(findings) == [
        ("RL110", 11, 10, 11, 14, "lazy"),  # inside **bold**
        ("RL170", 14, 3, 14, 12, "You never"),  # a list item
        ("RL130", 36, 41, 36, 54, "final warning"),  # a table cell
    ]


def test_markdown_markup_is_blanked_and_entities_decoded_with_exact_columns() -> None:
    text = "## _You_ failed\n\nThe [docs](https://x.io/you-failed) &mdash; you failed again.\n"
    found = restorelint.lint_text(text, path="notes.md")
    assert where(found) == [
        ("RL101", 1, 5, 1, 16, "You_ failed"),
        ("RL101", 3, 45, 3, 55, "you failed"),
    ]


def test_jinja_html_template(linter: Pipeline) -> None:
    findings = lint_file(linter, FIXTURES / "attendance-warning.html.j2")
    # "{{ employee.first_name }} is careless" is a judgment about a person; the
    # {% if %} / {% for %} blocks, the {# comment #} and {{ day | date }} are not prose.
    assert where(findings) == [
        ("RL110", 6, 33, 6, 41, "careless"),
        ("RL130", 10, 17, 10, 30, "final warning"),
    ]


def test_a_finding_on_a_placeholder_covers_the_whole_placeholder() -> None:
    (finding,) = restorelint.lint_text("{{ employee_name }} is an idiot.", path="letter.j2")
    assert (finding.rule, finding.column, finding.end_column) == ("RL111", 1, 32)
    assert finding.text == "{{ employee_name }} is an idiot"


def test_an_html_comment_in_plain_text_is_markup_not_prose() -> None:
    # an issue template pasted into a plain-text comment: nobody sees the comment
    text = "<!-- READ THE FAQ FIRST!!! YOU ALWAYS IGNORE IT -->\nYou always break the build.\n"
    (finding, *rest) = restorelint.lint_text(text)
    assert (finding.line, finding.column, finding.text) == (2, 1, "You always")
    assert all(f.line == 2 for f in rest)


@pytest.mark.parametrize(
    ("text", "judged"),
    [
        ("{{ employee_name }} is unreliable.", True),
        ("{{ manager_name }} is unreliable.", True),
        # a placeholder named for a thing holds no one to judge
        ("{{ system_name }} is unreliable.", False),
        ("{{ project_name }} is a mess.", False),
    ],
)
def test_a_placeholder_is_a_person_unless_its_name_says_it_holds_a_thing(
    text: str, judged: bool
) -> None:
    assert bool(restorelint.lint_text(text, path="notice.j2")) is judged


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("Dear {{ name }},\n\n{{ body }}\n\n{% if late %}{{ reason }}{% endif %}\n", "a.j2"),
        ("{{#each items}}{{this}}{{/each}} {{! you are lazy }} {{> footer}}", "a.hbs"),
        ("{% comment %}you are lazy{% endcomment %}Hi {{ user.name | upcase }}.", "a.liquid"),
        ("Hello ${name}, your total is {amount} and $manager signs off.", "a.tmpl"),
        ("<p>{{ greeting }}</p><p>{% trans %}Welcome{% endtrans %}</p>", "a.html.j2"),
    ],
)
def test_placeholders_and_control_blocks_raise_nothing_by_themselves(text: str, path: str) -> None:
    assert restorelint.lint_text(text, path=path) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reminder.hbs", [("RL170", 5, 1, 5, 11, "You always")]),
        ("notice.liquid", [("RL131", 4, 87, 4, 102, "go in your file")]),
        (
            "offer.tmpl",
            # "{reviewer} said you obviously did not prepare" is reported speech
            [("RL112", 4, 1, 4, 9, "careless")],
        ),
    ],
)
def test_handlebars_liquid_and_dollar_templates(linter: Pipeline, name: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert where(lint_file(linter, FIXTURES / name)) == expected


def test_html_text_nodes_only_with_entities_mapped_back(linter: Pipeline) -> None:
    findings = lint_file(linter, FIXTURES / "hr-letter.html")
    # Not flagged: <style>, <script>, the title attribute, the href, the
    # blockquote (quoted), <code>, the comment. "you&rsquo;re" reads as "you're".
    assert where(findings) == [
        ("RL110", 11, 13, 11, 21, "careless"),
        ("RL110", 15, 29, 15, 36, "useless"),
    ]


def test_docx_review_gives_paragraph_numbers(linter: Pipeline, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_review_docx.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = module.build(tmp_path / "review-q3.docx")
    findings = lint_file(linter, path)
    assert where(findings) == [
        ("RL110", 3, 8, 3, 16, "careless"),  # a body paragraph
        ("RL110", 8, 8, 8, 12, "lazy"),  # a table cell, curly apostrophe
        ("RL130", 11, 24, 11, 37, "final warning"),  # after a line break and a tab
    ]


def test_a_broken_docx_is_one_clear_error_and_other_binaries_still_are(tmp_path: Path) -> None:
    broken = tmp_path / "review.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert "not a readable .docx file" in str(read_file(broken))
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\x00\x00")
    assert "binary file" in str(read_file(image))


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("review.md", "markdown"),
        ("REVIEW.MARKDOWN", "markdown"),
        ("notes.txt", "plain"),
        ("letter.html", "html"),
        ("letter.htm", "html"),
        ("offer.html.j2", "html-template"),
        ("notice.j2", "template"),
        ("notice.jinja2", "template"),
        ("reminder.hbs", "template"),
        ("reminder.mustache", "template"),
        ("shift.liquid", "template"),
        ("review.md.j2", "markdown-template"),
        ("review.docx", "docx"),
        ("<stdin>", "plain"),
        ("README", "plain"),
    ],
)
def test_format_is_chosen_by_extension(path: str, fmt: str) -> None:
    assert detect(path) == fmt


def run(args: list[str], env: dict[str, str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        restorelint_command() + args,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_stdin_format_forced_or_from_stdin_filename(cli_env) -> None:  # type: ignore[no-untyped-def]
    html = "<p>Honestly,\n<b>you</b> are <em>lazy</em> &amp; slow.</p>\n"
    forced = run(["check", "--format", "json", "--input-format", "html", "-"], cli_env, html)
    by_name = run(["check", "--format", "json", "--stdin-filename", "m.html", "-"], cli_env, html)
    for result in (forced, by_name):
        (finding,) = json.loads(result.stdout)["findings"]
        assert (finding["line"], finding["column"], finding["text"]) == (2, 20, "lazy")
    plain = run(["check", "--format", "json", "-"], cli_env, html)
    assert all(f["text"] != "<b>you" for f in json.loads(plain.stdout)["findings"])


def test_offset_maps_compose_exactly() -> None:
    original = "a &amp; {{ x }} b"
    outer = Builder()  # template reading: "{{ x }}" -> "Alex"
    outer.keep("a &amp; ", 0)
    outer.put("Alex", 8, 15)
    outer.keep(" b", 15)
    view = outer.build()
    inner = Builder()  # entity decoding over the template view
    inner.keep("a ", 0)
    inner.put("&", 2, 7)
    inner.keep(" Alex b", 7)
    final = inner.build().through(view)
    assert final.text == "a & Alex b"
    assert final.offsets.span(2, 3) == (2, 7)  # "&" is the whole entity
    assert final.offsets.span(4, 6) == (8, 15)  # part of the stand-in: the placeholder
    assert final.offsets.span(9, 10) == (16, 17)
    assert original[slice(*final.offsets.span(4, 10))] == "{{ x }} b"
    assert Mapped.identity("abc", 5).offsets.single_exact() == 5
