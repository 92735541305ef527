"""Page words and lines: the reader's model of what is printed on a page, and how it is measured.

A Word is a run of characters with one style; a Line is the words on one baseline. PageContent
is one page after table zones are found: its tables, and the lines of text outside them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

from ..structure import is_list_label, join_broken

if TYPE_CHECKING:
    from pdfplumber.table import TableFinder

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class Word:
    """A run of characters with one style. `size` is the size it is drawn at (font size times the
    text's scale); `baseline` is where its letters stand, the one vertical position every
    producer agrees on (the box's top and bottom follow each font's own ascent and descent)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    baseline: float = 0.0


@dataclass
class Line:
    """Words on one baseline, left to right; its box and type are worked out once."""

    words: list[Word]
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    size: float = field(init=False)
    text: str = field(init=False)
    bold: bool = field(init=False)
    baseline: float = field(init=False)
    page: int = field(init=False, default=0)
    """The page the line is printed on, once placed (a paragraph may run over a page break)."""
    panel: tuple[float, int] | None = field(init=False, default=None)
    """The band of cards side by side and the column it is read in, if any (panels.py)."""

    def __post_init__(self) -> None:
        # one pass over the words: a paper makes thousands of lines, most of a few words
        words = self.words
        first = words[0]
        self.x0 = first.x0
        x1, top, bottom, size, bold = first.x1, first.top, first.bottom, first.size, first.bold
        # the most common baseline (to a tenth), the first seen of equally common ones
        baselines: dict[float, int] = {}
        for word in words:
            x1, top, bottom, size = max(x1, word.x1), min(top, word.top), max(bottom, word.bottom), max(size, word.size)
            bold = bold and word.bold
            key = round(word.baseline, 1)
            baselines[key] = baselines.get(key, 0) + 1
        self.x1, self.top, self.bottom, self.size, self.bold = x1, top, bottom, size, bold
        self.text = _join_words(words)
        self.baseline = max(baselines, key=baselines.__getitem__)

    def segments(self) -> list[list[Word]]:
        """Runs of words split at gaps wider than a few spaces: the cells of an unruled table row."""
        runs: list[list[Word]] = [[self.words[0]]]
        for word in self.words[1:]:
            previous = runs[-1][-1]
            if word.x0 - previous.x1 > max(previous.size, word.size) * 1.0:
                runs.append([word])
            else:
                runs[-1].append(word)
        return runs


def _join_words(words: Sequence[Word]) -> str:
    """Words with a space between, except where they touch (split only by a change of font)."""
    if len(words) == 1:
        return words[0].text
    parts = [words[0].text]
    for previous, word in zip(words, words[1:], strict=False):
        if word.x0 - previous.x1 > min(previous.size, word.size) * 0.1:
            parts.append(" ")
        parts.append(word.text)
    return "".join(parts)


def cell_lines_text(lines: Sequence[Sequence[Word]]) -> str:
    """A table cell's lines rejoined (`join_broken`), where a token broken by the line's end is
    joined only if it could not have fitted on a line of the cell: a column breaks a token only
    when it is wider than the column, so wider than every line ("1C(1" / "A)" is one code, but
    "March 2023," / "92%" and "(aged" / "65+)" broke at a space)."""
    widest = max((line[-1].x1 - line[0].x0 for line in lines if line), default=0.0)
    text = ""
    previous: Sequence[Word] = ()
    for line in lines:
        if not line:
            continue
        piece = _join_words(line)
        joined = join_broken(text, piece, in_cell=True)
        if previous and joined == text + piece and not text.endswith("-") \
                and (previous[-1].x1 - previous[-1].x0) + (line[0].x1 - line[0].x0) <= widest:
            joined = f"{text} {piece}"
        text, previous = joined, line
    return text


LINE_FLOOR = 0.9
"""Lines of one type size stand at least this many sizes apart: closer, they would overlap."""


def wrap_step(above: float, size: float, below: float, below_size: float, text: str) -> float | None:
    """The step from a line of a cell (baseline `above`) to the next (`below`, starting `text`),
    to half a point, when the next runs on the sentence (it starts in lower case) in the same
    type: the line pitch of a wrapped cell. A line starting a capital may be a cell of its own,
    or a caption or paragraph of a card set at its own spacing."""
    step = below - above
    if not text[:1].islower() or abs(below_size - size) > 0.05 * size or step < LINE_FLOOR * size:
        return None
    return round(step * 2) / 2


def narrowest(steps: dict[float, float], size: float, step: float | None) -> None:
    """Keep in `steps` the narrowest line step seen for each type size."""
    if step is not None:
        steps[size] = min(step, steps.get(size, step))


@dataclass
class FoundTable:
    bbox: BBox
    rows: list[list[str]]
    columns: list[float]
    """x of each column's left edge: a table continued on the next page keeps its columns."""
    strategy: str
    """How it was found: "lines" (ruled), "text" or "text-columns" (aligned text)."""
    cells: list[BBox] = field(default_factory=list)
    finder: TableFinder | None = field(default=None, repr=False)
    """The pdfplumber TableFinder that found it, for `kpiextract.debug` to draw."""
    page: int = 0
    row_pages: list[int] = field(default_factory=list)
    tentative: bool = False
    """Too weak to be a table on its own (one row in columns), but a table's continuation if the
    table above the page break has its columns; otherwise its `lines` are read as text."""
    lines: list[Line] = field(default_factory=list, repr=False)
    """A tentative table's lines, to fall back on."""
    panel: tuple[float, int] | None = None
    """The band of cards side by side and the column it was found in, if any (panels.py)."""


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[FoundTable] = field(default_factory=list)
    label: str | None = None
    """The page number printed on it ("Page 5 of 12"), or the PDF's own label for the page."""


def group_lines(words: Sequence[Word]) -> list[Line]:
    """Words on the same baseline make a line, read left to right; lines top to bottom.

    A superscript ("1st") or a mixed font stands within 0.4 of a size of its line's baseline.
    """
    lines: list[list[Word]] = []
    line_base = 0.0  # the mean baseline of the current line's first three words
    for word in sorted(words, key=_BASELINE_X0):
        if lines:
            current = lines[-1]
            if abs(word.baseline - line_base) <= max(word.size, current[0].size) * 0.4:
                current.append(word)
                if len(current) <= 3:
                    line_base = sum(w.baseline for w in current) / len(current)
                continue
        lines.append([word])
        line_base = word.baseline
    return [Line(sorted(line, key=_X0)) for line in lines]


_BASELINE_X0 = attrgetter("baseline", "x0")
_X0 = attrgetter("x0")


def _centre_in(word: Word, box: BBox, slack: float = 0.0) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    x0, top, x1, bottom = box
    return x0 - slack <= cx <= x1 + slack and top - slack <= cy <= bottom + slack


def _inside(word: Word, boxes: Sequence[BBox]) -> bool:
    return any(_centre_in(word, box, 1.0) for box in boxes)


def compact(line: Line) -> Line:
    """The line with its words merged into runs of one style: a long paper's pages are all kept
    until the paper is read, so each line should cost a few objects, not one per word.

    Runs break where bold or size changes and at gaps wider than a space, so the line's text,
    bold phrases and column runs (`segments`) stay as they were.
    """
    runs: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        last = runs[-1][-1]
        if len(runs) == 1 and len(runs[0]) == 1 and is_list_label(last.text):
            runs.append([word])  # a list label stays a word of its own: lists.py reads it
        elif word.bold == last.bold and word.size == last.size and word.x0 - last.x1 <= max(word.size, last.size):
            runs[-1].append(word)
        else:
            runs.append([word])
    merged = [Word(_join_words(run), run[0].x0, max(w.x1 for w in run), min(w.top for w in run),
                   max(w.bottom for w in run), run[0].size, run[0].bold, run[0].baseline) for run in runs]
    return Line(merged)


@dataclass(frozen=True)
class Metrics:
    """A page's (or paper's) own units: distances are judged against these, never fixed points.

    `size` is the modal font size (by characters) and `pitch` the modal distance between the
    baselines of consecutive lines of body text: a baseline step much wider than the pitch
    separates paragraphs or table rows. `space` is a typical word space: a horizontal gap many
    spaces wide separates columns, or a list label from its text. Baselines, not glyph boxes,
    because each producer's fonts give boxes of their own heights.
    """

    size: float
    pitch: float
    space: float


def measure(lines: Sequence[Line]) -> Metrics:
    """The Metrics of one page's lines of text, top to bottom."""
    return measure_pages([lines])


class PageLines(Collection[Sequence[Line]]):
    """Each page's lines, taken off the pages as they are iterated: the pages of a spooled paper
    (spool.py) are decoded one at a time, so their lines are never all held at once."""

    def __init__(self, pages: Collection[PageContent]) -> None:
        self.pages = pages

    def __iter__(self) -> Iterator[Sequence[Line]]:
        return (page.lines for page in self.pages)

    def __len__(self) -> int:
        return len(self.pages)

    def __contains__(self, lines: object) -> bool:
        return any(lines == other for other in self)


def modal_size(words: Iterable[Word]) -> float:
    """The size most of the text is set at, by characters (to a tenth of a point)."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


RUNS_ON_EMS = 6.0
"""A line ending this close to the page's text edge may have wrapped: the next word did not fit."""


def measure_pages(pages: Collection[Sequence[Line]], body: bool = False) -> Metrics:
    """The Metrics of several pages' lines (a paper): baseline steps only within a page; with
    `body`, not the steps between two wholly bold lines: two headings of one style stand a line
    and a gap apart, which is no line pitch."""
    size = modal_size(word for lines in pages for line in lines for word in line.words)
    pitches: Counter[float] = Counter()
    wrapped: Counter[float] = Counter()  # steps from a line that runs to the margin: a paragraph's own
    spaces: list[float] = []
    for lines in pages:
        right = max((line.x1 for line in lines if abs(line.size - size) <= 0.3), default=0.0)
        for above, below in zip(lines, lines[1:], strict=False):
            if abs(above.size - size) > 0.3 or abs(below.size - size) > 0.3 or (body and above.bold and below.bold):
                continue
            pitch = below.baseline - above.baseline
            if 0.9 * size <= pitch <= 2.0 * size and _overlaps(above, below):
                step = round(pitch * 2) / 2
                pitches[step] += 1
                if above.x1 >= right - RUNS_ON_EMS * size:
                    wrapped[step] += 1
        spaces.extend(b.x0 - a.x1 for line in lines if abs(line.size - size) <= 0.3
                      for a, b in zip(line.words, line.words[1:], strict=False) if b.x0 > a.x1)
    # a page of one-line paragraphs steps mostly from paragraph to paragraph (a line and Word's
    # space after it), and a full line may end its paragraph: the narrowest step seen more than
    # once from a line that ran to the margin is the pitch a paragraph wraps at
    repeated = [step for step, count in wrapped.items() if count >= 2]
    pitch = min(repeated) if repeated else pitches.most_common(1)[0][0] if pitches else round(size * 1.2, 1)
    spaces.sort()
    # most gaps inside a line are word spaces; columns and tabs are the wide tail
    space = spaces[len(spaces) // 4] if spaces else size * 0.25
    return Metrics(size=size, pitch=pitch, space=min(max(space, size * 0.15), size * 0.5))


def _overlaps(above: Line, below: Line) -> bool:
    """Two lines that share some horizontal extent: one text column, not side-by-side ones."""
    return min(above.x1, below.x1) - max(above.x0, below.x0) > 0
