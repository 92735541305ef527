"""Ruling lines into the grids of separate tables.

Two things pdfplumber's TableFinder cannot know from the lines alone:
- a page break cuts a table's last row: its column rules run on to the bottom of the page frame
  with no rule under them (and on the next page start at the top with none above them), so
  the cut row has no cell until its open side is closed;
- tables printed one under another share borders, and snapping makes one grid of them: the
  grid is split where its rows stop sharing one cell layout (see `bands`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .glyphs import _edge

Edge = dict[str, Any]
Cell = tuple[float, float, float, float]


@dataclass
class OpenSides:
    """Where a grid was left open by the page frame: rules added there, and their y."""

    added: list[Edge]
    bottoms: list[float]
    tops: list[float]


def _groups(values: Sequence[tuple[float, Edge]], tolerance: float) -> list[list[Edge]]:
    """Edges whose keys lie within tolerance of their neighbours, in key order."""
    groups: list[list[tuple[float, Edge]]] = []
    for key, edge in sorted(values, key=lambda item: item[0]):
        if groups and key - groups[-1][-1][0] <= tolerance:
            groups[-1].append((key, edge))
        else:
            groups.append([(key, edge)])
    return [[edge for _, edge in group] for group in groups]


def _crosses(rule: Edge, vertical: Edge, tolerance: float) -> bool:
    return (rule["x0"] - tolerance <= vertical["x0"] <= rule["x1"] + tolerance
            and vertical["top"] - tolerance <= rule["top"] <= vertical["bottom"] + tolerance)


def _closing_rule(ends: list[Edge], horizontal: Sequence[Edge], y: float, below: bool,
                  tolerance: float) -> Edge | None:
    """The rule that closes column rules ending together at y, if none is drawn there.

    Column rules ending at one y with no rule across them there are a grid cut open; they must
    also cross a drawn rule together (the last one above the cut, or the first below it), so
    that they are one grid's columns and not unrelated strokes. A rule may be drawn in pieces,
    one per cell: the pieces at one height count as one rule.
    """
    def crossed(rule_y: float) -> list[Edge]:
        pieces = [h for h in horizontal if abs(h["top"] - rule_y) <= tolerance]
        return [v for v in ends if any(_crosses(h, v, tolerance) for h in pieces)]

    if len(crossed(y)) >= 2:
        return None
    beyond = [h["top"] for h in horizontal if (h["top"] < y - tolerance if below else h["top"] > y + tolerance)
              and any(_crosses(h, v, tolerance) for v in ends)]
    if not beyond:
        return None
    columns = [v["x0"] for v in crossed(max(beyond) if below else min(beyond))]
    if len(columns) < 2:
        return None
    return _edge(min(columns), y, max(columns), y)


def close_open_sides(vertical: Sequence[Edge], horizontal: Sequence[Edge], tolerance: float) -> OpenSides:
    """Rules across the open bottom or top of grids the page frame cut (see the module doc)."""
    sides = OpenSides([], [], [])
    for below, key in ((True, "bottom"), (False, "top")):
        for ends in _groups([(v[key], v) for v in vertical], tolerance):
            if len(ends) < 2:
                continue
            y = max(v[key] for v in ends) if below else min(v[key] for v in ends)
            rule = _closing_rule(ends, horizontal, y, below, tolerance)
            if rule is not None:
                sides.added.append(rule)
                (sides.bottoms if below else sides.tops).append(y)
    return sides


@dataclass
class GridRow:
    """One row of a grid: its cells, and the cells of rows above that span down through it."""

    top: float
    bottom: float
    cells: list[Cell]
    covering: list[Cell]
    header: bool = False
    """Set by the caller: the row is styled as a header (see `tables.header_like`)."""

    def boundaries(self, tolerance: float) -> list[float]:
        xs = sorted({round(x, 1) for cell in self.covering for x in (cell[0], cell[2])})
        merged: list[float] = []
        for x in xs:
            if not merged or x - merged[-1] > tolerance:
                merged.append(x)
        return merged


def grid_rows(cells: Sequence[Cell]) -> list[GridRow]:
    """The grid's rows, top to bottom, as pdfplumber groups cells (by their top)."""
    tops = sorted({cell[1] for cell in cells})
    rows: list[GridRow] = []
    for top in tops:
        own = [cell for cell in cells if cell[1] == top]
        bottom = min(cell[3] for cell in own)
        covering = [cell for cell in cells if cell[1] <= top + 0.01 and cell[3] >= bottom - 0.01]
        rows.append(GridRow(top=top, bottom=bottom, cells=own, covering=covering))
    return rows


def _layout_changes(above: GridRow, below: GridRow, tolerance: float) -> bool:
    """Two rows of different tables: a different outer width, or column rules each lacks.

    Within one table a spanning cell only drops some of the column rules (a subset of them);
    two stacked tables with different columns each have rules the other lacks.
    """
    upper, lower = above.boundaries(tolerance), below.boundaries(tolerance)
    if abs(upper[0] - lower[0]) > tolerance or abs(upper[-1] - lower[-1]) > tolerance:
        return True

    def missing(xs: list[float], others: list[float]) -> bool:
        return any(all(abs(x - other) > tolerance for other in others) for x in xs)

    return missing(upper, lower) and missing(lower, upper)


def bands(rows: Sequence[GridRow], tolerance: float) -> list[list[GridRow]]:
    """The grid cut into the tables stacked in it.

    A new table starts where the cell layout changes, or at a row styled as a header that comes
    after body rows, once the grid has opened with a header: tables with the same columns
    printed touching share every rule, and only their headers tell them apart.
    """
    groups: list[list[GridRow]] = []
    for row in rows:
        if groups:
            current = groups[-1]
            new_header = row.header and not current[-1].header and any(r.header for r in current)
            if not (_layout_changes(current[-1], row, tolerance) or new_header):
                current.append(row)
                continue
        groups.append([row])
    return groups
