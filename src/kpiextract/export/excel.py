"""XLSX export: the workbook an analyst would otherwise build by hand.

Four sheets, in this order:

* "KPIs": the flat row (``columns.py``) as an Excel table (filter buttons, banded rows) with a
  frozen header row and indicator column. Figures keep their number type and get a number
  format from the record's unit, RAG cells are filled red/amber/green, a computed status that
  contradicts the paper's RAG is highlighted, and long text is wrapped in capped columns.
* "Benchmarks": long format, one row per record and comparator, with the difference.
* "Compare": one row per indicator (the catalogue's, or the indicator text when nothing in the
  catalogue matched), one column per (council, period), cells the values.
* "Sources" (only with ``results``): one row per input file, so a file that yielded nothing,
  or failed, is visible rather than silently missing.

Every text cell is neutralised (see ``safe.py``) and forced to the string type, because
openpyxl would otherwise turn any text starting with "=" into a live formula; that includes
headers, sheet-level labels and cell comments.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.atomic import PathArg, atomic_write_bytes
from kpiextract.export.columns import BENCH_PREFIX, Cell, comparator_rank, council_of, flat_rows, number_text
from kpiextract.export.safe import neutralise
from kpiextract.export.sources import SOURCES_HEADER, source_row
from kpiextract.models import ExtractionResult, KPIRecord

KPI_SHEET = "KPIs"
BENCHMARKS_SHEET = "Benchmarks"
COMPARE_SHEET = "Compare"
SOURCES_SHEET = "Sources"

BENCHMARKS_HEADER = (
    "indicator",
    "canonical_id",
    "council",
    "period",
    "comparator",
    "comparator_value",
    "value",
    "unit",
    "difference",
    "comparator_period",
    "comparator_text",
    "source_file",
    "page",
)
# Compare's fixed columns before the (council, period) ones.
COMPARE_LEADING = ("canonical_id", "indicator", "unit", "grouped_by")
GROUPED_BY_CATALOGUE = "catalogue"
GROUPED_BY_TEXT = "indicator text"
NO_COUNCIL = "(unknown)"
NO_PERIOD = "(no period)"

TABLE_STYLE = "TableStyleMedium2"

MAX_WIDTH = 60
MIN_WIDTH = 6
# Long free text: capped narrower and wrapped, so one long quote does not push everything off
# screen.
WRAPPED_COLUMNS = frozenset(
    {"source_text", "commentary", "benchmarks", "also_from", "warnings", "error", "comparator_text"}
)
WRAPPED_WIDTH = 50
# Names are wrapped too, and narrower still: the indicator column is frozen, and a wide frozen
# column leaves little screen for the figures.
NAME_COLUMNS = frozenset({"indicator", "canonical_name"})
NAME_WIDTH = 45
# Apps do not reliably grow a row to fit wrapped text (LibreOffice keeps openpyxl's default
# height and overlaps the lines), so heights are set from the text, capped so one long quote
# does not make a row a screen high: the rest is in the cell, a click away.
LINE_HEIGHT = 15.0  # points, for the default 11pt font
MAX_ROW_LINES = 5
# Wrapped too, but reference material rather than reading: they do not make a row taller, so
# a page-long source quote does not turn the table into one record per screen.
NO_ROW_GROWTH = frozenset({"source_text", "also_from"})
# Filter buttons sit over the right of a header cell; without room they hide its last letters.
FILTER_BUTTON = 3
# Excel refuses (and "repairs") a file with a longer cell.
MAX_CELL_CHARS = 32_767
TRUNCATED = " …[truncated]"
# Excel's limit on a table column name.
MAX_HEADER_CHARS = 255

# Cells in these KPIs columns are figures in the record's unit.
UNIT_COLUMNS = frozenset(
    {"value", "target", "target_range_low", "target_range_high", "intervention", "previous_value"}
)
DATE_COLUMNS = frozenset({"period_start", "period_end"})
DATE_FORMAT = "yyyy-mm-dd"
FIXED_FORMATS = {"confidence": "0.00", "catalogue_score": "0"}
GENERAL = "General"
# Excel shows a boolean cell as TRUE/FALSE whatever its format; LibreOffice reads it as a number
# and, with General, shows some as 0 and 1. This format reads the same in both.
BOOL_FORMAT = '"TRUE";"TRUE";"FALSE"'
# Most decimals a format shows: beyond this a float's tail is arithmetic noise, not the paper.
MAX_DECIMALS = 3
TIME_UNITS = frozenset({"days", "weeks", "months", "years", "hours"})

# A Font without a name makes LibreOffice fall back to a serif face: name the workbook default.
BODY_FONT = "Calibri"
BODY_SIZE = 11


def _font(**style: object) -> Font:
    return Font(name=BODY_FONT, size=BODY_SIZE, **style)


# Excel's own "Bad", "Neutral" and "Good" cell styles, which analysts already read as RAG.
RED, AMBER, GREEN = "red", "amber", "green"
_FILLS = {
    RED: (PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE"), _font(color="9C0006")),
    AMBER: (PatternFill(fill_type="solid", start_color="FFEB9C", end_color="FFEB9C"), _font(color="9C5700")),
    GREEN: (PatternFill(fill_type="solid", start_color="C6EFCE", end_color="C6EFCE"), _font(color="006100")),
}
# Which colour each status value gets, per column; values not listed stay unfilled.
STATUS_COLOURS: dict[str, dict[str, str]] = {
    "rag": {"red": RED, "amber": AMBER, "green": GREEN},
    "target_status": {"met": GREEN, "missed": RED},
    "vs_england": {"better": GREEN, "worse": RED},
    "status": {"ok": GREEN, "error": RED},
}
# Stronger than any RAG colour: a contradiction is the thing to look at first.
DISAGREE_FILL = PatternFill(fill_type="solid", start_color="FFC000", end_color="FFC000")
DISAGREE_FONT = _font(bold=True, color="000000")
BOLD = _font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def excel_text(text: str) -> str:
    """Text a worksheet can hold: safe, without XML-illegal control characters, not too long."""
    # PDF text extraction leaves form feeds and other control characters that openpyxl rejects.
    text = neutralise(ILLEGAL_CHARACTERS_RE.sub("", text))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(TRUNCATED)] + TRUNCATED
    return text


def _set_cell(sheet: Worksheet, row: int, column: int, value: Cell | dt.date) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = excel_text(value)
        cell.data_type = "s"  # never a formula, whatever the text looks like
    else:
        cell.value = value
        if isinstance(value, bool):
            cell.number_format = BOOL_FORMAT


# --- number formats ---------------------------------------------------------------------------


def _decimals(value: float | int | None) -> int:
    """Decimals a figure was printed with (22.1 -> 1), so formatting never hides a digit."""
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return 0
    # Fixed notation: repr would give "1e-05" for small numbers.
    fraction = f"{float(value):.{MAX_DECIMALS}f}".rstrip("0").partition(".")[2]
    return len(fraction)


def number_format(unit: str | None, value: float | int | None, *, signed: bool = False) -> str:
    """The Excel number format for ``value`` in ``unit``.

    Values are what the paper printed: a "%" figure is 58 for 58%, not 0.58, so percentages
    get a literal "%" suffix instead of Excel's percent format (which would show 5800%).
    ``signed`` is for differences: an explicit "+", and percentage points for "%".
    """
    decimals = _decimals(value)
    prefix = suffix = ""
    minimum = 0
    whole = "#,##0"
    if unit in ("%", "pp"):
        # One decimal at least, so a column of percentages lines up; no thousands separator,
        # which a share never needs.
        minimum, whole = 1, "0"
        suffix = '"%"' if unit == "%" and not signed else '" pp"'
    elif unit == "£":
        prefix = '"£"'
    elif unit in TIME_UNITS:
        suffix = f'" {unit}"'
    elif unit != "count":
        return GENERAL  # a rate, score, FTE...: no safe assumption about how it reads
    decimals = max(decimals, minimum)
    body = whole + ("." + "0" * decimals if decimals else "")
    shown = f"{prefix}{body}{suffix}"
    if signed:
        # "+" and "-" are literal in a format; sections are positive;negative;zero.
        return f"+{shown};-{shown};{shown}"
    return shown


def _shown_width(value: object, fmt: str) -> int:
    """Roughly how many characters a cell shows, to size its column."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float):
        if fmt == GENERAL:
            return len(number_text(float(value)))
        first = fmt.split(";")[0]
        decimals = len(first.partition(".")[2].split('"')[0]) if "." in first else 0
        literal = "".join(re.findall(r'"([^"]*)"', first))
        sign = 1 if first.startswith("+") or value < 0 else 0
        return len(f"{abs(value):,.{decimals}f}") + len(literal) + sign
    return max((len(line) for line in str(value).splitlines()), default=0)


