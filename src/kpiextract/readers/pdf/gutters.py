"""Table zones: runs of lines that whitespace gutters cut into columns.

A gutter is an x-interval that no word of a run of lines crosses and that is much wider than a
word space. In prose, word spaces fall at different places on each line, so a paragraph has no
gutter however it is justified; in a table, the space between two columns stays empty from row
to row, even where it is narrower than an em (dense columns of figures). Everything is measured
in the page's own units (`Metrics`), scaled to the size of the text being measured.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..structure import is_list_label
from .model import BBox, Line, Metrics, Word, _join_words

GUTTER_SPACES = 2.0
"""A gutter is at least this many word spaces wide. Word spaces of every producer we measured,
justified lines included, stay under 1.5 spaces; column gutters start near 2.5."""
CELL_STEP = 1.2
"""Consecutive lines of one cell stand at most this many baseline pitches apart: a line's own
height varies by a few percent from font to font; cell padding or a paragraph gap adds more."""
SIDE_BY_SIDE = 0.8
"""Lines closer than this many pitches cannot stand one above the other: they stand side by side."""
ZONE_STEP = 2.5
"""Consecutive lines of one table stand at most this many pitches apart (cell padding included)."""
WRAPPED_REACH = 0.5
"""Word spaces: how near a wrapped cell's line may run to the next column's text without
bridging the gutter. A prose line that crosses a gutter runs into it at one word space."""
WIDEST_SPACE = 0.3
"""A word space is at most this many ems in any text face: a page of figures alone, whose gaps
are mostly gutters, must not pass a gutter off as its word space."""

Interval = tuple[float, float]


def scaled(unit: float, size: float, metrics: Metrics) -> float:
    """A page unit (word space, pitch) for text drawn at `size`: tables are often set smaller."""
    return unit * size / metrics.size if metrics.size else unit


def runs(words: Sequence[Word], gap: float) -> list[list[Word]]:
    """The words split where the space between two of them is at least `gap`."""
    groups: list[list[Word]] = []
    for word in words:
        if groups and word.x0 - groups[-1][-1].x1 < gap:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def merge_intervals(intervals: Sequence[Interval], gap: float) -> list[Interval]:
    """Intervals joined where they overlap or stand closer than `gap`: what is left between
    the results is whitespace at least `gap` wide."""
    merged: list[list[float]] = []
    for x0, x1 in sorted(intervals):
        if merged and x0 - merged[-1][1] < gap:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def line_text_size(line: Line) -> float:
    """The size of the line's largest text, symbols aside: a symbol drawn from a fallback font at
    another size (a trend arrow, "↓") would set a row apart from the wrapped lines of its cells."""
    sizes = [word.size for word in line.words if any(char.isalnum() for char in word.text)]
    return round(max(sizes), 1) if sizes else round(line.size, 1)


def _spans(line: Line) -> list[Interval]:
    return [(w.x0, w.x1) for w in line.words]


@dataclass
class Zone:
    """Consecutive lines whose words leave one or more gutters open: a table candidate."""

    lines: list[Line]
    gap: float
    """The narrowest gutter, for this zone's text size."""
    pitch: float
    """The page's baseline pitch at this zone's text size."""
    columns: list[Interval] = field(default_factory=list)
    """x-interval of each column's text, left to right: the whitespace between them is a gutter."""
    listing: bool = False
    """Grown from a list item's line (a label standing off its text): a list, never a table, and
    it ends where a table's rows start."""

    sizes: Counter[float] = field(default_factory=Counter, init=False, repr=False)
    """Lines by their type size (`line_text_size`): the zone's text size is most lines'."""

    def __post_init__(self) -> None:
        for line in self.lines:
            self.sizes[line_text_size(line)] += 1
        if not self.columns:
            self.columns = merge_intervals([s for line in self.lines for s in _spans(line)], self.gap)

    @property
    def bbox(self) -> BBox:
        return (min(line.x0 for line in self.lines), min(line.top for line in self.lines),
                max(line.x1 for line in self.lines), max(line.bottom for line in self.lines))

    def closes_gutter(self, line: Line) -> bool:
        """Would the line bridge a gutter: does one of its runs of words join two columns?

        A line of one run (the next line of a wrapped cell) bridges only a gutter it reaches
        across: a column wrapped to its full width leaves no more gutter than the cells' padding,
        which may be narrower than `gap` (a word space, in LibreOffice's default cell margins)."""
        runs_of_line = merge_intervals(_spans(line), self.gap)
        reach = self.gap if len(runs_of_line) > 1 else self.gap / GUTTER_SPACES * WRAPPED_REACH
        return any(self._bridges(a, b, reach) for a, b in runs_of_line)

    def _bridges(self, a: float, b: float, reach: float) -> bool:
        """Does the run from `a` to `b` join two columns: overlap both, or run out of the one it
        overlaps to within `reach` of the next (a run inside its column joins nothing, however
        near a wrapped neighbour has come)?"""
        columns = self.columns
        overlapped = _touching(columns, a, b)
        if len(overlapped) >= 2:
            return True
        if not overlapped:
            return len(_touching(columns, a, b, reach)) >= 2
        k = overlapped[0]
        left = k > 0 and a < columns[k][0] and a - reach < columns[k - 1][1]
        right = k + 1 < len(columns) and b > columns[k][1] and b + reach > columns[k + 1][0]
        return left or right

    def add(self, line: Line, *, above: bool = False) -> None:
        if above:
            self.lines.insert(0, line)
        else:
            self.lines.append(line)
        self.sizes[line_text_size(line)] += 1
        for run in merge_intervals(_spans(line), self.gap):
            self.columns = _widened(self.columns, run, self.gap)


