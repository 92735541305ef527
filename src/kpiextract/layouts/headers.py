"""A table's header, read once per paper and shared by every layout that looks at the table.

Each table layout asks for the header in `detect` and again in `extract`, and the card layout
asks whether a table is a KPI table at all: reading every header cell (periods, roles,
comparators) each time was a large share of a paper's time. The answer depends only on the
block, how many rows are looked at and whether the paper's own names count, so it is kept in
the context's memo under those. The cells read are kept too: the successes layout reads
again the first rows the card layout read, and a paper repeats its headers table after table.
"""

from __future__ import annotations

from typing import cast

from ..readers.document import Block
from .columns import CellReads, Column, find_header
from .context import DocumentContext

Header = tuple[int, list[Column]]
_Reads = dict[tuple[int, int, bool], tuple[Block, Header | None]]


def table_header(block: Block, context: DocumentContext, *, look: int = 3, own_names: bool = True) -> Header | None:
    """`find_header` of the block's rows: the header row's index and its columns, or None.

    `own_names` reads a column named after the paper's own council as its value column. The
    columns returned are shared: callers read them and never change them.
    """
    reads = cast(_Reads, context.memo.setdefault("table headers", {}))
    key = (id(block), look, own_names)
    known = reads.get(key)
    if known is not None and known[0] is block:  # the block is held, so its id is not reused
        return known[1]
    # a cell reads the same in every table of the paper (the same vocabulary, the same names)
    cells = cast(CellReads, context.memo.setdefault(f"header cells{' (own names)' if own_names else ''}", {}))
    found = find_header(block.rows, context.vocab, look=look, own_names=context.own_names if own_names else (),
                        cells=cells)
    reads[key] = (block, found)
    return found
