"""The format-free document model every reader fills: pages -> blocks -> table cells.

Layouts only ever see this model, so a table read from a PDF and one read from a text
export go through the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

from .spill import Spill

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass
class Block:
    kind: BlockKind
    page: int
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)
    """The page each table row sits on: a table may run across pages."""
    level: int = 0
    """Heading level (1 = top) for headings; indentation depth for bullets."""
    bullet: bool = False
    bold: list[str] = field(default_factory=list)
    """Phrases the source set in bold: a narrative paper often bolds the KPI name."""
    line: int = 0
    """1-based line (text input) or order on the page (PDF), for provenance and sorting."""
    bbox: tuple[float, float, float, float] | None = None
    """(x0, top, x1, bottom) on the page, PDF input only: lets `debug` draw what was found."""
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    """A paragraph that runs over a page break: (offset in `text`, page) where each later page starts."""

    def page_at(self, offset: int) -> int:
        """The page the text at `offset` is printed on."""
        page = self.page
        for start, later in self.page_starts:
            if offset >= start:
                page = later
        return page

    @property
    def is_table(self) -> bool:
        return self.kind == "table"

    def cell_text(self) -> str:
        """A table as one line per row, cells separated by ' | ': readable provenance."""
        return "\n".join(" | ".join(cell for cell in row) for row in self.rows)


@dataclass
class Page:
    number: int
    """Where the page stands in the file: 1 is the first page, whatever is printed on it."""
    blocks: list[Block] = field(default_factory=list)
    label: str | None = None
    """The page number printed on the page ("119" in an agenda pack), when it has one."""


class PageStore(Sequence[Page]):
    """A long paper's pages stored away (spill.py), each decoded when it is read.

    A page of blocks costs about 10 KB as objects and nothing much stored: a 700-page paper is
    held in the memory of a short one, and whoever reads it (identity, the layouts) sees one page
    at a time. Each reading decodes new objects: a block is the same block from one reading to
    the next only by its place in the paper, never by its identity."""

    def __init__(self, pages: Iterable[Page] = ()) -> None:
        self._pages: Spill[Page] = Spill()
        for page in pages:
            self._pages.append(page)

    def __len__(self) -> int:
        return len(self._pages)

    @overload
    def __getitem__(self, index: int) -> Page: ...

    @overload
    def __getitem__(self, index: slice) -> list[Page]: ...

    def __getitem__(self, index: int | slice) -> Page | list[Page]:
        if isinstance(index, slice):
            return [self._pages.get(number) for number in range(len(self))[index]]
        return self._pages.get(range(len(self))[index])  # a negative index counts from the end

    def __iter__(self) -> Iterator[Page]:
        return iter(self._pages)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


@dataclass
class Document:
    source: str
    pages: Sequence[Page] = field(default_factory=list)
    """Held in memory (a list) or stored compressed (a PageStore, a long PDF's)."""
    warnings: list[str] = field(default_factory=list)

    def blocks(self) -> list[Block]:
        """Every block of the paper at once: for short papers and tests; a pass over a long
        paper reads `iter_blocks`."""
        return list(self.iter_blocks())

    def iter_blocks(self) -> Iterator[Block]:
        """The paper's blocks in reading order, one page decoded at a time."""
        for page in self.pages:
            yield from page.blocks

    @property
    def in_memory(self) -> bool:
        """Are the pages held as objects, so that a block read twice is the same object?"""
        return not isinstance(self.pages, PageStore)

    def page_labels(self) -> dict[int, str]:
        """The printed label of each page that has one, by page number."""
        return {page.number: page.label for page in self.pages if page.label}

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def is_empty(self) -> bool:
        return not any(block.text.strip() or block.rows for block in self.iter_blocks())
