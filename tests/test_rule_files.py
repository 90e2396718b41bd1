"""The rule catalog as data: valid, complete, documented, and loud when broken."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from restorelint.catalog.docs import catalog_markdown
from restorelint.catalog.load import CatalogError
from restorelint.catalog.rules import default_rules, load_rule_file, load_rules
from restorelint.match.compiled import CompiledRules
from restorelint.records import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
GOOD_RULE = """\
id: TM001
name: team-word
category: harsh
severity: warning
message: "“{text}” is a word our team avoids."
why: It reads as contempt.
kind: phrase
patterns: [dumpster fire]
suggest: {text: Say what is wrong with it., applicability: display-only}
examples:
  flag: [{text: This PR is a dumpster fire., rewrite: This PR needs tests before it can merge.}]
  pass: [The dumpster behind the office is emptied at night.]
"""


def test_catalog_covers_every_category_the_mission_names() -> None:
    categories = {r.category for r in default_rules()}
    for needed in ("blame", "judgment", "shaming", "threat", "harsh", "condescension", "absolute"):
        assert needed in categories
    assert categories <= set(CATEGORIES)
    assert len(default_rules()) >= 12


def test_every_rule_has_flag_and_pass_examples_and_a_reason() -> None:
    for rule in default_rules():
        assert rule.flag_examples and rule.pass_examples, rule.id
        assert len(rule.why) > 40, rule.id
        assert all(e.rewrite.strip() for e in rule.flag_examples), rule.id


def test_all_patterns_compile_against_spacy_schemas() -> None:
    CompiledRules(list(default_rules()), spacy.blank("en"))


def test_generated_docs_are_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == catalog_markdown(), (
        "run: python -m restorelint.catalog.docs > docs/rules.md"
    )


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_team_rule_loads(tmp_path: Path) -> None:
    _write(tmp_path, "team-word", GOOD_RULE)
    (rule,) = load_rules([tmp_path])
    assert rule.id == "TM001" and rule.kind == "phrase"


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda t: t.replace("severity: warning\n", ""), "severity"),
        (lambda t: t.replace("severity: warning", "severity: fatal"), "severity"),
        (lambda t: t.replace("category: harsh", "category: rude"), "category"),
        (lambda t: t.replace("kind: phrase", "kind: regex"), "kind"),
        (
            lambda t: t.replace(
                "  pass: [The dumpster behind the office is emptied at night.]\n", ""
            ),
            "examples",
        ),
    ],
)
def test_a_broken_rule_names_the_file_and_field(tmp_path: Path, edit, field: str) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "team-word", edit(GOOD_RULE))
    with pytest.raises(CatalogError) as info:
        load_rule_file(path)
    assert info.value.path == str(path)
    assert info.value.field_path.startswith(field)
    assert str(path) in str(info.value)


def test_unquoted_yaml_boolean_in_a_word_list_is_reported(tmp_path: Path) -> None:
    text = GOOD_RULE.replace(
        "kind: phrase\npatterns: [dumpster fire]",
        "kind: token\npatterns: [[{LOWER: {IN: [in, on]}}]]",
    )
    with pytest.raises(CatalogError) as info:
        load_rule_file(_write(tmp_path, "team-word", text))
    assert info.value.field_path == "patterns.0.0.LOWER.IN.1"
    assert "quote" in info.value.problem


def test_invalid_yaml_is_reported_with_the_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not valid YAML"):
        load_rule_file(_write(tmp_path, "team-word", "id: [unclosed\n"))


def test_invalid_spacy_pattern_is_reported_with_the_file(tmp_path: Path) -> None:
    text = GOOD_RULE.replace(
        "kind: phrase\npatterns: [dumpster fire]", "kind: token\npatterns: [[{LOWR: dumpster}]]"
    )
    rule = load_rule_file(_write(tmp_path, "team-word", text))
    with pytest.raises(CatalogError) as info:
        CompiledRules([rule], spacy.blank("en"))
    assert info.value.field_path == "patterns" and "team-word.yaml" in str(info.value)


def test_file_name_must_match_rule_name(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="file is named"):
        load_rule_file(_write(tmp_path, "other-name", GOOD_RULE))


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    _write(tmp_path, "team-word", GOOD_RULE)
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "team-word2", GOOD_RULE.replace("name: team-word", "name: team-word2"))
    with pytest.raises(CatalogError, match="already used"):
        load_rules([tmp_path])


def test_python_checks_must_be_built_in(tmp_path: Path) -> None:
    text = GOOD_RULE.replace(
        "kind: phrase\npatterns: [dumpster fire]", "kind: python\ncheck: os_system"
    )
    rule = load_rule_file(_write(tmp_path, "team-word", text))
    with pytest.raises(CatalogError, match="no built-in check"):
        CompiledRules([rule], spacy.blank("en"))
