"""Rule definitions: load the YAML files in ``rules/``, validate them, expose them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SEVERITIES = ("error", "warning", "info")
# info 0 < warning 1 < error 2
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}
CATEGORIES = (
    "blame",
    "judgment",
    "biased-trait",
    "shaming",
    "threat",
    "harsh",
    "condescension",
    "passive-aggressive",
    "absolute",
    "policing",
)


class RuleError(Exception):
    """A rule file is unreadable or does not follow the rule schema."""

    def __init__(self, path: Path | str, field_path: str, problem: str) -> None:
        self.path = str(path)
        self.field_path = field_path
        self.problem = problem
        where = f" (field '{field_path}')" if field_path else ""
        super().__init__(f"{self.path}{where}: {problem}")


@dataclass(frozen=True)
class Example:
    text: str
    rewrite: str


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    severity: str
    message: str
    why: str
    kind: str
    suggestion: str
    applicability: str
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[str, ...]
    patterns: tuple[Any, ...] = field(default=(), compare=False)
    attr: str = "LOWER"
    check: str | None = None
    highlight: tuple[str, ...] = ()
    context_ignore: frozenset[str] = frozenset()
    context_also: frozenset[str] = frozenset()
    options: dict[str, Any] = field(default_factory=dict, compare=False)
    replacement: str | None = None
    source: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def bundled_rules_dir() -> Path:
    """The catalog shipped with the package (or the checkout's rules/ in development)."""
    installed = Path(str(resources.files("restorelint"))) / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


@cache
def _schema_validator() -> jsonschema.Draft202012Validator:
    text = resources.files("restorelint").joinpath("rule.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def _field_path(error: jsonschema.ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.message, str):
        missing = error.message.split("'")[1] if "'" in error.message else ""
        parts.append(missing)
    return ".".join(parts)


def parse_rule(data: object, source: Path | str) -> Rule:
    """Validate one rule's data and build the Rule; raise RuleError naming the field."""
    if not isinstance(data, dict):
        raise RuleError(source, "", "a rule file must hold one mapping (id, name, ...)")
    errors = sorted(_schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        raise RuleError(source, _field_path(first), first.message)
    _reject_yaml_booleans(data.get("patterns", []), source, "patterns")
    suggest = data["suggest"]
    context = data.get("context", {})
    return Rule(
        id=data["id"],
        name=data["name"],
        category=data["category"],
        severity=data["severity"],
        message=data["message"].strip(),
        why=data["why"].strip(),
        kind=data["kind"],
        suggestion=suggest["text"].strip(),
        applicability=suggest["applicability"],
        replacement=suggest.get("replacement"),
        flag_examples=tuple(Example(e["text"], e["rewrite"]) for e in data["examples"]["flag"]),
        pass_examples=tuple(data["examples"]["pass"]),
        patterns=tuple(data.get("patterns", ())),
        attr=data.get("attr", "LOWER"),
        check=data.get("check"),
        highlight=tuple(data.get("highlight", ())),
        context_ignore=frozenset(context.get("ignore", ())),
        context_also=frozenset(context.get("also", ())),
        options=dict(data.get("options", {})),
        source=str(source),
        raw=data,
    )


def _reject_yaml_booleans(value: object, source: Path | str, where: str) -> None:
    """YAML 1.1 reads unquoted on/off/yes/no as booleans; inside a word list that is
    always a mistake, and spaCy's own error would not say which word it was."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, bool) and any(isinstance(v, str) for v in value):
                raise RuleError(
                    source, f"{where}.{index}", "a word read as a boolean; quote on/off/yes/no"
                )
            _reject_yaml_booleans(item, source, f"{where}.{index}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _reject_yaml_booleans(item, source, f"{where}.{key}")


# libyaml's loader, where PyYAML was built with it, reads the catalog about ten
# times faster than the pure-Python one: it is most of a no-parse run's start-up.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)


def load_rule_file(path: Path) -> Rule:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, "", f"cannot read rule file: {exc}") from exc
    except yaml.YAMLError as exc:
        raise RuleError(path, "", f"not valid YAML: {exc}") from exc
    rule = parse_rule(data, path)
    if path.stem != rule.name:
        raise RuleError(
            path, "name", f"file is named '{path.stem}' but the rule's name is '{rule.name}'"
        )
    return rule


def load_rules(folders: Sequence[Path] | None = None) -> list[Rule]:
    """Every rule under the given folders (default: the bundled catalog), sorted by id."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders if folders is not None else [bundled_rules_dir()]:
        for path in sorted(Path(folder).rglob("*.yaml")):
            if path.name.startswith("_"):
                continue  # shared data (context lexicons) lives beside the rules
            rule = load_rule_file(path)
            if rule.id in seen:
                raise RuleError(path, "id", f"id {rule.id} is already used by {seen[rule.id]}")
            seen[rule.id] = str(path)
            rules.append(rule)
    return sorted(rules, key=lambda r: r.id)


@cache
def default_rules() -> tuple[Rule, ...]:
    return tuple(load_rules())
