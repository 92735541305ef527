"""Write six KPI scorecards as Excel workbooks and print them as councils publish them: tests/data/calc/.

    .venv/bin/python tools/make_calc_scorecards.py            # workbooks, PDFs, CSV and text
    .venv/bin/python tools/make_calc_scorecards.py --only ashvale-corporate-scorecard-q3-2024-25

Many councils keep their performance scorecard in a spreadsheet and publish it printed to PDF
(appended to a committee paper), or paste its cells into the paper as text. Each workbook here
is written with openpyxl in a style councils use: a title block of merged cells, section rows
spanning the table, a header of period columns ("Q1 | Q2 | Q3") or of dated months (real date
cells shown as "Oct-24"), two header rows with a merged group of comparators, wrapped header
cells, RAG as a word, a letter or a cell's fill alone, a "Good is" / "Polarity" column,
percentages kept as fractions under a "0.0%" number format, a header row repeated over a manual
page break, gridlines printed or not, a RAG summary with its total, keys and notes.

Renditions, each in its own folder under tests/data/calc/:

- `xlsx/<stem>.xlsx`: the workbook itself.
- `lo-calc/<stem>.pdf`: printed by LibreOffice Calc (`soffice --headless --convert-to pdf`).
- `gnumeric/<stem>.pdf`: printed by Gnumeric (`ssconvert`), a second, independent producer.
- `csv/<stem>.csv`: every sheet as LibreOffice saves it (cells as shown), sheets one after another.
- `paste/<stem>.txt`: the cells as they arrive when copied from the spreadsheet and pasted into a
  paper as text: one row a line, cells separated by tabs, as shown.
- `layout/<stem>.txt`: `pdftotext -layout` of the LibreOffice PDF (the PDF's text pasted).

The gold records (`gold/<stem>.jsonl`) are written by hand from the sheets, not by this script.
Standalone: it does not import kpiextract, and nothing here was shaped to its reader.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "calc"

PCT, PCT2, COUNT, ONE_DP, WHOLE = "0.0%", "0.00%", "#,##0", "0.0", "0"
FILLS = {"G": "92D050", "A": "FFC000", "R": "FF0000", "Green": "92D050", "Amber": "FFC000", "Red": "FF0000",
         "On target": "C6EFCE", "Within tolerance": "FFEB9C", "Off target": "FFC7CE",
         "GREEN": "00B050", "AMBER": "FFC000", "RED": "C00000"}
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
UNDER = Border(bottom=Side(style="medium", color="000000"))


def fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=colour, end_color=colour)


@dataclass
class Sheet:
    """One printed sheet: where the rows go is the style's; the cells' values and formats are the content's."""

    name: str
    widths: list[float]
    landscape: bool = True
    gridlines: bool = False
    font: str = "Calibri"
    size: float = 10
    repeat_rows: str | None = None
    breaks: list[int] = field(default_factory=list)
    fit_width: bool = True
    freeze: str | None = None


class Writer:
    """Writes rows into a worksheet one after another, with the cell styling a style asks for."""

    def __init__(self, ws: Worksheet, sheet: Sheet) -> None:
        self.ws, self.sheet, self.row = ws, sheet, 1
        for i, width in enumerate(sheet.widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width

    def font(self, bold: bool = False, size: float | None = None, colour: str = "000000") -> Font:
        return Font(name=self.sheet.font, size=size or self.sheet.size, bold=bold, color=colour)

    def title(self, text: str, size: float, bold: bool = True, span: int | None = None) -> None:
        span = span or len(self.sheet.widths)
        cell = self.ws.cell(self.row, 1, text)
        cell.font = self.font(bold, size)
        cell.alignment = Alignment(vertical="center")
        if span > 1:
            self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=span)
        self.row += 1

    def blank(self) -> None:
        self.row += 1

    def cells(self, values: list[object], formats: list[str | None] | None = None, *, bold: bool = False,
              border: Border | None = None, shade: str | None = None, wrap: bool = True,
              fills: dict[int, str] | None = None, centre_from: int = 2, height: float | None = None) -> int:
        row = self.row
        for col, value in enumerate(values, 1):
            cell = self.ws.cell(row, col, value)
            cell.font = self.font(bold)
            if formats and col - 1 < len(formats) and formats[col - 1]:
                cell.number_format = formats[col - 1]  # type: ignore[assignment]
            horizontal = "left" if col <= centre_from or isinstance(value, str) and len(value) > 24 else "center"
            cell.alignment = Alignment(wrap_text=wrap, vertical="center", horizontal=horizontal)
            if border:
                cell.border = border
            if shade:
                cell.fill = fill(shade)
            if fills and col - 1 in fills:
                cell.fill = fill(fills[col - 1])
        if height:
            self.ws.row_dimensions[row].height = height
        self.row += 1
        return row

    def section(self, text: str, shade: str = "D9D9D9", border: Border | None = BOX) -> None:
        span = len(self.sheet.widths)
        for col in range(1, span + 1):
            cell = self.ws.cell(self.row, col)
            cell.fill = fill(shade)
            if border:
                cell.border = border
        cell = self.ws.cell(self.row, 1, text)
        cell.font = self.font(True)
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=span)
        self.row += 1

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        self.ws.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)

    def page_break(self) -> None:
        self.ws.row_breaks.append(Break(id=self.row - 1))


