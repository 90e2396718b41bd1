"""Restorative rewrites, built from the dependency parse of each flagged sentence.

A rewrite keeps the writer's facts (objects, times, places, the standard),
drops the punitive frame (the person as the agent of a failure, the trait
label, the threat), and ends its paragraph with one curiosity question or
offer of support. Facts the sentence does not contain become visible
``[placeholders]``; nothing is invented.

How: every finding in a sentence is handled by its category's *shape*. Shapes
work on a :class:`Draft` — the sentence's tokens, rendered from the source
text so masked code survives — in three phases, so that several findings in
one sentence combine into one rewrite:

1. marks: token edits (drop "obviously", sentence-case a shouted span, drop
   "per my last email,"; an absolute asks its clause to become specific);
2. clauses: restructure one clause each ("you failed to update the docs" →
   "the docs weren't updated");
3. leftover clause requests from phase 1 are applied to untouched clauses.

A shape that cannot fit the parse gives up, and the sentence falls back to
its category's template (``rules/_rewrite.yaml``), which is all placeholders
and questions. Every rewrite is linted again; a rewrite that is itself
flagged is replaced by the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from restorelint.context import clause, governing_predicate
from restorelint.lexicon import is_person, is_second_person
from restorelint.rules import CATEGORIES, bundled_rules_dir, load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from restorelint.engine import Linter
    from restorelint.finding import Finding

REWRITE_FILE = "_rewrite.yaml"
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")

PAST, PRESENT, PERFECT = "past", "present", "perfect"
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_ATTACHED = (",", ".", ";", ":", "!", "?", "n't", "'s", "'re", "'m", "'ve", "'ll", "'d", ")", "%")
_ORPHAN_PUNCT = {",", ";", ":", "-", "–", "—"}
# Template expressions (Jinja, Liquid, Handlebars, ERB) a rewrite must keep whole.
_TEMPLATE_EXPR = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<%.*?%>|\$\{[^}\n]*\}", re.S)
_OPENERS = "\"'“‘(*_#>-"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class CategoryStyle:
    name: str
    priority: int
    template: str
    closings: tuple[str, ...]


@dataclass(frozen=True)
class RewriteData:
    categories: dict[str, CategoryStyle]
    rule_templates: dict[str, str]
    fillers: frozenset[str]
    absolutes: frozenset[str]
    frequency: str
    occasions: str
    ergative: frozenset[str]
    standard: str
    situation_preps: frozenset[str]
    acronyms: frozenset[str]

    def style(self, category: str) -> CategoryStyle:
        return self.categories.get(category) or self.categories["blame"]


@cache
def load_rewrite_data() -> RewriteData:
    raw: dict[str, Any] = load_yaml(
        (bundled_rules_dir() / REWRITE_FILE).read_text(encoding="utf-8")
    )
    categories = {}
    for priority, (name, spec) in enumerate(raw["categories"].items()):
        categories[name] = CategoryStyle(
            name=name,
            priority=priority,
            template=str(spec["template"]),
            closings=tuple(str(c) for c in spec.get("closings", ())),
        )
    missing = set(CATEGORIES) - set(categories)
    if missing:
        raise ValueError(f"{REWRITE_FILE}: no style for categories {sorted(missing)}")
    words = {k: frozenset(str(w).lower() for w in raw.get(k, ())) for k in ("fillers", "absolutes")}
    return RewriteData(
        categories=categories,
        rule_templates={str(k): str(v) for k, v in (raw.get("rule_templates") or {}).items()},
        fillers=words["fillers"],
        absolutes=words["absolutes"],
        frequency=str(raw["frequency"]),
        occasions=str(raw["occasions"]),
        ergative=frozenset(str(w) for w in raw["ergative_verbs"]),
        standard=str(raw["standard"]),
        situation_preps=frozenset(str(w) for w in raw["situation_preps"]),
        acronyms=frozenset(str(w) for w in raw["acronyms"]),
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Piece:
    """A run of rewritten text; ``generated`` when restorelint wrote it."""

    text: str
    generated: bool = False


@dataclass(frozen=True)
class FlaggedSentence:
    """A sentence that holds findings, kept from the one parse of the check.

    ``doc`` is the sentence alone (``Span.as_doc``); its character 0 is at
    ``base`` in the source text. ``start``/``end`` bound the sentence in the
    source without surrounding whitespace. ``paragraph`` numbers the segment.
    """

    doc: Doc
    base: int
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class SentenceRewrite:
    path: str
    start: int
    end: int
    original: str
    body: tuple[Piece, ...]
    closing: str | None
    category: str
    rules: tuple[str, ...]
    shapes: tuple[str, ...]
    paragraph: int
    applicability: str

    @property
    def body_text(self) -> str:
        return "".join(p.text for p in self.body)

    @property
    def text(self) -> str:
        return " ".join(t for t in (self.body_text, self.closing or "") if t)

    @property
    def placeholders(self) -> list[str]:
        generated = [p.text for p in self.body if p.generated] + [self.closing or ""]
        return [m.group(0) for text in generated for m in PLACEHOLDER.finditer(text)]


# --------------------------------------------------------------------------- grammar


def _plural(token: Token) -> bool:
    if token.lower_ in ("they", "them", "these", "those", "we", "us", "you"):
        return True
    if any(c.dep_ == "conj" for c in token.children):
        return True
    return token.tag_ in ("NNS", "NNPS")


def tense_of(verb: Token) -> str:
    for child in verb.children:
        if child.dep_ not in ("aux", "auxpass") or child.i > verb.i:
            continue
        if child.lemma_ == "have":
            return PAST if child.tag_ == "VBD" else PERFECT
        if child.lemma_ in ("do", "be"):
            return PAST if child.tag_ == "VBD" else PRESENT
    if verb.tag_ == "VB" and verb.lemma_ in ("let", "put", "set", "cut", "hit", "quit"):
        return PAST  # "Sam let the team down": the tagger cannot tell the tense
    return PAST if verb.tag_ in ("VBD", "VBN") else PRESENT


def inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection  # loads its tables (~1 s): only when rewriting

    forms = getInflection(lemma, tag)
    if forms:
        return forms[0]
    if tag in ("VBD", "VBN"):
        return lemma + ("d" if lemma.endswith("e") else "ed")
    if tag == "VBG":
        return (lemma[:-1] if lemma.endswith("e") and len(lemma) > 2 else lemma) + "ing"
    if tag == "VBZ":
        return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "o")) else "s")
    return lemma


def be_form(tense: str, plural: bool, negative: bool = False) -> str:
    if tense == PERFECT:
        head = "have" if plural else "has"
        return f"{head}n't been" if negative else f"{head} been"
    singular, many = ("was", "were") if tense == PAST else ("is", "are")
    word = many if plural else singular
    return word + "n't" if negative else word


def finite(lemma: str, tense: str, plural: bool, negative: bool = False) -> str:
    """A finite verb phrase for a new subject: ``finite("go", PAST, False)`` → "went"."""
    if lemma == "be":
        return be_form(tense, plural, negative)
    if tense == PERFECT:
        head = ("have" if plural else "has") + ("n't" if negative else "")
        return f"{head} {inflect(lemma, 'VBN')}"
    if negative:
        aux = "didn't" if tense == PAST else ("don't" if plural else "doesn't")
        return f"{aux} {lemma}"
    if tense == PAST:
        return inflect(lemma, "VBD")
    return lemma if plural else inflect(lemma, "VBZ")


def _article_for(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" and not word.lower().startswith("uni") else "a"


_NOMINATIVE = {"them": "they", "us": "we", "me": "I", "him": "he", "her": "she"}


# --------------------------------------------------------------------------- the draft


@dataclass
class ClauseRequest:
    """What a mark asks of its clause: tense, negation, a phrase at its end."""

    past: bool = False
    negate: bool = False
    suffix: str = ""
    consumed: bool = False


class Draft:
    """One sentence being rewritten, token by token, rendered from the source."""

    def __init__(self, doc: Doc, source: str, base: int, start: int | None = None) -> None:
        self.doc = doc
        self.n = len(doc)
        # Tokens before ``start`` (a list or quote marker) are not the sentence's to rewrite.
        self.outside = {t.i for t in doc if start is not None and base + t.idx < start}
        self.words = [
            "" if t.i in self.outside else source[base + t.idx : base + t.idx + len(t.text)]
            for t in doc
        ]
        self.spaces = [
            source[base + t.idx + len(t.text) : base + doc[t.i + 1].idx] if t.i + 1 < self.n else ""
            for t in doc
        ]
        self.edits: dict[int, str] = {}
        self.deleted: set[int] = set()
        self.inserts: dict[int, list[str]] = {}
        self.blocks: list[tuple[int, int, list[Piece]]] = []
        self.requests: dict[int, ClauseRequest] = {}
        self.whole: list[Piece] | None = None
        self.deleted.update(self.outside)
        self.groups: dict[int, tuple[int, int]] = {}
        for match in _TEMPLATE_EXPR.finditer(doc.text):
            ids = [t.i for t in doc if t.idx < match.end() and t.idx + len(t.text) > match.start()]
            for i in ids:
                self.groups[i] = (ids[0], ids[-1])

    # -- queries
    def content(self) -> list[int]:
        return [t.i for t in self.doc if not self.blank(t.i)]

    def blank(self, i: int) -> bool:
        """Whitespace in the source (a masked code span is not blank: it is kept)."""
        return not self.words[i].strip()

    def expand(self, indices: Iterable[int]) -> set[int]:
        """Indices grown to whole template expressions ("{{ name }}" stays in one piece)."""
        out = set(indices)
        for i in list(out):
            if i in self.groups:
                first, last = self.groups[i]
                out.update(range(first, last + 1))
        return out

    def first_word(self) -> int | None:
        words = [i for i in self.content() if not self.doc[i].is_punct]
        return words[0] if words else None

    def in_block(self, i: int) -> bool:
        return any(a <= i <= b for a, b, _ in self.blocks)

    # -- phase 1 edits
    def edit(self, i: int, text: str) -> None:
        original = self.doc[i].text
        if (
            original.startswith("'")
            and not text.startswith("'")
            and i > 0
            and not self.spaces[i - 1]
        ):
            text = " " + text  # "You're" → "You were"
        self.edits[i] = text

    def delete(self, indices: Iterable[int]) -> None:
        self.deleted.update(indices)

    def insert_after(self, i: int, text: str) -> None:
        self.inserts.setdefault(i, []).append(text)

    def remove(self, first: int, last: int) -> None:
        """Delete tokens first..last and a comma that would be left dangling."""
        doc = self.doc
        before = [i for i in range(first) if not self.blank(i) and i not in self.deleted]
        after = [i for i in range(last + 1, self.n) if not self.blank(i)]
        nxt = after[0] if after else None
        prev = before[-1] if before else None
        span = set(range(first, last + 1))
        opens = prev is None or doc[prev].text in (",", ";", ":", "—", "–", "(")
        if nxt is not None and doc[nxt].text in (",", ":", "—", "–") and opens:
            span.add(nxt)
        elif (
            prev is not None
            and doc[prev].text == ","
            and (nxt is None or doc[nxt].text in (".", "!", "?", ";", ","))
        ):
            span.add(prev)
        self.delete(span)

    def request(self, predicate: Token) -> ClauseRequest:
        return self.requests.setdefault(predicate.i, ClauseRequest())

    def take_request(self, predicate: Token) -> ClauseRequest:
        req = self.requests.get(predicate.i, ClauseRequest())
        req.consumed = True
        return req

    # -- phase 2 blocks
    def block(self, first: int, last: int, pieces: list[Piece]) -> bool:
        for a, b, _ in self.blocks:
            if not (last < a or first > b):
                return False
        self.blocks.append((first, last, pieces))
        return True

    def phrase(self, indices: Iterable[int]) -> list[Piece]:
        """Tokens (their current edits included) in order, joined as in the source."""
        idx = sorted(i for i in self.expand(indices) if i not in self.deleted)
        out: list[Piece] = []
        for k, i in enumerate(idx):
            out.extend(self._token(i))
            if k + 1 < len(idx):
                nxt = idx[k + 1]
                if nxt == i + 1:
                    out.append(Piece(self.spaces[i]))
                elif not self.doc[nxt].text.startswith(_ATTACHED):
                    out.append(Piece(" "))
        return out

    def _token(self, i: int) -> list[Piece]:
        pieces = [Piece(self.edits[i], True) if i in self.edits else Piece(self.words[i])]
        pieces += [Piece(text, True) for text in self.inserts.get(i, ())]
        return pieces

    # -- output
    def render(self) -> list[Piece]:
        if self.whole is not None:
            return list(self.whole)
        starts = {a: (b, pieces) for a, b, pieces in self.blocks}
        out: list[Piece] = []
        i = 0
        while i < self.n:
            if i in starts:
                last, pieces = starts[i]
                out.extend(pieces)
                out.append(Piece(self.spaces[last]))
                i = last + 1
                continue
            if i not in self.deleted:
                out.extend(self._token(i))
                out.append(Piece(self.spaces[i]))
            i += 1
        return tidy(out)


def tidy(pieces: list[Piece]) -> list[Piece]:
    """Whitespace and punctuation left over by edits; a capital and a full stop."""
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and not out[-1].text.strip() and not piece.text.strip():
            keep = out[-1] if "\n" in out[-1].text else piece
            out[-1] = keep if "\n" in keep.text else Piece(" ", out[-1].generated)
            continue
        if (
            out
            and not out[-1].text.strip()
            and "\n" not in out[-1].text
            and piece.text.startswith(_ATTACHED)
        ):
            out.pop()
        if out and piece.text.strip() in (",", ".") and out[-1].text.strip() == ",":
            out.pop()  # ", ," or ", ." left by a deletion
        elif (
            out
            and piece.text.strip() in (".", "!", "?")
            and len(out) >= 2
            and not out[-1].text.strip()
            and out[-2].text.strip() == ","
        ):
            out.pop()
            out.pop()
        out.append(piece)
    while out and (not out[0].text.strip() or out[0].text.strip() in _ORPHAN_PUNCT):
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out and out[-1].text.strip() in _ORPHAN_PUNCT:
        out.pop()
        while out and not out[-1].text.strip():
            out.pop()
    if not out:
        return []
    for k, piece in enumerate(out):
        visible = piece.text.lstrip().lstrip(_OPENERS + "[ ")
        if not visible:
            continue
        if visible[0].isalpha():
            j = len(piece.text) - len(visible)
            out[k] = Piece(piece.text[:j] + visible[0].upper() + visible[1:], piece.generated)
        break
    if not _TERMINAL.search(out[-1].text.rstrip()):
        out.append(Piece(".", True))
    return out


def pieces_of(text: str) -> list[Piece]:
    return [Piece(text, True)]


# --------------------------------------------------------------------------- shapes


@dataclass
class Applied:
    """A shape's result: whether the paragraph should get a closing, and which."""

    shape: str
    closing: bool = True
    override: str | None = None


