"""Prefilter: skip the parse of text that no rule could match.

A segment (or a sentence of one) none of whose words meets a rule's anchors
(``match.anchors``) cannot produce a finding, so it is never parsed, and when
nothing needs a parse spaCy is never imported. Each token and dependency rule
also keeps its own anchors as a gate, so its matchers run only on docs that
hold them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from restorelint.catalog.rules import Rule
from restorelint.match.anchors import (
    GATED_KINDS,
    Relaxed,
    Requirement,
    Unfilterable,
    declared_pattern,
    declared_patterns,
    relaxed_patterns,
    rule_requirements,
    words,
)
from restorelint.match.check_scope import reads_whole_segment
from restorelint.match.gates import Gate, opens
from restorelint.match.spelled import SpelledMatcher
from restorelint.match.word_index import RestIndex, index_by_rarest, met_requirements


@dataclass(frozen=True)
class Prefilter:
    requirements: tuple[Requirement, ...]
    patterns: tuple[re.Pattern[str], ...]
    # the requirements of the checks that read a whole segment
    wide: tuple[Requirement, ...] = ()
    # a token or dependency rule's own requirements: the number (in
    # ``requirements``) of each of its patterns', in pattern order
    rule_gates: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # requirements that only token patterns make, by number: those patterns as
    # the tokenizer can match them (``anchors.relaxed_patterns``); a text whose
    # words meet only these needs one of them to match its tokens
    relaxed: dict[int, tuple[Relaxed, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "requirements": [[sorted(need) for need in r] for r in self.requirements],
            "patterns": [[p.pattern, p.flags] for p in self.patterns],
            "wide": [[sorted(need) for need in r] for r in self.wide],
            "gates": {rule: list(numbers) for rule, numbers in self.rule_gates.items()},
            "relaxed": {str(n): list(found) for n, found in self.relaxed.items()},
        }

    def gates(self) -> dict[str, tuple[Gate, ...]]:
        """Each gated rule's patterns' gates, in pattern order; patterns with one
        requirement share one gate (and so one matcher)."""
        made: dict[int, Gate] = {}
        return {
            rule: tuple(made.setdefault(n, Gate(self, n)) for n in numbers)
            for rule, numbers in self.rule_gates.items()
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Prefilter:
        """Read what ``to_json`` wrote; ValueError for anything of another shape."""
        requirements = data["requirements"]
        patterns = data["patterns"]
        wide = data["wide"]
        gates = data["gates"]
        relaxed = data["relaxed"]
        if not isinstance(relaxed, dict) or not all(
            isinstance(n, str)
            and n.isdigit()
            and int(n) < len(requirements)
            and isinstance(found, list)
            and all(
                isinstance(p, list) and p and all(isinstance(node, dict) for node in p)
                for p in found
            )
            for n, found in relaxed.items()
        ):
            raise ValueError("not a prefilter's relaxed patterns")
        if not all(isinstance(x, list) for x in (requirements, patterns, wide)):
            raise ValueError("not a prefilter")
        if not isinstance(gates, dict) or not all(
            isinstance(numbers, list)
            and all(type(n) is int and 0 <= n < len(requirements) for n in numbers)
            for numbers in gates.values()
        ):
            raise ValueError("not a prefilter's gates")
        for requirement in (*requirements, *wide):
            if (
                not isinstance(requirement, list)
                or not requirement
                or not all(
                    isinstance(need, list) and all(isinstance(w, str) for w in need)
                    for need in requirement
                )
            ):
                raise ValueError("not a prefilter requirement")
        if not all(
            isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and type(p[1]) is int
            for p in patterns
        ):
            raise ValueError("not a prefilter pattern")
        return cls(
            requirements=tuple(tuple(frozenset(n) for n in r) for r in requirements),
            patterns=tuple(re.compile(p, f) for p, f in patterns),
            wide=tuple(tuple(frozenset(n) for n in r) for r in wide),
            rule_gates={str(rule): tuple(numbers) for rule, numbers in gates.items()},
            relaxed={int(n): tuple(found) for n, found in relaxed.items()},
        )

    def trusted(self, rules: Sequence[Rule]) -> bool:
        """Could this (stored) prefilter be the one ``build(rules)`` makes? It must
        hold exactly the checks' own patterns and let through every rule's flagged
        examples (the deny rule: its words); a damaged or edited one does not."""
        declared = [(p.pattern, p.flags) for p in declared_patterns(rules)]
        if [(p.pattern, p.flags) for p in self.patterns] != declared:
            return False
        # a rule without a gate is matched on every doc: only a gate can hide a finding
        if not set(self.rule_gates) <= {r.id for r in rules if r.kind in GATED_KINDS}:
            return False
        own_gates = self.gates()
        for rule in rules:
            texts = _examples(rule)
            if not all(self.may_match(text, by_tokens=False) for text in texts):
                return False
            if reads_whole_segment(rule) and not all(self.needs_whole(t) for t in texts):
                return False
            gates = own_gates.get(rule.id)
            # a check's gates are its triggers' requirements, not one per pattern
            if gates is not None and (
                (rule.kind != "python" and len(gates) != len(rule.patterns))
                or not all(opens(gates, declared_pattern(rule), t) for t in texts)
            ):
                return False
        self.expect_trial(rules)
        return True

    def expect_trial(self, rules: Sequence[Rule]) -> None:
        """Try the relaxed patterns on the rules' examples when first used: they
        need the tokenizer, which a run with nothing to parse must not import."""
        object.__setattr__(self, "_unverified", [t for rule in rules for t in _examples(rule)])

    def may_match(
        self,
        text: str,
        by_tokens: bool = True,
        found: set[str] | None = None,
        tokens: Callable[[], Sequence[str]] | None = None,
    ) -> bool:
        """Could a rule match in this text? Without ``by_tokens``, its words decide
        alone (the reference the token check is measured against). ``found`` and
        ``tokens`` are the text's words and tokens when the caller has them."""
        found = words(text) if found is None else found
        spelled = []
        for number in sorted(self.met(found)):
            if not by_tokens or number not in self.relaxed:
                return True
            spelled.append(number)
        if any(p.search(text) for p in self.patterns):
            return True
        if not spelled:
            return False
        if tokens is None:
            return self.spelled_match(spelled, text=text)
        return self.spelled_match(spelled, tokens=tokens())

    def met(self, found: set[str]) -> set[int]:
        """The requirements these words meet."""
        return met_requirements(self._index(), found)

    def spelled_match(
        self,
        numbers: Sequence[int],
        text: str = "",
        tokens: Sequence[str] | None = None,
        present: set[str] | None = None,
    ) -> bool:
        """Could a relaxed pattern of these requirements match the text's tokens (or
        these tokens, already at hand)? True once the stored patterns failed a
        rule's own example: words alone decide then."""
        matcher = self.check_relaxed()
        if not self.relaxed:
            return True
        if tokens is None:
            return matcher.matches(text, numbers)
        return matcher.matches_tokens(tokens, present or set(tokens), numbers)

    def tokens_match(self, number: int, tokens: Sequence[str], present: set[str]) -> bool:
        """Could requirement ``number``'s relaxed patterns match these tokens?"""
        return self.spelled_match([number], tokens=tokens, present=present)

    def check_relaxed(self) -> SpelledMatcher:
        """The relaxed patterns' matcher; stored ones are first tried on the examples."""
        matcher = self.__dict__.get("_matcher")
        if matcher is None:
            matcher = SpelledMatcher(self.relaxed)
            object.__setattr__(self, "_matcher", matcher)
            unverified = self.__dict__.pop("_unverified", ())
            if not all(self.may_match(example) for example in unverified):
                object.__setattr__(self, "relaxed", {})
        return matcher

    @property
    def unchecked(self) -> bool:  # stored relaxed patterns not yet tried on the examples
        return "_unverified" in self.__dict__

    def _index(self) -> RestIndex:
        """Requirement numbers by the words of one of their sets: the parse planner
        asks about every sentence, and most words open no requirement."""
        index = self.__dict__.get("_by_word")
        if index is None:
            index = index_by_rarest(self.requirements)
            object.__setattr__(self, "_by_word", index)
        return index

    def needs_whole(self, text: str, found: set[str] | None = None) -> bool:
        """Could a check that reads the whole segment match in this text?"""
        if not self.wide:
            return False
        found = words(text) if found is None else found
        return any(all(not found.isdisjoint(need) for need in r) for r in self.wide)


