"""Banded tables: column lines drawn only in every other row.

Word's banded styles ("Light Shading" and the like) shade every other row with a fill per cell
and draw no borders: the shaded rows have cell sides, the rows between have nothing at all,
not even the table's outer sides (a row of merged cells in a ruled table keeps those). Where
that alternation recurs and the text of the bare rows stands inside the shaded rows' columns,
the columns run on through the bare rows, up to the table's top and bottom rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .glyphs import _edge
from .model import Word

Edge = dict[str, Any]
Span = tuple[float, float]


def _columns(vertical: Sequence[Edge], tolerance: float) -> dict[float, list[Span]]:
    """Vertical segments grouped by x, each group's spans merged where they touch."""
    groups: dict[float, list[Span]] = {}
    for edge in sorted(vertical, key=lambda e: e["x0"]):
        x = next((key for key in groups if abs(key - edge["x0"]) <= tolerance), edge["x0"])
        groups.setdefault(x, []).append((edge["top"], edge["bottom"]))
    merged: dict[float, list[Span]] = {}
    for x, spans in groups.items():
        runs: list[list[float]] = []
        for top, bottom in sorted(spans):
            if runs and top <= runs[-1][1] + tolerance:
                runs[-1][1] = max(runs[-1][1], bottom)
            else:
                runs.append([top, bottom])
        merged[x] = [(run[0], run[1]) for run in runs]
    return merged


def _bare(columns: dict[float, list[Span]], left: float, right: float, top: float, bottom: float,
          tolerance: float) -> bool:
    """No column line at all crosses the strip between top and bottom, from left to right."""
    return not any(left - tolerance <= x <= right + tolerance and a < bottom - tolerance and b > top + tolerance
                   for x, spans in columns.items() for a, b in spans)


def _ruled_across(horizontal: Sequence[Edge], y: float, left: float, right: float, tolerance: float) -> bool:
    """A rule at y from left to right, drawn whole or in pieces (one per cell)."""
    reach = left
    for h in sorted((h for h in horizontal if abs(h["top"] - y) <= tolerance), key=lambda h: h["x0"]):
        if h["x0"] <= reach + tolerance:
            reach = max(reach, h["x1"])
    return reach >= right - tolerance


def _rule_extent(horizontal: Sequence[Edge], y: float, xs: Sequence[float], tolerance: float) -> Span:
    """How far the rules at y that cross the column lines reach: the table's width there."""
    across = [h for h in horizontal if abs(h["top"] - y) <= tolerance
              and any(h["x0"] - tolerance <= x <= h["x1"] + tolerance for x in xs)]
    return (min((h["x0"] for h in across), default=xs[0]), max((h["x1"] for h in across), default=xs[-1]))


def _text_fits(words: Sequence[Word], xs: Sequence[float], top: float, bottom: float, tolerance: float) -> bool:
    """The strip holds a row of text standing inside the columns: none of it runs across a
    column line (whitespace between two tables, or a heading across them, is no row)."""
    inside = [w for w in words if top < w.baseline < bottom and xs[0] < (w.x0 + w.x1) / 2 < xs[-1]]
    return bool(inside) and not any(w.x0 < x - tolerance and w.x1 > x + tolerance for w in inside for x in xs)


def _gaps(columns: dict[float, list[Span]], tolerance: float) -> dict[Span, list[float]]:
    """Breaks in column lines, by where they fall: (top, bottom) -> the x of the lines broken there."""
    gaps: dict[Span, list[float]] = {}
    for x, spans in columns.items():
        for (_, upper), (lower, _) in zip(spans, spans[1:], strict=False):
            key = next((k for k in gaps if abs(k[0] - upper) <= tolerance and abs(k[1] - lower) <= tolerance),
                       (upper, lower))
            gaps.setdefault(key, []).append(x)
    return gaps


def bare_row_lines(vertical: Sequence[Edge], horizontal: Sequence[Edge], words: Sequence[Word],
                   tolerance: float) -> list[Edge]:
    """Column lines through the bare rows of banded tables (see the module doc)."""
    columns = _columns(vertical, tolerance)
    by_columns: dict[tuple[float, ...], list[Span]] = {}
    for (top, bottom), xs in _gaps(columns, tolerance).items():
        line_xs = tuple(sorted(xs))  # three or more: the table's sides and a column line between
        left, right = line_xs[0], line_xs[-1]
        outer = _rule_extent(horizontal, top, line_xs, tolerance)  # the bare row has no outer sides either
        if (len(line_xs) >= 3 and _bare(columns, *outer, top, bottom, tolerance)
                and _ruled_across(horizontal, top, left, right, tolerance)
                and _ruled_across(horizontal, bottom, left, right, tolerance)
                and _text_fits(words, line_xs, top, bottom, tolerance)):
            by_columns.setdefault(line_xs, []).append((top, bottom))
    added: list[Edge] = []
    for lines_at, gaps in by_columns.items():
        if len(gaps) < 2:  # one break is two tables one under the other; banding recurs
            continue
        strips = [*gaps, *_ends(columns, horizontal, words, lines_at, gaps, tolerance)]
        added += [_edge(x, top, x, bottom) for top, bottom in strips for x in lines_at]
    return added


def _ends(columns: dict[float, list[Span]], horizontal: Sequence[Edge], words: Sequence[Word],
          xs: Sequence[float], gaps: Sequence[Span], tolerance: float) -> list[Span]:
    """The bare first and last rows: from the first and last shaded row to the table's rules above
    and below them, if those span the table and the rows between are bare and no taller than
    the table's other rows."""
    spans = [span for x in xs for span in columns[x]]
    first, last = min(top for top, _ in spans), max(bottom for _, bottom in spans)
    tallest = max(bottom - top for top, bottom in [*spans, *gaps])
    left, right = xs[0], xs[-1]
    rules = sorted({h["top"] for h in horizontal if _ruled_across(horizontal, h["top"], left, right, tolerance)})
    ends: list[Span] = []
    above = [y for y in rules if first - tallest * 2 <= y < first - tolerance]
    if above and _bare(columns, left, right, min(above), first, tolerance) \
            and _text_fits(words, xs, min(above), first, tolerance):
        ends.append((min(above), first))
    below = [y for y in rules if last + tolerance < y <= last + tallest * 2]
    if below and _bare(columns, left, right, last, max(below), tolerance) \
            and _text_fits(words, xs, last, max(below), tolerance):
        ends.append((last, max(below)))
    return ends
