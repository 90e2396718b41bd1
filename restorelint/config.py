"""Configuration: ``[tool.restorelint]`` in ``pyproject.toml``, or ``.restorelint.toml``.

The file that governs a document is the nearest one found walking up from the
document's folder (``.restorelint.toml`` first, then a ``pyproject.toml`` that
has a ``[tool.restorelint]`` table). Command-line flags replace the file's
value for the setting they name. Settings act after the context filters, in
their own stage (``apply_settings``): findings in, findings out.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jsonschema

from restorelint.exclude import DEFAULT_EXCLUDE, gitignored, matches
from restorelint.finding import Finding
from restorelint.rules import (
    CATEGORIES,
    SEVERITIES,
    SEVERITY_RANK,
    Rule,
    RuleError,
    default_rules,
    load_rules,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".restorelint.toml", "pyproject.toml")
TABLE = "tool.restorelint"
# Rules made from configuration rather than read from a rule file.
DENY_RULE_ID = "RL900"
DENY_RULE_NAME = "denied-word"


class ConfigError(Exception):
    """A configuration file is unreadable or holds a setting that cannot work."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path, self.key, self.problem = str(path), key, problem
        super().__init__(f"{path}: {key}: {problem}" if key else f"{path}: {problem}")


def _strings(min_items: int = 0) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": min_items}


SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "select": _strings(),
        "ignore": _strings(),
        "severity": {"type": "object", "additionalProperties": {"enum": list(SEVERITIES)}},
        "per-file-ignores": {"type": "object", "additionalProperties": _strings()},
        "exclude": _strings(),
        "extend-exclude": _strings(),
        "respect-gitignore": {"type": "boolean"},
        "extend-rules": {"anyOf": [{"type": "string", "minLength": 1}, _strings()]},
        "allow": _strings(),
        "deny": _strings(),
        "fail-on": {"enum": list(SEVERITIES)},
    },
}


@dataclass(frozen=True)
class Settings:
    """The effective configuration for the documents under one folder."""

    path: Path | None = None  # the file it was read from; None: the defaults
    table: str = ""  # where in that file ("tool.restorelint" in pyproject.toml)
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this folder
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    extend_rules: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    fail_on: str = "info"

    @property
    def source(self) -> str:
        if self.path is None:
            return "defaults (no configuration file found)"
        return f"{self.path} [{self.table}]" if self.table else str(self.path)

    def key(self, name: str) -> str:
        return f"{self.table}.{name}" if self.table else name

    def is_excluded(self, path: Path, is_dir: bool = False) -> bool:
        if matches(path, self.root, self.exclude + self.extend_exclude, is_dir):
            return True
        return self.respect_gitignore and gitignored(path, is_dir)

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """``ignore`` plus the ``per-file-ignores`` whose glob matches ``path``."""
        extra = [sels for glob, sels in self.per_file_ignores if matches(path, self.root, [glob])]
        return self.ignore + tuple(s for group in extra for s in group)


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; None leaves the file's value."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None

    def apply(self, settings: Settings) -> Settings:
        changes = {k: v for k, v in vars(self).items() if v is not None}
        return replace(settings, **changes) if changes else settings


