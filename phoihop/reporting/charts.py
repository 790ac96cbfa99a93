"""Charts embedded in documents as PNG (matplotlib, Agg backend: no display needed).

The indicators app is expected to bring its own chart module; documents take any PNG bytes
(``Section.chart``), so its charts can replace these without touching the templates.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.ticker import FuncFormatter

from phoihop.reporting.formatting import vn_number


def bar_chart(labels: list[str], values: list[int], *, title: str) -> bytes:
    """Horizontal bars with Vietnamese number labels (DejaVu Sans has every Vietnamese glyph)."""
    height = 1.2 + 0.45 * max(1, len(labels))
    figure, axes = plt.subplots(figsize=(7.0, height), dpi=120)
    try:
        wrapped = [textwrap.fill(label, 40) for label in labels]
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, values, color="#1f5fa8")
        axes.set_yticks(positions, wrapped, fontsize=8)
        axes.set_title(title, fontsize=10, fontweight="bold")
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: vn_number(int(x))))
        for position, value in zip(positions, values, strict=True):
            axes.text(value, position, f" {vn_number(value)}", va="center", fontsize=8)
        axes.spines[["top", "right"]].set_visible(False)
        # Fixed margins: tight_layout measures every label and costs more than the drawing.
        figure.subplots_adjust(left=0.42, right=0.93, top=1 - 0.45 / height, bottom=0.35 / height)
        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(figure)
