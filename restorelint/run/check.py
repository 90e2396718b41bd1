"""A whole check, as ``restorelint check`` runs it: lint, review each message when
asked, rewrite, apply or show fixes, and re-check what was fixed.

Printing is the caller's: this module returns what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from restorelint.records import Finding, InputError, Source
from restorelint.review.settings import ReviewSettings
from restorelint.run.pipeline import Pipeline
from restorelint.run.suggestions import with_sentence_rewrites

if TYPE_CHECKING:
    from restorelint.suggest.message import MessageReport


# Fixes that expose further fixes are applied again, this many times at most.
MAX_FIX_ROUNDS = 5


@dataclass(frozen=True)
class CheckOptions:
    review: bool = False  # judge whole messages (checklist, score, readability)
    review_settings: ReviewSettings = field(default_factory=ReviewSettings)
    rewrites: bool = False  # rewrite every flagged sentence (JSON output, unsafe fixes)
    fix: bool = False
    diff: bool = False
    unsafe: bool = False
    stdin_name: str | None = None  # the source read from stdin: fixed text goes to stdout


@dataclass
class CheckResult:
    findings: list[Finding]
    messages: list[MessageReport]
    texts: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    fix_errors: list[InputError] = field(default_factory=list)
    # documents whose markup could not be read: reported, not linted
    read_errors: list[InputError] = field(default_factory=list)
    diffs: list[str] | None = None  # --diff: one unified diff per file to change
    fixes_applied: int = 0
    files_fixed: int = 0
    stdin_text: str | None = None  # --fix on stdin: the fixed text


def check(pipeline: Pipeline, sources: Sequence[Source], options: CheckOptions) -> CheckResult:
    texts = {s.path: s.text for s in sources}
    if not options.review:
        linted = pipeline.lint(sources)
        findings = with_sentence_rewrites(pipeline, sources, linted.findings, linted.stretches)
        return CheckResult(findings, [], texts, linted.warnings, read_errors=linted.errors)
    from restorelint.suggest.message import MessageReport

    linted, reviews = pipeline.review(sources, options.review_settings)
    if options.rewrites or options.unsafe:
        messages = pipeline.suggest(reviews)
    else:
        messages = [MessageReport.of(r) for r in reviews]
    result = CheckResult(
        linted.findings, messages, texts, linted.warnings, read_errors=linted.errors
    )
    if options.fix or options.diff:
        _fix(pipeline, sources, linted.per_source, result, options)
    formats = {s.path: s.format for s in sources}
    now = [Source(path, text, formats.get(path)) for path, text in result.texts.items()]
    result.findings = with_sentence_rewrites(pipeline, now, result.findings)
    return result


def _fixed_text(
    pipeline: Pipeline, source: Source, findings: list[Finding], message: object, unsafe: bool
) -> tuple[str, int]:
    """The text with every allowed fix applied, and how many edits that took.

    Fixing can expose another fix ("Obviously, clearly, this is it.": dropping
    "Obviously" leaves "Clearly" to drop), so the text is linted again and
    fixed again until nothing is left to fix (at most MAX_FIX_ROUNDS times):
    a second ``--fix`` then finds nothing to do.
    """
    from restorelint.fix.edits import apply, plan

    rewrites = (getattr(message, "rewrites", None) or []) if message is not None else []
    anchors = getattr(message, "paragraph_ends", None) if message is not None else None
    text, count = source.text, 0
    for _round in range(MAX_FIX_ROUNDS):
        edits = plan(text, findings, rewrites, unsafe=unsafe, anchors=anchors)
        new_text = apply(text, edits) if edits else text
        if new_text == text:
            break
        text, count = new_text, count + len(edits)
        rewrites, anchors = [], None  # the rewrites were planned for the first text only
        findings = pipeline.lint([Source(source.path, text, source.format)]).findings
    return text, count


def _fix(
    pipeline: Pipeline,
    sources: Sequence[Source],
    per_source: Sequence[list[Finding]],
    result: CheckResult,
    options: CheckOptions,
) -> None:
    from restorelint.fix import write
    from restorelint.fix.edits import unified_diff
    from restorelint.suggest.message import MessageReport

    by_path = {m.path: m for m in result.messages}
    changed: list[Source] = []
    diffs: list[str] = []
    for source, own in zip(sources, per_source, strict=True):
        message = by_path.get(source.path)
        new_text, count = _fixed_text(pipeline, source, own, message, options.unsafe)
        if new_text == source.text:
            continue
        if options.diff:
            diffs.append(unified_diff(source.path, source.text, new_text))
            continue
        if source.path != options.stdin_name:
            try:
                write.write_fixed(source, new_text)
            except write.FixError as exc:
                result.fix_errors.append(InputError(exc.path, exc.message))
                continue
        # counted only once written: the summary reports the fixes that were made
        result.fixes_applied += count
        changed.append(Source(source.path, new_text, source.format, bom=source.bom))
    if options.diff:
        result.diffs = diffs
        return
    if options.stdin_name is not None:
        stdin = next((s for s in sources if s.path == options.stdin_name), None)
        if stdin is not None:
            new = next((c for c in changed if c.path == stdin.path), stdin)
            result.stdin_text = ("\ufeff" if stdin.bom else "") + new.text
    if not changed:
        return
    result.files_fixed = len({c.path for c in changed})
    again, reviews = pipeline.review(changed, options.review_settings)
    replaced = {c.path for c in changed}
    result.findings = sorted(
        [f for f in result.findings if f.path not in replaced] + again.findings,
        key=lambda f: (f.path, f.start, f.rule),
    )
    renewed = (
        pipeline.suggest(reviews) if options.unsafe else [MessageReport.of(r) for r in reviews]
    )
    by_new = {m.path: m for m in renewed}
    result.messages = [by_new.get(m.path, m) for m in result.messages]
    result.texts.update({c.path: c.text for c in changed})
