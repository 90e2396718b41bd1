"""Short excerpts for ``--examples``, with names and e-mail addresses masked.

An excerpt is the sentence that holds a finding, parsed again on its own and
rebuilt token by token:

- e-mail addresses (spaCy's ``like_email``, then a regular expression over the
  result for any the tokenizer split) become ``[email]``; links become ``[link]``;
- a person's name becomes ``[name]``: a token the parse stage counts as a
  person and tags as a proper noun or an @-handle (``parse.people.is_person``),
  or any capitalised word that does not start the sentence and is not a
  pronoun — which also masks products, places and months ("Slack",
  "Berlin", "March"): masking too much is the safe mistake;
- a run of masks ("[name] [name]" for a full name) is merged.

Limits: a name in lower case ("ask dana") or one that starts a sentence and is
not tagged a proper noun stays; so does anything else that identifies a person
indirectly (a role held by one person, a project only they work on). Excerpts
are for a reader who may see the text anyway; the default report has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from restorelint.parse.people import is_first_person, is_person
from restorelint.read.segment import parseable

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

NAME, EMAIL, LINK = "[name]", "[email]", "[link]"
MAX_CHARS = 160  # an excerpt longer than this is cut around the flagged words
CONTEXT = 60  # characters kept either side of the flagged words when cut
WINDOW = 400  # characters either side of a finding parsed to find its sentence
# Starts only where a run of address characters starts: searching a long run
# with no "@" from every position in it would take the square of its length.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MERGE = re.compile(r"\[name\](?:[\s.]+\[name\])+")


@dataclass(frozen=True)
class Excerpt:
    rule: str
    category: str
    text: str
    highlight: tuple[int, int]  # the flagged words within ``text``, end exclusive

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "category": self.category,
            "excerpt": self.text,
            "highlight": list(self.highlight),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Excerpt:
        start, end = data["highlight"]  # type: ignore[misc]
        return cls(str(data["rule"]), str(data["category"]), str(data["excerpt"]), (start, end))


def _mask(token: Token) -> str | None:
    if token.like_email:
        return EMAIL
    if token.like_url:
        return LINK
    if is_person(token) and (token.pos_ == "PROPN" or token.text.startswith("@")):
        return NAME
    capitalised = token.text[:1].isupper() and token.is_alpha
    if capitalised and not token.is_sent_start and token.pos_ != "PRON":
        return None if is_first_person(token) else NAME
    return None


def _masked(pieces: list[str]) -> str:
    return _MERGE.sub(NAME, _EMAIL.sub(EMAIL, "".join(pieces)))


def excerpt(nlp: Language, text: str, start: int, end: int, rule: str, category: str) -> Excerpt:
    """The masked sentence around ``text[start:end]`` (a finding's offsets)."""
    lo = max(0, start - WINDOW)
    lo = text.rfind("\n", lo, start) + 1 or lo
    hi = text.find("\n", end, end + WINDOW)
    hi = min(len(text), end + WINDOW) if hi < 0 else hi
    doc = nlp(parseable(text[lo:hi]))  # a JSON line may hold a lone surrogate
    rel_start, rel_end = start - lo, end - lo
    sentence = next(
        (s for s in doc.sents if s.start_char <= rel_start < s.end_char + 1), doc[0 : len(doc)]
    )
    before: list[str] = []
    flagged: list[str] = []
    after: list[str] = []
    for token in sentence:
        if token.idx + len(token) <= rel_start:
            part = before
        elif token.idx < rel_end:
            part = flagged
        else:
            part = after
        shown = _mask(token) or token.text
        part.append(shown + token.whitespace_)
    head = _masked(before).lstrip()
    whole = _masked(flagged)
    middle = whole.rstrip()
    tail = (whole[len(middle) :] + _masked(after)).rstrip()
    if len(head) + len(middle) + len(tail) > MAX_CHARS:
        if len(head) > CONTEXT:
            head = "…" + head[-CONTEXT:].lstrip()
        if len(tail) > CONTEXT:
            tail = tail[:CONTEXT].rstrip() + "…"
    return Excerpt(rule, category, head + middle + tail, (len(head), len(head) + len(middle)))