@dataclass
class Ctx:
    draft: Draft
    data: RewriteData
    findings: Sequence[Finding]
    tokens: dict[int, list[int]] = field(default_factory=dict)  # finding index -> token ids


Shape = Callable[[Draft, list[int], "Finding", Ctx], Applied | None]


def _lower_words(draft: Draft, tokens: Sequence[int]) -> list[str]:
    return [draft.doc[i].lower_ for i in tokens]


def _clause_range(pred: Token, draft: Draft) -> tuple[int, int]:
    ids = draft.expand(t.i for t in clause(pred) if not draft.blank(t.i))
    words = [i for i in ids if not draft.doc[i].is_punct or i in draft.groups]
    return min(ids), max(words or ids)


def _rest(draft: Draft, first: int, last: int, used: set[int], data: RewriteData) -> list[int]:
    """Tokens of a clause a shape did not consume, without the fillers that add heat."""
    return [
        i
        for i in range(first, last + 1)
        if i not in used
        and i not in draft.deleted
        and not draft.blank(i)
        and draft.doc[i].lower_ not in data.fillers
    ]


def _assemble(
    draft: Draft, first: int, last: int, used: set[int], core: list[Piece], data: RewriteData
) -> bool:
    """Replace the clause first..last by: untouched words before + core + untouched after."""
    used = draft.expand(used)
    anchor = min(used)
    rest = _rest(draft, first, last, used, data)
    lead = [i for i in rest if i < anchor]
    trail = [i for i in rest if i > anchor]
    lead_pieces = draft.phrase(lead)
    while lead_pieces and lead_pieces[-1].text.strip() in ("",):
        lead_pieces.pop()
    pieces: list[Piece] = []
    if lead_pieces:
        pieces += [*lead_pieces, Piece(" ")]
    pieces += core
    if trail:
        tp = draft.phrase(trail)
        first_text = draft.doc[trail[0]].text
        if not first_text.startswith(_ATTACHED):
            pieces.append(Piece(" "))
        pieces += tp
    return draft.block(first, last, pieces)


