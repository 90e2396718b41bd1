"""Watching a person rather than supporting them: "I'll be watching your PRs",
"I'm keeping track of every build you break", "HR is monitoring your emails".

Watching dashboards, memory or a rollout is fine; the check needs a person
(or what they own or do) as what is watched, and someone other than the reader
doing the watching, so instructions ("keep track of your PTO") pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers
from restorelint.parse.openings import is_vocative
from restorelint.parse.people import is_first_person, is_person, is_second_person
from restorelint.parse.syntax import subjects

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr"})


def _watched(verb: Token, carriers: frozenset[str], links: frozenset[str]) -> list[Token]:
    """What is being watched: objects of the verb, or of "track of", "a list of"."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            found.append(child)
        if child.dep_ == "prt" or child.dep_ == "prep":
            found.extend(g for g in child.children if g.dep_ == "pobj")
        if child.dep_ == "dobj" and child.lemma_.lower() in carriers:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in links:
                    found.extend(g for g in prep.children if g.dep_ == "pobj")
    return found


def _agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _named_person(token: Token, third_person: frozenset[str]) -> bool:
    # Stricter than is_person: a capitalised ship or page name must not make
    # "check all the articles linked to USS New Jersey" surveillance.
    if is_second_person(token) or token.lower_ in third_person:
        return True
    if token.pos_ == "PROPN":
        # one-word names only: "USS New Jersey", "Niagara County" are places
        multiword = token.dep_ == "compound" or any(c.dep_ == "compound" for c in token.children)
        return is_person(token) and not multiword
    return is_person(token)


def _about_person(target: Token, watcher: list[Token], options: Mapping[str, Any]) -> bool:
    mine = {t.i for t in watcher}
    if watcher and not any(is_first_person(w) for w in watcher):
        # "Sam tracks his hours": a third-person watcher's "his" is himself
        own = word_set(options.get("own_possessives"))
        mine.update(t.i for t in target.subtree if t.lower_ in own)
    third_person = word_set(options.get("third_person"))
    if any(_named_person(t, third_person) and t.i not in mine for t in target.subtree):
        return True
    # "every late arrival", "each mistake": a tally of someone's lapses
    counters, lapses = word_set(options.get("counters")), word_set(options.get("lapses"))
    counted = any(c.dep_ == "det" and c.lower_ in counters for c in target.children)
    return counted and any(t.lemma_.lower() in lapses for t in target.subtree)


def _denied(verb: Token, watcher: list[Token], options: Mapping[str, Any]) -> bool:
    """ "Nobody is watching your screen", "I'm not going to be watching your
    commits": the watching is denied. The negation is inside the match, so the
    negation filter (which reads only what lies outside it) cannot see it."""
    nobody = word_set(options.get("nobody"))
    no = word_set(options.get("nobody_determiners"))
    if watcher and all(
        w.lower_ in nobody or any(c.dep_ == "det" and c.lower_ in no for c in w.children)
        for w in watcher
    ):
        return True
    current = verb
    while True:
        if any(c.dep_ == "neg" for c in current.children):
            return True
        if current.dep_ not in ("xcomp", "aux") or current.head.i == current.i:
            return False
        current = current.head


def _alongside(verb: Token, options: Mapping[str, Any]) -> bool:
    """ "We'll review a few of your commits together", "I'll review two of her
    docs each month with her": looking at the work with the person is support."""
    together = word_set(options.get("together"))
    alongside = word_set(options.get("alongside"))
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in together:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in alongside
            and any(is_person(g) or is_second_person(g) for g in child.children)
        ):
            return True
    return False


def triggers(options: Mapping[str, Any]) -> Triggers:
    def words(key: str) -> frozenset[str]:
        return word_set(options.get(key))

    everyday = words("everyday_verbs")
    return Triggers(
        words=words("verbs") - everyday,
        all_of=(
            (everyday, words("intensifiers")),  # "check", "review": only with "every", ...
            (words("carriers"), words("keepers")),  # "a list", "track": only "kept"
        ),
    )


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    verbs = word_set(options.get("verbs"))
    carriers = word_set(options.get("carriers"))
    everyday = word_set(options.get("everyday_verbs"))
    intensifiers = word_set(options.get("intensifiers"))
    keepers = word_set(options.get("keepers"))
    finding = word_set(options.get("finding_particles"))
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            verb = token
        elif (
            token.dep_ == "dobj"
            and token.lemma_.lower() in carriers
            and token.head.lemma_.lower() in keepers
        ):
            verb = token.head  # "keeping track of", "keep tabs on"
        else:
            continue
        if any(c.dep_ == "prt" and c.lower_ in finding for c in verb.children):
            continue  # "tracked down the bug" is finding; "check in with you" is support
        watcher = subjects(verb)
        passive = [c for c in verb.children if c.dep_ == "nsubjpass" and not is_vocative(c)]
        if passive and all(is_second_person(p) for p in passive):
            # the reader watched: the watcher is the agent ("you will be
            # watched closely by Sam"); without one, "you may be monitored under
            # the device policy" is notice and "you will be monitored closely
            # from now on" a watch on the reader
            watcher = _agents(verb)
            if not watcher and not any(t.lower_ in intensifiers for t in verb.subtree):
                continue
        if not watcher and not passive:
            continue  # an instruction: "keep track of your PTO balance"
        if watcher and all(is_second_person(w) for w in watcher):
            continue  # "you can track your hours here"
        if _denied(verb, watcher, options) or _alongside(verb, options):
            continue
        targets = _watched(verb, carriers, word_set(options.get("carrier_links")))
        if verb.lemma_.lower() in everyday and not any(
            t.lower_ in intensifiers for t in verb.subtree if t.i not in {w.i for w in watcher}
        ):
            continue
        if any(_about_person(t, watcher, options) for t in targets):
            start = min([w.i for w in watcher] + [verb.i])
            yield start, verb.i + 1
