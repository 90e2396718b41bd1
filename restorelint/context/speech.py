"""Context filters about how the words are said: under a negation, in quotation
marks, about the writer, as a condition or advice, as a yes/no question."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import Lexicon
from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import (
    SUBJECT_DEPS,
    doc_text,
    is_command,
    memo,
    predicates,
    subjects,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from restorelint.match.compiled import RawMatch
    from restorelint.records import Segment

# Straight double quotes, curly quotes, and single quotes that open at a word
# start and close at a word end; inside single quotes an apostrophe between two
# letters ("it's", "Bill's") does not close them. Every alternative is disjoint
# from the next, so matching stays linear in the text.
_QUOTED = re.compile(
    r'"[^"\n]{1,400}"|“[^”\n]{1,400}”|‘[^’\n]{1,400}’'
    r"|(?<![\w])'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w)){1,400}(?<=[\w.!?,…])'(?!\w)"
)
# Negation reaches down into complement clauses but not across these.
_SCOPE_BREAKS = ("conj", "advcl", "parataxis", "relcl", "cc", "acl")
# an embedded question opens with one of these ("what", "why", "how"; not "whether")
_WH_TAGS = ("WP", "WRB", "WDT", "WP$")


def matched(match: RawMatch, doc: Doc) -> list[Token]:
    return [doc[i] for i in match.tokens]


def sentence(match: RawMatch, doc: Doc) -> Span:
    return doc[match.start].sent


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
            if child.dep_ in SUBJECT_DEPS and (
                child.lower_ in negative_subjects
                or any(g.dep_ == "det" and g.lower_ in determiners for g in child.children)
            ):
                return True  # "nobody thinks…", "no one is blaming you"
            if (
                child.dep_ == "det"
                and child.lower_ in determiners
                and (token.i in own or token.lemma_.lower() in claims)
            ):
                return True  # "no mistake was made", "no evidence that …"
    return False


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


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def quoted(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    if segment.quoted:
        return True
    first = doc[match.start].idx
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, first) + 1
    if text[line_start:first].lstrip().startswith(">"):
        return True  # a quoted line inside a reply
    spans = memo(doc, "quoted", lambda: quoted_spans(text))
    # The words that make the match punitive are quoted ('said you "never reply"'):
    # only who it is about stands outside the quotation marks.
    # Every matched word but the person counts, the verb a dependency match hangs on
    # included: scare quotes around the verdict alone ('you are "lazy"') report nothing.
    content = [doc[i] for i in match.tokens if not is_person(doc[i])] or matched(match, doc)
    return all(
        any(start <= t.idx and t.idx + len(t) <= end for start, end in spans) for t in content
    )


def reported(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    """The words are what someone else said ("the candidate told us her old lead
    called her careless", "the customer said you never reply")."""
    verbs = lex.words("reported", "speech_verbs")
    links = lex.words("reported", "links")
    clausal = lex.words("reported", "clausal_verbs")
    # "everyone says you're lazy" is hearsay used as a verdict, not a report
    crowd = lex.words("reported", "crowd") | lex.first_person
    # the rule's own verb of saying ("who told you this was acceptable") asks; it
    # reports no one
    own = set(range(match.start, match.end))
    for token in matched(match, doc):
        current = token
        for _ in range(6):
            head = current.head
            if head.i == current.i:
                break
            lemma = head.lemma_.lower()
            if head.i not in own and (
                (lemma in verbs and current.dep_ in links)
                or (lemma in clausal and current.dep_ == "ccomp")
            ):
                # an active verb of saying with a speaker: "the lead called her careless"
                speakers = [c for c in head.children if c.dep_ == "nsubj"]
                if speakers and not any(s.lower_ in crowd for s in speakers):
                    return True
            current = head
    return False


def hypothetical(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    marks, modals = lex.words("hypothetical", "marks"), lex.words("hypothetical", "modals")
    generic_verbs = lex.words("hypothetical", "generic_verbs")
    conditions = lex.words("hypothetical", "conditions")
    time_openers = lex.words("hypothetical", "time_openers")
    for predicate in predicates(matched(match, doc)):
        for child in predicate.children:
            if child.dep_ == "mark" and child.lower_ in marks:
                return True
            if child.dep_ == "advmod" and child.lower_ in time_openers and child.i < predicate.i:
                return True
            if child.dep_ == "aux" and child.lower_ in modals and child.i not in match.tokens:
                return True
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in conditions for g in child.children
            ):
                return True  # "you always get a 401 if the token has expired"
        if predicate.lemma_.lower() in generic_verbs and any(
            is_second_person(s) for s in subjects(predicate)
        ):
            # "you never need to restart it": generic "you" ("every one of your
            # PRs needs a second round" is about the reader's work)
            return True
    return False


def question(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    """A yes/no question: it ends with "?" and opens with an auxiliary ("Did …")."""
    sent = sentence(match, doc)
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words or not sent.text.rstrip().endswith("?"):
        return False
    return words[0].pos_ == "AUX"
