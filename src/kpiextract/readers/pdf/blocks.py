"""Lines to blocks: paragraphs, bullets and headings, classified as the text reader classifies them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from ..document import Block
from ..structure import BULLET, TERMINAL, glued_number, join_broken, paragraph_goes_on
from ..text import _is_heading
from . import lists
from .model import BBox, FoundTable, Line, Metrics, PageContent, PageLines, Word, measure_pages
from .panels import reading_key

PARAGRAPH_SPACE_EM = 0.3
"""A baseline step this much (in ems) wider than the paper's line pitch is space between blocks:
Word's 6pt after an 11pt paragraph is 0.55 em; a taller inline font in a line adds less."""

STANDALONE_VALUE = re.compile(r"^(?:[-+]?[£$]?\d[\d,]*(?:\.\d+)?\s*%?|n/?a|tbc|-)$", re.IGNORECASE)


@dataclass
class RawBlock:
    """Lines of one paragraph, heading or bullet before it is classified."""

    page: int
    lines: list[Line]

    @property
    def text(self) -> str:
        return self.text_and_pages()[0]

    def text_and_pages(self) -> tuple[str, list[tuple[int, int]]]:
        """The block's text, and where in it each later page starts (offset, page)."""
        text = ""
        starts: list[tuple[int, int]] = []
        page = self.lines[0].page if self.lines else self.page
        for line in self.lines:
            if line.page and line.page != page:
                page = line.page
                starts.append((len(text) + (1 if text else 0), page))
            text = join_broken(text, line.text)
        return text, starts

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line.words]

    @property
    def bbox(self) -> BBox:
        return (min(line.x0 for line in self.lines), min(line.top for line in self.lines),
                max(line.x1 for line in self.lines), max(line.bottom for line in self.lines))

    @property
    def size(self) -> float:
        sizes: Counter[float] = Counter()
        for word in self.words:
            sizes[round(word.size, 1)] += len(word.text)
        return sizes.most_common(1)[0][0]


Item = RawBlock | FoundTable


def split_blocks(number: int, lines: Sequence[Line], style: Style) -> list[RawBlock]:
    """Consecutive lines form one block until something on the page says a new one starts:
    a list label, a wider step between baselines than the paper's line pitch, a change of
    size or from a bold heading, a line that does not align with the block's text, or a short
    line that ended a sentence."""
    blocks: list[RawBlock] = []
    for line in lines:
        if blocks and _goes_on(blocks[-1], line, style):
            blocks[-1].lines.append(line)
        else:
            blocks.append(RawBlock(page=number, lines=[line]))
    return blocks


def _goes_on(block: RawBlock, line: Line, style: Style) -> bool:
    metrics = style.metrics
    previous = block.lines[-1]
    size = max(previous.size, line.size)
    em = size
    if lists.opens_item(line, metrics) or abs(line.size - previous.size) > 0.1 * size:
        return False
    step = line.baseline - previous.baseline
    if not 0 < step <= metrics.pitch * size / metrics.size + PARAGRAPH_SPACE_EM * em:
        return False
    if previous.bold and not line.words[0].bold:
        return False  # a bold heading, then its text
    if line.bold and not previous.words[-1].bold:
        return False  # a bold heading straight under a paragraph
    if not _aligned(block, line, metrics):
        return False
    short = previous.x1 < _right(block, style) - 3 * em
    ended = previous.text.rstrip().endswith(TERMINAL) and short
    if ended and line.text[:1].isupper():
        return False
    return not (short and _indents_again(block, line, style))


PARAGRAPH_INDENT_EM = (0.5, 4.0)
"""Ems: how far a first line's indent stands in from the text's left (TeX's parindent is 1.5 em)."""


def _indents_again(block: RawBlock, line: Line, style: Style) -> bool:
    """A one-line paragraph whose first line is indented, then a line at exactly the same indent:
    two paragraphs that mark their starts by an indent and no space between them (TeX's way), the
    first ending short of the measure, not one paragraph going on under its first line."""
    first = block.lines[0]
    em = line.size
    low, high = PARAGRAPH_INDENT_EM
    return (len(block.lines) == 1 and abs(line.x0 - first.x0) <= 0.1 * em
            and low * em <= first.x0 - style.left <= high * em and line.text[:1].isalnum()
            and not line.text[:1].islower())


