"""The message-level part of a report: checklist, restorative score, readability,
rewrites. Text and JSON forms; they only format what the review and suggest
stages decided."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import click

from restorelint.report.paths import printable

if TYPE_CHECKING:
    from restorelint.suggest.message import MessageReport

_WIDTH = 88


def _style(text: str, color: bool, **kwargs: Any) -> str:
    return click.style(text, **kwargs) if color else text


def score_line(message: MessageReport) -> str:
    s = message.score
    findings = len(message.findings)
    return (
        f"restorative score {s.value}/100 ({s.base} base + {s.checklist} checklist"
        f" − {s.penalty} for {findings} finding{'s' * (findings != 1)})"
    )


def render_text(message: MessageReport, color: bool) -> str:
    head = (
        _style(f"{printable(message.path)}:", color, bold=True)
        + " "
        + _style(score_line(message), color, bold=True)
    )
    out = [head]
    for item in message.checklist:
        mark = "✓" if item.present else "✗"
        if item.present and item.evidence is not None:
            detail = f"“{_clip(item.evidence.text)}” (line {item.line})"
        else:
            detail = item.element.hint
        wrapped = textwrap.fill(
            f"{item.element.name}: {detail}",
            width=_WIDTH,
            initial_indent=f"  {mark} ",
            subsequent_indent="      ",
        )
        styled = _style(mark, color, fg="green" if item.present else "yellow")
        out.append(wrapped.replace(mark, styled, 1))
    r = message.readability
    if r.reading_ease is not None:
        out.append(
            f"  readability: reading ease {r.reading_ease:g} ({r.ease_label}), "
            f"grade {r.grade:g}, {r.words} words in {r.sentences} sentences"
        )
    if r.above_max_grade:
        out.append(
            _style(
                f"  readability hint: grade {r.grade:g} is above {r.max_grade:g}; "
                "shorter sentences and plainer words will help",
                color,
                fg="cyan",
            )
        )
    for long in r.long_sentences:
        out.append(
            _style(
                f"  readability hint: {printable(message.path)}:{long.line}:{long.column}: "
                "a sentence of "
                f"{long.words} words (more than {r.max_sentence_words}); split it",
                color,
                fg="cyan",
            )
        )
    return "\n".join(out)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def message_json(message: MessageReport) -> dict[str, Any]:
    r = message.readability
    payload: dict[str, Any] = {
        "path": printable(message.path),
        "score": message.score.value,
        "score_parts": {
            "base": message.score.base,
            "checklist": message.score.checklist,
            "findings": -message.score.penalty,
        },
        "checklist": [
            {
                "id": item.element.id,
                "name": item.element.name,
                "present": item.present,
                "weight": item.element.weight,
                "hint": item.element.hint,
                "evidence": None
                if item.evidence is None
                else {
                    "text": item.evidence.text,
                    "start": item.evidence.start,
                    "end": item.evidence.end,
                    "line": item.line,
                    "column": item.column,
                },
            }
            for item in message.checklist
        ],
        "readability": {
            "words": r.words,
            "sentences": r.sentences,
            "flesch_reading_ease": r.reading_ease,
            "flesch_kincaid_grade": r.grade,
            "max_grade": r.max_grade,
            "above_max_grade": r.above_max_grade,
            "max_sentence_words": r.max_sentence_words,
            "long_sentences": [
                {
                    "line": s.line,
                    "column": s.column,
                    "start": s.start,
                    "end": s.end,
                    "words": s.words,
                }
                for s in r.long_sentences
            ],
        },
    }
    if message.rewrites is not None:
        rewrites = []
        for rw in message.rewrites:
            rewrites.append(
                {
                    "line": rw.line,
                    "column": rw.column,
                    "end_line": rw.end_line,
                    "end_column": rw.end_column,
                    "start": rw.start,
                    "end": rw.end,
                    "original": rw.original,
                    "rewrite": rw.text,
                    "applicability": rw.applicability,
                    "rules": list(rw.rules),
                    "placeholders": rw.placeholders,
                }
            )
        payload["rewrites"] = rewrites
    return payload