def setup(ws: Worksheet, sheet: Sheet) -> None:
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_options.gridLines = sheet.gridlines
    ws.sheet_view.showGridLines = True
    if sheet.fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    if sheet.repeat_rows:
        ws.print_title_rows = sheet.repeat_rows
    if sheet.freeze:
        ws.freeze_panes = sheet.freeze
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Page &P of &N"


def new_sheet(wb: Workbook, sheet: Sheet, first: bool = False) -> Writer:
    ws = wb.active if first else wb.create_sheet()
    assert ws is not None
    ws.title = sheet.name
    setup(ws, sheet)
    return Writer(ws, sheet)


# --- 1. Corporate scorecard: Q1 | Q2 | Q3 | Target | RAG | DoT, RAG as words in filled cells, a
# RAG summary sheet with its total, sections as merged shaded rows, header repeated over a manual break.

def ashvale(wb: Workbook) -> None:
    summary = new_sheet(wb, Sheet("Summary", [30, 22, 16], landscape=False, fit_width=False), first=True)
    summary.title("Ashvale Borough Council", 14)
    summary.title("Corporate Performance Scorecard: Quarter 3 2024/25", 12)
    summary.blank()
    summary.title("Summary of performance at the end of Quarter 3", 11)
    summary.cells(["Status", "Number of indicators", "Share"], bold=True, border=BOX, shade="D9E1F2", centre_from=1)
    for status, number, share in (("Green", 9, 9 / 18), ("Amber", 4, 4 / 18), ("Red", 3, 3 / 18),
                                  ("No status", 2, 2 / 18), ("Total", 18, 1.0)):
        summary.cells([status, number, share], [None, COUNT, PCT], border=BOX, centre_from=1,
                      fills={0: FILLS[status]} if status in FILLS else None, bold=status == "Total")
    w = new_sheet(wb, Sheet("Scorecard", [8, 52, 11, 11, 11, 11, 10, 12], gridlines=True, repeat_rows="4:4",
                            freeze="A5"))
    w.title("Ashvale Borough Council", 14)
    w.title("Corporate Performance Scorecard: Quarter 3 2024/25", 12)
    w.title("Data as at 31 December 2024. Q3 figures are provisional.", 10, bold=False)
    w.cells(["Ref", "Indicator", "Q1", "Q2", "Q3", "Target", "RAG", "DoT"], bold=True, shade="1F4E78",
            border=BOX, height=20)
    for c in range(1, 9):
        w.ws.cell(4, c).font = w.font(True, colour="FFFFFF")
    rows: list[tuple[str, ...] | tuple[object, ...]] = [
        ("Priority 1: A thriving local economy",),
        ("AV01", "Percentage of major planning applications determined within 13 weeks", PCT, 0.912, 0.934, 0.958,
         0.90, "Green", "Improved"),
        ("AV02", "Percentage of minor planning applications determined within 8 weeks", PCT, 0.843, 0.811, 0.826,
         0.85, "Amber", "Improved"),
        ("AV03", "Number of new businesses supported", COUNT, 46, 52, 38, 50, "Red", "Declined"),
        ("AV04", "Occupancy rate of council-owned commercial units", PCT, 0.921, 0.918, 0.918, 0.90, "Green",
         "No change"),
        ("Priority 2: Clean and green neighbourhoods",),
        ("AV05", "Percentage of household waste sent for reuse, recycling and composting", PCT, 0.462, 0.447,
         0.409, 0.45, "Red", "Declined"),
        ("AV06", "Residual household waste per household (kg)", ONE_DP, 118.4, 121.0, 116.2, 120, "Green",
         "Improved"),
        ("AV07", "Fly-tipping incidents cleared within 2 working days", PCT, 0.956, 0.971, 0.948, 0.95, "Amber",
         "Declined"),
        ("AV08", "Missed bin collections per 100,000 collections", ONE_DP, 42.1, 38.6, 35.2, 40, "Green",
         "Improved"),
        ("BREAK",),
        ("Priority 3: Healthy and safe communities",),
        ("AV09", "Leisure centre visits", COUNT, 212406, 198330, 187905, 200000, "Amber", "Declined"),
        ("AV10", "Percentage of food businesses rated 3 or above", PCT, 0.968, 0.971, 0.974, 0.95, "Green",
         "Improved"),
        ("AV11", "Average days to process new Housing Benefit claims", ONE_DP, 19.4, 17.8, 16.9, 18, "Green",
         "Improved"),
        ("AV12", "Households in temporary accommodation", COUNT, 84, 91, 97, "n/a", None, "Declined"),
        ("Priority 4: An efficient and responsive council",),
        ("AV13", "Percentage of Council Tax collected (cumulative)", PCT, 0.297, 0.568, 0.834, 0.842, "Amber",
         "Improved"),
        ("AV14", "Percentage of Business Rates collected (cumulative)", PCT, 0.311, 0.589, 0.851, 0.845, "Green",
         "Improved"),
        ("AV15", "Percentage of calls answered within 60 seconds", PCT, 0.742, 0.768, 0.801, 0.80, "Green",
         "Improved"),
        ("AV16", "Average working days lost to sickness per FTE (cumulative)", ONE_DP, 2.1, 4.3, 6.8, 6.0, "Red",
         "Declined"),
        ("AV17", "Percentage of FOI requests responded to within 20 working days", PCT, 0.889, 0.902, "n/a", 0.90,
         None, None),
        ("AV18", "Stage 1 complaints responded to within 10 working days", PCT, 0.815, 0.836, 0.872, 0.85, "Green",
         "Improved"),
    ]
    for row in rows:
        if row == ("BREAK",):
            w.page_break()
        elif len(row) == 1:
            w.section(str(row[0]), shade="BDD7EE")
        else:
            ref, name, fmt, q1, q2, q3, target, rag, dot = row
            w.cells([ref, name, q1, q2, q3, target, rag, dot], [None, None, fmt, fmt, fmt, fmt],  # type: ignore[list-item]
                    border=BOX, fills={6: FILLS[str(rag)]} if rag else None)
    w.blank()
    for note in ("Notes", "n/a: not available. Q3 figures for FOI requests will be reported at Quarter 4.",
                 "RAG: Green on or better than target; Amber within 5% of target; Red more than 5% worse than target.",
                 "DoT (direction of travel) compares Quarter 3 with Quarter 2."):
        w.title(note, 9, bold=note == "Notes", span=8)