def _person_subject(pred: Token, names: bool = False) -> Token | None:
    """The subject if it is a person; ``names`` also takes any title-case proper noun."""
    for child in pred.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if is_person(child) or is_second_person(child):
            return child
        if names and child.pos_ == "PROPN" and child.is_title:
            return child
    return None


def _np(draft: Draft, token: Token) -> list[Piece]:
    if token.lower_ in _NOMINATIVE and len(list(token.subtree)) == 1:
        return pieces_of(_NOMINATIVE[token.lower_])
    return draft.phrase(t.i for t in token.subtree)


def _particles(verb: Token) -> str:
    return "".join(" " + c.lower_ for c in verb.children if c.dep_ == "prt")


def _consumed(tokens: Iterable[Token]) -> set[int]:
    out: set[int] = set()
    for token in tokens:
        out.update(t.i for t in token.subtree)
    return out


# -- blame ---------------------------------------------------------------------


def shape_blame(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    words = _lower_words(draft, tokens)
    if "because" in words:
        draft.remove(min(tokens), max(tokens))
        return Applied("blame:drop-cause")
    for i in tokens:
        token = doc[i]
        if token.lemma_ in ("fault", "doing") and token.pos_ in ("NOUN", "VERB"):
            return _blame_fault(draft, token, ctx)
        if token.lemma_ == "blame" and token.pos_ == "VERB":
            return _blame_for(draft, token, ctx)
        if token.lower_ in ("ball", "down", "wheel"):
            return _dropped_ball(draft, token, ctx)
    verbs = [doc[i] for i in tokens if doc[i].pos_ == "VERB"]
    if verbs:
        return _blame_failure(draft, verbs[0], ctx)
    return None


def _blame_failure(draft: Draft, verb: Token, ctx: Ctx) -> Applied | None:
    person = _person_subject(verb)
    if person is None:
        return None
    req = draft.take_request(verb)
    tense = PAST if req.past else tense_of(verb)
    first, last = _clause_range(verb, draft)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    used = _consumed([person]) | {verb.i} | {a.i for a in auxes}
    used |= {c.i for c in verb.children if c.dep_ == "prt"}
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if verb.lemma_ == "fail" and xcomp is not None:
        obj = next((c for c in xcomp.children if c.dep_ in ("dobj", "nsubjpass")), None)
        used |= {xcomp.i} | {c.i for c in xcomp.children if c.dep_ in ("aux", "prt", "neg")}
        if obj is not None:
            used |= _consumed([obj])
            verb_phrase = be_form(tense, _plural(obj), negative=True)
            core = [
                *_np(draft, obj),
                Piece(f" {verb_phrase} {inflect(xcomp.lemma_, 'VBN')}{_particles(xcomp)}", True),
            ]
        else:
            core = [
                *draft.phrase(t.i for t in person.subtree),
                Piece(f" {finite(xcomp.lemma_, tense, _plural(person), True)}", True),
                Piece(_particles(xcomp), True),
            ]
    else:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        used |= _consumed([obj])
        plural = _plural(obj)
        if verb.lemma_ in ctx.data.ergative:
            phrase = finite(verb.lemma_, tense, plural) + _particles(verb)
        else:
            phrase = finite("go", tense, plural) + " wrong"
        core = [*_np(draft, obj), Piece(" " + phrase, True)]
    if req.suffix:
        core.append(Piece(" " + req.suffix, True))
    if not _assemble(draft, first, last, used, core, ctx.data):
        return None
    _give_back_subject(draft, verb, person)
    return Applied("blame:outcome-as-subject")


def _give_back_subject(draft: Draft, verb: Token, person: Token) -> None:
    """ "Marco broke the build and logged off": the second verb keeps its subject."""
    for conj in verb.conjuncts:
        if conj.i < verb.i or conj.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        before = conj.left_edge.i - 1
        if before >= 0 and not draft.in_block(before):
            name = person.text if person.pos_ == "PROPN" else person.lower_
            draft.insert_after(before, " " + name)


def _blame_fault(draft: Draft, fault: Token, ctx: Ctx) -> Applied | None:
    copula = governing_predicate(fault)
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "expl")), None)
    if subject is None or is_person(subject) or is_second_person(subject) or subject.i > fault.i:
        return None
    fact = next(
        (c for c in [*copula.children, *fault.children] if c.dep_ in ("ccomp", "advcl", "relcl")),
        None,
    )
    if subject.lower_ == "it" and fact is not None and fact.i > fault.i:
        # "It's your fault the export is late" → "The export is late."
        ids = [t.i for t in fact.subtree if not (t.dep_ == "mark" and t.lower_ == "that")]
        words = [i for i in ids if not draft.doc[i].is_punct]
        if len(words) >= 2:
            first, last = _predicate_range(copula, draft)
            if draft.block(first, last, draft.phrase(words)):
                return Applied("blame:outcome-as-subject")
        return None
    first, last = _clause_range(copula, draft)
    used = _consumed([subject, fault]) | {copula.i}
    used |= {c.i for c in copula.children if c.dep_ in ("neg", "advmod") and c.i < fault.i}
    core = [*_np(draft, subject), Piece(" caused [impact]", True)]
    if not _assemble(draft, first, last, used, core, ctx.data):
        return None
    return Applied("blame:outcome-and-impact")


