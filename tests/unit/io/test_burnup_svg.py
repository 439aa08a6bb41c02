"""The burn-up SVG: well-formed, deterministic, escaped, and drawn by Qt."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from ldboard.domain.frozen import BurnUpDay
from ldboard.io.burnup_svg import burn_up_svg, data_uri, day_label

NS = {"svg": "http://www.w3.org/2000/svg"}
DAYS = (
    BurnUpDay("2026-11-02", 9.0, 0.0, 3, 0),
    BurnUpDay("2026-11-03", 9.0, 3.0, 3, 1),
    BurnUpDay("2026-11-04", 12.0, 3.0, 4, 1),  # a scope change: one step up
    BurnUpDay("2026-11-05", 12.0, 8.0, 4, 3),
)


def _parsed(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_chart_has_its_lines_axes_legend_and_title():
    root = _parsed(burn_up_svg(DAYS, title="Burn-up: Sprint 1", end="2026-11-13"))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Burn-up: Sprint 1" in texts
    assert {"Scope", "Done", "Ideal", "Effort"} <= set(texts)
    assert "2 Nov" in texts and "13 Nov" in texts, "the x-axis runs to the end date"
    assert {"0", "5", "10", "15"} <= set(texts)
    scope, done = [p.get("points").split() for p in root.findall("svg:polyline", NS)][1:]
    assert len(scope) == 1 + 2 * (len(DAYS) - 1), "the scope line is drawn in steps"
    assert len(done) == len(DAYS)
    assert root.find("svg:title", NS).text == "Burn-up: Sprint 1"


def test_the_same_days_give_the_same_bytes():
    assert burn_up_svg(DAYS, title="x") == burn_up_svg(tuple(DAYS), title="x")


def test_a_title_that_looks_like_markup_is_only_text():
    svg = burn_up_svg(DAYS, title='<script>alert(1)</script> & "quotes"')
    assert "<script>" not in svg
    root = _parsed(svg)
    assert root.find("svg:title", NS).text == '<script>alert(1)</script> & "quotes"'
    assert not list(root.iter("script"))


def test_nothing_to_draw_gives_no_chart_and_one_day_gives_points():
    assert burn_up_svg((), title="x") == "" and data_uri("") == ""
    root = _parsed(burn_up_svg(DAYS[:1], title="x"))
    assert len(root.findall("svg:circle", NS)) == 2


def test_the_data_uri_holds_the_svg():
    svg = burn_up_svg(DAYS, title="x")
    uri = data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == svg


def test_dates_are_written_the_same_in_any_language():
    from datetime import date

    assert day_label(date(2026, 5, 1)) == "1 May"


@given(
    st.lists(
        st.tuples(st.floats(0, 500, allow_nan=False), st.floats(0, 500, allow_nan=False)),
        min_size=1,
        max_size=60,
    ),
    st.text(max_size=40),
)
def test_any_series_and_title_make_a_well_formed_svg(values, title):
    title = "".join(c for c in title if c.isprintable())
    days = tuple(
        BurnUpDay(f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}", scope, min(done, scope), 1, 0)
        for n, (scope, done) in enumerate(values)
    )
    root = _parsed(burn_up_svg(days, title=title))
    assert root.find("svg:title", NS).text == (title or None)


def test_qt_draws_the_svg(qapp, tmp_path):
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(burn_up_svg(DAYS, title="Sprint 1").encode()))
    assert renderer.isValid()
    image = QImage(1280, 660, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 1280, 660))
    painter.end()
    colours = {image.pixelColor(x, 330).name() for x in range(0, 1280, 4)}
    assert len(colours) > 2, "lines and grid were drawn, not a blank image"
    image.save(str(tmp_path / "burn-up.png"))