def _widened(columns: list[Interval], run: Interval, gap: float) -> list[Interval]:
    """The columns with a run of words added: a run inside one column widens that column only,
    up to its neighbour's padding (a wrapped cell's line); any other run joins the columns it
    stands within `gap` of, or stands as a column of its own."""
    a, b = run
    near = _touching(columns, a, b)
    if len(near) != 1:
        near = _touching(columns, a, b, gap)
    if not near:
        return sorted([*columns, run])
    first, last = min(near), max(near)
    joined = (min(a, columns[first][0]), max(b, columns[last][1]))
    return [*columns[:first], joined, *columns[last + 1:]]


def _touching(columns: Sequence[Interval], a: float, b: float, reach: float = 0.0) -> list[int]:
    """The columns the run from `a` to `b` overlaps, or comes within `reach` of."""
    return [k for k, (c0, c1) in enumerate(columns) if c0 - reach < b and a < c1 + reach]


def gutter_width(line: Line, metrics: Metrics) -> float:
    """The narrowest gutter at the line's text size."""
    return GUTTER_SPACES * min(scaled(metrics.space, line.size, metrics), WIDEST_SPACE * line.size)


def is_split(line: Line, metrics: Metrics) -> bool:
    """A line with a gutter-wide gap in it: the row of a table, or a label standing off its text."""
    return len(runs(line.words, gutter_width(line, metrics))) >= 2


def _zone_for(line: Line, metrics: Metrics) -> Zone:
    gap = gutter_width(line, metrics)
    return Zone([line], gap=gap, pitch=scaled(metrics.pitch, line.size, metrics),
                listing=_is_list_item(runs(line.words, gap)))


def _is_list_item(groups: Sequence[Sequence[Word]]) -> bool:
    """A list label (bullet or number) standing off one run of text."""
    return len(groups) == 2 and is_list_label(_join_words(groups[0]))


def _in_first_column(zone: Zone, line: Line) -> bool:
    return line.x0 < zone.columns[0][1]


def _in_later_column(zone: Zone, line: Line) -> bool:
    """The line stands inside one of the zone's columns after the first, where body text never
    starts."""
    columns = zone.columns
    return any(columns[k][0] - zone.gap / 2 <= line.x0 and (k + 1 == len(columns) or line.x1 < columns[k + 1][0])
               for k in range(1, len(columns)))


def text_size(zone: Zone) -> float:
    """The type size most of the zone's lines are set in."""
    return zone.sizes.most_common(1)[0][0]


def _same_text_size(zone: Zone, line: Line) -> bool:
    size = text_size(zone)
    return abs(line_text_size(line) - size) <= 0.05 * size


def _stands_apart(zone: Zone, line: Line) -> bool:
    """A whole-bold line under regular text: a heading, not a cell (unless the column above it is
    bold too: a bold label wrapped onto a second line)."""
    if not line.bold or is_split_like(zone, line):
        return False
    return not any(word.bold and word.x0 < line.x1 and word.x1 > line.x0 for z in zone.lines for word in z.words)


def is_split_like(zone: Zone, line: Line) -> bool:
    return len(runs(line.words, zone.gap)) >= 2