# --- 2. Children's scorecard: two header rows, a merged "Comparators" group over England | South East |
# Stat neighbours, a column named after the council, RAG as cell fill alone, "Good is" High/Low, a key of fills.

def brackenford(wb: Workbook) -> None:
    w = new_sheet(wb, Sheet("Scorecard", [46, 9, 11, 13, 10, 7, 11, 11, 13], font="Arial", size=9,
                            repeat_rows="5:6", gridlines=False))
    w.title("Brackenford Council", 13)
    w.title("Children's Services Performance Scorecard", 12)
    w.title("December 2024", 11)
    w.blank()
    top = w.cells(["Indicator", "Good is", "Period", "Brackenford", "Target", "RAG", "Comparators", None, None],
                  bold=True, border=BOX, shade="DDEBF7", centre_from=1)
    w.cells([None, None, None, None, None, None, "England", "South East", "Stat neighbours"], bold=True,
            border=BOX, shade="DDEBF7", centre_from=1)
    for col in range(1, 7):
        w.merge(top, col, top + 1, col)
    w.merge(top, 7, top, 9)
    rows: list[tuple[object, ...]] = [
        ("Early Help and Front Door",),
        ("Early help assessments completed within 45 days", "High", "Dec 2024", 0.862, PCT, 0.85, "G", None, None,
         None),
        ("Re-referrals to children's social care within 12 months", "Low", "Dec 2024", 0.214, PCT, 0.20, "A",
         0.224, 0.211, 0.203),
        ("Referral decisions made within 1 working day", "High", "Dec 2024", 0.947, PCT, 0.95, "A", None, None,
         None),
        ("Child Protection",),
        ("Child protection plans per 10,000 children", "n/a", "Dec 2024", 38.2, ONE_DP, None, None, 41.6, 38.9,
         40.2),
        ("Child protection plans lasting 2 years or more", "Low", "Dec 2024", 0.021, PCT, 0.03, "G", 0.042, 0.039,
         0.037),
        ("Child protection visits within timescale", "High", "Dec 2024", 0.912, PCT, 0.95, "A", None, None, None),
        ("Initial child protection conferences within 15 working days", "High", "Dec 2024", 0.781, PCT, 0.85, "R",
         0.78, 0.803, 0.774),
        ("Children in Care",),
        ("Children in care per 10,000 children", "n/a", "Dec 2024", 58.3, ONE_DP, None, None, 70.0, 55.2, 61.4),
        ("Children in care with 3 or more placements in the year", "Low", "Dec 2024", 0.084, PCT, 0.10, "G", 0.10,
         0.09, 0.095),
        ("Care leavers aged 19-21 in education, employment or training", "High", "Q3 2024/25", 0.592, PCT, 0.60,
         "A", 0.56, 0.57, 0.55),
        ("Average days between entering care and moving in with an adoptive family", "Low", "2021-24", 412, WHOLE,
         426, "G", 367, 391, 402),
        ("Education and Inclusion",),
        ("Pupils attending good or outstanding schools", "High", "Dec 2024", 0.903, PCT, 0.90, "G", 0.89, 0.91,
         0.90),
        ("Persistent absence in secondary schools", "Low", "2023/24", 0.234, PCT, 0.22, "A", 0.256, 0.243, 0.249),
        ("16-17 year olds not in education, employment or training (NEET) or not known", "Low", "Dec 2024", 0.041,
         PCT, 0.04, "A", 0.052, 0.047, 0.045),
        ("EHC plans issued within 20 weeks (excluding exceptions)", "High", "Dec 2024", 0.473, PCT, 0.60, "R",
         0.503, 0.412, 0.438),
    ]
    for row in rows:
        if len(row) == 1:
            w.section(str(row[0]), shade="F2F2F2")
            continue
        name, good, period, value, fmt, target, rag, eng, se, sn = row
        w.cells([name, good, period, value, target, None, eng, se, sn], [None, None, None, fmt, fmt, None, fmt, fmt,  # type: ignore[list-item]
                fmt], border=BOX, fills={5: FILLS[str(rag)]} if rag else None, centre_from=1)
    w.blank()
    w.title("Key", 9, span=1)
    for colour, meaning in (("G", "On or better than target"), ("A", "Within 10% of target"),
                            ("R", "More than 10% from target")):
        w.ws.cell(w.row, 1, meaning).font = w.font(size=9)
        w.ws.cell(w.row, 2).fill = fill(FILLS[colour])
        w.row += 1
    w.title("Comparator figures are the latest published for 2023 or 2023/24.", 9, bold=False)


