"""Writing a fixed file: atomically, and only if it still holds what was linted.

The new text goes to a temporary file in the same directory, which then
replaces the original with ``os.replace``; the original's permission bits and
a UTF-8 byte order mark are kept. If anything fails the original is left
exactly as it was.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from pathlib import Path


class FixError(Exception):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def encode_like(original: bytes, text: str) -> bytes:
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")


def write_fixed(path: str, linted_text: str, new_text: str) -> None:
    """Write ``new_text`` over ``path`` atomically, if the file still holds ``linted_text``.

    Raises FixError and leaves the file untouched on any failure.
    """
    real = Path(os.path.realpath(path))
    try:
        original = real.read_bytes()
        info = real.stat()
    except OSError as exc:
        raise FixError(path, f"cannot read it again to fix: {exc.strerror or exc}") from exc
    try:
        current = original.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FixError(path, "changed since it was linted; not fixed") from exc
    if current != linted_text:
        raise FixError(path, "changed since it was linted; not fixed")
    data = encode_like(original, new_text)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            # Not ours to give away as a normal user; the mode is kept regardless.
            with contextlib.suppress(OSError):
                os.chown(tmp_name, info.st_uid, info.st_gid)
        os.replace(tmp_name, real)
        tmp_name = None
    except OSError as exc:
        raise FixError(
            path, f"could not write the fix: {exc.strerror or exc}; file unchanged"
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