def _number(value: object) -> float | int | None:
    # bool is an int to Python, but a flag, not a figure, to an analyst.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


# --- generic sheet writing --------------------------------------------------------------------


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


def _write_header(sheet: Worksheet, header: Sequence[str], row: int = 1) -> None:
    for column, name in enumerate(header, start=1):
        _set_cell(sheet, row, column, name)
        sheet.cell(row=row, column=column).font = BOLD


def _write_rows(sheet: Worksheet, rows: Sequence[Sequence[Cell | dt.date]], first_row: int) -> None:
    for row_number, row in enumerate(rows, start=first_row):
        for column, value in enumerate(row, start=1):
            _set_cell(sheet, row_number, column, value)


def _add_table(sheet: Worksheet, name: str, columns: int, rows: int) -> None:
    """Make the header and ``rows`` data rows an Excel table, which carries the filter buttons."""
    if rows == 0:
        return  # a table needs a data row; Excel "repairs" one without
    ref = f"A1:{get_column_letter(columns)}{rows + 1}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(
        name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False, showFirstColumn=False, showLastColumn=False
    )
    sheet.add_table(table)


def _fit_columns(sheet: Worksheet, header: Sequence[str], header_row: int = 1) -> None:
    """Widths from what the cells show; wrapped columns capped and wrapped, the rest top-aligned."""
    for index, name in enumerate(header, start=1):
        letter = get_column_letter(index)
        cells = [cell for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=index, max_col=index)]
        widest = max([len(name), *(_shown_width(cell.value, cell.number_format) for cell in cells)])
        if name in WRAPPED_COLUMNS:
            cap, alignment = WRAPPED_WIDTH, WRAP
        elif name in NAME_COLUMNS:
            cap, alignment = NAME_WIDTH, WRAP
        else:
            cap, alignment = MAX_WIDTH, TOP
        sheet.column_dimensions[letter].width = min(max(widest + FILTER_BUTTON, MIN_WIDTH), cap)
        for cell in cells:
            cell.alignment = alignment


