"""A named person's mistake put in front of an audience: "pinning this to
#eng-all so people can learn from Will's mistake", "I raised his errors at the
all-hands", "Kenji's spreadsheet mistake was the opening slide of the review".

Three things must meet in one sentence, because each alone is everyday work:
an act of showing (a publicity verb aimed at a group, or a stock cue such as
"reply-all" or "cautionary tale"), a named person other than the writer, and a
fault. Sharing a postmortem with everyone (nobody named), sharing my own
mistake (the writer's), a talk on someone's learnings to applause (praise in
the sentences read with it) and Maria presenting her own error budget pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from restorelint.catalog.lexicon import load_lexicon
from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers
from restorelint.match.anchors import words as text_words
from restorelint.parse.people import is_first_person, is_person, is_second_person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# fault words count by lemma only as nouns and verbs: "the latest deck" is not late
_LEMMA_POS = frozenset({"NOUN", "VERB", "AUX"})
# a name in double quotes is cited; a fault in any quotes is ('I got it wrong'),
# but a name in single quotes is a label as often ('the Jordan regression')
_QUOTE = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
_CHANNEL = re.compile(r"(?<!\w)#[a-z][\w-]*", re.IGNORECASE)
_ANY_QUOTE = re.compile(
    r'"[^"]*"|\u201c[^\u201d]*\u201d|(?<!\w)[\'\u2018][^\'\u2018\u2019]*[\'\u2019](?!\w)'
)


def _phrases(options: Mapping[str, Any], key: str) -> list[str]:
    return [str(p).lower() for p in options.get(key) or ()]


def triggers(options: Mapping[str, Any]) -> Triggers:
    # Each way to show needs its own words: a showing verb with an audience, or a
    # cue with every one of its words (it is found whole: "with your name" needs
    # "name", not only "your"); either with a fault. Showing verbs and faults
    # alone ("add", "error") are in most technical text.
    faults = word_set(options.get("faults"))
    cues = tuple(
        (*(frozenset({w}) for w in sorted(text_words(cue))), faults)
        for cue in _phrases(options, "cues")
    )
    return Triggers(
        all_of=(
            (word_set(options.get("verbs")), word_set(options.get("audiences")), faults),
            *cues,
        ),
        pattern=_CHANNEL,  # "#eng-all": an audience no word list can hold
        vetoed_anywhere=True,  # check reads its vetoes in the whole doc
    )


def _find(text: str, phrase: str) -> int:
    """Where ``phrase`` is in ``text`` as whole words ("with names", not "with
    namespaces"), or -1."""
    at = text.find(phrase)
    while at >= 0 and (
        (at and text[at - 1].isalnum())
        or (at + len(phrase) < len(text) and text[at + len(phrase)].isalnum())
    ):
        at = text.find(phrase, at + 1)
    return at


def _cue(sent: Span, phrases: list[str]) -> tuple[int, int] | None:
    # on the text, not the tokens: "reply-all" and "it's" split differently
    text = sent.text.lower().replace("\u2019", "'")
    for phrase in phrases:
        at = _find(text, phrase)
        if at < 0:
            continue
        span = sent.char_span(at, at + len(phrase), alignment_mode="expand")
        if span is not None:
            return span.start, span.end
    return None


@cache
def _audience(words: tuple[str, ...]) -> re.Pattern[str]:
    # on the text: "all-hands" is three tokens, "#eng-all" two
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])|{_CHANNEL.pattern}")


def _quoted(sent: Span, quote: re.Pattern[str]) -> set[int]:
    # words inside quotation marks are a cited example ("a lead posted 'the leak
    # traces back to Olga'"), not the writer's own accusation
    inside: set[int] = set()
    for m in quote.finditer(sent.text):
        inside.update(range(sent.start_char + m.start(), sent.start_char + m.end()))
    return inside


def _conditional(token: Token, conditions: frozenset[str]) -> bool:
    # "Jo is on call if you see more errors": anyone who might, not someone who did
    return any(
        c.dep_ == "mark" and c.lower_ in conditions
        for head in (token.head, *token.head.ancestors)
        for c in head.children
    )


