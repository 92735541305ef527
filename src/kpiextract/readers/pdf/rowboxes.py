"""Shaded cells of one row drawn to different heights.

A producer may shade only the part of each cell its text fills, not the whole cell (LibreOffice
printing HTML does): a header row whose cells wrap to different numbers of lines ("2023/2" /
"4" beside "Measure") then reaches the reader as boxes side by side of different heights, which
the table finder reads as separate grids (or none). Boxes that touch side by side (within the
rule tolerance), overlap in height and each hold text are the cells of one row: the row is as
tall as its tallest box, so each box's sides run from the row's top to its bottom and rules close
the row above and below. Requiring text in every box keeps out the bars of a chart, which touch
but hold no words; a box that a rule crosses from side to side is a stretch of a ruled grid (its
outer border and its cells' sides), not a cell.

A header of two rows shaded so has its upper cells at its top and a cell spanning both rows
(HTML's rowspan) centred between the rows, reaching down beside the lower row's cells: the
upper cells run down to the middle of the gap between the rows, the lower ones up to it, and
the spanning cells over both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .glyphs import _edge
from .model import BBox, Word

Edge = dict[str, Any]


def drawn_boxes(vertical: Sequence[Edge], horizontal: Sequence[Edge], tolerance: float) -> list[BBox]:
    """Rectangles drawn as such: two vertical sides of one height joined by a rule at each end
    that starts and stops at those sides (the lines of a ruled grid run on past a cell's)."""
    by_end: dict[tuple[int, int], list[Edge]] = {}
    for h in horizontal:
        by_end.setdefault((round(h["x0"]), round(h["top"])), []).append(h)

    def rules_from(x: float, y: float) -> list[Edge]:
        return [h for dx in (-1, 0, 1) for dy in (-1, 0, 1) for h in by_end.get((round(x) + dx, round(y) + dy), [])
                if abs(h["x0"] - x) <= tolerance and abs(h["top"] - y) <= tolerance]

    sides: dict[tuple[int, int], list[Edge]] = {}
    for v in vertical:
        sides.setdefault((round(v["x0"]), round(v["top"])), []).append(v)
    boxes: list[BBox] = []
    for left in vertical:
        for top_rule in rules_from(left["x0"], left["top"]):
            right_x = top_rule["x1"]
            if right_x - left["x0"] <= tolerance:
                continue
            closed = any(abs(h["x1"] - right_x) <= tolerance for h in rules_from(left["x0"], left["bottom"]))
            right = any(abs(v["x0"] - right_x) <= tolerance and abs(v["top"] - left["top"]) <= tolerance
                        and abs(v["bottom"] - left["bottom"]) <= tolerance
                        for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                        for v in sides.get((round(right_x) + dx, round(left["top"]) + dy), []))
            if closed and right:
                boxes.append((left["x0"], left["top"], right_x, left["bottom"]))
    return sorted(set(boxes))


def _crossed(box: BBox, horizontal: Sequence[Edge], tolerance: float) -> bool:
    """A rule runs through the box from side to side: it is a stretch of a ruled grid (a column
    of a table drawn cell by cell, closed by its outer border), not one cell's shading."""
    return any(box[1] + tolerance < h["top"] < box[3] - tolerance
               and h["x0"] <= box[0] + tolerance and h["x1"] >= box[2] - tolerance for h in horizontal)


def _holds_text(box: BBox, words: Sequence[Word]) -> bool:
    return any(box[0] <= (w.x0 + w.x1) / 2 <= box[2] and box[1] <= (w.top + w.bottom) / 2 <= box[3]
               for w in words)


def _touch_side_by_side(a: BBox, b: BBox, tolerance: float) -> bool:
    """b starts where a ends (within tolerance), and the two overlap in height."""
    return abs(b[0] - a[2]) <= tolerance and min(a[3], b[3]) - max(a[1], b[1]) > tolerance


def box_rows(boxes: Sequence[BBox], tolerance: float) -> list[list[BBox]]:
    """Runs of boxes touching side by side, left to right: two or more in each."""
    rows: list[list[BBox]] = []
    for box in sorted(boxes):
        row = next((r for r in rows if _touch_side_by_side(r[-1], box, tolerance)), None)
        if row is None:
            rows.append([box])
        else:
            row.append(box)
    return [row for row in rows if len(row) >= 2]


def _level(row: Sequence[BBox], tolerance: float) -> bool:
    top, bottom = min(b[1] for b in row), max(b[3] for b in row)
    return all(abs(b[1] - top) <= tolerance and abs(b[3] - bottom) <= tolerance for b in row)


def level_rows(vertical: Sequence[Edge], horizontal: Sequence[Edge], words: Sequence[Word],
               tolerance: float) -> tuple[list[Edge], list[Edge]]:
    """The rules with each row of text-holding boxes of different heights made one row of cells
    (see the module doc): the shorter boxes' own tops and bottoms, which are no cell border, give
    way to every box's sides from the row's top to its bottom and a rule across each end."""
    vertical, horizontal = list(vertical), list(horizontal)
    # a grid drawn cell by cell has a box per cell, all level: rows are judged on geometry first,
    # and only the boxes of an uneven row are searched for text
    rows = box_rows(drawn_boxes(vertical, horizontal, tolerance), tolerance)
    uneven = [box for row in rows if not _level(row, tolerance) for box in row]
    level = [row for row in rows if _level(row, tolerance)]
    for row in box_rows([b for b in uneven if _holds_text(b, words) and not _crossed(b, horizontal, tolerance)],
                        tolerance):
        if _level(row, tolerance):
            continue  # already one row: the finder reads it as it is
        top, bottom = min(b[1] for b in row), max(b[3] for b in row)
        under = _row_under(row, level, words, tolerance)
        if under is not None:
            vertical, horizontal = _two_rows(row, under, vertical, horizontal, tolerance)
            continue
        inner = [(b[0], b[2], y) for b in row for y in (b[1], b[3]) if top + tolerance < y < bottom - tolerance]
        horizontal = _without(horizontal, inner, tolerance)
        vertical += [_edge(x, top, x, bottom) for b in row for x in (b[0], b[2])]
        horizontal += [_edge(row[0][0], y, row[-1][2], y) for y in (top, bottom)]
    return vertical, horizontal


def _without(horizontal: list[Edge], rules: Sequence[tuple[float, float, float]], tolerance: float) -> list[Edge]:
    """The rules less those drawn from x0 to x1 at y (a shaded box's own top or bottom)."""
    return [h for h in horizontal if not any(
        abs(h["top"] - y) <= tolerance and abs(h["x0"] - x0) <= tolerance and abs(h["x1"] - x1) <= tolerance
        for x0, x1, y in rules)]


def _upper(row: Sequence[BBox], tolerance: float) -> list[BBox]:
    top = min(b[1] for b in row)
    return [b for b in row if b[1] - top <= tolerance]


def _row_under(row: Sequence[BBox], level: Sequence[Sequence[BBox]], words: Sequence[Word],
               tolerance: float) -> Sequence[BBox] | None:
    """A header of two rows whose shading is only as tall as its text: the cells of the upper row
    stand at its top, a cell spanning both rows (rowspan) is centred between them, reaching down
    beside the lower row's cells. That lower row, a level row of text-holding boxes standing
    under the upper row's cells alone (a year spanning "Actual | Target"), if there is one."""
    upper = _upper(row, tolerance)
    tall = [b for b in row if b not in upper]
    if not tall:
        return None
    left, right = min(b[0] for b in upper), max(b[2] for b in upper)
    floor = max(b[3] for b in upper)
    reach, lowest = min(b[3] for b in tall), max(b[3] for b in tall)
    for under in level:
        first = under[0]
        if (floor - tolerance <= first[1] < reach - tolerance and first[3] >= lowest - tolerance
                and all(left - tolerance <= b[0] and b[2] <= right + tolerance for b in under)
                and all(_holds_text(b, words) for b in under)):
            return under
    return None


def _two_rows(row: Sequence[BBox], under: Sequence[BBox], vertical: list[Edge], horizontal: list[Edge],
              tolerance: float) -> tuple[list[Edge], list[Edge]]:
    """The rules of the two-row header `_row_under` found: the upper cells from the top to the
    middle of the gap between the rows, the lower cells from there to the bottom, and the cells
    spanning both rows from top to bottom."""
    upper = _upper(row, tolerance)
    top, bottom = min(b[1] for b in row), max(b[3] for b in under)
    middle = (max(b[3] for b in upper) + min(b[1] for b in under)) / 2
    boxes = [*row, *under]
    horizontal = _without(horizontal, [(b[0], b[2], y) for b in boxes for y in (b[1], b[3])], tolerance)
    # the boxes' own sides, which stop short of the rows, would read as sides left open
    vertical = [v for v in vertical if not any(
        abs(v["top"] - b[1]) <= tolerance and abs(v["bottom"] - b[3]) <= tolerance
        and (abs(v["x0"] - b[0]) <= tolerance or abs(v["x0"] - b[2]) <= tolerance) for b in boxes)]
    vertical += [_edge(x, top, x, middle if b in upper else bottom) for b in row for x in (b[0], b[2])]
    vertical += [_edge(x, middle, x, bottom) for b in under for x in (b[0], b[2])]
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    # the middle rule under each upper cell only: a cell spanning both rows may stand between two
    horizontal += [_edge(left, top, right, top), _edge(left, bottom, right, bottom),
                   *(_edge(b[0], middle, b[2], middle) for b in upper)]
    return vertical, horizontal
