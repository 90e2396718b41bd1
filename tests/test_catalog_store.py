"""The stored catalog: what a run reads instead of the YAML is exactly what the
YAML gives, it follows every edit, and a damaged entry is never believed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from restorelint.catalog.load import bundled_rules_dir, checked_data
from restorelint.catalog.rules import load_rules, parse_rule
from restorelint.catalog.stored import Stored, schema_of


def test_the_stored_data_is_what_the_yaml_gives(tmp_path: Path) -> None:
    folder = bundled_rules_dir()
    filled = Stored(folder, tmp_path)
    filled.fill(checked_data)
    again = Stored(folder, tmp_path)
    assert again.path == filled.path and again.read()
    for path in again.files:
        found, data = again.get(path)
        assert found and data == checked_data(path, schema_of(path)), path
        if schema_of(path) == "rule":
            assert parse_rule(data, path, checked=True) == parse_rule(
                checked_data(path, "rule"), path
            )
    # each caller gets its own copy to keep or change
    first = again.files[0]
    assert again.get(first)[1] is not again.get(first)[1]


def test_bundled_rules_read_from_the_entry_equal_the_yaml(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from restorelint.catalog import stored

    monkeypatch.setenv(stored.ENV_DIR, str(tmp_path))
    stored.stored.cache_clear()
    try:
        from_yaml = load_rules()  # fills the entry
        stored.stored.cache_clear()
        assert list((tmp_path / "catalog").glob("*.json"))
        assert load_rules() == from_yaml  # read from it
    finally:
        stored.stored.cache_clear()


def test_an_edit_to_any_file_names_another_entry(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), folder)
    before = Stored(folder, tmp_path).path
    some = sorted(folder.rglob("*.yaml"))[3]
    some.write_text(some.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert Stored(folder, tmp_path).path != before


def test_a_damaged_or_incomplete_entry_is_not_believed(tmp_path: Path) -> None:
    folder = bundled_rules_dir()
    entry = Stored(folder, tmp_path)
    entry.fill(checked_data)
    payload = json.loads(entry.path.read_text(encoding="utf-8"))
    for damaged in (
        "{not json",
        json.dumps([1, 2]),
        json.dumps({**payload, "format": 99}),
        json.dumps({**payload, "files": dict(list(payload["files"].items())[1:])}),
        json.dumps({**payload, "files": {k: 1 for k in payload["files"]}}),
    ):
        entry.path.write_text(damaged, encoding="utf-8")
        assert not Stored(folder, tmp_path).read()


def test_a_process_that_writes_nothing_still_reads_an_entry(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from restorelint.catalog import stored

    folder = bundled_rules_dir()
    monkeypatch.setattr(stored, "_WRITE", [False])
    entry = Stored(folder, tmp_path)
    entry.fill(checked_data)
    assert entry.texts and not entry.path.exists()
    monkeypatch.setattr(stored, "_WRITE", [True])
    Stored(folder, tmp_path).fill(checked_data)
    monkeypatch.setattr(stored, "_WRITE", [False])
    assert Stored(folder, tmp_path).read()


def test_versions_in_the_keys_are_the_installed_ones() -> None:
    # read off dist-info folder names; must agree with importlib.metadata, or a
    # library upgrade would keep stale stored entries and cached results
    from importlib import metadata

    from restorelint.catalog.stored import installed_version

    for name in ("spacy", "PyYAML", "jsonschema", "typing-extensions", "restorelint"):
        assert installed_version(name) == metadata.version(name), name
    assert installed_version("no-such-distribution-here") == "-"
