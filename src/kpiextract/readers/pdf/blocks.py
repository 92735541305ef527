"""Lines to blocks: paragraphs, bullets and headings, classified as the text reader classifies them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Block
from ..structure import join_broken
from ..text import BULLET, _is_heading
from .model import BBox, FoundTable, Line, PageContent, Word

STANDALONE_VALUE = re.compile(r"^(?:[-+]?[£$]?\d[\d,]*(?:\.\d+)?\s*%?|n/?a|tbc|-)$", re.IGNORECASE)


@dataclass
class RawBlock:
    """Lines of one paragraph, heading or bullet before it is classified."""

    page: int
    lines: list[Line]

    @property
    def text(self) -> str:
        text = ""
        for line in self.lines:
            part = line.text
            # a word broken at a hyphen by the line wrap: 're-' + 'referral' -> 're-referral'
            if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
                text += part
            else:
                text = f"{text} {part}" if text else part
        return text

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


def _starts_bullet(line: Line) -> bool:
    return bool(BULLET.match(line.text))


def _heading_like(line: Line, text_right: float) -> bool:
    """A whole-bold line that stops well short of the right margin stands alone (a heading)."""
    return line.bold and line.x1 < text_right - 40


def split_blocks(page: PageContent, text_right: float) -> list[RawBlock]:
    """Consecutive lines form one block until a gap, a change of size, a bullet or a heading."""
    blocks: list[RawBlock] = []
    for line in page.lines:
        if blocks:
            previous = blocks[-1].lines[-1]
            size = max(previous.size, line.size)
            joined = (
                line.top - previous.bottom <= size * 0.5
                and abs(line.size - previous.size) <= 0.6
                and not _starts_bullet(line)
                and not (_heading_like(previous, text_right) and not line.bold)
            )
            if joined:
                blocks[-1].lines.append(line)
                continue
        blocks.append(RawBlock(page=page.number, lines=[line]))
    return blocks


def page_items(page: PageContent, text_right: float) -> list[Item]:
    """Text blocks and tables in reading order (top to bottom)."""
    items: list[Item] = [*split_blocks(page, text_right), *page.tables]
    return sorted(items, key=lambda item: item.bbox[1])


@dataclass
class Style:
    """What the paper's body text looks like, to tell headings and bullet depth from it."""

    body_size: float
    left: float
    right: float
    bullet_indents: list[float] = field(default_factory=list)
    """Where bullets start, left to right: the first is depth 0, the next depth 1..."""

    def bullet_depth(self, x0: float) -> int:
        if not self.bullet_indents:
            return 0
        return min(range(len(self.bullet_indents)), key=lambda i: abs(self.bullet_indents[i] - x0))


def paper_style(pages: Sequence[PageContent]) -> Style:
    sizes: Counter[float] = Counter()
    lefts: Counter[int] = Counter()
    rights: list[float] = []
    bullets: list[float] = []
    for page in pages:
        for line in page.lines:
            for word in line.words:
                sizes[round(word.size, 1)] += len(word.text)
            lefts[round(line.x0)] += 1
            rights.append(line.x1)
            if _starts_bullet(line) and not line.text[:1].isdigit():  # numbered headings sit at the margin
                bullets.append(line.x0)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    left = float(lefts.most_common(1)[0][0]) if lefts else 0.0
    rights.sort()
    right = rights[int(len(rights) * 0.9)] if rights else 0.0
    return Style(body_size=body, left=left, right=right, bullet_indents=_clusters(bullets, 4.0))


def _clusters(values: list[float], tolerance: float) -> list[float]:
    """Distinct positions among values, each within tolerance of its neighbours, left to right."""
    centres: list[list[float]] = []
    for value in sorted(values):
        if centres and value - centres[-1][-1] <= tolerance:
            centres[-1].append(value)
        else:
            centres.append([value])
    return [sum(group) / len(group) for group in centres]


def heading_level(size: float, body: float) -> int:
    ratio = size / body if body else 1.0
    for threshold, level in ((1.5, 1), (1.3, 2), (1.15, 3), (1.05, 4)):
        if ratio >= threshold:
            return level
    return 0


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
    text = raw.text
    bullet = BULLET.match(text)
    body = re.sub(r"\s+", " ", text[bullet.end():] if bullet else text).strip() or text
    bold = bold_phrases(raw)
    whole_bold = all(word.bold for word in raw.words)
    level = heading_level(raw.size, style.body_size)
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
                 line=order, bbox=raw.bbox)


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
