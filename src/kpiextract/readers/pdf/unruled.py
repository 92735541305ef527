"""Unruled tables: text standing in aligned columns, with no lines drawn.

Zones of lines that whitespace gutters cut into columns (gutters.py) become tables when their
rows (cellrows.py) look like a table's: two or more columns of content, not a list's labels
beside its items, and not prose beside prose (a table has short cells in some column).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..structure import is_list_label
from .cellrows import is_figure, zone_rows
from .gutters import Zone, find_zones
from .headers import adopt_header, header_above
from .model import BBox, FoundTable, Line, Metrics, measure

SHORT_CELL_WORDS = 6
"""A cell of a figure, date, status or label; prose runs longer."""
ALIGNED_ROWS = 3
"""Paragraphs side by side (a two-column page) break at unrelated heights; three rows of cells
that start or centre together are a table even when every cell is long."""


def unruled_regions(lines: Sequence[Line], metrics: Metrics | None = None) -> list[Zone]:
    """Runs of lines cut into two or more columns by whitespace gutters: table candidates."""
    if not lines:
        return []
    return [zone for zone in find_zones(lines, metrics or measure(lines)) if len(zone.columns) >= 2]


def unruled_tables(lines: Sequence[Line], metrics: Metrics,
                   ruled: Sequence[FoundTable] = ()) -> tuple[list[FoundTable], list[FoundTable]]:
    """The candidates that read as tables; and the ruled tables, less those that were only the
    shaded header row of an unruled table (they are its first row now)."""
    tables: list[FoundTable] = []
    left = list(ruled)
    for zone in unruled_regions(lines, metrics):
        if zone.listing:
            continue
        table = zone_table(zone)
        header = header_above(left, table, metrics)
        if header is not None:
            adopt_header(header, table)
            left.remove(header)
            tables.append(table)
        elif _plausible(table.rows):
            tables.append(table)
    return tables, left


def zone_table(zone: Zone) -> FoundTable:
    rows = zone_rows(zone)
    # a producer that splits a table (reportlab's splitInRow) may repeat its header mid-page
    rows = rows[:1] + [row for row in rows[1:] if row != rows[0]]
    return FoundTable(bbox=zone.bbox, rows=rows, columns=[round(c[0], 1) for c in zone.columns],
                      strategy="text", cells=_cell_boxes(zone))


def _column(rows: Sequence[Sequence[str]], index: int) -> list[str]:
    return [row[index] for row in rows if index < len(row) and row[index].strip()]


def is_label_column(cells: Sequence[str]) -> bool:
    """Bullets or list numbers, one to an item: a list's labels, not a table's column."""
    return bool(cells) and all(is_list_label(cell) for cell in cells)


def _has_short_cells(cells: Sequence[str]) -> bool:
    short = sum(1 for cell in cells if len(cell.split()) <= SHORT_CELL_WORDS)
    return len(cells) >= 2 and short * 2 >= len(cells)


def _plausible(rows: Sequence[Sequence[str]]) -> bool:
    """Two or more columns of content on two or more rows, and not a list (a column of labels
    beside one column of text); prose beside prose only where three or more rows line up."""
    if not rows or len(rows[0]) < 2:
        return False
    columns = [_column(rows, index) for index in range(len(rows[0]))]
    content = [cells for cells in columns if cells and not is_label_column(cells)]
    if len(content) < 2:
        return False
    filled_rows = sum(1 for row in rows if sum(1 for cell in row if cell.strip()) >= 2)
    if filled_rows >= ALIGNED_ROWS:
        return True
    if filled_rows >= 2 and any(_has_short_cells(cells) for cells in content):
        return True
    return any(_row_of_figures(row) for row in rows)


def _row_of_figures(row: Sequence[str]) -> bool:
    """A row of three or more cells, two of them figures: a table's, even standing alone (the
    rest of a table that a page break cut)."""
    filled = [cell for cell in row if cell.strip()]
    return len(filled) >= 3 and sum(1 for cell in filled if is_figure(cell)) >= 2


def _cell_boxes(zone: Zone) -> list[BBox]:
    top, bottom = zone.bbox[1], zone.bbox[3]
    return [(x0, top, x1, bottom) for x0, x1 in zone.columns]
