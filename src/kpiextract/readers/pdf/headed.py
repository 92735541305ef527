"""The body under a header row: its columns are the header's cells.

A header row drawn as cells (shaded, or ruled) over a body of aligned text gives the body's
columns exactly, where whitespace alone may not: a producer with little cell padding leaves a
gap of barely two word spaces between a wrapped name and the figure beside it ("... at level"
"39%"), narrower than a gutter. So the lines under such a header that keep to its cells (inside
its width, no word across the edge between two of its cells) are its body, whatever their gaps,
and their text is cut into columns at the header's cell edges. Rows of a table may stand far
apart (cells centred in tall rows), so the body goes on over wider steps than a zone of aligned
text does, but only in rows of cells: a line that fills one column alone is a cell only beside
the rest of its row (a heading, a note or a page number under the table is not).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..structure import join_broken
from .bands import Part, cell_spans, ruled_part
from .cellrows import TextRow, zone_rows
from .gutters import CELL_STEP, Interval, Zone, gutter_width, runs, scaled
from .model import FoundTable, Line, Metrics, Word
from .tables import RuledTable

BODY_GAP = 2.5
"""Rows of one body stand at most this many pitches of blank apart: a cell centred in a row
made tall by a neighbour's wrapped text leaves about two empty lines above and below it."""
FENCE_SLACK = 0.25
"""A word may reach this share of its size past the edge of its header cell (padding is slack)."""


def header_row(table: FoundTable) -> bool:
    """A ruled table of header rows alone (bold words, not figures) whose cells make a grid: one
    row, or two whose cells span columns or both rows; under them, maybe the first section's label
    (a shaded band of one cell across the table, drawn touching the header as a spreadsheet does)."""
    if not isinstance(table, RuledTable) or table.header_rows not in (1, 2) or ruled_part(table) is None:
        return False
    return all(row[0].strip() and not any(cell.strip() for cell in row[1:])
               for row in table.rows[table.header_rows:])


def _cell_spans(header: FoundTable) -> list[Interval]:
    return cell_spans(header)


def _cell_of(word: Word, spans: Sequence[Interval]) -> int:
    centre = (word.x0 + word.x1) / 2
    return min(range(len(spans)), key=lambda i: 0 if spans[i][0] <= centre <= spans[i][1]
               else min(abs(centre - spans[i][0]), abs(centre - spans[i][1])))


def _keeps_cells(line: Line, spans: Sequence[Interval]) -> bool:
    """Inside the header's width, and no word across the edge between two of its cells."""
    left, right = spans[0][0], spans[-1][1]
    slack = FENCE_SLACK * line.size
    if line.x0 < left - slack or line.x1 > right + slack:
        return False
    edges = [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:], strict=False)]
    return not any(w.x0 < x - slack and w.x1 > x + slack for w in line.words for x in edges)


def _cells_filled(lines: Sequence[Line], spans: Sequence[Interval]) -> int:
    return len({_cell_of(word, spans) for line in lines for word in line.words})


def _spans_cells(line: Line, spans: Sequence[Interval], gap: float) -> bool:
    """One bold run of words from the first cell on past its edge: a section's name in a cell
    spanning the row. (In regular type it may be a wrapped code and name a word space apart.)"""
    slack = FENCE_SLACK * line.size
    return (line.bold and _cell_of(line.words[0], spans) == 0 and line.x1 > spans[0][1] + slack
            and len(runs(line.words, gap)) == 1)


def _groups(lines: Sequence[Line], pitch: float, spans: Sequence[Interval], gap: float) -> list[list[Line]]:
    """Lines in runs about a pitch apart (or closer: cells of one row centred apart). A line of one
    run across the edge between two cells is no cell of a row but a row of its own, whatever the
    step (a spreadsheet sets its rows, a section's label among them, a pitch apart)."""
    groups: list[list[Line]] = []
    alone = False
    for line in lines:
        spanning = _spans_cells(line, spans, gap)
        if groups and not spanning and not alone and line.baseline - groups[-1][-1].baseline <= CELL_STEP * pitch:
            groups[-1].append(line)
        else:
            groups.append([line])
        alone = spanning
    return groups


