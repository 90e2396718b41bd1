"""Word ``.docx`` files: paragraphs and table cells, one per line.

A ``.docx`` file is read into text with one paragraph per line, in reading
order: body paragraphs, and the paragraphs of each table cell row by row and
cell by cell (a merged cell once), nested tables included. Empty paragraphs
count too, so a finding's line is the paragraph's number in the document and
its column the character within the paragraph. Line breaks and tabs inside a
paragraph are read as spaces.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from restorelint.read.mapping import Mapped
from restorelint.read.segment import segment_mapped
from restorelint.records import Segment

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

NAME = "docx"
SUFFIXES = (".docx",)
_INSIDE_PARAGRAPH = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\v": " ", "\f": " "})


class DocxError(ValueError):
    """The bytes are not a readable Word document."""


def _paragraphs(container: Any) -> Iterator[Paragraph]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell is listed once per grid column
                    seen.add(id(cell._tc))
                    yield from _paragraphs(cell)


# A .docx is a zip archive: a few kilobytes can inflate to gigabytes (a zip
# bomb). The sizes the archive declares bound what reading it can inflate to,
# so they are checked before anything is decompressed.
MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000


def _check_archive(data: bytes) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocxError(f"not a readable .docx file ({exc or type(exc).__name__})") from exc
    if len(members) > MAX_MEMBERS:
        raise DocxError(f"not a plausible .docx file ({len(members)} parts in the archive)")
    inflated = sum(m.file_size for m in members)
    if inflated > MAX_INFLATED_BYTES:
        raise DocxError(
            f"its archive inflates to {inflated >> 20} MiB "
            f"(at most {MAX_INFLATED_BYTES >> 20} MiB; a zip bomb?)"
        )


def extract(data: bytes) -> str:
    """The document's text, one paragraph per line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DocxError(f"not a readable .docx file ({exc or type(exc).__name__})") from exc
    except Exception as exc:  # zipfile.BadZipFile, lxml errors: a broken file, not a bug
        raise DocxError(f"not a readable .docx file ({type(exc).__name__}: {exc})") from exc
    return "\n".join(p.text.translate(_INSIDE_PARAGRAPH) for p in _paragraphs(document))


def segments(source: int, text: str) -> Iterator[Segment]:
    """Each paragraph is its own stretch of prose (no sentence runs across two)."""
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield from segment_mapped(source, Mapped.identity(line, start))
        start += len(line) + 1
