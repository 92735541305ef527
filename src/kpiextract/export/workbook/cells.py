"""What goes in a cell: safe text, figures in the unit an analyst expects, and their formats.

Text from a paper is untrusted: it is stored as text (never a formula, whatever it starts with)
and, when it looks like a formula, with Excel's quote-prefix style, so editing the cell keeps it
text and the sheet shows the text as written, without a visible apostrophe.

A percentage is stored as Excel stores one: 58% is 0.58 with a "0.0%" format, so switching the
cell to another format keeps its meaning (a literal "%" suffix on 58 becomes 5800% under Excel's
own percent format). Every figure of one KPI gets the same number of decimals.
"""

from __future__ import annotations

import datetime as dt
import math

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.columns import Cell
from kpiextract.export.safe import is_dangerous
from kpiextract.models import TIME_UNITS

# Excel refuses (and "repairs") a file with a longer cell.
MAX_CELL_CHARS = 32_767
TRUNCATED = " …[truncated]"
MAX_DECIMALS = 3
"""Most decimals a format shows: beyond this a float's tail is arithmetic noise, not the paper."""
GENERAL = "General"
DATE_FORMAT = "yyyy-mm-dd"
TICK = "✓"
"""A flag that is set; an unset flag is a blank cell, not FALSE on every row."""

# A Font without a name makes LibreOffice fall back to a serif face: name the workbook default.
BODY_FONT = "Calibri"
BODY_SIZE = 11


def font(**style: object) -> Font:
    return Font(name=BODY_FONT, size=BODY_SIZE, **style)


BOLD = font(bold=True)
# Excel's own "Bad", "Neutral" and "Good" cell styles, which analysts already read as RAG.
RED, AMBER, GREEN = "red", "amber", "green"
FILLS = {
    RED: (PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE"), font(color="9C0006")),
    AMBER: (PatternFill(fill_type="solid", start_color="FFEB9C", end_color="FFEB9C"), font(color="9C5700")),
    GREEN: (PatternFill(fill_type="solid", start_color="C6EFCE", end_color="C6EFCE"), font(color="006100")),
}
# Stronger than any RAG colour: a contradiction is the thing to look at first.
DISAGREE_FILL = PatternFill(fill_type="solid", start_color="FFC000", end_color="FFC000")
DISAGREE_FONT = font(bold=True, color="000000")
LINK_FONT = font(color="0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def excel_text(text: str) -> str:
    """Text a worksheet can hold: without XML-illegal control characters, not too long."""
    # PDF text extraction leaves form feeds and other control characters that openpyxl rejects.
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return text


def put(sheet: Worksheet, row: int, column: int, value: Cell | dt.date) -> None:
    """Write one cell: text as text (quote-prefixed when it looks like a formula), flags as ticks."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, bool):
        cell.value = TICK if value else None
    elif isinstance(value, str):
        cell.value = excel_text(value)
        cell.data_type = "s"  # never a formula, whatever the text looks like
        if is_dangerous(value):
            cell.quotePrefix = True
    else:
        cell.value = value


def decimals(value: float | int | None) -> int:
    """Decimals a figure was printed with (22.1 -> 1), so formatting never hides a digit."""
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return 0
    # Fixed notation: repr would give "1e-05" for small numbers.
    fraction = f"{float(value):.{MAX_DECIMALS}f}".rstrip("0").partition(".")[2]
    return len(fraction)


def stored(value: float | None, unit: str | None) -> float | None:
    """A figure as the cell holds it: a percentage as a fraction (58% is 0.58)."""
    if value is None or not math.isfinite(value):
        return None
    return round(value / 100, 12) if unit == "%" else value


def number_format(unit: str | None, places: int, *, signed: bool = False) -> str:
    """The Excel format for figures in ``unit`` shown with ``places`` decimals.

    ``signed`` is for differences: an explicit "+"; a difference of percentages is in
    percentage points, a plain number ("+1.6 pp"), not a fraction.
    """
    fraction = "." + "0" * places if places else ""
    if unit == "%" and not signed:
        shown = f"0{fraction}%"
    elif unit in ("%", "pp"):
        shown = f'0{fraction}" pp"'
    elif unit == "£":
        shown = f'"£"#,##0{fraction}'
    elif unit in TIME_UNITS:
        shown = f'#,##0{fraction}" {unit}"'
    elif unit == "count":
        shown = f"#,##0{fraction}"
    else:
        return GENERAL  # a rate, score, FTE...: no safe assumption about how it reads
    if signed:
        # "+" and "-" are literal in a format; sections are positive;negative;zero.
        return f"+{shown};-{shown};{shown}"
    return shown
