"""Anchors: the words a rule cannot match without.

Every token, phrase and dependency pattern has at least one token that must be
present and whose spelling is known (a LOWER/ORTH word list, or a LEMMA list
expanded to every inflection with lemminflect); python checks declare their own
triggers. Words are compared as lower-case runs of letters and digits, so
"you're" offers "you" and "re", and the anchor "'re" needs "re": the split may
let through more than it must, never less.
"""

from __future__ import annotations

import logging
import re
import sys
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from restorelint.catalog.rules import Rule
from restorelint.match.check_modules import check_module
from restorelint.match.word_index import Requirement

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WORD = re.compile(r"[\w@#]+")
# Where spaCy's tokenizer splits inside a word: "doesn't" -> "does" "n't",
# "cannot" -> "can" "not", "gonna" -> "gon" "na".
_SPLITS = re.compile(r"(\w)(n['’]t\b)|\b(can)(not)\b|\b(gon|wan|got)(na|ta)\b")
_LEXICAL = ("LOWER", "ORTH", "NORM", "TEXT", "LEMMA")
_TOKENIZER_FLAGS = ("IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_SPACE")
# spaCy lemmatises contractions to their full verb; lemminflect does not
# list the clitics.
_CLITICS = {
    "be": ("'s", "'re", "'m", "s", "re", "m"),
    "have": ("'ve", "'s", "'d", "ve", "d"),
    "will": ("'ll", "ll", "wo"),
    "would": ("'d", "d"),
    "not": ("n't", "nt"),
    "do": ("does", "did", "doing", "done"),
}


def _split(match: re.Match[str]) -> str:
    return " ".join(g for g in match.groups() if g)


@dataclass(frozen=True)
class Triggers:
    """What a python check needs to see before it can flag anything."""

    words: frozenset[str] = frozenset()
    pattern: re.Pattern[str] | None = None
    # each tuple: word lists that must all be present (e.g. a verb and "every")
    all_of: tuple[tuple[frozenset[str], ...], ...] = ()
    # the check reads the whole segment (a mention here, a mistake and a name
    # anywhere in the paragraph): a segment with its words is parsed whole
    whole_segment: bool = False
    # a word anywhere in the segment can veto the check's finding ("thanks",
    # "no names"): a finding in a stretch is judged again on its whole paragraph
    vetoed_anywhere: bool = False


class Unfilterable(Exception):
    """A rule has a pattern with no spelled-out anchor: parse everything."""


def _values(spec: Any) -> list[str] | None:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and isinstance(spec.get("IN"), list):
        return [str(v) for v in spec["IN"]]
    return None  # NOT_IN, REGEX, comparisons: no finite spelling


def _inflections() -> Callable[[str], dict[str, tuple[str, ...]]]:
    """lemminflect's getAllInflections, imported without its spaCy hook.

    lemminflect's package import runs ``import spacy`` to register token
    extensions; that alone costs half a second and is the one thing a run with
    nothing to parse must not pay. A stand-in module too old for the hook
    makes lemminflect skip it (and log why, which is silenced); the stand-in
    is removed again, so a later real import of spaCy is unaffected.
    """
    if "spacy" in sys.modules or "lemminflect" in sys.modules:
        from lemminflect import getAllInflections

        return getAllInflections
    stand_in = types.ModuleType("spacy")
    stand_in.__version__ = "0.0"  # type: ignore[attr-defined]
    sys.modules["spacy"] = stand_in
    logging.disable(logging.WARNING)
    try:
        from lemminflect import getAllInflections
    finally:
        logging.disable(logging.NOTSET)
        del sys.modules["spacy"]
    return getAllInflections


def _forms(attr: str, words: Iterable[str]) -> set[str]:
    inflect = _inflections() if attr == "LEMMA" else None
    forms: set[str] = set()
    for word in words:
        lower = word.lower()
        forms.add(lower)
        if attr == "LEMMA":
            assert inflect is not None
            for inflected in inflect(lower).values():
                forms.update(w.lower() for w in inflected)
            forms.update(_CLITICS.get(lower, ()))
    return forms