def _blame_for(draft: Draft, verb: Token, ctx: Ctx) -> Applied | None:
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
    if target is None:
        return None
    first, last = _clause_range(verb, draft)
    used = {verb.i, prep.i} | _consumed([target])  # type: ignore[union-attr]
    used |= _consumed(c for c in verb.children if c.dep_ in ("nsubj", "dobj", "aux", "neg"))
    if target.pos_ == "VERB":
        core = [
            Piece(inflect(target.lemma_, "VBG"), True),
            *draft.phrase(t.i for t in target.subtree if t.i != target.i),
            Piece(" caused [impact]", True),
        ]
    else:
        core = [*_np(draft, target), Piece(" caused [impact]", True)]
    if not _assemble(draft, first, last, used, core, ctx.data):
        return None
    return Applied("blame:outcome-and-impact")


def _dropped_ball(draft: Draft, marker: Token, ctx: Ctx) -> Applied | None:
    verb = governing_predicate(marker)
    person = _person_subject(verb)
    if person is None:
        return None
    tense = tense_of(verb)
    first, last = _clause_range(verb, draft)
    used = _consumed([person]) | {verb.i}
    used |= {c.i for c in verb.children if c.dep_ in ("aux", "neg", "prt")}
    if verb.lemma_ == "drop":
        ball = next((c for c in verb.children if c.dep_ == "dobj"), None)
        holders = [verb, *([ball] if ball is not None else [])]
        prep = next(
            (
                c
                for h in holders
                for c in h.children
                if c.dep_ == "prep" and c.lower_ in ("on", "with", "in")
            ),
            None,
        )
        target = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if ball is None or prep is None or target is None:
            return None
        used |= _consumed([ball, prep])
        phrase = finite("go", tense, _plural(target), negative=True) + " as planned"
        core = [*_np(draft, target), Piece(" " + phrase, True)]
        if not _assemble(draft, first, last, used, core, ctx.data):
            return None
        return Applied("blame:outcome-as-subject")
    if verb.lemma_ == "let":
        affected = next(
            (c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i), None
        )
        down = next((c for c in verb.children if c.lower_ == "down"), None)
        if affected is None and down is not None:
            # "let [the team] down" parsed as a small clause with "down" at its head
            affected = next((c for c in down.children if c.dep_ == "nsubj"), None)
        if affected is None:
            return None
        used |= _consumed([affected]) | ({down.i} if down is not None else set())
        words = [t.i for t in verb.subtree if not t.is_punct and not t.is_space]
        first, last = min(first, words[0]), max(last, words[-1])
        rest = _rest(draft, first, last, used, ctx.data)
        trail = [i for i in rest if i > verb.i]
        lead = [i for i in rest if i < person.i]
        phrase = finite("go", tense, False, negative=True) + " as planned"
        pieces: list[Piece] = []
        if lead:
            pieces += [*draft.phrase(lead), Piece(" ")]
        pieces.append(Piece(f"[specific commitment] {phrase}", True))
        if trail:
            pieces += [Piece(" "), *draft.phrase(trail)]
        affected_np = (
            pieces_of(_NOMINATIVE.get(affected.lower_, affected.lower_))
            if affected.pos_ == "PRON"
            else draft.phrase(t.i for t in affected.subtree)
        )
        if affected.lower_ in _NOMINATIVE or affected.pos_ == "PRON":
            affected_np = pieces_of(affected.lower_ if affected.lower_ != "i" else "me")
        pieces += [Piece(", which affected ", True), *affected_np]
        if not draft.block(first, last, pieces):
            return None
        return Applied("blame:commitment-and-impact")
    return None


# -- judgment and biased-trait -------------------------------------------------


