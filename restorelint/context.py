"""Filter by context: decide when a rule's match is not punitive here.

Each filter is a small function of (match, doc, segment) and reads its word
lists from rules/_context.yaml. Which filters apply to a rule comes from the
filter's ``applies_to`` categories, adjusted by the rule's own ``context``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from restorelint.lexicon import Lexicon, is_person, is_second_person, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from restorelint.matcher import RawMatch
    from restorelint.rules import Rule
    from restorelint.segment import Segment

ContextFilter = Callable[["RawMatch", "Doc", "Segment", Lexicon], bool]

# Straight double quotes, curly quotes, and single quotes that open at a word
# start and close at a word end (so apostrophes in "don't" are not quotes).
_QUOTED = re.compile(
    r'"[^"\n]{1,400}"|“[^”\n]{1,400}”|‘[^’\n]{1,400}’|(?<![\w])\'(?=\w)[^\'\n]{1,400}(?<=[\w.!?,])\'(?!\w)'
)
_CODE_LIKE = re.compile(r"[_/\\]|\(\)|\w\.\w|^[a-z]+[A-Z]\w*$|^--?\w")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
_CLAUSE_BREAKS = ("conj", "advcl", "ccomp", "parataxis", "relcl", "cc")
# Negation reaches down into complement clauses but not across these.
_SCOPE_BREAKS = ("conj", "advcl", "parataxis", "relcl", "cc", "acl")


def governing_predicate(token: Token) -> Token:
    """The nearest verb or auxiliary at or above the token (its clause's head)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def subjects(predicate: Token) -> list[Token]:
    found = [c for c in predicate.children if c.dep_ in _SUBJECT_DEPS]
    if not found and predicate.dep_ in ("conj", "xcomp") and predicate.head.i != predicate.i:
        return subjects(predicate.head)  # "Sam planned and failed": shared subject
    return found


def clause(predicate: Token) -> list[Token]:
    """The predicate's subtree without coordinated clauses ("you always come
    prepared, but you never test" holds two separate claims)."""
    out: list[Token] = []
    stack = [predicate]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("conj", "cc", "parataxis"))
    return out


def _scope(tokens: Iterable[Token]) -> list[Token]:
    """The tokens and the heads above them, up to the edge of their clause chain.

    Complement clauses inherit their head's negation ("I don't think you were
    careless"); adverbial, coordinated and relative clauses do not ("As I said,
    we don't merge without review").
    """
    seen: dict[int, Token] = {}
    for token in tokens:
        current = token
        while current.i not in seen:
            seen[current.i] = current
            if current.dep_ in _SCOPE_BREAKS or current.head.i == current.i:
                break
            current = current.head
    return list(seen.values())


def _matched(match: RawMatch, doc: Doc) -> list[Token]:
    return [doc[i] for i in match.tokens]


def _sentence(match: RawMatch, doc: Doc) -> Span:
    return doc[match.start].sent


