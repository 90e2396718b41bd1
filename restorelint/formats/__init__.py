"""Input formats: how a document's prose is found, with exact positions.

Each format has a segmenter that turns a source into Segments whose
characters map back to the original file (see ``mapping``). The format is
chosen from the file name, or forced with ``--input-format``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from restorelint.formats import templates
from restorelint.formats.mapping import Mapped
from restorelint.segment import Segment, segment_mapped, segment_text

PLAIN = "plain"
MARKDOWN = "markdown"
HTML = "html"
TEMPLATE = "template"
HTML_TEMPLATE = "html-template"
MARKDOWN_TEMPLATE = "markdown-template"
DOCX = "docx"
INPUT_FORMATS = (PLAIN, MARKDOWN, HTML, TEMPLATE, HTML_TEMPLATE, MARKDOWN_TEMPLATE, DOCX)

TEMPLATE_SUFFIXES = frozenset(
    {".j2", ".jinja", ".jinja2", ".hbs", ".handlebars", ".mustache", ".liquid", ".tmpl", ".tpl"}
)
BY_SUFFIX = {
    ".txt": PLAIN,
    ".text": PLAIN,
    ".rst": PLAIN,
    ".eml": PLAIN,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".docx": DOCX,
    **dict.fromkeys(TEMPLATE_SUFFIXES, TEMPLATE),
}
_INNER = {".html": HTML_TEMPLATE, ".htm": HTML_TEMPLATE, ".md": MARKDOWN_TEMPLATE}
_INNER[".markdown"] = MARKDOWN_TEMPLATE


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
    from restorelint.formats import docx, html, markdown

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
        for block, quoted in html.blocks(view):
            yield from segment_mapped(source, block, quoted)
    elif fmt in (MARKDOWN, MARKDOWN_TEMPLATE):
        for block, quoted in markdown.blocks(view):
            yield from segment_mapped(source, block, quoted)
    else:
        yield from _plain_view(source, view)


def _plain_view(source: int, view: Mapped) -> Iterator[Segment]:
    """Plain text after template reading: same rules as plain text (fences, code,
    URLs blanked, paragraphs, '>'-quoted paragraphs), positions through the map."""
    from restorelint.segment import Segment as _Segment

    for seg in segment_text(source, view.text):
        piece = view.slice(seg.start, seg.start + len(seg.text))
        exact = piece.offsets.single_exact()
        if exact is not None:
            yield _Segment(source, exact, seg.text, seg.quoted)
        else:
            yield _Segment(source, piece.offsets.point(0), seg.text, seg.quoted, piece.offsets)
