"""Context filters about what the words are about: software rather than a person,
general policy, an announcement with no mistake in it, a tool or design
rather than a person, one past event rather than a habit."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import Lexicon
from restorelint.context.speech import matched, sentence
from restorelint.parse.people import is_person, is_second_person, is_someone_else
from restorelint.parse.syntax import (
    clause,
    governing_predicate,
    memo,
    mentions,
    predicates,
    subjects,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from restorelint.match.compiled import RawMatch
    from restorelint.records import Segment

_CODE_LIKE = re.compile(r"[_/\\]|\(\)|\w\.\w|^[a-z]+[A-Z]\w*$|^--?\w")


def technical(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    nouns, prefixes = lex.words("technical", "nouns"), lex.words("technical", "tool_prefixes")
    tokens = matched(match, doc)
    if any(_CODE_LIKE.search(t.text) for t in tokens if not t.is_punct):
        return True
    before = doc[match.start - 1] if match.start > 0 else None
    if before is not None and before.lower_ in prefixes:
        return True
    if any(_starts_term(t, lex.words("technical", "terms")) for t in tokens):
        return True
    describing = match.rule.category in lex.words("technical", "modifier_categories")
    owned = match.rule.category in lex.words("technical", "possessed_categories")
    displays = lex.words("technical", "display_nouns")
    for token in tokens:
        if (
            describing
            and token.pos_ in ("ADJ", "NOUN")
            and token.dep_ in ("amod", "compound")
            and token.tag_ != "JJR"  # "writes better tests than you" compares people
            and token.head.lemma_.lower() in nouns
            and not (owned and _someones(token.head))
        ):
            return True  # "lazy loading", "aggressive caching"
        if token.pos_ == "NOUN" and any(
            prep.dep_ == "prep" and any(o.lemma_.lower() in displays for o in prep.children)
            for prep in token.children
        ):
            return True  # "the final warning in the CLI output"
        if token.pos_ in ("ADJ", "VERB", "AUX"):
            subs = subjects(governing_predicate(token))
            if (
                owned
                and token.pos_ == "ADJ"
                and (
                    any(_someones(s) for s in subs)
                    or (token.dep_ == "amod" and _someones(token.head))
                )
            ):
                continue  # "your performance this year has been pathetic", "Mark's careless merge"
            if subs and all(_is_technical_subject(s, nouns) for s in subs):
                return True
        if describing and token.pos_ == "ADJ" and _set_on_technical(token, nouns, lex):
            return True  # "be aggressive with the cache TTL"
    return False


def _someones(noun: Token) -> bool:
    """Is this thing the reader's or a person's ("your performance", "Mark's merge")?"""
    return any(c.dep_ == "poss" and (is_second_person(c) or is_person(c)) for c in noun.children)


def _set_on_technical(token: Token, nouns: frozenset[str], lex: Lexicon) -> bool:
    """A describing word set on a technical thing, said of no one: "be
    aggressive with the cache TTL" (not "emotional about the release", nor "Chase
    is incompetent with spreadsheets")."""
    if any(is_person(s) for s in subjects(governing_predicate(token))):
        return False
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.words("technical", "setting_preps"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and any(t.lemma_.lower() in nouns for t in obj.subtree):
                return True
    return False


def _starts_term(token: Token, terms: frozenset[str]) -> bool:
    doc = token.doc
    after = token.i + 1
    if after < len(doc) and doc[after].text == "-":
        after += 1
    if after >= len(doc):
        return False
    following = doc[after]
    first = token.lower_
    return f"{first} {following.lower_}" in terms or f"{first} {following.lemma_.lower()}" in terms


def _is_technical_subject(token: Token, nouns: frozenset[str]) -> bool:
    if is_person(token) or is_second_person(token):
        return False
    head_noun = token.lemma_.lower()
    return head_noun in nouns or bool(_CODE_LIKE.search(token.text))


def policy(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    sent = sentence(match, doc)
    # Generic people ("employees", "anyone") are what policy text is about;
    # the reader or a named person makes it a message to someone.
    if any(is_second_person(t) or (is_person(t) and t.pos_ in ("PROPN", "PRON")) for t in sent):
        return False
    if any(t.lower_ in lex.demonstratives and t.dep_ == "det" for t in sent):
        return False  # "this behaviour is ridiculous" is about one case
    generic = lex.words("policy", "generic_subjects")
    # whose something is ("stop wasting everyone's time") is not whom a rule is for,
    # and the rule's own words are not who it is about ("did anyone even look")
    own = set(range(match.start, match.end))
    return any(
        (t.lower_ in generic or t.lemma_.lower() in generic) and t.dep_ != "poss" and t.i not in own
        for t in sent
    )


def fault_free(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    faults = lex.words("fault_free", "fault")
    if not mentions(doc, faults):
        return True
    if match.rule.category not in lex.words("fault_free", "owned_categories"):
        return False
    # "I'm sharing my mistake with everyone so we all learn from it": a writer
    # who shows the team their own mistake owns it, which is restorative
    return all(
        _owned_by_writer(t, lex) for t in doc if t.lower_ in faults or t.lemma_.lower() in faults
    )


def _owned_by_writer(token: Token, lex: Lexicon) -> bool:
    """Is this fault word the writer's alone: "my mistake", "I broke the deploy"
    (not "I called out Dana's errors", "we had to rebuild it", "I blame you")?"""
    owners = lex.words("fault_free", "owners")
    if any(c.dep_ == "poss" for c in token.children):
        return any(c.dep_ == "poss" and c.lower_ in owners for c in token.children)
    if token.pos_ != "VERB":
        return False
    if any(is_person(c) or is_second_person(c) for c in token.children if c.dep_ != "nsubj"):
        return False
    subs = subjects(token)
    return bool(subs) and all(s.lower_ in owners for s in subs)


def fragment(match: RawMatch, doc: Doc) -> bool:
    """Is the match's sentence verbless ("Unacceptable.")?"""
    return not any(t.pos_ in ("VERB", "AUX") for t in sentence(match, doc))


def impersonal(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    sent = sentence(match, doc)
    # A verbless fragment ("You broke CI again. Unacceptable.") takes its aim
    # from the rest of the segment; a condition's "you" ("if you upgrade it,
    # obviously it breaks") is anyone, not the reader.
    generic = _conditional_tokens(sent, lex)
    if fragment(match, doc):
        people = memo(
            doc, "people", lambda: [t.i for t in doc if is_person(t) or is_second_person(t)]
        )
        # a bare verdict ("Pathetic.", "Simply stupid!") is aimed at whoever
        # did what the message is about, named or not
        aimed = any(i not in generic for i in people) or _bare_verdict(match, sent, lex)
    else:
        aimed = any((is_person(t) or is_second_person(t)) and t.i not in generic for t in sent)
    if aimed:
        return False
    pointers, wrong = lex.demonstratives, lex.words("impersonal", "wrong")
    for predicate in predicates(matched(match, doc)):
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


def unaimed(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    """No one but the writer in the clause the words are in: "this is clearly
    false" weighs a claim; "you clearly didn't read it", "obviously nobody told
    you" speak to the reader, and so does a clause joined to one about them ("you
    skipped the tests, and obviously this breaks it"). A condition's "you" is anyone."""
    generic = _conditional_tokens(sentence(match, doc), lex)
    for predicate in predicates(matched(match, doc)):
        near = clause(predicate)
        if predicate.dep_ == "conj":
            near += subjects(predicate.head)
        if any(t.i not in generic and is_someone_else(t) for t in near):
            return False
    return True


def _bare_verdict(match: RawMatch, sent: Span, lex: Lexicon) -> bool:
    rest = [
        t.lower_
        for t in sent
        if not (match.start <= t.i < match.end or t.is_punct or t.pos_ in ("ADV", "INTJ"))
    ]
    # "Unacceptable, period.": the closer is the verdict's own (the list is
    # self-reference's, which reads it the same way)
    return not rest or " ".join(rest) in lex.words("self_reference", "closers")


def _conditional_tokens(sent: Span, lex: Lexicon) -> set[int]:
    """Tokens inside a condition ("if you pin it, …"): the generic "you" of advice."""
    conditions = lex.words("hypothetical", "conditions")
    inside: set[int] = set()
    for token in sent:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in conditions for c in token.children
        ):
            inside.update(t.i for t in token.subtree)
    return inside


def past_event(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    adverbs = lex.words("past_event", "adverbs")
    for token in matched(match, doc):
        head = token.head
        # "read", "put", "set": the past form is the present form, so the tag is a guess
        if token.lower_ in adverbs and head.tag_ == "VBD" and head.lower_ != head.lemma_.lower():
            return True
    return False
