"""Each shared context filter on its own: it excuses its trap and nothing else.

A case is (filter, rule, text that the filter excuses, text it must not excuse).
Both texts must match the rule's pattern; only the context differs.
"""

from __future__ import annotations

import pytest

import restorelint
from restorelint.catalog.lexicon import load_lexicon
from restorelint.context import FILTERS
from restorelint.records import Segment
from restorelint.run.pipeline import Pipeline

CASES = [
    ("negation", "RL110", "I don't think you were careless.", "I think you were careless."),
    (
        "negation",
        "RL102",
        "Nobody is saying it was your fault.",
        "Everyone is saying it was your fault.",
    ),
    (
        "negation",
        "RL110",
        "I wouldn't say that Dana is unreliable.",
        # a complement before its negated head: two sentences the parser joined
        "Dana is unreliable; I wouldn't let her own the release.",
    ),
    (
        "negation",
        "RL116",
        "I'm not saying you didn't even try.",
        # an embedded question is asked, not denied
        "I'm not sure what you do all day.",
    ),
    (
        "negation",
        "RL102",
        # "or" carries the denial to a verb with no subject of its own; "and" does not
        "I'm not ignoring you or blaming you for the outage.",
        "I'm not ignoring you, and I'm blaming you for the outage.",
    ),
    (
        "praise",
        "RL170",
        "Rose never lets a handoff sit unreviewed.",
        "Rose never lets anyone help.",
    ),
    ("quotation", "RL140", 'The customer wrote "this is unacceptable".', "This is unacceptable."),
    ("self_reference", "RL140", "I made a terrible mistake.", "You made a terrible mistake."),
    (
        "self_reference",
        "RL105",
        # the relative pronoun stands for "the one", and "the one" for the subject
        "I was the one who merged that migration without a review.",
        "You were the one who merged that migration without a review.",
    ),
    (
        "praise",
        "RL170",
        # a good word the bad one governs: praise; a good word missing: not
        "You never lose your patience with a frustrated customer.",
        "You never show any patience with a frustrated customer.",
    ),
    ("quotation", "RL164", "Retire the opener 'No offence, but…' for good.", "No offence, but…"),
    # scare quotes around the verdict alone are the writer's own verdict
    ("quotation", "RL110", 'The reviewer wrote "you are lazy".', 'You are "lazy".'),
    (
        "self_reference",
        "RL103",
        "We dropped the ball on the handoff.",
        "Sam dropped the ball on the handoff.",
    ),
    (
        "hypothetical",
        "RL101",
        "If you break the API, clients fail.",
        "You broke the API and clients fail.",
    ),
    ("hypothetical", "RL170", "You should always run the tests.", "You always skip the tests."),
    (
        "question",
        "RL170",
        "Do you always run the tests locally?",
        "You always skip the tests locally.",
    ),
    ("technical", "RL140", "The latency is unacceptable.", "Your attitude is unacceptable."),
    (
        "technical",
        "RL130",
        "The final warning in the CLI output is red.",
        "This is your final warning.",
    ),
    ("praise", "RL170", "You always come prepared.", "You always come late."),
    ("unaimed", "RL150", "This is clearly wrong.", "Your summary is clearly wrong."),
    (
        "negation",
        "RL151",
        "I don't need Bill to be more like the rest of the team.",
        # a negated "why" question asks for no denial
        "Why can't Bill be more like the rest of the team?",
    ),
    (
        "technical",
        "RL140",
        "Frankly, the performance on ARM has been pathetic.",
        # a verdict on a thing someone owns judges its owner
        "Frankly, your performance this year has been pathetic.",
    ),
    (
        "self_reference",
        "RL146",
        "How many times do we have to tell the scheduler to retry?",
        "How many times do we have to tell you to rebase?",
    ),
    ("fault_free", "RL102", "Lunch today is on Mark.", "The regression in the parser is on Mark."),
    # a verb good only as a verb, and a bad word naming a kind of thing
    ("praise", "RL170", "Leila always owns her mistakes.", "Leila never owns her mistakes."),
    (
        "praise",
        "RL170",
        "Priya never causes errors in the handover.",
        "You never write tests for the error paths.",
    ),
    (
        "negation",
        "RL180",
        "She isn't emotional about the review.",
        # a "not" set against what follows it denies only that
        "She's being emotional, not technical.",
    ),
    (
        "negation",
        "RL180",
        "Nobody finds Arjun aggressive.",
        # denying the predicate leaves its subject as described
        "Arjun's aggressive style just isn't a fit here.",
    ),
    (
        "hypothetical",
        "RL171",
        "Every time you need a second review, ping the channel.",
        # "need" is generic only with a generic "you" as its subject
        "Every single one of your PRs needs a second round.",
    ),
    ("praise", "RL170", "Sam never misses a standup.", "Sam never asks for help."),
    (
        "policy",
        "RL130",
        "Employees who get a final warning may appeal.",
        "Dana, this is your final warning.",
    ),
    (
        "policy",
        "RL146",
        "Employees should never be asked why is the rota still not done.",
        # the rule's own "anyone" is who the question accuses, not everyone
        "Did anyone even look at this before merging?",
    ),
    (
        "fault_free",
        "RL120",
        "Adding the whole team to the invite.",
        "cc'ing the whole team so everyone sees the mistake.",
    ),
    (
        "impersonal",
        "RL140",
        "The old API made horrible choices.",
        "Your choices here are horrible.",
    ),
    # a title-case English word is a tool, not a person; a first name is a person
    ("impersonal", "RL140", "Composer is horrible.", "Priya is horrible."),
    # a bare verdict is aimed at whoever did what the message is about
    (
        "impersonal",
        "RL140",
        "No patch, and the old API made horrible choices.",
        "A year-old issue and no patch. Pathetic.",
    ),
    ("past_event", "RL170", "You never created the subpage.", "You never create the subpage."),
    (
        "praise",
        "RL170",
        # a neutral clause is judged by the rest of its paragraph, thanks
        # before it (a sandwich's first slice) and a bare "Thank you." aside
        "You always split big changes into small PRs. Thanks for making review a breeze.",
        "Thanks for making review a breeze. You always split big changes into small PRs.",
    ),
    (
        "praise",
        "RL170",
        "Ilana always asks the awkward question, and it has saved us from two bad bets.",
        "Ilana always asks the awkward question. Thank you.",
    ),
    (
        "self_reference",
        "RL140",
        "Dumb mistake on my part, the room in the invite is wrong.",
        "Dumb mistake on your part, the room in the invite is wrong.",
    ),
    (
        "self_reference",
        "RL140",
        "Probably a dumb question: how do I run it in the background?",
        "That's a dumb question: how do I run it in the background?",
    ),
    (
        "negation",
        "RL140",
        "It means one more bash script. Not too horrible, just ugly.",
        # "not just" adds to the word
        "It means one more bash script. Not just horrible, it is dangerous.",
    ),
    (
        "negation",
        "RL110",
        "I'm not saying Sam is careless.",
        "Sam is not just careless, he is hostile.",
    ),
    (
        "self_reference",
        "RL140",
        "My rollout plan was terrible; I'll redo it with a checklist.",
        # a person of the writer's, however the parser hung the words
        "My rollout manager was terrible; I'll ask for another.",
    ),
    (
        "self_reference",
        "RL140",
        "My garbage laptop crashed again.",
        "My garbage boss lied to the client again.",
    ),
    (
        "self_reference",
        "RL116",
        "I couldn't be bothered to check the logs, my bad.",
        # the writer as subject, the reader acted on by the rule's own words
        "What do we pay you for?",
    ),
    (
        "self_reference",
        "RL140",
        "Sorry if this sounds stupid, but can you share the logs?",
        "This sounds stupid, but can you share the logs?",
    ),
    (
        "reported",
        "RL110",
        "The customer wrote that the engineer was useless.",
        "The customer thinks that the engineer was useless.",
    ),
    (
        "reported",
        "RL146",
        "Mo said who told you that was acceptable, which made me laugh.",
        # the rule's own verb of saying asks; it reports no one's words
        "Who told you this was acceptable?",
    ),
    (
        "technical",
        "RL140",
        "This ridiculous printer has jammed on me all morning.",
        "This ridiculous excuse has cost me all morning.",
    ),
    (
        "praise",
        "RL170",
        "You have never been on a warning, and nothing here changes that.",
        "You have never been on time, and nothing here changes that.",
    ),
    (
        "recognition",
        "RL104",
        "Thanks to Mo for the quick heads-up.",
        "Thanks to Mo for the outage on Friday.",
    ),
    (
        "recognition",
        "RL120",
        "I want to thank Grace in front of the whole team for the launch.",
        "I want to raise this in front of the whole team before the launch.",
    ),
]


