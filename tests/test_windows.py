"""Parsing by sentence: only the stretches that can match are parsed, and the
findings are those of parsing every paragraph whole."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from restorelint.catalog.rules import default_rules
from restorelint.records import Finding, Source
from restorelint.run.engine import Engine
from restorelint.run.guard import read_segments
from restorelint.run.pipeline import Pipeline
from restorelint.run.tone import score_segments
from restorelint.run.windows import plan

NEUTRAL = (
    "The release adds a configuration option for the cache size. The default value "
    "stays at sixty four megabytes. Builds on the main branch now run the integration "
    "suite nightly. The documentation describes the new flag and its interaction with "
    "the existing timeout setting."
)


@pytest.fixture(scope="module")
def engines(linter: Pipeline) -> tuple[Engine, Engine]:
    rules = list(default_rules())
    return Engine(rules, linter.nlp), Engine(rules, linter.nlp, by_sentence=False)


def _spans(engine: Engine, text: str, fmt: str | None = None) -> list[tuple[str, str]]:
    (own,) = engine.run([Source("t.md" if fmt else "t.txt", text, fmt)]).per_source
    return [(f.rule, text[f.start : f.end]) for f in own]


def _same(engines: tuple[Engine, Engine], text: str, fmt: str | None = None) -> list[Finding]:
    by_sentence, by_paragraph = engines
    found = _spans(by_sentence, text, fmt)
    assert found == _spans(by_paragraph, text, fmt), text
    return found  # type: ignore[return-value]


def _parsed_share(engine: Engine, text: str) -> float:
    (segment,) = read_segments(0, Source("t.txt", text))  # type: ignore[misc]
    (scored,) = score_segments([segment])
    assert engine.prefilter is not None and engine.tone is not None
    windows = plan(segment, scored, engine.prefilter, engine.tone.threshold)
    return sum(len(w.segment.text) for w in windows) / len(text)


def test_only_the_sentence_that_can_match_is_parsed(engines: tuple[Engine, Engine]) -> None:
    text = NEUTRAL + " Honestly, you are lazy when it comes to writing tests. " + NEUTRAL
    assert _parsed_share(engines[0], text) < 0.3
    assert [rule for rule, _ in _same(engines, text)]  # and it is still flagged


def test_a_quotation_across_sentences_is_parsed_whole(engines: tuple[Engine, Engine]) -> None:
    # the quotation filter must see both quotation marks, though the second
    # sentence inside them could match nothing
    text = NEUTRAL + ' Our training deck shows "You are so lazy. Then the reviewer left." as bad.'
    assert _same(engines, text) == []


def test_a_wrapped_line_is_one_sentence(engines: tuple[Engine, Engine]) -> None:
    text = NEUTRAL + "\nHonestly, you are\nlazy when it comes to writing tests.\n" + NEUTRAL
    assert _same(engines, text)


def test_a_match_across_two_sentences_is_found_beside_another_candidate(
    engines: tuple[Engine, Engine],
) -> None:
    # "Fix it. Now." needs both sentences; another sentence wanted on its own
    # ("you are lazy") must not stop the pair from being parsed together
    text = NEUTRAL + " Honestly, you are lazy. Fix it. Now."
    assert ("RL144", "Fix it. Now") in _same(engines, text)


def test_a_check_that_reads_the_paragraph_gets_all_of_it(engines: tuple[Engine, Engine]) -> None:
    # @channel in one sentence, the mistake and the person in another
    text = "@channel heads up. " + NEUTRAL + " Dana broke the release again."
    found = _same(engines, text)
    assert any(span == "@channel" for _, span in found)


def test_a_filter_that_reads_the_paragraph_is_asked_again(
    engines: tuple[Engine, Engine],
) -> None:
    # the audience cue is an announcement unless a fault is named somewhere in the
    # paragraph: here it is, three sentences away from the cue
    text = (
        "I'm adding the whole team so everyone sees this. "
        + NEUTRAL
        + " The outage last night was a careless mistake."
    )
    assert any(rule == "RL120" for rule, _ in _same(engines, text))


def test_a_paragraph_that_names_no_fault_is_not_parsed_again(
    engines: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the announcement is excused in its sentence, and no sentence around it
    # names a fault: parsing the whole paragraph again could change nothing
    agenda = (
        "The agenda covers the roadmap for the next quarter. Each team presents its "
        "plans for ten minutes. The slides go out on Thursday afternoon."
    )
    text = "I'm adding the whole team so everyone sees this. " + agenda + " " + agenda
    by_sentence = engines[0]
    real = by_sentence.nlp
    parsed: list[str] = []

    class Spy:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[object]:
            for piece in texts:
                parsed.append(piece)
                yield from real.pipe([piece], **kwargs)

    monkeypatch.setattr(by_sentence, "_nlp", Spy())
    assert _same(engines, text) == []
    assert parsed == ["I'm adding the whole team so everyone sees this. "]
    # the same paragraph with a fault named far from the cue is judged whole
    # again, and only the pieces not parsed yet are parsed
    parsed.clear()
    faulty = text + " The outage last night was a careless mistake."
    assert any(rule == "RL120" for rule, _ in _same(engines, faulty))
    # every piece once: together they are the paragraph, the cue's sentence first
    assert parsed[0] == "I'm adding the whole team so everyone sees this. "
    assert all(piece in faulty for piece in parsed)
    assert sum(map(len, parsed)) == len(faulty)


def test_markup_offsets_survive_the_cut(engines: tuple[Engine, Engine]) -> None:
    text = (
        "# Review\n\n" + NEUTRAL + " See **the notes** and [the ticket](https://x.test/1). "
        "Honestly, *you are lazy* when it comes to writing tests. " + NEUTRAL + "\n"
    )
    found = _same(engines, text, "markdown")
    assert found and all(span.strip() for _, span in found)


def test_mixed_paragraphs_of_rule_examples(engines: tuple[Engine, Engine]) -> None:
    """Every rule's flag and pass examples, three at a time inside neutral prose:
    the by-sentence path finds exactly what the whole-paragraph path finds."""
    examples = [e.text for r in default_rules() for e in r.flag_examples]
    examples += [t for r in default_rules() for t in r.pass_examples]
    random.Random(15).shuffle(examples)
    sources = []
    for i in range(0, len(examples), 3):
        sentences = NEUTRAL.split(". ")
        for example in examples[i : i + 3]:
            sentences.insert(random.Random(i).randrange(len(sentences) + 1), example.rstrip("."))
        sources.append(Source(f"p{i}.txt", ". ".join(sentences) + "."))
    by_sentence, by_paragraph = engines
    new = by_sentence.run(sources).per_source
    old = by_paragraph.run(sources).per_source
    differ = [s.text for s, a, b in zip(sources, new, old, strict=True) if a != b]
    # A stretch is parsed with less context than the whole paragraph, and the parser
    # now and then splits or tags the two differently (benchmarks/identical.py: 25 of
    # 31,003 real texts). In the cases seen here the whole paragraph's parse joined a
    # question to its neighbour and flagged a pass example; a stray difference is
    # tolerated, a systematic one is not.
    assert len(differ) <= max(2, len(sources) // 50), differ
    assert sum(map(len, old)) > len(sources) // 2  # the examples still flag in company


def test_the_try_line_of_a_stretch_is_the_rewrite_of_its_sentence() -> None:
    """The try: line is drafted from the stretch the engine parsed, and says what
    `rewrite` writes for that sentence in the whole message."""
    import restorelint

    text = NEUTRAL + " Honestly, you are lazy when it comes to writing tests. " + NEUTRAL
    (finding,) = restorelint.lint_text(text)
    assert "writing tests" in finding.suggestion
    first = finding.suggestion.split("?")[0].split(". ")[0]
    assert first in restorelint.rewrite_text(text)


def test_a_veto_anywhere_in_the_paragraph_is_read(engines: tuple[Engine, Engine]) -> None:
    # RL125 lets recognition anywhere in its text veto it: the stretch with the
    # mistake is judged again on the paragraph, which thanks the person
    text = (
        "Sharing this in #eng so everyone learns from Priya's mistake. "
        + NEUTRAL
        + " Thanks to Priya for agreeing to walk us through it."
    )
    assert "RL125" not in [rule for rule, _ in _same(engines, text)]
    assert "RL125" in [rule for rule, _ in _same(engines, text.split(NEUTRAL)[0])]


def test_a_quoted_line_after_an_unfinished_one_is_read_from_its_start(
    engines: tuple[Engine, Engine],
) -> None:
    # the line before has no full stop, so its sentence runs on into the ">"
    # line; the reply's later sentences are still parsed with the ">"
    text = (
        NEUTRAL + "\nThe final issue is complaining:\n> In my view the bug is in the software. "
        "Maybe. But since you failed to provide a build log, it's impossible to tell.\n" + NEUTRAL
    )
    assert _same(engines, text) == []
