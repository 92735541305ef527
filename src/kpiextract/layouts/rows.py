"""A KPI table's data rows, as the paper means them rather than as the reader split them.

A cell wrapped onto the next line, or carried over a page break, is joined back onto its row.
A row with words in its first cells and nothing else ("Priority 1: Preventing crime", "Key
Stage 2") is a subheading: not a KPI, but the section of the rows under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..readers.document import Block
from ..readers.drawn import without_drawn
from .columns import NUMERIC_ROLES, Column


@dataclass
class Row:
    cells: list[str]
    page: int
    extra: list[str] = field(default_factory=list)
    heading: str | None = None
    """The subheading row above it inside the table, if any ("Key Stage 2")."""

    def cell(self, column: Column | None) -> str:
        """The cell's text as the paper prints it: a status read from a colour without the marker
        that says so (readers/drawn.py), which stays in `cells` for the record's source text."""
        if column is None or column.index >= len(self.cells):
            return ""
        return without_drawn(self.cells[column.index])


def first(columns: list[Column], role: str) -> Column | None:
    return next((c for c in columns if c.role == role), None)


def _is_continuation(cells: list[str], columns: list[Column], indicator: Column) -> bool:
    """A row that only carries on the cells of the row above (a wrapped cell, a page break)."""
    if indicator.index < len(cells) and cells[indicator.index].strip():
        return False
    numeric = [c for c in columns if c.role in NUMERIC_ROLES or c.role in ("polarity", "status")]
    return not any(c.index < len(cells) and cells[c.index].strip() for c in numeric)


def _lone_words(cells: list[str], indicator: Column) -> str | None:
    """The text of a row whose only filled cell is the indicator's or one left of it (a subheading
    set across the table lands in the first cell), when that cell holds words."""
    filled = [(index, cell.strip()) for index, cell in enumerate(cells) if cell.strip()]
    if len(filled) != 1 or filled[0][0] > indicator.index:
        return None
    text = filled[0][1]
    return text if re.search(r"[A-Za-z]{3}", text) else None


def _carries_on(text: str) -> bool:
    """Words that continue a name rather than start one: 'of school age', '(excluding fraud)'."""
    return bool(re.match(r"[a-z(]", text))


def _join(row: Row, cells: list[str]) -> None:
    for index, cell in enumerate(cells):
        if not cell.strip():
            continue
        while len(row.cells) <= index:
            row.cells.append("")
        row.cells[index] = f"{row.cells[index]} {cell}".strip()


def table_rows(block: Block, header_index: int, columns: list[Column], end: int | None = None) -> list[Row]:
    """Data rows (to row `end`) with wrapped or page-broken continuations joined back onto their
    row, and each row's subheading. A lone line of words is a subheading unless the row under it
    carries on from it (a name's first line set above its figures)."""
    indicator = first(columns, "indicator")
    assert indicator is not None
    rows: list[Row] = []
    heading: str | None = None
    pending: str | None = None
    pages = block.row_pages or [block.page] * len(block.rows)
    for cells, page in zip(block.rows[header_index + 1:end], pages[header_index + 1:end], strict=False):
        if not any(cell.strip() for cell in cells):
            continue
        lone = _lone_words(cells, indicator)
        if lone is not None:
            if rows and pending is None and _carries_on(lone):
                _join(rows[-1], [""] * indicator.index + [lone])
            else:
                pending = lone if pending is None else f"{pending} {lone}"
            continue
        if rows and pending is None and _is_continuation(cells, columns, indicator):
            _join(rows[-1], list(cells))
            continue
        row = Row(cells=list(cells), page=page)
        if pending is not None:
            name = row.cell(indicator).strip()
            if name and _carries_on(name):
                row.cells[indicator.index] = f"{pending} {name}"
            else:
                heading = pending
            pending = None
        row.heading = heading
        rows.append(row)
    return rows
