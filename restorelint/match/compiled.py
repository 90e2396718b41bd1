"""Match: compile patterns into one Matcher, one PhraseMatcher per attribute and one
DependencyMatcher, run them once per parsed doc, and return raw matches.

:class:`Patterns` is the one compiler of pattern data; the rules
(:class:`CompiledRules`) and the restorative checklist's detectors both use it,
so a pattern means the same thing wherever it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from re import Pattern
from typing import TYPE_CHECKING, Any, Generic, Protocol

from restorelint.catalog.load import CONTEXT_ONLY, CatalogError, bundled_rules_dir
from restorelint.catalog.rules import Rule
from restorelint.match.anchors import declared_pattern
from restorelint.match.check_modules import Check, load_check
from restorelint.match.check_scope import vetoed_anywhere
from restorelint.match.matches import Label, Match, RawMatch, longest_per_rule
from restorelint.match.word_index import (
    Requirement,
    RestIndex,
    index_by_rarest,
    met_requirements,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PHRASE_ATTRS = ("LOWER", "LEMMA", "ORTH", "NORM")


def _detail(exc: BaseException) -> str:
    """spaCy's schema errors list the offending pattern parts as "- [...]" lines."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = [line for line in lines if line.startswith("- [")]
    return "; ".join(detail or lines[:1]) or type(exc).__name__


class Patterns(Generic[Label]):
    """Pattern data of any owner, compiled for one pipeline."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

        self.nlp = nlp
        self.token = Matcher(nlp.vocab, validate=True)
        self.phrase = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in PHRASE_ATTRS}
        self.dependency = DependencyMatcher(nlp.vocab, validate=True)
        self.checks: list[tuple[Label, Check, Mapping[str, Any]]] = []
        self._labels: dict[int, Label] = {}
        self._hidden: dict[int, set[int]] = {}
        self._shown_nodes: dict[int, list[bool]] = {}
        self._count = 0

    def _key(self, label: Label) -> tuple[str, int]:
        self._count += 1
        name = f"pattern#{self._count}"
        key = self.nlp.vocab.strings.add(name)
        self._labels[key] = label
        return name, key

    def add_token(
        self,
        label: Label,
        patterns: Sequence[Any],
        where: tuple[str, str],
        greedy: str | None = "LONGEST",
    ) -> None:
        # One key per pattern, so a match's alignment says which of its tokens
        # are context only (CONTEXT_ONLY: matched, not highlighted).
        for pattern in patterns:
            name, key = self._key(label)
            nodes = [{k: v for k, v in node.items() if k != CONTEXT_ONLY} for node in pattern]
            hidden = {i for i, node in enumerate(pattern) if node.get(CONTEXT_ONLY)}
            if hidden:
                self._hidden[key] = hidden
            self._guard(where, lambda n=name, p=nodes: self.token.add(n, [p], greedy=greedy))

    def add_phrase(
        self, label: Label, phrases: Sequence[str], attr: str, where: tuple[str, str]
    ) -> None:
        texts = [str(p) for p in phrases]
        if attr == "LEMMA":
            docs = list(self.nlp.pipe(texts))
        else:
            docs = [self.nlp.make_doc(t) for t in texts]
        name, _ = self._key(label)
        self._guard(where, lambda: self.phrase[attr].add(name, docs))

    def add_dependency(
        self,
        label: Label,
        patterns: Sequence[Any],
        highlight: Sequence[str],
        where: tuple[str, str],
    ) -> None:
        # Each pattern gets its own key, so a match says which node names it came from.
        for pattern in patterns:
            name, key = self._key(label)
            self._shown_nodes[key] = [
                not highlight or node["RIGHT_ID"] in highlight for node in pattern
            ]
            self._guard(where, lambda p=pattern, n=name: self.dependency.add(n, [list(p)]))

    def add_check(self, label: Label, check: Check, options: Mapping[str, Any]) -> None:
        self.checks.append((label, check, options))

    @staticmethod
    def _guard(where: tuple[str, str], add: Callable[[], None]) -> None:
        try:
            add()
        except CatalogError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise CatalogError(where[0], where[1], _detail(exc)) from exc

    def find(self, doc: Doc) -> list[Match[Label]]:
        found: list[Match[Label]] = []
        if len(self.token):
            for key, start, _end, aligned in self.token(doc, with_alignments=True):
                hidden = self._hidden.get(key, set())
                shown = [start + k for k, node in enumerate(aligned) if node not in hidden]
                shown = shown or [start]
                found.append(Match(self._labels[key], min(shown), max(shown) + 1, tuple(shown)))
        for phrase in self.phrase.values():
            if len(phrase):
                for key, start, end in phrase(doc):
                    found.append(Match(self._labels[key], start, end, tuple(range(start, end))))
        if len(self.dependency):
            for key, token_ids in self.dependency(doc):
                marks = self._shown_nodes[key]
                shown = [t for t, show in zip(token_ids, marks, strict=True) if show] or token_ids
                found.append(Match(self._labels[key], min(shown), max(shown) + 1, tuple(token_ids)))
        for label, check, options in self.checks:
            found.extend(check_matches(label, check, options, doc))
        return found


def check_matches(
    label: Label, check: Check, options: Mapping[str, Any], doc: Doc
) -> Iterator[Match[Label]]:
    """A python check's spans as matches of ``label``."""
    for start, end in check(doc, options):
        yield Match(label, start, end, tuple(range(start, end)))


class Gate(Protocol):
    @property
    def requirement(self) -> Requirement: ...

    def spelled(self, tokens: Sequence[str], present: set[str]) -> bool: ...


