"""Input formats: how a document's prose is found, with exact positions.

Each format module declares its name and the file suffixes it reads; the
directory walk, format detection and the pre-commit hook's file filter all
derive from those declarations. The format is chosen from the file name, or
forced with ``--input-format``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from restorelint.read.formats import docx, html, markdown, plain, templates
from restorelint.read.mapping import Mapped
from restorelint.read.segment import segment_text
from restorelint.records import Segment

PLAIN = plain.NAME
MARKDOWN = markdown.NAME
HTML = html.NAME
TEMPLATE = templates.NAME
HTML_TEMPLATE = f"{HTML}-{TEMPLATE}"
MARKDOWN_TEMPLATE = f"{MARKDOWN}-{TEMPLATE}"
DOCX = docx.NAME
INPUT_FORMATS = (PLAIN, MARKDOWN, HTML, TEMPLATE, HTML_TEMPLATE, MARKDOWN_TEMPLATE, DOCX)

TEMPLATE_SUFFIXES = frozenset(templates.SUFFIXES)
BY_SUFFIX = {
    suffix: module.NAME
    for module in (plain, markdown, html, docx, templates)
    for suffix in module.SUFFIXES
}
# Every suffix a directory walk reads.
TEXT_SUFFIXES = frozenset(BY_SUFFIX)
# Formats stored as binary files (a Word file is a zip), which tools that sort
# files by content, such as pre-commit, do not count as text.
BINARY_SUFFIXES = frozenset(docx.SUFFIXES)
# A template named "offer.html.j2" is HTML inside the template tags.
_INNER = {
    **dict.fromkeys(html.SUFFIXES, HTML_TEMPLATE),
    **dict.fromkeys(markdown.SUFFIXES, MARKDOWN_TEMPLATE),
}


def files_pattern(suffixes: frozenset[str] = TEXT_SUFFIXES) -> str:
    """A regex for file names with these suffixes (the pre-commit hook's ``files``)."""
    names = "|".join(sorted(s.lstrip(".") for s in suffixes))
    return rf"(?i)\.({names})$"


def detect(path: str) -> str:
    """The format a file name implies: ``review.md`` → markdown, ``offer.html.j2`` →
    html-template; anything unknown is plain text."""
    suffixes = [s.lower() for s in PurePath(path).suffixes]
    if not suffixes:
        return PLAIN
    last = suffixes[-1]
    if last in TEMPLATE_SUFFIXES and len(suffixes) > 1 and suffixes[-2] in _INNER:
        return _INNER[suffixes[-2]]
    return BY_SUFFIX.get(last, PLAIN)


def segments(source: int, text: str, fmt: str | None) -> Iterator[Segment]:
    """The prose of one document in the given format (None: plain text)."""
    fmt = fmt or PLAIN
    if fmt == DOCX:
        yield from docx.segments(source, text)
        return
    # Jinja/Django/Handlebars/Liquid delimiters never occur in prose, so they are
    # read as template tags in every format (Django templates are often .html);
    # the single-brace and $ placeholders only in template files.
    single = fmt in (TEMPLATE, HTML_TEMPLATE, MARKDOWN_TEMPLATE)
    if not single and not templates.has_template_tags(text):
        if fmt == PLAIN:
            yield from segment_text(source, text)  # the fast path: no offset map
            return
        view = Mapped.identity(text)
    else:
        view = templates.to_view(Mapped.identity(text), single=single)
    if fmt == TEMPLATE and html.looks_like_html(view.text):
        fmt = HTML_TEMPLATE  # a template holding HTML (most e-mail templates)
    if fmt in (HTML, HTML_TEMPLATE):
        yield from html.segments(source, view)
    elif fmt in (MARKDOWN, MARKDOWN_TEMPLATE):
        yield from markdown.segments(source, view)
    else:
        yield from plain.segments(source, view)