def _pairs(table: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple((str(k), v) for k, v in table.items())


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
        jsonschema.Draft202012Validator(SCHEMA).iter_errors(table),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    if errors:
        first = errors[0]
        key = ".".join(
            [prefix, *map(str, first.absolute_path)] if prefix else map(str, first.absolute_path)
        )
        raise ConfigError(path, key, first.message)


def parse_config(data: dict[str, Any], path: Path, prefix: str) -> Settings:
    """Validate one configuration table and build its Settings."""
    _check_keys(data, path, prefix)
    root = path.parent

    def key(name: str) -> str:
        return f"{prefix}.{name}" if prefix else name

    folders = data.get("extend-rules", [])
    folders = [folders] if isinstance(folders, str) else folders
    extend_rules = []
    for folder in folders:
        resolved = (root / folder).resolve()
        if not resolved.is_dir():
            raise ConfigError(path, key("extend-rules"), f"no such folder: {folder}")
        extend_rules.append(resolved)
    return Settings(
        path=path,
        table=prefix,
        root=root,
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity=_pairs(data.get("severity", {})),
        per_file_ignores=tuple((g, tuple(s)) for g, s in data.get("per-file-ignores", {}).items()),
        exclude=tuple(data.get("exclude", DEFAULT_EXCLUDE)),
        extend_exclude=tuple(data.get("extend-exclude", ())),
        respect_gitignore=data.get("respect-gitignore", True),
        extend_rules=tuple(extend_rules),
        allow=tuple(data.get("allow", ())),
        deny=tuple(data.get("deny", ())),
        fail_on=data.get("fail-on", "info"),
    )


def load_config(path: Path) -> Settings:
    """Read a ``.restorelint.toml`` or a ``pyproject.toml``'s ``[tool.restorelint]``."""
    path = Path(os.path.abspath(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(path, "", "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", f"cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("restorelint", {})
        if not isinstance(table, dict):
            raise ConfigError(path, TABLE, "must be a table")
        return parse_config(table, path, TABLE)
    return parse_config(data, path, "")


def _declares_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*restorelint\s*[\].]", text, re.M) is not None


def find_config(folder: Path) -> Path | None:
    """The nearest configuration file at or above ``folder``."""
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAMES[0]
        if own.is_file():
            return own
        pyproject = candidate / CONFIG_NAMES[1]
        if pyproject.is_file() and _declares_table(pyproject):
            return pyproject
    return None


class Resolver:
    """Which settings govern each path; loads each configuration file once."""

    def __init__(
        self,
        config: Path | None = None,
        isolated: bool = False,
        overrides: Overrides | None = None,
    ) -> None:
        self.overrides = overrides or Overrides()
        self.fixed: Settings | None = None
        if isolated:
            self.fixed = self.overrides.apply(Settings())
        elif config is not None:
            self.fixed = self.overrides.apply(load_config(config))
        self._by_file: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Settings] = {}
        self.team_ids: dict[Path, frozenset[str]] = {}

    def settings_for(self, path: Path | str, is_dir: bool = False) -> Settings:
        absolute = Path(os.path.abspath(path))
        folder = absolute if is_dir else absolute.parent
        if self.fixed is not None:
            return self.fixed
        if folder not in self._by_folder:
            found = find_config(folder)
            if found not in self._by_file:
                base = load_config(found) if found is not None else Settings()
                self._by_file[found] = self.overrides.apply(base)
            self._by_folder[folder] = self._by_file[found]
        return self._by_folder[folder]

    def skip(self, path: Path, is_dir: bool = False) -> bool:
        """Is this file or folder excluded by the settings of the folder it is in?"""
        absolute = Path(os.path.abspath(path))
        return self.settings_for(absolute.parent, is_dir=True).is_excluded(absolute, is_dir)

    def used(self) -> list[Settings]:
        seen = [self.fixed] if self.fixed is not None else list(self._by_file.values())
        return list(dict.fromkeys(seen))

    def rules(self) -> list[Rule]:
        """The built-in catalog, every team folder named by the settings used, and the
        generated deny rule; a team rule may not reuse an id."""
        rules = list(default_rules())
        owner = {r.id: r.source for r in rules}
        for settings in self.used():
            for folder in settings.extend_rules:
                if folder in self.team_ids:
                    continue
                team = load_rules([folder])
                for rule in team:
                    if rule.id in owner:
                        raise RuleError(
                            rule.source, "id", f"id {rule.id} is already used by {owner[rule.id]}"
                        )
                    owner[rule.id] = rule.source
                self.team_ids[folder] = frozenset(r.id for r in team)
                rules.extend(team)
        words = sorted({w.lower() for s in self.used() for w in s.deny})
        if words:
            rules.append(deny_rule(words))
        return rules

    def warnings(self, rules: Sequence[Rule]) -> list[str]:
        """Selectors (in select, ignore, severity, per-file-ignores) that match no rule."""
        out: list[str] = []
        flags = {"select": self.overrides.select, "ignore": self.overrides.ignore}
        for settings in self.used():
            for key, selectors in _selectors(settings):
                if flags.get(key) is not None:
                    where = f"command line: --{key}"
                else:
                    where = f"{settings.path or 'defaults'}: {settings.key(key)}"
                for selector in selectors:
                    if not known_selector(selector, rules):
                        out.append(f"{where}: no rule matches '{selector}'")
        return list(dict.fromkeys(out))

    def stage(self) -> Callable[[list[Finding], Sequence[Any]], list[Finding]]:
        """The settings stage for the engine: findings in, findings out."""
        all_team = frozenset().union(*self.team_ids.values()) if self.team_ids else frozenset()

        def run(findings: list[Finding], sources: Sequence[Any]) -> list[Finding]:
            out = []
            for finding in findings:
                settings = self.settings_for(finding.path)
                own = frozenset().union(
                    *(self.team_ids.get(f, frozenset()) for f in settings.extend_rules)
                )
                if finding.rule in all_team and finding.rule not in own:
                    continue  # a team rule of another folder's configuration
                kept = apply_settings(finding, settings)
                if kept is not None:
                    out.append(kept)
            return out

        return run

    def fail_on_for(self, path: str) -> str:
        return self.settings_for(path).fail_on


def _selectors(settings: Settings) -> Iterable[tuple[str, Sequence[str]]]:
    yield "select", settings.select
    yield "ignore", settings.ignore
    yield "severity", [k for k, _ in settings.severity]
    for glob, selectors in settings.per_file_ignores:
        yield f'per-file-ignores."{glob}"', selectors


def known_selector(selector: str, rules: Sequence[Rule]) -> bool:
    """Does a selector name any rule (or a category, or ALL)?"""
    return selector in CATEGORIES or any(
        _chooses(r.id, r.name, r.category, [selector]) for r in rules
    )


def _chooses(rule_id: str, name: str, category: str, selectors: Iterable[str]) -> bool:
    """Does any selector (id, id prefix, name, category, ALL) choose this rule?"""
    for selector in selectors:
        upper = selector.upper()
        if upper == "ALL" or rule_id.startswith(upper) or selector in (name, category):
            return True
    return False


def chooses(finding: Finding, selectors: Iterable[str]) -> bool:
    return _chooses(finding.rule, finding.name, finding.category, selectors)


def _specificity(finding: Finding, selector: str) -> int:
    upper = selector.upper()
    if upper == finding.rule or selector == finding.name:
        return 100
    if finding.rule.startswith(upper) and upper != "ALL":
        return 10 + len(upper)
    if selector == finding.category:
        return 2
    return 1 if upper == "ALL" else 0


def _contains(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I) is not None


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def apply_settings(finding: Finding, settings: Settings) -> Finding | None:
    """One finding under one file's settings: dropped (None), kept, or re-graded."""
    if chooses(finding, settings.ignored_for(Path(os.path.abspath(finding.path)))):
        return None
    if finding.rule == DENY_RULE_ID:
        # Touching matches are joined ("rockstar ninja"); keep it if one is this file's.
        if not any(_contains(_normal(finding.text), _normal(w)) for w in settings.deny):
            return None  # another configuration's word
    elif settings.select and not chooses(finding, settings.select):
        return None
    if any(_contains(finding.text, term) for term in settings.allow):
        return None
    ranked = [(_specificity(finding, sel), sev) for sel, sev in settings.severity]
    ranked = [(rank, sev) for rank, sev in ranked if rank]
    if ranked:
        severity = max(ranked)[1]
        if severity != finding.severity:
            return replace(finding, severity=severity)
    return finding


def fails(findings: Iterable[Finding], fail_on_for: Callable[[str], str]) -> bool:
    """Exit 1? Only for a finding at or above its file's ``fail-on`` severity."""
    return any(
        SEVERITY_RANK[f.severity] >= SEVERITY_RANK.get(fail_on_for(f.path), 0) for f in findings
    )


def deny_rule(words: Sequence[str]) -> Rule:
    """The rule made from ``deny`` lists: each word or phrase, any case, as written."""
    from restorelint.context import FILTERS

    return Rule(
        id=DENY_RULE_ID,
        name=DENY_RULE_NAME,
        category="harsh",
        severity="warning",
        message="“{text}” is on your team's list of words to avoid (the `deny` setting).",
        why="Your team listed this word or phrase in its restorelint configuration.",
        kind="phrase",
        suggestion="Use the wording your team agreed on, describing the behaviour and its impact.",
        applicability="display-only",
        flag_examples=(),
        pass_examples=(),
        patterns=tuple(words),
        attr="LOWER",
        # A banned word is banned in any sentence; only a quotation is spared.
        context_ignore=frozenset(FILTERS) - {"quotation"},
        source="<deny setting>",
    )


def describe(settings: Settings, path: Path, fmt: str, input_format: str, excluded: bool) -> str:
    """The effective configuration for ``path``, as TOML (pasteable) or JSON."""
    values: dict[str, Any] = {
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "severity": dict(settings.severity),
        "per-file-ignores": {g: list(s) for g, s in settings.per_file_ignores},
        "exclude": list(settings.exclude),
        "extend-exclude": list(settings.extend_exclude),
        "respect-gitignore": settings.respect_gitignore,
        "extend-rules": [str(p) for p in settings.extend_rules],
        "allow": list(settings.allow),
        "deny": list(settings.deny),
        "fail-on": settings.fail_on,
    }
    if fmt == "json":
        payload = {
            "path": str(path),
            "config": str(settings.path) if settings.path else None,
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
