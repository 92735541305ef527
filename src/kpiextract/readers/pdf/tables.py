"""Ruled tables: pdfplumber's table geometry (snapping, joining, intersections, cells) on ruling lines.

TableFinder runs on lines given explicitly (pdfium's, not pdfminer's), so the slow pdfminer
parse of the page is not needed to find its tables. Its grids are then cut into the tables
stacked in them (grids.py), and each cell's lines rejoined as the text they were wrapped from.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from .banded import bare_row_lines
from .blocks import STANDALONE_VALUE
from .grids import OpenSides, bands, close_open_sides, grid_rows
from .model import BBox, FoundTable, Word, cell_lines_text, group_lines, narrowest, wrap_step
from .rowboxes import level_rows

# pdfplumber (with pdfminer underneath, ~0.1 s to import) is loaded when a page first has
# ruling lines to find a grid in: a paper without ruled tables never loads it.
if TYPE_CHECKING:
    from pdfplumber.table import Table, TableFinder

# Ruled tables: pdfplumber's defaults, with the snapping that joins double-drawn cell borders.
LINES_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
RULE_TOLERANCE = float(LINES_SETTINGS["snap_tolerance"])
"""Rules this close are one rule: the finder snaps them together (a border drawn twice, a rule
overshooting its corner)."""

FIGURE = STANDALONE_VALUE
"""A cell that holds one figure and nothing else: a value, not a label or a header."""


@dataclass
class RuledTable(FoundTable):
    """A ruled table, with what the joins across page breaks need to know of it."""

    header_rows: int = 0
    """How many of its first rows are styled as a header (bold, words not figures)."""
    open_top: bool = False
    open_bottom: bool = False
    """The page frame cut it: its column rules run on past its first or last row with no rule."""
    line_steps: dict[float, float] = field(default_factory=dict)
    """The line pitch of its wrapped cells, by type size: how the page sets a cell's lines."""


class _PageBox:
    """What pdfplumber's TableFinder needs of a page when every line it uses is given explicitly."""

    def __init__(self, width: float, height: float) -> None:
        self.bbox = (0.0, 0.0, width, height)


def table_finder(vertical: list[Any], horizontal: list[Any], width: float, height: float,
                 settings: dict[str, Any] | None = None) -> TableFinder | None:
    """pdfplumber's table geometry (snapping, joining, intersections, cells) on given lines.

    The lines come from pdfium (or from pdfplumber's own parse on awkward pages), so the
    slow pdfminer parse of the page is not needed to find its tables.
    """
    if len(vertical) < 2 or len(horizontal) < 2:
        return None
    from pdfplumber.table import TableFinder

    resolved = dict(settings or LINES_SETTINGS, vertical_strategy="explicit", horizontal_strategy="explicit",
                    explicit_vertical_lines=vertical, explicit_horizontal_lines=horizontal)
    return TableFinder(cast(Any, _PageBox(width, height)), resolved)


def _anchor(word: Word) -> tuple[float, float]:
    """Where a word stands, for telling which cell it is in: its middle across, and half an
    x-height above its baseline (glyph boxes' heights differ by font and producer)."""
    return (word.x0 + word.x1) / 2, word.baseline - word.size * 0.25 if word.baseline else (word.top + word.bottom) / 2


def _in_box(word: Word, box: BBox | Sequence[float], slack: float = 0.5) -> bool:
    x, y = _anchor(word)
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def cell_text(words: Sequence[Word]) -> str:
    """A cell's lines (words on one baseline) rejoined: a period, figure or date a narrow
    column broke ("Q2 2014/1" / "5") is one token again, other line breaks a space."""
    return cell_lines_text([line.words for line in group_lines(words)])


class PageWords:
    """A page's words by where they stand (`_anchor`), top to bottom: the words in a row are
    found by bisecting, not by testing every word on the page for every row of every table;
    and a cell's text is read once, though a grid's rows are read both to cut it into the
    tables stacked in it and as those tables' rows."""

    def __init__(self, words: Sequence[Word]) -> None:
        anchored: list[tuple[float, float, int]] = []
        for order, word in enumerate(words):
            x, y = _anchor(word)
            anchored.append((y, x, order))
        anchored.sort()
        self.ys = [y for y, _, _ in anchored]
        self.xs = [x for _, x, _ in anchored]
        self.order = [order for _, _, order in anchored]
        self.words = words
        self.texts: dict[Sequence[float], str] = {}
        self.steps: dict[Sequence[float], tuple[float, float]] = {}
        """The type size and line pitch of each wrapped cell read, for the page's unruled tables."""

    def within(self, box: BBox | Sequence[float], slack: float = 0.5) -> list[Word]:
        """The words standing in the box (as `_in_box` tells), in the page's order."""
        first = bisect_left(self.ys, box[1] - slack)
        last = bisect_right(self.ys, box[3] + slack)
        left, right = box[0] - slack, box[2] + slack
        xs, order = self.xs, self.order
        return [self.words[i] for i in sorted(order[k] for k in range(first, last) if left <= xs[k] <= right)]

    def cell_text(self, cell: Sequence[float], row: Sequence[float], in_row: Sequence[Word]) -> str:
        """The text of a cell of the row box `row`, whose words are `in_row`."""
        if not (row[0] <= cell[0] and cell[2] <= row[2] and row[1] <= cell[1] and cell[3] <= row[3]):
            # a cell reaching below its row (spanning rows) keeps only the words in the row
            return cell_text([w for w in in_row if _in_box(w, cell)])
        # inside its row, a cell holds the same words whichever row box it was read in
        text = self.texts.get(cell)
        if text is None:
            lines = group_lines([w for w in in_row if _in_box(w, cell)])
            text = self.texts[cell] = cell_lines_text([line.words for line in lines])
            steps: dict[float, float] = {}
            for above, below in zip(lines, lines[1:], strict=False):
                narrowest(steps, 0.0, wrap_step(above.baseline, above.size, below.baseline, below.size, below.text))
            if steps:
                self.steps[cell] = (round(lines[0].size, 1), steps[0.0])
        return text

    def line_steps(self, cells: Sequence[Sequence[float]]) -> dict[float, float]:
        """The narrowest line pitch of the wrapped cells among `cells`, by type size."""
        steps: dict[float, float] = {}
        for cell in cells:
            if (found := self.steps.get(cell)) is not None:
                narrowest(steps, *found)
        return steps


