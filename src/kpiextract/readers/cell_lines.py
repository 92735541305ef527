"""Tables in plain text that arrive one cell a line.

A web page's table copied as text, or a PDF taken to text without its layout, loses the row
structure and puts each cell on a line of its own:

    Performance Indicator
    2023/24
    2022/23
    Homes re-let in the year
    343
    443

The header is what tells: a run of short lines that reads as a KPI table's header (the
indicator's column first, then columns whose words name a figure's role or period) gives the
table's width n; after it come rows of n lines, a name in words and then cells that fit their
columns (a figure under a figure's header, a figure or a few words elsewhere). The table ends at
the first n lines that are no such row. Which header words name what is vocabulary the reader
does not hold: the caller passes `HeaderCell`, which reads one header cell.

Prose, lists and KPI cards (a label over its figure) have no such header, or no rows that fit
it, and are left as they are. Blank lines between cells are skipped: a cell left empty has no
line of its own, so a row missing one would read shifted, and the row check stops the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from .spaced import FIGURE, SENTENCE_END, WORD_CELL_WORDS
from .structure import BULLET, NUMBER, YEAR

CellKind = Literal["indicator", "figure", "text", "other"]
HeaderCell = Callable[[str], CellKind | None]
"""What a header cell names: the indicator's column, a figure's column (a value, target,
comparator, or a period alone), a column of sentences (commentary, actions), another known
column (status, trend), or nothing known."""

MIN_WIDTH = 3  # a name and two columns: two lines (a label and its figure) are a card's
MIN_ROWS = 2
MAX_HEADER = 12
NAME_WORDS = 30
# a figure with a note in brackets after it: "10% (England average 21/22)", "28.9 (academic year 21/22)"
NOTED_FIGURE = re.compile(rf"^{NUMBER}\s*%?(?:\s+[A-Za-z][\w,]*){{0,2}}\s*\([^()]{{1,40}}\)$")
# a figure itself, not a mark for no figure ("n/a", "-")
HAS_FIGURE = re.compile(r"^[-+]?[£$€]?\d")


@dataclass(frozen=True)
class CellTable:
    """A table found: the line indexes of each row's cells (the header first) and the lines the
    table spans, blank lines included."""

    rows: list[list[int]]
    first: int
    last: int


def _figure(cell: str) -> bool:
    return bool(FIGURE.match(cell) or NOTED_FIGURE.match(cell))


def _ruled(line: str) -> bool:
    """A tab or pipe row: a table's row already, never one cell."""
    return "\t" in line or "|" in line


def _short(cell: str) -> bool:
    """A header cell or a status word: a few words, no sentence, no bullet."""
    return (len(cell.split()) <= WORD_CELL_WORDS and not SENTENCE_END.search(cell) and not _ruled(cell)
            and not BULLET.match(cell) and not (FIGURE.match(cell) and not YEAR.fullmatch(cell)))


def _name(cell: str) -> bool:
    return (bool(re.search(r"[A-Za-z]{2}", cell)) and len(cell.split()) <= NAME_WORDS and not _figure(cell)
            and not SENTENCE_END.search(cell) and not BULLET.match(cell))


def _header(cells: Sequence[str], kinds: Sequence[CellKind | None]) -> bool:
    """The indicator's column first and only, a figure's column among the rest, and most of the
    columns named by the vocabulary."""
    known = sum(1 for kind in kinds if kind is not None)
    return (len(cells) >= MIN_WIDTH and kinds[0] == "indicator" and "indicator" not in kinds[1:]
            and "figure" in kinds and 3 * known >= 2 * len(kinds))


def _row(cells: Sequence[str], kinds: Sequence[CellKind | None]) -> bool:
    """A name, then a figure under each figure's header (at least one a figure, not a mark for
    none), any text under a commentary's, and a figure or a few words under the others."""
    if not _name(cells[0]) or any(_ruled(cell) for cell in cells):
        return False
    figures = 0
    for cell, kind in zip(cells[1:], kinds[1:], strict=True):
        if kind == "figure":
            if not _figure(cell):
                return False
            figures += bool(HAS_FIGURE.match(cell))
        elif kind != "text" and not (_figure(cell) or (_short(cell) and re.search(r"[A-Za-z]", cell))):
            return False
    return figures > 0


def cell_tables(lines: Sequence[str], header_cell: HeaderCell) -> list[CellTable]:
    """The one-cell-a-line tables among the lines, in order."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    texts = {index: lines[index].strip() for index in filled}
    kinds: dict[int, CellKind | None] = {}

    def kind(index: int) -> CellKind | None:
        if index not in kinds:
            kinds[index] = header_cell(texts[index])
        return kinds[index]

    found: list[CellTable] = []
    position = 0
    while position < len(filled):
        start = filled[position]
        if not _short(texts[start]) or kind(start) != "indicator":
            position += 1
            continue
        # the header's lines are consecutive filled lines, short ones
        run = position + 1
        while (run < len(filled) and run - position < MAX_HEADER and _short(texts[filled[run]])
               and filled[run] - filled[run - 1] <= 2):
            run += 1
        table = None
        # the longest header that rows follow: the first row's name may be short enough to be read in the run
        for width in range(run - position, MIN_WIDTH - 1, -1):
            header = filled[position:position + width]
            header_kinds = [kind(index) for index in header]
            if _header([texts[i] for i in header], header_kinds):
                table = _rows_under(filled, texts, position, width, header_kinds)
                if table is not None:
                    break
        if table is None:
            position += 1
            continue
        found.append(table)
        position = filled.index(table.last) + 1
    return found


def _rows_under(filled: list[int], texts: dict[int, str], position: int, width: int,
                kinds: Sequence[CellKind | None]) -> CellTable | None:
    """The rows under a header `width` cells wide, to the first lines that are no row or stand
    apart by more than a blank line each."""
    rows = [filled[position:position + width]]
    at = position + width
    while at + width <= len(filled):
        row = filled[at:at + width]
        if filled[at + width - 1] - filled[at - 1] > 2 * width or not _row([texts[index] for index in row], kinds):
            break
        rows.append(row)
        at += width
    if len(rows) - 1 < MIN_ROWS:
        return None
    return CellTable(rows=rows, first=rows[0][0], last=rows[-1][-1])