def _node_forms(attrs: dict[str, Any]) -> set[str] | None:
    """The spellings one token spec allows, or None if it allows any word."""
    choices = [
        _forms(attr, vals)
        for attr in _LEXICAL
        if attr in attrs and (vals := _values(attrs[attr])) is not None
    ]
    if not choices:
        return None
    # several lexical constraints on one token must all hold: any one bounds it
    return min(choices, key=len)


def _mandatory(spec: dict[str, Any]) -> bool:
    # a "!" token must be there but must not be the word it names: no anchor
    op = spec.get("OP", "1")
    return op in ("1", "+") or (op.startswith("{") and not op.startswith("{0"))


def lemma_keys(lemmas: Iterable[str]) -> frozenset[str]:
    """The words (as ``words`` gives them) a text must hold for one of its tokens to
    have one of these lemmas or spellings."""
    return frozenset(k for f in _forms("LEMMA", lemmas) if (k := _key(f)) is not None)


def _key(form: str) -> str | None:
    """The word a spelling must show in a segment's lower-cased word set (its
    longest run of letters: "you're" -> "you"), or None for punctuation."""
    lower = form.lower()
    if lower.startswith(("n'", "n’")):
        lower = lower[2:]  # "n't" hangs on its verb: "don't" offers "don" and "t"
    pieces = _WORD.findall(lower)
    return max(pieces, key=len) if pieces else None


# the rule kinds whose matchers run only on docs that meet their own requirements
# (a python check's: its triggers, or its pattern found in the doc's text)
GATED_KINDS = ("token", "dependency", "python")


def _requirement(nodes: Iterable[dict[str, Any]]) -> Requirement:
    needs: list[frozenset[str]] = []
    for forms in (_node_forms(n) for n in nodes):
        if forms is None:
            continue
        keys = {_key(f) for f in forms}
        if None in keys:
            continue  # punctuation can be anywhere: it narrows nothing
        needs.append(frozenset(k for k in keys if k is not None))
    if not needs:
        raise Unfilterable
    return tuple(sorted(needs, key=len))


def words(text: str) -> set[str]:
    """The words a text offers to requirements and gates (lower case, split as the
    tokenizer splits)."""
    found = set(_WORD.findall(_SPLITS.sub(_split, text.lower())))
    # the tokenizer may split "@channel" into "@" and "channel", which a check reads
    found.update([w.lstrip("@#") for w in found if w[0] in "@#" and w.strip("@#")])
    return found


def rule_requirements(rule: Rule) -> tuple[list[Requirement], list[re.Pattern[str]]]:
    if rule.kind == "model":
        # the tone model scores every sentence itself, before any parse, and
        # asks for the parse of the sentences it marks (run/tone.py)
        return [], []
    if rule.kind == "token":
        return [_requirement(n for n in p if _mandatory(n)) for p in rule.patterns], []
    if rule.kind == "dependency":
        return [_requirement(n.get("RIGHT_ATTRS", {}) for n in p) for p in rule.patterns], []
    if rule.kind == "phrase":
        return [_requirement({"LOWER": w} for w in _pieces(p)) for p in rule.patterns], []
    module = check_module(rule.check or "", rule.source)
    if not hasattr(module, "triggers"):
        raise Unfilterable
    found: Triggers = module.triggers(rule.options)
    requirements = []
    if found.words:
        requirements.append(_requirement([{"LEMMA": {"IN": sorted(found.words)}}]))
    for sets in found.all_of:
        requirements.append(_requirement([{"LEMMA": {"IN": sorted(s)}} for s in sets]))
    return requirements, [found.pattern] if found.pattern is not None else []


# A relaxed token pattern: only the spellings of the original, so it runs on the
# tokenizer's doc, before any parse.
Relaxed = list[dict[str, Any]]
_APOSTROPHES = str.maketrans("'’", "’'")
# a phrase's pieces the tokenizer keeps whole
_PLAIN = re.compile(r"[a-z0-9]+|n['’]t")


_PIECE = re.compile(r"\w+|[^\w\s]")


