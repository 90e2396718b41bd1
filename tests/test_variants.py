"""A rule that catches one wording catches its siblings: the same punitive phrase said
of other persons, in other tenses, with modals, other determiners and word orders,
and of people whose first names the parser takes for words ("Will", "Grace").
("They" is not a person to the rules: on dev it named tests and builds as often
as people.)
The rules alone are tested here (the tone model is measured by the benchmark)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from restorelint.catalog.lexicon import load_lexicon
from restorelint.catalog.rules import default_rules
from restorelint.parse.common_words import is_common_word
from restorelint.records import Source
from restorelint.run.pipeline import Pipeline

if TYPE_CHECKING:
    from spacy.tokens import Token

FAMILIES = {
    "RL101": [
        "You broke the staging deploy.",
        "Will broke the staging deploy.",
        "Grace has broken the staging deploy again.",
        "She keeps breaking the staging deploy.",
        "He failed to update the runbook.",
        "Hunter failed to update the runbook before the release.",
        "Summer messed up the release tag.",
    ],
    "RL110": [
        "You are lazy.",
        "You're so lazy.",
        "Will is careless.",
        "Grace is unreliable.",
        "She was sloppy with the handover.",
        "He is incompetent.",
        "Faith seems careless with the rota.",
        "Mark has been lazy about code review.",
    ],
    "RL170": [
        "You always skip the tests.",
        "He never answers the pager.",
        "Summer always misses standup.",
        "Will never reviews pull requests.",
        "She constantly interrupts the demo.",
        "Faith never tests her code.",
    ],
    "RL102": [
        "This is your fault.",
        "It was your fault the export failed.",
        "The outage was entirely Priya's fault.",
        "That's totally his fault.",
    ],
    "RL130": [
        "This is your final warning.",
        "Consider this your last warning.",
        "This is Hunter's final warning about the timesheets.",
    ],
    "RL133": [
        "One more missed handoff and I'm escalating this to HR.",
        "Another late report and I will escalate to HR.",
        "Keep this up and you can forget about the promotion.",
        "Keep this up and she can forget about the raise.",
        "Do that again and you're off the rota.",
        "If the numbers slip again, the account goes to someone who can handle it.",
    ],
    "RL146": [
        "Why is this still not done?",
        "Why is the export still not finished?",
        "Do you not read the tickets?",
        "Did you even test this?",
        "Is it really that hard to run the linter?",
        "Why do you keep breaking the build?",
    ],
    "RL144": [
        "Try harder.",
        "Try harder next time.",
        "Pull yourself together.",
        "Get your act together before the next sprint.",
        "Stop wasting my time.",
    ],
    "RL116": [
        "It's obvious you couldn't be bothered.",
        "Clearly he couldn't be bothered with the tests.",
        "Was any thought put into this at all?",
        "I wonder what you were paid for this week.",
    ],
    "RL151": [
        "Even a junior could have caught this.",
        "Everyone else managed to finish on time.",
        "Everyone else on the team managed to hit the target.",
        "Even the interns know this.",
    ],
    "RL163": [
        "Wow, another missed deadline, what a surprise.",
        "Great job breaking prod on a Friday.",
        "Nice work taking down checkout again.",
    ],
    "RL123": [
        "Reading this PR aloud at standup tomorrow.",
        "Screenshotting this for the all-hands.",
    ],
    "RL165": [
        "Great job double-booking the room, really impressive.",
        "Thanks for the review that missed the race condition, very thorough.",
        "Love how the release broke the login page, really impressive.",
        "Well done sending the wrong file to the client, truly memorable.",
    ],
    "RL180": [
        "Priya is so bossy in standups.",
        "The comments in that thread have been catty.",
        "Will is a bit of a diva about his desk.",
        "She is high-maintenance about code review.",
        "He keeps overreacting to review comments.",
    ],
    "RL171": [
        "You forget the feature flag every time.",
        "You skip the checklist every single release.",
        "Not once have you filled in the log.",
        "She has not once submitted the report on time.",
    ],
}
CASES = [(rule, text) for rule, texts in FAMILIES.items() for text in texts]


@pytest.fixture(scope="module")
def rules_only(linter: Pipeline) -> Pipeline:
    return Pipeline([r for r in default_rules() if r.kind != "model"], nlp=linter.nlp)


@pytest.mark.parametrize(("rule_id", "text"), CASES, ids=[f"{r}:{t[:40]}" for r, t in CASES])
def test_every_variant_of_a_phrase_is_flagged(
    rules_only: Pipeline, rule_id: str, text: str
) -> None:
    found = {f.rule for f in rules_only.lint([Source("<variant>", text)]).findings}
    assert rule_id in found, f"{rule_id} missed {text!r}: {sorted(found)}"


# "Redo it." and "Sam, redo it." are the same command; "Honestly," opens a sentence
# without changing what follows. Every flag example, so opened, still flags its
# rule (the same rule or one that absorbs it: a longer match of another rule).
OPENED = [
    (rule.id, text)
    for rule in default_rules()
    if rule.kind != "model"
    for text in (e.text for e in rule.flag_examples)
    if "\n" not in text and len(text) < 200 and not text.startswith(("I ", "I'"))
]


def _a_name(token: Token) -> bool:
    """Keeps its capital after the opener: a name ("Grace", "Hunter", "Will"), or an
    acronym."""
    lower = token.lower_
    if token.is_upper or token.pos_ == "PROPN" or lower in load_lexicon().word_names:
        return True
    return not token.is_stop and not is_common_word(lower)


@pytest.mark.parametrize("opener", ["Honestly, ", "Sam, "])
def test_a_name_or_discourse_word_before_a_flagged_sentence_keeps_its_finding(
    rules_only: Pipeline, opener: str
) -> None:
    nlp = rules_only.nlp
    lost = []
    texts = [text for _, text in OPENED]
    firsts = [doc[0] for doc in nlp.pipe(texts)]
    opened = [
        opener + (t if _a_name(f) else t[0].lower() + t[1:])
        for t, f in zip(texts, firsts, strict=True)
    ]
    before = rules_only.lint([Source(f"<{n}>", t) for n, t in enumerate(texts)]).findings
    after = rules_only.lint([Source(f"<{n}>", t) for n, t in enumerate(opened)]).findings
    shift = len(opener)
    for found in before:
        n = int(found.path.strip("<>"))
        if found.rule != OPENED[n][0]:
            continue
        # kept, or absorbed by another rule's match over the same words
        if not any(
            f.path == found.path
            and (
                f.rule == found.rule
                or (f.start < found.end + shift and found.start + shift < f.end)
            )
            for f in after
        ):
            lost.append(f"{found.rule}: {opened[n]!r}")
    assert not lost, "\n".join(lost)


# "You skip the checklist every release" and "You just skip the checklist every
# release" are the same reproach: every token rule also takes an intensifier
# between its words (catalog/intensifiers.py). Each flag example of a token rule,
# with "just" before the first present or past main verb inside its finding, still
# flags its rule (or one that absorbs it, as above).
TOKEN_RULE_EXAMPLES = [
    (rule.id, e.text)
    for rule in default_rules()
    if rule.kind == "token"
    for e in rule.flag_examples
    if "\n" not in e.text and len(e.text) < 200
]


def test_an_intensifier_before_a_verb_keeps_the_finding(rules_only: Pipeline) -> None:
    intensifiers = load_lexicon().intensifiers.words
    texts = [text for _, text in TOKEN_RULE_EXAMPLES]
    before = rules_only.lint([Source(f"<{n}>", t) for n, t in enumerate(texts)]).findings
    spans = {}
    for found in before:
        n = int(found.path.strip("<>"))
        if found.rule == TOKEN_RULE_EXAMPLES[n][0]:
            spans.setdefault(n, (found.start, found.end))
    variants: dict[int, str] = {}
    for n, doc in enumerate(rules_only.nlp.pipe(texts)):
        if n not in spans:
            continue
        start, end = spans[n]
        for token in doc[1:]:
            if (
                start < token.idx < end
                and token.tag_ in ("VBD", "VBZ", "VBP")
                and token.pos_ == "VERB"
                and token.nbor(-1).whitespace_
                and token.nbor(-1).lower_ not in intensifiers
                and not token.nbor(-1).is_punct
            ):
                variants[n] = texts[n][: token.idx] + "just " + texts[n][token.idx :]
                break
    assert len(variants) > 50  # the test reads enough examples to mean something
    keys = sorted(variants)
    after = rules_only.lint([Source(f"<{n}>", variants[n]) for n in keys]).findings
    # kept, or absorbed by another rule's finding over the same words
    lost = [
        f"{TOKEN_RULE_EXAMPLES[n][0]}: {variants[n]!r}"
        for n in keys
        if not any(
            int(f.path.strip("<>")) == n
            and (
                f.rule == TOKEN_RULE_EXAMPLES[n][0]
                or (f.start < spans[n][1] and spans[n][0] < f.end)
            )
            for f in after
        )
    ]
    assert not lost, "\n".join(lost)


# "His bonus depends on this" and "Sam's bonus depends on this" are the same
# threat: a token rule whose slot takes "your" and "his" takes a name's
# possessive too (catalog/possessives.py). Each flag example whose finding
# holds "your" and that still flags its rule with "his" there (the rule means
# anyone's, not only the reader's: "watch your back"), flags it with "Sam's".
def test_a_named_owner_in_a_possessive_slot_keeps_the_finding(rules_only: Pipeline) -> None:
    texts = [text for _, text in TOKEN_RULE_EXAMPLES]
    before = rules_only.lint([Source(f"<{n}>", t) for n, t in enumerate(texts)]).findings
    spots: dict[int, tuple[int, int, int]] = {}
    for found in before:
        n = int(found.path.strip("<>"))
        if found.rule != TOKEN_RULE_EXAMPLES[n][0] or n in spots:
            continue
        at = texts[n].lower().find("your ", found.start, found.end)
        if at >= 0 and not (at and texts[n][at - 1].isalpha()):
            spots[n] = (at, found.start, found.end)

    def kept(owner: str) -> set[int]:
        keys = sorted(spots)
        made = [texts[n][: spots[n][0]] + owner + texts[n][spots[n][0] + 4 :] for n in keys]
        after = rules_only.lint(
            [Source(f"<{n}>", t) for n, t in zip(keys, made, strict=True)]
        ).findings
        shift = len(owner) - 4
        return {
            n
            for n in keys
            for f in after
            if int(f.path.strip("<>")) == n
            and (
                f.rule == TOKEN_RULE_EXAMPLES[n][0]
                or (f.start < spots[n][2] + shift and spots[n][1] < f.end)
            )
        }

    anyones = kept("his")
    assert len(anyones) > 20  # enough examples to mean something
    lost = sorted(anyones - kept("Sam's"))
    assert not lost, "\n".join(f"{TOKEN_RULE_EXAMPLES[n]}" for n in lost)
