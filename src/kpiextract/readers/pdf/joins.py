"""Across page breaks: a table that runs on, a paragraph cut in two.

A table continued on the next page is recognised by its header printed again, or by its column
geometry (the columns' positions relative to the table's left edge, in the paper's units), since
many tables do not repeat their header: the rows of such a continuation are unreadable on their
own (the layouts find a table's header in its first rows), so they must join the table above.
The row a page break cut is rejoined when the evidence says it was cut (see `_row_goes_on`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..structure import TERMINAL, join_broken
from .blocks import Item, RawBlock, Style, continues_paragraph
from .model import FoundTable
from .tables import FIGURE, RuledTable

DANGLING_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
                            "with", "within", "who", "which", "that", "than", "per"})
"""Words a name or sentence never ends on: a row stopping on one was cut."""
COLUMN_SLACK = 0.3
"""Column rules of one table on two pages agree within this share of the body text size."""


def _same_row(a: Sequence[str], b: Sequence[str]) -> bool:
    return [c.strip().lower() for c in a] == [c.strip().lower() for c in b]


def _geometry(table: FoundTable) -> list[float]:
    """Column rules relative to the table's left edge: a table keeps them on every page, wherever
    the producer places it (reportlab shifts a split table's remainder sideways)."""
    left, right = table.bbox[0], table.bbox[2]
    if table.strategy == "lines":
        return [x - left for x in table.columns] + [right - left]
    return list(table.columns)  # aligned text: its columns are where its words stand


def _same_columns(above: FoundTable, below: FoundTable, unit: float) -> bool:
    upper, lower = _geometry(above), _geometry(below)
    return (above.strategy == "lines") == (below.strategy == "lines") and len(upper) == len(lower) and all(
        abs(a - b) <= unit * COLUMN_SLACK for a, b in zip(upper, lower, strict=True))


def _headed(table: FoundTable) -> bool:
    return isinstance(table, RuledTable) and table.header_rows > 0


def _continues(table: FoundTable, part: FoundTable, below: FoundTable, unit: float) -> bool:
    """`below` carries on `table` (whose last part so far is `part`): its header again, or the
    part's columns under no header of its own (a table under a header of its own is a new table,
    whatever its columns)."""
    if not table.rows or not below.rows or len(below.rows[0]) != len(table.rows[0]):
        return False
    if _same_row(_head(table.rows), below.rows[0]):
        return True
    return _same_columns(part, below, unit) and not (_headed(below) and _headed(table))


def _has_figure(row: Sequence[str]) -> bool:
    return any(FIGURE.match(cell.strip()) for cell in row if cell.strip())


def _carries_on(last: Sequence[str], first: Sequence[str]) -> bool:
    """The first row of the next page only carries on the text of the last row of the page above:
    no figures of its own, words only where the row above has words, and at least one of them
    going on from a sentence the row above left unfinished."""
    if _has_figure(first) or len(first) != len(last):
        return False
    pairs = [(upper.strip(), lower.strip()) for upper, lower in zip(last, first, strict=True) if lower.strip()]
    return bool(pairs) and all(upper for upper, _ in pairs) and any(_unfinished(upper, lower) for upper, lower in pairs)


def _unfinished(upper: str, lower: str) -> bool:
    """The text above stops mid-phrase: no closing punctuation, and either the text below goes
    on in lower case or with a figure ("... of" / "16-17 year olds"), or the text above ends on a
    word that cannot end a phrase ("of", "the", "and")."""
    if upper.endswith(TERMINAL):
        return False
    last_word = upper.split()[-1].lower()
    return lower[:1].islower() or lower[:1].isdigit() or last_word in DANGLING_WORDS


def _row_goes_on(above: FoundTable, below: FoundTable, rows: Sequence[Sequence[str]], repeated: bool) -> bool:
    """The page break cut the last row of `above`: the grid was left open at the bottom of the
    page (or opens at the top of the next, unless a repeated header opens it: then the open
    top is the header's), or the next row only carries on its text."""
    if not rows or not above.rows:
        return False
    open_below = isinstance(below, RuledTable) and below.open_top and not repeated
    return (isinstance(above, RuledTable) and above.open_bottom) or open_below \
        or _carries_on(above.rows[-1], rows[0])


def _merge_row(upper: list[str], lower: Sequence[str]) -> None:
    upper.extend([""] * (len(lower) - len(upper)))
    for index, cell in enumerate(lower):
        upper[index] = join_broken(upper[index], cell, in_cell=True)


def _head(rows: Sequence[Sequence[str]]) -> Sequence[str]:
    """A table's header row: its first row of more than one cell. A spreadsheet printed with its
    gridlines holds its title block in the grid, each title a row of one cell over the header."""
    return next((row for row in rows if sum(1 for cell in row if cell.strip()) > 1), rows[0])


def _join_tables(carried: FoundTable, below: FoundTable) -> None:
    """`below`'s rows onto `carried`: its repeated header dropped, a cut row rejoined."""
    rows, pages = [list(row) for row in below.rows], list(below.row_pages)
    repeated = _same_row(_head(carried.rows), rows[0])
    if repeated:
        rows, pages = rows[1:], pages[1:]
    if _row_goes_on(carried, below, rows, repeated):
        if not _has_figure(carried.rows[-1]) and _has_figure(rows[0]):
            carried.row_pages[-1] = pages[0]  # the row's figures are on the page it ends on
        _merge_row(carried.rows[-1], rows[0])
        rows, pages = rows[1:], pages[1:]
    carried.rows.extend(rows)
    carried.row_pages.extend(pages)
    if isinstance(carried, RuledTable) and isinstance(below, RuledTable):
        carried.open_bottom = below.open_bottom


def _body_columns(header: FoundTable, body: FoundTable, unit: float) -> list[int] | None:
    """For a ruled header over an unruled body: the header column each body column stands in,
    if the body lies within the header's width and fills two or more of its columns."""
    slack = unit * COLUMN_SLACK
    if body.bbox[0] < header.bbox[0] - slack or body.bbox[2] > header.bbox[2] + slack:
        return None
    starts = sorted(header.columns)
    mapping: list[int] = []
    for x in body.columns:
        inside = [index for index, start in enumerate(starts) if start <= x + slack]
        if not inside:
            return None
        mapping.append(inside[-1])
    return mapping if len(set(mapping)) >= 2 else None


def _header_only(table: FoundTable) -> bool:
    return isinstance(table, RuledTable) and 0 < table.header_rows == len(table.rows)


def _join_body(header: FoundTable, body: FoundTable, mapping: Sequence[int]) -> None:
    """The body's rows under the header, each cell in the header column it stands in."""
    width = len(header.rows[0])
    for row in body.rows:
        cells = [""] * width
        for index, cell in zip(mapping, row, strict=False):
            cells[index] = f"{cells[index]} {cell}".strip()
        header.rows.append(cells)
    header.row_pages.extend(body.row_pages)
    header.bbox = (min(header.bbox[0], body.bbox[0]), header.bbox[1], max(header.bbox[2], body.bbox[2]),
                   max(header.bbox[3], body.bbox[3]))


def _join_on_page(items: list[Item], unit: float) -> None:
    """One table printed as two on a page: the second part under the header again or under none
    (reportlab draws a split row's first part as a table of its own), or a table whose rules stop
    after its header (a shaded header over a borderless body, Word's house style)."""
    index = 1
    while index < len(items):
        above, below = items[index - 1], items[index]
        after = items[index + 1] if index + 1 < len(items) else None
        if isinstance(above, FoundTable) and isinstance(below, RawBlock) and isinstance(after, FoundTable) \
                and _labels_on(above, below, after, unit):
            _label_row(below, after)
            _join_tables(above, after)
            del items[index:index + 2]
            continue
        if isinstance(above, FoundTable) and isinstance(below, FoundTable) and above.strategy == "lines":
            if _same_columns(above, below, unit) and _continues(above, above, below, unit):
                _join_tables(above, below)
                items.pop(index)
                continue
            mapping = _body_columns(above, below, unit) if _header_only(above) and below.strategy != "lines" \
                else None
            if mapping is not None:
                _join_body(above, below, mapping)
                items.pop(index)
                continue
        index += 1


LABEL_SHRINK = 0.95
"""A table's label row is set in the cells' type, smaller than the paper's text (a heading is not)."""


def _label_over(block: RawBlock, table: FoundTable, unit: float) -> bool:
    """A line at the top of a page, right over a table and in its first column's left, in type
    smaller than the text (a heading is set larger, or in the text's size): the table's section
    label (a row of one cell, bold or not) that the page break left above the rows it heads."""
    if len(block.lines) != 1 or not table.rows or len(table.rows[0]) < 2:
        return False
    line = block.lines[0]
    gap = table.bbox[1] - line.bottom
    return (block.size < LABEL_SHRINK * unit and abs(line.x0 - table.bbox[0]) <= COLUMN_SLACK * unit
            and -0.1 * unit <= gap <= block.size)


def _labels_on(above: FoundTable, label: RawBlock, below: FoundTable, unit: float) -> bool:
    """A table, its section label (`_label_over`) and more rows in the same columns: one table."""
    return _label_over(label, below, unit) and _same_columns(above, below, unit) \
        and _continues(above, above, below, unit)


def _label_row(block: RawBlock, table: FoundTable) -> None:
    """The label as the table's first row, a cell in its first column."""
    table.rows.insert(0, [block.text, *[""] * (len(table.rows[0]) - 1)])
    table.row_pages.insert(0, block.lines[0].page or block.page)
    table.bbox = (min(table.bbox[0], block.bbox[0]), block.bbox[1], table.bbox[2], table.bbox[3])


class PageJoiner:
    """Joins what a page break cut in two, one page at a time, carrying from page to page only the
    table or paragraph that ended the pages so far (a table may run over several pages)."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.table: FoundTable | None = None
        self.part: FoundTable | None = None  # the table's part on the last page, whose columns the next part has
        self.paragraph: RawBlock | None = None

    def add(self, items: list[Item]) -> None:
        """The next page's items: its first joined onto what the pages before left open (and
        removed), its last left open for the pages after."""
        unit = self.style.body_size
        _join_on_page(items, unit)
        if items:
            below = items[0]
            if self.table is not None and self.part is not None and isinstance(below, FoundTable) \
                    and _continues(self.table, self.part, below, unit):
                _join_tables(self.table, below)
                items.pop(0)
                self.part = below
            elif self.paragraph is not None and isinstance(below, RawBlock) \
                    and continues_paragraph(self.paragraph, below, self.style):
                self.paragraph.lines.extend(below.lines)
                items.pop(0)
        self._join_label(items, unit)
        if items:
            last = items[-1]
            self.table = self.part = last if isinstance(last, FoundTable) else None
            self.paragraph = last if isinstance(last, RawBlock) else None

    def _join_label(self, items: list[Item], unit: float) -> None:
        """A section label of the table carried over, then more of its rows: the label is a row."""
        if self.table is None or self.part is None or len(items) < 2:
            return
        label, below = items[0], items[1]
        if isinstance(label, RawBlock) and isinstance(below, FoundTable) and _label_over(label, below, unit) \
                and _continues(self.table, self.part, below, unit):
            _label_row(label, below)
            _join_tables(self.table, below)
            del items[:2]
            self.part = below

    def holds(self, items: Sequence[Item]) -> bool:
        """Is one of these items the table or paragraph a later page may still add to?"""
        return any(item is self.table or item is self.paragraph for item in items)


def join_pages(items_by_page: list[list[Item]], style: Style) -> None:
    """Join what a page break cut in two: tables (header row dropped again) and paragraphs."""
    joiner = PageJoiner(style)
    for items in items_by_page:
        joiner.add(items)