def shape_judgment(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    content = [i for i in draft.content() if i not in draft.deleted]
    span = sorted(tokens)
    # A vocative insult ("You idiot, the hotfix went out"): drop it, keep the rest.
    if content and span[0] == content[0] and span[-1] + 1 < draft.n:
        nxt = doc[span[-1] + 1]
        remaining = [i for i in content if i > span[-1] + 1 and not doc[i].is_punct]
        if nxt.text in (",", ":", "—", "–", "!") and len(remaining) >= 3:
            draft.remove(span[0], span[-1])
            return Applied("judgment:drop-label")
    if content and span[-1] == max(i for i in content if not doc[i].is_punct):
        prev = span[0] - 1
        if prev >= 0 and doc[prev].text == ",":
            draft.remove(span[0], span[-1])
            return Applied("judgment:drop-label")
    trait = next((doc[i] for i in span if doc[i].pos_ in ("ADJ", "NOUN", "PROPN")), None)
    if trait is None:
        return None
    copula = governing_predicate(trait)
    person = _person_subject(copula, names=True)
    if person is None:
        label = trait.head if trait.dep_ in ("conj", "amod") else trait
        if label.dep_ in ("acomp", "attr", "oprd"):
            return _verdict_to_standard(draft, label, ctx)  # "your work is sloppy"
        return None
    situation = _situation(draft, [trait, *trait.conjuncts, trait.head, copula], ctx.data)
    first, last = _predicate_range(copula, draft)
    slot = situation or "[specific situation]"
    core = [Piece(f"In {slot}, [specific behaviour] led to [impact]", True)]
    rest_lead = [
        i
        for i in range(first, person.i)
        if not doc[i].is_space and doc[i].lower_ not in ctx.data.fillers and doc[i].dep_ != "punct"
    ]
    pieces = core
    if rest_lead and all(doc[i].ent_type_ in ("DATE", "TIME") for i in rest_lead):
        pieces = [
            *draft.phrase(rest_lead),
            Piece(", ", True),
            Piece(core[0].text[0].lower() + core[0].text[1:], True),
        ]
    if not draft.block(first, last, pieces):
        return None
    override = None
    if person.pos_ == "PROPN" and person.is_title:
        override = f"What would help {person.text} next time?"
    return Applied("judgment:behaviour-and-impact", override=override)


def _predicate_range(pred: Token, draft: Draft) -> tuple[int, int]:
    """The predicate with everything hanging on it except coordinated clauses."""
    skip: set[int] = set()
    for child in pred.children:
        if child.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            skip.update(t.i for t in child.subtree)
            skip.update(c.i for c in pred.children if c.dep_ == "cc" and c.i < child.i)
    ids = [t.i for t in pred.subtree if t.i not in skip and not draft.blank(t.i)]
    words = [i for i in ids if not draft.doc[i].is_punct]
    ids = sorted(draft.expand(words or ids))
    return ids[0], ids[-1]


def _situation(draft: Draft, anchors: Sequence[Token], data: RewriteData) -> str | None:
    seen: set[int] = set()
    for anchor in anchors:
        if anchor.i in seen:
            continue
        seen.add(anchor.i)
        for child in anchor.children:
            if child.dep_ != "prep" or child.lower_ not in data.situation_preps:
                continue
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            sub = list(obj.subtree)
            text = "".join(t.text_with_ws for t in sub).strip()
            latin = obj.lemma_.endswith(("um", "on")) and obj.lower_.endswith("a")
            if (
                obj.tag_ == "NNS"
                and not latin
                and all(t.dep_ in ("compound", "amod") for t in sub if t.i != obj.i)
            ):
                singular = " ".join([*(t.text for t in sub if t.i != obj.i), obj.lemma_])
                return f"[a specific {singular}]"
            return f"[a specific example {child.lower_} {text}]"
    return None


# -- absolute ------------------------------------------------------------------


def shape_absolute(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    adverbs = [doc[i] for i in tokens if doc[i].lower_ in ctx.data.absolutes]
    if not adverbs:
        return None
    if any(governing_predicate(a).pos_ not in ("VERB", "AUX") for a in adverbs):
        return None  # "Careless as always": no verb to make specific; the template fits
    for adverb in adverbs:
        predicate = governing_predicate(adverb)
        req = draft.request(predicate)
        req.past = True
        if adverb.lower_ == "never":
            req.negate = True
            req.suffix = ctx.data.occasions
        else:
            req.suffix = ctx.data.frequency
        draft.delete([adverb.i])
    return Applied("absolute:specific-occasions")


def apply_requests(draft: Draft, data: RewriteData) -> None:
    """Phase 3: clauses an absolute asked to become specific, if no shape rebuilt them."""
    doc = draft.doc
    for index, req in draft.requests.items():
        if req.consumed or draft.in_block(index):
            continue
        pred = doc[index]
        subject = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        plural = _plural(subject) if subject is not None else False
        auxes = [
            c
            for c in pred.children
            if c.dep_ in ("aux", "auxpass") and c.i < pred.i and c.lower_ != "to"
        ]
        target = auxes[0] if auxes else pred
        if target.lemma_ == "be":
            draft.edit(target.i, be_form(PAST, plural, req.negate))
        elif target.lemma_ == "have" and target is not pred:
            if req.negate:
                draft.edit(target.i, target.text + "n't")
        elif target.lemma_ == "do" and target is not pred:
            draft.edit(target.i, "didn't" if req.negate else "did")
        elif target.pos_ == "AUX" and target is not pred:
            pass  # modals: a hypothetical, left as it is
        elif req.negate:
            draft.edit(pred.i, f"didn't {pred.lemma_}")
        elif pred.tag_ != "VBD":
            draft.edit(pred.i, inflect(pred.lemma_, "VBD"))
        end_pred = pred
        for conj in pred.conjuncts:  # "you always overcommit and underdeliver"
            shares = not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
            if conj.i > pred.i and conj.pos_ == "VERB" and shares and not draft.in_block(conj.i):
                if not req.negate and conj.tag_ in ("VBP", "VBZ", "VB"):
                    draft.edit(conj.i, inflect(conj.lemma_, "VBD"))
                end_pred = conj
        if req.suffix:
            first, last = _clause_range(end_pred, draft)
            draft.insert_after(_before_vocative(draft, first, last), " " + req.suffix)
        req.consumed = True


def _before_vocative(draft: Draft, first: int, last: int) -> int:
    """The clause's end, before a closing ", Sam" or ", {{ name }}"."""
    doc = draft.doc
    commas = [i for i in range(first, last + 1) if doc[i].text == ","]
    if not commas:
        return last
    tail = [i for i in range(commas[-1] + 1, last + 1) if not draft.blank(i)]
    if tail and all(i in draft.groups or is_person(doc[i]) or doc[i].pos_ == "PROPN" for i in tail):
        return commas[-1] - 1
    return last


# -- harsh ---------------------------------------------------------------------

_RHETORICAL_CUES = ("kidding", "serious", "joking", "insane", "crazy", "blind", "drunk")


def shape_harsh(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    words = _lower_words(draft, tokens)
    span = sorted(tokens)
    if words and all(not doc[i].is_alpha for i in span):
        return _stacked_punctuation(draft, span)
    if _is_shouted(draft, span):
        for i in span:
            if doc[i].is_alpha and doc[i].text not in ctx.data.acronyms:
                draft.edit(i, doc[i].text.lower())
        return Applied("harsh:sentence-case", closing=False)
    if "thinking" in words and "what" in words and "you" in words:
        draft.block(span[0], span[-1], pieces_of("Can you walk me through your thinking"))
        _end_with_question(draft)
        return Applied("harsh:real-question", override="I'd like to understand what you saw.")
    if words[:1] in (["are"], ["were"]) and any(w in _RHETORICAL_CUES for w in words):
        others = [
            i
            for i in draft.content()
            if i not in span and not doc[i].is_punct and doc[i].lower_ not in ("me", "right")
        ]
        if not others:
            draft.whole = pieces_of("Can we look at this together?")
            return Applied("harsh:real-question", closing=False)
        return None
    if words[:1] in (["why"], ["how"]) and "you" in words:
        return _why_would_you(draft, span, ctx)
    if words == ["seriously", "?"] or words[:1] == ["seriously"]:
        others = [i for i in draft.content() if i not in span and not doc[i].is_punct]
        if not others:
            draft.whole = []
            return Applied("harsh:drop", closing=False)
        draft.remove(span[0], span[-1])
        return Applied("harsh:drop", closing=False)
    verdict = next(
        (doc[i] for i in span if doc[i].pos_ in ("ADJ", "NOUN") and doc[i].is_alpha), None
    )
    if verdict is None:
        return None
    if verdict.dep_ == "conj" and verdict.head.dep_ in ("acomp", "attr", "oprd", "amod"):
        verdict = verdict.head  # "unprofessional and embarrassing": rewrite the pair
    if verdict.dep_ == "amod":
        return _drop_modifier(draft, verdict)
    if verdict.dep_ in ("acomp", "attr", "oprd"):
        return _verdict_to_standard(draft, verdict, ctx)
    return None


def _is_shouted(draft: Draft, span: list[int]) -> bool:
    letters = [draft.doc[i].text for i in span if draft.doc[i].is_alpha]
    return len(letters) >= 2 and all(w.isupper() for w in letters)


def _stacked_punctuation(draft: Draft, span: list[int]) -> Applied:
    marks = "".join(draft.doc[i].text for i in span)
    draft.edit(span[0], "?" if "?" in marks else ".")
    draft.delete(span[1:])
    return Applied("harsh:one-mark", closing=False)


def _end_with_question(draft: Draft) -> None:
    content = [i for i in draft.content() if i not in draft.deleted]
    if content and draft.doc[content[-1]].text in (".", "!") and not draft.in_block(content[-1]):
        draft.edit(content[-1], "?")


def _why_would_you(draft: Draft, span: list[int], ctx: Ctx) -> Applied | None:
    doc = draft.doc
    you = next((doc[i] for i in span if doc[i].lower_ == "you"), None)
    if you is None or you.dep_ != "nsubj" or you.head.pos_ != "VERB":
        return None
    verb = you.head
    skip = {"why", "how", "ever", "even", "possibly", "earth"}
    negative = any(c.dep_ == "neg" for c in verb.children)
    tail = [t.i for t in verb.subtree if t.i > verb.i and not t.is_punct and t.i not in span]
    tail = [
        i
        for i in tail
        if doc[i].lower_ not in skip
        and not (doc[i].lower_ == "on" and i + 1 < draft.n and doc[i + 1].lower_ == "earth")
    ]
    phrase = ("not " if negative else "") + inflect(verb.lemma_, "VBG") + _particles(verb)
    tail = [i for i in tail if doc[i].dep_ != "prt"]
    pieces = [Piece(f"What led to {phrase}", True)]
    if tail:
        pieces += [Piece(" "), *draft.phrase(tail)]
    pieces.append(Piece("?", True))
    draft.whole = tidy(pieces)
    return Applied("harsh:real-question", override="I'd like to understand the constraints.")


def _drop_modifier(draft: Draft, adjective: Token) -> Applied:
    doc = draft.doc
    gone = {adjective.i} | {c.i for c in adjective.children if c.dep_ in ("advmod", "punct")}
    draft.delete(gone)
    det = next((c for c in adjective.head.children if c.dep_ == "det" and c.i < adjective.i), None)
    if det is not None and det.lower_ in ("a", "an"):
        following = next(
            (
                doc[i]
                for i in range(det.i + 1, draft.n)
                if i not in draft.deleted and doc[i].is_alpha
            ),
            None,
        )
        if following is not None:
            article = _article_for(following.text)
            draft.edit(det.i, article.capitalize() if det.text[0].isupper() else article)
    return Applied("harsh:drop-verdict")


def _verdict_to_standard(draft: Draft, verdict: Token, ctx: Ctx) -> Applied | None:
    copula = governing_predicate(verdict)
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None or is_person(subject) or is_second_person(subject):
        return None
    tense = tense_of(copula) if copula.lemma_ in ("be", "have") else PRESENT
    first, last = _predicate_range(copula, draft)
    kept: set[int] = set()  # what the verdict does not cover: "since you joined", "and must stop"
    for child in copula.children:
        if child.i > verdict.i and (
            child.dep_ in ("advcl", "prep", "npadvmod")
            or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"))
        ):
            kept.update(t.i for t in child.subtree)
            kept.update(c.i for c in copula.children if c.dep_ == "cc" and c.i < child.i)
    used = {i for i in range(subject.left_edge.i, last + 1) if i not in kept}
    if any(draft.doc[i].is_alpha for i in kept) and not kept & {last}:
        used = {i for i in used if i <= max(verdict.subtree, key=lambda t: t.i).i}
    used |= {c.i for c in copula.children if c.dep_ in ("neg", "advmod") and c.i < verdict.i}
    event = subject.dep_ == "csubj" or subject.pos_ == "VERB" or subject.tag_ == "VBG"
    if event:
        core = [*_np(draft, subject), Piece(" meant [impact]", True)]
    else:
        phrase = finite("meet", tense, _plural(subject), negative=True)
        core = [*_np(draft, subject), Piece(f" {phrase} {ctx.data.standard}", True)]
    if not _assemble(draft, first, last, used, core, ctx.data):
        return None
    return Applied("harsh:gap-to-standard")


# -- condescension -------------------------------------------------------------


def shape_condescension(
    draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = _lower_words(draft, span)
    if len(span) == 1 and doc[span[0]].pos_ == "ADV":
        draft.remove(span[0], span[0])
        return Applied("condescension:drop-adverb", closing=False)
    if words[:1] == ["even"]:
        subject = next((doc[i] for i in span if doc[i].dep_ in ("nsubj", "nsubjpass")), None)
        verb = subject.head if subject is not None and subject.head.pos_ == "VERB" else None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb else None
        if verb is None or obj is None:
            return None
        first, last = _clause_range(verb, draft)
        used = set(span) | _consumed([obj]) | {verb.i}
        used |= _consumed(c for c in verb.children if c.dep_ in ("nsubj", "aux", "neg"))
        phrase = be_form(PAST, _plural(obj), negative=True) + " " + inflect(verb.lemma_, "VBN")
        core = [*_np(draft, obj), Piece(f" {phrase}{_particles(verb)}", True)]
        if not _assemble(draft, first, last, used, core, ctx.data):
            return None
        override = None
        if verb.lemma_ in ("catch", "spot", "see", "find", "notice"):
            override = f"What would help us {verb.lemma_} issues like this earlier?"
        return Applied("condescension:what-was-missed", override=override)
    if words[:1] == ["any"]:
        verb = next((doc[i] for i in span if doc[i].lemma_ in ("would", "should", "could")), None)
        head = verb.head if verb is not None else None
        if head is None:
            return None
        task = next((c for c in head.children if c.dep_ == "xcomp"), None)
        if head.lemma_ == "know" and task is None:
            return None
        task = task or head
        ids = [
            t.i
            for t in task.subtree
            if t.i != task.i
            and not (t.dep_ in ("aux", "auxpass", "nsubj") and t.i < task.i)
            and not t.is_punct
            and t.i not in span
        ]
        pieces = [Piece(f"We need to {task.lemma_}{_particles(task)} ", True)]
        pieces += draft.phrase(i for i in ids if doc[i].dep_ != "prt")
        pieces.append(Piece(", because [reason].", True))
        draft.whole = tidy(pieces)
        return Applied("condescension:teach-the-point")
    if any(w in ("basic", "elementary", "trivial", "101") for w in words):
        subject = next((doc[i] for i in span if doc[i].dep_ == "nsubj"), None)
        if subject is None:
            return None
        words_in_span = [i for i in span if not doc[i].is_punct]
        core = [*_np(draft, subject), Piece(" needs [change] because [reason]", True)]
        if not draft.block(subject.left_edge.i, words_in_span[-1], core):
            return None
        return Applied("condescension:teach-the-point")
    first_word = draft.first_word()
    if words[:1] in (["everyone"], ["everybody"], ["anyone"], ["anybody"]) and (
        first_word is not None and span[0] == first_word
    ):
        remaining = [i for i in draft.content() if i > span[-1] and not doc[i].is_punct]
        if len(remaining) < 3:
            return None
        draft.remove(span[0], span[-1])
        return Applied("condescension:drop-comparison")
    return None


# -- passive-aggressive --------------------------------------------------------


def shape_passive_aggressive(
    draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx
) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = _lower_words(draft, span)
    content = [i for i in draft.content() if i not in draft.deleted]
    if "actually" in words and len(span) <= 3:
        draft.delete(i for i in span if doc[i].lower_ == "actually")
        return Applied("passive-aggressive:drop-scorekeeping")
    teller = next(
        (
            t
            for t in doc
            if t.lemma_ in ("tell", "remind", "ask", "say", "explain") and t.i >= span[0]
        ),
        None,
    )
    task = next((c for c in teller.children if c.dep_ == "xcomp"), None) if teller else None
    scorekeeping = any(w in ("times", "have", "should", "shouldn't") for w in words)
    if teller is not None and task is None and scorekeeping:
        return _restate_topic(draft, teller)
    if task is not None and scorekeeping:
        ids = [
            i
            for i in range(task.i, draft.n)
            if not doc[i].is_space and not (doc[i].is_punct and i == content[-1])
        ]
        ids = [i for i in ids if not (doc[i].dep_ == "aux" and doc[i].lower_ == "to")]
        draft.whole = tidy([Piece("Please ", True), *draft.phrase(ids), Piece(".", True)])
        return Applied("passive-aggressive:restate-the-ask")
    # A scorekeeping aside at the start ("Per my last email, ...") or between commas.
    head_words = [i for i in content if not doc[i].is_punct]
    if head_words and span[0] <= head_words[0] + 1:
        comma = next((i for i in content if i >= span[-1] and doc[i].text in (",", ":", "—")), None)
        if comma is not None and comma - span[0] <= 10:
            rest = [i for i in content if i > comma and not doc[i].is_punct]
            if len(rest) >= 2:
                draft.delete(range(content[0], comma + 1))
                return Applied("passive-aggressive:drop-scorekeeping")
    before = span[0] - 1
    if before >= 0 and doc[before].text == ",":
        after = next(
            (i for i in content if i > span[-1] and doc[i].text in (",", ".", "!", "?")), None
        )
        if after is not None and after - span[-1] <= 4:
            draft.remove(span[0], after - 1 if doc[after].text == "," else span[-1])
            return Applied("passive-aggressive:drop-scorekeeping")
    return None


def _restate_topic(draft: Draft, teller: Token) -> Applied | None:
    """ "I shouldn't have to explain why we write tests" → "Here's why we write tests: [...]"."""
    doc = draft.doc
    wh = next(
        (
            c
            for c in teller.children
            if c.dep_ in ("ccomp", "xcomp") and c.left_edge.tag_ in ("WRB", "WP", "WDT")
        ),
        None,
    )
    about = next(
        (c for c in teller.children if c.dep_ == "prep" and c.lower_ in ("about", "regarding")),
        None,
    )
    if wh is not None:
        ids = [t.i for t in wh.subtree if not t.is_punct]
        gap = "[the reason, in one sentence]" if wh.left_edge.lower_ == "why" else "[the point]"
        pieces = [Piece("Here's ", True), *draft.phrase(ids), Piece(f": {gap}.", True)]
    elif about is not None:
        ids = [t.i for t in about.subtree if t.i != about.i and not t.is_punct]
        if not ids:
            return None
        pieces = [Piece("About ", True), *draft.phrase(ids), Piece(": [the point].", True)]
    else:
        return None
    if any(doc[i].is_alpha for i in ids):
        draft.whole = tidy(pieces)
        return Applied("passive-aggressive:restate-the-point")
    return None


# -- shaming -------------------------------------------------------------------


def shape_shaming(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = _lower_words(draft, span)
    if len(span) == 1 and words[0].startswith("@"):
        others = [f for f in ctx.findings if f is not finding and f.category != "shaming"]
        if others:
            draft.remove(span[0], span[0])
            return Applied("shaming:drop-mention", closing=False)
    if "example" in words:
        of = next((doc[i] for i in span if doc[i].lower_ == "of"), None)
        target = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if target is None:
            target = next((t for t in doc if t.i > span[-1] and is_person(t)), None)
        if target is not None and is_second_person(target):
            draft.whole = pieces_of("Let's talk one-to-one about [incident].")
            return Applied("shaming:one-to-one")
        if target is not None and (is_person(target) or target.pos_ == "PROPN"):
            name = target.text
            draft.whole = pieces_of(
                f"I'd like to talk with {name} one-to-one about [incident], and we'll share "
                "what we learn with the team, without names."
            )
            return Applied("shaming:one-to-one", closing=False)
        return None
    if finding.name in ctx.data.rule_templates:
        return None
    named = [
        t
        for t in doc
        if t.pos_ == "PROPN"
        and is_person(t)
        and t.i not in span
        and not t.lower_.startswith("@")
        and t.ent_type_ in ("PERSON", "")
    ]
    ask = "Can we talk about this one-to-one?"
    if named:
        ask = f"{named[0].text}, can we talk about this one-to-one?"
    pieces = [Piece(ask, True)]
    because = next(
        (
            t
            for t in doc
            if t.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "because" for c in t.children)
        ),
        None,
    )
    if because is not None:
        ids = [t.i for t in because.subtree if not (t.dep_ == "mark" and t.lower_ == "because")]
        ids = [i for i in ids if not doc[i].is_punct and not doc[i].is_space]
        reason = tidy(draft.phrase(ids))
        if reason:
            pieces += [Piece(" "), *reason]
    draft.whole = pieces
    return Applied("shaming:one-to-one")


# -- threat --------------------------------------------------------------------


def shape_threat(draft: Draft, tokens: list[int], finding: Finding, ctx: Ctx) -> Applied | None:
    doc = draft.doc
    span = sorted(tokens)
    words = _lower_words(draft, span)
    if words[:2] != ["or", "else"]:
        return None
    content = [i for i in draft.content() if i not in draft.deleted]
    end = content[-1]
    last = end - 1 if doc[end].is_punct else end
    draft.remove(span[0], max(last, span[-1]))
    kept = [i for i in content if i < span[0] and not doc[i].is_punct]
    if len(kept) < 2:
        return None
    first = kept[0]
    root = doc[first]
    imperative = (
        root.pos_ == "VERB"
        and root.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
    )
    if imperative and root.lower_ != "please":
        draft.edit(first, "Please " + root.text.lower())
    return Applied("threat:expectation-and-support")


SHAPES: dict[str, Shape] = {
    "blame": shape_blame,
    "judgment": shape_judgment,
    "biased-trait": shape_judgment,
    "absolute": shape_absolute,
    "harsh": shape_harsh,
    "condescension": shape_condescension,
    "passive-aggressive": shape_passive_aggressive,
    "shaming": shape_shaming,
    "threat": shape_threat,
}
# Shapes that only mark tokens run first, so that the clause shapes see their edits.
MARK_CATEGORIES = ("absolute", "condescension", "passive-aggressive")


# --------------------------------------------------------------------------- sentences


def _tokens_for(doc: Doc, base: int, finding: Finding) -> list[int]:
    lo, hi = finding.start - base, finding.end - base
    return [t.i for t in doc if t.idx < hi and t.idx + len(t.text) > lo and not t.is_space]


def _template(category: str, rule_name: str, data: RewriteData) -> list[Piece]:
    text = data.rule_templates.get(rule_name) or data.style(category).template
    return pieces_of(text)


def dominant(findings: Sequence[Finding], data: RewriteData) -> Finding:
    return min(findings, key=lambda f: (data.style(f.category).priority, f.start))


def _applicability(body: Sequence[Piece], closing: str | None, findings: Sequence[Finding]) -> str:
    generated = "".join(p.text for p in body if p.generated) + (closing or "")
    if PLACEHOLDER.search(generated):
        return "display-only"
    if closing is None and all(f.applicability == "safe" for f in findings):
        return "safe"
    return "unsafe"


def rewrite_sentence(
    sentence: FlaggedSentence,
    findings: Sequence[Finding],
    source_text: str,
    *,
    force_template: bool = False,
) -> SentenceRewrite:
    """One rewritten sentence for all the findings in it (before verification)."""
    data = load_rewrite_data()
    draft = Draft(sentence.doc, source_text, sentence.base, sentence.start)
    ordered = sorted(
        findings,
        key=lambda f: (
            f.category not in MARK_CATEGORIES,
            data.style(f.category).priority,
            f.start,
        ),
    )
    ctx = Ctx(draft=draft, data=data, findings=findings)
    applied: list[tuple[Finding, Applied]] = []
    failed: Finding | None = None
    if not force_template:
        for finding in ordered:
            tokens = _tokens_for(sentence.doc, sentence.base, finding)
            if tokens and all(draft.in_block(i) or i in draft.deleted for i in tokens):
                applied.append((finding, Applied("covered", closing=False)))
                continue  # an earlier shape already rewrote these words
            shape = SHAPES.get(finding.category)
            result = shape(draft, tokens, finding, ctx) if shape and tokens else None
            if result is None:
                failed = finding
                break
            applied.append((finding, result))
            if draft.whole is not None:
                break
        apply_requests(draft, data)
    if force_template or failed is not None:
        lead = failed or dominant(findings, data)
        body = _template(lead.category, lead.name, data)
        applied = [(lead, Applied("template", closing=lead.name not in data.rule_templates))]
    else:
        body = draft.render()
    closing_from = [(f, a) for f, a in applied if a.closing]
    closing: str | None = None
    category = dominant(findings, data).category
    if closing_from:
        lead_finding, lead_applied = min(
            closing_from, key=lambda fa: (data.style(fa[0].category).priority, fa[0].start)
        )
        category = lead_finding.category
        closings = data.style(category).closings
        closing = lead_applied.override or (closings[0] if closings else None)
    return SentenceRewrite(
        path=findings[0].path,
        start=sentence.start,
        end=sentence.end,
        original=source_text[sentence.start : sentence.end],
        body=tuple(body),
        closing=closing,
        category=category,
        rules=tuple(sorted({f.rule for f in findings})),
        shapes=tuple(a.shape for _, a in applied),
        paragraph=sentence.paragraph,
        applicability=_applicability(body, closing, findings),
    )


def rewrite_sentences(
    source_text: str,
    findings: Sequence[Finding],
    sentences: Sequence[FlaggedSentence],
    linter: Linter | None = None,
) -> list[SentenceRewrite]:
    """Rewrites for every flagged sentence, each checked by linting it again."""
    from restorelint.sources import Source

    drafts: list[tuple[FlaggedSentence, list[Finding], SentenceRewrite]] = []
    for sentence in sentences:
        # A finding belongs to every sentence it reaches into (shouting can run on).
        inside = [f for f in findings if f.start < sentence.end and sentence.start < f.end]
        if inside:
            drafts.append((sentence, inside, rewrite_sentence(sentence, inside, source_text)))
    if linter is None or not drafts:
        return [r for _, _, r in drafts]
    for _attempt in range(2):
        texts = [r.text for _, _, r in drafts]
        results = linter.lint([Source(f"<rewrite {k}>", t) for k, t in enumerate(texts)])
        flagged = {int(f.path[len("<rewrite ") : -1]) for f in results}
        if not flagged:
            break
        for k in flagged:
            sentence, inside, _ = drafts[k]
            drafts[k] = (
                sentence,
                inside,
                rewrite_sentence(sentence, inside, source_text, force_template=True),
            )
    return [r for _, _, r in drafts]


# --------------------------------------------------------------------------- messages


@dataclass(frozen=True)
class ComposedMessage:
    """The whole message with its flagged sentences rewritten.

    ``generated`` lists the [start, end) spans of ``text`` restorelint wrote;
    ``placeholders`` the spans of the [placeholders] to fill in.
    """

    text: str
    generated: tuple[tuple[int, int], ...]
    placeholders: tuple[tuple[int, int], ...]


def choose_closings(rewrites: Sequence[SentenceRewrite]) -> dict[int, str]:
    """One closing per paragraph, by category precedence, none repeated in a message.

    Returns {index of the rewrite it follows: closing}.
    """
    data = load_rewrite_data()
    used: set[str] = set()
    chosen: dict[int, str] = {}
    paragraphs: dict[int, list[int]] = {}
    for k, r in enumerate(rewrites):
        paragraphs.setdefault(r.paragraph, []).append(k)
    for members in paragraphs.values():
        wanting = [k for k in members if rewrites[k].closing]
        nonempty = [k for k in members if rewrites[k].body_text]
        if not wanting or not nonempty:
            continue
        lead = min(wanting, key=lambda k: (data.style(rewrites[k].category).priority, k))
        rewrite = rewrites[lead]
        options = [rewrite.closing or "", *data.style(rewrite.category).closings]
        closing = next((c for c in options if c and c not in used), None)
        after = nonempty[-1]
        last_body = rewrites[after].body_text.rstrip()
        if closing is None or (closing.endswith("?") and last_body.endswith("?")):
            continue
        used.add(closing)
        chosen[after] = closing
    return chosen


def _without_repeats(rewrites: Sequence[SentenceRewrite]) -> list[SentenceRewrite]:
    """A template said once is enough: a later identical one is dropped."""
    seen: set[str] = set()
    out = []
    for rewrite in sorted(rewrites, key=lambda r: r.start):
        text = rewrite.body_text
        if text and all(p.generated for p in rewrite.body) and text in seen:
            rewrite = replace(rewrite, body=())
        seen.add(text)
        out.append(rewrite)
    return out


def _ends_sentence(text: str, offset: int) -> bool:
    tail = text[:offset].rstrip("\"'”’)*_")
    return bool(tail) and tail[-1] in ".!?…"


def _parts(
    text: str, rewrites: Sequence[SentenceRewrite], anchors: Mapping[int, int] | None = None
) -> list[tuple[int, int, list[Piece]]]:
    """(start, end, pieces): each rewritten sentence, and each paragraph's closing.

    A closing goes at the end of its paragraph (``anchors``: paragraph → offset
    after its last sentence) when that ends a sentence, else right after the
    last rewritten sentence.
    """
    ordered = _without_repeats(rewrites)
    closings = choose_closings(ordered)
    parts: list[tuple[int, int, list[Piece]]] = []
    cursor = 0
    for k, rewrite in enumerate(ordered):
        start, end = rewrite.start, rewrite.end
        if start < cursor:
            continue
        pieces = list(rewrite.body)
        if k in closings:
            closing = Piece(" " + closings[k], True)
            anchor = (anchors or {}).get(rewrite.paragraph)
            if anchor is not None and anchor > end and _ends_sentence(text, anchor):
                parts.append((anchor, anchor, [closing]))
            else:
                pieces.append(closing)
        if not pieces:
            start, end = _swallow_space(text, start, end)
        parts.append((start, end, pieces))
        cursor = end
    return sorted(parts, key=lambda part: (part[0], part[1]))


def compose_edits(
    text: str, rewrites: Sequence[SentenceRewrite], anchors: Mapping[int, int] | None = None
) -> list[tuple[int, int, str]]:
    """The rewrites as plain edits (start, end, new text) on the message."""
    parts = _parts(text, rewrites, anchors)
    return [(s, e, "".join(p.text for p in pieces)) for s, e, pieces in parts]


def compose(
    text: str, rewrites: Sequence[SentenceRewrite], anchors: Mapping[int, int] | None = None
) -> ComposedMessage:
    """The whole message with every flagged sentence replaced by its rewrite."""
    out: list[str] = []
    generated: list[tuple[int, int]] = []
    placeholders: list[tuple[int, int]] = []
    length = 0

    def emit(chunk: str, made: bool) -> None:
        nonlocal length
        if made and chunk:
            generated.append((length, length + len(chunk)))
            placeholders.extend(
                (length + m.start(), length + m.end()) for m in PLACEHOLDER.finditer(chunk)
            )
        out.append(chunk)
        length += len(chunk)

    cursor = 0
    for start, end, pieces in _parts(text, rewrites, anchors):
        emit(text[cursor:start], False)
        for piece in pieces:
            emit(piece.text, piece.generated)
        cursor = end
    emit(text[cursor:], False)
    return ComposedMessage("".join(out), tuple(generated), tuple(placeholders))


def _swallow_space(text: str, start: int, end: int) -> tuple[int, int]:
    """A deleted sentence takes the spaces before it (or after it, at a line start)."""
    s = start
    while s > 0 and text[s - 1] in " \t":
        s -= 1
    if s > 0 and text[s - 1] != "\n":
        return s, end
    e = end
    while e < len(text) and text[e] in " \t":
        e += 1
    return start, e


def highlight(message: ComposedMessage, color: bool) -> str:
    """The composed text with placeholders in colour (on a terminal only)."""
    if not color or not message.placeholders:
        return message.text
    import click

    out: list[str] = []
    cursor = 0
    for start, end in message.placeholders:
        out.append(message.text[cursor:start])
        out.append(click.style(message.text[start:end], fg="yellow", bold=True, underline=True))
        cursor = end
    out.append(message.text[cursor:])
    return "".join(out)
