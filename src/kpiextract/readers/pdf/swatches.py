"""RAG statuses printed only as colour: an empty status cell filled red, amber or green, or a
coloured dot drawn in it. Such a cell has no text, so it would read empty; here a swatch that
stands in a table's column becomes the status word it shows ("Red", "Amber", "Green"), a word
of the row it sits on, and the table layouts read it as they read a printed status.

A coloured shape is a status only where it stands as a table's cell would: one of a column of
two or more swatches of one width centred on one x, with no other coloured shape across the
column between them, under a header (text just above the column), each on a row whose text
starts to its left (the row's name) and, if it is no taller than a line, with no text hugging
its right side. A chart's bars share a left edge but not a centre (those of one length line
up, with other bars between them) and carry their figures at their ends; a key's swatches stand
at the start of their lines, their meaning just after them; a banner or a shaded header holds
its text. None of them becomes a status. A stacked bar (segments of one width, one over another) with text beside
each segment would pass: no such chart has been seen in a scorecard's table area.

A column of one swatch, or one whose other rows print their status as words ("Green" above a
red cell), is read where its header names a status column (the `status` role of
patterns/headers.toml: "RAG", "Status", "Rating"): the header is the first text up the swatch's
cell, between its row's neighbours, that is not a status word, and stays inside that cell. The
same header splits a line of swatches that runs through two tables: a cell filled red under a
"Priority" header below a RAG column is not one of its statuses.

The status word carries a marker that it was read from a colour, and which (readers/drawn.py).
"""

from __future__ import annotations

import bisect
import colorsys
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...vocab import Vocabulary
from ...vocab import load as load_vocabulary
from ..drawn import drawn_status
from .model import Word, modal_size

# Hue bounds, in degrees. Red, amber and green are the three hues a RAG palette is drawn from,
# and producers' and templates' versions of them spread: Word's standard red is 0, a web "red"
# such as #d9342b about 3, crimson 348; Excel's amber #FFC000 is 45, orange #FFA500 39, and
# some councils use yellow (60) for amber; greens run from Word's #00B050 (147) to lime-ish
# #92D050 (84) and teal-ish greens below 170. Orange-red (15-20), yellow-green (70-78) and
# cyan to purple (170-335) are left out: no palette agrees on what they mean.
RED_HUES = ((0.0, 15.0), (335.0, 360.0))
AMBER_HUES = ((20.0, 65.0),)
GREEN_HUES = ((78.0, 170.0),)
MIN_SATURATION = 0.45
"""A status is a strong colour: header shading, zebra stripes and pale tints of a status
colour (a light green "on track" row band) sit well below this."""
MIN_VALUE = 0.35
"""...and not a near-black (a dark brown or olive rule is text colour, not a status)."""

SCAN_LIMIT = 200.0
"""Points: a shape larger than this either way is not looked at (its colour is not read): a
cheap bound for pages full of large fills; the size that counts is judged in font sizes below."""
MAX_HEIGHT_SIZES = 6.5
"""A swatch is at most this many font sizes tall: a table row whose name wraps to five lines
(padding included), not a panel or a chart's plot area."""
MAX_WIDTH_SIZES = 12.0
"""...and at most this many font sizes wide: a status column's cell, not a banner or a long bar."""
MIN_SIDE_SIZES = 0.4
"""...and at least this much of a size either way: a coloured rule or underline is no status."""
COLUMN_SLACK_SIZES = 0.5
"""Swatches whose centres lie this close across stand in one column."""
SAME_WIDTH = 0.8
"""The narrower of two swatches of one column is at least this share of the wider."""
HEADER_REACH_SIZES = 3.0
"""A column's header stands at most this far above its first swatch."""
HEADER_SPREAD_SIZES = 3.0
"""...and comes within this far of the column across: a dot is centred in its cell under a header
set at the cell's left ("RAG" a few sizes left of the dots under it)."""
PHRASE_GAP_SIZES = 0.6
"""Words this close across are one phrase: a word space is about a quarter of a size, a table's
gutter its cells' padding either side (a size or more)."""
HUG_SIZES = 0.5
"""Text starting this close after a swatch's right side labels it (a key's "Red = off target",
a bar's figure)..."""
HUG_MAX_HEIGHT_SIZES = 1.5
"""...where the swatch is no taller than a line of text: a filled cell is its row's height plus
its padding, and the next cell's text may start only that cell's padding after it."""


