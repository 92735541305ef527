"""Writing one sheet as an Excel table: header, rows, formats, status colours, widths, panes.

Rows stay one line high: long text (a source quote, a commentary) is in the cell, a click away,
not wrapped into a row a screen high; only names wrap, to two lines at most.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.columns import Cell, number_text
from kpiextract.export.workbook.cells import AMBER, BOLD, FILLS, GENERAL, GREEN, RED, TOP, WRAP, excel_text, put

TABLE_STYLE = "TableStyleMedium2"
MAX_WIDTH = 50
MIN_WIDTH = 6
NAME_WIDTH = 45
TEXT_WIDTH = 40
"""Long free text (source quotes, commentary): a readable start, the rest in the cell."""
NAME_COLUMNS = frozenset({"Indicator", "Catalogue name", "indicator"})
TEXT_COLUMNS = frozenset({"Source text", "Commentary", "Benchmarks as printed", "Also from", "Warnings", "Error",
                          "Title", "Section", "Committee", "Comparator as printed", "Path", "Meaning",
                          "Review note"})
LINE_HEIGHT = 15.0  # points, for the default 11pt font
NAME_LINES = 2
# Filter buttons sit over the right of a header cell; without room they hide its last letters.
FILTER_BUTTON = 3
# Excel's limit on a table column name.
MAX_HEADER_CHARS = 255

# Which colour each status value gets, per column title; values not listed stay unfilled.
STATUS_COLOURS: dict[str, dict[str, str]] = {
    "RAG": {"red": RED, "amber": AMBER, "green": GREEN},
    "Previous RAG": {"red": RED, "amber": AMBER, "green": GREEN},
    "Target met": {"met": GREEN, "missed": RED},
    "vs England": {"better": GREEN, "worse": RED},
    "Status": {"ok": GREEN, "error": RED},
    "Review": {"approved": GREEN, "corrected": GREEN, "rejected": RED, "paper changed": AMBER},
}

Formats = Callable[[int, int], str | None]


def table_header(names: Sequence[str]) -> list[str]:
    """Column names an Excel table accepts: text, one line, unique ignoring case."""
    seen: set[str] = set()
    unique: list[str] = []
    for index, name in enumerate(names, start=1):
        base = " ".join(excel_text(name).split())[:MAX_HEADER_CHARS] or f"column {index}"
        candidate, suffix = base, 2
        while candidate.casefold() in seen:
            candidate, suffix = f"{base} ({suffix})", suffix + 1
        seen.add(candidate.casefold())
        unique.append(candidate)
    return unique


def write_header(sheet: Worksheet, header: Sequence[str], row: int = 1) -> None:
    for column, name in enumerate(header, start=1):
        put(sheet, row, column, name)
        sheet.cell(row=row, column=column).font = BOLD


def add_table(sheet: Worksheet, name: str, columns: int, rows: int) -> None:
    """Make the header and ``rows`` data rows an Excel table, which carries the filter buttons."""
    if rows == 0:
        return  # a table needs a data row; Excel "repairs" one without
    table = Table(displayName=name, ref=f"A1:{get_column_letter(columns)}{rows + 1}")
    table.tableStyleInfo = TableStyleInfo(
        name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False, showFirstColumn=False, showLastColumn=False
    )
    sheet.add_table(table)


def shown_width(value: object, fmt: str) -> int:
    """Roughly how many characters a cell shows, to size its column."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float) and not isinstance(value, bool):
        if fmt == GENERAL:
            return len(number_text(float(value)))
        first = fmt.split(";")[0]
        places = len(first.partition(".")[2].split('"')[0].rstrip("%")) if "." in first else 0
        literal = "".join(re.findall(r'"([^"]*)"', first)) + ("%" if first.endswith("%") else "")
        shown = abs(value) * (100 if first.endswith("%") else 1)
        return len(f"{shown:,.{places}f}") + len(literal) + (1 if first.startswith("+") or value < 0 else 0)
    return max((len(line) for line in str(value).splitlines()), default=0)


def fit_columns(sheet: Worksheet, header: Sequence[str], header_row: int = 1) -> None:
    """Widths from what the cells show, capped; names wrap (to two lines), other text does not."""
    for index, name in enumerate(header, start=1):
        letter = get_column_letter(index)
        cells = [cell for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=index, max_col=index)]
        widest = max([len(name), *(shown_width(cell.value, cell.number_format) for cell in cells)])
        cap = NAME_WIDTH if name in NAME_COLUMNS else TEXT_WIDTH if name in TEXT_COLUMNS else MAX_WIDTH
        sheet.column_dimensions[letter].width = min(max(widest + FILTER_BUTTON, MIN_WIDTH), cap)
        alignment = WRAP if name in NAME_COLUMNS else TOP
        for cell in cells:
            cell.alignment = alignment


def fit_rows(sheet: Worksheet, header: Sequence[str], header_row: int = 1) -> None:
    """Rows one line high, or two when a name needs them (apps do not grow rows for wrapped text)."""
    names = {index for index, name in enumerate(header, start=1) if name in NAME_COLUMNS}
    for row in sheet.iter_rows(min_row=header_row + 1):
        lines = 1
        for cell in row:
            if cell.column in names and isinstance(cell.value, str):
                width = sheet.column_dimensions[get_column_letter(cell.column)].width or MIN_WIDTH
                lines = max(lines, min(NAME_LINES, math.ceil(len(cell.value) / max(width * 1.1, 1))))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines


def colour(sheet: Worksheet, header: Sequence[str], first_row: int) -> None:
    """Fill status cells (RAG, target met, vs England, file ok) in their colour."""
    for index, name in enumerate(header, start=1):
        colours = STATUS_COLOURS.get(name)
        if colours is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
            shade = colours.get(str(cell.value)) if isinstance(cell.value, str) else None
            if shade is not None:
                cell.fill, cell.font = FILLS[shade]


PRINT_SCALE = 60
"""Percent: an A4 landscape page then holds about what a laptop screen shows (the names and the
figures, about 230 characters across) in type that still reads as 7-point."""


def print_setup(sheet: Worksheet, title_rows: str, freeze: str | None = None) -> None:
    """Print at natural size, landscape, with the header rows (and the frozen name columns) on every
    page: the first page is then what the first screen shows, the names and the figures, in type an
    analyst can read. Shrinking 45 columns onto a few pages made every page unreadable."""
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = title_rows
    if freeze:
        first_free = column_index_from_string(coordinate_from_string(freeze)[0])
        if first_free > 1:
            sheet.print_title_cols = f"A:{get_column_letter(first_free - 1)}"
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    sheet.page_setup.scale = PRINT_SCALE


def finish(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Cell | dt.date]], table_name: str,
           freeze: str, formats: Formats | None = None) -> None:
    """Write a one-header-row sheet as a table, with formats, colours, widths and frozen panes.

    ``formats(row_index, column_index)`` (both from 0) gives a data cell's number format, or
    ``None`` to leave it General.
    """
    write_header(sheet, header)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            put(sheet, row_number, column, value)
            fmt = formats(row_number - 2, column - 1) if formats is not None else None
            if fmt is not None:
                sheet.cell(row=row_number, column=column).number_format = fmt
    colour(sheet, header, first_row=2)
    add_table(sheet, table_name, len(header), len(rows))
    sheet.freeze_panes = freeze
    fit_columns(sheet, header)
    fit_rows(sheet, header)
    print_setup(sheet, "1:1", freeze)