def _aligned(block: RawBlock, line: Line, metrics: Metrics) -> bool:
    """The line carries on the block's text column: same left (after a list label's hanging
    indent, or under the label itself), a first line's indent allowed, or the same centre."""
    em = line.size
    first = block.lines[0]
    if lists.opens_item(first, metrics):
        lefts = [lists.text_left(first, metrics), first.x0]
    elif len(block.lines) == 1:
        # the first line may be indented (or outdented) from the ones that follow it
        if first.x0 - 4 * em <= line.x0 <= first.x0 + em:
            return True
        lefts = [first.x0]
    else:
        lefts = [block.lines[-1].x0]
    if any(abs(line.x0 - left) <= em for left in lefts):
        return True
    previous = block.lines[-1]
    return abs((line.x0 + line.x1) / 2 - (previous.x0 + previous.x1) / 2) <= em  # centred lines


def _right(block: RawBlock, style: Style) -> float:
    return max([style.right, *(line.x1 for line in block.lines)])


def continues_paragraph(above: RawBlock, below: RawBlock, style: Style) -> bool:
    """A paragraph that goes on in the next block (past a page break, a figure or a gap), by the
    rule the text reader uses for its lines: no closing punctuation yet and a sentence's worth of
    words, and the next block is neither a list item, a heading nor in another size."""
    first = below.lines[0]
    if not paragraph_goes_on(above.text, first.text):
        return False
    if lists.opens_item(first, style.metrics) or first.bold or heading_level(below.size, style) > 0:
        return False
    return abs(below.size - above.size) <= 0.1 * above.size


def join_paragraphs(items: list[Item], style: Style) -> list[Item]:
    """Blocks on one page that are one paragraph cut by a gap, joined (tables stay between)."""
    joined: list[Item] = []
    for item in items:
        last = joined[-1] if joined else None
        if isinstance(item, RawBlock) and isinstance(last, RawBlock) and continues_paragraph(last, item, style):
            last.lines.extend(item.lines)
        else:
            joined.append(item)
    return joined


def settle_tentative(items: list[Item], style: Style) -> list[Item]:
    """A tentative table that no table before the page break took is text after all: its lines
    go back among the page's other lines, which are split into blocks again, so a paragraph it
    stood in is whole again."""
    tentative = [item for item in items if isinstance(item, FoundTable) and item.tentative]
    if not tentative:
        return items
    lines = [line for item in items if isinstance(item, RawBlock) for line in item.lines]
    lines += [line for table in tentative for line in table.lines]
    page = tentative[0].page
    tables: list[Item] = [item for item in items if isinstance(item, FoundTable) and not item.tentative]
    blocks: list[Item] = list(split_blocks(page, sorted(lines, key=line_order), style))
    return join_paragraphs(sorted([*blocks, *tables], key=item_order), style)


def page_items(page: PageContent, style: Style) -> list[Item]:
    """Text blocks and tables in reading order (top to bottom)."""
    lines = sorted(page.lines, key=line_order) if any(line.panel for line in page.lines) else page.lines
    items: list[Item] = [*split_blocks(page.number, lines, style), *page.tables]
    return join_paragraphs(sorted(items, key=item_order), style)


def line_order(line: Line) -> tuple[float, int, float]:
    """Top to bottom, the columns of cards side by side one after another (panels.py)."""
    return reading_key(line.baseline, line.panel)


def item_order(item: Item) -> tuple[float, int, float]:
    panel = item.panel if isinstance(item, FoundTable) else item.lines[0].panel
    return reading_key(item.bbox[1], panel)


