"""Charts drawn on the server with matplotlib (Agg): SVG for pages, PNG bytes for documents.

Labels are Vietnamese and numbers are written as Vietnamese reports write them (``1.234.567``,
``61,5%``). SVG text is kept as text (``svg.fonttype = none``) so that it stays sharp, can be
searched and copied, and so tests can read the figures; PNGs embed DejaVu Sans, which has every
Vietnamese glyph. The output is deterministic (no date in the metadata, a fixed id salt), so the
same data always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from phoihop.indicators.formatting import vi_number, vi_percent

__all__ = ["BarChart", "LineChart", "Series", "render_png", "render_svg"]

BRAND = "#0b5394"
TARGET = "#c2185b"
PALETTE = ("#0b5394", "#2f7d32", "#b26a00", "#4527a0", "#546e7a", "#00838f")
_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.fonttype": "none",
    "svg.hashsalt": "phoihop",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9aa5b1",
    "axes.labelcolor": "#1f2933",
    "xtick.color": "#616e7c",
    "ytick.color": "#616e7c",
}


def _label(value: float | None, percent: bool) -> str:
    if value is None:
        return ""
    return vi_percent(value) if percent else vi_number(value)


@dataclass
class Series:
    name: str
    values: Sequence[float | None]


@dataclass
class BarChart:
    """Horizontal bars (names read well, even long unit names), one per label.

    ``targets`` draws each bar's target as a tick mark; ``percent`` writes values as ``61,5%``.
    """

    title: str
    labels: Sequence[str]
    values: Sequence[float | None]
    targets: Sequence[float | None] = field(default_factory=list)
    percent: bool = False
    value_label: str = ""

    def figure(self) -> Figure:
        count = max(len(self.labels), 1)
        fig = Figure(figsize=(7.2, 0.9 + 0.38 * count), dpi=100)
        ax = fig.add_subplot()
        positions = list(range(len(self.labels)))[::-1]
        numbers = [value or 0 for value in self.values]
        ax.barh(positions, numbers, color=BRAND, height=0.6, label=self.value_label or None)
        biggest = max([*numbers, *(t or 0 for t in self.targets), 0])
        targets = list(self.targets) + [None] * (len(self.values) - len(self.targets))
        for position, value, target in zip(positions, self.values, targets, strict=True):
            ax.text(
                max(value or 0, target or 0) + biggest * 0.015,
                position,
                _label(value, self.percent),
                va="center",
                fontsize=8,
            )
        if self.targets:
            marks = [
                (position, target)
                for position, target in zip(positions, self.targets, strict=False)
                if target is not None
            ]
            if marks:
                ax.scatter(
                    [target for _p, target in marks],
                    [position for position, _t in marks],
                    marker="|",
                    s=260,
                    color=TARGET,
                    linewidths=2,
                    label="Chỉ tiêu",
                    zorder=3,
                )
                ax.legend(
                    loc="lower right", bbox_to_anchor=(1, 1), fontsize=8, frameon=False, ncol=2
                )
        ax.set_yticks(positions, [_short(label) for label in self.labels])
        ax.set_xlim(0, biggest * 1.22 or 1)
        ax.xaxis.set_major_formatter(_formatter(self.percent))
        ax.set_title(self.title, loc="left", fontsize=10, fontweight="bold")
        fig.tight_layout()
        return fig


@dataclass
class LineChart:
    """Values over periods (one line a series), with an optional horizontal target line."""

    title: str
    periods: Sequence[str]
    series: Sequence[Series]
    target: float | None = None
    percent: bool = False

    def figure(self) -> Figure:
        fig = Figure(figsize=(7.2, 3.2), dpi=100)
        ax = fig.add_subplot()
        positions = list(range(len(self.periods)))
        for index, series in enumerate(self.series):
            points = [
                (x, y) for x, y in zip(positions, series.values, strict=True) if y is not None
            ]
            if not points:
                continue
            xs, ys = zip(*points, strict=True)
            color = PALETTE[index % len(PALETTE)]
            ax.plot(xs, ys, marker="o", color=color, label=series.name)
            for x, y in points:
                ax.annotate(
                    _label(y, self.percent),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=8,
                    color=color,
                )
        if self.target is not None:
            ax.axhline(self.target, color=TARGET, linestyle="--", linewidth=1)
            ax.annotate(
                "Chỉ tiêu " + _label(self.target, self.percent),
                (max(len(self.periods) - 1, 0), self.target),
                textcoords="offset points",
                xytext=(0, 3),
                ha="right",
                annotation_clip=False,
                fontsize=8,
                color=TARGET,
            )
        ax.set_xticks(positions, list(self.periods))
        highest = max(
            [y for series in self.series for y in series.values if y is not None]
            + [self.target or 0, 0]
        )
        ax.set_ylim(0, highest * 1.2 or 1)
        ax.set_xlim(-0.3, max(len(self.periods) - 1, 0) + 0.3)
        ax.yaxis.set_major_formatter(_formatter(self.percent))
        if len(self.series) > 1:
            ax.legend(fontsize=8, frameon=False)
        ax.set_title(self.title, loc="left", fontsize=10, fontweight="bold")
        fig.tight_layout()
        return fig


def _formatter(percent: bool) -> FuncFormatter:
    if percent:
        return FuncFormatter(lambda value, _pos: vi_percent(value, 0))
    return FuncFormatter(lambda value, _pos: vi_number(value))


def _short(label: str, size: int = 34) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def _render(chart: BarChart | LineChart, fmt: str) -> bytes:
    with plt.rc_context(_STYLE):
        fig = chart.figure()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def render_svg(chart: BarChart | LineChart) -> str:
    """The chart as an inline ``<svg>`` element (no XML prologue), for a page."""
    text = _render(chart, "svg").decode()
    return text[text.index("<svg") :]


def render_png(chart: BarChart | LineChart) -> bytes:
    """The chart as PNG bytes, for a DOCX or PDF document."""
    return _render(chart, "png")
