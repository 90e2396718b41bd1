"""The one loader for every data file: rules, context, rewrite and checklist data,
team rule folders. Each file is YAML checked against its own JSON Schema, and a
mistake is reported with the file and the field at fault."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

# PyYAML and jsonschema are imported where they run: the bundled catalog is
# usually read from its stored, already checked copy (catalog.stored).
# Aliases make YAML a graph: a few hundred bytes can stand for billions of
# nodes once something walks it. No honest data file comes near this.
MAX_NODES = 200_000
# Rule patterns are a few levels deep; the schema validator and the pattern
# compilers recurse, so deeper data is refused before they see it.
MAX_DEPTH = 32


class CatalogError(Exception):
    """A data file is unreadable or does not follow its schema."""

    def __init__(self, path: Path | str, field_path: str, problem: str) -> None:
        self.path = str(path)
        self.field_path = field_path
        self.problem = problem
        where = f" (field '{field_path}')" if field_path else ""
        super().__init__(f"{self.path}{where}: {problem}")


# A token-pattern key: the token must match but is not part of the highlight
# ("what were you thinking" + a next word that is not "about").
CONTEXT_ONLY = "CONTEXT_ONLY"


def bundled_rules_dir() -> Path:
    """The catalog shipped with the package (or the checkout's rules/ in development)."""
    installed = Path(str(resources.files("restorelint"))) / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent.parent / "rules"


def parse_yaml(text: str, source: Path | str) -> Any:
    import yaml

    # libyaml's loader, where PyYAML was built with it, reads the catalog about
    # ten times faster than the pure-Python one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise CatalogError(source, "", f"not valid YAML: {exc}") from exc
    except RecursionError as exc:
        raise CatalogError(source, "", f"nested too deeply (over {MAX_DEPTH} levels)") from exc
    _bounded(data, source)
    return data


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(path, "", f"cannot read: {exc}") from exc
    return parse_yaml(text, path)


def _bounded(data: Any, source: Path | str) -> None:
    """Walk the loaded data, counting every visit (a shared alias once per use), so
    nothing that later walks it (the schema, the cache key, spaCy) can be made to
    expand an alias bomb or recurse past the interpreter's stack."""
    budget = MAX_NODES
    stack = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise CatalogError(
                source, "", f"too large once its aliases are expanded (over {MAX_NODES} nodes)"
            )
        if depth > MAX_DEPTH:
            raise CatalogError(source, "", f"nested too deeply (over {MAX_DEPTH} levels)")
        if isinstance(item, dict):
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)


@cache
def schema(name: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    text = resources.files("restorelint.catalog").joinpath(f"schemas/{name}.schema.json")
    return jsonschema.Draft202012Validator(json.loads(text.read_text("utf-8")))


def field_path(error: jsonschema.ValidationError, prefix: str = "") -> str:
    parts = [prefix] if prefix else []
    parts += [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.message, str) and "'" in error.message:
        parts.append(error.message.split("'")[1])
    return ".".join(parts)


def validate(
    data: Any, validator: jsonschema.Draft202012Validator, source: Path | str, prefix: str = ""
) -> None:
    """Raise CatalogError for the first schema violation, naming its field."""
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        first = errors[0]
        raise CatalogError(source, field_path(first, prefix), first.message)
    reject_yaml_booleans(data, source, prefix)


def reject_yaml_booleans(value: object, source: Path | str, where: str) -> None:
    """YAML 1.1 reads unquoted on/off/yes/no as booleans; inside a word list that is
    always a mistake, and spaCy's own error would not say which word it was."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            here = f"{where}.{index}" if where else str(index)
            if isinstance(item, bool):
                raise CatalogError(source, here, "a word read as a boolean; quote on/off/yes/no")
            reject_yaml_booleans(item, source, here)
    elif isinstance(value, dict):
        for key, item in value.items():
            reject_yaml_booleans(item, source, f"{where}.{key}" if where else str(key))


def checked_data(path: Path, name: str) -> Any:
    """A data file read and checked against its schema (``name``)."""
    data = read_yaml(path)
    validate(data, schema(name), path)
    return data


def stored_data(path: Path) -> tuple[bool, Any]:
    """(True, the data) of a bundled file as checked on an earlier run, else (False, None)."""
    from restorelint.catalog.stored import stored

    folder = bundled_rules_dir()
    if not path.is_relative_to(folder):
        return False, None
    entry = stored(folder, checked_data)
    return entry.get(path) if entry is not None else (False, None)


def load_data_file(name: str, folder: Path | None = None) -> tuple[Any, Path]:
    """A shared data file (``_context.yaml`` …) read and checked against its schema."""
    path = (folder or bundled_rules_dir()) / f"_{name}.yaml"
    found, data = stored_data(path)
    return (data if found else checked_data(path, name)), path


def words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())
