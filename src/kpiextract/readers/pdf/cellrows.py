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
from collections.abc import Sequence
from dataclasses import dataclass

from ..structure import is_list_label
from .alignment import Block, Piece, Rows, row_ends
from .gutters import CELL_STEP, Zone
from .model import Word, cell_lines_text

VALUE = re.compile(r"^(?:[-+]?[£$€]?\d[\d,]*(?:\.\d+)?\s*%?|n/?a|tbc|[-–—])$", re.IGNORECASE)
"""A complete figure: two of them on consecutive lines are two cells, never one wrapped cell."""


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


def is_figure(text: str) -> bool:
    return bool(VALUE.match(text.strip()))


def _is_value(piece: Piece) -> bool:
    return is_figure(piece.text)


def _starts_cell(above: Piece, piece: Piece, header_ends: frozenset[int]) -> bool:
    """A list label opens an item, a figure under a figure is the next row's, and the first line
    under a header row starts the body, even when the rows are set without padding."""
    return (is_list_label(piece.text) or (_is_value(above) and _is_value(piece))
            or (above.line in header_ends and piece.line == above.line + 1))


def header_ends(zone: Zone) -> frozenset[int]:
    """Lines wholly bold above a line that is not: the last line of a bold header row. A bold
    word inside a cell does not count; the whole line, across every column, must be bold."""
    bold = [bool(line.words) and all(word.bold for word in line.words) for line in zone.lines]
    return frozenset(i for i in range(len(bold) - 1) if bold[i] and not bold[i + 1])


def column_blocks(pieces: Sequence[Piece], pitch: float, ends: frozenset[int] = frozenset()) -> list[Block]:
    """A column's pieces in runs about one pitch apart: cells, or cells touching over rows."""
    blocks: list[Block] = []
    for piece in pieces:
        if blocks:
            above = blocks[-1][-1]
            touching = piece.baseline - above.baseline <= CELL_STEP * pitch
            if touching and not _starts_cell(above, piece, ends):
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


# ----------------------------------------------------------------- cells


def _cell_text(pieces: Sequence[Piece]) -> str:
    return cell_lines_text([piece.words for piece in pieces])


@dataclass
class TextRow:
    top: float
    """The top of the row's highest word."""
    cells: list[str]
    bold: bool = False
    """Every word bold: a header row."""


def zone_rows(zone: Zone) -> list[TextRow]:
    """The zone's rows of cell text, top to bottom."""
    columns = zone_pieces(zone)
    pitch = cell_pitch(columns, zone.pitch)
    ends = header_ends(zone)
    blocks = [column_blocks(pieces, pitch, ends) for pieces in columns]
    separate: list[Block] = []
    dense: list[Block] = []
    for index, column in enumerate(blocks):
        others = [other for o, other in enumerate(blocks) if o != index]
        for block in column:
            (dense if is_dense(block, others) else separate).append(block)
    if not separate:
        return _merge_lone_continuations(_cells(columns, list(range(len(zone.lines)))))
    rows = _rows(separate, dense, len(zone.lines))
    # a block off its row's alignment runs on from a row above it (one a page break cut)
    misfits = rows.misfits(pitch)
    if misfits:
        rows = _rows([b for b in separate if not any(b is m for m in misfits)], [*dense, *misfits],
                     len(zone.lines))
    row_lines = row_ends(rows, rows.alignment(pitch), pitch)
    return _merge_lone_continuations(_cells(columns, row_lines))


def _rows(separate: list[Block], dense: list[Block], lines: int) -> Rows:
    ranges = row_ranges(separate)
    anchors = [[b for b in separate if _overlaps(_span(b), r)] for r in ranges]
    return Rows(ranges, anchors, dense, lines)


def _cells(columns: Sequence[Sequence[Piece]], ends: Sequence[int]) -> list[list[list[Piece]]]:
    table: list[list[list[Piece]]] = [[[] for _ in columns] for _ in ends]
    for column, pieces in enumerate(columns):
        for piece in pieces:
            table[bisect.bisect_left(ends, piece.line)][column].append(piece)
    return table


def _merge_lone_continuations(table: list[list[list[Piece]]]) -> list[TextRow]:
    """A row with text in one column only, not the first, carries on the cell above it in the
    same type (a second paragraph in a cell, or a line of a wrapped header below its row's other
    cells); body text under a bold header cell is the rest of a row a page break cut."""
    rows: list[list[list[Piece]]] = []
    for row in table:
        filled = [c for c, pieces in enumerate(row) if pieces]
        if rows and len(filled) == 1 and filled[0] > 0 and rows[-1][filled[0]] and \
                _all_bold(rows[-1][filled[0]]) == _all_bold(row[filled[0]]):
            rows[-1][filled[0]].extend(row[filled[0]])
            continue
        if filled:
            rows.append(row)
    return [TextRow(min(word.top for pieces in row for piece in pieces for word in piece.words),
                    [_cell_text(pieces) for pieces in row], _all_bold([p for pieces in row for p in pieces]))
            for row in rows]


def _all_bold(pieces: Sequence[Piece]) -> bool:
    return all(piece.bold for piece in pieces)
