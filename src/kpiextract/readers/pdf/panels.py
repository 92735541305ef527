"""Panels side by side: KPI cards or tiles set two (or more) across a page, read one at a time.

A dashboard sets its cards in a row: each a title, a headline figure in large type, its labels
and a chart. Cards of one row are printed alike, so their lines meet on shared baselines, and a
reader that goes line by line across the page runs two cards' titles, figures and chart ticks
together ("CP01 Percentage of adults ... CP02 Percentage of Education ..."). Where the cards'
titles wrap to different lengths, one card's figure even shares a baseline with the other's
label. A table is no help: its rows are the page's baselines, not the cards' parts.

What tells a row of cards from a table: headline figures, set far larger than the page's body
text (a table's cells are in its body size), stand side by side with a gutter between them
much wider than a word space. From such a pair the band of the page the cards fill is grown
up and down, line by line, for as long as every gutter stays open (no word across it, and at
least `GUTTER_EMS` wide) and the lines carry on the cards (no wide empty stretch; a line on one
side only, such as the next section's heading, ends the band when the other side has stood
empty for a while). Within the band each column is read on its own, top to bottom, before the
next: `reading_key` gives the order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .gutters import ZONE_STEP, Interval, runs
from .model import BBox, Line, Metrics, Word

HEADLINE = 1.5
"""A card's headline figure is set at least this many times the page's body size."""
GUTTER_EMS = 2.0
"""The gutter between two cards is at least this many ems of body text wide: far more than a
word space, and more than the narrowest gutter of a table's columns."""

CARD_LINES = 3
"""A card is at least a title, its figure and a label or period line."""

PanelKey = tuple[float, int]
"""Where a line or table read in a band stands: the band's top and the column's place."""


@dataclass
class Band:
    """Consecutive lines of the page that gutters cut into columns of cards."""

    lines: list[Line]
    gutters: list[Interval]

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    def column_of(self, word: Word) -> int:
        centre = (word.x0 + word.x1) / 2
        return sum(1 for gutter in self.gutters if centre >= (gutter[0] + gutter[1]) / 2)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)

    def column_holding(self, box: BBox) -> int | None:
        """The column a box (a ruled table) stands in, if it stands in the band and in one column."""
        x0, top, x1, bottom = box
        if not self.top <= (top + bottom) / 2 <= self.bottom:
            return None
        if any(x0 < (a + b) / 2 < x1 for a, b in self.gutters):
            return None
        return sum(1 for a, b in self.gutters if x0 >= (a + b) / 2)

    def columns(self) -> list[list[Word]]:
        """Each column's words, left to right."""
        found: list[list[Word]] = [[] for _ in range(len(self.gutters) + 1)]
        for line in self.lines:
            for word in line.words:
                found[self.column_of(word)].append(word)
        return found


TICK = re.compile(r"[-−–]?[£$€]?(\d[\d,]*(?:\.\d+)?)\s?(?:%|k|m)?")
"""A chart's tick label: a bare figure, perhaps with its unit."""
EVEN = 0.1
"""Ticks stand evenly spaced: their baseline steps differ by at most this share of the step."""


def chart_ticks(words: Sequence[Word], metrics: Metrics) -> list[Word]:
    """The tick labels of the charts among a card's words: three or more bare figures, smaller
    than body text, set to one right edge (a scale's labels end at its axis) at evenly spaced
    heights, whose values step evenly too ("8000 6000 4000 2000 0"). Where a producer sets the
    chart beside the card's figures, a tick shares a baseline with the headline figure
    ("6,842  6000"); taken apart, the card's lines are its own."""
    candidates = sorted((w for w in words if w.size < metrics.size and TICK.fullmatch(w.text)), key=lambda w: w.x1)
    found: list[Word] = []
    group: list[Word] = []
    for word in [*candidates, None]:
        if word is not None and group and word.x1 - group[0].x1 <= 0.3 * word.size:
            group.append(word)
            continue
        found += _scales(sorted(group, key=lambda w: w.baseline))
        group = [word] if word is not None else []
    return found