def _wrapped_lines(text: str, width: float) -> int:
    # Column width counts "0" digits; ordinary text runs narrower than digits, which roughly
    # pays for the space word wrap wastes at line ends.
    per_line = max(int(width * 1.1), 1)
    return sum(max(math.ceil(len(line) / per_line), 1) for line in text.splitlines() or [""])


def _fit_rows(sheet: Worksheet, header: Sequence[str], header_row: int = 1) -> None:
    """Row heights for the wrapped text in each row, up to ``MAX_ROW_LINES`` lines."""
    widths = {
        index: sheet.column_dimensions[get_column_letter(index)].width or MIN_WIDTH
        for index, name in enumerate(header, start=1)
        if name not in NO_ROW_GROWTH
    }
    for row in sheet.iter_rows(min_row=header_row + 1):
        lines = 1
        for cell in row:
            width = widths.get(cell.column)
            if width is None or not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                continue
            lines = max(lines, _wrapped_lines(cell.value, width))
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * min(lines, MAX_ROW_LINES)


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    # Wide sheets print better across; the header rows repeat on every printed page.
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = title_rows


def _colour(sheet: Worksheet, header: Sequence[str], first_row: int) -> None:
    """Fill status cells (RAG, target met, vs England, file ok) in their colour."""
    for index, name in enumerate(header, start=1):
        colours = STATUS_COLOURS.get(name)
        if colours is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
            colour = colours.get(str(cell.value)) if isinstance(cell.value, str) else None
            if colour is not None:
                cell.fill, cell.font = _FILLS[colour]


