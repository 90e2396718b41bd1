"""Read: turn command-line paths into texts, or into one clear error per bad input.

Extensions read when a directory is walked come from the formats; a file named
explicitly is read whatever its extension, as long as it is UTF-8 text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from restorelint.read.formats import DOCX, TEXT_SUFFIXES, detect
from restorelint.records import InputError, Source

SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".venv", "venv"}
)
# A message or review far beyond this is almost certainly not prose meant for
# a reader (a log, a dump); parsing it would take minutes.
MAX_BYTES = 5 * 1024 * 1024
# A Word file carries images and styles besides its text; its text is held to
# MAX_BYTES once extracted.
MAX_DOCX_BYTES = 50 * 1024 * 1024
STDIN = "-"


def decode(path: str, data: bytes, fmt: str | None = None) -> Source | InputError:
    """Bytes to a Source in the given input format (None: chosen from the path)."""
    fmt = fmt or detect(path)
    if fmt == DOCX:
        return _decode_docx(path, data)
    if len(data) > MAX_BYTES:
        return InputError(
            path,
            f"too large to lint ({len(data) // 1024} KiB; the limit is {MAX_BYTES >> 20} MiB)",
        )
    if b"\0" in data[:8192]:
        return InputError(path, "binary file (contains NUL bytes), not linted")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}), not linted",
        )
    return Source(path, text, fmt)


def _decode_docx(path: str, data: bytes) -> Source | InputError:
    from restorelint.read.formats.docx import DocxError, extract

    if len(data) > MAX_DOCX_BYTES:
        return InputError(
            path, f"too large to lint ({len(data) // 1024} KiB; the limit for .docx is 50 MiB)"
        )
    try:
        text = extract(data)
    except DocxError as exc:
        return InputError(path, f"{exc}, not linted")
    if len(text) > MAX_BYTES:
        return InputError(path, "too much text to lint (over 5 MiB once extracted)")
    return Source(path, text, "docx")


def read_file(path: Path, fmt: str | None = None) -> Source | InputError:
    name = str(path)
    fmt = fmt or detect(name)
    limit = MAX_DOCX_BYTES if fmt == DOCX else MAX_BYTES
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        return InputError(name, "no such file or directory")
    except PermissionError:
        return InputError(name, "permission denied, not linted")
    except IsADirectoryError:
        return InputError(name, "is a directory")
    except OSError as exc:
        return InputError(name, f"cannot read: {exc.strerror or exc}")
    return decode(name, data, fmt)


def read_stdin(
    stream_bytes: bytes, name: str = "<stdin>", fmt: str | None = None
) -> Source | InputError:
    """Stdin in the forced format, or the one ``name`` (--stdin-filename) implies."""
    return decode(name, stream_bytes, fmt)


# skip(path, is_dir) -> True when configuration excludes the path.
Skip = Callable[[Path, bool], bool]


def walk(
    directory: Path, skip: Skip | None = None, skipped: list[Path] | None = None
) -> Iterator[Path]:
    """Text files under ``directory``; hidden and tool folders are never entered, and
    ``skip`` (the configuration's excludes) prunes folders and files."""
    for root, dirs, files in os.walk(directory):
        kept = []
        for d in sorted(dirs):
            if d in SKIPPED_DIRS or d.startswith("."):
                continue
            if skip is not None and skip(Path(root) / d, True):
                if skipped is not None:
                    skipped.append(Path(root) / d)
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            if Path(name).suffix.lower() in TEXT_SUFFIXES and not name.startswith("~$"):
                if skip is not None and skip(Path(root) / name, False):
                    if skipped is not None:
                        skipped.append(Path(root) / name)
                    continue
                yield Path(root) / name


def expand(
    paths: Iterable[str], skip: Skip | None = None, force_exclude: bool = False
) -> Iterator[Path | InputError]:
    """Files named on the command line, directories walked, missing paths as errors.

    Excluded files inside walked directories are left out; a file or directory
    named explicitly is linted even when excluded, unless ``force_exclude``
    (as a pre-commit hook passes every changed file by name).
    """
    for raw in paths:
        path = Path(raw)
        if force_exclude and skip is not None and path.exists() and skip(path, path.is_dir()):
            continue
        if path.is_dir():
            found = False
            skipped: list[Path] = []
            for file in walk(path, skip, skipped):
                found = True
                yield file
            if not found and not skipped:
                yield InputError(
                    raw,
                    "directory holds no text files ("
                    + ", ".join(sorted(TEXT_SUFFIXES)[:6])
                    + ", ...)",
                )
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield InputError(raw, "no such file or directory", fatal=True)


def gather(
    paths: Sequence[str],
    stdin_name: str,
    read_stdin_bytes: Callable[[], bytes],
    input_format: str | None = None,
    skip: Skip | None = None,
    force_exclude: bool = False,
) -> tuple[list[Source], list[InputError]]:
    """Every input named (``-`` is stdin): the sources read, and one error per bad input."""
    sources: list[Source] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == STDIN:
            if force_exclude and skip is not None and skip(Path(stdin_name), False):
                continue
            result = read_stdin(read_stdin_bytes(), stdin_name, input_format)
            (sources if isinstance(result, Source) else errors).append(result)  # type: ignore[arg-type]
            continue
        for item in expand([raw], skip, force_exclude):
            result = item if isinstance(item, InputError) else read_file(item, input_format)
            (sources if isinstance(result, Source) else errors).append(result)  # type: ignore[arg-type]
    return sources, errors
