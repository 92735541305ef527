"""XLSX export: the workbook an analyst would otherwise build by hand.

Sheets, in this order:

* "KPIs" (kpis.py): one row per record, figures first (indicator, council, period, value, unit,
  target, RAG, the comparators, direction), then where each came from, then the catalogue; an
  Excel table (filter buttons, banded rows) with readable titles, frozen header and indicator
  column; percentages stored as Excel percentages, one number of decimals per KPI, RAG cells in
  their colour, a computed status that contradicts the paper's RAG highlighted, and each row's
  source file a link that opens the paper at its page.
* "Benchmarks" (comparators.py): long format, one row per record and comparator, with the difference.
* "Compare" (compare.py): one row per KPI per council, one column per period in time order.
* "Sources" (only with results): one row per paper, read or not, with its council, committee,
  date, title, error, and a link to the file.
* "Fields": what each KPIs column is: its record field and meaning.

Text from the papers is stored as text, never a formula; text that looks like one carries
Excel's quote-prefix style (cells.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.atomic import PathArg, atomic_write_bytes
from kpiextract.export.columns import Cell
from kpiextract.export.sources import SOURCES_HEADER, source_row
from kpiextract.export.workbook.cells import LINK_FONT
from kpiextract.export.workbook.comparators import BENCHMARKS_SHEET, benchmark_rows, benchmarks_sheet
from kpiextract.export.workbook.compare import COMPARE_SHEET, compare_matrix, compare_sheet
from kpiextract.export.workbook.kpis import FIELDS_SHEET, KPI_SHEET, fields_sheet, kpis_sheet, paper_link
from kpiextract.export.workbook.sheets import finish
from kpiextract.models import ExtractionResult, KPIRecord

SOURCES_SHEET = "Sources"
SOURCES_TITLES = {"source_file": "Source file", "status": "Status", "council": "Council", "committee": "Committee",
                  "date": "Date", "title": "Title", "pages": "Pages", "records": "Records", "layouts": "Layouts",
                  "warnings": "Warnings", "error": "Error", "approved": "Approved",
                  "corrected": "Corrected", "rejected": "Rejected", "path": "Path"}


def _sources_sheet(sheet: Worksheet, results: Sequence[ExtractionResult]) -> None:
    header = [SOURCES_TITLES[name] for name in SOURCES_HEADER]
    rows: list[list[Cell | dt.date]] = [list(source_row(result)) for result in results]
    finish(sheet, header, rows, SOURCES_SHEET, freeze="B2")
    column = SOURCES_HEADER.index("path") + 1
    for row_number, result in enumerate(results, start=2):
        link = paper_link(result.path, None)
        if link:
            cell = sheet.cell(row=row_number, column=column)
            cell.hyperlink = link
            cell.font = LINK_FONT


def build_workbook(records: Iterable[KPIRecord], results: Sequence[ExtractionResult] | None = None) -> Workbook:
    """The workbook ``write_xlsx`` saves; separate so it can be built and inspected in memory."""
    records = list(records)  # read by every sheet
    paths = {result.source_file: result.path for result in results or [] if result.path}
    workbook = Workbook()
    workbook.properties.creator = "kpiextract"
    kpis = workbook.active
    kpis.title = KPI_SHEET
    names = kpis_sheet(kpis, records, paths)
    benchmarks_sheet(workbook.create_sheet(BENCHMARKS_SHEET), records)
    compare_sheet(workbook.create_sheet(COMPARE_SHEET), records)
    if results is not None:
        _sources_sheet(workbook.create_sheet(SOURCES_SHEET), results)
    fields_sheet(workbook.create_sheet(FIELDS_SHEET), names)
    return workbook


def write_xlsx(records: Iterable[KPIRecord], path: PathArg, results: Sequence[ExtractionResult] | None = None) -> None:
    """Write ``records`` (and a "Sources" sheet from ``results``) as XLSX to ``path``."""
    workbook = build_workbook(records, results)
    with atomic_write_bytes(path) as handle:
        workbook.save(handle)


__all__ = ["BENCHMARKS_SHEET", "COMPARE_SHEET", "FIELDS_SHEET", "KPI_SHEET", "SOURCES_SHEET", "benchmark_rows",
           "build_workbook", "compare_matrix", "write_xlsx"]