@dataclass(frozen=True)
class Swatch:
    """A filled shape in a status colour, top-left origin."""

    x0: float
    top: float
    x1: float
    bottom: float
    status: str
    """"Red", "Amber" or "Green": the word a status cell would print."""
    mark: bool = False
    """A coloured character (MARKS), not a drawn shape: its own word stands in it."""
    colour: str = ""
    """The colour as the status's marker names it ("#D9342B")."""


MARKS = frozenset("●⬤⚫■◼⬛\uf06c\uf06e")
"""Characters a status cell may print in colour as a dot or a square. Not ▲ ▼ (direction of
travel) nor • (a list's bullet, rarely coloured and never a cell's whole text). A symbol font's
dot reaches the text in the private use area, as Word and LibreOffice write it: U+F06C is
Wingdings' "l" (a black circle), U+F06E its "n" (a black square), which is Webdings' circle;
ZapfDingbats' "l" arrives as a "■" or "●" (pdfium maps its built-in encoding)."""


def status_colour(red: int, green: int, blue: int) -> str | None:
    """The RAG status a fill colour (0-255 each) shows, or None for any other colour."""
    hue, saturation, value = colorsys.rgb_to_hsv(red / 255, green / 255, blue / 255)
    if saturation < MIN_SATURATION or value < MIN_VALUE:
        return None
    degrees = hue * 360
    for status, bounds in (("Red", RED_HUES), ("Amber", AMBER_HUES), ("Green", GREEN_HUES)):
        if any(low <= degrees < high for low, high in bounds):
            return status
    return None


def with_statuses(words: list[Word], swatches: Sequence[Swatch], patterns_dir: str | None = None) -> list[Word]:
    """The page's words with the statuses its swatches show; a coloured mark character that
    shows one gives way to its status word."""
    marks = {id(w) for w in words if w.text in MARKS} if any(s.mark for s in swatches) else set()
    found = status_words(swatches, [w for w in words if id(w) not in marks] if marks else words, patterns_dir)
    if not found:
        return words
    shown = {id(w) for w in words if id(w) in marks and any(_on(w, status) for status in found)}
    return [*(w for w in words if id(w) not in shown), *found]


def _on(mark: Word, status: Word) -> bool:
    centre = (mark.x0 + mark.x1) / 2
    return status.x0 - 1 <= centre <= status.x1 + 1 and mark.top < status.bottom and mark.bottom > status.top


def status_words(swatches: Sequence[Swatch], words: Sequence[Word], patterns_dir: str | None = None) -> list[Word]:
    """The status words the page's swatches show where they stand as a table's status cells
    (a header is a status column's by the vocabulary, extended by `patterns_dir`)."""
    if not swatches or not words:
        return []
    size = modal_size(words)  # the page's body size, as `measure` gives it, without its lines
    page = _Rows(words)
    candidates = _distinct([s for s in swatches if _swatch_sized(s, size) and not page.inside(s)])
    placed = _Band(candidates)
    vocabulary: Vocabulary | None = None
    found: list[Word] = []
    for column in _columns(candidates, size):
        if _interleaved(column, placed):
            continue
        column = _per_row(column)
        cells = [(swatch, page.row_word(swatch, size)) for swatch in column]
        if all(word is None for _, word in cells):
            continue
        vocabulary = vocabulary or load_vocabulary(patterns_dir)
        for header, group in _under_headers(cells, page, size, vocabulary):
            if any(word is None for _, word in group):
                continue
            if (header is not None and vocabulary.headers.label(header) == "status"
                    or len(group) >= 2 and page.header_above([swatch for swatch, _ in group], size)):
                found += [_status_word(swatch, word) for swatch, word in group if word is not None]
    return found


def _under_headers(cells: list[tuple[Swatch, Word | None]], page: _Rows, size: float,
                   vocabulary: Vocabulary) -> list[tuple[str | None, list[tuple[Swatch, Word | None]]]]:
    """A column's cells (each swatch with its row's word) in runs under one header each, with
    the header's text (None where none is found): a line of swatches that runs through two
    tables is two columns, each judged on its own."""
    groups: list[tuple[str | None, list[tuple[Swatch, Word | None]]]] = []
    last: tuple[float, str] | None = None
    for swatch, word in cells:
        header = page.header_of(swatch, size, vocabulary)
        if not groups or header != last:
            groups.append((header[1] if header else None, []))
        groups[-1][1].append((swatch, word))
        last = header
    return groups


def _swatch_sized(swatch: Swatch, size: float) -> bool:
    width, height = swatch.x1 - swatch.x0, swatch.bottom - swatch.top
    return (MIN_SIDE_SIZES * size <= width <= MAX_WIDTH_SIZES * size
            and MIN_SIDE_SIZES * size <= height <= MAX_HEIGHT_SIZES * size)


