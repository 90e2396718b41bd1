"""The self-reference filter: words about the writer ("I dropped the ball", "a
dumb mistake on my part", "Stupid question: …"). Owning a mistake is restorative."""

from __future__ import annotations

from typing import TYPE_CHECKING

from restorelint.catalog.lexicon import Lexicon
from restorelint.context.speech import matched
from restorelint.parse.openings import exclaimed_at_someone, is_exclamation
from restorelint.parse.people import is_person, is_second_person
from restorelint.parse.syntax import SUBJECT_DEPS, governing_predicate, subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from restorelint.match.compiled import RawMatch
    from restorelint.records import Segment

# what may follow a label the writer puts on their own next question
_LABEL_MARKS = (":", ",", "—", "-", "...", "…")


def self_reference(match: RawMatch, doc: Doc, segment: Segment, lex: Lexicon) -> bool:
    tokens = matched(match, doc)
    word = match.rule.category in lex.words("self_reference", "word_categories")
    if word and len(tokens) == 1 and _exclaimed(tokens[0], lex):
        return True  # "Crap, left the migration out of the commit."
    if word and any(_acted_on(t) or any(_acted_on(c) for c in t.children) for t in tokens):
        # the rule's own words are about the reader, or act on them: "what do
        # we pay you for", "how many times do we have to tell you"
        return False
    if any(t.lower_ in lex.first_person for t in tokens if t.dep_ in (*SUBJECT_DEPS, "poss")):
        return True
    if any(is_person(t) for t in tokens if t.dep_ in (*SUBJECT_DEPS, "poss")):
        return False  # the rule itself named who it is about
    # a word's own phrase, read only where the match is that one word
    for token in tokens:
        for child in token.children:
            if child.dep_ == "poss" and child.lower_ in lex.first_person:
                return True  # "my fault", "our mistake"
        if word and (_owned(token, lex) or (token.dep_ == "amod" and _owned(token.head, lex))):
            return True  # "dumb of me", "a dumb mistake on my part"
        if word and token.dep_ == "amod" and _writers(token.head, lex, things=True):
            return True  # "my stupid mistake", "my own dumb self"; not "my lazy colleague"
        if word and _hedged_question(token, lex):
            return True
        predicate = governing_predicate(token)
        subs = _resolved(predicate, subjects(predicate))
        if subs and all(_writers(s, lex, things=word) for s in subs):
            return True  # "I was careless"; a verdict on "my question", "our plan"
        if word and _apologised(token, predicate, subs, lex):
            return True
    return False


def _acted_on(token: Token) -> bool:
    """The reader as the one the rule's words act on ("what do we pay you for",
    "disappointed in you")."""
    return is_second_person(token) and token.dep_ in ("dobj", "dative", "pobj")


def _writers(subject: Token, lex: Lexicon, things: bool) -> bool:
    """The writer, or with ``things`` a thing of the writer's ("my question
    sounds stupid", "our rollout was terrible"), not a person of theirs ("my
    manager"). Only a verdict word judges its subject: "my messages clearly
    vanished" says something of the reader."""
    if subject.lower_ in lex.first_person:
        return True
    owned = any(c.dep_ == "poss" and c.lower_ in lex.first_person for c in subject.children)
    # nor one named inside it ("my piece of a husband")
    return things and owned and not any(is_person(t) for t in subject.subtree)


def _apologised(token: Token, predicate: Token, subs: list[Token], lex: Lexicon) -> bool:
    """ "Sorry if this sounds stupid, but …": how the writer's own question or
    remark may come across, apologised for before it is asked."""
    seeming = lex.words("self_reference", "seeming_verbs")
    apologies = lex.words("self_reference", "apologies")
    if predicate.lemma_.lower() not in seeming or token.dep_ not in ("acomp", "attr"):
        return False
    pointers = lex.words("self_reference", "apologised_subjects")
    if not subs or any(s.lower_ not in pointers for s in subs):
        return False
    conditions = lex.words("self_reference", "apology_conditions")
    before = {t.lower_ for t in token.sent if t.i < predicate.i}
    return not before.isdisjoint(apologies) and not before.isdisjoint(conditions)


def _owned(token: Token, lex: Lexicon) -> bool:
    """A phrase on the word that names the writer as its owner ("of me", "on my part")."""
    owners = lex.words("self_reference", "owners")
    preps = list(token.children)
    if token.dep_ in SUBJECT_DEPS and token.head.i > token.i:
        # "Dumb mistake on my part: …": a phrase between a subject and its verb
        # is the subject's, wherever the parser hung it
        preps += [c for c in token.head.children if token.i < c.i < token.head.i]
    for prep in preps:
        if prep.dep_ != "prep" or prep.lower_ not in owners:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if obj.lower_ in lex.first_person or any(
                g.dep_ == "poss" and g.lower_ in lex.first_person for g in obj.children
            ):
                return True
    return False


def _hedged_question(token: Token, lex: Lexicon) -> bool:
    """ "Probably a dumb question: …": one question, hedged before the word; or
    one that heads its own fragment, bare, as a label for what the writer asks
    next ("Stupid question: does this work on 3.12?"), not "What a stupid
    question." nor "That is a stupid question"."""
    noun = token.head
    if token.dep_ != "amod" or noun.tag_ != "NN":
        return False
    questions = lex.words("self_reference", "own_questions")
    following = token.nbor() if token.i + 1 < len(token.doc) else token
    if following.dep_ == "compound" and following.head.i == noun.i:
        noun = following  # "Stupid question time:": the word hangs on "time"
    if noun.lemma_.lower() not in questions:
        return False
    hedges = lex.words("self_reference", "hedges")
    if any(t.lower_ in hedges for t in token.sent if t.i < token.i):
        return True
    labels_what_follows = noun.dep_ == "ROOT" and any(
        c.i > noun.i and (c.lower_ in (":", ",") or c.pos_ in ("VERB", "AUX"))
        for c in noun.children
    )
    bare = not any(c.dep_ in ("det", "poss", "predet") for c in noun.children)
    return bare and (labels_what_follows or _opening_label(token, noun, lex))


def _exclaimed(token: Token, lex: Lexicon) -> bool:
    """An exclamation that opens a sentence about no one else: "Crap, left the
    migration out", not "Ridiculous." on its own, "Unacceptable, period." nor
    "Pathetic, you did it again"."""
    if not is_exclamation(token):
        return False
    rest = " ".join(t.lower_ for t in token.sent if t.i > token.i + 1 and not t.is_punct)
    if not rest or rest in lex.words("self_reference", "closers"):
        return False
    return not exclaimed_at_someone(token)


def _opening_label(token: Token, noun: Token, lex: Lexicon) -> bool:
    """ "So... stupid question: …", "Stupid question time: …": the phrase opens
    the sentence (after discourse words at most) and a colon or comma closes it,
    however the parser hung it."""
    doc = token.doc
    end = noun.head if noun.dep_ == "compound" and noun.head.i == noun.i + 1 else noun
    if end.i + 1 >= len(doc) or doc[end.i + 1].text not in _LABEL_MARKS:
        return False
    return all(t.is_punct or t.lower_ in lex.openers for t in token.sent if t.i < token.i)


def _resolved(predicate: Token, subs: list[Token]) -> list[Token]:
    """ "I was the one who approved it": a relative pronoun stands for its
    antecedent, and "the one" after a copula for the copula's subject."""
    if predicate.dep_ != "relcl" or not subs or not all(s.tag_ in ("WP", "WDT") for s in subs):
        return subs
    antecedent = predicate.head
    if antecedent.dep_ == "attr":
        return subjects(governing_predicate(antecedent))
    return [antecedent]