# --- 3. Adult social care: a tall header of wrapped cells naming periods ("Q1 2024/25", "Q2 Target"),
# status words, a comments column, portrait, no gridlines, no borders but a rule under the header.

def colnmere(wb: Workbook) -> None:
    w = new_sheet(wb, Sheet("Q2", [8, 36, 8, 10, 10, 10, 9, 11, 11, 34], landscape=False, font="Calibri", size=9,
                            repeat_rows="4:4"))
    w.title("Colnmere County Council: Adult Social Care key performance indicators", 12)
    w.title("Quarter 2 2024/25 (July to September 2024)", 11)
    w.blank()
    w.cells(["PI Code", "Performance Indicator", "Good is", "2023/24 Outturn", "Q1 2024/25", "Q2 2024/25",
             "Q2 Target", "Status", "Direction of Travel", "Comments"], bold=True, border=UNDER, height=42)
    rows: list[tuple[object, ...]] = [
        ("ASC01", "Proportion of new requests for support resulting in information and advice only", "Higher",
         PCT, 0.612, 0.634, 0.648, 0.60, "On target", "Improving",
         "Front door redesign continues to resolve more contacts at first point."),
        ("ASC02", "Permanent admissions to residential and nursing care, aged 65+, per 100,000 population",
         "Lower", ONE_DP, 548.2, 142.6, 281.0, 270.0, "Within tolerance", "Worsening",
         "Cumulative; admissions from hospital rose in August."),
        ("ASC03", "Proportion of older people still at home 91 days after discharge into reablement", "Higher",
         PCT, 0.822, 0.847, 0.839, 0.85, "Within tolerance", "Worsening", None),
        ("ASC04", "Adults with learning disabilities in paid employment", "Higher", PCT, 0.048, 0.051, 0.053,
         0.06, "Off target", "Improving", "Supported employment pilot starts in Q3."),
        ("ASC05", "Reviews of long-term support completed within 12 months", "Higher", PCT, 0.587, 0.612, 0.655,
         0.70, "Off target", "Improving", "Agency reviewing team in place until March 2025."),
        ("ASC06", "Average days from referral to Care Act assessment", "Lower", WHOLE, 24, 27, 22, 28,
         "On target", "Improving", None),
        ("ASC07", "Safeguarding enquiries where the person's desired outcomes were fully or partially met",
         "Higher", PCT, 0.936, 0.951, 0.962, 0.95, "On target", "Improving", None),
        ("ASC08", "Carers assessments completed (cumulative)", "Higher", COUNT, 1284, 341, 662, 650, "On target",
         "Improving", "2023/24 outturn is the full year."),
        ("ASC09", "Delayed transfers of care from hospital per 100,000 population", "Lower", ONE_DP, 8.9, 9.4,
         9.4, 9.0, "Within tolerance", "Stable", None),
    ]
    for code, name, good, fmt, last, q1, q2, target, status, dot, comment in rows:
        w.cells([code, name, good, last, q1, q2, target, status, dot, comment],
                [None, None, None, fmt, fmt, fmt, fmt], fills={7: FILLS[str(status)]})  # type: ignore[list-item]
    w.blank()
    w.title("Figures for Q2 are provisional and may change when the statutory return is submitted.", 9,
            bold=False, span=10)
    w.title("Status: On target; Within tolerance (within 5% of target); Off target (more than 5% from target).",
            9, bold=False, span=10)