def _finish(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell | dt.date]],
    table_name: str,
    freeze: str,
    formats: Callable[[int, int], str | None] | None = None,
) -> None:
    """Write a one-header-row sheet as a table, with formats, colours, widths and frozen panes.

    ``formats(row_index, column_index)`` (both from 0) gives a data cell's number format, or
    ``None`` to leave it General.
    """
    _write_header(sheet, header)
    _write_rows(sheet, rows, first_row=2)
    if formats is not None:
        for row_index in range(len(rows)):
            for column in range(len(header)):
                fmt = formats(row_index, column)
                if fmt is not None:
                    sheet.cell(row=row_index + 2, column=column + 1).number_format = fmt
    _colour(sheet, header, first_row=2)
    _add_table(sheet, table_name, len(header), len(rows))
    sheet.freeze_panes = freeze
    _fit_columns(sheet, header)
    _fit_rows(sheet, header)
    _print_setup(sheet, "1:1")


# --- KPIs -------------------------------------------------------------------------------------


def _iso_date(value: Cell) -> Cell | dt.date:
    # A real date sorts and filters as one; text that is not an ISO date is kept as it is.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _kpis_sheet(sheet: Worksheet, records: Sequence[KPIRecord]) -> None:
    names, rows = flat_rows(records)
    header = table_header(names)
    dated: list[list[Cell | dt.date]] = [
        [_iso_date(value) if name in DATE_COLUMNS else value for name, value in zip(names, row, strict=True)]
        for row in rows
    ]

    def formats(row_index: int, column: int) -> str | None:
        name = names[column]
        if name in UNIT_COLUMNS or name.startswith(BENCH_PREFIX):
            return number_format(records[row_index].unit, _number(rows[row_index][column]))
        if name in DATE_COLUMNS:
            return DATE_FORMAT if isinstance(dated[row_index][column], dt.date) else None
        return FIXED_FORMATS.get(name)

    _finish(sheet, header, dated, KPI_SHEET, freeze="B2", formats=formats)
    flag = names.index("rag_disagrees") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=flag, max_col=flag):
        if cell.value is True:
            cell.fill, cell.font = DISAGREE_FILL, DISAGREE_FONT


# --- Benchmarks -------------------------------------------------------------------------------


def _difference(value: float | None, other: float | None) -> float | None:
    if value is None or other is None or not (math.isfinite(value) and math.isfinite(other)):
        return None
    # Rounded so 22.1 - 21.5 reads 0.6, not 0.6000000000000014, in the formula bar.
    return round(value - other, 9)


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def benchmark_rows(records: Iterable[KPIRecord]) -> tuple[list[KPIRecord], list[list[Cell]]]:
    """Long format: one row per record and comparator, comparators in the usual order.

    Returns each row's record too, for its unit.
    """
    owners: list[KPIRecord] = []
    rows: list[list[Cell]] = []
    for record in records:
        for bench in sorted(record.benchmarks, key=lambda bench: comparator_rank(bench.name)):
            owners.append(record)
            rows.append(
                [
                    record.indicator,
                    record.canonical_id,
                    council_of(record),
                    record.period,
                    " ".join(bench.name.split()),
                    _finite(bench.value),
                    _finite(record.value),
                    record.unit,
                    _difference(record.value, bench.value),
                    bench.period,
                    bench.text or None,
                    record.source_file,
                    record.page,
                ]
            )
    return owners, rows


