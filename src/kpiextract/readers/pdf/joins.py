"""Across page breaks: a table that runs on, a paragraph cut in two."""

from __future__ import annotations

from collections.abc import Sequence

from .blocks import Item, RawBlock, Style, continues_paragraph
from .model import FoundTable


def _same_row(a: Sequence[str], b: Sequence[str]) -> bool:
    return [c.strip().lower() for c in a] == [c.strip().lower() for c in b]


def _continues(above: FoundTable, below: FoundTable) -> bool:
    """The table at the top of a page carries on the one that ended the page before."""
    width = len(above.rows[0]) if above.rows else 0
    if not below.rows or len(below.rows[0]) != width:
        return False
    if _same_row(above.rows[0], below.rows[0]):
        return True
    return len(above.columns) == len(below.columns) and all(
        abs(a - b) <= 3 for a, b in zip(above.columns, below.columns, strict=True))


def join_pages(items_by_page: list[list[Item]], style: Style) -> None:
    """Join what a page break cut in two: tables (header row dropped again) and paragraphs."""
    carried: Item | None = None  # the last item read so far: a table may run over several pages
    for items in items_by_page:
        if carried is not None and items:
            below = items[0]
            if isinstance(carried, FoundTable) and isinstance(below, FoundTable) \
                    and _continues(carried, below):
                rows, pages = below.rows, below.row_pages
                if _same_row(carried.rows[0], rows[0]):
                    rows, pages = rows[1:], pages[1:]
                carried.rows.extend(rows)
                carried.row_pages.extend(pages)
                items.pop(0)
            elif (isinstance(carried, RawBlock) and isinstance(below, RawBlock)
                  and continues_paragraph(carried, below, style)):
                carried.lines.extend(below.lines)
                items.pop(0)
        if items:
            carried = items[-1]
