"""The rows of a table zone: which lines of each column make one cell, and which cells one row.

All the pieces of text on one baseline belong to one row, so a row is a run of the zone's lines.
Within a column, lines about one pitch apart are one cell and a wider step starts a new one (the
pitch of a wrapped cell's lines, where the page shows one, else the rows' own step); cells of
different columns whose lines overlap are one row; a header row is bold, or names the columns of
the figures under it (at the zone's top, or inside it where a second table is set under the
first), and no cell runs on over its edges. A column whose cells touch from row to row (no cell
padding) forms one unbroken block over several rows; the other columns show
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
from .alignment import AGREE, Block, Piece, Rows, edge, row_ends
from .gutters import CELL_STEP, Zone
from .model import Word, cell_lines_text, narrowest, wrap_step
from .tables import YEAR

VALUE = re.compile(r"^(?:(?:[<>≤≥]=?\s*)?[-+]?[£$€]?\d[\d,]*(?:\.\d+)?\s*(?:%|per\s?cent|[km]|bn"
                   r"|days?|weeks?|hours?|hrs|mins?|minutes|kg|tonnes|pp)?|\d{1,2}:\d\d|n/?a|tbc|[-–—])$",
                   re.IGNORECASE)
"""A complete figure, with its unit or bound if it has one ("9.4 days", "96.2 per cent", "< 8
days", "2:45"): two of them on consecutive lines are two cells, never one wrapped cell."""


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


def line_steps(columns: Sequence[Sequence[Piece]]) -> dict[float, float]:
    """The narrowest step to a line that runs on the one above it in its column, by type size: the
    line pitch of a wrapped cell, where one shows it (`wrap_step`)."""
    steps: dict[float, float] = {}
    for pieces in columns:
        for above, below in zip(pieces, pieces[1:], strict=False):
            size = _size(above)
            narrowest(steps, size, wrap_step(above.baseline, size, below.baseline, _size(below), below.text))
    return steps


def page_line_steps(zones: Sequence[Zone]) -> dict[float, float]:
    """The line pitch of wrapped cells in the page's tables, by type size: a table whose cells all
    fit one line shows none of its own, but is set like the page's other tables."""
    steps: dict[float, float] = {}
    for zone in zones:
        for size, step in line_steps(zone_pieces(zone)).items():
            narrowest(steps, size, step)
    return steps


def _size(piece: Piece) -> float:
    return round(max(word.size for word in piece.words), 1)


def cell_reach(above: Piece, below: Piece, pitch: float, steps: dict[float, float]) -> float:
    """The widest step from `above` to a line under it of the same cell. A table set with cell
    padding steps from row to row wider than from line to line inside a cell: where a wrapped
    cell in the same type shows the line pitch well under the rows' step (`pitch`), a step of a
    row's height starts a new cell; where none does, or rows stand a line apart (no padding), or
    the two lines differ in type (a card's title over its figure), a cell runs on over steps near
    the pitch, and the table's alignment cuts touching cells into rows (alignment.py). Where every
    wrapped cell's lines stand wider apart than the rows' step, rows are set closer than lines
    (`_under_pitch`) and a cell runs on over its own line pitch."""
    size = _size(above)
    line = steps.get(size) if abs(_size(below) - size) <= 0.05 * size else None
    if line is not None and (CELL_STEP * line < pitch or line > pitch):
        return CELL_STEP * line
    return CELL_STEP * pitch


UNDER_PITCH = 0.9
"""A step under this share of a wrapped cell's line pitch is no step inside a cell."""


def _under_pitch(above: Piece, below: Piece, steps: dict[float, float]) -> bool:
    """The lines of a wrapped cell stand one line pitch apart: a line in the same type a clearly
    narrower step under another is in the next row, set closer than the cell's lines (Typst
    measures a cell's padding from the text's baseline and cap height, so a 2pt padding puts
    rows nearer each other than a paragraph's lines)."""
    size = _size(above)
    line = steps.get(size) if abs(_size(below) - size) <= 0.05 * size else None
    return line is not None and below.baseline - above.baseline < UNDER_PITCH * line


def is_figure(text: str) -> bool:
    return bool(VALUE.match(text.strip()))


def _is_value(piece: Piece) -> bool:
    return is_figure(piece.text)


def _starts_cell(above: Piece, piece: Piece, breaks: Sequence[int], right: float = float("inf")) -> bool:
    """A list label opens an item, a figure under a figure is the next row's, no cell runs on over
    a header row's edge (`header_breaks`), a bold line under a line in regular type is a
    subheading row's (a wrapped cell keeps its weight from line to line), and a line whose first
    word had room at the end of the line above starts a cell of its own, even when the rows are
    set without padding."""
    return (is_list_label(piece.text) or (_is_value(above) and _is_value(piece))
            or _crosses(breaks, above.line, piece.line) or (piece.bold and not any(w.bold for w in above.words))
            or _not_wrapped(above, piece, right))


WRAP_ROOM_EM = 1.0
"""Ems: the room a wrapped line's next word would have needed besides its own width (a word space
and slack): a line ending this much short of where its column's text reaches was not wrapped."""


WRAPPED_HEADER_LINES = 4
"""Lines a header row may take when its cells wrap: more is a paragraph's worth, not a header's."""


def _not_wrapped(above: Piece, piece: Piece, right: float) -> bool:
    """Lines that wrap fill their column greedily: a line under one that ends with room to spare
    for its first word, left-aligned with it, was not carried over from it. It starts a cell of
    its own (rows set without padding, a line's step apart: TeX's tabular). `right` is as far as
    the column's text reaches anywhere, a bound the cell's own width can only exceed."""
    size = _size(above)
    if abs(_size(piece) - size) > 0.05 * size or abs(piece.words[0].x0 - above.words[0].x0) > 0.5 * size:
        return False
    first = piece.words[0]
    return above.words[-1].x1 + (first.x1 - first.x0) + WRAP_ROOM_EM * size <= right


def _lone_leads_apart(first: list[Block], others: Sequence[Sequence[Block]], reach: float,
                      pitch: float) -> list[Block]:
    """The first column's cells with their lone leading lines cut off as rows of their own.

    A subheading row ("Priority 1: ...") has text in the first column only; set without cell
    padding, the row under it stands a line's step below, and its name reads as the second line
    of one wrapped cell. The other cells of the row tell them apart: they start on the line
    after the lone lines, the line the rest of the name starts on, and the last lone line had
    room for that line's first word short of where the next column's text starts less a gutter
    (`reach`, the widest the first column's cells can be), a word that does not go on a sentence
    in lower case. A wrapped name's row starts on its first line (top-aligned), at its middle
    (centred: left whole), or on a line that would not fit its next word above it
    (bottom-aligned); a column whose widest text stops short of the next column cannot show that
    by its own lines (`_not_wrapped`)."""
    starts = sorted(other[0].line for column in others for other in column)
    filled = {piece.line for column in others for other in column for piece in other}
    result: list[Block] = []
    for block in first:
        index = bisect.bisect_right(starts, block[0].line)
        start = starts[index] if index < len(starts) else None
        lead = [piece for piece in block if start is not None and piece.line < start]
        rest = block[len(lead):]
        if lead and rest and rest[0].line == start and not rest[0].text[:1].islower() \
                and not any(piece.line in filled for piece in lead) and _not_wrapped(lead[-1], rest[0], reach) \
                and abs(edge(block, "centre") - rest[0].baseline) > AGREE * pitch:
            result += [lead, rest]
        else:
            result.append(block)
    return result


def _crosses(breaks: Sequence[int], above: int, below: int) -> bool:
    """A break lies on line `above` or between it and line `below`."""
    index = bisect.bisect_left(breaks, above)
    return index < len(breaks) and breaks[index] < below


def header_breaks(zone: Zone, columns: Sequence[Sequence[Piece]]) -> tuple[int, ...]:
    """The lines after which no cell runs on, in order: the last line of each header row, and
    the line above a header row inside the table.

    At the zone's top: a bold header row (its lines wrapped cells) over body lines none of which
    is wholly bold, and under it, or alone, a row that names the columns (`_names_columns`) in the
    body's own type. A bold word inside a cell does not count: the whole line, across every
    column, must be bold. A zone with other bold lines (card titles over their figures,
    subheading rows) has no such single bold header, and is left to the cells' own spacing.

    Lower down, a second table set under the first as its rows: a row that names the columns of
    the figures under it (`_heads_rows`) stands apart from the row above as well."""
    lines = _pieces_by_line(columns, len(zone.lines))
    bold = [bool(line.words) and all(word.bold for word in line.words) for line in zone.lines]
    run = 0
    while run < len(bold) and bold[run]:
        run += 1
    breaks: set[int] = set()
    if run:
        if not run <= 3 or run == len(bold) or any(bold[run:]):
            return ()
        breaks.add(run - 1)
    top = _naming_line(lines, run)
    if top is not None:
        breaks.add(top)
    over: dict[int, Piece] = {}
    for line in range(len(lines) - 1):
        if line > (run if top is None else top) and _heads_rows(over, lines[line], lines[line + 1]):
            breaks.update((line - 1, line))
        over.update(lines[line])
    return tuple(sorted(breaks))


def _naming_line(lines: Sequence[dict[int, Piece]], run: int) -> int | None:
    """The line under the bold header lines (`run` of them) that names the columns of the figures
    under it, if any: the first line, or one under a few lines of words each over a cell of it (a
    header whose wrapped cells stand on its last line, bottom-aligned: "Target" over "2024/25",
    "Rank | Scotland" over "2021/22 | 2022/23")."""
    if any(_has_figure(lines[line]) for line in range(run)):
        return None
    for top in range(run, min(run + WRAPPED_HEADER_LINES, len(lines) - 1)):
        if _names_columns(lines[top], lines[top + 1]):
            return top
        if _has_figure(lines[top]) or not lines[top].keys() <= lines[top + 1].keys():
            return None
    return None


def _pieces_by_line(columns: Sequence[Sequence[Piece]], count: int) -> list[dict[int, Piece]]:
    lines: list[dict[int, Piece]] = [{} for _ in range(count)]
    for pieces in columns:
        for piece in pieces:
            lines[piece.line][piece.column] = piece
    return lines


def _has_figure(line: dict[int, Piece]) -> bool:
    return any(_counts(piece.text) for piece in line.values())


def _names_columns(above: dict[int, Piece], below: dict[int, Piece]) -> bool:
    """The line `above` is a header row set in the body's type: words in two or more columns, no
    figure (a year names a column), and a figure in the same type right under its words in two or
    more columns, on the next line. A cell never holds a word over a figure; the line above a row
    of figures that names their columns is the header, not the first line of the row's cells (a
    card's date over the ticks of its chart, in smaller type, names nothing)."""
    if len(above) < 2 or any(is_figure(piece.text) and not YEAR.match(piece.text) for piece in above.values()):
        return False
    return sum(1 for column, piece in above.items() if column in below and _counts(below[column].text)
               and abs(_size(below[column]) - _size(piece)) <= 0.05 * _size(piece)) >= 2


def _heads_rows(over: dict[int, Piece], line: dict[int, Piece], below: dict[int, Piece]) -> bool:
    """A header row inside the table (`line`): it names the columns of the figures under it,
    stands over every cell of the row under it, and none of its words stands under a figure
    (`over`: each column's nearest piece above). The wrapped last lines of a row's cells may
    stand over the next row's figures too, but not over every cell of it; and a word right under
    a figure is the figure's unit or note ("78.4" over "%"), the rest of its cell."""
    return (_names_columns(line, below) and below.keys() <= line.keys()
            and not any(column in over and _counts(over[column].text) for column in line))


def _counts(text: str) -> bool:
    """A figure with digits in it: a count, amount or rate (not a dash or "n/a")."""
    return is_figure(text) and any(char.isdigit() for char in text)


def column_blocks(pieces: Sequence[Piece], pitch: float, breaks: Sequence[int] = (),
                  steps: dict[float, float] | None = None) -> list[Block]:
    """A column's pieces in runs about one pitch apart, or one line pitch of a wrapped cell where
    the page shows one (`cell_reach`; `steps` by type size): cells, or cells touching over rows."""
    blocks: list[Block] = []
    right = max((piece.words[-1].x1 for piece in pieces), default=float("inf"))
    for piece in pieces:
        if blocks:
            above = blocks[-1][-1]
            known = steps or {}
            touching = piece.baseline - above.baseline <= cell_reach(above, piece, pitch, known)
            if touching and not _under_pitch(above, piece, known) and not _starts_cell(above, piece, breaks, right):
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


def zone_rows(zone: Zone, page_steps: dict[float, float] | None = None) -> list[TextRow]:
    """The zone's rows of cell text, top to bottom; `page_steps` are the line pitches of wrapped
    cells in the page's tables, by type size (`line_steps`), this zone's own among them or not."""
    columns = zone_pieces(zone)
    pitch = cell_pitch(columns, zone.pitch)
    breaks = header_breaks(zone, columns)
    steps = dict(page_steps or {})
    for size, step in line_steps(columns).items():
        narrowest(steps, size, step)
    blocks = [column_blocks(pieces, pitch, breaks, steps) for pieces in columns]
    if len(blocks) > 1:
        blocks[0] = _lone_leads_apart(blocks[0], blocks[1:], zone.columns[1][0] - zone.gap, pitch)
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
    return _merge_lone_continuations(_subheadings_apart(_cells(columns, row_lines)))


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


def _subheadings_apart(table: list[list[list[Piece]]]) -> list[list[list[Piece]]]:
    """Bold lines of the first column at the end or start of a row's name in regular type, on lines no
    other column has text on, are a subheading row of their own: set without cell padding, a
    subheading ("Priority 2: ...") stands a line under the row above, or over the row below, as
    the wrapped lines of a name would. Not where the rows' names open bold as a rule (a bold
    title over a regular description in every row)."""
    opening_bold = sum(1 for row in table if row and row[0] and row[0][0].bold)
    if opening_bold * 2 > len(table):
        return table
    result: list[list[list[Piece]]] = []
    for row in table:
        first = row[0] if row else []
        others = {piece.line for pieces in row[1:] for piece in pieces}
        lone = [not piece.bold or piece.line in others for piece in first]  # False: a lone bold line
        lead = next((k for k, keep in enumerate(lone) if keep), len(lone))
        tail = len(lone) - next((k for k, keep in enumerate(reversed(lone)) if keep), len(lone))
        if not first or lead == len(first) or (lead == 0 and tail == len(first)) \
                or all(piece.bold for piece in first[lead:tail]):  # a bold row's wrapped lines (a header's)
            result.append(row)
            continue
        if lead:
            result.append([first[:lead]] + [[] for _ in row[1:]])
        result.append([first[lead:tail], *row[1:]])
        if tail < len(first):
            result.append([first[tail:]] + [[] for _ in row[1:]])
    return result


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
