"""Shaded header rows: a borderless table whose header row alone is shaded (a common Word house
style) reaches the reader in two parts, since the shading's outline makes the header row a ruled
table of its own. The header row goes back on top of the unruled table below it, and its cells
give the table its columns, those empty on this page included.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import FoundTable, Metrics


def header_above(ruled: Sequence[FoundTable], table: FoundTable, metrics: Metrics) -> FoundTable | None:
    """The one-row ruled table that heads the table, if any."""
    return next((header for header in ruled if column_owners(header, table, metrics) is not None), None)


def column_owners(header: FoundTable, table: FoundTable, metrics: Metrics) -> list[int] | None:
    """The header cell each of the table's columns stands under, if the one-row ruled table
    heads it: straight above it, every column under a cell of its own."""
    if len(header.rows) != 1 or not table.rows:
        return None
    gap = table.bbox[1] - header.bbox[3]
    boxes = _cell_spans(header)
    if not -0.5 * metrics.size <= gap <= 1.5 * metrics.pitch or len(boxes) != len(header.rows[0]):
        return None
    owners = [_owner(boxes, x0, x1) for x0, x1 in _text_columns(table)]
    if any(owner is None for owner in owners) or len(set(owners)) != len(owners):
        return None
    return [owner for owner in owners if owner is not None]


def adopt_header(header: FoundTable, table: FoundTable) -> None:
    """The header row on top of the table, and the table's rows in the header's columns."""
    owners = [_owner(_cell_spans(header), x0, x1) for x0, x1 in _text_columns(table)]
    body = []
    for row in table.rows:
        cells = [""] * len(header.rows[0])
        for column, owner in enumerate(owners):
            if owner is not None:
                cells[owner] = row[column]
        body.append(cells)
    table.rows = [list(header.rows[0]), *body]
    table.columns = list(header.columns)
    table.bbox = (min(header.bbox[0], table.bbox[0]), header.bbox[1], max(header.bbox[2], table.bbox[2]),
                  table.bbox[3])


def _cell_spans(header: FoundTable) -> list[tuple[float, float]]:
    return sorted({(round(c[0], 1), round(c[2], 1)) for c in header.cells})


def _text_columns(table: FoundTable) -> list[tuple[float, float]]:
    return [(c[0], c[2]) for c in table.cells]


def _owner(boxes: Sequence[tuple[float, float]], x0: float, x1: float) -> int | None:
    """The header cell a column's text stands under."""
    middle = (x0 + x1) / 2
    return next((i for i, (a, b) in enumerate(boxes) if a <= middle <= b), None)
