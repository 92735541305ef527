"""The analyst's workbook: KPIs table, Benchmarks long format, Compare matrix, Sources.

Checked with openpyxl, and (when LibreOffice is installed) by opening it in a real spreadsheet
application: a workbook openpyxl can read back may still be one Excel or Calc refuses.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kpiextract.export.columns import council_of, flat_rows
from kpiextract.export.safe import is_dangerous
from kpiextract.export.workbook import build_workbook, write_xlsx
from kpiextract.export.workbook.cells import number_format
from kpiextract.models import Benchmark, ExtractionResult, KPIRecord

HYPERLINK = '=HYPERLINK("http://x","click")'
SHEETS = ["KPIs", "Benchmarks", "Compare", "Sources", "Fields"]
PERCENT = "0.0%"
COUNT = "#,##0"
LIBREOFFICE_TIMEOUT = 120

REREF = ("CSC-01", "Re-referrals to children's social care within 12 months")
HOUSEHOLDS = ("CSC-02", "Approved fostering households")
QUARTERS = {"Q1 2023/24": ("2023-04-01", "2023-06-30"), "Q2 2023/24": ("2023-07-01", "2023-09-30")}
# Printed values by (council, quarter): re-referrals (%) and households (count).
VALUES = {
    ("kent", "Q1 2023/24"): (22.1, 1271),
    ("kent", "Q2 2023/24"): (21.4, 1280),
    ("oldham", "Q1 2023/24"): (18.0, 270),
    ("oldham", "Q2 2023/24"): (19.5, 274),
}
RAGS = {"kent": "red", "oldham": "green"}


def make_record(**overrides: Any) -> KPIRecord:
    fields: dict[str, Any] = {
        "indicator": "An indicator",
        "layout": "scorecard",
        "source_file": "kent-cype-scorecard-2023-10.txt",
        "source_text": "An indicator 1 2 3",
        "confidence": 0.9,
    }
    fields.update(overrides)
    # the council identity.py would read from each paper: here, the file name's first word
    fields.setdefault("council", re.split(r"[-_ .\\/]", str(fields["source_file"]).split("\\")[-1])[0] or None)
    return KPIRecord(**fields)


def batch() -> list[KPIRecord]:
    """Two councils x two quarters x two catalogue indicators, plus the awkward cases."""
    records = []
    for (council, period), (percent, count) in VALUES.items():
        start, end = QUARTERS[period]
        common: dict[str, Any] = {
            "period": period,
            "period_start": start,
            "period_end": end,
            "source_file": f"{council}-childrens-performance-{period[:2].lower()}.txt",
            "page": 2,
        }
        records.append(
            make_record(
                indicator=f"{REREF[1]} ({council})",
                canonical_id=REREF[0],
                canonical_name=REREF[1],
                catalogue_score=91.0,
                value=percent,
                value_text=f"{percent}%",
                unit="%",
                target=20.0,
                polarity="lower",
                rag=RAGS[council],
                benchmarks=[
                    Benchmark(name="Statistical Neighbours", value=21.0),
                    Benchmark(name="England", value=20.5),
                ],
                **common,
            )
        )
        records.append(
            make_record(
                indicator=HOUSEHOLDS[1],
                canonical_id=HOUSEHOLDS[0],
                canonical_name=HOUSEHOLDS[1],
                value=float(count),
                value_text=str(count),
                unit="count",
                rag="amber",
                **common,
            )
        )
    records.append(
        # The same cell as kent's Q1 re-referrals, read less surely from the narrative.
        make_record(
            indicator="re-referral rate",
            canonical_id=REREF[0],
            canonical_name=REREF[1],
            value=22.0,
            unit="%",
            period="Q1 2023/24",
            period_start="2023-04-01",
            source_file="kent-childrens-performance-q1.txt",
            page=5,
            layout="narrative",
            confidence=0.6,
        )
    )
    records.append(
        make_record(
            indicator="Caseloads per social worker",
            value=17.0,
            period="Q2 2023/24",
            period_start="2023-07-01",
            source_file="oldham-childrens-performance-q2.txt",
            target=16.0,
            target_status="missed",
            rag="green",
            rag_disagrees=True,
        )
    )
    records.append(
        # Untrusted text everywhere a paper or a file name can put it.
        make_record(
            indicator=HYPERLINK,
            commentary="+1 on last quarter",
            section="@SUM(A1)",
            value=-13.7,
            value_text="-13.7",
            unit="%",
            period="-1",
            source_file="@evil-paper.txt",
            benchmarks=[Benchmark(name="=England", value=1.0, text="=1")],
        )
    )
    return records


def batch_results(records: list[KPIRecord]) -> list[ExtractionResult]:
    by_file: dict[str, list[KPIRecord]] = {}
    for record in records:
        by_file.setdefault(record.source_file, []).append(record)
    results = [
        ExtractionResult(source_file=name, pages=4, layouts=sorted({r.layout for r in rs}), records=rs)
        for name, rs in by_file.items()
    ]
    results[0].warnings = ["=page 3: table without header"]
    results.append(ExtractionResult(source_file="broken.pdf", error="not a PDF: no %PDF header"))
    return results


@pytest.fixture
def records() -> list[KPIRecord]:
    return batch()


@pytest.fixture
def workbook_path(tmp_path: Path, records: list[KPIRecord]) -> Path:
    out = tmp_path / "batch.xlsx"
    write_xlsx(records, out, results=batch_results(records))
    return out


@pytest.fixture
def workbook(workbook_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook_path)


def header_of(sheet: Worksheet, row: int = 1) -> list[Any]:
    return [cell.value for cell in sheet[row]]


def column_cells(sheet: Worksheet, name: str) -> list[Any]:
    """The data cells (below a one-row header) of the column titled ``name``."""
    index = header_of(sheet).index(name) + 1
    return [sheet.cell(row=row, column=index) for row in range(2, sheet.max_row + 1)]


def kpi_row(sheet: Worksheet, **match: Any) -> dict[str, Any]:
    """The row whose cells equal ``match`` (column titles with spaces as underscores), as {title: cell}."""
    header = header_of(sheet)
    found = []
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        if all(cells[name.replace("_", " ")].value == value for name, value in match.items()):
            found.append(cells)
    assert len(found) == 1, f"{len(found)} rows match {match}"
    return found[0]


def compare_cells(sheet: Worksheet) -> dict[tuple[str, str, str], Any]:
    """Compare's data cells keyed by (row's catalogue id or indicator, council, period column)."""
    header = header_of(sheet)
    first = header.index("Grouped by") + 1
    cells = {}
    for row in sheet.iter_rows(min_row=2):
        key = row[0].value or row[1].value
        for index in range(first, len(row)):
            if row[index].value is not None:
                cells[(key, row[2].value, header[index])] = row[index]
    return cells


# --- structure --------------------------------------------------------------------------------


def test_sheets_in_order(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == SHEETS


def test_kpis_is_one_table_with_the_figures_first(workbook: openpyxl.Workbook, records: list[KPIRecord]) -> None:
    sheet = workbook["KPIs"]
    header = header_of(sheet)
    # what an analyst reads first is on the first screen, under readable titles
    assert header[:7] == ["Indicator", "Council", "Period", "Value", "Unit", "Target", "RAG"]
    comparators = header[7:header.index("Direction")]
    assert comparators[0] == "England" and "Statistical Neighbours" in comparators
    assert header.index("Source file") < header.index("Catalogue id")
    assert sheet.max_row == len(records) + 1
    (table,) = sheet.tables.values()
    names, _ = flat_rows(records)
    assert table.ref == f"A1:{get_column_letter(len(names))}{len(records) + 1}"
    assert table.tableStyleInfo.name == "TableStyleMedium2" and table.tableStyleInfo.showRowStripes
    assert [column.name for column in table.tableColumns] == header
    # The table carries the filter buttons; a sheet autofilter as well would break the file.
    assert sheet.auto_filter.ref is None
    assert sheet.freeze_panes == "B2"


def test_the_fields_sheet_names_every_columns_field(workbook: openpyxl.Workbook, records: list[KPIRecord]) -> None:
    names, _ = flat_rows(records)
    fields = {row[0]: (row[1], row[2]) for row in workbook["Fields"].iter_rows(min_row=2, values_only=True)}
    assert [fields[title][0] for title in header_of(workbook["KPIs"])] == names
    assert fields["Value"] == ("value", KPIRecord.model_fields["value"].description)
    assert fields["England"][1].startswith("the figure the paper gives for the comparator England")
    assert all(meaning for _, meaning in fields.values())


def test_percentages_are_excel_percentages_and_keep_their_meaning(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["KPIs"]
    percent = kpi_row(sheet, Catalogue_id=REREF[0], Council="kent", Period="Q1 2023/24", Layout="scorecard")
    # 22.1% is stored as Excel stores a percentage, so switching the format keeps its meaning
    assert percent["Value"].value == pytest.approx(0.221) and percent["Value"].data_type == "n"
    assert percent["Value"].number_format == PERCENT
    assert percent["Target"].value == pytest.approx(0.20) and percent["Target"].number_format == PERCENT
    assert percent["England"].value == pytest.approx(0.205)
    count = kpi_row(sheet, Catalogue_id=HOUSEHOLDS[0], Council="kent", Period="Q1 2023/24")
    assert count["Value"].value == 1271 and count["Value"].number_format == COUNT
    assert percent["Period start"].is_date
    assert percent["Confidence"].number_format == "0.00"


def test_one_kpi_has_one_number_of_decimals(records: list[KPIRecord]) -> None:
    mixed = [make_record(indicator="Exclusions", unit="%", value=0.14, period="2016/17", council="kent"),
             make_record(indicator="Exclusions", unit="%", value=0.2, target=0.1, period="2017/18", council="kent")]
    sheet = build_workbook(mixed)["KPIs"]
    assert {cell.number_format for cell in column_cells(sheet, "Value")} == {"0.00%"}
    assert column_cells(sheet, "Target")[1].number_format == "0.00%"


@pytest.mark.parametrize(
    ("unit", "places", "signed", "fmt"),
    [
        ("%", 1, False, PERCENT),
        ("%", 2, False, "0.00%"),  # never hides a printed digit
        ("%", 1, True, '+0.0" pp";-0.0" pp";0.0" pp"'),  # a difference of percentages: points
        ("count", 0, False, COUNT),
        ("count", 1, False, "#,##0.0"),
        ("days", 0, False, '#,##0" days"'),
        ("£", 0, False, '"£"#,##0'),
        ("rate", 1, False, "General"),
        (None, 0, False, "General"),
    ],
)
def test_number_format(unit: str | None, places: int, signed: bool, fmt: str) -> None:
    assert number_format(unit, places, signed=signed) == fmt


def test_rag_cells_are_filled(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["KPIs"]
    colours = {"red": ("FFC7CE", "9C0006"), "amber": ("FFEB9C", "9C5700"), "green": ("C6EFCE", "006100")}
    seen = set()
    for cell in column_cells(sheet, "RAG"):
        if cell.value is None:
            assert cell.fill.fill_type is None
            continue
        fill, font = colours[cell.value]
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith(fill)
        assert cell.font.color.rgb.endswith(font)
        seen.add(cell.value)
    assert seen == set(colours)


def test_flags_are_ticks_and_a_disagreement_is_highlighted(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["KPIs"]
    flagged = kpi_row(sheet, Indicator="Caseloads per social worker")
    assert flagged["RAG disagrees"].value == "✓"
    assert flagged["RAG disagrees"].fill.fill_type == "solid" and flagged["RAG disagrees"].font.bold
    assert flagged["Target met"].value == "missed"
    assert flagged["Target met"].fill.fgColor.rgb.endswith("FFC7CE")
    calm = kpi_row(sheet, Catalogue_id=HOUSEHOLDS[0], Council="kent", Period="Q1 2023/24")
    # a flag that is not set is a blank, not FALSE on every row
    assert calm["RAG disagrees"].value is None and calm["Target worked out"].value is None
    assert calm["RAG disagrees"].fill.fill_type is None


def test_rows_stay_one_or_two_lines_high_and_widths_are_capped(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["KPIs"]
    header = header_of(sheet)
    assert not any(cell.alignment.wrap_text for cell in column_cells(sheet, "Source text"))
    assert all(cell.alignment.wrap_text for cell in column_cells(sheet, "Indicator"))
    for index in range(2, sheet.max_row + 1):
        assert (sheet.row_dimensions[index].height or 15.0) <= 30.0
    for index in range(1, len(header) + 1):
        assert 0 < sheet.column_dimensions[get_column_letter(index)].width <= 50


def test_each_row_links_to_its_paper_at_its_page(tmp_path: Path) -> None:
    paper = tmp_path / "kent paper.pdf"
    record = make_record(source_file="papers/kent paper.pdf", page=7, council="Kent")
    result = ExtractionResult(source_file="papers/kent paper.pdf", path=str(paper), records=[record])
    workbook = build_workbook([record], [result])
    link = column_cells(workbook["KPIs"], "Source file")[0].hyperlink
    assert link.target == f"{paper.as_uri()}#page=7"
    source = column_cells(workbook["Sources"], "Path")[0]
    assert source.value == str(paper) and source.hyperlink.target == paper.as_uri()


# --- Benchmarks -------------------------------------------------------------------------------


def test_benchmarks_one_row_per_record_and_comparator(
    workbook: openpyxl.Workbook, records: list[KPIRecord]
) -> None:
    sheet = workbook["Benchmarks"]
    assert header_of(sheet) == ["Indicator", "Council", "Period", "Comparator", "Comparator value", "Value", "Unit",
                                "Difference", "Comparator period", "Comparator as printed", "Catalogue id",
                                "Source file", "Page"]
    assert sheet.max_row - 1 == sum(len(record.benchmarks) for record in records)
    (table,) = sheet.tables.values()
    assert table.ref == f"A1:M{sheet.max_row}"
    rows = [dict(zip(header_of(sheet), row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    kent_q1 = [row for row in rows if row["Council"].value == "kent" and row["Period"].value == "Q1 2023/24"]
    # England before statistical neighbours, whatever order the paper printed them in.
    assert [row["Comparator"].value for row in kent_q1] == ["England", "Statistical Neighbours"]
    england = kent_q1[0]
    assert england["Comparator value"].value == pytest.approx(0.205)
    assert england["Value"].value == pytest.approx(0.221)
    assert england["Difference"].value == pytest.approx(1.6)  # percentage points
    assert england["Difference"].number_format.startswith('+0.0" pp"')
    assert england["Comparator value"].number_format == PERCENT
    assert england["Source file"].value == "kent-childrens-performance-q1.txt"
    assert england["Page"].value == 2


# --- Compare ----------------------------------------------------------------------------------


def test_compare_has_a_row_per_kpi_per_council_and_a_column_per_period(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["Compare"]
    cells = compare_cells(sheet)
    for (council, period), (percent, count) in VALUES.items():
        key = "2023/24 Q1" if period.startswith("Q1") else "2023/24 Q2"
        assert cells[(REREF[0], council, key)].value == pytest.approx(percent / 100)
        assert cells[(HOUSEHOLDS[0], council, key)].value == count
    assert cells[(REREF[0], "oldham", "2023/24 Q2")].number_format == PERCENT
    assert cells[(HOUSEHOLDS[0], "oldham", "2023/24 Q2")].number_format == COUNT
    header = header_of(sheet)
    assert header[:5] == ["Catalogue id", "Indicator", "Council", "Unit", "Grouped by"]
    assert header.index("2023/24 Q1") < header.index("2023/24 Q2")  # periods in time order
    assert sheet.freeze_panes == "F2"


def test_compare_rows_by_catalogue_then_indicator_text(workbook: openpyxl.Workbook) -> None:
    rows = [[cell.value for cell in row[:5]] for row in workbook["Compare"].iter_rows(min_row=2)]
    assert rows[:4] == [[REREF[0], REREF[1], "kent", "%", "catalogue"],
                        [REREF[0], REREF[1], "oldham", "%", "catalogue"],
                        [HOUSEHOLDS[0], HOUSEHOLDS[1], "kent", "count", "catalogue"],
                        [HOUSEHOLDS[0], HOUSEHOLDS[1], "oldham", "count", "catalogue"]]
    uncatalogued = {row[1]: row for row in rows[4:]}
    assert uncatalogued["Caseloads per social worker"] == [None, "Caseloads per social worker", "oldham", None,
                                                           "indicator text"]


def test_compare_collision_keeps_surest_and_comments_the_rest(workbook: openpyxl.Workbook) -> None:
    cell = compare_cells(workbook["Compare"])[(REREF[0], "kent", "2023/24 Q1")]
    assert cell.value == pytest.approx(0.221)  # the 0.9 scorecard reading, not the 0.6 narrative one (22)
    assert cell.comment is not None
    assert "2 records" in cell.comment.text
    assert "22 (re-referral rate; Q1 2023/24; kent-childrens-performance-q1.txt p.5, narrative" in cell.comment.text
    lone = compare_cells(workbook["Compare"])[(REREF[0], "kent", "2023/24 Q2")]
    assert lone.comment is None


# --- Sources ----------------------------------------------------------------------------------


def test_sources_lists_every_file_with_its_error(workbook: openpyxl.Workbook, records: list[KPIRecord]) -> None:
    sheet = workbook["Sources"]
    header = header_of(sheet)
    assert header[:2] == ["Source file", "Status"] and {"Council", "Committee", "Date", "Title", "Path"} <= set(header)
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len({record.source_file for record in records}) + 1
    broken = rows["broken.pdf"]
    assert (broken["Error"], broken["Status"]) == ("not a PDF: no %PDF header", "error")
    kent = rows["kent-childrens-performance-q1.txt"]
    assert (kent["Records"], kent["Warnings"], kent["Error"], kent["Status"]) == (
        3, "=page 3: table without header", None, "ok")
    assert len(sheet.tables) == 1
    status = column_cells(sheet, "Status")
    assert status[-1].fill.fgColor.rgb.endswith("FFC7CE")


def test_sources_only_with_results(records: list[KPIRecord]) -> None:
    assert build_workbook(records).sheetnames == ["KPIs", "Benchmarks", "Compare", "Fields"]


# --- safety -----------------------------------------------------------------------------------


def test_formula_like_text_is_text_with_a_quote_prefix_in_every_sheet(workbook: openpyxl.Workbook) -> None:
    found = {name: set() for name in SHEETS}
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and is_dangerous(cell.value):
                    # stored as text, shown as written, edited as text: no visible apostrophe
                    assert cell.data_type == "s" and cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
                    found[sheet.title].add(cell.value)
                if cell.comment is not None and is_dangerous(cell.comment.text):
                    raise AssertionError(f"{sheet.title}!{cell.coordinate}: comment starts like a formula")
    # Each sheet really met untrusted text, so the check above tested something.
    assert HYPERLINK in found["KPIs"] and "+1 on last quarter" in found["KPIs"]
    assert "=England" in found["Benchmarks"]
    assert "@evil-paper.txt" not in found["Compare"]
    assert "-1" in found["Compare"] or any(text.startswith("=") for text in found["Compare"])
    assert "@evil-paper.txt" in found["Sources"] and "=page 3: table without header" in found["Sources"]


def test_numbers_stay_numbers(workbook: openpyxl.Workbook) -> None:
    row = kpi_row(workbook["KPIs"], Source_file="@evil-paper.txt")
    assert row["Value"].value == pytest.approx(-0.137) and row["Value"].data_type == "n"
    assert row["Value as printed"].value == "-13.7" and row["Value as printed"].quotePrefix


def test_council_is_the_papers_not_the_file_names(records: list[KPIRecord]) -> None:
    assert council_of(records[0]) == "kent"  # what the paper (here, the fixture) says
    assert council_of(make_record(source_file="s12345.pdf", council=None)) is None


# --- empty ------------------------------------------------------------------------------------


def test_empty_export_is_header_only_without_tables(tmp_path: Path) -> None:
    out = tmp_path / "empty.xlsx"
    write_xlsx([], out, results=[])
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == SHEETS
    for sheet in workbook:
        if sheet.title != "Fields":
            assert not sheet.tables  # a table needs a data row: Excel "repairs" one without
    assert header_of(workbook["KPIs"])[0] == "Indicator"
    assert workbook["KPIs"].max_row == 1
    assert workbook["Benchmarks"].max_row == 1
    assert workbook["Sources"].max_row == 1


# --- a real spreadsheet application -----------------------------------------------------------


def libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: the workbook was not opened in a real spreadsheet app")
    return found


def first_page_text(pdf: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        text = page.get_textpage().get_text_range()
        page.close()
        return str(text)
    finally:
        document.close()


def convert(soffice: str, source: Path, target: str, outdir: Path, profile: Path) -> None:
    """Open ``source`` headless and save it as ``target`` (a LibreOffice filter spec)."""
    result = subprocess.run(
        [
            soffice,
            # A private profile: no clash with a running LibreOffice or a parallel test run.
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=LIBREOFFICE_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, f"soffice failed ({result.returncode}): {result.stdout}{result.stderr}"


# CSV of every sheet (the last field, -1; LibreOffice 7.2+), UTF-8 (76), cells as shown (9th).
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def test_libreoffice_opens_the_workbook(tmp_path: Path, workbook_path: Path) -> None:
    soffice = libreoffice()
    profile = tmp_path / "lo-profile"
    out = tmp_path / "out"
    empty = tmp_path / "empty.xlsx"
    write_xlsx([], empty, results=[])

    convert(soffice, workbook_path, "pdf", out, profile)
    pdf = out / "batch.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF")

    # the first printed page is the analyst's first screen: the figures are on it, beside the names
    first_page = first_page_text(pdf)
    for title in ("Indicator", "Council", "Period", "Value", "Unit", "Target", "RAG", "England"):
        assert re.search(rf"\b{title}\b", first_page), f"{title!r} is not on the first page"
    assert "22.1%" in first_page and "1,271" in first_page

    convert(soffice, workbook_path, ALL_SHEETS_CSV, out, profile)
    kpis = out / "batch-KPIs.csv"
    if not kpis.exists():  # LibreOffice before 7.2 writes only the first sheet, unsuffixed
        kpis = out / "batch.csv"
    text = kpis.read_text(encoding="utf-8")
    assert text.startswith("Indicator,Council,Period,Value,Unit,Target,RAG,")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(batch())
    shown = {(row["Council"], row["Period"], row["Unit"], row["Layout"]): row for row in rows}
    percent = shown[("kent", "Q1 2023/24", "%", "scorecard")]
    # As Calc displays the cells: the number formats, dates and flags all survived the trip.
    assert (percent["Value"], percent["Target"], percent["Period start"]) == ("22.1%", "20.0%", "2023-04-01")
    assert shown[("kent", "Q1 2023/24", "count", "scorecard")]["Value"] == "1,271"
    assert {row["RAG disagrees"] for row in rows} == {"✓", ""}
    # text that looks like a formula shows as written: no apostrophe, no formula
    assert any(row["Indicator"] == HYPERLINK for row in rows)
    assert not any(value.startswith("'") for row in rows for value in row.values() if value)
    compare = out / "batch-Compare.csv"
    if compare.exists():
        assert "21.4%" in compare.read_text(encoding="utf-8")

    convert(soffice, empty, "pdf", out, profile)
    assert (out / "empty.pdf").stat().st_size > 0


# --- issue 13's folder: two councils sharing a first word, one paper twice, quarters three ways ---

COMPARE_FOLDER = Path(__file__).resolve().parent / "data" / "compare"


@pytest.mark.timeout(300)
def test_compare_one_row_per_kpi_per_council_one_column_per_period(tmp_path: Path) -> None:
    """North Yorkshire's quarters are written "Quarter 1 2023/24", "Q2 2023/24" and "October to
    December 2023"; its Q2 paper is there as text and as a PDF printed by Chromium; North Somerset
    writes its quarter "Jul - Sep 2023". Compare must keep the councils apart, read the paper once
    and line the quarters up in time."""
    from typer.testing import CliRunner

    from kpiextract.cli import app

    out = tmp_path / "kpis.xlsx"
    result = CliRunner().invoke(app, ["batch", str(COMPARE_FOLDER), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "another rendering" in result.output
    book = openpyxl.load_workbook(out)

    compare = book["Compare"]
    header = header_of(compare)
    assert header[header.index("Grouped by") + 1:] == ["2023/24 Q1", "2023/24 Q2", "2023/24 Q3"]
    rows = [(row[0] or row[1], row[2]) for row in compare.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == len(set(rows)) == 5
    assert {council for _, council in rows} == {"North Yorkshire", "North Somerset"}
    cells = compare_cells(compare)
    assert [cells[("cl-eet", "North Yorkshire", q)].value for q in ("2023/24 Q1", "2023/24 Q2", "2023/24 Q3")] == \
        [0.61, 0.63, 0.66]
    assert cells[("cl-eet", "North Somerset", "2023/24 Q2")].value == 0.58
    assert ("cl-eet", "North Somerset", "2023/24 Q1") not in cells

    sources = {row[0]: row for row in book["Sources"].iter_rows(min_row=2, values_only=True)}
    assert sources["compare/north-yorkshire-performance-q2-2023-24.txt"][1] == "duplicate"
    assert sources["compare/north-yorkshire-performance-q2-2023-24.pdf"][1] == "ok"
    kpis = book["KPIs"]
    keys = [cell.value for cell in column_cells(kpis, "Period key")]
    assert set(keys) == {"2023/24 Q1", "2023/24 Q2", "2023/24 Q3"}
    assert len(keys) == 11


def test_compare_puts_accounting_periods_in_their_order_after_dated_periods() -> None:
    from kpiextract.export.workbook.compare import compare_matrix
    from kpiextract.parsing.period_keys import period_key

    def record(period: str, start: str | None = None, end: str | None = None) -> KPIRecord:
        return KPIRecord(indicator="Missed bins per 100,000 collections", value=50.0, period=period,
                         period_start=start, period_end=end, period_key=period_key(start, end, period),
                         layout="table", confidence=0.9, source_file="waste.txt", source_text="")

    columns, rows = compare_matrix([record("P10 2023/24"), record("P2 2023/24"), record("P9 2023/24"),
                                    record("Q2 2023/24", "2023-07-01", "2023-09-30")])
    assert columns == ["2023/24 Q2", "2023/24 P2", "2023/24 P9", "2023/24 P10"]
    assert len(rows) == 1
