"""Ruled tables: pdfplumber's table geometry (snapping, joining, intersections, cells) on ruling lines.

TableFinder runs on lines given explicitly (pdfium's, not pdfminer's), so the slow pdfminer
parse of the page is not needed to find its tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from pdfplumber.table import Table, TableFinder

from .model import BBox, FoundTable, Word, _centre_in, group_lines

# Ruled tables: pdfplumber's defaults, with the snapping that joins double-drawn cell borders.
LINES_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
# Unruled tables: columns from text alignment, rows from the whitespace between rows.

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
    resolved = dict(settings or LINES_SETTINGS, vertical_strategy="explicit", horizontal_strategy="explicit",
                    explicit_vertical_lines=vertical, explicit_horizontal_lines=horizontal)
    return TableFinder(cast(Any, _PageBox(width, height)), resolved)


def cell_text(words: Sequence[Word]) -> str:
    return " ".join(line.text for line in group_lines(words))


def table_rows(table: Table, words: Sequence[Word]) -> list[list[str]]:
    """Each cell's text from the words whose centre falls in it; None (spanned) cells -> ''."""
    inside = [word for word in words if _centre_in(word, table.bbox, 1.0)]
    rows: list[list[str]] = []
    for row in table.rows:
        row_words = [word for word in inside if _centre_in(word, row.bbox, 0.5)]
        rows.append(["" if cell is None else cell_text([w for w in row_words if _centre_in(w, cell, 0.5)])
                     for cell in row.cells])
    return clean_rows(rows)


def clean_rows(rows: Sequence[Sequence[str | None]]) -> list[list[str]]:
    """None -> '', newlines inside a cell -> spaces; rows with nothing in them dropped."""
    cleaned = [[re.sub(r"\s+", " ", cell or "").strip() for cell in row] for row in rows]
    return [row for row in cleaned if any(row)]


def _table_columns(table: Table) -> list[float]:
    return sorted({round(float(cell[0]), 1) for cell in table.cells})


def ruled_tables(edges: list[dict[str, Any]], words: Sequence[Word], width: float,
                 height: float) -> list[FoundTable]:
    """Tables drawn with ruling lines or cell borders ("lines" strategy)."""
    usable = [e for e in edges if max(e["width"], e["height"]) >= 1]
    finder = table_finder([e for e in usable if e["orientation"] == "v"],
                          [e for e in usable if e["orientation"] == "h"], width, height)
    found: list[FoundTable] = []
    for table in finder.tables if finder else []:
        rows = table_rows(table, words)
        if rows and max(len(row) for row in rows) >= 2:
            found.append(FoundTable(bbox=_bbox(table.bbox), rows=rows, columns=_table_columns(table),
                                    strategy="lines", cells=list(table.cells), finder=finder))
    return found


def _bbox(box: Sequence[float]) -> BBox:
    return (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