def _match(linter: Pipeline, rule_id: str, text: str):  # type: ignore[no-untyped-def]
    doc = linter.nlp(text)
    matches = [m for m in linter.engine.compiled.find(doc) if m.rule.id == rule_id]
    assert matches, f"{rule_id} pattern does not match {text!r}; the case tests nothing"
    return matches[0], doc, Segment(source=0, start=0, text=text)


@pytest.mark.parametrize(
    ("name", "rule_id", "excused", "kept"), CASES, ids=[f"{c[0]}:{c[2][:30]}" for c in CASES]
)
def test_filter_excuses_its_trap_only(
    linter: Pipeline, name: str, rule_id: str, excused: str, kept: str
) -> None:
    check = FILTERS[name]
    lex = load_lexicon()
    assert check(*_match(linter, rule_id, excused), lex), f"{name} should excuse {excused!r}"
    assert not check(*_match(linter, rule_id, kept), lex), f"{name} should not excuse {kept!r}"


def test_every_filter_is_described_in_the_data_file() -> None:
    described = set(load_lexicon().filters)
    assert set(FILTERS) <= described
    assert all(load_lexicon().filters[name].description for name in FILTERS)


def test_a_when_clause_with_words_already_skipped_is_read() -> None:
    # the praise filter once dropped a "when" clause's words it had never kept
    # (the writer's own "I said …" clause) and raised KeyError on real text
    text = (
        "I said not expecting people to ask for assistance is absurd and your have "
        "benevolent narcissism and arrogance as that is what comes up when people make "
        'statements like "no one is forcing you to" as in my way or the highway and you '
        "need to be appreciative you have tried to help."
    )
    assert isinstance(restorelint.lint_text(text), list)
