"""Runs of words in capitals: in a message, capitals read as shouting."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from restorelint.catalog.load import words as word_set
from restorelint.match.anchors import Triggers
from restorelint.parse.people import (
    addresses_someone,
    is_first_person,
    is_person,
    is_second_person,
)
from restorelint.parse.syntax import doc_text, is_command

if TYPE_CHECKING:
    from spacy.tokens import Doc

MIN_WORDS = 3


def _is_shouted(token) -> bool:  # type: ignore[no-untyped-def]
    text = token.text
    return text.isalpha() and text.isupper() and len(text) >= 1


def triggers(options: Mapping[str, Any]) -> Triggers:
    return Triggers(pattern=re.compile(r"(?:\b[A-Z]+\b[\s,']+){2,}\b[A-Z]+\b"))


def check(doc: Doc, options: Mapping[str, Any]) -> Iterator[tuple[int, int]]:
    run: list[int] = []
    for token in [*doc, None]:
        if token is not None and (
            _is_shouted(token) or (run and token.is_punct and token.text in ",'")
        ):
            run.append(token.i)
            continue
        words = [doc[i] for i in run if doc[i].is_alpha]
        # Acronyms (API, CI, PR) come alone or in pairs; a shouted sentence has
        # ordinary words in it, so ask for common (stop) words among the run.
        if len(words) >= MIN_WORDS and sum(w.is_stop or len(w) > 4 for w in words) >= 2:
            while run and not doc[run[-1]].is_alpha:
                run.pop()
            organised = _label(doc, run[0]) or _code(doc, run, options)
            if not organised and _addressed(doc, run, options):
                yield run[0], run[-1] + 1
        run = []


def _addressed(doc: Doc, run: list[int], options: Mapping[str, Any]) -> bool:
    """Capitals shout at someone when they speak to the reader ("YOU BROKE IT",
    "UPDATE THE TICKET", "Please READ THE DOCS") or the sentence names
    someone ("Sam, THIS PR STILL HAS NO TESTS"). Capitals for emphasis in a sentence
    that merely has a "you" ("describe it AS DETAILED AS POSSIBLE so we can
    reproduce your problem") and an excited "WE DID IT" do not."""
    words = word_set(options.get("address_words"))
    before = doc[run[0] - 1] if run[0] > 0 else None
    spoken = [doc[i] for i in run] + ([before] if before is not None else [])
    if addresses_someone(spoken, words) or any(is_command(doc[i]) for i in run):
        return True
    return any(
        is_person(t) and not is_first_person(t) and not is_second_person(t)
        for t in doc[run[0]].sent
    )


def _code(doc: Doc, run: list[int], options: Mapping[str, Any]) -> bool:
    """Capitals as code ("ADD COLUMN active INT NOT NULL") are the language's own."""
    code = word_set(options.get("code_words"))
    return any(doc[i].lower_ in code for i in run)


def _label(doc: Doc, first: int) -> bool:
    """Capitals as a heading or a template's marked-up label ("## STEPS TO
    REPRODUCE", "*REMOVE SECTION IF NOT A BUG*") organise a form; they do not
    raise a voice."""
    start = doc[first].idx
    text = doc_text(doc)
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return line.lstrip().startswith("#") or line.rstrip()[-1:] in ("*", "_", "[", "(")
