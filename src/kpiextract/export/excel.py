"""XLSX export: the flat row as a workbook an analyst can filter straight away.

Sheet "KPIs" comes first: bold header, frozen header row and indicator column, an autofilter
over the data, column widths from the content. Numbers are written as numbers (a "58%" value is
the number 58, left unformatted so it is not shown as 5800%). Every text cell is neutralised
(see ``safe.py``) and forced to the string type, because openpyxl would otherwise turn any
text starting with "=" into a live formula.

With ``results`` a "Sources" sheet lists each input file: pages, layouts, record count,
warnings and error, so a file that yielded nothing is visible rather than silently missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.atomic import PathArg, atomic_write_bytes
from kpiextract.export.columns import Cell, flat_rows, number_text
from kpiextract.export.safe import neutralise
from kpiextract.models import ExtractionResult, KPIRecord

KPI_SHEET = "KPIs"
SOURCES_SHEET = "Sources"
SOURCES_HEADER = ("source_file", "pages", "layouts", "records", "warnings", "error")

MAX_WIDTH = 60
MIN_WIDTH = 6
# Long free text: capped narrower and wrapped, so one long quote does not push everything off
# screen.
WRAPPED_COLUMNS = frozenset({"source_text", "commentary", "benchmarks", "also_from", "warnings", "error"})
WRAPPED_WIDTH = 50
# Excel refuses (and "repairs") a file with a longer cell.
MAX_CELL_CHARS = 32_767
TRUNCATED = " …[truncated]"


def excel_text(text: str) -> str:
    """Text a worksheet can hold: safe, without XML-illegal control characters, not too long."""
    # PDF text extraction leaves form feeds and other control characters that openpyxl rejects.
    text = neutralise(ILLEGAL_CHARACTERS_RE.sub("", text))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return text


def _set_cell(sheet: Worksheet, row: int, column: int, value: Cell) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = excel_text(value)
        cell.data_type = "s"  # never a formula, whatever the text looks like
    else:
        cell.value = value


def _display_width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, float):
        return len(number_text(value))
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fit_columns(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    for index, name in enumerate(header):
        widest = max([len(name), *(_display_width(row[index]) for row in rows)])
        wrapped = name in WRAPPED_COLUMNS
        cap = WRAPPED_WIDTH if wrapped else MAX_WIDTH
        # +2 leaves room for the autofilter arrow beside the header text.
        width = min(max(widest + 2, MIN_WIDTH), cap)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        if wrapped:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _fill_sheet(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Cell]], freeze: str) -> None:
    bold = Font(bold=True)
    for column, name in enumerate(header, start=1):
        _set_cell(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = bold
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _set_cell(sheet, row_number, column, value)
    sheet.freeze_panes = freeze
    last = f"{get_column_letter(len(header))}{len(rows) + 1}"
    sheet.auto_filter.ref = f"A1:{last}"
    _fit_columns(sheet, header, rows)


def source_row(result: ExtractionResult) -> list[Cell]:
    return [
        result.source_file,
        result.pages,
        "; ".join(result.layouts) or None,
        len(result.records),
        "\n".join(result.warnings) or None,
        result.error,
    ]


def build_workbook(
    records: Iterable[KPIRecord], results: Sequence[ExtractionResult] | None = None
) -> Workbook:
    """The workbook ``write_xlsx`` saves; separate so it can be built and inspected in memory."""
    header, rows = flat_rows(records)
    workbook = Workbook()
    workbook.properties.creator = "kpiextract"
    kpis = workbook.active
    kpis.title = KPI_SHEET
    # B2: the header row and the indicator column stay put while scrolling a wide sheet.
    _fill_sheet(kpis, header, rows, freeze="B2")
    if results is not None:
        sources = workbook.create_sheet(SOURCES_SHEET)
        _fill_sheet(sources, SOURCES_HEADER, [source_row(result) for result in results], freeze="A2")
    return workbook


def write_xlsx(
    records: Iterable[KPIRecord],
    path: PathArg,
    results: Sequence[ExtractionResult] | None = None,
) -> None:
    """Write ``records`` (and a "Sources" sheet from ``results``) as XLSX to ``path``."""
    workbook = build_workbook(records, results)
    with atomic_write_bytes(path) as handle:
        workbook.save(handle)
