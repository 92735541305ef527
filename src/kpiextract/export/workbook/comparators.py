"""The Benchmarks sheet: one row per record and comparator, with the difference, for filtering
"every KPI where we are worse than England" in one go."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.columns import Cell, comparator_rank
from kpiextract.export.workbook.cells import number_format, stored
from kpiextract.export.workbook.kpis import kpi_decimals, kpi_key
from kpiextract.export.workbook.sheets import finish
from kpiextract.models import KPIRecord

BENCHMARKS_SHEET = "Benchmarks"
BENCHMARKS_HEADER = ("Indicator", "Council", "Period", "Comparator", "Comparator value", "Value", "Unit",
                     "Difference", "Comparator period", "Comparator as printed", "Catalogue id", "Source file",
                     "Page")
FIGURE_COLUMNS = {"Comparator value", "Value"}


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def difference(value: float | None, other: float | None) -> float | None:
    if value is None or other is None or not (math.isfinite(value) and math.isfinite(other)):
        return None
    # Rounded so 22.1 - 21.5 reads 0.6, not 0.6000000000000014, in the formula bar.
    return round(value - other, 9)


def benchmark_rows(records: Iterable[KPIRecord]) -> tuple[list[KPIRecord], list[list[Cell]]]:
    """Long format: one row per record and comparator, comparators in the usual order (the
    nation, the region, statistical neighbours, others); each row's record too, for its unit."""
    owners: list[KPIRecord] = []
    rows: list[list[Cell]] = []
    for record in records:
        for bench in sorted(record.benchmarks, key=lambda bench: comparator_rank(bench.name)):
            owners.append(record)
            rows.append([record.indicator, record.council, record.period, " ".join(bench.name.split()),
                         _finite(bench.value), _finite(record.value), record.unit,
                         difference(record.value, bench.value), bench.period, bench.text or None,
                         record.canonical_id, record.source_file, record.page])
    return owners, rows


def benchmarks_sheet(sheet: Worksheet, records: Sequence[KPIRecord]) -> None:
    owners, rows = benchmark_rows(records)
    header = list(BENCHMARKS_HEADER)
    places = kpi_decimals(records)
    cells: list[list[Cell | dt.date]] = [
        [stored(value, owner.unit) if name in FIGURE_COLUMNS and isinstance(value, float) else value
         for name, value in zip(header, row, strict=True)]
        for owner, row in zip(owners, rows, strict=True)
    ]

    def formats(row_index: int, column: int) -> str | None:
        name, owner = header[column], owners[row_index]
        if name in FIGURE_COLUMNS:
            return number_format(owner.unit, places[kpi_key(owner)])
        if name == "Difference":
            return number_format(owner.unit, places[kpi_key(owner)], signed=True)
        return None

    finish(sheet, header, cells, BENCHMARKS_SHEET, freeze="B2", formats=formats)