def _benchmarks_sheet(sheet: Worksheet, records: Sequence[KPIRecord]) -> None:
    owners, rows = benchmark_rows(records)
    header = list(BENCHMARKS_HEADER)

    def formats(row_index: int, column: int) -> str | None:
        name = header[column]
        if name not in ("comparator_value", "value", "difference"):
            return None
        return number_format(owners[row_index].unit, _number(rows[row_index][column]), signed=name == "difference")

    _finish(sheet, header, rows, BENCHMARKS_SHEET, freeze="B2", formats=formats)


# --- Compare ----------------------------------------------------------------------------------


@dataclass
class _Indicator:
    """One Compare row: the records of one indicator, by (council, period) column."""

    canonical_id: str | None
    name: str
    units: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], list[KPIRecord]] = field(default_factory=dict)


def _text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _rank(record: KPIRecord) -> tuple[bool, float]:
    # A record with a number beats one with only text; then the surer reading wins.
    return (record.value is not None and math.isfinite(record.value), record.confidence)


def _cell_value(record: KPIRecord) -> Cell:
    if record.value is not None and math.isfinite(record.value):
        return record.value
    return record.value_text


def _describe(record: KPIRecord) -> str:
    shown = _cell_value(record)
    figure = number_text(shown) if isinstance(shown, float) else str(shown or "no value")
    page = f" p.{record.page}" if record.page is not None else ""
    return (
        f"{figure} ({record.indicator}; {record.source_file}{page}, {record.layout}, "
        f"confidence {record.confidence:.2f})"
    )


def compare_matrix(
    records: Iterable[KPIRecord],
) -> tuple[list[tuple[str, str]], list[_Indicator]]:
    """Columns (council, period) sorted by council then period start, and one entry per row."""
    rows: dict[tuple[str, str], _Indicator] = {}
    starts: dict[tuple[str, str], str] = {}
    for record in records:
        if record.canonical_id:
            key = (GROUPED_BY_CATALOGUE, record.canonical_id)
            name = record.canonical_name or record.indicator
        else:
            key = (GROUPED_BY_TEXT, _text_key(record.indicator))
            name = record.indicator
        row = rows.setdefault(key, _Indicator(canonical_id=record.canonical_id, name=name))
        if record.unit and record.unit not in row.units:
            row.units.append(record.unit)
        column = (council_of(record) or NO_COUNCIL, record.period or NO_PERIOD)
        row.cells.setdefault(column, []).append(record)
        if record.period_start and (column not in starts or record.period_start < starts[column]):
            starts[column] = record.period_start
    # Unknown starts sort after known ones; the label breaks ties and orders the unknowns.
    columns = sorted(
        {column for row in rows.values() for column in row.cells},
        key=lambda column: (column[0], column not in starts, starts.get(column, ""), column[1]),
    )
    # Catalogue indicators by id, then the ones matched by their text alphabetically.
    ordered = [rows[key] for key in sorted(rows, key=lambda key: (key[0] != GROUPED_BY_CATALOGUE, key[1]))]
    return columns, ordered


