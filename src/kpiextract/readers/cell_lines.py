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

Two looser forms are read when no row fits the header's width (`_named_rows`):
- a converter that ends each cell with a pipe ("100% |") keeps an empty cell as a line of its
  own ("|"): every row is then as wide as the header, its empty cells included;
- where empty cells have no line (status and trend columns printed as icons), a row is its name
  and the figures after it up to the next name, which fill the header's figure columns in order
  (a row short of the widest lacks its last ones: a KPI with a value and no target); only a table
  whose other cells are all empty is read so, and the columns no row fills go.
A period alone over two or more figure columns ("Q2 2020/21" over "Value" and "Target") spans them:
its text heads each.
"""

from __future__ import annotations

import itertools
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
    table spans, blank lines included. `cells` holds the rows' texts when they are not simply
    their lines' (a spanning header, cells with no line of their own)."""

    rows: list[list[int]]
    first: int
    last: int
    cells: list[list[str]] | None = None


def _figure(cell: str) -> bool:
    return bool(FIGURE.match(cell) or NOTED_FIGURE.match(cell))


def _ruled(line: str) -> bool:
    """A tab or pipe row: a table's row already, never one cell."""
    return "\t" in line or "|" in line


def _short(cell: str) -> bool:
    """A header cell or a status word: a few words, no sentence, no bullet (or an empty cell a
    pipe ended)."""
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
        if not cell:
            continue  # an empty cell a pipe ended: no figure in any column
        if kind == "figure":
            if not _figure(cell):
                return False
            figures += bool(HAS_FIGURE.match(cell))
        elif kind != "text" and not (_figure(cell) or (_short(cell) and re.search(r"[A-Za-z]", cell))):
            return False
    return figures > 0


# a cell a converter ended with a pipe ("100% |"), or an empty one ("|")
PIPED_CELL = re.compile(r"^\s*([^|]*?)\s*\|\s*$")
ONLY_PIPES = re.compile(r"^\s*\|{2,}\s*$")
# a header cell that is a period and nothing else: "Q2 2020/21", "2023/24", "Quarter 3"
PERIOD_ALONE = re.compile(r"^(?:(?:Q|Qtr|Quarter)\s?[1-4]\s*)?(?:(?:19|20)\d\d(?:[/-]\d{2,4})?)?$", re.IGNORECASE)


def _piped(lines: Sequence[str]) -> dict[int, str]:
    """The lines that are one cell ended by a pipe, with their text ('' for an empty cell); none
    unless the paper sets most of a run of lines so (a prose line may end in a pipe)."""
    found = {index: match.group(1) for index, line in enumerate(lines) if (match := PIPED_CELL.match(line))}
    return found if len(found) >= 2 * MIN_WIDTH else {}


def cell_tables(lines: Sequence[str], header_cell: HeaderCell) -> list[CellTable]:
    """The one-cell-a-line tables among the lines, in order."""
    piped = _piped(lines)
    filled = [index for index, line in enumerate(lines)
              if (line.strip() or index in piped) and not ONLY_PIPES.match(line)]
    texts = {index: piped.get(index, lines[index].strip()) for index in filled}
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
            if _header([texts[i] for i in header], header_kinds) and all(texts[i] for i in header):
                table = _rows_under(filled, texts, position, width, header_kinds)
                if table is not None:
                    break
        for width in range(run - position, MIN_WIDTH - 1, -1):
            if table is not None:
                break
            table = _named_rows(filled, texts, position, width, kind, piped)
        if table is None and piped:
            table = _piped_rows(filled, texts, position, run, kind)
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


def _spanned(cells: list[str], kinds: list[CellKind | None]) -> tuple[list[str], list[CellKind | None]]:
    """The header with a period alone over the figure columns after it ("Q2 2020/21", "Value",
    "Target") read as their span: "Q2 2020/21 Value", "Q2 2020/21 Target"."""
    out_cells: list[str] = []
    out_kinds: list[CellKind | None] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        under = index + 1
        while under < len(cells) and kinds[under] == "figure" and not PERIOD_ALONE.match(cells[under]):
            under += 1
        if kinds[index] == "figure" and PERIOD_ALONE.match(cell) and YEAR.search(cell) and under - index > 2:
            out_cells += [f"{cell} {cells[column]}" for column in range(index + 1, under)]
            out_kinds += kinds[index + 1:under]
            index = under
            continue
        out_cells.append(cell)
        out_kinds.append(kinds[index])
        index += 1
    return out_cells, out_kinds


def _opens_row(cell: str) -> bool:
    return bool(cell) and _name(cell) and not _figure(cell) and not _continues_name(cell)


def _continues_name(cell: str) -> bool:
    """A line that carries on the name above it: it opens in brackets or in lower case."""
    return bool(cell) and cell[0] in "(" + "abcdefghijklmnopqrstuvwxyz" and _name(cell) and not _figure(cell)


