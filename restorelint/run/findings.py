"""A hit (rule id and offsets into the source) made into the finding users see:
line and column, the matched text in the message, and for the tone model the
score and the words that drove it."""

from __future__ import annotations

from functools import lru_cache

from restorelint.catalog.rules import Rule
from restorelint.records import Finding, LineIndex, Source
from restorelint.run.tone import MODEL_KIND, explained


def make_finding(source: Source, rule: Rule, start: int, end: int) -> Finding:
    index = _line_index(source.text)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    text = source.text[start:end]
    message = rule.message.replace("{text}", text)
    score = None
    if rule.kind == MODEL_KIND:
        score, message = explained(rule, text)
    return Finding(
        path=source.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        text=text,
        message=message,
        suggestion=rule.suggestion,
        applicability=rule.applicability,
        replacement=rule.replacement,
        score=score,
    )


@lru_cache(maxsize=64)
def _line_index(text: str) -> LineIndex:
    return LineIndex(text)
