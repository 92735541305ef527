"""Shaded rows: a borderless table whose header row, or every other row, is shaded (Word's house
styles: a dark header row, "Light Shading" bands) reaches the reader in parts, since the outline
of each shaded row makes it a one-row ruled table of its own, and the unshaded rows between are
aligned text. Parts standing one on another, whose columns fall under the same shaded cells, are
stacked back into one table; the shaded cells give its columns, those empty on a page included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from .cellrows import TextRow
from .model import BBox, FoundTable, Metrics

Span = tuple[float, float]
STACKED = 1.5
"""Parts of one table stand at most this many pitches apart."""
SAME_CELL = 2.0
"""Shaded rows of one table share their cell edges to within this many points."""


@dataclass
class Part:
    """Rows that may stack into one table: an unruled zone's, or a shaded row's."""

    rows: list[TextRow]
    spans: list[Span]
    """The columns' x-spans: of their text in a zone, of their cells in a shaded row."""
    bbox: BBox
    shaded: FoundTable | None = None
    """The ruled table that is this part (a shaded row is a one-row ruled table)."""


@dataclass
class Stack:
    """An unruled zone with the parts stacked on it, in the shaded rows' columns once it has one."""

    rows: list[TextRow]
    spans: list[Span]
    bbox: BBox
    parts: list[Part]
    cells: bool = False
    """Are the spans shaded cells (not a zone's text)?"""
    text_lefts: dict[int, float] = field(default_factory=dict)
    """Where the text of each column starts, by column, once the spans are cells."""

    @property
    def columns(self) -> list[float]:
        """The left edge of each column's text: the same on every page a table runs over, shaded
        row or not (a column with no text here is placed by its cell and the others' padding)."""
        if not self.cells:
            return [round(span[0], 1) for span in self.spans]
        pads = [left - self.spans[i][0] for i, left in self.text_lefts.items()]
        pad = median(pads) if pads else 0.0
        return [round(self.text_lefts.get(i, span[0] + pad), 1) for i, span in enumerate(self.spans)]

    def shaded_rows(self) -> list[FoundTable]:
        return [part.shaded for part in self.parts if part.shaded is not None]


def cell_spans(table: FoundTable) -> list[Span]:
    """The table's columns: from each left edge of a cell, the narrowest cell there (a cell
    spanning two columns, "2023/24" over "Actual | Target", starts where the first does); empty
    if they overlap (cells out of line with each other make no columns)."""
    narrowest: dict[float, float] = {}
    for cell in table.cells:
        left, right = round(cell[0], 1), round(cell[2], 1)
        narrowest[left] = min(narrowest.get(left, right), right)
    spans = sorted(narrowest.items())
    if any(b[0] < a[1] - SAME_CELL for a, b in zip(spans, spans[1:], strict=False)):
        return []
    return spans


def ruled_part(table: FoundTable) -> Part | None:
    """A ruled table as a part, if its cells make a grid, a cell spanning columns standing in the
    first of them: a shaded row or header, or a grid whose rules stop short of its last rows."""
    spans = cell_spans(table)
    tops = sorted({round(cell[1], 1) for cell in table.cells})
    if len(spans) < 2 or len(tops) != len(table.rows) or any(len(row) != len(spans) for row in table.rows):
        return None
    return Part([TextRow(top, list(row)) for top, row in zip(tops, table.rows, strict=True)], spans,
                table.bbox, table)


def owners(cells: Sequence[Span], texts: Sequence[Span]) -> list[int] | None:
    """The cell each column of text stands under, each under a cell of its own; None if not."""
    found = [next((i for i, (a, b) in enumerate(cells) if a <= (x0 + x1) / 2 <= b), None) for x0, x1 in texts]
    if any(owner is None for owner in found) or len(set(found)) != len(found):
        return None
    return [owner for owner in found if owner is not None]


def stack_parts(parts: Sequence[Part], metrics: Metrics) -> list[Stack]:
    """Each zone, top to bottom, with the shaded rows and zones that stack on it."""
    used: set[int] = set()
    stacks: list[Stack] = []
    for start in sorted((p for p in parts if p.shaded is None), key=lambda p: p.bbox[1]):
        if id(start) in used:
            continue
        used.add(id(start))
        stack = Stack(list(start.rows), list(start.spans), start.bbox, [start])
        grown = True
        while grown:
            grown = False
            for part in parts:
                if id(part) not in used and _beside(stack, part, metrics) and _attach(stack, part):
                    used.add(id(part))
                    grown = True
        stacks.append(stack)
    return stacks


def _beside(stack: Stack, part: Part, metrics: Metrics) -> bool:
    reach = STACKED * metrics.pitch
    return part.bbox[1] <= stack.bbox[3] + reach and part.bbox[3] >= stack.bbox[1] - reach and \
        part.bbox[0] < stack.bbox[2] and part.bbox[2] > stack.bbox[0]


def _attach(stack: Stack, part: Part) -> bool:
    """Stack the part on the table if its columns fall under the table's shaded cells."""
    if part.shaded is not None:
        if not stack.cells:
            mapping = owners(part.spans, stack.spans)
            if mapping is None:
                return False
            stack.text_lefts = {cell: stack.spans[column][0] for column, cell in enumerate(mapping)}
            stack.rows = _remapped(stack.rows, mapping, len(part.spans))
            stack.spans, stack.cells = list(part.spans), True
        elif len(part.spans) != len(stack.spans) or any(
                abs(a[0] - b[0]) > SAME_CELL for a, b in zip(part.spans, stack.spans, strict=True)):
            return False
        rows = part.rows
    else:
        mapping = owners(stack.spans, part.spans) if stack.cells else None
        if mapping is None:
            return False
        for column, cell in enumerate(mapping):
            stack.text_lefts[cell] = min(stack.text_lefts.get(cell, part.spans[column][0]), part.spans[column][0])
        rows = _remapped(part.rows, mapping, len(stack.spans))
    stack.rows = sorted([*stack.rows, *rows], key=lambda row: row.top)
    stack.parts.append(part)
    stack.bbox = (min(stack.bbox[0], part.bbox[0]), min(stack.bbox[1], part.bbox[1]),
                  max(stack.bbox[2], part.bbox[2]), max(stack.bbox[3], part.bbox[3]))
    return True


def _remapped(rows: Sequence[TextRow], mapping: Sequence[int], width: int) -> list[TextRow]:
    remapped: list[TextRow] = []
    for row in rows:
        cells = [""] * width
        for column, cell in enumerate(mapping):
            cells[cell] = row.cells[column]
        remapped.append(TextRow(row.top, cells))
    return remapped
