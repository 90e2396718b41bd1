"""Filter by context: decide when a rule's match is not punitive here.

Each filter is a small function of (match, doc, segment, lexicon) and reads its
word lists from ``rules/_context.yaml``. Which filters apply to a rule comes
from the filter's ``applies_to`` categories, adjusted by the rule's own
``context`` (``ignore``, ``also``, ``only``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from restorelint.catalog.docs import context_filters
from restorelint.catalog.lexicon import Lexicon, load_lexicon
from restorelint.context import negation, ownership, praise, speech, subject

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from restorelint.catalog.rules import Rule
    from restorelint.match.compiled import RawMatch
    from restorelint.records import Segment

ContextFilter = Callable[["RawMatch", "Doc", "Segment", Lexicon], bool]

FILTERS: dict[str, ContextFilter] = {
    "negation": negation.negated,
    "quotation": speech.quoted,
    "reported": speech.reported,
    "self_reference": ownership.self_reference,
    "hypothetical": speech.hypothetical,
    "question": speech.question,
    "technical": subject.technical,
    "praise": praise.praise,
    "recognition": praise.recognition,
    "policy": subject.policy,
    "fault_free": subject.fault_free,
    "impersonal": subject.impersonal,
    "unaimed": subject.unaimed,
    "past_event": subject.past_event,
}
# The filters that read more of the segment than the match's sentence (a fault
# named anywhere in it, who a verbless fragment is aimed at): a match one of them
# excuses in a stretch of a paragraph is judged again on the whole paragraph,
# unless the rest of the paragraph cannot change the verdict (``reads_beyond``).
WHOLE_SEGMENT = frozenset({"fault_free", "impersonal"})


def reads_paragraph(doc: Doc) -> bool:
    """Did a filter judge a match in this doc by sentences around it that a
    stretch cut from its paragraph may lack? The praise filter reads past a
    neutral clause ("You always split big changes into small PRs. Reviewing
    this was a breeze.")."""
    return praise.read_paragraph(doc)


@cache
def filters_for(rule: Rule) -> tuple[tuple[str, ContextFilter], ...]:
    return tuple((name, FILTERS[name]) for name in context_filters(rule))


def reads_beyond(
    reason: str,
    match: RawMatch,
    doc: Doc,
    paragraph: Callable[[], set[str]],
    faults: Callable[[], frozenset[str]] | None = None,
) -> bool:
    """Could the paragraph around a stretch change this filter's excuse of a match?
    ``paragraph`` gives the paragraph's words (``match.anchors.words``), ``faults``
    the words of ``fault_forms`` (kept by the caller: computing them costs half
    a second). A paragraph parsed again costs more than the stretch did, so it
    is parsed only when it could: when it holds a fault word the stretch lacks,
    or the match is in a verbless fragment, which takes its aim from the
    sentences around it."""
    if reason == "fault_free":
        return not paragraph().isdisjoint(faults() if faults is not None else fault_forms())
    if reason == "impersonal":
        return subject.fragment(match, doc)
    return reason in WHOLE_SEGMENT


def fault_words() -> frozenset[str]:
    return frozenset(load_lexicon().words("fault_free", "fault"))


@cache
def fault_forms() -> frozenset[str]:
    """The words that show a fault word (any inflection), as ``words`` splits them:
    lemminflect's forms, as the prefilter spells a lemma."""
    from restorelint.match.anchors import lemma_keys

    return lemma_keys(fault_words())


def excuse(match: RawMatch, doc: Doc, segment: Segment) -> str | None:
    """The name of the first context filter that says this match is not punitive."""
    lex = load_lexicon()
    for name, function in filters_for(match.rule):
        if function(match, doc, segment, lex):
            return name
    return None
