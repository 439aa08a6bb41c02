"""The burn-up chart of an iteration summary, drawn as SVG in plain Python.

No Qt and no plotting library: the HTML page embeds the SVG as a ``data:``
URI and the PDF renders the very same text with Qt (``pdf.py``), so both
show one picture. The output is deterministic (same days in, same bytes
out: fixed month names, fixed number formats) so golden files can hold it,
and every piece of user text is escaped.

What it shows: the scope line drawn in steps (scope changes are the jumps),
the done line, the ideal line from nothing on the first day to the scope on
the last day of the iteration, dated x-axis, effort y-axis, a legend, a title.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable, Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from ldboard.domain.frozen import BurnUpDay

WIDTH, HEIGHT = 640, 330
LEFT, RIGHT, TOP, BOTTOM = 52, 30, 40, 70
SCOPE_COLOR, DONE_COLOR, IDEAL_COLOR = "#486581", "#1b7f3b", "#9aa5b1"
AXIS_COLOR, GRID_COLOR, TEXT_COLOR = "#52606d", "#e4e7eb", "#1f2933"
FONT = "Helvetica, Arial, sans-serif"
#: Month names written out here: ``strftime("%b")`` would follow the machine's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: At most this many dates under the x-axis, so they never overlap.
MAX_DATE_LABELS = 7


def burn_up_svg(days: Sequence[BurnUpDay], *, title: str, end: str | None = None) -> str:
    """The burn-up of ``days`` as an SVG document ("" when there is nothing to draw).

    ``end`` (the iteration's end date) stretches the x-axis past the last day
    of a running iteration, so the ideal line aims at the date it must meet.
    """
    if not days:
        return ""
    first = date.fromisoformat(days[0].day)
    last = date.fromisoformat(days[-1].day)
    axis_end = max(last, _date(end) or last)
    span = max((axis_end - first).days, 1)
    top_value = _nice_top(max(max(d.scope_effort for d in days), 1.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / top_value)

    xs = [x(date.fromisoformat(d.day)) for d in days]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}" font-size="11" '
        f'fill="{TEXT_COLOR}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="22" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    parts += _y_axis(top_value, y, plot_w)
    parts += _x_axis(first, axis_end, span, x, plot_h)
    scope = [(xs[0], y(days[0].scope_effort))]
    for n in range(1, len(days)):
        scope.append((xs[n], y(days[n - 1].scope_effort)))
        scope.append((xs[n], y(days[n].scope_effort)))
    done = [(xs[n], y(d.done_effort)) for n, d in enumerate(days)]
    ideal = [(x(first), y(0)), (x(axis_end), y(days[-1].scope_effort))]
    parts.append(_line(ideal, IDEAL_COLOR, dashed=True))
    parts.append(_line(scope, SCOPE_COLOR))
    parts.append(_line(done, DONE_COLOR))
    if len(days) == 1:  # a single day is a point, not a line
        parts.append(_dot(scope[0], SCOPE_COLOR))
        parts.append(_dot(done[0], DONE_COLOR))
    parts += _legend()
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def data_uri(svg: str) -> str:
    """The SVG as a self-contained ``data:image/svg+xml;base64,…`` URI ("" for none)."""
    if not svg:
        return ""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def day_label(day: date) -> str:
    """ "12 Oct", whatever the machine's language."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _nice_top(value: float) -> float:
    """The top of the y-axis: the smallest 1, 2 or 5 × 10ⁿ step count ≥ ``value``."""
    step = _step(value)
    return math.ceil(value / step) * step


def _step(value: float) -> float:
    """A round tick step giving at most five ticks up to ``value``."""
    power = 10 ** math.floor(math.log10(value))
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = max(factor * power, 1.0)
        if value / step <= 5:
            return step
    return 10 * power


def _y_axis(top_value: float, y: Callable[[float], float], plot_w: float) -> list[str]:
    step = _step(top_value)
    parts = []
    for n in range(round(top_value / step) + 1):
        value = n * step
        at = _f(y(value))
        parts.append(
            f'<line x1="{LEFT}" y1="{at}" x2="{_f(LEFT + plot_w)}" y2="{at}" '
            f'stroke="{GRID_COLOR if n else AXIS_COLOR}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{_f(y(value) + 4)}" text-anchor="end">{_number(value)}</text>'
        )
    middle = _f(TOP + (HEIGHT - TOP - BOTTOM) / 2)
    parts.append(
        f'<text x="14" y="{middle}" text-anchor="middle" '
        f'transform="rotate(-90 14 {middle})">Effort</text>'
    )
    return parts


def _x_axis(
    first: date, axis_end: date, span: int, x: Callable[[date], float], plot_h: float
) -> list[str]:
    bottom = TOP + plot_h
    every = max(1, math.ceil(span / (MAX_DATE_LABELS - 1)))
    ticks = list(range(0, span + 1, every))
    if ticks[-1] != span:  # the last day is always labelled, never crowding its neighbour
        if span - ticks[-1] < every and len(ticks) > 1:
            ticks[-1] = span
        else:
            ticks.append(span)
    parts = [f'<line x1="{LEFT}" y1="{_f(bottom)}" x2="{LEFT}" y2="{TOP}" stroke="{AXIS_COLOR}"/>']
    for offset in ticks:
        day = date.fromordinal(first.toordinal() + offset)
        at = _f(x(day))
        parts.append(
            f'<line x1="{at}" y1="{_f(bottom)}" x2="{at}" y2="{_f(bottom + 4)}" '
            f'stroke="{AXIS_COLOR}"/>'
        )
        parts.append(
            f'<text x="{at}" y="{_f(bottom + 17)}" text-anchor="middle">{day_label(day)}</text>'
        )
    return parts


def _legend() -> list[str]:
    y = HEIGHT - 16
    parts = []
    left = LEFT
    for label, color, dashed in (
        ("Scope", SCOPE_COLOR, False),
        ("Done", DONE_COLOR, False),
        ("Ideal", IDEAL_COLOR, True),
    ):
        dash = ' stroke-dasharray="5 4"' if dashed else ""
        parts.append(
            f'<line x1="{left}" y1="{y - 4}" x2="{left + 22}" y2="{y - 4}" stroke="{color}" '
            f'stroke-width="2.5"{dash}/>'
        )
        parts.append(f'<text x="{left + 28}" y="{y}">{escape(label)}</text>')
        left += 90
    return parts


def _line(points: list[tuple[float, float]], color: str, *, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    text = " ".join(f"{_f(px)},{_f(py)}" for px, py in points)
    return (
        f'<polyline points={quoteattr(text)} fill="none" stroke="{color}" '
        f'stroke-width="2.5" stroke-linejoin="round"{dash}/>'
    )


def _dot(point: tuple[float, float], color: str) -> str:
    return f'<circle cx="{_f(point[0])}" cy="{_f(point[1])}" r="3" fill="{color}"/>'


def _f(value: float) -> str:
    """A coordinate with one decimal, never ``-0.0``."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