@dataclass
class Style:
    """What the paper's body text looks like, to tell paragraphs, headings and bullet depth from it."""

    metrics: Metrics
    left: float
    right: float
    bullet_indents: list[float] = field(default_factory=list)
    """Where bullets start, left to right: the first is depth 0, the next depth 1..."""
    ladder: list[float] = field(default_factory=list)
    """The sizes of the paper's heading type under its title's, largest first (`size_ladder`): its
    heading levels; empty where the sizes' ratios to the text give them."""

    @property
    def body_size(self) -> float:
        return self.metrics.size

    def bullet_depth(self, x0: float) -> int:
        if not self.bullet_indents:
            return 0
        return min(range(len(self.bullet_indents)), key=lambda i: abs(self.bullet_indents[i] - x0))


def paper_style(pages: Collection[PageContent]) -> Style:
    # the pitch of the paper's body text: in a paper whose text is all in tables, the lines of its
    # modal size may be headings alone, a line and a gap apart
    metrics = measure_pages(PageLines(pages), body=True)
    lefts: Counter[int] = Counter()
    rights: list[float] = []
    bullets: list[float] = []
    larger: list[tuple[float, int]] = []  # the larger type's lines in words: size, and which page
    for number, page in enumerate(pages):
        for line in page.lines:
            lefts[round(line.x0)] += 1
            rights.append(line.x1)
            if lists.opens_item(line, metrics) and not line.text[:1].isdigit():  # numbered headings sit at the margin
                bullets.append(line.x0)
            if line.size >= LARGER * metrics.size and any(char.isalpha() for char in line.text):
                larger.append((round(line.size, 1), number))
    left = float(lefts.most_common(1)[0][0]) if lefts else 0.0
    rights.sort()
    right = rights[int(len(rights) * 0.9)] if rights else 0.0
    return Style(metrics=metrics, left=left, right=right, bullet_indents=_clusters(bullets, metrics.size * 0.4),
                 ladder=size_ladder(larger))


def _clusters(values: list[float], tolerance: float) -> list[float]:
    """Distinct positions among values, each within tolerance of its neighbours, left to right."""
    centres: list[list[float]] = []
    for value in sorted(values):
        if centres and value - centres[-1][-1] <= tolerance:
            centres[-1].append(value)
        else:
            centres.append([value])
    return [sum(group) / len(group) for group in centres]


LARGER = 1.05
"""Type this many times the body's size or more is a heading's."""
LEVELS = ((1.5, 1), (1.3, 2), (1.15, 3), (LARGER, 4))
"""A heading's level by its size over the body's, where the paper's own ladder says no more."""
RUNG = 0.03
"""Sizes within this share of each other are one rung: one style drawn at a rounded size."""


def size_ladder(larger: Sequence[tuple[float, int]]) -> list[float]:
    """The rungs of the paper's heading type, largest first, when its largest type is its title's
    alone (`larger`: the size of each line of larger type, in reading order, and its page): lines
    before any other heading, on one page. Under a title, the paper's sections are set in the
    next size down, whatever its ratio to the text (TeX's \\subsection is 1.2 times it). A paper
    whose largest type heads section after section gives its levels by the sizes' ratios alone."""
    if not larger:
        return []
    ladder: list[float] = []
    for size in sorted({size for size, _ in larger}, reverse=True):
        if not ladder or size < ladder[-1] * (1 - RUNG):
            ladder.append(size)
    top = [index for index, (size, _) in enumerate(larger) if size >= ladder[0] * (1 - RUNG)]
    title = top == list(range(len(top))) and len({larger[index][1] for index in top}) == 1
    return ladder if title and len(ladder) > 1 else []


def heading_level(size: float, style: Style) -> int:
    """A heading's level by its size over the text's (`LEVELS`); under a title, by the paper's own
    ladder (1 the title's size, 2 the next size down, and so on) where that is higher."""
    body = style.body_size
    ratio = size / body if body else 1.0
    level = next((level for threshold, level in LEVELS if ratio >= threshold), 0)
    rung = next((index for index, rung in enumerate(style.ladder) if size >= rung * (1 - RUNG)), None)
    return min(level, rung + 1) if level and rung is not None else level