HEADING_SIZE = 1.05
"""A line in type this much larger than every line of the body is no cell of it."""


def _larger_type(group: Sequence[Line], body: Sequence[Line]) -> bool:
    """Lines set larger than the body under the header: a heading after the table (TeX sets its run-in
    headings close under a table, a line's step away, in the text's size, larger than the cells')."""
    return bool(body) and min(line.size for line in group) > HEADING_SIZE * max(line.size for line in body)


def _stands_apart(group: Sequence[Line], body: Sequence[Line]) -> bool:
    """A bold line under body text in regular type, or a line in larger type: a heading after the
    table, not a row of it."""
    if _larger_type(group, body):
        return True
    return bool(body) and all(line.bold for line in group) and not any(line.bold for line in body)


def _row_of_cells(group: Sequence[Line], body: Sequence[Line], spans: Sequence[Interval]) -> bool:
    """Lines that keep to the header's cells and fill two or more of them, in the body's type."""
    return (all(_keeps_cells(line, spans) for line in group) and _cells_filled(group, spans) >= 2
            and not _stands_apart(group, body))


def _label(group: Sequence[Line], after: Sequence[Line] | None, body: Sequence[Line],
           spans: Sequence[Interval], gap: float) -> bool:
    """A section's label over a row of cells: lines in the first cell alone, or one line of one
    run from the first cell that runs on across the cells (a row of one cell spanning the
    table), set apart from the row under it by running across an edge or by bold type."""
    if after is None or not _row_of_cells(after, [*body, *group], spans) \
            or _cell_of(group[0].words[0], spans) != 0 or _larger_type(group, body):
        return False
    keeps = all(_keeps_cells(line, spans) for line in group)
    if keeps and _cells_filled(group, spans) == 1:
        return True
    one_run = len(group) == 1 and len(runs(group[0].words, gap)) == 1
    return one_run and (not keeps or _spans_cells(group[0], spans, gap)
                        or (group[0].bold and not any(line.bold for line in after)))


def _cut_row(group: Sequence[Line], after: Sequence[Line] | None, body: Sequence[Line],
             spans: Sequence[Interval]) -> bool:
    """The rest of a cell over a row of cells: a row the page break cut."""
    return after is not None and all(_keeps_cells(line, spans) for line in group) \
        and _row_of_cells(after, [*body, *group], spans)


def body_lines(header: FoundTable, lines: Sequence[Line], metrics: Metrics,
               limit: float = float("inf")) -> tuple[list[Line], list[Line]]:
    """The lines under the header, above `limit` (the next table), that are its body (see the
    module doc), top to bottom; and those of them that are a section's label. Lines that fill one
    cell belong to the body only when a row of cells follows them: in the first cell, or in one run
    across the table, they are a section's label; in a later cell, the rest of a row that the page
    break cut."""
    spans = _cell_spans(header)
    below = sorted((line for line in lines if header.bbox[3] - 1.0 <= line.top and line.bottom <= limit),
                   key=lambda line: line.baseline)
    if not below:
        return [], []
    groups = _groups(below, scaled(metrics.pitch, below[0].size, metrics), spans, gutter_width(below[0], metrics))
    body: list[Line] = []
    labels: list[Line] = []
    bottom = header.bbox[3]

    def near(group: Sequence[Line], above: float) -> bool:
        return group[0].top - above <= BODY_GAP * scaled(metrics.pitch, group[0].size, metrics)

    for index, group in enumerate(groups):
        if not near(group, bottom):
            break
        after = groups[index + 1] if index + 1 < len(groups) else None
        if after is not None and not near(after, max(line.bottom for line in group)):
            after = None
        if _label(group, after, body, spans, gutter_width(group[0], metrics)):
            labels += group
        elif not _row_of_cells(group, body, spans) and not _cut_row(group, after, body, spans):
            break
        body += group
        bottom = max(line.bottom for line in group)
    return body, labels