# --- 4. Housing: month columns as real date cells shown "mmm-yy", RAG as a letter in a filled cell,
# "Higher is better" polarity, a HouseMark comparator, gridlines printed, portrait, header repeated.

def dunmere(wb: Workbook) -> None:
    w = new_sheet(wb, Sheet("Housing", [7, 44, 11, 9, 9, 9, 9, 6, 11], landscape=False, gridlines=True,
                            repeat_rows="3:3", font="Arial", size=9))
    w.title("Dunmere District Council: Housing Services Performance, October to December 2024", 12)
    w.blank()
    months = [dt.datetime(2024, 10, 1), dt.datetime(2024, 11, 1), dt.datetime(2024, 12, 1)]
    w.cells(["KPI", "Description", "Good is", *months, "Target", "RAG", "HouseMark median"],
            [None, None, None, "mmm-yy", "mmm-yy", "mmm-yy"], bold=True, shade="E2EFDA", height=30)
    rows: list[tuple[object, ...]] = [
        ("HS01", "Rent collected as a percentage of rent due", "Higher is better", PCT, 0.971, 0.975, 0.982, 0.98,
         "G", 0.987),
        ("HS02", "Current tenant rent arrears as a percentage of rent due", "Lower is better", PCT, 0.024, 0.026,
         0.023, 0.025, "G", 0.022),
        ("HS03", "Average days to re-let empty homes (standard voids)", "Lower is better", WHOLE, 31, 34, 29, 28,
         "A", 36),
        ("HS04", "Emergency repairs completed within 24 hours", "Higher is better", PCT, 0.978, 0.965, 0.958, 0.99,
         "R", 0.97),
        ("HS05", "Non-emergency repairs completed within target timescale", "Higher is better", PCT, 0.861, 0.874,
         0.889, 0.90, "A", 0.88),
        ("HS06", "Homes with a valid gas safety certificate", "Higher is better", PCT2, 1.0, 0.9995, 0.9998, 1.0,
         "A", 0.9999),
        ("BREAK",),
        ("HS07", "Homelessness cases prevented or relieved", "Higher is better", PCT, 0.624, 0.588, 0.601, 0.60,
         "G", None),
        ("HS08", "Anti-social behaviour cases resolved", "Higher is better", PCT, 0.912, 0.934, 0.921, 0.90, "G",
         0.885),
        ("HS09", "Households in temporary accommodation (at month end)", "Lower is better", WHOLE, 42, 45, 51, 40,
         "R", None),
        ("HS10", "Tenant satisfaction with repairs (transactional survey)", "Higher is better", PCT, 0.812, 0.836,
         0.845, 0.85, "A", 0.79),
        ("HS11", "Stage 1 complaints responded to within 10 working days", "Higher is better", PCT, 0.78, 0.82,
         0.91, 0.95, "A", 0.86),
    ]
    for row in rows:
        if row == ("BREAK",):
            w.page_break()
            continue
        code, name, good, fmt, oct_, nov, dec, target, rag, median = row
        w.cells([code, name, good, oct_, nov, dec, target, rag, median], [None, None, None, fmt, fmt, fmt, fmt,  # type: ignore[list-item]
                None, fmt], fills={7: FILLS[str(rag)]})
    w.blank()
    w.title("RAG is for December against target. HouseMark median: 2023/24 benchmarking club, all members.", 8,
            bold=False, span=9)


