"""Reading CSV bytes: encodings, delimiters, line numbers, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldboard.io.csv_import import reading
from ldboard.io.csv_import.reading import read_csv_bytes, read_csv_file

FIXTURES = Path(__file__).parents[2] / "fixtures" / "csv"


def test_utf8_with_and_without_bom_read_alike():
    plain = read_csv_bytes("Title,Tags\nCafé,a\n".encode(), "a.csv")
    bom = read_csv_bytes("\ufeffTitle,Tags\nCafé,a\n".encode(), "b.csv")
    assert plain.header == bom.header == ("Title", "Tags")
    assert plain.rows[0].cells == bom.rows[0].cells == ("Café", "a")
    assert (plain.encoding, bom.encoding) == ("utf-8", "utf-8-sig")
    assert not plain.notices and not bom.notices


def test_cp1252_is_the_fallback_and_says_so_with_the_line():
    table = read_csv_bytes("Title\nplain\nCafé – Müller\n".encode("cp1252"), "old.csv")
    assert table.encoding == "cp1252"
    assert table.rows[1].cells == ("Café – Müller",)
    assert table.notices and "old.csv" in table.notices[0] and "line 3" in table.notices[0]


def test_bytes_neither_utf8_nor_cp1252_are_refused_naming_the_line():
    table = read_csv_bytes(b"Title\nok\n\x81\x8d\n", "odd.csv")
    assert table.problems == [table.problems[0]]
    assert table.problems[0].startswith("odd.csv:3: ")


def test_utf16_with_bom_is_read():
    table = read_csv_bytes("\ufeffTitle\tStage\nA\tIntake\n".encode("utf-16-le"), "u.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[0].cells == ("A", "Intake")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Title,Stage\nA,B\n", ","),
        ("Title;Stage\nA;B\n", ";"),
        ("Title\tStage\nA\tB\n", "\t"),
        # a comma inside a semicolon file's cell does not mislead the count
        ("Title;Notes\nA;one, two, three\nB;x\n", ";"),
        # a quoted cell with line breaks and delimiters of the other kinds
        ('Title,Notes\nA,"x;y\n\tz;w"\nB,c\n', ","),
    ],
)
def test_the_delimiter_is_detected(text, delimiter):
    table = read_csv_bytes(text.encode(), "d.csv")
    assert table.delimiter == delimiter
    assert not table.problems
    assert table.rows[0].cells[0] == "A"


def test_one_column_keeps_commas_in_titles():
    table = read_csv_file(FIXTURES / "one_column.csv")
    assert table.delimiter == reading.ONE_COLUMN
    assert [row.cells for row in table.rows] == [
        ("Time management basics",),
        ("Feedback, the friendly way",),
    ]


def test_rows_keep_the_line_they_start_on_across_multiline_cells():
    text = 'Title,Notes\r\n"A",one\r\n"B","two\r\nlines\nand more"\r\n\r\nC,x\r\n'
    table = read_csv_bytes(text.encode(), "m.csv")
    assert [row.line for row in table.rows] == [2, 3, 7]
    assert table.rows[1].cells[1] == "two\r\nlines\nand more"


def test_blank_and_padded_rows_are_skipped_and_header_may_follow_blank_lines():
    table = read_csv_bytes(b"\n\nTitle;Stage;;\nA;B;;\n;;;\n", "p.csv")
    assert table.header == ("Title", "Stage")
    assert table.header_line == 3
    assert [(row.line, row.cells[:2]) for row in table.rows] == [(4, ("A", "B"))]


def test_a_row_with_more_cells_than_the_header_is_refused_with_its_line():
    table = read_csv_bytes(b"Title,Stage\nA,B\nC,D,E\n", "w.csv")
    assert len(table.problems) == 1
    assert table.problems[0].startswith("w.csv:3: the row has 3 cells but the header has 2")


def test_binary_file_is_refused():
    table = read_csv_file(FIXTURES / "binary.csv")
    assert table.problems and "binary.csv" in table.problems[0]
    assert "binary file" in table.problems[0]
    assert not table.rows


def test_nul_inside_utf16_text_is_refused():
    table = read_csv_bytes("\ufeffTitle\nA\x00B\n".encode("utf-16-le"), "n.txt")
    assert table.problems and "n.txt:2: " in table.problems[0]


def test_oversized_bytes_and_files_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    big = b"Title\n" + b"x" * 200
    assert "limited to" in read_csv_bytes(big, "big.csv").problems[0]
    path = tmp_path / "big.csv"
    path.write_bytes(big)

    def no_reading(self):  # the size is checked on the file, before reading it
        raise AssertionError("read an oversized file")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    problems = read_csv_file(path).problems
    assert problems and problems[0].startswith("big.csv: the file is ")


def test_empty_and_header_only_files_are_refused():
    assert read_csv_bytes(b"", "e.csv").problems == ["e.csv: the file is empty."]
    assert read_csv_bytes(b" \r\n\r\n", "e.csv").problems == ["e.csv: the file is empty."]
    only = read_csv_bytes(b"Title,Stage\r\n", "h.csv").problems
    assert only == ["h.csv: the file has a header but no rows to import."]


def test_a_missing_file_is_a_problem_not_an_exception(tmp_path):
    problems = read_csv_file(tmp_path / "gone.csv").problems
    assert problems and problems[0].startswith("gone.csv: cannot be read")


@pytest.mark.parametrize(
    ("data", "start", "words"),
    [
        (b'Title,Stage\nA,"B\nC,D\n', "q.csv:2: ", "never closed"),
        (b'Title,Stage\nok,x\nA,"B"x"\n', "q.csv:3: ", "closing double quote"),
        (b"Title,Stage\nA," + b"x" * 140_000 + b"\n", "q.csv:2: ", "longer than"),
    ],
)
def test_broken_quoting_and_huge_cells_are_refused_with_their_line(data, start, words):
    table = read_csv_bytes(data, "q.csv")
    assert len(table.problems) == 1
    assert table.problems[0].startswith(start)
    assert words in table.problems[0]


def test_a_quote_inside_an_unquoted_cell_is_text():
    table = read_csv_bytes(b'Title,Size\nMonitor,5" screen\n', "i.csv")
    assert table.rows[0].cells == ("Monitor", '5" screen')
    assert not table.problems


def test_bare_carriage_returns_end_lines():
    table = read_csv_bytes(b"Title,Stage\rA,B\rC,D\r", "cr.csv")
    assert [(row.line, row.cells) for row in table.rows] == [(2, ("A", "B")), (3, ("C", "D"))]


def test_excels_sep_line_names_the_delimiter_and_keeps_line_numbers():
    table = read_csv_bytes(b"sep=;\r\nTitle;Notes\r\nA;one, two\r\n", "s.csv")
    assert table.delimiter == ";"
    assert table.header == ("Title", "Notes")
    assert [(row.line, row.cells) for row in table.rows] == [(3, ("A", "one, two"))]
