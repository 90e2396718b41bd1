"""The rewrite stage batches its work (one pipe for every verification parse, only
the fallbacks checked again in a later round, the check's own parses reused for
the ``try:`` lines); these tests hold it to what the plain way gives: every
sentence parsed on its own and every rewrite checked in every round."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from restorelint.catalog.rules import catalog, default_rules
from restorelint.read.segment import parseable
from restorelint.records import Source
from restorelint.run.pipeline import VERIFY_ROUNDS, Job, Pipeline
from restorelint.suggest.quality import rewrite_problems
from restorelint.suggest.sentence import BARE, SHAPED, Drafted, draft_rewrites, fall_back


def one_at_a_time(pipeline: Pipeline, jobs: Sequence[Job]) -> list[list[Drafted]]:
    """The rewrite stage without batching: a parse per call, a lint per rewrite,
    every rewrite checked again in every round."""
    rules = {r.id: r for r in catalog()} | pipeline.by_id
    drafts = []
    for _path, text, findings, sentences in jobs:
        own = [
            s
            if s.doc is not None
            else type(s)(**{**vars(s), "doc": pipeline.nlp(parseable(s.text))})
            for s in sentences
        ]
        drafts.append(draft_rewrites(text, findings, own, rules))
    for _round in range(VERIFY_ROUNDS):
        flagged = set()
        for m, own in enumerate(drafts):
            for k, drafted in enumerate(own):
                text = drafted.rewrite.text
                found = pipeline.engine.run([Source(jobs[m][0], text)]).per_source[0]
                if found or (
                    drafted.rewrite.level < BARE
                    and rewrite_problems(
                        drafted.sentence.doc,
                        drafted.punitive_spans(),
                        text,
                        pipeline.nlp(parseable(text)),
                    )
                ):
                    flagged.add((m, k))
        if not flagged:
            break
        for m, k in flagged:
            drafts[m][k] = fall_back(drafts[m][k], jobs[m][1], rules)
    return drafts


@pytest.fixture(scope="module")
def messages() -> list[str]:
    """Every rule's flagged examples, a rule's together as one message (so a
    message holds several rewrites, some of which fall back)."""
    out = []
    for rule in catalog():
        texts = [e.text.strip() for e in rule.flag_examples]
        if texts:
            out.append("\n\n".join(texts) + "\n")
    return out


def test_batched_rewrites_equal_one_sentence_at_a_time(
    linter: Pipeline, messages: list[str]
) -> None:
    _, reviews = linter.review([Source(f"<{i}>", t) for i, t in enumerate(messages)])
    jobs: list[Job] = [(m.path, m.text, m.findings, list(m.sentences)) for m in reviews]
    batched = linter.rewrite(jobs)
    plain = one_at_a_time(linter, jobs)
    assert [[d.rewrite for d in own] for own in batched] == [
        [d.rewrite for d in own] for own in plain
    ]
    levels = [d.rewrite.level for own in batched for d in own]
    # the test covers the rounds: some rewrites fell back, most did not
    assert any(level > SHAPED for level in levels) and levels.count(SHAPED) > len(levels) / 2


TEXTS = [
    "Thanks for the demo. You never test your code, and obviously that hurts.\n\n"
    "The build failed. Sam is careless with reviews.\n",
    "Nice work on the parser.\n\nThis is your final warning about the timesheets.\n",
]


@pytest.mark.parametrize("budget", [None, 1])
def test_try_lines_from_the_checks_parses_equal_a_fresh_parse(
    budget: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from restorelint.run import engine
    from restorelint.run.suggestions import with_sentence_rewrites

    if budget is not None:  # past the budget, a stretch's parse is not kept
        monkeypatch.setattr(engine, "KEEP_TOKENS", budget)
    sources = [Source(f"<{i}>", t) for i, t in enumerate(TEXTS)]
    pipeline = Pipeline(list(default_rules()), reuse_results=False)
    linted = pipeline.lint(sources)
    kept = [doc is not None for own in linted.stretches for _, doc in own]
    assert kept and all(kept) if budget is None else not any(kept)
    reused = with_sentence_rewrites(pipeline, sources, linted.findings, linted.stretches)
    fresh = with_sentence_rewrites(pipeline, sources, linted.findings)
    assert [f.suggestion for f in reused] == [f.suggestion for f in fresh]
    assert any(f.suggestion != r.suggestion for f, r in zip(reused, linted.findings, strict=True))