# --- 5. Resources dashboard: a RAG summary with its total above the table, month headers as text
# without a year ("Sep | Oct | Nov", the year in the title), sections, Unicode trend arrows, a key.

def eastwold(wb: Workbook) -> None:
    w = new_sheet(wb, Sheet("Dashboard", [6, 48, 11, 10, 10, 10, 10, 8, 8], gridlines=False, repeat_rows="11:11"))
    w.title("Eastwold Council", 14)
    w.title("Resources Directorate KPI Dashboard: November 2024", 12)
    w.blank()
    w.cells([None, "RAG status", "Measures", "Share"], bold=True, border=BOX, centre_from=2)
    for status, number, share in (("Green", 6, 0.5), ("Amber", 3, 0.25), ("Red", 3, 0.25), ("Total", 12, 1.0)):
        w.cells([None, status, number, share], [None, None, COUNT, "0%"], border=BOX,
                fills={1: FILLS[status]} if status in FILLS else None, bold=status == "Total")
    w.blank()
    w.blank()
    w.cells(["No.", "Measure", "Frequency", "Target", "Sep", "Oct", "Nov", "RAG", "Trend"], bold=True,
            shade="305496", border=BOX)
    for c in range(1, 10):
        w.ws.cell(w.row - 1, c).font = w.font(True, colour="FFFFFF")
    rows: list[tuple[object, ...]] = [
        ("Finance",),
        (1, "Invoices paid within 30 days", "Monthly", PCT, 0.95, 0.961, 0.948, 0.953, "Green", "↑"),
        (2, "Council Tax collection rate (cumulative)", "Monthly", PCT, 0.745, 0.561, 0.651, 0.742, "Amber", "↑"),
        (3, "Debt over 90 days as a percentage of total debt", "Monthly", PCT, 0.15, 0.182, 0.176, 0.169, "Red",
         "↑"),
        ("People",),
        (4, "Sickness absence (days per FTE, rolling 12 months)", "Monthly", ONE_DP, 8.5, 9.1, 9.0, 8.8, "Amber",
         "↑"),
        (5, "Staff turnover (rolling 12 months)", "Monthly", PCT, 0.12, 0.118, 0.121, 0.124, "Amber", "↓"),
        (6, "Mandatory training completed", "Monthly", PCT, 0.90, 0.864, 0.881, 0.903, "Green", "↑"),
        ("Customer Services",),
        (7, "Calls answered", "Monthly", PCT, 0.90, 0.873, 0.902, 0.915, "Green", "↑"),
        (8, "Average call waiting time (seconds)", "Monthly", WHOLE, 120, 146, 131, 118, "Green", "↑"),
        (9, "Complaints responded to within 10 working days", "Monthly", PCT, 0.90, 0.812, 0.795, 0.774, "Red",
         "↓"),
        ("ICT",),
        (10, "ICT service desk incidents resolved within SLA", "Monthly", PCT, 0.92, 0.934, 0.941, 0.925, "Green",
         "↓"),
        (11, "System availability (core business hours)", "Monthly", PCT2, 0.995, 0.9991, 0.9987, 0.9994, "Green",
         "↑"),
        (12, "Cyber security training completion", "Quarterly", PCT, 0.95, 0.902, 0.912, 0.921, "Red", "↑"),
    ]
    for row in rows:
        if len(row) == 1:
            w.section(str(row[0]), shade="D9E1F2")
            continue
        number, name, freq, fmt, target, sep, oct_, nov, rag, trend = row
        w.cells([number, name, freq, target, sep, oct_, nov, rag, trend], [None, None, None, fmt, fmt, fmt, fmt],  # type: ignore[list-item]
                border=BOX, fills={7: FILLS[str(rag)]})
    w.blank()
    w.title("Trend: ↑ improving, ↓ worsening, → no change, compared with the previous month.", 9, bold=False)
    w.title("RAG is November's figure against target.", 9, bold=False)


