"""Vertical alignment in a table zone: which lines of touching cells go to which row.

A row's cells stand top-aligned (their first lines share a baseline), centred (their middles
do) or bottom-aligned. The cells that stand apart from their neighbours (`Rows.anchors`) show
which; a column whose cells touch from row to row is cut where that alignment puts each row's
share of its lines. Where no cell shows the alignment, the cuts that fit best win, counting
against a cut the cells it would start mid-sentence or with a bold header line on body text.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from .model import Word, _join_words

ALIGNMENTS = ("top", "centre", "bottom")
AGREE = 0.3
"""Cells agree on an alignment when their edges stand within this many pitches."""


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
"""A column's pieces about one pitch apart: a cell, or cells touching over rows."""


def edge(block: Block, alignment: str) -> float:
    """The baseline a cell shares with its row's other cells under an alignment."""
    if alignment == "top":
        return block[0].baseline
    if alignment == "bottom":
        return block[-1].baseline
    return (block[0].baseline + block[-1].baseline) / 2


@dataclass
class Rows:
    """The zone's rows as its separate cells give them, and the touching cells to share out."""

    ranges: list[tuple[int, int]]
    """First and last line of each row's separate cells."""
    anchors: list[list[Block]]
    """The separate cells of each row."""
    dense: list[Block]
    """Blocks that run over a row break (or off their row's alignment)."""
    lines: int

    def reference(self, row: int, alignment: str) -> float:
        return median(edge(block, alignment) for block in self.anchors[row])

    def row_alignment(self, row: int, pitch: float) -> str | None:
        """The alignment the row's cells of two or more lines keep with the rest (a cell of one
        line sits on every alignment's edge); None if no alignment keeps more than the others.
        Rows of one table may differ: a row that a page break cut starts at the top."""
        blocks = self.anchors[row]
        votes: Counter[str] = Counter()
        for alignment in ALIGNMENTS:
            reference = median(edge(block, alignment) for block in blocks)
            votes[alignment] = sum(1 for block in blocks
                                   if len(block) > 1 and abs(edge(block, alignment) - reference) <= AGREE * pitch)
        return _winner(votes)

    def alignment(self, pitch: float) -> str | None:
        """The alignment most rows keep, if any row tells."""
        return _winner(Counter(a for row in range(len(self.anchors)) if (a := self.row_alignment(row, pitch))))

    def misfits(self, pitch: float) -> list[Block]:
        """Cells taller than their row's others and off the edge two or more of those agree on."""
        found: list[Block] = []
        for row, blocks in enumerate(self.anchors):
            alignment = self.row_alignment(row, pitch)
            if alignment is None:
                continue
            for block in blocks:
                others = [other for other in blocks if other is not block]
                if len(others) < 2 or len(block) <= max(len(other) for other in others):
                    continue
                reference = median(edge(other, alignment) for other in others)
                agreeing = sum(1 for other in others if abs(edge(other, alignment) - reference) <= AGREE * pitch)
                if agreeing >= 2 and abs(edge(block, alignment) - reference) > AGREE * pitch:
                    found.append(block)
        return found

    def groups(self, ends: Sequence[int]) -> list[list[Block]]:
        """The touching cells' pieces in each row when row j ends at line ends[j]."""
        grouped: list[list[Block]] = [[] for _ in ends]
        for block in self.dense:
            for piece in block:
                row = min(bisect.bisect_left(ends, piece.line), len(ends) - 1)
                if not grouped[row] or grouped[row][-1][0].column != piece.column:
                    grouped[row].append([])
                grouped[row][-1].append(piece)
        return grouped


def _winner(votes: Counter[str]) -> str | None:
    ranked = [(count, alignment) for alignment, count in votes.items() if count]
    ranked.sort(reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def _top_cuts(rows: Rows) -> list[int]:
    return [rows.ranges[j + 1][0] - 1 for j in range(len(rows.ranges) - 1)]


def _bottom_cuts(rows: Rows) -> list[int]:
    return [rows.ranges[j][1] for j in range(len(rows.ranges) - 1)]


def _centring_error(rows: Rows, ends: Sequence[int], row: int) -> float:
    centre = rows.reference(row, "centre")
    return sum(abs(edge(group, "centre") - centre) for group in rows.groups(ends)[row])


def _centre_cuts(rows: Rows) -> list[int]:
    """Row by row from the top: the cut that centres the row's touching cells on its others."""
    cuts: list[int] = []
    for j in range(len(rows.ranges) - 1):
        rest = [rows.lines] * (len(rows.ranges) - j - 1)
        errors = {cut: _centring_error(rows, [*cuts, cut, *rest], j)
                  for cut in range(rows.ranges[j][1], rows.ranges[j + 1][0])}
        cuts.append(min(errors, key=lambda cut: errors[cut]))
    return cuts


CUTTERS: dict[str, Callable[[Rows], list[int]]] = {"centre": _centre_cuts, "top": _top_cuts,
                                                   "bottom": _bottom_cuts}


def _misfit(rows: Rows, ends: list[int], alignment: str, pitch: float) -> float:
    """How badly cuts fit an alignment: touching cells off their row's edge, in pitches, and
    cells that would start like the middle of a sentence or mix a bold header line with body."""
    cost = 0.0
    for row, groups in enumerate(rows.groups(ends)):
        reference = rows.reference(row, alignment)
        for group in groups:
            cost += abs(edge(group, alignment) - reference) / pitch
            if row and group[0].text[:1].islower():
                cost += 1.0
            if len({piece.bold for piece in group}) > 1:
                cost += 1.0
        blocks = rows.anchors[row]
        if len(blocks) >= 2:
            edges = [edge(block, alignment) for block in blocks]
            cost += (max(edges) - min(edges)) / pitch
    return cost


def row_ends(rows: Rows, alignment: str | None, pitch: float) -> list[int]:
    """The last line of each row: touching cells cut by the alignment the cells show, or by the
    one that fits best; lines above the first row that its alignment leaves out are a row of
    their own (the rest of a row that a page break cut)."""
    last = rows.lines - 1
    if alignment is not None:
        ends = [*CUTTERS[alignment](rows), last]
    elif not rows.dense:
        ends = [*_top_cuts(rows), last]
    else:
        options = [[*cutter(rows), last] for cutter in CUTTERS.values()]
        ends = min(options, key=lambda e: min(_misfit(rows, e, a, pitch) for a in ALIGNMENTS))
    return _leading_row(rows, ends, rows.row_alignment(0, pitch)) + ends


def _leading_row(rows: Rows, ends: list[int], alignment: str | None) -> list[int]:
    """The end of a row of lines above the first row that do not belong to it, if any."""
    top = rows.ranges[0][0]
    first = min((block[0].line for block in rows.dense), default=top)
    if first >= top or alignment not in ("top", "centre"):
        return []
    if alignment == "top":
        return [top - 1]
    centre = rows.reference(0, "centre")

    def error(start: int) -> float:  # row 0 starting at line `start`, the lines above cut off
        return sum(abs(edge(group, "centre") - centre) for group in rows.groups([start - 1, *ends])[1])

    start = min(range(first, top + 1), key=error)
    return [start - 1] if start > first else []
