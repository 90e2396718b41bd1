"""The audit report's charts, drawn by matplotlib as inline SVG.

SVG needs no script and no font file: text stays text (``svg.fonttype: none``),
drawn in the reader's own sans-serif font, so the HTML report is one
self-contained file that renders offline, prints, and can be searched. Output
is deterministic (fixed element ids, no timestamp), so the same audit gives
the same file. Each chart is a picture of a table the report also prints.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

HTML_HINT = "the HTML report needs matplotlib: pip install 'restorelint[audit]'"
WIDTH = 7.2  # inches; the SVG scales with the page
# Okabe & Ito's palette, readable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
ACCENT = "#D55E00"
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)  # the XML declaration and DOCTYPE
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)  # RDF naming its vocabularies


class ChartsUnavailable(RuntimeError):
    pass


def _style() -> AbstractContextManager[Any]:
    try:
        import matplotlib
    except ImportError:
        raise ChartsUnavailable(HTML_HINT) from None
    return matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "restorelint",
            "font.family": "sans-serif",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def _figure(height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH, height), layout="constrained")


def _svg(figure: Figure, label: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1), count=1)
    escaped = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escaped}" class="chart" ', 1)


def _percent_axis(axis: Any) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(1.0, decimals=None))


def categories(summary: Mapping[str, Any], names: Sequence[str]) -> str:
    """Share of messages with a finding of each category, largest first."""
    with _style():
        shares = sorted(
            ((summary["categories"][c]["share"] or 0.0, c) for c in names), reverse=True
        )
        figure = _figure(0.28 * len(shares) + 0.8)
        ax = figure.add_subplot()
        labels = [c for _, c in shares][::-1]
        values = [s for s, _ in shares][::-1]
        bars = ax.barh(labels, values, color=PALETTE[0])
        ax.bar_label(bars, labels=[f"{v * 100:.1f}%" for v in values], padding=3, fontsize=8)
        _percent_axis(ax.xaxis)
        ax.set_xlim(0, max([*values, 0.01]) * 1.18)
        ax.set_xlabel("messages with a finding of the category")
        return _svg(figure, "Bar chart: share of messages flagged, per category")


def score_histogram(summary: Mapping[str, Any]) -> str:
    with _style():
        bins = summary["score"]["histogram"]
        figure = _figure(2.6)
        ax = figure.add_subplot()
        labels = [f"{b['from']}–{b['to']}" for b in bins]
        bars = ax.bar(labels, [b["messages"] for b in bins], color=PALETTE[2])
        ax.bar_label(bars, padding=2, fontsize=8)
        ax.set_xlabel("restorative score")
        ax.set_ylabel("messages")
        return _svg(figure, "Histogram of restorative scores")


def trend(points: Sequence[Mapping[str, Any]], period: str) -> str:
    """Share flagged per period: all messages in bold, each group in its colour."""
    with _style():
        figure = _figure(3.0)
        ax = figure.add_subplot()
        periods = [p["period"] for p in points]
        groups = sorted({g for p in points for g in p["groups"]})
        for number, group in enumerate(groups):
            ys = [p["groups"].get(group, {}).get("share_flagged") for p in points]
            ax.plot(
                periods,
                [float("nan") if y is None else y for y in ys],
                marker="o",
                markersize=3,
                linewidth=1.2,
                color=PALETTE[number % len(PALETTE)],
                label=group,
            )
        ax.plot(
            periods,
            [p["share_flagged"] or 0.0 for p in points],
            color="#222222",
            linewidth=2.6,
            marker="o",
            label="all messages",
        )
        _percent_axis(ax.yaxis)
        ax.set_ylim(bottom=0)
        ax.set_ylabel("messages flagged")
        ax.set_xlabel(period)
        ax.tick_params(axis="x", labelrotation=45 if len(periods) > 8 else 0)
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
        return _svg(figure, f"Line chart: share of messages flagged per {period}")


def heat_map(by_group: Mapping[str, Any], names: Sequence[str]) -> str:
    """Groups × categories: the share of each group's messages with the category."""
    with _style():
        groups = list(by_group)
        values = [[by_group[g]["categories"][c]["share"] or 0.0 for c in names] for g in groups]
        figure = _figure(0.34 * len(groups) + 1.6)
        ax = figure.add_subplot()
        top = max([v for row in values for v in row] + [0.01])
        # pcolormesh draws each cell as a vector path (imshow would embed a PNG)
        ax.pcolormesh(values, cmap="OrRd", vmin=0, vmax=top, edgecolors="white", linewidth=0.8)
        ax.set_xticks([c + 0.5 for c in range(len(names))], labels=list(names))
        ax.tick_params(axis="x", labelrotation=35)
        for label in ax.get_xticklabels():
            label.set_horizontalalignment("right")
        ax.set_yticks([g + 0.5 for g in range(len(groups))], labels=groups)
        ax.invert_yaxis()
        for row, line in enumerate(values):
            for column, value in enumerate(line):
                if value:
                    dark = value > top * 0.6
                    ax.text(
                        column + 0.5,
                        row + 0.5,
                        f"{value * 100:.0f}%",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if dark else "#222222",
                    )
        ax.spines[:].set_visible(False)
        # No colour bar (matplotlib rasterises its gradient): each cell says its share.
        return _svg(figure, "Heat map: share of each group's messages flagged, per category")


def checklist(summary: Mapping[str, Any], names: Mapping[str, str]) -> str:
    with _style():
        items = list(summary["checklist"].items())
        figure = _figure(0.3 * len(items) + 0.8)
        ax = figure.add_subplot()
        labels = [names.get(k, k) for k, _ in items][::-1]
        values = [v["share_present"] or 0.0 for _, v in items][::-1]
        bars = ax.barh(labels, values, color=PALETTE[4])
        ax.bar_label(bars, labels=[f"{v * 100:.0f}%" for v in values], padding=3, fontsize=8)
        _percent_axis(ax.xaxis)
        ax.set_xlim(0, 1.1)
        ax.set_xlabel("messages that have the element")
        return _svg(figure, "Bar chart: restorative checklist elements present")