def _named_rows(filled: list[int], texts: dict[int, str], position: int, width: int,
                kind: Callable[[int], CellKind | None], piped: dict[int, str]) -> CellTable | None:
    """Rows that each open with a name, under a header `width` lines long (see the module's
    docstring): as wide as the header when the paper keeps empty cells, else a name and its
    figures, which fill the figure columns in order."""
    header_lines = [index for index in filled[position:position + width] if texts[index]]
    header, kinds = _spanned([texts[index] for index in header_lines], [kind(index) for index in header_lines])
    if not _header(header, kinds):
        return None
    figure_columns = [column for column, k in enumerate(kinds) if k == "figure"]
    explicit = any(index in piped for index in header_lines)
    if not explicit and "other" not in kinds:
        return None  # no status or trend column whose icons left their cells empty: a row short of a cell is no row
    at = position + width
    rows: list[list[int]] = []
    cells: list[list[str]] = []
    widest = 0  # the most figures a row holds: the figure columns after those are empty (icons)
    while at < len(filled) and _opens_row(texts[filled[at]]):
        # a name wrapped onto a line of its own: "(average taken from April to June)", "and over"
        named = at + 1
        while named < len(filled) and filled[named] - filled[named - 1] <= 2 and _continues_name(texts[filled[named]]):
            named += 1
        end = named
        while (end < len(filled) and end - named < len(header) - 1 and not _opens_row(texts[filled[end]])
               and (_figure(texts[filled[end]]) or explicit and _short(texts[filled[end]]))):
            end += 1
        row_lines = filled[at:end]
        if any(filled[i + 1] - filled[i] > 2 for i in range(at, end - 1)):
            break  # a row's cells stand apart by no more than a blank line
        name = " ".join(texts[index] for index in filled[at:named])
        values = [texts[index] for index in filled[named:end]]
        row = [name, *values]
        if explicit:
            if len(row) != len(header) or not _row(row, kinds):
                break
            line_cells = row
        else:
            # a row of marks alone ("TBC", "N/A") is a KPI not yet reported; the table needs figures elsewhere
            if not values or len(values) > len(figure_columns) or not all(_figure(value) for value in values):
                break
            line_cells = [name] + [""] * (len(header) - 1)
            for column, value in zip(figure_columns, values, strict=False):
                line_cells[column] = value
            widest = max(widest, len(values))
        rows.append(row_lines)
        cells.append(line_cells)
        at = end
    if sum(1 for row in cells if any(HAS_FIGURE.match(cell) for cell in row[1:])) < MIN_ROWS:
        return None
    if not explicit:
        # the columns no row fills are icons' (status, trend): they go, as the rows do not hold them
        kept = [0, *figure_columns[:widest]]
        header = [header[column] for column in kept]
        cells = [[row[column] for column in kept] for row in cells]
    first = filled[position]
    return CellTable(rows=[header_lines, *rows], first=first, last=rows[-1][-1], cells=[header, *cells])


def _piped_rows(filled: list[int], texts: dict[int, str], position: int, run: int,
                kind: Callable[[int], CellKind | None]) -> CellTable | None:
    """A table whose cells a converter ended with pipes, empty ones kept, whose indicator's column
    is not the first ("No. | Service | Indicator | Target | Q1 ..."): the header runs back from the
    indicator's cell over the columns' names before it, and the rows are as wide as the header (or
    one wider: an unnamed column of row numbers first), each holding a name under the indicator's
    name and figures, marks or nothing under the figures' names. Where the first row starts and how
    wide rows are is the reading that gives the most rows."""
    back = position
    while back > 0 and texts[filled[back - 1]] and _short(texts[filled[back - 1]]) and position - back < MAX_HEADER \
            and kind(filled[back - 1]) != "indicator" and filled[back] - filled[back - 1] <= 2:
        back -= 1
    header_lines = [index for index in filled[back:run] if texts[index]]
    header, kinds = _spanned([texts[index] for index in header_lines], [kind(index) for index in header_lines])
    if kinds.count("indicator") != 1 or "figure" not in kinds:
        return None
    best: tuple[int, int, int, list[list[int]]] | None = None
    for skip in range(3):
        for width in (len(header), len(header) + 1):
            rows = _fixed_rows(filled, texts, run + skip, width, width - len(header), kinds)
            if len(rows) >= MIN_ROWS and (best is None or len(rows) > len(best[3])):
                best = (skip, width, width - len(header), rows)
    if best is None:
        return None
    _, width, shift, rows = best
    cells = [[*[""] * shift, *header], *[[texts[index] for index in row] for row in rows]]
    return CellTable(rows=[header_lines, *rows], first=filled[back], last=rows[-1][-1], cells=cells)


def _fixed_rows(filled: list[int], texts: dict[int, str], at: int, width: int, shift: int,
                kinds: Sequence[CellKind | None]) -> list[list[int]]:
    """The rows `width` cells wide from `at` on whose cells fit the header's columns, shifted right
    by `shift` unnamed columns."""
    name_column = kinds.index("indicator") + shift
    rows: list[list[int]] = []
    while at + width <= len(filled):
        row = filled[at:at + width]
        cells = [texts[index] for index in row]
        if any(b - a > 2 for a, b in itertools.pairwise(row)) or not _opens_row(cells[name_column]):
            break
        fits = True
        for column, cell in enumerate(cells):
            header_kind = kinds[column - shift] if column >= shift else None
            if not cell or column == name_column or header_kind == "text":
                continue
            if not (_short(cell) or _figure(cell)):
                fits = False  # a sentence under a column of figures or of words: no row
        if not fits or not any(HAS_FIGURE.match(texts[row[c + shift]]) for c, k in enumerate(kinds) if k == "figure"):
            break
        rows.append(row)
        at += width
    return rows
