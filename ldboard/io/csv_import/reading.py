"""Bytes of a spreadsheet export → a header and rows, each row with its line number.

Spreadsheets write CSV in more ways than one: Excel on Windows writes
Windows-1252 text, with ``;`` between cells where the decimal mark is a comma
and CRLF line ends; LibreOffice and Google Sheets write UTF-8 with ``,``;
Excel's "CSV UTF-8" adds a byte-order mark; "Unicode text" is UTF-16 with tabs.
This module finds out which, so the person never has to say.

Reading refuses what is not a spreadsheet (too large, binary) with a problem
naming the file, instead of failing later on garbage. It never raises for bad
input: everything wrong ends up in :attr:`Table.problems`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

#: Larger files are refused: 20 MB holds ~100,000 typical rows, far beyond a backlog.
MAX_BYTES = 20 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
#: The delimiter of a file of one column: a control character no spreadsheet writes,
#: so a comma inside an unquoted title stays in the title.
ONE_COLUMN = "\x1f"
#: Records read per candidate delimiter to choose one.
_SAMPLE_RECORDS = 50
#: The first line Excel writes (and reads) to name a file's delimiter: ``sep=;``.
_SEP_HINT = re.compile("sep=([,;\t])(?=\r|\n|$)", re.IGNORECASE)
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", ONE_COLUMN: "none (one column)"}


@dataclass(frozen=True, slots=True)
class Row:
    """One record of the file and the physical line it starts on (1-based)."""

    line: int
    cells: tuple[str, ...]


@dataclass(slots=True)
class Table:
    """A file read into text cells. ``problems`` non-empty: the file cannot be imported."""

    source: str
    header: tuple[str, ...] = ()
    #: The line the header is on (blank lines before it are skipped).
    header_line: int = 1
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","
    notices: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def delimiter_name(self) -> str:
        return _NAMES[self.delimiter]


def read_csv_file(path: Path | str) -> Table:
    """Read a CSV file; its size is checked before it is read."""
    path = Path(path)
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _refused(source, _too_large(size))
        data = path.read_bytes()
    except OSError as error:
        return _refused(source, f"cannot be read: {error.strerror or error}.")
    return read_csv_bytes(data, source)


def read_csv_bytes(data: bytes, source: str) -> Table:
    """Read the bytes of a CSV file called ``source`` (the name used in messages)."""
    if len(data) > MAX_BYTES:
        return _refused(source, _too_large(len(data)))
    table = Table(source)
    text = _decode(data, table)
    if text is None:
        return table
    if text.strip() == "":
        table.problems.append(f"{source}: the file is empty.")
        return table
    hint = _SEP_HINT.match(text)
    if hint:  # Excel's "sep=;" first line names the delimiter; it stays a blank line
        table.delimiter = hint.group(1)
        text = text[len(hint.group(0)) :]
    else:
        table.delimiter = detect_delimiter(text)
    _parse(text, table)
    return table


# --- encodings --------------------------------------------------------------------


def _decode(data: bytes, table: Table) -> str | None:
    """The file's text: UTF-16 with its BOM, UTF-8 (BOM or not), else Windows-1252."""
    source = table.source
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            table.problems.append(f"{source}: the file says it is UTF-16 but is not.")
            return None
        table.encoding = "utf-16"
        return _no_nul(text, table)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        table.problems.append(
            f"{source}:{line}: this is a binary file, not a spreadsheet saved as CSV "
            "(save it as “CSV UTF-8” or “CSV (comma delimited)” and import that)."
        )
        return None
    try:
        text = data.decode("utf-8-sig")
        table.encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return text
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            table.problems.append(
                f"{source}:{line}: the text is neither UTF-8 nor Windows-1252; "
                "save the spreadsheet as “CSV UTF-8” and import that."
            )
            return None
    table.encoding = "cp1252"
    table.notices.append(
        f"{source}: not UTF-8 (first at line {line}); read as Windows-1252 (Excel's “CSV” "
        "on Windows). If letters look wrong, save the sheet as “CSV UTF-8” instead."
    )
    return text


def _no_nul(text: str, table: Table) -> str | None:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        table.problems.append(f"{table.source}:{line}: this is a binary file, not a CSV file.")
        return None
    return text


# --- delimiters ---------------------------------------------------------------------


def detect_delimiter(text: str) -> str:
    """The delimiter among ``,`` ``;`` and tab that splits the file most consistently.

    Each candidate parses the first records (quotes respected, so a quoted
    cell holding commas or line breaks does not mislead it). The winner gives
    the header more than one cell and the most records that many cells; ties
    go to the wider header, then to the order comma, semicolon, tab. A header
    of one cell for every candidate means a file of one column: each line is
    one cell (:data:`ONE_COLUMN`), commas and all.
    """
    best = ONE_COLUMN
    best_score: tuple[bool, float, int] = (False, 0.0, 1)
    for delimiter in DELIMITERS:
        counts = _cell_counts(text, delimiter)
        if not counts or counts[0] < 2:
            continue
        width = counts[0]
        matching = sum(count == width for count in counts) / len(counts)
        score = (matching == 1.0, matching, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cell_counts(text: str, delimiter: str) -> list[int]:
    counts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            counts.append(len(_trimmed(record)))
            if len(counts) >= _SAMPLE_RECORDS:
                break
    except csv.Error:
        pass
    return counts


def _trimmed(record: list[str]) -> list[str]:
    """A record without the empty cells at its end (spreadsheets pad short rows)."""
    end = len(record)
    while end > 1 and not record[end - 1].strip():
        end -= 1
    return record[:end]


# --- records --------------------------------------------------------------------------


def _parse(text: str, table: Table) -> None:
    # Strict: a quote left open runs to the end of the file, and text after a
    # closing quote is a typo; both are refused rather than read as one huge cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter, strict=True)
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if not table.header:
                table.header = tuple(cell.strip() for cell in _trimmed(record))
                table.header_line = start
                continue
            cells = tuple(record)
            if len(_trimmed(record)) > len(table.header):
                table.problems.append(
                    f"{table.source}:{start}: the row has {len(_trimmed(record))} cells but the "
                    f"header has {len(table.header)}; put text that contains a "
                    f"{_NAMES[table.delimiter]} or a line break in double quotes."
                )
                continue
            table.rows.append(Row(start, cells))
    except csv.Error as error:
        reason = str(error)
        if "field limit" in reason:
            reason = f"a cell is longer than {csv.field_size_limit():,} characters"
        elif "end of data" in reason:
            reason = "a double quote opened here is never closed"
        elif "expected after" in reason:
            reason = 'text follows a closing double quote (inside quotes, write a quote as "")'
        table.problems.append(f"{table.source}:{line}: the file cannot be read as CSV: {reason}.")
    if table.header and not table.rows and not table.problems:
        table.problems.append(f"{table.source}: the file has a header but no rows to import.")


def _refused(source: str, message: str) -> Table:
    return Table(source, problems=[f"{source}: {message}"])


def _too_large(size: int) -> str:
    return (
        f"the file is {size / 1024 / 1024:.1f} MB; CSV imports are limited to "
        f"{MAX_BYTES // 1024 // 1024} MB (split it, or import fewer columns)."
    )
