"""User text is data in every format: never a formula, a tag, a link or markup."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ldboard import ops
from ldboard.io.html import render_html
from ldboard.io.markdown import escape, render_markdown
from ldboard.io.summary import build_summary
from ldboard.io.tabular import FORMULA_STARTS, HEADER, neutralise, render_csv
from ldboard.store import Board
from tests.unit.io.conftest import HOSTILE, build_story, fixed_clock

#: Pieces of markup, and the characters that make it.
FRAGMENTS = ["<b>", "<script>", "</p>", "<a href=x>", "[x](http://e.example)", "![i](y.png)",
             "<http://e.example>", "&amp;", "&#60;", "- ", "1. ", "# ", "> ", "===", "---",
             "**", "`", "|", "\\"]  # fmt: skip
MARKUP = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS), st.sampled_from(list("<>[]()!*_`#&;:/=+-@\"' \t\r\n\0aZ19."))
    ),
    max_size=12,
).map("".join)
#: Text that leans on the characters that matter, plus anything else.
TEXT = st.one_of(MARKUP, st.text())


@given(TEXT)
def test_a_neutralised_cell_never_starts_a_formula_and_round_trips(text):
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS)
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell, "next"])
    assert next(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == [cell, "next"]
    assert cell in (text, "'" + text)


@given(MARKUP)
def test_escaped_markdown_text_renders_as_that_text_and_nothing_else(text):
    expected = " ".join(text.replace("\0", "\ufffd").split())
    tokens = MarkdownIt("commonmark").parse(f"- Label: {escape(text)}\n")
    assert [t.type for t in tokens] == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    children = tokens[3].children
    assert {c.type for c in children} == {"text"}
    assert "".join(c.content for c in children) == f"Label: {expected}".strip()


@given(MARKUP.filter(lambda t: t.split()))
def test_escaped_markdown_text_at_the_start_of_a_list_item_stays_one_item(text):
    expected = " ".join(text.replace("\0", "\ufffd").split())
    tokens = MarkdownIt("commonmark").parse(f"- {escape(text)}\n")
    assert [t.type for t in tokens][:3] == ["bullet_list_open", "list_item_open", "paragraph_open"]
    assert len(tokens) == 7
    assert "".join(c.content for c in tokens[3].children) == expected


def _story_with(text: str) -> Board:
    board = Board.in_memory(clock=fixed_clock())
    build_story(board)
    ops.edit_item(board, 3, {"title": ("T " + text)[:200], "hypothesis": text,
                             "cost_of_inaction": text, "audience": text})  # fmt: skip
    ops.add_retro_entry(board, 2, "went_well", "W " + text)
    return board


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.links += [value or "" for name, value in attrs if name in ("href", "src")]


TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "p", "section",
                 "h1", "h2", "h3", "table", "tr", "th", "td", "article", "figure", "img",
                 "span", "ul", "li", "strong"}  # fmt: skip


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXT.filter(lambda t: t.strip()))
def test_html_and_markdown_summaries_hold_no_user_tag_or_link(text):
    board = _story_with(text)
    try:
        summary = build_summary(board, 2)
    finally:
        board.close()
    parser = _Tags()
    parser.feed(render_html(summary))
    assert parser.tags <= TEMPLATE_TAGS
    assert all(link.startswith("data:image/svg+xml;base64,") for link in parser.links)
    tokens = MarkdownIt("commonmark").parse(render_markdown(summary))
    inline = [c for t in tokens if t.children for c in t.children]
    assert {c.type for c in inline} <= {"text", "softbreak", "strong_open", "strong_close",
                                        "em_open", "em_close", "hardbreak"}  # fmt: skip
    assert not any(t.type in ("html_block", "html_inline", "code_block") for t in tokens)


def test_hostile_text_is_shown_literally_in_every_format(story):
    ops.edit_item(story, 3, {"title": HOSTILE[:200], "hypothesis": HOSTILE})
    summary = build_summary(story, 2)
    html = render_html(summary)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    markdown = render_markdown(summary)
    rendered = MarkdownIt("commonmark").render(markdown)
    assert "<script>" not in rendered and "<a " not in rendered
    assert "[x](http://evil.example)" in MarkdownIt("commonmark").render(markdown).replace(
        "&quot;", '"'
    )
    rows = list(csv.reader(io.StringIO(render_csv(summary), newline="")))
    assert rows[0] == list(HEADER)
    title = rows[1][HEADER.index("title")]
    assert title == "'" + HOSTILE[:200]
