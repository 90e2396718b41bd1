"""Baselines: adopt restorelint on existing documents and fail only on new findings.

A baseline file records, per file and rule, the fingerprints of the findings
that were already there (see ``restorelint.fingerprint``) and how many times
each occurs. It stores no message text, matched words or context — HR
documents are confidential — only paths, rule ids, fingerprints, counts and
the restorelint version that wrote it.

Paths are stored relative to the folder holding the baseline file, so a
baseline keeps matching whichever directory restorelint is run from.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from restorelint.records import Finding
from restorelint.settings.fingerprint import ALGORITHM, fingerprint
from restorelint.version import __version__

BASELINE_VERSION = 1
# A baseline holds a few lines per finding; far beyond this it is not one.
MAX_BASELINE_BYTES = 64 * 1024 * 1024

Key = tuple[str, str, str]  # (path, rule, fingerprint)


class BaselineError(Exception):
    """A baseline file is missing, unreadable, corrupt or cannot be written."""


def _key_path(path: str, base_dir: Path) -> str:
    """A finding's path as stored in a baseline: relative to the baseline's folder."""
    if path.startswith("<"):  # <stdin>, <text>: a name, not a file
        return path
    absolute = Path(os.path.abspath(path))
    try:
        return Path(os.path.relpath(absolute, base_dir)).as_posix()
    except ValueError:  # another drive on Windows
        return absolute.as_posix()


def _keys(findings: Sequence[Finding], texts: dict[str, str], base_dir: Path) -> list[Key]:
    return [
        (_key_path(f.path, base_dir), f.rule, fingerprint(f, texts.get(f.path))) for f in findings
    ]


@dataclass(frozen=True)
class Baseline:
    path: Path
    counts: Counter[Key]

    @property
    def base_dir(self) -> Path:
        return Path(os.path.abspath(self.path)).parent

    def split(
        self, findings: Sequence[Finding], texts: dict[str, str]
    ) -> tuple[list[Finding], list[Finding]]:
        """(new findings, findings already in the baseline), each in the original order.

        Every baseline entry absorbs at most ``count`` findings, so a second copy of a
        baselined sentence in the same file is new.
        """
        remaining = Counter(self.counts)
        new: list[Finding] = []
        known: list[Finding] = []
        for finding, key in zip(findings, _keys(findings, texts, self.base_dir), strict=True):
            if remaining[key] > 0:
                remaining[key] -= 1
                known.append(finding)
            else:
                new.append(finding)
        return new, known


def baseline_payload(
    findings: Sequence[Finding], texts: dict[str, str], base_dir: Path
) -> dict[str, object]:
    counts = Counter(_keys(findings, texts, base_dir))
    return {
        "baseline_version": BASELINE_VERSION,
        "version": __version__,
        "fingerprint": ALGORITHM,
        "findings": [
            {"path": path, "rule": rule, "fingerprint": print_, "count": count}
            for (path, rule, print_), count in sorted(counts.items())
        ],
    }


def write_baseline(
    target: str | os.PathLike[str], findings: Sequence[Finding], texts: dict[str, str]
) -> dict[str, object]:
    """Write the baseline atomically (a temporary file beside it, then a rename)."""
    path = Path(target)
    base_dir = Path(os.path.abspath(path)).parent
    payload = baseline_payload(findings, texts, base_dir)
    data = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    try:
        data.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: keep it as \udcXX escapes
        data = json.dumps(payload, indent=2) + "\n"
    if not base_dir.is_dir():
        raise BaselineError(f"cannot write baseline {target}: no such directory {base_dir}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=base_dir)
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a baseline is committed
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BaselineError(f"cannot write baseline {target}: {exc.strerror or exc}") from exc
    return payload


def _invalid(target: object, problem: str) -> BaselineError:
    return BaselineError(
        f"baseline {target} is not a valid restorelint baseline: {problem}; "
        "write a new one with `restorelint baseline PATH... -o FILE`"
    )


def load_baseline(target: str | os.PathLike[str]) -> Baseline:
    path = Path(target)
    try:
        info = path.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BASELINE_BYTES:
            raise BaselineError(f"baseline {target} is {info.st_size} bytes, too large to read")
        if not stat.S_ISDIR(info.st_mode) and not stat.S_ISREG(info.st_mode):
            raise BaselineError(f"baseline {target} is not a regular file")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BaselineError(
            f"baseline {target} does not exist; "
            "create it with `restorelint baseline PATH... -o FILE`"
        ) from exc
    except IsADirectoryError as exc:
        raise BaselineError(f"baseline {target} is a directory, not a file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {target}: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _invalid(target, f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    except RecursionError as exc:
        raise _invalid(target, "nested too deeply") from exc
    if not isinstance(data, dict) or "baseline_version" not in data:
        raise _invalid(target, "no 'baseline_version' field")
    if data["baseline_version"] != BASELINE_VERSION:
        raise _invalid(
            target,
            f"baseline_version {data['baseline_version']!r} (this restorelint reads "
            f"{BASELINE_VERSION})",
        )
    if data.get("fingerprint") != ALGORITHM:
        raise _invalid(
            target,
            f"fingerprints made with {data.get('fingerprint')!r} (this restorelint uses "
            f"{ALGORITHM!r})",
        )
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise _invalid(target, "'findings' must be a list")
    counts: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise _invalid(target, f"findings[{index}] must be an object")
        for field in ("path", "rule", "fingerprint"):
            if not isinstance(entry.get(field), str):
                raise _invalid(target, f"findings[{index}].{field} must be a string")
        count = entry.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise _invalid(target, f"findings[{index}].count must be a positive integer")
        counts[entry["path"], entry["rule"], entry["fingerprint"]] += count
    return Baseline(path=path, counts=counts)
