"""The KPIs sheet, one row per record, figures first; and the Fields sheet that says what each
column is (its record field and meaning), so the readable titles lose nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.columns import BENCH_PREFIX, Cell, flat_rows, title
from kpiextract.export.workbook.cells import (
    DATE_FORMAT,
    DISAGREE_FILL,
    DISAGREE_FONT,
    LINK_FONT,
    decimals,
    number_format,
    stored,
)
from kpiextract.export.workbook.sheets import finish, table_header
from kpiextract.models import KPIRecord

KPI_SHEET = "KPIs"
FIELDS_SHEET = "Fields"
# Cells in these columns are figures in the record's unit.
UNIT_COLUMNS = frozenset({"value", "target", "target_range_low", "target_range_high", "intervention",
                          "previous_value", "next_target_value"})
DATE_COLUMNS = frozenset({"period_start", "period_end"})
FIXED_FORMATS = {"confidence": "0.00", "catalogue_score": "0"}
# The flat columns that are parts of a record field, and what they are.
DERIVED_MEANINGS = {
    "previous_value": "the earlier value quoted for comparison (previous.value)",
    "previous_period": "the period of that earlier value (previous.period)",
    "previous_rag": "the rating that earlier value was given (previous.rag)",
    "next_target_value": "a target printed for a later period than the value (next_target.value)",
    "next_target_period": "the period that later target is for (next_target.period)",
    "target_range_low": "the low end of a target given as a range (target_range)",
    "target_range_high": "the high end of a target given as a range (target_range)",
    "benchmarks": "every comparator as printed, with its period (benchmarks)",
    "also_from": "other places merged into this record: file, page, layout (also_from)",
}


def kpi_key(record: KPIRecord) -> tuple[str, str]:
    """One KPI of one council: its figures share a number of decimals."""
    return (record.canonical_id or " ".join(record.indicator.split()).casefold(), record.council or "")


def _figures(record: KPIRecord) -> list[float | None]:
    low, high = record.target_range or (None, None)
    previous = record.previous.value if record.previous else None
    ahead = record.next_target.value if record.next_target else None
    return [record.value, record.target, low, high, record.intervention, previous, ahead,
            *(bench.value for bench in record.benchmarks)]


def kpi_decimals(records: Sequence[KPIRecord]) -> dict[tuple[str, str], int]:
    places: dict[tuple[str, str], int] = {}
    for record in records:
        key = kpi_key(record)
        places[key] = max([places.get(key, 0), *(decimals(value) for value in _figures(record))])
    return places


def _iso_date(value: Cell) -> Cell | dt.date:
    # A real date sorts and filters as one; text that is not an ISO date is kept as it is.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def paper_link(path: str | None, page: int | None) -> str | None:
    """A link that opens the paper, at its page for a PDF (the #page=N that PDF viewers honour)."""
    if not path:
        return None
    uri = Path(path).as_uri()
    return f"{uri}#page={page}" if page and path.lower().endswith(".pdf") else uri


def kpis_sheet(sheet: Worksheet, records: Sequence[KPIRecord], paths: Mapping[str, str]) -> list[str]:
    """Write the KPIs sheet; returns its field names, column by column (for the Fields sheet)."""
    names, rows = flat_rows(records)
    header = table_header([title(name) for name in names])
    places = kpi_decimals(records)
    cells: list[list[Cell | dt.date]] = []
    for record, row in zip(records, rows, strict=True):
        cells.append([
            stored(value, record.unit) if _in_unit(name) and isinstance(value, float) else
            _iso_date(value) if name in DATE_COLUMNS else value
            for name, value in zip(names, row, strict=True)
        ])

    def formats(row_index: int, column: int) -> str | None:
        name = names[column]
        record = records[row_index]
        if _in_unit(name):
            return number_format(record.unit, places[kpi_key(record)])
        if name in DATE_COLUMNS:
            return DATE_FORMAT if isinstance(cells[row_index][column], dt.date) else None
        return FIXED_FORMATS.get(name)

    finish(sheet, header, cells, KPI_SHEET, freeze="B2", formats=formats)
    flag, source = names.index("rag_disagrees") + 1, names.index("source_file") + 1
    for row_number, record in enumerate(records, start=2):
        if record.rag_disagrees:
            cell = sheet.cell(row=row_number, column=flag)
            cell.fill, cell.font = DISAGREE_FILL, DISAGREE_FONT
        link = paper_link(paths.get(record.source_file), record.page)
        if link:
            cell = sheet.cell(row=row_number, column=source)
            cell.hyperlink = link
            cell.font = LINK_FONT
    return names


def _in_unit(name: str) -> bool:
    return name in UNIT_COLUMNS or name.startswith(BENCH_PREFIX)


def fields_sheet(sheet: Worksheet, names: Sequence[str]) -> None:
    """Each KPIs column: its title, the record field it comes from, and what it means."""
    rows: list[list[Cell | dt.date]] = []
    for name in names:
        if name.startswith(BENCH_PREFIX):
            meaning = f"the figure the paper gives for the comparator {name[len(BENCH_PREFIX):]} (benchmarks)"
        else:
            info = KPIRecord.model_fields.get(name)
            meaning = DERIVED_MEANINGS.get(name) or (info.description if info else "") or ""
        rows.append([title(name), name, meaning])
    finish(sheet, ["Column", "Field", "Meaning"], rows, FIELDS_SHEET, freeze="B2")