def _distinct(swatches: list[Swatch]) -> list[Swatch]:
    """One swatch per place: LibreOffice paints a cell's fill twice, and a dot may sit on a fill."""
    kept = _Band()
    for swatch in sorted(swatches, key=lambda s: (s.x1 - s.x0) * (s.bottom - s.top)):
        cx, cy = (swatch.x0 + swatch.x1) / 2, (swatch.top + swatch.bottom) / 2
        if not any(k.x0 <= cx <= k.x1 and k.top <= cy <= k.bottom or
                   swatch.x0 <= (k.x0 + k.x1) / 2 <= swatch.x1 and swatch.top <= (k.top + k.bottom) / 2 <= swatch.bottom
                   for k in kept.across(swatch.top, swatch.bottom)):
            kept.add(swatch)
    return kept.swatches


class _Band:
    """Swatches by top, to find those across a stretch of the page without a pass over all of
    them (a chart may draw hundreds): a swatch reaching into the stretch starts at most the
    tallest swatch's height above it."""

    def __init__(self, swatches: Sequence[Swatch] = ()) -> None:
        self.swatches = sorted(swatches, key=lambda s: s.top)
        self.tops = [s.top for s in self.swatches]
        self.reach = max((s.bottom - s.top for s in swatches), default=0.0)

    def add(self, swatch: Swatch) -> None:
        at = bisect.bisect(self.tops, swatch.top)
        self.tops.insert(at, swatch.top)
        self.swatches.insert(at, swatch)
        self.reach = max(self.reach, swatch.bottom - swatch.top)

    def across(self, top: float, bottom: float) -> list[Swatch]:
        """The swatches that reach into the stretch from top to bottom."""
        start, end = bisect.bisect_left(self.tops, top - self.reach), bisect.bisect_right(self.tops, bottom)
        return [s for s in self.swatches[start:end] if s.bottom >= top]


def _columns(swatches: list[Swatch], size: float) -> list[list[Swatch]]:
    """Swatches grouped by their centre across, each group of one width, top to bottom."""
    columns: list[list[Swatch]] = []
    for swatch in sorted(swatches, key=lambda s: s.x0 + s.x1):
        centre = (swatch.x0 + swatch.x1) / 2
        if columns:
            last = columns[-1][-1]
            widths = sorted((last.x1 - last.x0, swatch.x1 - swatch.x0))
            if (abs((last.x0 + last.x1) / 2 - centre) <= COLUMN_SLACK_SIZES * size
                    and widths[0] >= SAME_WIDTH * widths[1]):
                columns[-1].append(swatch)
                continue
        columns.append([swatch])
    return [sorted(column, key=lambda s: s.top) for column in columns]


ROW_MULTIPLE_SLACK = 0.1
"""A swatch within this share of a whole number of its column's rows tall covers that many rows."""


def _per_row(column: list[Swatch]) -> list[Swatch]:
    """A swatch a whole number of the column's shortest cells tall, cut into cells that tall: a
    spreadsheet printer (LibreOffice Calc) fills cells of one colour one above another as one
    box, which shows the status of each row it covers."""
    height = min(s.bottom - s.top for s in column)
    if len(column) < 2 or height <= 0:
        return column
    cells: list[Swatch] = []
    for swatch in column:
        count = round((swatch.bottom - swatch.top) / height)
        if count < 2 or abs((swatch.bottom - swatch.top) / height - count) > ROW_MULTIPLE_SLACK:
            cells.append(swatch)
            continue
        step = (swatch.bottom - swatch.top) / count
        cells += [replace(swatch, top=swatch.top + i * step, bottom=swatch.top + (i + 1) * step) for i in range(count)]
    return cells


def _interleaved(column: list[Swatch], swatches: _Band) -> bool:
    """Does another coloured shape stand across the column between its first and last swatch?
    A bar chart's bars share a left edge, so two bars of about one length line up as a column,
    with the other bars between them; a table's status column holds all the swatches it crosses."""
    members = {id(s) for s in column}
    left, right = min(s.x0 for s in column), max(s.x1 for s in column)
    top, bottom = column[0].top, column[-1].bottom
    return any(id(s) not in members and s.x0 < right and s.x1 > left and s.top < bottom and s.bottom > top
               for s in swatches.across(top, bottom))


