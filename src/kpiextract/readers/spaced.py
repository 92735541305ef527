"""Tables in plain text whose columns stand apart by runs of spaces, not tabs.

Text copied from a web page or printed by a layout-keeping PDF-to-text tool sets a table's cells
apart with two or more spaces:

    Measure   2022/23 result   2023/24 target
    Bins reported missed (Minimise)   512   400

Such lines are rewritten as tab rows so the text reader takes them as the table they are. Prose
also has double spaces (after a full stop), and a KPI card prints its figures spaced under their
labels, so a run of lines counts as a table only when it holds at least two rows that open with a
name in words and go on with nothing but short figure cells, all rows as wide as each other, and
at most one header row of short word cells above them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .structure import NUMBER

GUTTER = re.compile(r"\s{2,}")
# a figure cell: a number with its sign, currency, percent, and at most two unit words ("2 days",
# "3.4 per 1,000"), or a mark that stands for no figure
FIGURE = re.compile(
    rf"^(?:{NUMBER}\s*%?(?:\s+[A-Za-z][\w,]*){{0,2}}"
    r"|n/?a|tbc|tba|nil|[-–—*])$",
    re.IGNORECASE)
WORD_CELL_WORDS = 6  # a header cell or status word is short; a longer cell is prose
SENTENCE_END = re.compile(r"[.;:!?]$")


def _cells(raw: str) -> list[str]:
    return [cell for cell in GUTTER.split(raw.strip()) if cell]


def _name(cell: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", cell)) and not FIGURE.match(cell) and not SENTENCE_END.search(cell)


def _figure_row(cells: Sequence[str]) -> bool:
    """A name in words, then figure cells only."""
    return len(cells) >= 2 and _name(cells[0]) and all(FIGURE.match(cell) for cell in cells[1:])


def _header_row(cells: Sequence[str]) -> bool:
    return len(cells) >= 2 and all(
        len(cell.split()) <= WORD_CELL_WORDS and not SENTENCE_END.search(cell) for cell in cells)


def spaced_rows(lines: Sequence[str]) -> dict[int, str]:
    """Indexes of the lines that are rows of a space-set table, each with its tab-row text."""
    found: dict[int, str] = {}
    index = 0
    while index < len(lines):
        start = index
        rows: list[tuple[int, list[str]]] = []
        while index < len(lines) and "\t" not in lines[index]:
            cells = _cells(lines[index])
            if not _figure_row(cells):
                break
            rows.append((index, cells))
            index += 1
        widths = {len(cells) for _, cells in rows}
        if len(rows) >= 2 and len(widths) == 1:
            header = _cells(lines[start - 1]) if start else []
            if header and "\t" not in lines[start - 1] and len(header) in widths and _header_row(header):
                found[start - 1] = "\t".join(header)
            for number, cells in rows:
                found[number] = "\t".join(cells)
        index = max(index, start + 1)
    return found


# --- rows run on with single spaces under a header of periods -------------------------------------
#
# Text taken from a PDF without its layout keeps a row's cells apart by one space only:
#
#     Measure 2022/23 Outturn 2023/24 Outturn 2022/23 Target 2023/24 Target
#     Carer-reported quality of life 7.1 7.3 7.5 7.8
#
# The header gives the columns: its words up to the first period are the names' column, and each
# period opens a column of its own, with the role words after it ("Target", "England Average").
# A row is a name in words ending in exactly as many figure tokens as there are columns.

PERIOD_TOKEN = re.compile(r"^(?:(?:19|20)\d\d(?:[/-]\d{2,4})?|Q[1-4]|FY\d\d(?:/\d\d)?)$", re.IGNORECASE)
VALUE_TOKEN = re.compile(rf"^(?:{NUMBER}%?|n/?a|tbc|tba|nil|[-–—])$", re.IGNORECASE)
# a two-word mark for no figure, read as one token
NO_FIGURE = re.compile(r"\bno\s+(tgt|target|data)\b", re.IGNORECASE)
COLUMN_WORDS = 4  # a column's header: its period and a role of a few words


def _tokens(line: str) -> list[str]:
    return NO_FIGURE.sub(lambda m: f"no~{m.group(1)}", line).split()


def _period_columns(line: str) -> list[str] | None:
    """The header's cells: the names' column, then one per period with the words after it."""
    tokens = _tokens(line)
    starts = [i for i, token in enumerate(tokens) if PERIOD_TOKEN.match(token)]
    if len(starts) < 2 or starts[0] == 0 or any(VALUE_TOKEN.match(t) and not PERIOD_TOKEN.match(t) for t in tokens):
        return None
    bounds = [*starts, len(tokens)]
    columns = [" ".join(tokens[a:b]) for a, b in itertools.pairwise(bounds)]
    if any(len(column.split()) > COLUMN_WORDS for column in columns) or SENTENCE_END.search(line.strip()):
        return None
    return [" ".join(tokens[:starts[0]]), *columns]


def _run_on_row(line: str, width: int) -> list[str] | None:
    tokens = _tokens(line)
    if len(tokens) <= width:
        return None
    values = tokens[-width:]
    name = " ".join(tokens[:-width])
    if not all(VALUE_TOKEN.match(value) or NO_FIGURE.match(value.replace("~", " ")) for value in values):
        return None
    if len(name.split()) < 2 or not _name(name):
        return None
    return [name, *(value.replace("~", " ") for value in values)]


def run_on_rows(lines: Sequence[str]) -> dict[int, str]:
    """Indexes of the lines that are a period-headed table's header and rows, as tab rows."""
    found: dict[int, str] = {}
    for index, line in enumerate(lines):
        if "\t" in line or index in found:
            continue
        header = _period_columns(line)
        if header is None:
            continue
        rows: list[tuple[int, list[str]]] = []
        for number in range(index + 1, len(lines)):
            row = _run_on_row(lines[number], len(header) - 1) if "\t" not in lines[number] else None
            if row is None:
                break
            rows.append((number, row))
        if len(rows) >= 2:
            found[index] = "\t".join(header)
            found.update((number, "\t".join(row)) for number, row in rows)
    return found
