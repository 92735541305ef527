"""The Compare sheet: one row per KPI per council, one column per period, in time order.

A KPI is its catalogue entry where the catalogue matched (so two councils' wordings of one
indicator share a row), else its name. A period is its canonical key (parsing/period_keys.py):
"Q2", "Quarter 2" and "July to September 2023" of one year are one column.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.columns import Cell, number_text
from kpiextract.export.workbook.cells import excel_text, number_format, put, stored
from kpiextract.export.workbook.kpis import kpi_decimals, kpi_key
from kpiextract.export.workbook.sheets import fit_columns, fit_rows, print_setup, write_header
from kpiextract.models import KPIRecord
from kpiextract.parsing.period_keys import order, period_key

COMPARE_SHEET = "Compare"
COMPARE_LEADING = ("Catalogue id", "Indicator", "Council", "Unit", "Grouped by")
GROUPED_BY_CATALOGUE = "catalogue"
GROUPED_BY_TEXT = "indicator text"
NO_COUNCIL = "(unknown)"
NO_PERIOD = "(no period)"


@dataclass
class CompareRow:
    """One Compare row: one KPI of one council, its records by period column."""

    canonical_id: str | None
    name: str
    council: str
    units: list[str] = field(default_factory=list)
    cells: dict[str, list[KPIRecord]] = field(default_factory=dict)
    key: tuple[str, str] = ("", "")


def _column(record: KPIRecord) -> str:
    # a record from an older store may have no key yet: worked out the same way
    key = record.period_key or period_key(record.period_start, record.period_end, record.period)
    return key or record.period or NO_PERIOD


def compare_matrix(records: Iterable[KPIRecord]) -> tuple[list[str], list[CompareRow]]:
    """The period columns in time order, and the rows (catalogue KPIs by id, then by name)."""
    rows: dict[tuple[str, str, str], CompareRow] = {}
    when: dict[str, tuple[dt.date, dt.date]] = {}
    for record in records:
        grouped = GROUPED_BY_CATALOGUE if record.canonical_id else GROUPED_BY_TEXT
        ident, council = kpi_key(record)
        row = rows.setdefault((grouped, ident, council), CompareRow(
            canonical_id=record.canonical_id, name=record.canonical_name or record.indicator,
            council=record.council or NO_COUNCIL, key=kpi_key(record)))
        if record.unit and record.unit not in row.units:
            row.units.append(record.unit)
        column = _column(record)
        row.cells.setdefault(column, []).append(record)
        span = order(record.period_start, record.period_end)
        when[column] = min(when.get(column, span), span)
    # undated columns last, by label, its numbers as numbers ("2023/24 P2" before "2023/24 P10")
    columns = sorted({c for row in rows.values() for c in row.cells},
                     key=lambda c: (c not in when or when[c][0] == dt.date.min, when.get(c, (dt.date.min,)),
                                    _by_number(c)))
    ordered = [rows[key] for key in sorted(rows, key=lambda key: (key[0] != GROUPED_BY_CATALOGUE, key[1], key[2]))]
    return columns, ordered


def _by_number(label: str) -> list[str | int]:
    return [int(part) if index % 2 else part for index, part in enumerate(re.split(r"(\d+)", label))]


def _rank(record: KPIRecord) -> tuple[bool, float]:
    # A record with a number beats one with only text; then the surer reading wins.
    return (record.value is not None and math.isfinite(record.value), record.confidence)


def _describe(record: KPIRecord) -> str:
    figure = number_text(record.value) if record.value is not None else str(record.value_text or "no value")
    page = f" p.{record.page}" if record.page is not None else ""
    return (f"{figure} ({record.indicator}; {record.period or 'no period'}; {record.source_file}{page}, "
            f"{record.layout}, confidence {record.confidence:.2f})")


def compare_sheet(sheet: Worksheet, records: Sequence[KPIRecord]) -> None:
    columns, rows = compare_matrix(records)
    places = kpi_decimals(records)
    header = [*COMPARE_LEADING, *columns]
    write_header(sheet, header)
    first = len(COMPARE_LEADING) + 1
    for row_number, row in enumerate(rows, start=2):
        grouped = GROUPED_BY_CATALOGUE if row.canonical_id else GROUPED_BY_TEXT
        leading: list[Cell] = [row.canonical_id, row.name, row.council, "; ".join(row.units) or None, grouped]
        for column, value in enumerate(leading, start=1):
            put(sheet, row_number, column, value)
        for offset, key in enumerate(columns):
            found = row.cells.get(key)
            if found:
                _fill(sheet, row_number, first + offset, sorted(found, key=_rank, reverse=True), places[row.key])
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    sheet.freeze_panes = sheet.cell(row=2, column=first).coordinate
    fit_columns(sheet, header)
    fit_rows(sheet, header)
    print_setup(sheet, "1:1", sheet.freeze_panes)


def _fill(sheet: Worksheet, row: int, column: int, ranked: list[KPIRecord], places: int) -> None:
    """The surest reading in the cell, the others in its comment."""
    best = ranked[0]
    cell = sheet.cell(row=row, column=column)
    if best.value is not None and math.isfinite(best.value):
        put(sheet, row, column, stored(best.value, best.unit))
        cell.number_format = number_format(best.unit, places)
    else:
        put(sheet, row, column, best.value_text or "")
    if len(ranked) > 1:
        # The other readings stay one hover away rather than silently dropped.
        lines = [f"{len(ranked)} records for this cell.", f"Shown: {_describe(best)}", "Others:"]
        lines += [f"- {_describe(other)}" for other in ranked[1:]]
        comment = Comment(excel_text("\n".join(lines)), "kpiextract")
        comment.width, comment.height = 420, 40 + 20 * len(lines)
        cell.comment = comment