def option_phrases(options: Mapping[str, Any], key: str) -> list[tuple[str, ...]]:
    """A check's phrase option, each phrase as lower-case pieces that line up with
    spaCy's tokens on the words checks compare ("high-maintenance" is high, -,
    maintenance; "thank you for" is three)."""
    return [tuple(_PIECE.findall(str(p).lower())) for p in options.get(key) or ()]


def phrase_at(doc: Doc, i: int, phrases: Sequence[tuple[str, ...]], end: int | None = None) -> int:
    """The length of the first of ``phrases`` (as ``option_phrases`` gives them)
    that the tokens from ``i`` spell, ending by ``end``; 0 when none does."""
    limit, first = len(doc) if end is None else end, doc[i].lower_  # most tokens start none
    for pieces in phrases:
        fits = pieces[0] == first and i + len(pieces) <= limit
        if fits and all(doc[i + k].lower_ == w for k, w in enumerate(pieces[1:], 1)):
            return len(pieces)
    return 0


def _pieces(phrase: object) -> list[str]:
    """A phrase's words, split as the tokenizer splits ("couldn't" is "could" "n't")."""
    return _SPLITS.sub(_split, str(phrase).lower()).split()


def _relaxed_node(spec: dict[str, Any]) -> dict[str, Any]:
    """A node that matches every token the original can match, read from its
    spelling alone: tags, dependencies, sentence starts and negations (what a
    parse decides) are dropped, a lemma becomes its inflections, and what the
    tokenizer decides (``IS_PUNCT``, "not a full stop") is kept."""
    op = spec.get("OP", "1")
    node: dict[str, Any] = {} if op == "!" else ({"OP": op} if "OP" in spec else {})
    if op == "!":
        return node
    forms = _node_forms(spec)
    if forms is not None:
        # the parse's NORM reads both apostrophes alike; LOWER does not
        spelled = forms | {f.translate(_APOSTROPHES) for f in forms}
        node["LOWER"] = {"IN": sorted(spelled)}
    else:
        # "not a full stop" keeps a relaxed pattern in its sentence (ORTH: caseless marks)
        for attr in ("LOWER", "ORTH"):
            value = spec.get(attr) if isinstance(spec.get(attr), dict) else {}
            marks = [str(v) for v in value.get("NOT_IN", [])]
            if marks and (attr == "LOWER" or all(v.lower() == v.upper() for v in marks)):
                node["LOWER"] = {"NOT_IN": sorted({m.lower() for m in marks})}
                break
    node.update((f, spec[f]) for f in _TOKENIZER_FLAGS if isinstance(spec.get(f), bool))
    return node


def relaxed_patterns(rule: Rule) -> list[Relaxed | None] | None:
    """For a token rule, each pattern as the tokenizer alone can match it (a
    pattern that cannot match a sentence's tokens cannot match its parse); for a
    phrase rule of plain words, each phrase as such a pattern. None per pattern
    (or for the rule) where only the words can be asked for."""
    if rule.kind == "token":
        return [[_relaxed_node(n) for n in p] for p in rule.patterns]
    if rule.kind == "phrase" and rule.attr in ("LOWER", "ORTH"):
        found: list[Relaxed | None] = []
        for phrase in rule.patterns:
            pieces = _pieces(phrase)
            # only pieces the tokenizer keeps whole: letters and digits, or "n't"
            plain = all(_PLAIN.fullmatch(piece) for piece in pieces)
            found.append(
                [{"LOWER": {"IN": sorted({x, x.translate(_APOSTROPHES)})}} for x in pieces]
                if plain and pieces
                else None
            )
        return found
    return None


def declared_patterns(rules: Sequence[Rule]) -> list[re.Pattern[str]]:
    return [p for p in map(declared_pattern, rules) if p is not None]


def declared_pattern(rule: Rule) -> re.Pattern[str] | None:
    """A python check's own pattern: a text it is found in may hold a match
    whatever its words (a "#channel" name, a run of capitals)."""
    if rule.kind != "python":
        return None
    module = check_module(rule.check or "", rule.source)
    return module.triggers(rule.options).pattern if hasattr(module, "triggers") else None
