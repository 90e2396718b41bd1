"""The restorative checklist and score of a message, detected by data.

The elements and their detectors live in ``rules/_checklist.yaml``; this
module compiles them (one spaCy Matcher and one PhraseMatcher), runs them on
the docs the check already parsed, and judges each element present or
missing. Evidence from a sentence that carries a finding does not count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from restorelint.context import quoted_spans
from restorelint.lexicon import is_person, is_second_person, load_lexicon
from restorelint.rules import RuleError, _reject_yaml_booleans, bundled_rules_dir, load_yaml

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from restorelint.finding import Finding

CHECKLIST_FILE = "_checklist.yaml"
DETECTOR_KINDS = ("token", "phrase", "check")


@dataclass(frozen=True)
class Detector:
    kind: str
    patterns: tuple[Any, ...] = field(default=(), hash=False)
    phrases: tuple[str, ...] = ()
    check: str | None = None
    words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Element:
    id: str
    name: str
    weight: int
    description: str
    hint: str
    detectors: tuple[Detector, ...]
    skip_negated: bool = False


@dataclass(frozen=True)
class Checklist:
    elements: tuple[Element, ...]
    base: int
    penalties: dict[str, int] = field(hash=False)
    source: str = ""


def _need(data: dict[str, Any], key: str, kind: type, source: str, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, str | list) and not value):
        raise RuleError(source, f"{where}{key}", f"needs a non-empty {kind.__name__}")
    return value


def parse_checklist(data: object, source: str) -> Checklist:
    """Validate the checklist data; a mistake names the file and the field."""
    if not isinstance(data, dict):
        raise RuleError(source, "", "the checklist file must hold a mapping")
    score = _need(data, "score", dict, source, "")
    base = _need(score, "base", int, source, "score.")
    penalties = _need(score, "penalties", dict, source, "score.")
    for severity in ("error", "warning", "info"):
        if not isinstance(penalties.get(severity), int) or penalties[severity] < 0:
            raise RuleError(source, f"score.penalties.{severity}", "needs a whole number >= 0")
    elements = []
    seen: set[str] = set()
    for index, raw in enumerate(_need(data, "elements", list, source, "")):
        where = f"elements.{index}."
        if not isinstance(raw, dict):
            raise RuleError(source, where.rstrip("."), "each element is a mapping")
        element_id = _need(raw, "id", str, source, where)
        if element_id in seen:
            raise RuleError(source, f"{where}id", f"'{element_id}' is used twice")
        seen.add(element_id)
        weight = _need(raw, "weight", int, source, where)
        detectors = []
        for d_index, det in enumerate(_need(raw, "detectors", list, source, where)):
            d_where = f"{where}detectors.{d_index}."
            if not isinstance(det, dict) or det.get("kind") not in DETECTOR_KINDS:
                raise RuleError(source, f"{d_where}kind", f"must be one of {DETECTOR_KINDS}")
            kind = det["kind"]
            if kind == "token":
                patterns = _need(det, "patterns", list, source, d_where)
                _reject_yaml_booleans(patterns, source, f"{d_where}patterns")
                detectors.append(Detector(kind, patterns=tuple(patterns)))
            elif kind == "phrase":
                phrases = _need(det, "phrases", list, source, d_where)
                detectors.append(Detector(kind, phrases=tuple(str(p) for p in phrases)))
            else:
                name = _need(det, "check", str, source, d_where)
                if name not in CHECKS:
                    raise RuleError(source, f"{d_where}check", f"no built-in check named '{name}'")
                words = frozenset(str(w).lower() for w in det.get("words", ()))
                detectors.append(Detector(kind, check=name, words=words))
        elements.append(
            Element(
                id=element_id,
                name=_need(raw, "name", str, source, where),
                weight=weight,
                description=" ".join(str(raw.get("description", "")).split()),
                hint=_need(raw, "hint", str, source, where),
                detectors=tuple(detectors),
                skip_negated=bool(raw.get("skip_negated", False)),
            )
        )
    total = base + sum(e.weight for e in elements)
    if total != 100:
        raise RuleError(source, "score.base", f"base and weights add up to {total}, not 100")
    return Checklist(tuple(elements), base, dict(penalties), source)


def load_checklist(path: Path | None = None) -> Checklist:
    return _load(str(path or bundled_rules_dir() / CHECKLIST_FILE))


@cache
def _load(path: str) -> Checklist:
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(path, "", f"cannot read the checklist: {exc}") from exc
    except yaml.YAMLError as exc:
        raise RuleError(path, "", f"not valid YAML: {exc}") from exc
    return parse_checklist(data, path)


# --------------------------------------------------------------------------- detection


@dataclass(frozen=True)
class Evidence:
    """Words that show an element; offsets are into the source text."""

    element: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    text: str


CheckFn = Callable[["Doc", frozenset[str]], Iterator[tuple[int, int]]]


def _negated(token: Token) -> bool:
    lex_neg = ("not", "n't", "no", "never")
    for t in (token, token.head):
        if any(c.dep_ == "neg" or c.lower_ in lex_neg for c in t.children if c.i < t.i + 1):
            return True
    return token.i > 0 and token.doc[token.i - 1].lower_ in lex_neg


def open_question(doc: Doc, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """A sentence that asks something: it ends with a question mark."""
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens and tokens[-1].text.endswith("?") and len(tokens) >= 3:
            yield tokens[0].i, tokens[-1].i + 1


def outcome_clause(doc: Doc, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """An outcome with a thing, not a person, as its subject ("the migration
    slipped", "the docs weren't updated")."""
    first_person = load_lexicon().first_person
    for token in doc:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            continue
        subject = subjects[0]
        if is_person(subject) or is_second_person(subject) or subject.lower_ in first_person:
            continue
        passive = subject.dep_ == "nsubjpass" and token.tag_ == "VBN"
        lemma = token.lemma_.lower()
        if lemma == "go" and not any(c.lower_ in ("wrong", "out", "down") for c in token.children):
            continue
        if passive or (lemma in words and lemma != "be"):
            yield min(subject.left_edge.i, token.i), token.i + 1


# Words that date an event. The pipeline runs without NER (no rule needs it,
# and it is half the parse time), so time expressions are found by their words.
_TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "yesterday",
        "today",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "week",
        "month",
        "quarter",
        "sprint",
        "release",
        "q1",
        "q2",
        "q3",
        "q4",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "last",
        "twice",
    ]
)
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$")