class _Rows:
    """The page's words by vertical centre, for the look-ups around each swatch."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = sorted(words, key=lambda w: w.top + w.bottom)
        self.centres = [(w.top + w.bottom) / 2 for w in self.words]

    def between(self, top: float, bottom: float) -> list[Word]:
        """The words whose vertical centre lies between top and bottom."""
        return self.words[bisect.bisect_left(self.centres, top):bisect.bisect_right(self.centres, bottom)]

    def inside(self, swatch: Swatch) -> bool:
        """Does text stand in the swatch (a banner, a shaded cell with its word)?"""
        return any(swatch.x0 <= (w.x0 + w.x1) / 2 <= swatch.x1 for w in self.between(swatch.top, swatch.bottom))

    def header_above(self, column: list[Swatch], size: float) -> bool:
        """Is there text just above the column's first swatch, across the column?"""
        first = column[0]
        reach = HEADER_SPREAD_SIZES * size
        left, right = min(s.x0 for s in column) - reach, max(s.x1 for s in column) + reach
        return any(w.x0 <= right and w.x1 >= left and w.bottom <= first.top + 0.1 * size
                   for w in self.between(first.top - HEADER_REACH_SIZES * size, first.top))

    def header_of(self, swatch: Swatch, size: float, vocabulary: Vocabulary) -> tuple[float, str] | None:
        """The header of the swatch's cell, as (its top, its text): the first line up the cell
        that is not a status word ("Green" in a row above), if it stays inside the cell; None if
        the first such line runs out of it (a heading, a paragraph) or the page's top is reached.
        The cell is the gap between the row's nearest words left and right of the swatch: a word
        above lies in it if it starts and ends there (a longer figure in the next column up,
        left-aligned, starts where the row's own does, so it is not in the status column)."""
        row = self.between(swatch.top, swatch.bottom)
        left = max((w.x1 for w in row if w.x1 <= swatch.x0), default=swatch.x0 - HEADER_SPREAD_SIZES * size)
        right = min((w.x0 for w in row if w.x0 >= swatch.x1), default=swatch.x1 + HEADER_SPREAD_SIZES * size)
        seen: set[float] = set()
        for index in range(bisect.bisect_left(self.centres, swatch.top) - 1, -1, -1):
            word = self.words[index]
            if not (left <= word.x0 and word.x1 <= right) or word.bottom > swatch.top + 0.1 * size:
                continue
            key = round(word.top, 1)
            if key in seen:
                continue
            seen.add(key)
            line = sorted(self.between(word.top, word.bottom), key=lambda w: w.x0)
            inside = [w for w in line if left <= w.x0 and w.x1 <= right]
            text = " ".join(w.text for w in inside)
            if vocabulary.rag.exact(text) or text in vocabulary.rag_symbols:
                continue
            if _runs_out(line, inside, size):
                return None
            return word.top, text
        return None

    def row_word(self, swatch: Swatch, size: float) -> Word | None:
        """The word of the swatch's row that places its status word: the row's text nearest its
        middle, if the row has text to the swatch's left and none hugging its right."""
        middle = (swatch.top + swatch.bottom) / 2
        row = self.between(swatch.top, swatch.bottom)
        if swatch.bottom - swatch.top <= HUG_MAX_HEIGHT_SIZES * size and any(
                0 <= w.x0 - swatch.x1 <= HUG_SIZES * size for w in row):
            return None
        left = [w for w in row if w.x1 <= swatch.x0]
        if not left:
            return None
        return min(row, key=lambda w: abs((w.top + w.bottom) / 2 - middle))


def _runs_out(line: list[Word], inside: list[Word], size: float) -> bool:
    """Does the text in a cell go on across its edges, a word space away (a heading, a
    paragraph), rather than stop at a gutter as a table's cells do?"""
    members = {id(w) for w in inside}
    return any((id(a) in members) != (id(b) in members) and b.x0 - a.x1 < PHRASE_GAP_SIZES * size
               for a, b in zip(line, line[1:], strict=False))


def _status_word(swatch: Swatch, beside: Word) -> Word:
    """The status as a word on the row's baseline, centred on the swatch and no wider than it
    (a cell-wide word would close the gutters either side)."""
    centre = (swatch.x0 + swatch.x1) / 2
    half = min(swatch.x1 - swatch.x0, 0.55 * beside.size * len(swatch.status)) / 2
    text = swatch.status
    if swatch.colour:  # a status read from colour says so, for whoever checks the record
        text = drawn_status(swatch.status, "mark" if swatch.mark else "fill", swatch.colour)
    return Word(text, centre - half, centre + half, beside.top, beside.bottom, beside.size, False, beside.baseline)
