"""The rows of a table zone: which lines of each column make one cell, and which cells one row.

All the pieces of text on one baseline belong to one row, so a row is a run of the zone's lines.
Within a column, lines about one pitch apart are one cell and a wider step starts a new one;
cells of different columns whose lines overlap are one row. A column whose cells touch from row
to row (no cell padding) forms one unbroken block over several rows; the other columns show
where its rows change, and the table's vertical alignment (top, centre or bottom, read from the
cells) says which of its lines go to which row.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from ..structure import is_list_label, join_broken
from .gutters import CELL_STEP, Zone
from .model import Word, _join_words

VALUE = re.compile(r"^(?:[-+]?[£$€]?\d[\d,]*(?:\.\d+)?\s*%?|n/?a|tbc|[-–—])$", re.IGNORECASE)
"""A complete figure: two of them on consecutive lines are two cells, never one wrapped cell."""


@dataclass
class Piece:
    """The words of one line that fall in one column."""

    column: int
    line: int
    """Index of its line in the zone."""
    baseline: float
    words: list[Word]

    @property
    def text(self) -> str:
        return _join_words(self.words)

    @property
    def bold(self) -> bool:
        return all(word.bold for word in self.words)


Block = list[Piece]
LineRange = tuple[int, int]


def zone_pieces(zone: Zone) -> list[list[Piece]]:
    """Each column's pieces, top to bottom."""
    lefts = [column[0] for column in zone.columns]
    columns: list[list[Piece]] = [[] for _ in zone.columns]
    for index, line in enumerate(zone.lines):
        by_column: dict[int, list[Word]] = {}
        for word in line.words:
            column = max(0, bisect.bisect_right(lefts, (word.x0 + word.x1) / 2) - 1)
            by_column.setdefault(column, []).append(word)
        for column, words in by_column.items():
            columns[column].append(Piece(column, index, line.baseline, words))
    return columns


def cell_pitch(columns: Sequence[Sequence[Piece]], fallback: float) -> float:
    """The modal step between consecutive lines of a column: the line pitch inside a cell,
    which may differ from the page's when the table is set in smaller type."""
    steps: Counter[float] = Counter()
    for pieces in columns:
        for above, below in zip(pieces, pieces[1:], strict=False):
            step = below.baseline - above.baseline
            if 0.75 * fallback <= step <= 1.15 * fallback:
                steps[round(step * 2) / 2] += 1
    return steps.most_common(1)[0][0] if steps else fallback


def _is_value(piece: Piece) -> bool:
    return bool(VALUE.match(piece.text.strip()))


def _starts_cell(above: Piece, piece: Piece) -> bool:
    """A list label opens an item, and a figure under a figure is the next row's."""
    return is_list_label(piece.text) or (_is_value(above) and _is_value(piece))


def column_blocks(pieces: Sequence[Piece], pitch: float) -> list[Block]:
    """A column's pieces in runs about one pitch apart: cells, or cells touching over rows."""
    blocks: list[Block] = []
    for piece in pieces:
        if blocks:
            above = blocks[-1][-1]
            touching = piece.baseline - above.baseline <= CELL_STEP * pitch
            if touching and not _starts_cell(above, piece):
                blocks[-1].append(piece)
                continue
        blocks.append([piece])
    return blocks


def _span(block: Block) -> LineRange:
    return block[0].line, block[-1].line


def _overlaps(a: LineRange, b: LineRange) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def is_dense(block: Block, others: Sequence[Sequence[Block]]) -> bool:
    """A block runs over a row break when another column starts two cells beside it."""
    span = _span(block)
    return any(sum(1 for other in column if _overlaps(span, _span(other))) >= 2 for column in others)


def row_ranges(blocks: Sequence[Block]) -> list[LineRange]:
    """Blocks whose lines overlap are one row: the rows' line ranges, top to bottom."""
    ranges: list[list[int]] = []
    for first, last in sorted(_span(block) for block in blocks):
        if ranges and first <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], last)
        else:
            ranges.append([first, last])
    return [(a, b) for a, b in ranges]


# ----------------------------------------------------------------- lines of touching cells


def _middle(pieces: Sequence[Piece]) -> float:
    return (pieces[0].baseline + pieces[-1].baseline) / 2


@dataclass
class Rows:
    """The zone's rows from its separate cells, and the lines of touching cells to share out."""

    ranges: list[LineRange]
    anchors: list[list[Block]]
    """The separate cells of each row: where the row's cells start, centre and end."""
    dense: list[Block]
    baselines: list[float]

    def reference(self, row: int, alignment: str) -> float:
        blocks = self.anchors[row]
        if alignment == "top":
            return median(block[0].baseline for block in blocks)
        if alignment == "bottom":
            return median(block[-1].baseline for block in blocks)
        return median(_middle(block) for block in blocks)

    def groups(self, cuts: Sequence[int]) -> list[list[Block]]:
        """The dense pieces of each row when row j ends at line cuts[j]."""
        grouped: list[list[Block]] = [[] for _ in self.ranges]
        for block in self.dense:
            for piece in block:
                row = bisect.bisect_left(cuts, piece.line)
                if not grouped[row] or grouped[row][-1][0].column != piece.column:
                    grouped[row].append([])
                grouped[row][-1].append(piece)
        return grouped


