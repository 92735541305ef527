"""Tables in plain text whose columns stand apart by runs of spaces, not tabs.

Text copied from a web page or printed by a layout-keeping PDF-to-text tool sets a table's cells
apart with two or more spaces:

    Performance indicator   2017/18 value   2018/19 target
    Reports about missed bins (Minimise)   4,287   2,114

Such lines are rewritten as tab rows so the text reader takes them as the table they are. Prose
also has double spaces (after a full stop), and a KPI card prints its figures spaced under their
labels, so a run of lines counts as a table only when it holds at least two rows that open with a
name in words and go on with nothing but short figure cells, all rows as wide as each other, and
at most one header row of short word cells above them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

GUTTER = re.compile(r"\s{2,}")
# a figure cell: a number with its sign, currency, percent, and at most two unit words ("2 days",
# "3.4 per 1,000"), or a mark that stands for no figure
FIGURE = re.compile(
    r"^(?:[-+]?[£$€]?\d[\d,]*(?:\.\d+)?\s*%?(?:\s+[A-Za-z][\w,]*){0,2}"
    r"|n/?a|tbc|tba|nil|[-–—*])$",
    re.IGNORECASE)
WORD_CELL_WORDS = 6  # a header cell or status word is short; a longer cell is prose
SENTENCE_END = re.compile(r"[.;:!?]$")


def _cells(raw: str) -> list[str]:
    return [cell for cell in GUTTER.split(raw.strip()) if cell]


def _name(cell: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", cell)) and not FIGURE.match(cell) and not SENTENCE_END.search(cell)


def _figure_row(cells: Sequence[str]) -> bool:
    """A name in words, then figure cells only."""
    return len(cells) >= 2 and _name(cells[0]) and all(FIGURE.match(cell) for cell in cells[1:])


def _header_row(cells: Sequence[str]) -> bool:
    return len(cells) >= 2 and all(
        len(cell.split()) <= WORD_CELL_WORDS and not SENTENCE_END.search(cell) for cell in cells)


def spaced_rows(lines: Sequence[str]) -> dict[int, str]:
    """Indexes of the lines that are rows of a space-set table, each with its tab-row text."""
    found: dict[int, str] = {}
    index = 0
    while index < len(lines):
        start = index
        rows: list[tuple[int, list[str]]] = []
        while index < len(lines) and "\t" not in lines[index]:
            cells = _cells(lines[index])
            if not _figure_row(cells):
                break
            rows.append((index, cells))
            index += 1
        widths = {len(cells) for _, cells in rows}
        if len(rows) >= 2 and len(widths) == 1:
            header = _cells(lines[start - 1]) if start else []
            if header and "\t" not in lines[start - 1] and len(header) in widths and _header_row(header):
                found[start - 1] = "\t".join(header)
            for number, cells in rows:
                found[number] = "\t".join(cells)
        index = max(index, start + 1)
    return found