def _accepts(zone: Zone, line: Line, step: float) -> bool:
    """Does the line carry on the zone below (or above) it?"""
    if step > ZONE_STEP * zone.pitch or zone.closes_gutter(line):
        return False
    if is_split_like(zone, line):
        # a list item's line does not carry on a table, nor a table's row a list
        item = _in_first_column(zone, line) and _is_list_item(runs(line.words, zone.gap))
        return item == zone.listing
    # a line of one run is a cell's next line only if it stands close and looks like the cells
    return _same_text_size(zone, line) and not _stands_apart(zone, line)


def _side_by_side(line: Line, following: Sequence[Line], metrics: Metrics) -> bool:
    """Two lines closer than a line's pitch, a gutter between them: cells of two columns that
    are centred apart, so that no baseline holds both."""
    if not following:
        return False
    below = following[0]
    zone = _zone_for(line, metrics)
    close = below.baseline - line.baseline < SIDE_BY_SIDE * zone.pitch
    return close and _same_text_size(zone, below) and len(merge_intervals(
        [*_spans(line), *_spans(below)], zone.gap)) >= 2 and not zone.closes_gutter(below)


def find_zones(lines: Sequence[Line], metrics: Metrics) -> list[Zone]:
    """Zones grown from lines with a gutter in them (or two lines side by side), top to bottom,
    then up over the lines of a first row that stand above its first such line."""
    zones: list[Zone] = []
    spans: list[tuple[int, int]] = []  # first and last index of each zone's lines, as grown down
    current: Zone | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        taken = 0  # lines from `index` that carry on the current zone
        if current is not None:
            step = line.baseline - current.lines[-1].baseline
            taken = 1 if _accepts(current, line, step) else _subheading_run(current, lines, index)
        if current is not None and taken:
            for carried in lines[index:index + taken]:
                current.add(carried)
            spans[-1] = (spans[-1][0], index + taken - 1)
            index += taken
            continue
        current = None
        if is_split(line, metrics) or _side_by_side(line, lines[index + 1:index + 2], metrics):
            current = _zone_for(line, metrics)
            zones.append(current)
            spans.append((index, index))
        index += 1
    previous_end = -1
    for zone, (start, end) in zip(zones, spans, strict=True):
        above = lines[previous_end + 1:start]
        for line in _cells_above(zone, above, page_top=previous_end == -1):
            zone.add(line, above=True)
        previous_end = end
    return zones


def _subheading_run(zone: Zone, lines: Sequence[Line], start: int) -> int:
    """How many lines from `start` make a subheading row between two of the zone's rows: bold
    lines of one run inside its first column ("Priority 1: Preventing crime", wrapped in a
    narrow column), then a row the zone takes. A bold line under a table is otherwise a heading
    (`_stands_apart`). 0 when they are not one."""
    if len(zone.columns) < 2:
        return 0
    first_column_end = zone.columns[1][0]
    previous = zone.lines[-1]
    end = start
    while end < len(lines):
        line = lines[end]
        inside = zone.columns[0][0] - zone.gap <= line.x0 and line.x1 < first_column_end
        if not (line.bold and inside and not is_split_like(zone, line) and _same_text_size(zone, line)
                and line.baseline - previous.baseline <= ZONE_STEP * zone.pitch):
            break
        previous, end = line, end + 1
    if end == start or end == len(lines):
        return 0
    following = lines[end]
    taken = is_split_like(zone, following) and _accepts(zone, following, following.baseline - previous.baseline)
    return end - start if taken else 0


def _cells_above(zone: Zone, above: Sequence[Line], *, page_top: bool) -> list[Line]:
    """The lines of one run just above a zone's first split line that belong to its first row,
    nearest first: those a line's pitch above, those in a later column (body text starts at the
    left), and the lines that open the page (the rest of a row the page break cut)."""
    taken: list[Line] = []
    for index in range(len(above) - 1, -1, -1):
        line = above[index]
        step = (taken[-1] if taken else zone.lines[0]).baseline - line.baseline
        if is_split_like(zone, line) or not _accepts(zone, line, step):
            break
        if step <= CELL_STEP * zone.pitch or _in_later_column(zone, line):
            taken.append(line)
        elif page_top and _one_cell(zone, above[:index + 1]):
            taken.extend(reversed(above[:index + 1]))
            break
        else:
            break
    return taken


def _one_cell(zone: Zone, lines: Sequence[Line]) -> bool:
    """Lines a pitch apart that could all be one cell of the zone."""
    steps = [b.baseline - a.baseline for a, b in zip(lines, lines[1:], strict=False)]
    return all(step <= CELL_STEP * zone.pitch for step in steps) and not any(
        is_split_like(zone, line) or not _accepts(zone, line, 0.0) for line in lines)
