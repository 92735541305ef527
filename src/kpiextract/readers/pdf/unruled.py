"""Unruled tables: text standing in aligned columns, with no lines drawn.

- gutters.py: zones of lines that whitespace gutters cut into columns;
- cellrows.py: each column's cells, and the rows they make;
- alignment.py: the lines of cells that touch over rows, shared out by the rows' alignment;
- bands.py: shaded rows (one-row ruled tables) stacked back on the unruled rows beside them.

A zone is a table when its rows look like a table's: two or more columns of content, not a
list's labels beside its items, and not prose beside prose (a table has short cells in some
column, or rows that line up); a zone under a shaded header or a bold header row is one too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..structure import is_list_label
from .bands import Part, ruled_part, stack_parts
from .cellrows import TextRow, is_figure, page_line_steps, zone_rows
from .gutters import Zone, find_zones
from .headed import headed_parts
from .model import FoundTable, Line, Metrics, measure, narrowest
from .tables import RuledTable

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
    """The candidates that read as tables, with the shaded rows that stack on them (bands.py);
    and the ruled tables left, less those shaded rows."""
    parts, lines = headed_parts(lines, metrics, ruled)
    zones = [zone for zone in unruled_regions(lines, metrics) if not zone.listing]
    line_steps = page_line_steps(zones)
    for table in ruled:
        for size, step in (table.line_steps if isinstance(table, RuledTable) else {}).items():
            narrowest(line_steps, size, step)
    parts += [zone_part(zone, line_steps) for zone in zones]
    parts += [part for table in ruled if (part := ruled_part(table)) is not None]
    tables: list[FoundTable] = []
    stacked: list[FoundTable] = []
    for stack in stack_parts(parts, metrics):
        rows = _without_repeated_header([row.cells for row in stack.rows])
        plausible = stack.cells or _plausible(rows) or _under_header(stack.rows)
        if plausible or _row_in_columns(rows):
            tables.append(FoundTable(bbox=stack.bbox, rows=rows, columns=stack.columns, strategy="text",
                                     cells=[(a, stack.bbox[1], b, stack.bbox[3]) for a, b in stack.spans],
                                     tentative=not plausible))
            stacked += stack.shaded_rows() if plausible else []
    return tables, [table for table in ruled if not any(table is s for s in stacked)]


def zone_part(zone: Zone, page_steps: dict[float, float] | None = None) -> Part:
    return Part(zone_rows(zone, page_steps), list(zone.columns), zone.bbox)


def _without_repeated_header(rows: list[list[str]]) -> list[list[str]]:
    """A producer that splits a table (reportlab's splitInRow) may repeat its header mid-page."""
    return rows[:1] + [row for row in rows[1:] if row != rows[0]]


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


def _under_header(rows: Sequence[TextRow]) -> bool:
    """A bold row of three or more cells over other rows: a table's header, even when the rows
    under it on this page are only the rest of a row a page break cut."""
    return len(rows) >= 2 and rows[0].bold and sum(1 for cell in rows[0].cells if cell.strip()) >= 3


def _row_in_columns(rows: Sequence[Sequence[str]]) -> bool:
    """A row of two or more cells of several words, or of figures: too little for a table, but
    what the rest of a table cut by a page break looks like (joins.py decides, against the table
    before the break). A line of justified prose splits into one-word "cells" instead."""
    for row in rows:
        cells = [cell for cell in row if cell.strip() and not is_list_label(cell)]
        worded = [cell for cell in cells if len(cell.split()) >= 2 or is_figure(cell)]
        if len(cells) >= 2 and len(worded) * 2 > len(cells):
            return True
    return False


def _row_of_figures(row: Sequence[str]) -> bool:
    """A row of three or more cells, two of them figures: a table's, even standing alone (the
    rest of a table that a page break cut)."""
    filled = [cell for cell in row if cell.strip()]
    # a justified line of prose whose wide word gaps cut it into one-word "cells" ("published |
    # information | for | the | England | average | is | 21.9% | and ..."): mostly lower-case words
    words = sum(1 for cell in filled if PROSE_WORD.fullmatch(cell.strip()))
    if words * 2 >= len(filled):
        return False
    return len(filled) >= 3 and sum(1 for cell in filled if is_figure(cell)) >= 2


PROSE_WORD = re.compile(r"[a-z][a-z'’-]*")