def _scales(labels: Sequence[Word]) -> list[Word]:
    """The runs of three or more labels, top to bottom, that step evenly in height and value
    (the charts of cards stacked in a column share their axis's edge)."""
    found: list[Word] = []
    run: list[Word] = []
    for label in labels:
        if len(run) >= 2 and not _steps_on(run, label):
            found += run if len(run) >= 3 else []
            run = [label] if len(run) >= 3 else [run[-1], label]
        else:
            run.append(label)
    return found + (run if len(run) >= 3 else [])


def _value(label: Word) -> float:
    match = TICK.fullmatch(label.text)
    return float(match.group(1).replace(",", "")) if match else 0.0


def _steps_on(run: Sequence[Word], label: Word) -> bool:
    """Does the label carry on the run's even steps, down the page and along the scale?"""
    step, height = _value(run[1]) - _value(run[0]), run[1].baseline - run[0].baseline
    return (step != 0 and height > 0 and abs(_value(label) - _value(run[-1]) - step) <= 1e-6 * abs(step)
            and abs(label.baseline - run[-1].baseline - height) <= EVEN * height)


def reading_key(top: float, panel: PanelKey | None) -> tuple[float, int, float]:
    """Top to bottom; within a band, its columns one after another, each top to bottom."""
    return (panel[0], panel[1], top) if panel is not None else (top, 0, top)


def _headline(word: Word, index: int, lines: Sequence[Line], metrics: Metrics) -> bool:
    """A figure set large: larger than the page's body text, and than the text just above and
    just below it (a card's title and labels; not a table's row of figures in its header's size)."""
    if word.size < HEADLINE * metrics.size or not any(char.isdigit() for char in word.text):
        return False
    for step in (-1, 1):
        near = index + step
        while 0 <= near < len(lines):
            beside = [w.size for w in lines[near].words if w.x0 < word.x1 and w.x1 > word.x0]
            # the figure's own next line ("38" / "days") is passed over, in its size
            if beside and not all(abs(size - word.size) <= 0.1 * word.size for size in beside):
                if max(beside) * HEADLINE > word.size:
                    return False
                break
            near += step
    return True


def _seed_gutters(words: Sequence[Word], metrics: Metrics) -> list[Interval]:
    """The gutters between headline figures standing side by side: the words grouped where
    they overlap or stand closer than a gutter, the space between the groups."""
    groups: list[list[float]] = []
    for word in sorted(words, key=lambda w: w.x0):
        if groups and word.x0 - groups[-1][1] < GUTTER_EMS * metrics.size:
            groups[-1][1] = max(groups[-1][1], word.x1)
        else:
            groups.append([word.x0, word.x1])
    return [(a[1], b[0]) for a, b in zip(groups, groups[1:], strict=False)]


def _open(line: Line, gutters: Sequence[Interval], metrics: Metrics) -> list[Interval] | None:
    """The gutters narrowed to the whitespace the line leaves in them; None if a run of its words
    crosses one or leaves it narrower than a gutter. A run reaching in from one side narrows the
    gutter from that side; a run standing inside it, from the side it stands nearer to."""
    narrowed: list[Interval] = []
    groups = runs(line.words, GUTTER_EMS * metrics.size)
    for left, right in gutters:
        for group in groups:
            x0, x1 = group[0].x0, group[-1].x1
            if x1 <= left or x0 >= right:
                continue
            if x0 < left and x1 > right:
                return None
            if x0 < left or (x1 <= right and x0 - left < right - x1):
                left = x1
            else:
                right = x0
        if right - left < GUTTER_EMS * metrics.size:
            return None
        narrowed.append((left, right))
    return narrowed


def _side(line: Line, gutters: Sequence[Interval]) -> set[int]:
    band = Band([line], list(gutters))
    return {band.column_of(word) for word in line.words}


