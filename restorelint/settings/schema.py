"""What a configuration table may hold, and how it becomes Settings: every key
checked against a JSON Schema, a mistake named by file and key."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import field_path
from restorelint.records import SEVERITIES
from restorelint.settings.exclude import DEFAULT_EXCLUDE, compile_globs
from restorelint.settings.model import Settings

if TYPE_CHECKING:
    import jsonschema

TABLE = "tool.restorelint"


class ConfigError(Exception):
    """A configuration file is unreadable or holds a setting that cannot work."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path, self.key, self.problem = str(path), key, problem
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")


# Bounds on untrusted input: a configuration in any folder of a pull request
# is read by CI, and a million deny words would each become a phrase to match.
MAX_ITEMS = 5_000
MAX_STRING = 500


def _strings(min_items: int = 0) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "minLength": 1, "maxLength": MAX_STRING},
        "minItems": min_items,
        "maxItems": MAX_ITEMS,
    }


SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "extend": {"type": "string", "minLength": 1},
        "select": _strings(),
        "ignore": _strings(),
        "severity": {
            "type": "object",
            "additionalProperties": {"enum": list(SEVERITIES)},
            "maxProperties": MAX_ITEMS,
        },
        "per-file-ignores": {
            "type": "object",
            "additionalProperties": _strings(),
            "maxProperties": MAX_ITEMS,
        },
        "exclude": _strings(),
        "extend-exclude": _strings(),
        "respect-gitignore": {"type": "boolean"},
        "extend-rules": {
            "anyOf": [{"type": "string", "minLength": 1, "maxLength": MAX_STRING}, _strings()]
        },
        "allow": _strings(),
        "deny": _strings(),
        "fail-on": {"enum": list(SEVERITIES)},
        "report-unused-suppressions": {"type": "boolean"},
        "tone-threshold": {"type": "number", "minimum": 0, "maximum": 1},
    },
}


@cache
def _validator() -> jsonschema.Draft202012Validator:
    # imported here: a run with no configuration file never needs jsonschema
    import jsonschema

    return jsonschema.Draft202012Validator(SCHEMA)


def _check_keys(table: dict[str, Any], path: Path, prefix: str) -> None:
    for name in table:
        if name not in SCHEMA["properties"]:
            close = difflib.get_close_matches(name, list(SCHEMA["properties"]), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            known = ", ".join(SCHEMA["properties"])
            raise ConfigError(
                path,
                f"{prefix}.{name}" if prefix else name,
                f"unknown setting{hint}; known: {known}",
            )
    errors = sorted(
        _validator().iter_errors(table), key=lambda e: [str(p) for p in e.absolute_path]
    )
    if errors:
        raise ConfigError(path, field_path(errors[0], prefix), errors[0].message)


def _check_globs(data: dict[str, Any], path: Path, prefix: str) -> None:
    """Every glob compiles (pathspec's own error would escape as a traceback later)."""

    def key(name: str) -> str:
        return f"{prefix}.{name}" if prefix else name

    globs = [(key(name), g) for name in ("exclude", "extend-exclude") for g in data.get(name, ())]
    globs += [(key(f'per-file-ignores."{g}"'), g) for g in data.get("per-file-ignores", {})]
    for where, glob in globs:
        try:
            compile_globs((glob,))
        except Exception as exc:  # pathspec raises several kinds for a bad pattern
            raise ConfigError(path, where, f"invalid glob {glob!r}: {exc}") from exc


def parse_config(
    data: dict[str, Any], path: Path, prefix: str, base: Settings | None = None
) -> Settings:
    """Validate one configuration table and build its Settings, laid over ``base``
    (the file it ``extend``s, already loaded) when there is one."""
    _check_keys(data, path, prefix)
    root = path.parent
    _check_globs(data, path, prefix)
    folders = data.get("extend-rules", [])
    folders = [folders] if isinstance(folders, str) else folders
    extend_rules = []
    key = f"{prefix}.extend-rules" if prefix else "extend-rules"
    inside = root.resolve()
    for folder in folders:
        resolved = (root / folder).resolve()
        # A configuration may only bring in rules from its own folder tree: a
        # pull request must not be able to point CI at files elsewhere on disk.
        if resolved != inside and inside not in resolved.parents:
            raise ConfigError(
                path, key, f"'{folder}' is outside the configuration's folder ({inside})"
            )
        if not resolved.is_dir():
            raise ConfigError(path, key, f"no such folder: {folder}")
        extend_rules.append(resolved)
    parent = base or Settings(root=root)

    severity = dict(parent.severity) | {str(k): v for k, v in data.get("severity", {}).items()}
    return Settings(
        path=path,
        table=prefix,
        root=root,
        select=tuple(data.get("select", parent.select)),
        ignore=tuple(data.get("ignore", parent.ignore)),
        severity=tuple(severity.items()),
        per_file_ignores=tuple((g, tuple(s)) for g, s in data.get("per-file-ignores", {}).items()),
        exclude=tuple(data.get("exclude", parent.exclude if base else DEFAULT_EXCLUDE)),
        extend_exclude=tuple(data.get("extend-exclude", ())),
        respect_gitignore=data.get("respect-gitignore", parent.respect_gitignore),
        extend_rules=tuple(dict.fromkeys((*parent.extend_rules, *extend_rules))),
        allow=tuple(data.get("allow", parent.allow)),
        deny=tuple(data.get("deny", parent.deny)),
        fail_on=data.get("fail-on", parent.fail_on),
        report_unused_suppressions=data.get(
            "report-unused-suppressions", parent.report_unused_suppressions
        ),
        tone_threshold=data.get("tone-threshold", parent.tone_threshold),
        extends=base,
        own=frozenset(data),
    )
