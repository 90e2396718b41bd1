"""Read: turn command-line paths into texts, or into one clear error per bad input.

Extensions read when a directory is walked come from the formats; a file named
explicitly is read whatever its extension, as long as it is UTF-8 text. Only
regular files are opened (a FIFO would block forever, a device never ends),
each file once however often it is named, and every input that is not read
says why.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from restorelint.read.formats import DOCX, TEXT_SUFFIXES, detect
from restorelint.read.walk import Skip, kind_of, walk, why
from restorelint.records import InputError, Source

# A message or review far beyond this is almost certainly not prose meant for
# a reader (a log, a dump); the limit also bounds a run's time and memory.
MAX_BYTES = 5 * 1024 * 1024
# A Word file carries images and styles besides its text; its text is held to
# MAX_BYTES once extracted.
MAX_DOCX_BYTES = 50 * 1024 * 1024
STDIN = "-"
# O_NONBLOCK: if a FIFO is swapped in between the check and the open, the open
# returns at once instead of waiting for a writer (fstat then refuses it).
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


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
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return InputError(path, "UTF-16 text; only UTF-8 is linted (convert it first)")
    if b"\0" in data[:8192]:
        return InputError(path, "binary file (contains NUL bytes), not linted")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}), not linted",
        )
    return Source(path, text, fmt, bom=data.startswith(codecs.BOM_UTF8))


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


def _read_regular(name: str, limit: int) -> tuple[bytes, os.stat_result] | InputError:
    """The first ``limit`` + 1 bytes of a regular file, and its status when opened."""
    try:
        info = os.stat(name)
    except FileNotFoundError:
        if os.path.islink(name):
            return InputError(name, "broken symbolic link (its target does not exist)")
        return InputError(name, "no such file or directory")
    except OSError as exc:
        return InputError(name, f"cannot read: {why(exc)}")
    if stat.S_ISDIR(info.st_mode):
        return InputError(name, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        return InputError(name, f"{kind_of(info.st_mode)}, not a regular file; not linted")
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        if isinstance(exc, PermissionError):
            return InputError(name, "permission denied, not linted")
        return InputError(name, f"cannot read: {why(exc)}, not linted")
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            return InputError(name, f"{kind_of(opened.st_mode)}, not a regular file; not linted")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            return InputError(name, f"cannot read: {why(exc)}")
    return data, opened


def read_file(path: Path, fmt: str | None = None, root: str | None = None) -> Source | InputError:
    name = str(path)
    fmt = fmt or detect(name)
    read = _read_regular(name, MAX_DOCX_BYTES if fmt == DOCX else MAX_BYTES)
    if isinstance(read, InputError):
        return read
    data, info = read
    limit = MAX_DOCX_BYTES if fmt == DOCX else MAX_BYTES
    if len(data) > limit:  # only limit + 1 bytes were read: say how large it really is
        return InputError(
            name, f"too large to lint ({info.st_size // 1024} KiB; the limit is {limit >> 20} MiB)"
        )
    result = decode(name, data, fmt)
    if isinstance(result, InputError):
        return result
    stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    if root is None:
        root = os.path.realpath(os.path.dirname(os.path.abspath(name)))
    return Source(result.path, result.text, result.format, root, stamp, result.bom)


def read_stdin(
    stream_bytes: bytes, name: str = "<stdin>", fmt: str | None = None
) -> Source | InputError:
    """Stdin in the forced format, or the one ``name`` (--stdin-filename) implies."""
    return decode(name, stream_bytes, fmt)


def stdin_bytes() -> bytes:
    """Standard input, up to just past the largest input restorelint reads (more is
    refused as too large without holding it all in memory); OSError when it is
    closed or unreadable."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise OSError("standard input is closed")
    return stream.read(MAX_DOCX_BYTES + 1)


def stdin_is_terminal() -> bool:
    isatty = getattr(sys.stdin, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return True  # it is there, just not reachable: reading it will say why


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def expand(
    paths: Iterable[str], skip: Skip | None = None, force_exclude: bool = False
) -> Iterator[tuple[Path, str] | InputError]:
    """Files named on the command line (with the folder --fix may write in), directories
    walked, and an error for each path that is missing or cannot be walked.

    Excluded files inside walked directories are left out; a file or directory
    named explicitly is linted even when excluded, unless ``force_exclude``
    (as a pre-commit hook passes every changed file by name).
    """
    for raw in paths:
        path = Path(raw)
        is_dir = _is_dir(path)
        if force_exclude and skip is not None and _exists(path) and skip(path, is_dir):
            continue
        if is_dir:
            root = os.path.realpath(path)
            found = False
            skipped: list[Path] = []
            problems: list[InputError] = []
            for file in walk(path, TEXT_SUFFIXES, skip, skipped, problems):
                found = True
                yield file, root
            yield from problems
            if not found and not skipped and not problems:
                yield InputError(
                    raw,
                    "directory holds no text files ("
                    + ", ".join(sorted(TEXT_SUFFIXES)[:6])
                    + ", ...)",
                )
        elif _exists(path):
            # The folder the name is in, not the one a symbolic link leads to: --fix
            # must not follow a link out of it.
            yield path, os.path.realpath(os.path.dirname(os.path.abspath(path)))
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
    """Every input named (``-`` is stdin): the sources read, and one error per bad input.
    A file named twice (or by two names) is read once."""
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        if raw == STDIN:
            if force_exclude and skip is not None and skip(Path(stdin_name), False):
                continue
            try:
                data = read_stdin_bytes()
            except (OSError, ValueError) as exc:
                errors.append(InputError(stdin_name, f"cannot read standard input ({exc})"))
                continue
            result = read_stdin(data, stdin_name, input_format)
            (sources if isinstance(result, Source) else errors).append(result)  # type: ignore[arg-type]
            continue
        for item in expand([raw], skip, force_exclude):
            if isinstance(item, InputError):
                errors.append(item)
                continue
            result = read_file(item[0], input_format, item[1])
            if isinstance(result, InputError):
                errors.append(result)
            elif result.stamp is None or result.stamp[:2] not in seen:
                if result.stamp is not None:
                    seen.add(result.stamp[:2])
                sources.append(result)
    return sources, errors
