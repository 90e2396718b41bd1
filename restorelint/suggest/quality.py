"""Is a rewrite one a writer could paste? Two checks the verify stage runs on every
rewrite, and the rewrite benchmark reports:

- faithful: every fact of the original sentence outside the punitive words is
  still there: code spans, URLs, quoted text, template expressions, numbers, and
  the nouns and names that say what the work is (people excepted: moving the
  person out of the agent's seat is the point of most rewrites);
- grammatical: one line, no doubled word, balanced brackets and quotes, a
  capital and a full stop, no space before punctuation, a verb in every
  sentence, subject and verb agreeing in number (read from spaCy's morphology of
  the re-parsed rewrite), and "a"/"an" before the right sound.

Both are conservative: a check that is unsure says nothing, so what it reports
is worth a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import governing_predicate
from restorelint.suggest.pieces import PLACEHOLDER, template_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CODE = re.compile(r"`[^`\n]+`")
_URL = re.compile(r"\bhttps?://[^\s<>()\[\]\"'`]+[^\s<>()\[\]\"'`.,;:!?]")
_QUOTED = re.compile(r'"[^"\n]{1,200}"|“[^”\n]{1,200}”')
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.:/%-]*\d?(?![\w])")
_DOUBLED = re.compile(r"\b(\w+)(?:\s+\1)+\b", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\s[,.;:!?](?!\w)")
_TERMINAL = re.compile(r"[.!?…]['\"”’)\]*_`]*$")
_PAIRS = ("()", "[]", "{}", "“”")
_VOWEL_SOUND = re.compile(r"\ban\s+(?=[bcdfghjklmnpqrstvwxz])|\ba\s+(?=[aeio])", re.IGNORECASE)
# Number agreement: the verb forms that mark it (spaCy's fine tags).
_SINGULAR_VERB, _PLURAL_VERB = "VBZ", "VBP"


@dataclass(frozen=True)
class Fact:
    text: str
    kind: str  # code, url, quote, template, number, word


def facts(doc: Doc, punitive: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    """The facts of a sentence (``doc`` is the sentence alone); ``punitive`` are the
    [start, end) character spans of its findings, whose words need not survive.
    Fillers ("tbh") and the words that name no topic ("a bit", "this") are not
    facts (rules/_rewrite.yaml)."""
    from restorelint.catalog.rewrite import load_rewrite_data

    data = load_rewrite_data()
    not_facts = data.fillers | data.grammar.not_topics
    text = doc.text
    found: list[Fact] = []
    taken: list[tuple[int, int]] = []
    spans: list[tuple[str, tuple[int, int]]] = [("code", m.span()) for m in _CODE.finditer(text)]
    spans += [("url", m.span()) for m in _URL.finditer(text)]
    spans += [("template", span) for span in template_spans(text)]
    spans += [("quote", m.span()) for m in _QUOTED.finditer(text)]
    spans += [("number", m.span()) for m in _NUMBER.finditer(text)]
    for kind, span in spans:
        if _inside(span, taken):
            continue
        taken.append(span)
        if not _inside(span, punitive):
            found.append(Fact(text[span[0] : span[1]], kind))
    for token in doc:
        span = (token.idx, token.idx + len(token.text))
        if (
            token.pos_ in ("NOUN", "PROPN")
            and token.text.isalnum()
            and any(c.isalpha() for c in token.text)
            and len(token.text) > 1
            and not token.is_stop
            and token.lower_ not in not_facts
            and not is_person(token)
            and not is_second_person(token)
            and not verdict_noun(token)
            and not _overlaps(span, taken)
            and not _overlaps(span, punitive)
        ):
            found.append(Fact(token.text, "word"))
    return found


def verdict_noun(token: Token) -> bool:
    """ "She is a mediocre designer": the noun after the copula is the verdict on the
    person, part of the judgment, not something the sentence is about."""
    if token.dep_ not in ("attr", "acomp", "oprd"):
        return False
    predicate = governing_predicate(token)
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (is_person(c) or is_second_person(c) or c.pos_ == "PROPN")
        for c in predicate.children
    )


def missing_facts(original: Iterable[Fact], rewrite: str) -> list[Fact]:
    """The facts ``rewrite`` lost (words compared case-insensitively, as words)."""
    lowered = rewrite.lower()
    words = set(re.findall(r"[\w'-]+", lowered)) | set(re.findall(r"\w+", lowered))
    out = []
    for fact in original:
        if fact.kind == "word":
            if fact.text.lower() not in words:
                out.append(fact)
        elif fact.text not in rewrite:
            out.append(fact)
    return out


def grammar_problems(text: str, doc: Doc | None = None, original: str = "") -> list[str]:
    """What is wrong with ``text`` as one or two well-formed sentences; ``doc`` is its
    parse (for the verb and agreement checks; without it those are skipped). A
    sentence of ``text`` that is the writer's own words from ``original`` keeps the
    writer's grammar: the parse checks leave it alone."""
    problems = []
    plain = PLACEHOLDER.sub("X", text)
    if "\n" in text.strip():
        problems.append("line break inside the rewrite")
    doubled = [m.group(0) for m in _DOUBLED.finditer(plain) if not m.group(1).isdigit()]
    if doubled:
        problems.append(f"doubled word: {doubled[0]!r}")
    for opening, closing in _PAIRS:
        if plain.count(opening) != plain.count(closing):
            problems.append(f"unbalanced {opening}{closing}")
    if plain.count('"') % 2:
        problems.append('unbalanced "')
    visible = plain.lstrip(" \"'“‘(*_#>")
    if visible[:1].isalpha() and not visible[:1].isupper():
        problems.append("no capital at the start")
    if not _TERMINAL.search(plain.rstrip()):
        problems.append("no full stop at the end")
    if _SPACE_BEFORE.search(_without_code(plain)):
        problems.append("space before punctuation")
    if _VOWEL_SOUND.search(plain):
        problems.append("a/an before the wrong sound")
    if doc is not None:
        problems += _parse_problems(doc, _squash(original))
    return problems