def _named(token: Token, pronouns: frozenset[str], crowd_links: frozenset[str]) -> bool:
    # a name, a handle, a placeholder or a pronoun: not "a manager", not the writer
    if is_first_person(token) or token.lower_ in load_lexicon().not_mentions:
        return False
    if token.lower_ in pronouns or token.lower_.startswith("@"):
        # "half of you couldn't join": the readers as a crowd
        return not (token.dep_ == "pobj" and token.head.lower_ in crowd_links)
    # "the Berlin office", "the Acme account": a name modifying a noun is a place or a client
    return token.pos_ == "PROPN" and token.dep_ != "compound" and is_person(token)


def _fault(token: Token, faults: frozenset[str]) -> bool:
    if token.dep_ == "compound" and not any(
        c.dep_ == "poss" and not is_first_person(c) for c in token.head.children
    ):
        # "the incident timeline", "the error budget": a topic, not a fault; but
        # "your incident write-up" is the person's
        return False
    hit = token.lower_ in faults or (token.pos_ in _LEMMA_POS and token.lemma_.lower() in faults)
    # "my mistake", "I broke it": owning a mistake in public is not shaming
    mine = any(is_first_person(c) for c in token.children if c.dep_ in ("poss", "nsubj"))
    return hit and not mine


def _asked_of_reader(verb: Token) -> bool:
    # "could you send me the deck", "put the file in your folder": the reader shows;
    # "you will be mentioned at the briefing": the reader is shown
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return False
    subject = [c for c in verb.children if c.dep_ == "nsubj"]
    if subject:
        return all(is_second_person(s) for s in subject)
    return verb.i == verb.sent.start and verb.tag_ == "VB"


def _presenters(verb: Token) -> set[int]:
    # "Maria will present the error budget", "Tom asked me to post his write-up":
    # the person doing the showing, or asking for it, is not the one shown
    found: set[int] = set()
    for head in (verb, *verb.ancestors):
        found.update(c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))
        if head.dep_ not in ("xcomp", "ccomp", "conj", "advcl"):
            break
    return found


def _shown(sent: Span, options: Mapping[str, Any]) -> tuple[int, int, set[int]] | None:
    span = _cue(sent, _phrases(options, "cues"))
    if span is not None:
        return span[0], span[1], set()
    if not _audience(tuple(sorted(word_set(options.get("audiences"))))).search(sent.text.lower()):
        return None
    verbs = word_set(options.get("verbs"))
    for t in sent:
        if t.i > sent.start and t.doc[t.i - 1].text == "-":
            continue  # "on-call", "read-only": half of a compound word
        # "cc'd", "fwd'ing" are tagged anything; they are only ever verbs here
        verb = t.pos_ == "VERB" and t.lemma_.lower() in verbs
        if (verb or t.lower_ in verbs) and not _asked_of_reader(t):
            return t.i, t.i + 1, _presenters(t)
    return None


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    vetoes = word_set(options.get("vetoes"))
    text = doc.text.lower().replace("\u2019", "'")
    if any(t.lower_ in vetoes or t.lemma_.lower() in vetoes for t in doc) or any(
        _find(text, p) >= 0 for p in _phrases(options, "veto_phrases")
    ):
        return  # recognition, consent, a private talk or a blameless review
    faults = word_set(options.get("faults"))
    pronouns = word_set(options.get("pronouns"))
    links = word_set(options.get("crowd_links"))
    conditions = word_set(options.get("conditions"))
    longest = int(options.get("max_sentence_tokens", 50))
    for sent in doc.sents:
        if len(sent) > longest:
            continue  # a run-on reply or a pasted log, not a message staging someone
        cited, quoted = _quoted(sent, _QUOTE), _quoted(sent, _ANY_QUOTE)
        if not any(_fault(t, faults) for t in sent if t.idx not in quoted):
            continue
        shown = _shown(sent, options)
        if shown is None:
            continue
        start, end, presenters = shown
        # "Maria will present her error budget": with a presenter named, "her" is hers
        own = word_set(options.get("own_possessives")) if presenters else frozenset()
        named = (
            t
            for t in sent
            if t.idx not in cited
            and t.i not in presenters
            and t.lower_ not in own
            and not _conditional(t, conditions)
        )
        # "at the all-hands, with names": the cue names the people itself
        naming = _cue(sent, _phrases(options, "naming_cues")) is not None
        if naming or any(_named(t, pronouns, links) for t in named):
            yield start, end
