"""``restorelint config``: the effective configuration for a path, as pasteable TOML
or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from restorelint.settings.model import Settings


def describe(settings: Settings, path: Path, fmt: str, input_format: str, excluded: bool) -> str:
    """The effective configuration for ``path``, as TOML (pasteable) or JSON."""
    values: dict[str, Any] = {
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "severity": dict(settings.severity),
        "per-file-ignores": {g: list(s) for g, s in settings.all_per_file_ignores},
        "exclude": list(settings.exclude),
        "extend-exclude": list(settings.all_extend_exclude),
        "respect-gitignore": settings.respect_gitignore,
        "extend-rules": [str(p) for p in settings.extend_rules],
        "allow": list(settings.allow),
        "deny": list(settings.deny),
        "fail-on": settings.fail_on,
        "report-unused-suppressions": settings.report_unused_suppressions,
        "tone-threshold": settings.tone_threshold,
    }
    if fmt == "json":
        payload = {
            "path": str(path),
            "config": str(settings.path) if settings.path else None,
            "config-files": [str(p) for p in settings.files],
            "input-format": input_format,
            "excluded": excluded,
            "settings": values,
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)
    lines = [
        f"# restorelint configuration for {path}",
        f"# from: {settings.source}",
        f"# input format: {input_format}; excluded: {'yes' if excluded else 'no'}",
        "",
        "[tool.restorelint]",
    ]
    tables = []
    for key, value in values.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif value is None:
            lines.append(f"# {key}: not set (the default applies)")
        else:
            lines.append(f"{key} = {_toml(value)}")
    for key, table in tables:
        lines.append("")
        lines.append(f"[tool.restorelint.{key}]")
        lines.extend(f"{_toml(k)} = {_toml(v)}" for k, v in table.items())
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string is JSON-compatible
