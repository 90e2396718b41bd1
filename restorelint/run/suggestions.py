"""Each finding's ``try:`` line: the rewrite of its own sentence, as ``rewrite`` and
``--fix --unsafe-fixes`` would write it, instead of the rule's general advice.

Only the stretches that hold findings are read: with the parses the engine kept
of them, else parsed again; the paragraphs when the engine did not say which.
Their flagged sentences are read as the review reads them, and the
rewrites go through the same verification. The result is cached with the
file's findings, so a warm re-run parses nothing. A finding whose sentence only
gets a bare frame (nothing of it to keep) keeps the rule's advice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from restorelint.read.formats import segments as format_segments
from restorelint.records import Finding, Segment, Source
from restorelint.run.cache import digest
from restorelint.run.engine import Stretch
from restorelint.run.pipeline import Job, Pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc


def with_sentence_rewrites(
    pipeline: Pipeline,
    sources: Sequence[Source],
    findings: Sequence[Finding],
    stretches: Sequence[Sequence[Stretch]] | None = None,
) -> list[Finding]:
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    # --no-cache: neither read nor kept, as for the findings themselves
    cache = pipeline.engine.cache if pipeline.engine.reuse_results else None
    chosen: dict[str, dict[str, str]] = {}
    keys: dict[str, str] = {}
    todo: list[Source] = []
    parsed: dict[str, Sequence[Stretch]] = {}
    for number, source in enumerate(sources):
        if stretches is not None and stretches[number]:
            parsed[source.path] = stretches[number]
        own = by_path.get(source.path)
        if not own:
            continue
        keys[source.path] = digest(
            pipeline.engine.fingerprint,
            "try-lines",
            source.format or "",
            source.text,
            repr([(f.rule, f.start, f.end) for f in own]),
        )
        stored = cache.get(keys[source.path]) if cache is not None else None
        with contextlib.suppress(TypeError, ValueError, AttributeError):
            if stored is not None:
                chosen[source.path] = {str(k): str(v) for k, v in stored.items()}
                continue
        todo.append(source)
    for source, lines in zip(todo, _rewrite(pipeline, todo, by_path, parsed), strict=True):
        chosen[source.path] = lines
        if cache is not None:
            cache.put(keys[source.path], lines)
    return [
        replace(f, suggestion=chosen.get(f.path, {}).get(_key(f), f.suggestion)) for f in findings
    ]


def _key(finding: Finding) -> str:
    return f"{finding.rule}:{finding.start}:{finding.end}"


def _rewrite(
    pipeline: Pipeline,
    sources: Sequence[Source],
    by_path: dict[str, list[Finding]],
    parsed: dict[str, Sequence[Stretch]],
) -> list[dict[str, str]]:
    if not sources:
        return []
    from restorelint.review.message import flagged_sentences
    from restorelint.suggest.sentence import BARE, BARE_SHAPE

    jobs: list[Job] = []
    for number, source in enumerate(sources):
        own = by_path[source.path]
        given = parsed.get(source.path)
        if given and not all(
            any(_overlaps(seg.original_span(0, len(seg.text)), f) for seg, _ in given) for f in own
        ):
            given = None  # some findings were remembered, not parsed now: read the paragraphs
        read: Sequence[Stretch] = given or [
            (seg, None) for seg in format_segments(number, source.text, source.format)
        ]
        chosen = [
            (seg, doc)
            for seg, doc in read
            if any(_overlaps(seg.original_span(0, len(seg.text)), f) for f in own)
        ]
        segments = [seg for seg, _ in chosen]
        docs = _docs(pipeline, [doc for _, doc in chosen], segments)
        sentences = [
            sentence
            for paragraph, (seg, doc) in enumerate(zip(segments, docs, strict=True))
            for sentence in flagged_sentences(paragraph, seg, doc, source.text, own)
        ]
        jobs.append((source.path, source.text, own, sentences))
    out: list[dict[str, str]] = []
    for drafted in pipeline.rewrite(jobs):
        lines: dict[str, str] = {}
        for item in drafted:
            rewrite = item.rewrite
            if rewrite.level == BARE or BARE_SHAPE in rewrite.shapes:
                continue
            for finding in item.findings:
                lines.setdefault(_key(finding), rewrite.text)
        out.append(lines)
    return out


def _docs(pipeline: Pipeline, kept: list[Doc | None], segments: list[Segment]) -> list[Doc]:
    """The kept parses, and the others parsed now (the same text, the same parse:
    piece by piece, as the engine parses)."""
    from restorelint.parse.pieces import parsed
    from restorelint.run.windows import whole_paragraph

    missing = [
        (seg.text, whole_paragraph(seg, ()).pieces)
        for seg, doc in zip(segments, kept, strict=True)
        if doc is None
    ]
    fresh = iter(parsed(pipeline.nlp, missing))
    return [doc if doc is not None else next(fresh) for doc in kept]


def _overlaps(span: tuple[int, int], finding: Finding) -> bool:
    return span[0] < finding.end and finding.start < span[1]
