"""Match: compile every rule into one Matcher, one PhraseMatcher and one
DependencyMatcher, run them once per parsed segment, and return raw matches."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from restorelint.rules import Rule, RuleError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# A python-kind check yields token spans [start, end) that it flags; it gets
# the rule's `options` mapping so word lists stay in the rule file.
Check = Callable[["Doc", Mapping[str, Any]], Iterable[tuple[int, int]]]


# A token-pattern key: the token must match but is not part of the highlight
# ("what were you thinking" + a next word that is not "about").
CONTEXT_ONLY = "CONTEXT_ONLY"


@dataclass(frozen=True)
class RawMatch:
    """Tokens a rule matched: ``start``/``end`` bound the highlight, ``tokens``
    are the words the rule's pattern named (what context filters look at)."""

    rule: Rule
    start: int
    end: int
    tokens: tuple[int, ...]


def load_check(name: str, source: str = "") -> Check:
    """Python checks live in restorelint.checks; team rule files may only name those,
    so a rule file can never run code of its own."""
    try:
        module = importlib.import_module(f"restorelint.checks.{name}")
    except ModuleNotFoundError as exc:
        raise RuleError(source, "check", f"no built-in check named '{name}'") from exc
    return module.check


class CompiledRules:
    def __init__(self, rules: Sequence[Rule], nlp: Language) -> None:
        from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

        self.by_key: dict[int, Rule] = {}
        self.token = Matcher(nlp.vocab, validate=True)
        self.phrase = {
            attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LOWER", "LEMMA", "ORTH", "NORM")
        }
        self.dependency = DependencyMatcher(nlp.vocab, validate=True)
        self.checks: list[tuple[Rule, Check]] = []
        # Each dependency pattern gets its own key, so a match says which
        # pattern (and so which node names) it came from.
        self.node_names: dict[int, list[str]] = {}
        self.hidden: dict[int, set[int]] = {}
        for rule in rules:
            key = nlp.vocab.strings.add(rule.id)
            self.by_key[key] = rule
            try:
                self._add(rule, key, nlp)
            except RuleError:
                raise
            except (ValueError, KeyError, TypeError) as exc:
                raise RuleError(rule.source, "patterns", _first_line(exc)) from exc

    def _add(self, rule: Rule, key: int, nlp: Language) -> None:
        if rule.kind == "token":
            # One key per pattern, so a match's alignment says which of its
            # tokens are context only (CONTEXT_ONLY: matched, not highlighted).
            for index, pattern in enumerate(rule.patterns):
                name = f"{rule.id}#{index}"
                pattern_key = nlp.vocab.strings.add(name)
                self.by_key[pattern_key] = rule
                nodes = [{k: v for k, v in node.items() if k != CONTEXT_ONLY} for node in pattern]
                hidden = {i for i, node in enumerate(pattern) if node.get(CONTEXT_ONLY)}
                if hidden:
                    self.hidden[pattern_key] = hidden
                self.token.add(name, [nodes], greedy="LONGEST")
        elif rule.kind == "phrase":
            texts = [str(p) for p in rule.patterns]
            docs = (
                list(nlp.pipe(texts)) if rule.attr == "LEMMA" else [nlp.make_doc(t) for t in texts]
            )
            self.phrase[rule.attr].add(rule.id, docs)
        elif rule.kind == "dependency":
            for index, pattern in enumerate(rule.patterns):
                pattern_key = nlp.vocab.strings.add(f"{rule.id}#{index}")
                self.by_key[pattern_key] = rule
                self.dependency.add(f"{rule.id}#{index}", [list(pattern)])
                self.node_names[pattern_key] = [node["RIGHT_ID"] for node in pattern]
        else:
            assert rule.check is not None  # guaranteed by the schema
            self.checks.append((rule, load_check(rule.check, rule.source)))

    def find(self, doc: Doc) -> list[RawMatch]:
        matches: list[RawMatch] = []
        for key, start, _end, aligned in (
            self.token(doc, with_alignments=True) if len(self.token) else ()
        ):
            hidden = self.hidden.get(key, set())
            shown = [start + k for k, node in enumerate(aligned) if node not in hidden] or [start]
            matches.append(RawMatch(self.by_key[key], min(shown), max(shown) + 1, tuple(shown)))
        for phrase in self.phrase.values():
            if len(phrase):
                for key, start, end in phrase(doc):
                    matches.append(RawMatch(self.by_key[key], start, end, tuple(range(start, end))))
        if len(self.dependency):
            for key, token_ids in self.dependency(doc):
                matches.append(self._dependency_match(key, token_ids))
        for rule, check in self.checks:
            for start, end in check(doc, rule.options):
                matches.append(RawMatch(rule, start, end, tuple(range(start, end))))
        return list(_longest_per_rule(matches))

    def _dependency_match(self, key: int, token_ids: list[int]) -> RawMatch:
        rule = self.by_key[key]
        names = self.node_names[key]
        shown = [
            t
            for t, n in zip(token_ids, names, strict=True)
            if not rule.highlight or n in rule.highlight
        ]
        shown = shown or token_ids
        return RawMatch(rule, min(shown), max(shown) + 1, tuple(token_ids))


def _longest_per_rule(matches: list[RawMatch]) -> Iterator[RawMatch]:
    """One finding per stretch of text per rule: drop a match contained in a
    longer one of the same rule, and join matches that touch ("cc'ing the
    whole team" + "so everyone sees" is one act of shaming, not two)."""
    ordered = sorted(matches, key=lambda m: (m.rule.id, m.start, -(m.end - m.start)))
    kept: list[RawMatch] = []
    for match in ordered:
        last = kept[-1] if kept else None
        if last is not None and last.rule.id == match.rule.id and match.start <= last.end:
            if match.end > last.end:
                tokens = tuple(sorted(set(last.tokens) | set(match.tokens)))
                kept[-1] = RawMatch(last.rule, last.start, match.end, tokens)
            continue
        kept.append(match)
    yield from sorted(kept, key=lambda m: (m.start, m.rule.id))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
