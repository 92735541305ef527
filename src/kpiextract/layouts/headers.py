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

from ..parsing.numbers import is_number_cell
from ..readers.cell_lines import CellKind, HeaderCell
from ..readers.document import Block
from ..vocab import Vocabulary
from .columns import NUMERIC_ROLES, CellReads, Column, find_header, read_column
from .context import DocumentContext

Header = tuple[int, list[Column]]
TEXT_ROLES = ("commentary", "actions")  # columns of sentences, not figures or status words
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
    found = find_header(block.rows, context.vocab, look=look, own_names=context.own_names if own_names else (),
                        cells=_cell_reads(context, own_names))
    reads[key] = (block, found)
    return found


def later_headers(block: Block, header: Header, context: DocumentContext) -> list[Header]:
    """Header rows further down a table (two tables set as one, or a table whose second part has
    columns of its own: "Measure | Q3 2023/24 YTD | Target" under "Ref | Measure | Period |
    Result"), each with its columns, from the table's own header on. A row of words alone (no
    cell a figure) that reads as a header naming a figure's column starts a new part."""
    found = [header]
    cells = _cell_reads(context, own_names=True)
    for index in range(header[0] + 2, len(block.rows)):
        row = block.rows[index]
        if sum(1 for cell in row if cell.strip()) < 2 or any(is_number_cell(cell) for cell in row):
            continue
        if row == block.rows[found[-1][0]]:
            continue  # the same header again (a table continued on a new page)
        read = find_header(block.rows[index:index + 12], context.vocab, look=1, own_names=context.own_names,
                           cells=cells)
        if read is not None and any(c.role in NUMERIC_ROLES and c.role != "benchmark" for c in read[1]):
            found.append((index, read[1]))
    return found


def _cell_reads(context: DocumentContext, own_names: bool) -> CellReads:
    """The header cells read so far in the paper: a cell reads the same in every table of it (the
    same vocabulary, the same names)."""
    return cast(CellReads, context.memo.setdefault(f"header cells{' (own names)' if own_names else ''}", {}))


def header_cells(vocab: Vocabulary) -> HeaderCell:
    """What a header cell names by the vocabulary, for the text reader's tables set one cell a
    line (readers/cell_lines.py): the indicator's column, a figure's, a commentary's, another known
    one, or none."""
    read: dict[str, CellKind | None] = {}

    def kind(text: str) -> CellKind | None:
        if text not in read:
            role = read_column(0, text, vocab).role
            read[text] = ("indicator" if role == "indicator" else "figure" if role in NUMERIC_ROLES
                          else "text" if role in TEXT_ROLES else None if role is None else "other")
        return read[text]

    return kind
