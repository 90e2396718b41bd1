"""Watching a person rather than supporting them: "I'll be watching your PRs",
"I'm keeping track of every build you break", "HR is monitoring your emails".

Watching dashboards, memory or a rollout is fine; the check needs a person
(or what they own or do) as what is watched, and someone other than the reader
doing the watching, so instructions ("keep track of your PTO") pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.context import subjects
from restorelint.lexicon import is_person, is_second_person
from restorelint.prefilter import Triggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_OBJECT_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr"})


def _watched(verb: Token, carriers: frozenset[str]) -> list[Token]:
    """What is being watched: objects of the verb, or of "track of", "a list of"."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            found.append(child)
        if child.dep_ == "prt" or child.dep_ == "prep":
            found.extend(g for g in child.children if g.dep_ == "pobj")
        if child.dep_ == "dobj" and child.lemma_.lower() in carriers:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    found.extend(g for g in prep.children if g.dep_ == "pobj")
    return found


def _named_person(token: Token) -> bool:
    # Stricter than is_person: a capitalised ship or page name must not make
    # "check all the articles linked to USS New Jersey" surveillance.
    if is_second_person(token) or token.lower_ in ("him", "her", "his", "them", "their"):
        return True
    if token.pos_ == "PROPN":
        # one-word names only: "USS New Jersey", "Niagara County" are places
        multiword = token.dep_ == "compound" or any(c.dep_ == "compound" for c in token.children)
        return is_person(token) and not multiword
    return is_person(token)


def _about_person(target: Token, watcher: list[Token], lapses: frozenset[str]) -> bool:
    mine = {t.i for t in watcher}
    if watcher and not any(w.lower_ in ("i", "we") for w in watcher):
        # "Sam tracks his hours": a third-person watcher's "his" is himself
        mine.update(t.i for t in target.subtree if t.lower_ in ("his", "her", "their", "its"))
    if any(_named_person(t) and t.i not in mine for t in target.subtree):
        return True
    # "every late arrival", "each mistake": a tally of someone's lapses
    counted = any(c.dep_ == "det" and c.lower_ in ("every", "each") for c in target.children)
    return counted and any(t.lemma_.lower() in lapses for t in target.subtree)


def triggers(options: Mapping[str, Any]) -> Triggers:
    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in options.get(key, ()))

    everyday = words("everyday_verbs")
    return Triggers(
        words=words("verbs") - everyday,
        all_of=(
            (everyday, words("intensifiers")),  # "check", "review": only with "every", ...
            (words("carriers"), words("keepers")),  # "a list", "track": only "kept"
        ),
    )


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    verbs = {str(v).lower() for v in options.get("verbs", ())}
    carriers = frozenset(str(c).lower() for c in options.get("carriers", ()))
    everyday = {str(v).lower() for v in options.get("everyday_verbs", ())}
    intensifiers = {str(v).lower() for v in options.get("intensifiers", ())}
    lapses = frozenset(str(v).lower() for v in options.get("lapses", ()))
    keepers = {str(v).lower() for v in options.get("keepers", ())}
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
        if any(c.dep_ == "prt" and c.lower_ in ("down", "in") for c in verb.children):
            continue  # "tracked down the bug" is finding; "check in with you" is support
        watcher = subjects(verb)
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if not watcher and not passive:
            continue  # an instruction: "keep track of your PTO balance"
        if watcher and all(is_second_person(w) for w in watcher):
            continue  # "you can track your hours here"
        targets = _watched(verb, carriers)
        if verb.lemma_.lower() in everyday and not any(
            t.lower_ in intensifiers for t in verb.subtree if t.i not in {w.i for w in watcher}
        ):
            continue
        if any(_about_person(t, watcher, lapses) for t in targets):
            start = min([w.i for w in watcher] + [verb.i])
            yield start, verb.i + 1