class CompiledRules:
    """Every rule compiled into matchers: the rules without gates share one set; a
    token or dependency rule with gates (its patterns' own prefilters) gets a
    matcher per gate, run only on docs whose words and tokens open it. The
    Matcher tries every pattern at every token, so running all patterns on every
    doc cost more than the parse."""

    def __init__(
        self,
        rules: Sequence[Rule],
        nlp: Language,
        gates: Mapping[str, Sequence[Gate]] | None = None,
        words: Callable[[str], set[str]] | None = None,
    ) -> None:
        self.nlp = nlp
        self.patterns: Patterns[Rule] = Patterns(nlp)
        # a gate, its rule and patterns, and their matchers once first opened:
        # a short run opens few gates, and compiling all 253 cost about 0.1 s
        self.gated: list[tuple[Gate, Rule, list[Any], list[Patterns[Rule]]]] = []
        self.words = words
        # the distinct gates (rules share them), by number; each gated entry's
        # and each check's gate numbers
        self._gates: list[Gate] = []
        self._numbers: dict[int, int] = {}
        self._entry_gate: list[int] = []
        self._index: RestIndex | None = None
        self._by_gate: dict[int, list[int]] | None = None
        # each python check with its gates and its own pattern: the checks read
        # every token, and run on every doc they cost more than all the matchers
        self.gated_checks: list[tuple[tuple[int, ...], Pattern | None, Rule, Check]] = []
        # the rules whose finding the rest of a paragraph can veto: a stretch's
        # finding of theirs is judged again on the whole paragraph
        self.vetoed_anywhere = frozenset(r.id for r in rules if vetoed_anywhere(r))
        for rule in rules:
            own = (gates or {}).get(rule.id) if words is not None else None
            if own is not None and rule.kind == "python":
                check = load_check(rule.check or "", rule.source)
                numbers = tuple(self._gate_number(g) for g in own)
                self.gated_checks.append((numbers, declared_pattern(rule), rule, check))
            elif own is not None and rule.kind in ("token", "dependency"):
                # patterns that share a requirement share a gate and a matcher
                by_gate: dict[int, list[Any]] = {}
                for gate, pattern in zip(own, rule.patterns, strict=True):
                    by_gate.setdefault(id(gate), [gate]).append(pattern)
                for gate, *patterns in by_gate.values():
                    self.gated.append((gate, rule, patterns, []))
                    self._entry_gate.append(self._gate_number(gate))
                    if not _bundled(rule):
                        # a team rule's pattern mistakes are reported before any text is read
                        self._compiled(self.gated[-1])
            else:
                _add(self.patterns, rule, rule.patterns)

    def _compiled(
        self, entry: tuple[Gate, Rule, list[Any], list[Patterns[Rule]]]
    ) -> Patterns[Rule]:
        _gate, rule, patterns, made = entry
        if not made:
            compiled: Patterns[Rule] = Patterns(self.nlp)
            _add(compiled, rule, patterns)
            made.append(compiled)
        return made[0]

    def _entries_by_gate(self) -> dict[int, list[int]]:
        if self._by_gate is None:
            self._by_gate = {}
            for number, gate in enumerate(self._entry_gate):
                self._by_gate.setdefault(gate, []).append(number)
        return self._by_gate

    def _gate_number(self, gate: Gate) -> int:
        if id(gate) not in self._numbers:
            self._numbers[id(gate)] = len(self._gates)
            self._gates.append(gate)
        return self._numbers[id(gate)]

    def find(self, doc: Doc) -> list[RawMatch]:
        found = self.patterns.find(doc)
        if (self.gated or self.gated_checks) and self.words is not None:
            if self._index is None:
                self._index = index_by_rarest([g.requirement for g in self._gates])
            # the gates whose words the doc meets, found once for every rule
            met = met_requirements(self._index, self.words(doc.text))
            tokens = [t.lower_ for t in doc]
            present = set(tokens)
            opened: dict[int, bool] = {}  # rules that share a gate share its verdict

            def opens(number: int) -> bool:
                if number not in met:
                    return False
                if number not in opened:
                    opened[number] = self._gates[number].spelled(tokens, present)
                return opened[number]

            entries = self._entries_by_gate()
            for number in sorted(n for gate in met for n in entries.get(gate, ())):
                if opens(self._entry_gate[number]):
                    found.extend(self._compiled(self.gated[number]).find(doc))
            for own, pattern, rule, check in self.gated_checks:
                if any(map(opens, own)) or (pattern is not None and pattern.search(doc.text)):
                    found.extend(check_matches(rule, check, rule.options, doc))
        return list(longest_per_rule(found))


def _bundled(rule: Rule) -> bool:
    """A rule of the shipped catalog, whose patterns every test run compiles."""
    return Path(rule.source).parent.parent == _catalog_dir()


@cache
def _catalog_dir() -> Path:
    return bundled_rules_dir()


def _add(patterns: Patterns[Rule], rule: Rule, own: Sequence[Any]) -> None:
    where = (rule.source, "patterns")
    if rule.kind == "token":
        patterns.add_token(rule, own, where)
    elif rule.kind == "phrase":
        patterns.add_phrase(rule, own, rule.attr, where)
    elif rule.kind == "dependency":
        patterns.add_dependency(rule, own, rule.highlight, where)
    elif rule.kind == "python":
        assert rule.check is not None  # guaranteed by the schema
        patterns.add_check(rule, load_check(rule.check, rule.source), rule.options)
