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

from .model import BBox, Line, Metrics, Word

GUTTER_SPACES = 2.0
"""A gutter is at least this many word spaces wide. Word spaces of every producer we measured,
justified lines included, stay under 1.5 spaces; column gutters start near 2.5."""
CELL_STEP = 1.35
"""Consecutive lines of one cell stand at most this many baseline pitches apart."""
ZONE_STEP = 2.5
"""Consecutive lines of one table stand at most this many pitches apart (cell padding included)."""

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

    def __post_init__(self) -> None:
        if not self.columns:
            self.columns = merge_intervals([s for line in self.lines for s in _spans(line)], self.gap)

    @property
    def bbox(self) -> BBox:
        return (min(line.x0 for line in self.lines), min(line.top for line in self.lines),
                max(line.x1 for line in self.lines), max(line.bottom for line in self.lines))

    def closes_gutter(self, line: Line) -> bool:
        """Would the line bridge a gutter: does one of its runs of words join two columns?"""
        merged = merge_intervals([*self.columns, *_spans(line)], self.gap)
        return any(sum(1 for c in self.columns if a <= c[0] and c[1] <= b) >= 2 for a, b in merged)

    def add(self, line: Line, *, above: bool = False) -> None:
        if above:
            self.lines.insert(0, line)
        else:
            self.lines.append(line)
        self.columns = merge_intervals([*self.columns, *_spans(line)], self.gap)


def is_split(line: Line, metrics: Metrics) -> bool:
    """A line with a gutter-wide gap in it: the row of a table, or a label standing off its text."""
    return len(runs(line.words, GUTTER_SPACES * scaled(metrics.space, line.size, metrics))) >= 2


def _zone_for(line: Line, metrics: Metrics) -> Zone:
    return Zone([line], gap=GUTTER_SPACES * scaled(metrics.space, line.size, metrics),
                pitch=scaled(metrics.pitch, line.size, metrics))


def _same_text_size(zone: Zone, line: Line) -> bool:
    size = Counter(round(z.size, 1) for z in zone.lines).most_common(1)[0][0]
    return abs(line.size - size) <= 0.12 * size


def _stands_apart(zone: Zone, line: Line) -> bool:
    """A whole-bold line next to regular text: a heading, not a cell (a header row is split)."""
    return line.bold and not any(z.bold for z in zone.lines) and not is_split_like(zone, line)


def is_split_like(zone: Zone, line: Line) -> bool:
    return len(runs(line.words, zone.gap)) >= 2


def _accepts(zone: Zone, line: Line, step: float) -> bool:
    """Does the line carry on the zone below (or above) it?"""
    if step > ZONE_STEP * zone.pitch or zone.closes_gutter(line):
        return False
    if is_split_like(zone, line):
        return True
    # a line of one run is a cell's next line only if it stands close and looks like the cells
    return _same_text_size(zone, line) and not _stands_apart(zone, line)


def find_zones(lines: Sequence[Line], metrics: Metrics) -> list[Zone]:
    """Zones grown from lines with a gutter in them, top to bottom, then up over the lines of a
    first row that stand above its first split line (a cell centred on a taller one)."""
    zones: list[Zone] = []
    spans: list[tuple[int, int]] = []  # first and last index of each zone's lines, as grown down
    current: Zone | None = None
    for index, line in enumerate(lines):
        if current is not None and _accepts(current, line, line.baseline - current.lines[-1].baseline):
            current.add(line)
            spans[-1] = (spans[-1][0], index)
            continue
        current = None
        if is_split(line, metrics):
            current = _zone_for(line, metrics)
            zones.append(current)
            spans.append((index, index))
    previous_end = -1
    for zone, (start, end) in zip(zones, spans, strict=True):
        index = start - 1
        while index > previous_end and _extends_up(zone, lines[index]):
            zone.add(lines[index], above=True)
            index -= 1
        previous_end = end
    return zones


def _extends_up(zone: Zone, line: Line) -> bool:
    step = zone.lines[0].baseline - line.baseline
    return step <= CELL_STEP * zone.pitch and not is_split_like(zone, line) and _accepts(zone, line, step)