def _squash(text: str) -> str:
    return " ".join(re.findall(r"[\w'-]+", text.lower()))


def _parse_problems(doc: Doc, original: str) -> list[str]:
    from restorelint.catalog.rewrite import load_rewrite_data

    g = load_rewrite_data().grammar
    problems = []
    own = [s for s in doc.sents if original and _squash(s.text).rstrip(".?!") in original]
    skip = {t.i for s in own for t in s}
    for sent in doc.sents:
        if sent.start in skip:
            continue
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if not words or any(PLACEHOLDER.fullmatch(t.text) for t in words):
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in words) and len(words) > 3:
            problems.append(f"no verb in {sent.text!r}")
    for token in doc:
        if token.i in skip:
            continue
        if token.dep_ == "pobj" and token.pos_ == "ADJ":
            problems.append(f"adjective as object {token.text!r}")  # "talk about careless"
        if (
            token.tag_ == "VB"
            and token.i > 0
            and doc[token.i - 1].pos_ in ("NOUN", "PROPN")
            and token.dep_ in ("advcl", "dep", "dobj", "attr", "npadvmod")
            and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in token.children)
        ):
            problems.append(f"bare verb {token.text!r}")  # "the staging broke deploy again"
    for sent in doc.sents:
        if sent.start in skip:
            continue
        root = sent.root
        if root.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
            problems.append(f"no subject for {root.text!r}")  # "Caught this bug."
        finite = root.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in root.children
        )
        subjectless = not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children
        )
        opening = sent[0].tag_ in ("VB", "MD", "WRB", "WP", "VBZ", "VBP")
        if finite and root.pos_ in ("VERB", "AUX") and subjectless and not opening:
            problems.append(f"no subject for {root.text!r}")  # "could have caught this bug."
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if (
            words
            and words[-1].pos_ in ("ADP", "CCONJ", "DET", "SCONJ")
            and words[-1].dep_ != "prt"
            and len(words) > 1
        ):
            problems.append(f"dangling {words[-1].text!r}")  # "your comments read as."
    for token in doc:
        if token.i in skip or token.dep_ not in ("nsubj", "nsubjpass") or "[" in token.text:
            continue
        if any(c.dep_ == "conj" for c in token.children):
            continue
        number = token.morph.get("Number")
        person = token.morph.get("Person")
        if not number or (person and person != ["3"]):
            continue
        head = token.head
        finite = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
        verb = finite[0] if finite else head
        if verb.lemma_ not in (g.be, g.have, g.do):
            continue  # the forms a rewrite generates; other verbs are the writer's
        verb_number = verb.morph.get("Number")
        if verb.tag_ in (_SINGULAR_VERB, _PLURAL_VERB):
            verb_number = ["Plur"] if verb.tag_ == _PLURAL_VERB else ["Sing"]
        if verb_number and verb_number != number:
            problems.append(f"agreement: {token.text!r} with {verb.text!r}")
    return problems


def _without_code(text: str) -> str:
    return _CODE.sub("X", _URL.sub("X", text))


def _inside(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def rewrite_problems(
    original: Doc, punitive: Sequence[tuple[int, int]], rewrite: str, parsed: Doc
) -> list[str]:
    """Everything that keeps a rewrite from being pasted as it is: lost facts and
    grammar (``parsed`` is the rewrite's own parse)."""
    lost = [f"lost {fact.text!r}" for fact in missing_facts(facts(original, punitive), rewrite)]
    return lost + grammar_problems(rewrite, parsed, original.text)
