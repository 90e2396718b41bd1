"""The language server remembers what each paragraph matched, so an edit re-parses
only the paragraph it touches. Remembering may only skip work, never change a
result: not when a paragraph comes back, nor when text typed above it moves it."""

from __future__ import annotations

from conftest import ROOT

from restorelint.catalog.rules import default_rules
from restorelint.read.formats import detect
from restorelint.records import Source
from restorelint.run.memo import SegmentMemo
from restorelint.run.pipeline import Pipeline


def _documents() -> list[Source]:
    sources = [
        Source(str(path), path.read_text(encoding="utf-8"), detect(str(path)))
        for path in sorted((ROOT / "examples").rglob("*"))
        if path.is_file() and not path.name.endswith(".yml")
    ]
    for rule in default_rules():
        sources += [
            Source(f"{rule.id}-flag-{n}.md", e.text) for n, e in enumerate(rule.flag_examples)
        ]
    return sources


def test_remembered_paragraphs_give_the_same_findings(linter: Pipeline) -> None:
    sources = _documents()
    memo = SegmentMemo()
    remembering = Pipeline(linter.rules, nlp=linter.nlp, memo=memo)
    expected = linter.lint(sources).findings
    assert remembering.lint(sources).findings == expected  # first sight: parsed
    assert len(memo) > 40
    assert remembering.lint(sources).findings == expected  # every paragraph remembered
    # text typed above moves every remembered paragraph; markup maps offsets too
    moved = [Source(s.path, "New first line.\n\n" + s.text, s.format) for s in sources]
    html = [
        Source(s.path, "<p>New first line.</p>\n" + s.text, s.format)
        for s in sources
        if s.format == "html-template"
    ]
    for shifted in (moved, html):
        assert remembering.lint(shifted).findings == linter.lint(shifted).findings


def test_the_memo_forgets_the_least_recently_seen(linter: Pipeline) -> None:
    memo = SegmentMemo(size=2)
    pipeline = Pipeline(linter.rules, nlp=linter.nlp, memo=memo)
    texts = ["You failed to update the docs.", "Sam is lazy.", "You never test your code."]
    for text in texts:
        pipeline.lint([Source("a.txt", text)])
    assert len(memo) == 2 and texts[0] not in memo and texts[2] in memo
