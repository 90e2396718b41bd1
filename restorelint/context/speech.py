"""Context filters about how the words are said: in quotation marks, reported,
as a condition or advice, as a yes/no question (negation is ``negation``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import Lexicon
from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import (
    doc_text,
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


def matched(match: RawMatch, doc: Doc) -> list[Token]:
    return [doc[i] for i in match.tokens]


def sentence(match: RawMatch, doc: Doc) -> Span:
    return doc[match.start].sent


def quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def quoted(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    if segment.quoted:
        return True
    first = doc[match.start].idx
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, first) + 1
    if text[line_start : first + 1].lstrip().startswith(">"):
        return True  # a quoted line inside a reply
    spans = memo(doc, "quoted", lambda: quoted_spans(text))

    def inside(token: Token) -> bool:
        return any(start <= token.idx and token.idx + len(token) <= end for start, end in spans)

    # The words that make the match punitive are quoted ('said you "never reply"'):
    # only who it is about stands outside the quotation marks.
    # Every matched word but the person counts, the verb a dependency match hangs on
    # included: scare quotes around the verdict alone ('you are "lazy"') report nothing.
    content = [doc[i] for i in match.tokens if not is_person(doc[i])] or matched(match, doc)
    if all(inside(t) for t in content):
        return True
    # Every word of the matched stretch and the person quoted: phrases
    # mentioned, whatever verb outside them the match hangs on ("swap 'you
    # always' / 'you never' for a specific instance"); the marks between count not.
    words = [t for t in doc[match.start : match.end] if not t.is_punct]
    words += [doc[i] for i in match.tokens if is_person(doc[i])]
    return bool(words) and all(inside(t) for t in words)


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
                if not speakers and head.dep_ == "acl":
                    speakers = [head.head]  # "a note saying you were lazy"
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
