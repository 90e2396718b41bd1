"""Rule definitions: the YAML files in ``rules/``, validated, as Rule records."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from restorelint.catalog.intensifiers import widen
from restorelint.catalog.lexicon import load_lexicon
from restorelint.catalog.load import (
    CatalogError,
    bundled_rules_dir,
    read_yaml,
    schema,
    stored_data,
    validate,
)
from restorelint.catalog.possessives import with_named_owners
from restorelint.catalog.untrusted import MAX_RULE_BYTES, MAX_TEAM_RULES, vet_rule_data
from restorelint.records import ALL_CATEGORIES

# A rule of this kind is not matched in the text: a later stage makes its
# findings (the unused-suppression rule); the file is its docs and examples.
STAGE_KIND = "stage"


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
    # the patterns as written (or a deny list's phrases); ``patterns`` as matched
    written_patterns: tuple[Any, ...] = field(default=(), compare=False)
    attr: str = "LOWER"
    check: str | None = None
    highlight: tuple[str, ...] = ()
    context_ignore: frozenset[str] = frozenset()
    context_also: frozenset[str] = frozenset()
    # Only these context filters apply (None: the categories' defaults).
    context_only: frozenset[str] | None = None
    options: dict[str, Any] = field(default_factory=dict, compare=False)
    replacement: str | None = None
    # How its findings are rewritten: shapes from rules/_rewrite.yaml, tried in
    # order (suggest.shape), and the words they use here (suggest.params).
    shapes: tuple[str, ...] = ()
    suggest_params: dict[str, Any] = field(default_factory=dict, compare=False)
    # The setting whose words are this rule's phrases (the deny list).
    patterns_from: str | None = None
    # Settings the examples are run under (a deny list to try the deny rule on).
    example_config: dict[str, Any] = field(default_factory=dict, compare=False)
    source: str = ""

    @cached_property
    def patterns(self) -> tuple[Any, ...]:
        """The patterns as matched: a token pattern also takes an intensifier
        between its words and, in an anyone's slot, a name's possessive. Made
        when first asked for, which a start that parses nothing never does."""
        if self.kind != "token":
            return self.written_patterns
        lexicon = load_lexicon()
        named = with_named_owners(self.written_patterns, lexicon.possessives)
        return tuple(widen(pattern, lexicon.intensifiers) for pattern in named)

    def with_patterns(self, patterns: Sequence[Any]) -> Rule:
        return replace(self, written_patterns=tuple(patterns))


# A team rule that names no shape is rewritten by inviting a conversation about
# what its sentence is about; every built-in rule names its own (a test checks).
DEFAULT_SHAPE = "talk-about"


def _shapes(value: str | list[str], source: Path | str) -> tuple[str, ...]:
    from restorelint.catalog.rewrite import load_rewrite_data

    names = (value,) if isinstance(value, str) else tuple(value)
    known = load_rewrite_data().shapes
    for name in names:
        if name not in known:
            raise CatalogError(
                source,
                "suggest.shape",
                f"'{name}' is not one of {sorted(known)} (rules/_rewrite.yaml)",
            )
    return names


def parse_rule(data: object, source: Path | str, checked: bool = False) -> Rule:
    """Validate one rule's data (unless ``checked`` against the schema already) and
    build the Rule; raise CatalogError naming the field."""
    if not isinstance(data, dict):
        raise CatalogError(source, "", "a rule file must hold one mapping (id, name, ...)")
    if not checked:
        validate(data, schema("rule"), source)
    if data["category"] not in ALL_CATEGORIES:
        raise CatalogError(
            source, "category", f"'{data['category']}' is not one of {list(ALL_CATEGORIES)}"
        )
    suggest = data["suggest"]
    context = data.get("context", {})
    examples = data["examples"]
    only = context.get("only")
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
        shapes=_shapes(suggest.get("shape", DEFAULT_SHAPE), source),
        suggest_params=dict(suggest.get("params", {})),
        flag_examples=tuple(Example(e["text"], e["rewrite"]) for e in examples["flag"]),
        pass_examples=tuple(examples["pass"]),
        written_patterns=tuple(data.get("patterns", ())),
        attr=data.get("attr", "LOWER"),
        check=data.get("check"),
        highlight=tuple(data.get("highlight", ())),
        context_ignore=frozenset(context.get("ignore", ())),
        context_also=frozenset(context.get("also", ())),
        context_only=frozenset(only) if only is not None else None,
        options=dict(data.get("options", {})),
        patterns_from=data.get("patterns_from"),
        example_config=dict(examples.get("config", {})),
        source=str(source),
    )


def load_rule_file(path: Path, untrusted: bool = False) -> Rule:
    if untrusted:
        _check_size(path)
    found, data = (False, None) if untrusted else stored_data(path)
    if not found:
        data = read_yaml(path)
    rule = parse_rule(data, path, checked=found)
    if untrusted:
        vet_rule_data(data, str(path))
    if path.stem != rule.name:
        raise CatalogError(
            path, "name", f"file is named '{path.stem}' but the rule's name is '{rule.name}'"
        )
    return rule


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CatalogError(path, "", f"cannot read: {exc.strerror or exc}") from exc
    if size > MAX_RULE_BYTES:
        raise CatalogError(path, "", f"{size} bytes; a team rule file is at most {MAX_RULE_BYTES}")


def rule_files(folder: Path) -> list[Path]:
    """The ``*.yaml`` files under ``folder``, found without recursion or symbolic links
    to folders (a team rule folder is someone else's input)."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            raise CatalogError(current, "", f"cannot list: {exc.strerror or exc}") from exc
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.endswith(".yaml") and not entry.name.startswith("_"):
                found.append(Path(entry.path))  # shared data (_context.yaml) is not a rule
    return sorted(found)


def load_rules(folders: Sequence[Path] | None = None, untrusted: bool = False) -> list[Rule]:
    """Every rule under the given folders (default: the bundled catalog), sorted by id.
    ``untrusted`` (team folders) also holds them to ``catalog.untrusted``'s bounds."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders if folders is not None else [bundled_rules_dir()]:
        paths = rule_files(Path(folder))
        if untrusted and len(paths) > MAX_TEAM_RULES:
            raise CatalogError(
                folder, "", f"{len(paths)} rule files; a team folder holds at most {MAX_TEAM_RULES}"
            )
        for path in paths:
            rule = load_rule_file(path, untrusted)
            if rule.id in seen:
                raise CatalogError(path, "id", f"id {rule.id} is already used by {seen[rule.id]}")
            seen[rule.id] = str(path)
            rules.append(rule)
    return sorted(rules, key=lambda r: r.id)


@cache
def catalog() -> tuple[Rule, ...]:
    """Every bundled rule, including those a later stage or a setting feeds."""
    return tuple(load_rules())


def default_rules() -> tuple[Rule, ...]:
    """The bundled rules that match text on their own (no setting needed)."""
    return tuple(r for r in catalog() if r.kind != STAGE_KIND and r.patterns_from is None)


def rule_by_id(rule_id: str) -> Rule:
    for rule in catalog():
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)
