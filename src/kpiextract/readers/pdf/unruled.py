"""Unruled tables: text standing in aligned columns, with no lines drawn."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.table import words_to_edges_v

from .glyphs import _edge
from .model import BBox, FoundTable, Line, Word, _centre_in
from .tables import _bbox, _table_columns, table_finder, table_rows

# Unruled tables: columns from text alignment, rows from the whitespace between rows.
TEXT_SETTINGS: dict[str, Any] = {
    "min_words_vertical": 2,
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 5,
}


@dataclass
class Region:
    """Lines whose text sits in aligned columns: an unruled table candidate."""

    lines: list[Line]
    columns: list[list[float]]
    """[x0, x1] of each column's text."""

    @property
    def bbox(self) -> BBox:
        return (min(line.x0 for line in self.lines), min(line.top for line in self.lines),
                max(line.x1 for line in self.lines), max(line.bottom for line in self.lines))

    def multi_segment_lines(self) -> int:
        return sum(1 for line in self.lines if len(line.segments()) >= 2)


def _fits(region: Region, line: Line) -> bool:
    """Every run of the line starts at a known column and stays inside it, or opens a new column."""
    segments = line.segments()
    starts = sorted(column[0] for column in region.columns)
    new_columns: list[list[float]] = []
    for segment in segments:
        x0, x1 = segment[0].x0, max(w.x1 for w in segment)
        column = next((c for c in region.columns if abs(c[0] - x0) <= 4), None)
        following = [s for s in starts if s > x0 + 4]
        if following and x1 > following[0] - 1:
            return False  # runs across the next column: prose, not a cell
        if column is None:
            if len(segments) < 2 or any(c[0] - 4 <= x0 <= c[1] for c in region.columns):
                return False
            new_columns.append([x0, x1])
        else:
            column[1] = max(column[1], x1)
    region.columns.extend(new_columns)
    return True


def unruled_regions(lines: Sequence[Line]) -> list[Region]:
    """Runs of consecutive lines laid out in two or more aligned columns."""
    regions: list[Region] = []
    current: Region | None = None
    for index, line in enumerate(lines):
        gap = line.top - lines[index - 1].bottom if index else 0.0
        if current is not None and (gap > line.size * 2.5 or not _fits(current, line)):
            regions.append(current)
            current = None
        if current is None:
            segments = line.segments()
            if len(segments) < 2:
                continue
            current = Region([], [[s[0].x0, max(w.x1 for w in s)] for s in segments])
        current.lines.append(line)
    if current is not None:
        regions.append(current)
    return [r for r in regions if len(r.columns) >= 2 and r.multi_segment_lines() >= 2]


def row_cuts(region: Region) -> list[float]:
    """Horizontal cuts between table rows: where the space between lines is wider than leading.

    Cutting rows by whitespace, not at every text line, keeps a wrapped cell in one row
    (the text strategy's classic failure, pdfplumber issues 19 and 488).
    """
    lines = region.lines
    size = Counter(round(line.size, 1) for line in lines).most_common(1)[0][0]
    top, bottom = region.bbox[1], region.bbox[3]
    cuts = [top - 1]
    for line, following in zip(lines, lines[1:], strict=False):
        if following.top - line.bottom > size * 0.55:
            cuts.append((line.bottom + following.top) / 2)
    cuts.append(bottom + 1)
    return cuts


def _column_edges(region: Region) -> list[float]:
    starts = sorted(column[0] for column in region.columns)
    right = max(column[1] for column in region.columns)
    return [starts[0] - 2, *[s - 2 for s in starts[1:]], right + 2]


def _plausible(rows: list[list[str]], expected_columns: int) -> bool:
    """A real table: two or more columns used on two or more rows, not prose cut into pieces."""
    if not rows or len(rows[0]) < 2 or abs(len(rows[0]) - expected_columns) > 1:
        return False
    filled_rows = sum(1 for row in rows if sum(1 for cell in row if cell.strip()) >= 2)
    used_columns = sum(1 for i in range(len(rows[0])) if any(i < len(r) and r[i].strip() for r in rows))
    return filled_rows >= 2 and used_columns >= 2


def _word_dict(word: Word) -> dict[str, Any]:
    return {"text": word.text, "x0": word.x0, "x1": word.x1, "top": word.top, "bottom": word.bottom,
            "doctop": word.top}


def text_alignment_edges(words: Sequence[Word], region: Region) -> list[Any]:
    """pdfplumber's "text" strategy: column lines where 2+ words share a left, right or centre.

    Inside a wrapped paragraph cell, words line up by chance and the strategy cuts the cell
    into columns; a real column line runs through whitespace on every line, so the lines
    that cross a run of text are dropped.
    """
    box = region.bbox
    inside = [_word_dict(w) for w in words if _centre_in(w, box, 1.0)]
    edges = words_to_edges_v(inside, word_threshold=TEXT_SETTINGS["min_words_vertical"])
    spans = [(s[0].x0, max(w.x1 for w in s)) for line in region.lines for s in line.segments()]
    kept = [dict(edge, object_type="line", doctop=edge["top"]) for edge in edges
            if not any(x0 + 1 < edge["x0"] < x1 - 1 for x0, x1 in spans)]
    if not kept:
        return []
    # the region's own sides close the outer columns when their words did not line up
    left, top, right, bottom = box
    return [*kept, _edge(left - 2, top - 1, left - 2, bottom + 1), _edge(right + 2, top - 1, right + 2, bottom + 1)]


def unruled_table(region: Region, words: Sequence[Word], width: float, height: float) -> FoundTable | None:
    """The text strategy's columns in the region; explicit column edges if it misreads them."""
    x0, top, x1, bottom = region.bbox
    cuts = [_edge(x0 - 2, y, x1 + 2, y) for y in row_cuts(region)]
    explicit = [_edge(x, top - 1, x, bottom + 1) for x in _column_edges(region)]
    for strategy, columns in (("text", text_alignment_edges(words, region)), ("text-columns", explicit)):
        finder = table_finder(columns, cuts, width, height, TEXT_SETTINGS)
        if finder is None or not finder.tables:
            continue
        table = max(finder.tables, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
        rows = table_rows(table, words)
        if _plausible(rows, len(region.columns)):
            return FoundTable(bbox=_bbox(table.bbox), rows=rows, columns=_table_columns(table),
                              strategy=strategy, cells=list(table.cells), finder=finder)
    return None