def bold_phrases(raw: RawBlock) -> list[str]:
    phrases: list[list[str]] = []
    previous_bold = False
    for word in raw.words:
        if word.bold:
            if previous_bold:
                phrases[-1].append(word.text)
            else:
                phrases.append([word.text])
        previous_bold = word.bold
    return [" ".join(words) for words in phrases]


def to_block(raw: RawBlock, style: Style, order: int) -> Block:
    """Classify like the text reader: bullets, headings (bold, larger or short lines), paragraphs."""
    text, starts = raw.text_and_pages()
    cut = glued_number(text)
    if cut:
        text = f"{text[:cut]} {text[cut:]}"
        starts = [(offset + 1 if offset >= cut else offset, page) for offset, page in starts]
    bullet = BULLET.match(text)
    body = re.sub(r"\s+", " ", text[bullet.end():] if bullet else text).strip() or text
    cut = bullet.end() if bullet else 0
    page_starts = [(max(0, offset - cut), page) for offset, page in starts]
    bold = bold_phrases(raw)
    whole_bold = all(word.bold for word in raw.words)
    level = heading_level(raw.size, style)
    numbered = bullet is not None and bullet.group(0).strip()[:1].isdigit()
    larger = level > 0 and len(body.split()) <= 30
    if (not bullet or numbered) and (whole_bold or larger or _is_heading(body)):
        # a larger-type title ("1. Introduction") keeps its number and colon, as a markdown heading does
        title = re.sub(r"\s+", " ", text).strip() if level > 0 else body.strip("*: ").strip() or body
        if level == 0 and numbered and bullet is not None:
            title = f"{bullet.group(0).strip()} {title}"  # as the text reader: "4. Education" opens a section
        return Block(kind="heading", page=raw.page, text=title, level=level, bold=bold, line=order,
                     bbox=raw.bbox)
    depth = style.bullet_depth(raw.lines[0].x0) if bullet else 0
    return Block(kind="paragraph", page=raw.page, text=body, bullet=bool(bullet), level=depth, bold=bold,
                 line=order, bbox=raw.bbox, page_starts=page_starts)


def table_block(table: FoundTable, order: int) -> Block:
    rows, pages = merge_continuation_rows(*drop_repeated_headers(table.rows, table.row_pages))
    return Block(kind="table", page=table.page, rows=rows, row_pages=pages, line=order, bbox=table.bbox)


def drop_repeated_headers(rows: list[list[str]], pages: list[int]) -> tuple[list[list[str]], list[int]]:
    """The header row printed again inside the table (a producer repeating it after a split row,
    or at the top of a page) says nothing new: the table keeps it once, at its top."""
    if not rows:
        return rows, pages
    header = [cell.strip().lower() for cell in rows[0]]
    kept = [(row, page) for index, (row, page) in enumerate(zip(rows, pages, strict=True))
            if index == 0 or [cell.strip().lower() for cell in row] != header]
    return [row for row, _ in kept], [page for _, page in kept]


def _is_standalone_value(cell: str) -> bool:
    return bool(STANDALONE_VALUE.match(cell.strip()))


def merge_continuation_rows(rows: list[list[str]], pages: list[int]) -> tuple[list[list[str]], list[int]]:
    """Fold rows that only carry on the text of the row above (empty key cell) back into it.

    pdfplumber splits a wrapped cell into extra rows when the lines around it are missing or
    the cell runs over a page (issues 19, 285, 488): such a row has an empty first cell, and
    words, not new figures, in the rest.
    """
    merged: list[list[str]] = []
    merged_pages: list[int] = []
    for row, page in zip(rows, pages, strict=True):
        continuation = (
            len(merged) >= 2
            and not row[0].strip()
            and any(cell.strip() for cell in row)
            and not any(_is_standalone_value(cell) for cell in row if cell.strip())
        )
        if continuation:
            above = merged[-1]
            above.extend([""] * (len(row) - len(above)))
            for index, cell in enumerate(row):
                above[index] = join_broken(above[index], cell, in_cell=True)
            continue
        merged.append(list(row))
        merged_pages.append(page)
    return merged, merged_pages