def negated(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    own = set(match.tokens)
    negative_subjects = lex.words("negation", "negative_subjects")
    for token in _scope(_matched(match, doc)):
        for child in token.children:
            if child.i in own:
                continue
            if child.dep_ == "neg":
                return True
            if child.dep_ in _SUBJECT_DEPS and (
                child.lower_ in negative_subjects
                or any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
            ):
                return True  # "nobody thinks…", "no one is blaming you"
            if child.dep_ == "det" and child.lower_ == "no" and token.i in own:
                return True
    return False


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def quoted(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    if segment.quoted:
        return True
    first, last = doc[match.start].idx, doc[match.end - 1].idx + len(doc[match.end - 1])
    line_start = doc.text.rfind("\n", 0, first) + 1
    if doc.text[line_start:first].lstrip().startswith(">"):
        return True  # a quoted line inside a reply
    return any(start <= first and last <= end for start, end in quoted_spans(doc.text))


def self_reference(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    tokens = _matched(match, doc)
    if any(t.lower_ in lex.first_person for t in tokens if t.dep_ in (*_SUBJECT_DEPS, "poss")):
        return True
    if any(is_person(t) for t in tokens if t.dep_ in (*_SUBJECT_DEPS, "poss")):
        return False  # the rule itself named who it is about
    for token in tokens:
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in lex.first_person:
                return True  # "my fault", "our mistake"
        subs = subjects(governing_predicate(token))
        if subs and all(s.lower_ in lex.first_person for s in subs):
            return True
    return False


def hypothetical(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    marks, modals = lex.words("hypothetical", "marks"), lex.words("hypothetical", "modals")
    generic_verbs = lex.words("hypothetical", "generic_verbs")
    conditions = lex.words("hypothetical", "conditions")
    for token in _matched(match, doc):
        predicate = governing_predicate(token)
        for child in predicate.children:
            if child.dep_ == "mark" and child.lower_ in marks:
                return True
            if (
                child.dep_ == "advmod"
                and child.lower_ in ("when", "whenever")
                and child.i < predicate.i
            ):
                return True
            if child.dep_ == "aux" and child.lower_ in modals and child.i not in match.tokens:
                return True
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in conditions for g in child.children
            ):
                return True  # "you always get a 401 if the token has expired"
        if predicate.lemma_.lower() in generic_verbs:
            return True  # "you never need to restart it": generic "you"
    return False


def question(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    sent = _sentence(match, doc)
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words or not sent.text.rstrip().endswith("?"):
        return False
    return words[0].pos_ == "AUX" and words[0].lower_ not in ("why",)


def technical(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    nouns, prefixes = lex.words("technical", "nouns"), lex.words("technical", "tool_prefixes")
    tokens = _matched(match, doc)
    if any(_CODE_LIKE.search(t.text) for t in tokens if not t.is_punct):
        return True
    before = doc[match.start - 1] if match.start > 0 else None
    if before is not None and before.lower_ in prefixes:
        return True
    describing = match.rule.category in lex.words("technical", "modifier_categories")
    displays = lex.words("technical", "display_nouns")
    for token in tokens:
        if (
            describing
            and token.pos_ in ("ADJ", "NOUN")
            and token.dep_ in ("amod", "compound")
            and token.head.lemma_.lower() in nouns
        ):
            return True  # "lazy loading", "aggressive caching"
        if token.pos_ == "NOUN" and any(
            prep.dep_ == "prep" and any(o.lemma_.lower() in displays for o in prep.children)
            for prep in token.children
        ):
            return True  # "the final warning in the CLI output"
        if token.pos_ in ("ADJ", "VERB", "AUX"):
            subs = subjects(governing_predicate(token))
            if subs and all(_is_technical_subject(s, nouns) for s in subs):
                return True
    return False


def _is_technical_subject(token: Token, nouns: frozenset[str]) -> bool:
    if is_person(token) or is_second_person(token):
        return False
    head_noun = token.lemma_.lower()
    return head_noun in nouns or bool(_CODE_LIKE.search(token.text))


def praise(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    positive, negative = lex.words("praise", "positive"), lex.words("praise", "negative")
    own = set(match.tokens)
    # The rule's own function words (you, always) say nothing about praise;
    # its verb does. A leading "Great," is as often sarcasm as praise.
    skip = {i for i in own if doc[i].pos_ != "VERB"}
    skip.update(t.i for t in doc if t.dep_ == "intj")
    skip.update(
        t.i for t in doc if t.is_sent_start and t.i + 1 < len(doc) and doc[t.i + 1].text == ","
    )
    flips = [doc[i] for i in own if doc[i].lower_ in ("never", "rarely", "seldom")]
    anchors = [t.head for t in flips] or _matched(match, doc)
    seen: dict[int, Token] = {}
    for token in anchors:
        predicate = governing_predicate(token)
        scopes = [predicate]
        if predicate.dep_ in ("advcl", "relcl", "acl") and predicate.head.i != predicate.i:
            # "Every time Alex trains a new hire, they're confident": the
            # verdict is in the main clause
            scopes.append(governing_predicate(predicate.head))
        for scope in scopes:
            for other in clause(scope):
                if other.i not in skip:
                    seen[other.i] = other
    ups = sum(1 for t in seen.values() if _forms(t) & positive)
    downs = sum(1 for t in seen.values() if _forms(t) & negative)
    if flips:
        # Under "never" the polarity flips: "never misses a standup" is praise,
        # "never asks for help" is not.
        return downs > 0 and ups == 0
    # A tie goes to praise: "your work on the incident will be reflected in
    # your review, in a good way".
    return ups > 0 and ups >= downs


def fault_free(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    return not mentions_fault(doc, lex)


def mentions_fault(doc: Doc, lex: Lexicon) -> bool:
    fault = lex.words("fault_free", "fault")
    return any(t.lemma_.lower() in fault or t.lower_ in fault for t in doc)


def impersonal(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    sent = _sentence(match, doc)
    # A verbless fragment ("You broke CI again. Unacceptable.") takes its aim
    # from the rest of the segment.
    fragment = not any(t.pos_ in ("VERB", "AUX") for t in sent)
    if any(is_person(t) or is_second_person(t) for t in (doc if fragment else sent)):
        return False
    pointers, wrong = lex.words("impersonal", "pointers"), lex.words("impersonal", "wrong")
    for token in _matched(match, doc):
        predicate = governing_predicate(token)
        subs = subjects(predicate)
        if not subs and predicate.tag_ == "VB" and predicate.dep_ == "ROOT":
            return False  # an imperative speaks to the reader
        for subject in subs:
            pointed = subject.lower_ in pointers or any(
                c.dep_ == "det" and c.lower_ in pointers for c in subject.children
            )
            if pointed or subject.tag_ == "VBG" or subject.dep_ == "csubj":
                return False  # "this is unacceptable", "missing the call was ridiculous"
        if any(t.lemma_.lower() in wrong for t in clause(predicate)):
            return False  # "obviously this breaks the contract"
    return True


def past_event(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    for token in _matched(match, doc):
        head = token.head
        # "read", "put", "set": the past form is the present form, so the tag is a guess
        if token.lower_ == "never" and head.tag_ == "VBD" and head.lower_ != head.lemma_.lower():
            return True
    return False


def _forms(token: Token) -> set[str]:
    forms = {token.lemma_.lower(), token.lower_}
    if token.lower_ == "time" and token.i > 0 and token.nbor(-1).lower_ == "on":
        forms.add("on-time")  # "always on time" is praise; "every time" is not
    return forms


def policy(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    sent = _sentence(match, doc)
    # Generic people ("employees", "anyone") are what policy text is about;
    # the reader or a named person makes it a message to someone.
    if any(is_second_person(t) or (is_person(t) and t.pos_ in ("PROPN", "PRON")) for t in sent):
        return False
    if any(t.lower_ in ("this", "that", "these", "those") and t.dep_ == "det" for t in sent):
        return False  # "this behaviour is ridiculous" is about one case
    generic = lex.words("policy", "generic_subjects")
    return any(t.lower_ in generic or t.lemma_.lower() in generic for t in sent)


FILTERS: dict[str, ContextFilter] = {
    "negation": negated,
    "quotation": quoted,
    "self_reference": self_reference,
    "hypothetical": hypothetical,
    "question": question,
    "technical": technical,
    "praise": praise,
    "policy": policy,
    "fault_free": fault_free,
    "impersonal": impersonal,
    "past_event": past_event,
}


@cache
def filters_for(rule: Rule) -> tuple[tuple[str, ContextFilter], ...]:
    lex = load_lexicon()
    chosen = []
    for name, function in FILTERS.items():
        applies = rule.category in lex.filters[name].applies_to
        if (applies and name not in rule.context_ignore) or name in rule.context_also:
            chosen.append((name, function))
    return tuple(chosen)


def excuse(match: RawMatch, doc: Doc, segment: Segment) -> str | None:
    """The name of the first context filter that says this match is not punitive."""
    lex = load_lexicon()
    for name, function in filters_for(match.rule):
        if function(match, doc, segment, lex):
            return name
    return None
