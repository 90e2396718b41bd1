"""The negation filter: the words sit under a denial that is not the rule's own
("I don't think you were careless", "nobody is blaming you", "that's hardly
stupid")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import Lexicon
from restorelint.context.speech import matched
from restorelint.parse.syntax import SUBJECT_DEPS, is_command

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from restorelint.match.compiled import RawMatch
    from restorelint.records import Segment

# Negation reaches down into complement clauses but not across these.
_SCOPE_BREAKS = ("conj", "advcl", "parataxis", "relcl", "cc", "acl")
# an embedded question opens with one of these ("what", "why", "how"; not "whether")
_WH_TAGS = ("WP", "WRB", "WDT", "WP$")


def negation_scope(tokens: Iterable[Token], lex: Lexicon) -> list[Token]:
    """The tokens and the heads above them, up to the edge of their clause chain.

    Complement clauses inherit their head's negation ("I don't think you were
    careless"); adverbial, coordinated and relative clauses do not ("As I said,
    we don't merge without review"). Nor does a complement standing before its
    head: "Hunter is unreliable; I wouldn't let him own it" is two sentences
    the parser joined, and English fronts a negated complement almost never;
    nor a fronted prepositional phrase, which frames the clause rather than
    being denied by it ("Unlike your peers, you have not shown progress"), nor
    an embedded question, which is asked rather than denied ("I'm not sure
    what you do all day").
    """
    seen: dict[int, Token] = {}
    disjunctions = lex.words("negation", "disjunctions")
    for token in tokens:
        current = token
        while current.i not in seen:
            seen[current.i] = current
            if _shares_denial(current, disjunctions) or _says_what_is_denied(current, lex):
                current = current.head
                continue
            if current.dep_ in _SCOPE_BREAKS or current.head.i == current.i:
                break
            if current.dep_ == "npadvmod" and current.head.i > current.i:
                break  # a fronted address or aside: "Sweetie, that's not how it works"
            if current.dep_ == "amod" and (
                current.head.dep_ in SUBJECT_DEPS or current.head.dep_ == "appos"
            ):
                # denying the predicate leaves the subject as it was described:
                # "Arjun's aggressive style isn't a fit" (its "no" still counts)
                seen.setdefault(current.head.i, current.head)
                break
            if current.dep_ in ("ccomp", "prep") and current.head.i > current.i:
                break
            if current.dep_ == "ccomp" and current.left_edge.tag_ in _WH_TAGS:
                break  # a question is asked, not denied: "not sure what you do all day"
            current = current.head
    return list(seen.values())


def _says_what_is_denied(token: Token, lex: Lexicon) -> bool:
    """A clause that says what its head holds: "no evidence that Sam was
    careless", "it didn't sound like I was blaming you"."""
    head = token.head
    if head.i == token.i or head.i > token.i:
        return False
    marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
    lemma = head.lemma_.lower()
    if token.dep_ == "acl":
        return lemma in lex.words("negation", "denied_claims") and bool(
            marks & lex.words("negation", "content_marks")
        )
    if token.dep_ == "advcl":
        return lemma in lex.words("negation", "seeming_verbs") and bool(
            marks & lex.words("negation", "likeness_marks")
        )
    return False


def _shares_denial(token: Token, disjunctions: frozenset[str]) -> bool:
    """A verb joined by "or" to a denied one, with no subject of its own, is
    denied too: "Not ignoring you or blaming you", "I didn't lose it or break
    it". Not with "and": "He didn't test it and broke prod" denies only the test."""
    if token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX") or token.head.i == token.i:
        return False
    if any(c.dep_ in SUBJECT_DEPS for c in token.children):
        return False
    return any(c.dep_ == "cc" and c.lower_ in disjunctions for c in token.head.children)


def _adds(negation: Token, affirming: frozenset[str]) -> bool:
    """ "not just sloppy, it is dangerous": "not just" adds to what follows."""
    doc = negation.doc
    return negation.i + 1 < len(doc) and doc[negation.i + 1].lower_ in affirming


def _denied_degree(adverb: Token, degrees: frozenset[str]) -> bool:
    """ "not too", "not very": a degree adverb with its own "not" just before it."""
    if adverb.dep_ != "advmod" or adverb.lower_ not in degrees:
        return False
    return any(g.dep_ == "neg" and g.i == adverb.i - 1 for g in adverb.children)


def negated_tokens(tokens: Iterable[Token], own: set[int], lex: Lexicon) -> bool:
    """Is any of these tokens under a negation that is not one of ``own``?"""
    negative_subjects = lex.words("negation", "negative_subjects")
    determiners = lex.words("negation", "negative_determiners")
    degree = lex.words("negation", "degree_words")
    claims = lex.words("negation", "denied_claims")
    affirming = lex.words("negation", "affirming")
    degrees = lex.words("negation", "denied_degrees")
    rhetorical = lex.words("negation", "rhetorical")
    denying = lex.words("negation", "denying_adverbs")
    tokens = list(tokens)
    if any(c.lower_ in degree for t in tokens for c in t.children):
        return False
    for token in negation_scope(tokens, lex):
        for child in token.children:
            if child.i in own:
                continue
            if (
                child.dep_ == "neg"
                and not _prohibition(token)
                and not _adds(child, affirming)
                and not _contrasts(child, own)
                and not any(c.lower_ in rhetorical for c in token.children if c.dep_ == "advmod")
            ):
                return True
            if _denied_degree(child, degrees):
                return True  # "Not too horrible, just ugly": the degree is denied
            if child.lower_ in denying and _denies_verdict(child, token, own):
                return True  # "that's hardly stupid"
            if child.dep_ in SUBJECT_DEPS and (
                child.lower_ in negative_subjects
                or any(g.dep_ == "det" and g.lower_ in determiners for g in child.children)
            ):
                return True  # "nobody thinks…", "no one is blaming you"
            if (
                child.dep_ == "det"
                and child.lower_ in determiners
                and (token.i in own or token.lemma_.lower() in claims or _described(token, own))
            ):
                return True  # "no mistake was made", "no evidence that …", "no dumb questions"
    return False


def _described(noun: Token, own: set[int]) -> bool:
    """A matched word describes the noun: "no dumb questions here"."""
    return any(c.dep_ == "amod" and c.i in own for c in noun.children)


def _denies_verdict(adverb: Token, head: Token, own: set[int]) -> bool:
    """ "hardly stupid", "is hardly a disaster": the adverb on a matched verdict
    word, or on the copula that has one as its complement; not on a frequency
    ("you hardly ever test" still says "ever")."""
    if adverb.dep_ != "advmod":
        return False
    verdicts = [head] if head.i in own else []
    if head.pos_ == "AUX":
        verdicts += [c for c in head.children if c.dep_ in ("acomp", "attr") and c.i in own]
    return any(v.pos_ in ("ADJ", "NOUN") for v in verdicts)


def _contrasts(neg: Token, own: set[int]) -> bool:
    """A "not" set after a comma against what follows it, past the match: "She's
    being emotional, not technical" denies only "technical"."""
    doc = neg.doc
    if neg.i == 0 or doc[neg.i - 1].text not in (",", ";", "—", "–"):
        return False
    after = neg.i + 1
    # a routing ("go to your manager, not to HR") stays a denial of the other way
    if after >= len(doc) or doc[after].pos_ not in ("ADJ", "ADV", "DET", "NOUN"):
        return False
    return all(i < neg.i for i in own)


def _prohibition(verb: Token) -> bool:
    """ "Don't be so dramatic", "try not to be careless": a command not to be
    something says the reader is it, where "you're not careless" denies it."""
    # the copula, which the tagger makes an auxiliary ("be" in "don't be so …")
    copula = verb.pos_ == "AUX" and any(c.dep_ in ("acomp", "attr") for c in verb.children)
    if not copula:
        return False
    return is_command(verb) or (
        verb.dep_ == "xcomp" and verb.tag_ == "VB" and is_command(verb.head)
    )


def negated(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    # a pattern's comma ("sweetie,") hangs on the clause it precedes, not on the word
    words = [t for t in matched(match, doc) if not t.is_punct] or matched(match, doc)
    return negated_tokens(words, set(match.tokens), lex)
