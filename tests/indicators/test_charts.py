"""Server-side charts: Vietnamese labels and number format, SVG for pages, PNG for documents."""

from __future__ import annotations

import re

import pytest

from phoihop.indicators.charts import BarChart, LineChart, Series, render_png, render_svg
from phoihop.indicators.formatting import vi_number, vi_percent

pytestmark = [pytest.mark.unit]


def _texts(svg: str) -> list[str]:
    """The text of every <text> element (svg.fonttype none keeps them as text)."""
    return [
        re.sub(r"<[^>]+>", "", chunk) for chunk in re.findall(r"<text[^>]*>.*?</text>", svg, re.S)
    ]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234567, None, "1.234.567"),
        (25330, None, "25.330"),
        (1234.5, None, "1.234,5"),
        (12.0, None, "12"),
        (-1500, None, "-1.500"),
        (0.125, 1, "0,1"),
        (None, None, "—"),
        ("abc", None, "—"),
    ],
)
def test_vi_number_writes_dots_for_thousands_and_comma_for_decimals(value, decimals, expected):
    assert vi_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(61.5, "61,5%"), (38.049, "38,0%"), (100, "100,0%"), (None, "—")]
)
def test_vi_percent_writes_a_decimal_comma(value, expected):
    assert vi_percent(value) == expected


def test_bar_chart_svg_writes_values_and_names_in_vietnamese():
    chart = BarChart(
        title="Nữ đoàn viên",
        labels=["LĐLĐ huyện Cái Bè", "LĐLĐ huyện Châu Thành"],
        values=[1234567, 25330],
        targets=[1300000, None],
    )

    texts = _texts(render_svg(chart))

    assert "1.234.567" in texts
    assert "25.330" in texts
    assert "LĐLĐ huyện Châu Thành" in texts
    assert "Chỉ tiêu" in texts
    assert "1,234,567" not in " ".join(texts)


def test_line_chart_svg_writes_percentages_with_a_comma():
    chart = LineChart(
        title="Tỉ lệ nữ",
        periods=["2022S1", "2022S2", "2023S1"],
        series=[Series("LĐLĐ tỉnh Tiền Giang", [55.0, 61.5, None])],
        target=70,
        percent=True,
    )

    texts = _texts(render_svg(chart))

    assert [text for text in texts if text in {"55,0%", "61,5%"}] == ["55,0%", "61,5%"]
    assert "Chỉ tiêu 70,0%" in texts
    assert "61.5%" not in texts


def test_svg_is_inline_and_deterministic():
    chart = BarChart(title="Số CĐCS", labels=["A", "B"], values=[3, 4])

    first, second = render_svg(chart), render_svg(chart)

    assert first.startswith("<svg")
    assert first == second


def test_png_is_png_bytes_and_handles_empty_data():
    chart = LineChart(title="Trống", periods=[], series=[])

    data = render_png(chart)

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert render_png(BarChart(title="Trống", labels=[], values=[]))[:4] == b"\x89PNG"
