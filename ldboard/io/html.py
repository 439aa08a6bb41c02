"""The iteration summary as one self-contained HTML file.

The page is a Jinja2 template under ``resources/templates/`` rendered with
autoescape on, so all user text is escaped. The CSS is inline and nothing is
fetched from anywhere: the one image (the burn-up chart, when there is one)
comes in as a ``data:`` URI. The same page prints cleanly on A4 or Letter.
"""

from __future__ import annotations

import functools

import jinja2

from ldboard.io.burnup_svg import WIDTH, burn_up_svg, data_uri
from ldboard.io.summary import IterationSummary
from ldboard.io.wording import (
    action_detail,
    headline,
    measure,
    number,
    period,
    requests_handled,
    requests_received,
    status_line,
    story,
    thanks_detail,
    thanks_notes,
)
from ldboard.resources import read_text

TEMPLATE = "summary.html.j2"
#: The chart's width on screen: the SVG's own (``max-width`` shrinks it on a phone).
CHART_WIDTH = WIDTH


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment for the process: it compiles the template once (about
    40 ms), not on every export."""
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: read_text("templates", name)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(number=number, measure=measure)
    environment.globals.update(
        action_detail=action_detail,
        thanks_detail=thanks_detail,
        thanks_notes=thanks_notes,
        requests_received=requests_received,
        requests_handled=requests_handled,
        story=story,
    )
    return environment


def render_html(summary: IterationSummary, *, chart_data_uri: str | None = None) -> str:
    """The summary as an HTML document.

    The burn-up chart is drawn from the summary (``burnup_svg.py``) and embedded
    as a ``data:image/svg+xml;base64,…`` URI; a summary without a burn-up has
    no chart. ``chart_data_uri`` replaces it with another ``data:image/…`` URI
    ("" leaves the chart out); anything else is refused, so the page never
    makes a request.
    """
    if chart_data_uri is None:
        chart_data_uri = data_uri(chart_svg(summary))
    if chart_data_uri and not chart_data_uri.startswith("data:image/"):
        raise ValueError("the chart must be given as a data:image/… URI")
    return page(summary, chart_data_uri)


def chart_svg(summary: IterationSummary) -> str:
    """The summary's burn-up as SVG text ("" when it has none)."""
    return burn_up_svg(summary.burn_up, title=f"Burn-up: {summary.name}", end=summary.end)


def page(
    summary: IterationSummary,
    chart: str,
    *,
    chart_width: int = CHART_WIDTH,
    for_print: bool = False,
) -> str:
    """The HTML page with ``chart`` as the image's source, unchecked: the PDF
    points it at an image it hands to Qt itself (see ``pdf.py``). ``chart_width``
    is the image's width in CSS pixels (96 to the inch); ``for_print`` adds the
    style sheet Qt's rich text needs (the PDF)."""
    template = _environment().get_template(TEMPLATE)
    return template.render(
        s=summary,
        period=period(summary),
        status=status_line(summary),
        headline=headline(summary),
        chart=chart,
        chart_width=chart_width,
        for_print=for_print,
    )
