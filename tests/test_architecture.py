"""The house rules of the code itself: small modules, no import cycles, no rule's
words written in Python, every rule explainable. (The layers contract is checked
by `lint-imports` in CI.)"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from restorelint.catalog.rules import catalog
from restorelint.cli import main

PACKAGE = ROOT / "restorelint"
MAX_LINES = 300
# Attributes of a spaCy token that hold its words.
WORD_ATTRS = frozenset({"lower_", "lemma_", "text", "orth_", "norm_"})


def _modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_is_over_300_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules(PACKAGE)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def _imports(path: Path, local: set[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in local)
        elif isinstance(node, ast.ImportFrom) and node.module in local and not node.level:
            found.add(node.module)
    return found


def test_the_benchmark_scripts_import_each_other_without_cycles() -> None:
    scripts = {p.stem: p for p in (ROOT / "benchmarks").glob("*.py")}
    graph = {name: _imports(path, set(scripts)) for name, path in scripts.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or reaches(n, goal, seen | {n}) for n in graph[start] - seen)

    cycles = [name for name in graph if reaches(name, name, set())]
    assert not cycles, {name: sorted(graph[name]) for name in cycles}


def _is_token_words(node: ast.expr) -> bool:
    """``token.lower_``, ``token.lemma_.lower()`` and the like."""
    lowered = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    if lowered and node.func.attr in ("lower", "casefold"):  # type: ignore[union-attr]
        node = node.func.value  # type: ignore[union-attr]
    return isinstance(node, ast.Attribute) and node.attr in WORD_ATTRS


def _literal_words(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if node.value[:1].isalpha() else []
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [w for e in node.elts for w in _literal_words(e)]
    return []


def test_no_word_a_rule_matches_on_is_written_in_python() -> None:
    """Word lists are data (``rules/``): comparing a token's words to a literal in code
    would be a rule nobody can read, configure or test from its file."""
    found = []
    for path in _modules(PACKAGE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and _is_token_words(node.left):
                for right in node.comparators:
                    if words := _literal_words(right):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {words}")
    assert not found, "\n".join(found)


def test_explain_works_for_every_rule_the_catalog_lists() -> None:
    cli = CliRunner()
    listed = json.loads(cli.invoke(main, ["rules", "--format", "json"]).output)
    ids = {r["id"] for r in listed}
    assert {r.id for r in catalog()} <= ids
    assert {"RL900", "RL901"} <= ids  # the deny-list and unused-suppression rules too
    for rule_id in sorted(ids):
        shown = cli.invoke(main, ["explain", rule_id])
        assert shown.exit_code == 0, (rule_id, shown.output)
        assert shown.stdout.startswith(f"{rule_id} "), rule_id  # plain text into a pipe
        assert "Why it reads as punitive." in shown.stdout, rule_id
