"""The prefilter may only skip work, never change a result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from restorelint.catalog.rules import default_rules
from restorelint.match.prefilter import build
from restorelint.records import Source
from restorelint.run.pipeline import Pipeline


def _corpus_and_examples() -> list[Source]:
    sources = [
        Source(f"{path.name}:{n}", json.loads(line)["text"])
        for path in sorted((ROOT / "data" / "feedback").glob("legacy-*.jsonl"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
    ]
    for rule in default_rules():
        sources += [Source(f"{rule.id} flag", e.text) for e in rule.flag_examples]
        sources += [Source(f"{rule.id} pass", t) for t in rule.pass_examples]
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".txt", ".html", ".j2", ".hbs", ".liquid"):
            sources.append(Source(str(path), path.read_text(encoding="utf-8")))
    return sources


def test_prefilter_changes_no_finding(linter: Pipeline) -> None:
    sources = _corpus_and_examples()
    unfiltered = Pipeline(linter.rules, nlp=linter.nlp, prefilter=False)
    filtered = Pipeline(linter.rules, nlp=linter.nlp, prefilter=True)
    assert filtered.engine.prefilter is not None, "every rule should have a spelled-out anchor"
    assert filtered.lint(sources).findings == unfiltered.lint(sources).findings


def test_prefilter_skips_plain_technical_text() -> None:
    prefilter = build(default_rules())
    assert prefilter is not None
    assert not prefilter.may_match("Bumped the lockfile and regenerated the fixtures.")
    assert prefilter.may_match("You failed to update the docs.")
    assert prefilter.may_match("THIS IS NOT OK")
    assert prefilter.may_match("Why is this still open???")
    assert prefilter.may_match("It's your fault.")


def test_nothing_to_match_never_imports_spacy(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Bumped the lockfile and regenerated the fixtures.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from restorelint.cli import main\n"
        "try:\n"
        f"    main(['check', '--no-cache', {str(note)!r}])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_stored_gate_that_would_hide_a_rule_is_not_trusted() -> None:
    from restorelint.match.anchors import words
    from restorelint.match.prefilter import Prefilter
    from restorelint.run.engine import Engine

    rules = Engine(list(default_rules())).rules  # what the engine prefilters
    built = build(rules)
    assert built is not None
    rule = next(r for r in rules if r.id in built.rule_gates)
    stored = built.to_json()
    assert Prefilter.from_json(stored).trusted(rules)
    # point the rule's gate at a requirement none of its own examples meets
    examples = [e.text for e in rule.flag_examples]
    blind = next(
        n
        for n, requirement in enumerate(built.requirements)
        if not any(all(not words(t).isdisjoint(need) for need in requirement) for t in examples)
    )
    stored["gates"][rule.id] = [blind] * len(rule.patterns)
    assert not Prefilter.from_json(stored).trusted(rules)
    stored["gates"][rule.id] = list(built.rule_gates[rule.id][:-1])  # a pattern without a gate
    assert not Prefilter.from_json(stored).trusted(rules)
    stored["gates"]["RL999"] = stored["gates"].pop(rule.id)  # a gate for no rule
    assert not Prefilter.from_json(stored).trusted(rules)


def test_a_stored_gate_that_would_hide_a_python_check_is_not_trusted() -> None:
    """Checks are gated too (run only on docs with their triggers): a stored gate
    that none of the check's own examples opens is not used."""
    from restorelint.match.anchors import words
    from restorelint.match.prefilter import Prefilter
    from restorelint.run.engine import Engine

    rules = Engine(list(default_rules())).rules
    built = build(rules)
    assert built is not None
    checks = {r.id: r for r in rules if r.kind == "python" and r.id in built.rule_gates}
    assert {"RL112", "RL125"} <= set(checks), "person_trait and shown_fault are gated"
    rule = checks["RL112"]
    examples = [e.text for e in rule.flag_examples]
    blind = next(
        n
        for n, requirement in enumerate(built.requirements)
        if not any(all(not words(t).isdisjoint(need) for need in requirement) for t in examples)
    )
    stored = built.to_json()
    assert Prefilter.from_json(stored).trusted(rules)
    stored["gates"][rule.id] = [blind]
    assert not Prefilter.from_json(stored).trusted(rules)


def test_words_in_the_wrong_order_are_not_parsed() -> None:
    """The words of "this is on you" scattered through a sentence meet the word
    sets, not the token pattern: such a sentence is not parsed."""
    prefilter = build(default_rules())
    assert prefilter is not None
    scattered = "Is the release on Friday still good for you?"
    assert prefilter.may_match(scattered, by_tokens=False)
    assert not prefilter.may_match(scattered)
    assert prefilter.may_match("Honestly, this one is on you.")
    assert prefilter.may_match("Honestly, this one’s on you.")  # the other apostrophe


def test_stored_relaxed_patterns_that_hide_an_example_are_not_used() -> None:
    from restorelint.match.prefilter import Prefilter
    from restorelint.run.engine import Engine

    rules = Engine(list(default_rules())).rules
    built = build(rules)
    assert built is not None
    stored = built.to_json()
    stored["relaxed"] = {n: [[{"LOWER": {"IN": ["zzzz"]}}]] for n in stored["relaxed"]}
    damaged = Prefilter.from_json(stored)
    # the words check passes; the patterns are tried on the examples when first used
    assert damaged.trusted(rules)
    assert damaged.may_match("Honestly, this one is on you.")
    assert damaged.may_match("Is the release on Friday still good for you?")
    assert not damaged.relaxed  # dropped: words alone decide


def test_a_stored_prefilter_is_tried_once_and_an_edited_one_again(tmp_path: Path) -> None:
    """A start pays for checking a stored prefilter against the rules' examples
    (by words, and with the tokenizer for its relaxed patterns); the cache
    remembers what this very entry passed, and an entry edited since is
    checked again, and fails."""
    from restorelint.match.prefilter import Prefilter
    from restorelint.run import guard
    from restorelint.run.cache import Cache
    from restorelint.run.engine import Engine

    cache = Cache(tmp_path)
    rules = Engine(list(default_rules())).rules
    built = build(rules)
    assert built is not None
    stored = built.to_json()

    def load(entry: object) -> Prefilter | None:
        # the stamp the engine gives: the rules' fingerprint and the entry's text
        return guard.cached_prefilter(rules, entry, cache, "rules" + json.dumps(entry))

    first = load(stored)
    assert first is not None and first.unchecked  # nothing remembered yet
    assert first.may_match("Honestly, this one is on you.")  # the trial, on first use
    guard.note_checked(first, cache)
    again = load(stored)
    assert again is not None and not again.unchecked  # the next start skips both checks
    # remembered for these rules only
    other = guard.cached_prefilter(rules, stored, cache, "other rules" + json.dumps(stored))
    assert other is not None and other.unchecked

    blinded = dict(stored, relaxed={n: [[{"LOWER": {"IN": ["zzzz"]}}]] for n in stored["relaxed"]})
    edited = load(blinded)
    assert edited is not None and edited.unchecked
    assert edited.may_match("Is the release on Friday still good for you?")  # words decide
    guard.note_checked(edited, cache)
    retried = load(blinded)
    assert retried is not None and retried.unchecked  # a failed trial is not remembered

    rule = next(r for r in rules if r.id in built.rule_gates)
    stored["gates"] = dict(stored["gates"])
    stored["gates"]["RL999"] = stored["gates"].pop(rule.id)  # a gate for no rule
    assert load(stored) is None