def _top_cuts(rows: Rows) -> list[int]:
    return [rows.ranges[j + 1][0] - 1 for j in range(len(rows.ranges) - 1)]


def _bottom_cuts(rows: Rows) -> list[int]:
    return [rows.ranges[j][1] for j in range(len(rows.ranges) - 1)]


def _centre_cuts(rows: Rows) -> list[int]:
    """Row by row from the top: the cut that centres the row's touching cells on its others."""
    cuts: list[int] = []
    for j in range(len(rows.ranges) - 1):
        centre = rows.reference(j, "centre")
        options = range(rows.ranges[j][1], rows.ranges[j + 1][0])

        def error(cut: int, row: int = j, centre: float = centre) -> float:
            trial = [*cuts, cut] + [len(rows.baselines)] * (len(rows.ranges) - len(cuts) - 1)
            return sum(abs(_middle(group) - centre) for group in rows.groups(trial)[row])

        cuts.append(min(options, key=error))
    return cuts


CUTTERS: dict[str, Callable[[Rows], list[int]]] = {"centre": _centre_cuts, "top": _top_cuts,
                                                   "bottom": _bottom_cuts}


def _edge(group: Block, alignment: str) -> float:
    if alignment == "top":
        return group[0].baseline
    if alignment == "bottom":
        return group[-1].baseline
    return _middle(group)


def _misfit(rows: Rows, cuts: list[int], alignment: str, pitch: float) -> float:
    """How badly the rows fit an alignment: cells off their row's line, in pitches, and cells
    that start like the middle of a sentence or mix a bold header line with body text."""
    cost = 0.0
    for row, groups in enumerate(rows.groups([*cuts, len(rows.baselines)])):
        reference = rows.reference(row, alignment)
        for group in groups:
            cost += abs(_edge(group, alignment) - reference) / pitch
            if row and group[0].text[:1].islower():
                cost += 1.0
            if len({piece.bold for piece in group}) > 1:
                cost += 1.0
        blocks = rows.anchors[row]
        if len(blocks) >= 2:
            edges = [_edge(block, alignment) for block in blocks]
            cost += (max(edges) - min(edges)) / pitch
    return cost


def share_dense_lines(rows: Rows, pitch: float) -> list[int]:
    """Where each row ends (its last line), for the alignment that fits the cells best."""
    if len(rows.ranges) <= 1:
        return [len(rows.baselines) - 1]
    if not rows.dense:
        cuts = _top_cuts(rows)
    else:
        cuts = min((cutter(rows) for cutter in CUTTERS.values()),
                   key=lambda c: min(_misfit(rows, c, a, pitch) for a in CUTTERS))
    return [*cuts, len(rows.baselines) - 1]


# ----------------------------------------------------------------- cells


THOUSANDS = re.compile(r"\d{3}(?!\d)")


def _join_lines(before: str, after: str) -> str:
    """A cell's next line: `join_broken`, except that a comma splits a figure only where three
    digits follow ("1," + "234"), not a date from a figure ("March 2023," + "92%")."""
    if before.endswith(",") and not THOUSANDS.match(after):
        return f"{before} {after}" if before else after
    return join_broken(before, after, in_cell=True)


def _cell_text(pieces: Sequence[Piece]) -> str:
    text = ""
    for piece in pieces:
        text = _join_lines(text, piece.text)
    return text


def zone_rows(zone: Zone) -> list[list[str]]:
    """The zone's rows of cell text."""
    columns = zone_pieces(zone)
    pitch = cell_pitch(columns, zone.pitch)
    blocks = [column_blocks(pieces, pitch) for pieces in columns]
    separate: list[Block] = []
    dense: list[Block] = []
    for index, column in enumerate(blocks):
        others = [other for o, other in enumerate(blocks) if o != index]
        for block in column:
            (dense if is_dense(block, others) else separate).append(block)
    ranges = row_ranges(separate) if separate else [(i, i) for i in range(len(zone.lines))]
    anchors = [[b for b in separate if _overlaps(_span(b), r)] for r in ranges]
    rows = Rows(ranges, anchors, dense, [line.baseline for line in zone.lines])
    ends = share_dense_lines(rows, pitch)
    return _merge_lone_continuations(_cells(columns, ends))


def _cells(columns: Sequence[Sequence[Piece]], ends: Sequence[int]) -> list[list[list[Piece]]]:
    table: list[list[list[Piece]]] = [[[] for _ in columns] for _ in ends]
    for column, pieces in enumerate(columns):
        for piece in pieces:
            table[bisect.bisect_left(ends, piece.line)][column].append(piece)
    return table


def _merge_lone_continuations(table: list[list[list[Piece]]]) -> list[list[str]]:
    """A row with text in one column only, not the first, carries on the cell above it (a second
    paragraph in a cell, or a line of a wrapped header below its row's other cells)."""
    rows: list[list[list[Piece]]] = []
    for row in table:
        filled = [c for c, pieces in enumerate(row) if pieces]
        if rows and len(filled) == 1 and filled[0] > 0 and rows[-1][filled[0]]:
            rows[-1][filled[0]].extend(row[filled[0]])
            continue
        if filled:
            rows.append(row)
    return [[_cell_text(pieces) for pieces in row] for row in rows]
