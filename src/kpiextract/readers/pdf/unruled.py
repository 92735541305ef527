"""Unruled tables: text standing in aligned columns, with no lines drawn.

Zones of lines that whitespace gutters cut into columns (gutters.py) become tables when their
rows (cellrows.py) look like a table's: two or more columns of content, not a list's labels
beside its items, and not prose beside prose (a table has short cells in some column).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..structure import is_list_label
from .cellrows import zone_rows
from .gutters import Zone, find_zones
from .model import BBox, FoundTable, Line, Metrics, measure

SHORT_CELL_WORDS = 6
"""A cell of a figure, date, status or label; prose runs longer."""


def unruled_regions(lines: Sequence[Line], metrics: Metrics | None = None) -> list[Zone]:
    """Runs of lines cut into two or more columns by whitespace gutters: table candidates."""
    if not lines:
        return []
    return [zone for zone in find_zones(lines, metrics or measure(lines)) if len(zone.columns) >= 2]


def unruled_tables(lines: Sequence[Line], metrics: Metrics | None = None) -> list[FoundTable]:
    """The candidates that read as tables."""
    tables: list[FoundTable] = []
    for zone in unruled_regions(lines, metrics):
        table = unruled_table(zone)
        if table is not None:
            tables.append(table)
    return tables


def unruled_table(zone: Zone) -> FoundTable | None:
    rows = zone_rows(zone)
    if not _plausible(rows):
        return None
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
    """Two or more columns of content on two or more rows, some column of short cells, and
    not a list (a column of labels beside one column of text)."""
    if len(rows) < 2 or not rows[0] or len(rows[0]) < 2:
        return False
    columns = [_column(rows, index) for index in range(len(rows[0]))]
    content = [cells for cells in columns if cells and not is_label_column(cells)]
    if len(content) < 2:
        return False
    filled_rows = sum(1 for row in rows if sum(1 for cell in row if cell.strip()) >= 2)
    return filled_rows >= 2 and any(_has_short_cells(cells) for cells in content)


def adopt_headers(ruled: Sequence[FoundTable], unruled: Sequence[FoundTable], metrics: Metrics) -> list[FoundTable]:
    """Put a one-row ruled table back on top of the unruled table it heads; the tables left.

    A borderless table under a shaded header row (a common Word house style) reaches us in two
    parts: the shading's outline makes the header row a ruled table of its own.
    """
    kept: list[FoundTable] = []
    for header in ruled:
        below = next((t for t in unruled if _heads(header, t, metrics)), None)
        if below is None:
            kept.append(header)
            continue
        cells = _header_cells(header, below)
        below.rows.insert(0, cells)
        below.bbox = (min(header.bbox[0], below.bbox[0]), header.bbox[1], max(header.bbox[2], below.bbox[2]),
                      below.bbox[3])
    return kept


def _heads(header: FoundTable, table: FoundTable, metrics: Metrics) -> bool:
    if len(header.rows) != 1 or not table.rows:
        return False
    gap = table.bbox[1] - header.bbox[3]
    if not -0.5 * metrics.size <= gap <= 1.5 * metrics.pitch:
        return False
    boxes = _row_boxes(header)
    owners = [_owner(boxes, x0, x1) for x0, x1 in _text_columns(table)]
    return None not in owners and len(set(owners)) == len(owners) == len(boxes)


def _row_boxes(header: FoundTable) -> list[tuple[float, float]]:
    return sorted({(round(c[0], 1), round(c[2], 1)) for c in header.cells})


def _text_columns(table: FoundTable) -> list[tuple[float, float]]:
    return [(c[0], c[2]) for c in table.cells]


def _owner(boxes: Sequence[tuple[float, float]], x0: float, x1: float) -> int | None:
    """The header cell a column's text stands under."""
    middle = (x0 + x1) / 2
    return next((i for i, (a, b) in enumerate(boxes) if a <= middle <= b), None)


def _header_cells(header: FoundTable, table: FoundTable) -> list[str]:
    boxes = _row_boxes(header)
    cells = header.rows[0]
    return [cells[_owner(boxes, x0, x1) or 0] for x0, x1 in _text_columns(table)]


def _cell_boxes(zone: Zone) -> list[BBox]:
    top, bottom = zone.bbox[1], zone.bbox[3]
    return [(x0, top, x1, bottom) for x0, x1 in zone.columns]