class _Grower:
    """A band grown from its seed lines one line at a time, upward or downward."""

    def __init__(self, lines: Sequence[Line], gutters: list[Interval], metrics: Metrics) -> None:
        self.lines = lines
        self.gutters = gutters
        self.metrics = metrics
        self.reach = ZONE_STEP * metrics.pitch

    def takes(self, line: Line, edge: Line, last_seen: dict[int, float]) -> bool:
        """Does the line carry on the band beyond its edge line? `last_seen` is, for each
        column, the nearest baseline the band holds in it (updated when the line is taken)."""
        if abs(line.baseline - edge.baseline) - max(line.size, edge.size) > self.reach:
            return False  # a wide empty stretch: the cards end here
        narrowed = _open(line, self.gutters, self.metrics)
        if narrowed is None:
            return False
        sides = _side(line, self.gutters)
        others = [column for column in range(len(self.gutters) + 1) if column not in sides]
        # a line on some columns only, the others empty for a while: a card's own note or the
        # rest of its chart if its column goes on close above it, and not bold or larger (the
        # next section's heading, a running header)
        def near(column: int) -> bool:
            return abs(line.baseline - last_seen.get(column, float("inf"))) <= self.reach

        if not all(near(column) for column in others):
            heading = line.bold or line.size > self.metrics.size
            if heading or not all(near(column) for column in sides):
                return False
        self.gutters[:] = narrowed
        for column in sides:
            last_seen[column] = line.baseline
        return True


def find_bands(lines: Sequence[Line], metrics: Metrics) -> list[Band]:
    """The bands of cards side by side on a page whose lines are `lines` (top to bottom)."""
    headlines = [(index, word) for index, line in enumerate(lines) for word in line.words
                 if _headline(word, index, lines, metrics)]
    bands: list[Band] = []
    taken = -1  # the last line index a band holds
    start = 0
    while start < len(headlines):
        # headline figures within reach of each other vertically: one row of cards
        end = start + 1
        while end < len(headlines) and \
                lines[headlines[end][0]].baseline - lines[headlines[end - 1][0]].baseline <= ZONE_STEP * metrics.pitch:
            end += 1
        row = headlines[start:end]
        start = end
        first, last = row[0][0], row[-1][0]
        if first <= taken:
            continue
        gutters = _seed_gutters([word for _, word in row], metrics)
        if not gutters:
            continue
        grown = _grow(lines, first, last, gutters, metrics, floor=taken + 1)
        if grown is not None:
            bands.append(grown[0])
            taken = grown[1]
    return bands


def _grow(lines: Sequence[Line], first: int, last: int, gutters: list[Interval], metrics: Metrics,
          floor: int) -> tuple[Band, int] | None:
    """The band grown from the lines first..last, which hold a row of headline figures, and the
    index of its last line; None if it is no row of cards."""
    for line in lines[first:last + 1]:
        narrowed = _open(line, gutters, metrics)
        if narrowed is None:
            return None
        gutters = narrowed
    grower = _Grower(lines, gutters, metrics)
    seen: dict[int, float] = {}
    for line in lines[first:last + 1]:
        for column in _side(line, gutters):
            seen[column] = line.baseline
    below = dict(seen)
    end = last
    while end + 1 < len(lines) and grower.takes(lines[end + 1], lines[end], below):
        end += 1
    above: dict[int, float] = {}
    for line in lines[first:end + 1]:
        for column in _side(line, gutters):
            above.setdefault(column, line.baseline)
    begin = first
    while begin - 1 >= floor and grower.takes(lines[begin - 1], lines[begin], above):
        begin -= 1
    band = Band(list(lines[begin:end + 1]), grower.gutters)
    if any(len({round(w.baseline) for w in column}) < CARD_LINES for column in band.columns()):
        return None  # a card is more than its figure: a title and labels in each column
    return band, end
