"""The audit report as one self-contained HTML file: inline CSS, charts as inline
SVG, no script, no font, image or style sheet fetched from anywhere — it reads
the same offline, attached to an e-mail or printed.

Every value from the input (group and role names, excerpts) goes through
Jinja's autoescaping, so a team called ``<script>`` is shown, not run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from restorelint.records import CATEGORIES
from restorelint.report import audit_charts
from restorelint.report.audit_text import percent


def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("restorelint.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = percent
    env.filters["blank"] = lambda value: "–" if value is None else value
    return env


def render(doc: Mapping[str, Any], checklist_names: Mapping[str, str]) -> str:
    """``checklist_names``: element id → its name ("clear expectation")."""
    from markupsafe import Markup

    summary = doc["summary"]
    dims = doc["dimensions"]
    charts = {
        "categories": audit_charts.categories(summary, CATEGORIES),
        "scores": audit_charts.score_histogram(summary),
        "checklist": audit_charts.checklist(summary, checklist_names),
    }
    if doc["trend"]:
        charts["trend"] = audit_charts.trend(doc["trend"], dims["period"])
    if doc["by_group"]:
        charts["heat_map"] = audit_charts.heat_map(doc["by_group"], CATEGORIES)
    breakdowns = [
        (f"By {dims[key]}", doc[f"by_{key}"])
        for key in ("group", "role", "period")
        if doc[f"by_{key}"]
    ]
    template = _environment().get_template("audit.html.j2")
    return template.render(
        doc=doc,
        summary=summary,
        dims=dims,
        categories=CATEGORIES,
        checklist_names=checklist_names,
        # matplotlib's own SVG, not input text: safe to embed as it is
        charts={name: Markup(svg) for name, svg in charts.items()},
        breakdowns=breakdowns,
    )
