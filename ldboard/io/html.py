"""The iteration summary as one self-contained HTML file.

The page is a Jinja2 template under ``resources/templates/`` rendered with
autoescape on, so all user text is escaped. The CSS is inline and nothing is
fetched from anywhere: the one image (the burn-up chart, when there is one)
comes in as a ``data:`` URI. The same page prints cleanly on A4 or Letter.
"""

from __future__ import annotations

import jinja2

from ldboard.io.summary import IterationSummary
from ldboard.io.wording import (
    action_detail,
    headline,
    measure,
    number,
    period,
    status_line,
    story,
    thanks_detail,
)
from ldboard.resources import read_text

TEMPLATE = "summary.html.j2"


def _environment() -> jinja2.Environment:
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
        action_detail=action_detail, thanks_detail=thanks_detail, story=story
    )
    return environment


def render_html(summary: IterationSummary, *, chart_data_uri: str = "") -> str:
    """The summary as an HTML document.

    ``chart_data_uri`` is the burn-up chart as a ``data:image/png;base64,…`` URI;
    empty leaves the chart out. Anything else is refused, so the page never
    makes a request.
    """
    if chart_data_uri and not chart_data_uri.startswith("data:image/"):
        raise ValueError("the chart must be given as a data:image/… URI")
    template = _environment().get_template(TEMPLATE)
    return template.render(
        s=summary,
        period=period(summary),
        status=status_line(summary),
        headline=headline(summary),
        chart=chart_data_uri,
    )
