"""Writing a fixed file: atomically, only inside the folders named, and only if the
file still holds what was linted.

- The file must be a regular file inside the folder it was found in (the folder
  named on the command line, or a named file's own folder): a symbolic link
  that leads out of it is reported, never followed.
- A file whose mode allows no writing (0444) is not rewritten, even by root.
- The new text goes to a temporary file beside the original, mode 0600, named
  ``.restorelint-fix-<name>.<random>.tmp``; it gets the original's mode,
  owner and extended attributes, and then replaces the original with
  ``os.replace``. A temporary file left by a killed run is removed by the next
  ``--fix`` in that folder once it is STALE_SECONDS old.
- Just before the rename the original is read again: if its device, inode,
  size, modification time or bytes differ from what was linted (an editor
  saved it meanwhile), it is left alone and the fix is reported as not made.

If anything fails the original is left exactly as it was (FixError).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

from restorelint.records import Source

TEMP_PREFIX = ".restorelint-fix-"
TEMP_SUFFIX = ".tmp"
# A write takes milliseconds; a temporary file this old belongs to no live run.
STALE_SECONDS = 600
_CLEANED: set[str] = set()


class FixError(Exception):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def encode_like(original: bytes, text: str) -> bytes:
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")


def remove_stale_temps(folder: str, now: float | None = None) -> list[str]:
    """Delete this tool's temporary files in ``folder`` older than STALE_SECONDS."""
    removed: list[str] = []
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
                removed.append(entry.path)
    return removed


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _target(source: Source) -> str:
    """The real file to write, after checking it may be written."""
    path = source.path
    real = os.path.realpath(path)
    if source.root is not None and not _inside(real, source.root):
        raise FixError(path, f"leads outside {source.root} (to {real}); not fixed")
    try:
        info = os.stat(real)
    except OSError as exc:
        raise FixError(path, f"cannot read it again to fix: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise FixError(path, "not a regular file; not fixed")
    if not info.st_mode & 0o222:
        raise FixError(path, f"read-only (mode {stat.S_IMODE(info.st_mode):04o}); not fixed")
    if not os.access(real, os.W_OK):
        raise FixError(path, "permission denied; not fixed")
    return real


def _unchanged(source: Source, real: str, linted_bytes: bytes | None) -> bytes:
    """The file's bytes, if it still holds what was linted; FixError otherwise."""
    changed = FixError(source.path, "changed since it was linted; not fixed")
    try:
        with open(real, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        raise FixError(source.path, f"cannot read it again to fix: {exc.strerror or exc}") from exc
    stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    if source.stamp is not None and stamp != source.stamp:
        raise changed
    if linted_bytes is not None:
        if data != linted_bytes:
            raise changed
        return data
    try:
        if data.decode("utf-8-sig") != source.text:
            raise changed
    except UnicodeDecodeError as exc:
        raise changed from exc
    return data


def _copy_metadata(info: os.stat_result, real: str, tmp: str) -> None:
    os.chmod(tmp, stat.S_IMODE(info.st_mode))
    if hasattr(os, "chown"):
        # Not ours to give away as a normal user; the mode is kept regardless.
        with contextlib.suppress(OSError):
            os.chown(tmp, info.st_uid, info.st_gid)
    if hasattr(os, "listxattr"):
        with contextlib.suppress(OSError):
            for name in os.listxattr(real):
                with contextlib.suppress(OSError):
                    os.setxattr(tmp, name, os.getxattr(real, name))


def write_fixed(source: Source, new_text: str) -> None:
    """Write ``new_text`` over the source's file atomically, if it still holds the
    text that was linted. Raises FixError and leaves the file untouched on failure."""
    real = _target(source)
    folder = str(Path(real).parent)
    if folder not in _CLEANED:
        _CLEANED.add(folder)
        remove_stale_temps(folder)
    original = _unchanged(source, real, None)
    info = os.stat(real)
    data = encode_like(original, new_text)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{Path(real).name}.", suffix=TEMP_SUFFIX, dir=folder
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_metadata(info, real, tmp_name)
        _unchanged(source, real, original)  # the last look, right before the rename
        os.replace(tmp_name, real)
        tmp_name = None
    except OSError as exc:
        raise FixError(
            source.path, f"could not write the fix: {exc.strerror or exc}; file unchanged"
        ) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