def _columns(lines: Sequence[Line], spans: Sequence[Interval], gap: float) -> list[Interval]:
    """The text's columns: its words' extents merged where closer than a gutter, never across
    the edge between two header cells."""
    by_cell: dict[int, list[Interval]] = {}
    for word in (w for line in lines for w in line.words):
        by_cell.setdefault(_cell_of(word, spans), []).append((word.x0, word.x1))
    columns: list[Interval] = []
    for cell in sorted(by_cell):
        merged: list[list[float]] = []
        for x0, x1 in sorted(by_cell[cell]):
            if merged and x0 - merged[-1][1] < gap:
                merged[-1][1] = max(merged[-1][1], x1)
            else:
                merged.append([x0, x1])
        columns += [(a, b) for a, b in merged]
    return columns


def _own_pitch(lines: Sequence[Line], spans: Sequence[Interval], fallback: float) -> float:
    """The body's own line pitch: the modal step between consecutive lines of one cell. A
    producer may set table text looser than the paper's prose (the page's pitch is the prose's)."""
    baselines: dict[int, list[float]] = {}
    for line in lines:
        for cell in {_cell_of(word, spans) for word in line.words}:
            baselines.setdefault(cell, []).append(line.baseline)
    size = lines[0].size
    steps = Counter(round((b - a) * 2) / 2 for column in baselines.values()
                    for a, b in zip(column, column[1:], strict=False) if 0.9 * size <= b - a <= 2.0 * size)
    return steps.most_common(1)[0][0] if steps else fallback


def _next_table(header: FoundTable, tables: Sequence[FoundTable]) -> float:
    """The top of the nearest table below the header that shares some of its width."""
    return min((t.bbox[1] for t in tables if t.bbox[1] >= header.bbox[3] - 1.0
                and t.bbox[0] < header.bbox[2] and t.bbox[2] > header.bbox[0]), default=float("inf"))


def _segments(body: Sequence[Line], labels: Sequence[Line]) -> list[list[Line]]:
    """The body's runs of lines between its section labels."""
    label_ids = {id(line) for line in labels}
    segments: list[list[Line]] = [[]]
    for line in body:
        if id(line) in label_ids:
            segments.append([])
        else:
            segments[-1].append(line)
    return [segment for segment in segments if segment]


def _label_rows(labels: Sequence[Line], width: int, pitch: float) -> list[TextRow]:
    """Each label as a row of one cell, in the first column (its lines a pitch apart joined)."""
    rows: list[TextRow] = []
    bottoms: list[float] = []
    for line in labels:
        if rows and line.baseline - bottoms[-1] <= CELL_STEP * pitch:
            rows[-1].cells[0] = join_broken(rows[-1].cells[0], line.text)
            bottoms[-1] = line.baseline
        else:
            rows.append(TextRow(line.top, [line.text, *[""] * (width - 1)], line.bold))
            bottoms.append(line.baseline)
    return rows


def body_part(header: FoundTable, body: Sequence[Line], labels: Sequence[Line], metrics: Metrics) -> Part:
    """The body's rows in the header's columns, its section labels as rows of their own."""
    spans = _cell_spans(header)
    cells = [line for segment in _segments(body, labels) for line in segment]
    sample = cells[0] if cells else body[0]
    gap = gutter_width(sample, metrics)
    columns = _columns(cells or body, spans, gap)
    pitch = _own_pitch(cells, spans, scaled(metrics.pitch, sample.size, metrics)) if cells else metrics.pitch
    rows = [row for segment in _segments(body, labels)
            for row in zone_rows(Zone(segment, gap=gap, pitch=pitch, columns=columns))]
    rows = sorted([*rows, *_label_rows(labels, len(columns), pitch)], key=lambda row: row.top)
    bbox = (min(line.x0 for line in body), min(line.top for line in body),
            max(line.x1 for line in body), max(line.bottom for line in body))
    return Part(rows, columns, bbox)


def headed_parts(lines: Sequence[Line], metrics: Metrics,
                 tables: Sequence[FoundTable]) -> tuple[list[Part], list[Line]]:
    """The body under each header row, in the header's columns; and the lines left."""
    parts: list[Part] = []
    left = list(lines)
    for header in sorted((t for t in tables if header_row(t)), key=lambda t: t.bbox[1]):
        body, labels = body_lines(header, left, metrics, _next_table(header, tables))
        if not body:
            continue
        taken = {id(line) for line in body}
        left = [line for line in left if id(line) not in taken]
        parts.append(body_part(header, body, labels, metrics))
    return parts, left