def _examples(rule: Rule) -> list[str]:
    """What a rule must flag: its flag examples, or its listed phrases."""
    if rule.patterns_from is not None:
        return [str(p) for p in rule.patterns]
    return [e.text for e in rule.flag_examples]


def build(rules: Sequence[Rule]) -> Prefilter | None:
    """The prefilter for these rules, or None when some rule cannot be prefiltered."""
    requirements: set[Requirement] = set()
    wide: set[Requirement] = set()
    own: dict[str, list[Requirement]] = {}
    patterns: list[re.Pattern[str]] = []
    # per requirement, its token patterns relaxed; None once any other kind needs it
    spelled: dict[Requirement, list[Relaxed] | None] = {}
    try:
        for rule in rules:
            found, regexes = rule_requirements(rule)
            requirements.update(found)
            relaxed = relaxed_patterns(rule) or [None] * len(found)
            for requirement, pattern in zip(found, relaxed, strict=True):
                known = spelled.setdefault(requirement, [])
                if known is None or pattern is None:
                    spelled[requirement] = None
                else:
                    known.append(pattern)
            if reads_whole_segment(rule):
                wide.update(found)
            if rule.kind in GATED_KINDS and (found or (rule.kind == "python" and regexes)):
                # a check with a pattern and no words ("YOU BROKE IT", "!!!") is
                # gated by its pattern alone: run on every doc, the capitals
                # check cost 0.15 s of the speed corpus
                own[rule.id] = found
            patterns.extend(regexes)
    except Unfilterable:
        return None

    def cheapest_first(given: set[Requirement]) -> tuple[Requirement, ...]:
        # single-set requirements settle most segments
        return tuple(sorted(given, key=lambda r: (len(r), -len(r[0]))))

    ordered = cheapest_first(requirements)
    number = {requirement: n for n, requirement in enumerate(ordered)}
    rule_gates = {rule: tuple(number[r] for r in found) for rule, found in own.items()}
    relaxed = {number[r]: tuple(found) for r, found in spelled.items() if found and r in number}
    return Prefilter(ordered, tuple(patterns), cheapest_first(wide), rule_gates, relaxed)