# --- 6. Community safety year end: baseline, target and outturn columns of one year, a signed variance
# column ("+9.2%"), RAG as upper-case words on dark fills, "Polarity" H/L, a most-similar-group comparator.

def fallowmere(wb: Workbook) -> None:
    w = new_sheet(wb, Sheet("2023-24", [50, 9, 12, 12, 12, 11, 10, 13], gridlines=False, font="Arial", size=9))
    w.title("Fallowmere Community Safety Partnership", 13)
    w.title("Performance Scorecard 2023/24 (Year End)", 12)
    w.blank()
    w.cells(["Measure", "Polarity", "2022/23 Baseline", "2023/24 Target", "2023/24 Outturn", "Variance to target",
             "RAG", "MSG average"], bold=True, border=BOX, shade="D9D9D9", height=30, centre_from=1)
    var_pct, var_n = "+0.0%;-0.0%;0.0%", "+#,##0;-#,##0;0"
    rows: list[tuple[object, ...]] = [
        ("Reducing crime",),
        ("Total recorded crime (per 1,000 population)", "L", ONE_DP, 72.4, 70.0, 68.9, -0.016, var_pct, "GREEN",
         74.2),
        ("Violence with injury (per 1,000 population)", "L", ONE_DP, 6.8, 6.5, 7.1, 0.092, var_pct, "RED", 6.9),
        ("Residential burglary (per 1,000 households)", "L", ONE_DP, 5.2, 5.0, 4.6, -0.08, var_pct, "GREEN", 5.9),
        ("Anti-social behaviour incidents reported to police", "L", COUNT, 4812, 4500, 4655, 155, var_n, "AMBER",
         None),
        ("Protecting vulnerable people",),
        ("Repeat victims of domestic abuse (MARAC)", "L", PCT, 0.28, 0.28, 0.31, 0.03, var_pct, "AMBER", 0.29),
        ("Hate crimes reported", "n/a", COUNT, 287, None, 312, None, None, None, None),
        ("Young people",),
        ("First time entrants to the youth justice system (per 100,000 aged 10-17)", "L", WHOLE, 168, 160, 151,
         -0.056, var_pct, "GREEN", 172),
        ("Young people reoffending within 12 months", "L", PCT, 0.312, 0.30, 0.327, 0.09, var_pct, "RED", 0.318),
    ]
    for row in rows:
        if len(row) == 1:
            w.section(str(row[0]), shade="F2F2F2")
            continue
        name, polarity, fmt, base, target, outturn, variance, vfmt, rag, msg = row
        w.cells([name, polarity, base, target, outturn, variance, rag, msg],
                [None, None, fmt, fmt, fmt, vfmt, None, fmt], border=BOX, centre_from=1,  # type: ignore[list-item]
                fills={6: FILLS[str(rag)]} if rag else None)
        if rag in ("RED", "GREEN"):
            w.ws.cell(w.row - 1, 7).font = w.font(True, colour="FFFFFF")
    w.blank()
    w.title("Polarity: H higher is better; L lower is better. MSG: most similar group of community safety "
            "partnerships.", 8, bold=False)
    w.title("Hate crime reporting is monitored without a target: more reports can mean more confidence to report.", 8,
            bold=False)