def dated_event(doc: Doc, words: frozenset[str]) -> Iterator[tuple[int, int]]:
    """A past event with a time ("the handoff in August slipped", "the third time")."""
    for sent in doc.sents:
        past = any(t.tag_ == "VBD" and t.pos_ in ("VERB", "AUX") for t in sent)
        if not past:
            continue
        for token in sent:
            if token.lower_ in _TIME_WORDS or _DATE.match(token.text):
                yield token.i, token.i + 1
                break


CHECKS: dict[str, CheckFn] = {
    "open_question": open_question,
    "outcome_clause": outcome_clause,
    "dated_event": dated_event,
}


class ChecklistMatcher:
    """All detectors of a checklist, compiled once for one pipeline."""

    def __init__(self, checklist: Checklist, nlp: Language) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.checklist = checklist
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.checks: list[tuple[Element, Detector]] = []
        self.element_of: dict[int, Element] = {}
        for element in checklist.elements:
            for index, detector in enumerate(element.detectors):
                key = f"checklist:{element.id}:{index}"
                self.element_of[nlp.vocab.strings.add(key)] = element
                if detector.kind == "token":
                    try:
                        self.matcher.add(key, [list(p) for p in detector.patterns])
                    except (ValueError, KeyError, TypeError) as exc:
                        where = f"elements.{element.id}.detectors.{index}.patterns"
                        lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
                        detail = [ln for ln in lines if ln.startswith("- [")] or lines[:1]
                        raise RuleError(checklist.source, where, "; ".join(detail)) from exc
                elif detector.kind == "phrase":
                    self.phrases.add(key, [nlp.make_doc(p) for p in detector.phrases])
                else:
                    self.checks.append((element, detector))

    def find(
        self,
        doc: Doc,
        to_source: Callable[[int, int], tuple[int, int]] | None = None,
        quoted: bool = False,
    ) -> list[Evidence]:
        """Evidence in one parsed segment; ``to_source`` maps its offsets to the source's."""
        if to_source is None:
            to_source = _same
        if quoted:
            return []
        quotes = quoted_spans(doc.text)
        spans: list[tuple[Element, int, int]] = []
        for key, start, end in [*self.matcher(doc), *self.phrases(doc)]:
            spans.append((self.element_of[key], start, end))
        for element, detector in self.checks:
            assert detector.check is not None
            for start, end in CHECKS[detector.check](doc, detector.words):
                spans.append((element, start, end))
        found: list[Evidence] = []
        for element, start, end in sorted(spans, key=lambda s: (s[1], s[2])):
            span = doc[start:end]
            if element.skip_negated and any(_negated(t) for t in span):
                continue
            if any(q0 <= span.start_char and span.end_char <= q1 for q0, q1 in quotes):
                continue
            sent = doc[start].sent
            begin, finish = to_source(span.start_char, span.end_char)
            sentence_start, sentence_end = to_source(sent.start_char, sent.end_char)
            found.append(
                Evidence(
                    element=element.id,
                    start=begin,
                    end=finish,
                    sentence_start=sentence_start,
                    sentence_end=sentence_end,
                    text=" ".join(span.text.split()),
                )
            )
        return found


def _same(start: int, end: int) -> tuple[int, int]:
    return start, end


@cache
def matcher_for(checklist: Checklist, nlp: Language) -> ChecklistMatcher:
    return ChecklistMatcher(checklist, nlp)


# --------------------------------------------------------------------------- judgement


@dataclass(frozen=True)
class ItemResult:
    element: Element
    present: bool
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Score:
    """``value`` = clamp(base + checklist - penalty, 0, 100)."""

    value: int
    base: int
    checklist: int
    penalty: int


def evaluate(
    checklist: Checklist, evidence: Sequence[Evidence], findings: Sequence[Finding]
) -> list[ItemResult]:
    """Each element present (with its first evidence) or missing."""

    def flagged(e: Evidence) -> bool:
        return any(f.start < e.sentence_end and e.sentence_start < f.end for f in findings)

    results = []
    for element in checklist.elements:
        hit = next((e for e in evidence if e.element == element.id and not flagged(e)), None)
        results.append(ItemResult(element, hit is not None, hit))
    return results


def score(
    checklist: Checklist, results: Sequence[ItemResult], findings: Sequence[Finding]
) -> Score:
    gained = sum(r.element.weight for r in results if r.present)
    penalty = sum(checklist.penalties.get(f.severity, 0) for f in findings)
    value = max(0, min(100, checklist.base + gained - penalty))
    return Score(value=value, base=checklist.base, checklist=gained, penalty=penalty)