def table_rows(table: Table, words: Sequence[Word]) -> list[list[str]]:
    """Each cell's text from the words that stand in it; None (spanned) cells -> ''."""
    return clean_rows(_raw_rows(table, PageWords(words))[0])


def _raw_rows(table: Table, words: PageWords) -> tuple[list[list[str]], list[list[Word]]]:
    rows: list[list[str]] = []
    row_words: list[list[Word]] = []
    for row in table.rows:
        # a row's box lies inside its table's, and each cell's inside its row's
        in_row = words.within(row.bbox)
        rows.append(["" if cell is None else words.cell_text(cell, row.bbox, in_row) for cell in row.cells])
        row_words.append(in_row)
    return rows, row_words


def clean_rows(rows: Sequence[Sequence[str | None]]) -> list[list[str]]:
    """None -> '', newlines inside a cell -> spaces; rows with nothing in them dropped."""
    return [row for row in _clean_cells(rows) if any(row)]


def _clean_cells(rows: Sequence[Sequence[str | None]]) -> list[list[str]]:
    return [[re.sub(r"\s+", " ", cell or "").strip() for cell in row] for row in rows]


YEAR = re.compile(r"^(?:19|20)\d\d$")
"""A year standing alone: in a header it names a column ("2019", "2022"), it is no figure."""


def header_like(cells: Sequence[str], words: Sequence[Word]) -> bool:
    """A row styled as a table's header: every word bold, two or more cells of words or years,
    no figures."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return (len(filled) >= 2 and bool(words) and all(word.bold for word in words)
            and not any(FIGURE.match(cell) and not YEAR.match(cell) for cell in filled))


def _header_rows(rows: Sequence[tuple[list[str], list[Word]]]) -> int:
    count = 0
    while count < len(rows) and header_like(*rows[count]):
        count += 1
    return count


def _table_columns(table: Table) -> list[float]:
    return sorted({round(float(cell[0]), 1) for cell in table.cells})


def _usable(edges: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    usable = [e for e in edges if max(e["width"], e["height"]) >= 1]
    return ([e for e in usable if e["orientation"] == "v"], [e for e in usable if e["orientation"] == "h"])


def ruled_tables(edges: list[dict[str, Any]], words: Sequence[Word], width: float,
                 height: float) -> list[FoundTable]:
    """Tables drawn with ruling lines or cell borders ("lines" strategy), one per stacked table."""
    vertical, horizontal = _usable(edges)
    vertical += bare_row_lines(vertical, horizontal, words, RULE_TOLERANCE)
    vertical, horizontal = level_rows(vertical, horizontal, words, RULE_TOLERANCE)
    sides = close_open_sides(vertical, horizontal, RULE_TOLERANCE)
    finder = table_finder(vertical, horizontal + sides.added, width, height)
    if finder is None:
        return []
    found: list[FoundTable] = []
    page_words = PageWords(words)
    for grid in finder.tables:
        for table in _stacked_tables(grid, page_words):
            ruled = _ruled_table(table, page_words, finder, sides)
            if ruled is not None:
                found.append(ruled)
    return found


def _stacked_tables(grid: Table, words: PageWords) -> list[Table]:
    """The tables a grid holds, cut where stacked tables meet (grids.bands)."""
    rows = grid_rows(grid.cells)
    if len(rows) < 2:
        return [grid]
    for row in rows:
        box = (min(c[0] for c in row.cells), row.top, max(c[2] for c in row.cells), row.bottom)
        in_row = words.within(box)
        cells = [words.cell_text(cell, box, in_row) for cell in row.cells]
        row.header = header_like(cells, in_row)
    from pdfplumber.table import Table

    return [Table(grid.page, [cell for row in band for cell in row.cells]) for band in bands(rows, RULE_TOLERANCE)]


def _ruled_table(table: Table, words: PageWords, finder: TableFinder, sides: OpenSides) -> RuledTable | None:
    raw, raw_words = _raw_rows(table, words)
    kept = [(cells, row_words) for cells, row_words in zip(_clean_cells(raw), raw_words, strict=True)
            if any(cells)]
    if not kept or max(len(cells) for cells, _ in kept) < 2:
        return None
    rows = [cells for cells, _ in kept]
    top, bottom = float(table.bbox[1]), float(table.bbox[3])
    return RuledTable(bbox=_bbox(table.bbox), rows=rows, columns=_table_columns(table), strategy="lines",
                      cells=list(table.cells), finder=finder, header_rows=_header_rows(kept),
                      open_top=any(abs(y - top) <= RULE_TOLERANCE for y in sides.tops),
                      open_bottom=any(abs(y - bottom) <= RULE_TOLERANCE for y in sides.bottoms),
                      line_steps=words.line_steps(table.cells))


def _bbox(box: Sequence[float]) -> BBox:
    return (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