BOOKS: dict[str, Callable[[Workbook], None]] = {
    "ashvale-corporate-scorecard-q3-2024-25": ashvale,
    "brackenford-childrens-scorecard-2024-12": brackenford,
    "colnmere-adult-social-care-q2-2024-25": colnmere,
    "dunmere-housing-performance-2024-12": dunmere,
    "eastwold-resources-dashboard-2024-11": eastwold,
    "fallowmere-community-safety-2023-24": fallowmere,
}


def run(*args: str, cwd: Path | None = None) -> None:
    subprocess.run(list(args), check=True, cwd=cwd, capture_output=True, timeout=300)


def sheets_as_text(xlsx: Path, work: Path, separator: str) -> str:
    """Every sheet's cells as LibreOffice shows them, one row a line, sheets one after another."""
    code = {",": "44", "\t": "9"}[separator]
    out = work / ("csv" if separator == "," else "tsv")
    out.mkdir(exist_ok=True)
    # 12th token -1: every sheet to its own file (<name>-<Sheet>.csv); 76: UTF-8; "true": as shown
    run("soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to",
        f"csv:Text - txt - csv (StarCalc):{code},34,76,1,,0,false,true,true,false,false,-1", "--outdir", str(out),
        str(xlsx))
    parts = []
    for path in [out / f"{xlsx.stem}-{name}.csv" for name in sheet_order(xlsx)]:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=separator))
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=separator, lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL if separator == "," else csv.QUOTE_NONE, escapechar="\\")
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            writer.writerow(row + [""] * (width - len(row)))  # a copied range: every row as wide as the range
        parts.append(buffer.getvalue())
    return "\n".join(parts)


def sheet_order(xlsx: Path) -> list[str]:
    """LibreOffice names each sheet's file after the sheet: the workbook's own order is kept."""
    return load_workbook(xlsx).sheetnames


def render(stem: str, build: Callable[[Workbook], None]) -> None:
    wb = Workbook()
    build(wb)
    wb.properties.creator = "kpiextract tools"
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 15, 9, 0, 0)
    for folder in ("xlsx", "lo-calc", "gnumeric", "csv", "paste", "layout"):
        (OUT / folder).mkdir(parents=True, exist_ok=True)
    xlsx = OUT / "xlsx" / f"{stem}.xlsx"
    wb.save(xlsx)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run("soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
            "--outdir", str(work), str(xlsx))
        shutil.copy(work / f"{stem}.pdf", OUT / "lo-calc" / f"{stem}.pdf")
        normalise(OUT / "lo-calc" / f"{stem}.pdf")
        run("ssconvert", "--export-type=Gnumeric_pdf:pdf_assistant", str(xlsx), str(work / "g.pdf"))
        shutil.copy(work / "g.pdf", OUT / "gnumeric" / f"{stem}.pdf")
        normalise(OUT / "gnumeric" / f"{stem}.pdf")
        for separator, folder, ext in ((",", "csv", "csv"), ("\t", "paste", "txt")):
            text = sheets_as_text(xlsx, work, separator)
            (OUT / folder / f"{stem}.{ext}").write_text(text, encoding="utf-8")
    layout = subprocess.run(["pdftotext", "-layout", str(OUT / "lo-calc" / f"{stem}.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    (OUT / "layout" / f"{stem}.txt").write_text(layout, encoding="utf-8")


def normalise(pdf: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from print_papers import normalise_pdf
    normalise_pdf(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=sorted(BOOKS))
    args = parser.parse_args()
    for stem in args.only or BOOKS:
        render(stem, BOOKS[stem])
        print(stem)


if __name__ == "__main__":
    main()