def _compare_sheet(sheet: Worksheet, records: Sequence[KPIRecord]) -> None:
    columns, indicators = compare_matrix(records)
    first = len(COMPARE_LEADING) + 1
    # Two header rows: councils (merged over their periods) above periods, so the matrix
    # reads like a hand-made one. A table allows one header row only, so this sheet gets a
    # plain autofilter on the period row instead.
    _set_cell(sheet, 1, first - 1, "council →")
    sheet.cell(row=1, column=first - 1).font = BOLD
    sheet.cell(row=1, column=first - 1).alignment = Alignment(horizontal="right")
    start = first
    for offset, (council, _period) in enumerate(columns):
        column = first + offset
        is_last = offset + 1 == len(columns) or columns[offset + 1][0] != council
        if not is_last:
            continue
        _set_cell(sheet, 1, start, council)
        sheet.cell(row=1, column=start).font = BOLD
        sheet.cell(row=1, column=start).alignment = Alignment(horizontal="center")
        if column > start:
            sheet.merge_cells(start_row=1, start_column=start, end_row=1, end_column=column)
        start = column + 1
    header = [*COMPARE_LEADING, *(period for _council, period in columns)]
    _write_header(sheet, header, row=2)
    for row_number, indicator in enumerate(indicators, start=3):
        grouped_by = GROUPED_BY_CATALOGUE if indicator.canonical_id else GROUPED_BY_TEXT
        leading: list[Cell] = [indicator.canonical_id, indicator.name, "; ".join(indicator.units) or None, grouped_by]
        for column, value in enumerate(leading, start=1):
            _set_cell(sheet, row_number, column, value)
        for offset, key in enumerate(columns):
            found = indicator.cells.get(key)
            if not found:
                continue
            ranked = sorted(found, key=_rank, reverse=True)
            best = ranked[0]
            value = _cell_value(best)
            _set_cell(sheet, row_number, first + offset, value)
            cell = sheet.cell(row=row_number, column=first + offset)
            cell.number_format = number_format(best.unit, _number(value))
            if len(ranked) > 1:
                # The other readings stay one hover away rather than silently dropped.
                lines = [f"{len(ranked)} records for this cell.", f"Shown: {_describe(best)}", "Others:"]
                lines += [f"- {_describe(other)}" for other in ranked[1:]]
                comment = Comment(excel_text("\n".join(lines)), "kpiextract")
                comment.width, comment.height = 420, 40 + 20 * len(lines)
                cell.comment = comment
    last_row = len(indicators) + 2
    if indicators:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(header))}{last_row}"
    sheet.freeze_panes = sheet.cell(row=3, column=first).coordinate
    _fit_columns(sheet, header, header_row=2)
    _widen_for_councils(sheet, columns, first)
    _fit_rows(sheet, header, header_row=2)
    _print_setup(sheet, "1:2")


def _widen_for_councils(sheet: Worksheet, columns: Sequence[tuple[str, str]], first: int) -> None:
    # A council's name spans its period columns; one period may be narrower than the name.
    spans: dict[str, list[int]] = {}
    for offset, (council, _period) in enumerate(columns):
        spans.setdefault(council, []).append(first + offset)
    for council, indexes in spans.items():
        letters = [get_column_letter(index) for index in indexes]
        total = sum(sheet.column_dimensions[letter].width for letter in letters)
        needed = min(len(excel_text(council)) + 2, MAX_WIDTH)
        if total < needed:
            sheet.column_dimensions[letters[-1]].width += needed - total


# --- Sources ----------------------------------------------------------------------------------


def _sources_sheet(sheet: Worksheet, results: Sequence[ExtractionResult]) -> None:
    _finish(sheet, list(SOURCES_HEADER), [source_row(result) for result in results], SOURCES_SHEET, freeze="B2")


# --- workbook ---------------------------------------------------------------------------------


def build_workbook(
    records: Iterable[KPIRecord], results: Sequence[ExtractionResult] | None = None
) -> Workbook:
    """The workbook ``write_xlsx`` saves; separate so it can be built and inspected in memory."""
    records = list(records)  # read by every sheet
    workbook = Workbook()
    workbook.properties.creator = "kpiextract"
    kpis = workbook.active
    kpis.title = KPI_SHEET
    _kpis_sheet(kpis, records)
    _benchmarks_sheet(workbook.create_sheet(BENCHMARKS_SHEET), records)
    _compare_sheet(workbook.create_sheet(COMPARE_SHEET), records)
    if results is not None:
        _sources_sheet(workbook.create_sheet(SOURCES_SHEET), results)
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
