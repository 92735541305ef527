"""Unruled tables from independent producers: zones cut by whitespace gutters, rows from the cells'
own alignment, lists never tables, shaded rows stacked back on their table.

Every PDF here was printed by a producer the reader was not tuned to (LibreOffice from a docx or
from HTML, headless Chromium, reportlab): tests/data/pdf/ and samples/printed/.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from kpiextract.api import extract
from kpiextract.readers.pdf import analyse_page, read_pdf
from kpiextract.readers.pdf.model import FoundTable, wrap_step
from kpiextract.readers.pdf.unruled import _plausible
from kpiextract.readers.structure import is_list_label

ROOT = Path(__file__).resolve().parents[1]
STRUCTURES = ROOT / "tests" / "data" / "pdf"
PRINTED = ROOT / "samples" / "printed"
BCP = "bcp-childrens-scrutiny-q3-2023-24"
BUCKS = "buckinghamshire-portfolio-scorecard-2023-05"
CABINET = "buckinghamshire-cabinet-childrens-update-2017-11"
OLDHAM = "oldham-childrens-performance-q2-2023-24"
KENT = "kent-cype-scorecard-2018-09"

CENTRED_INDICATORS = [
    "Percentage of children looked after with an up-to-date health assessment and dental check in the last "
    "12 months",
    "Percentage of Initial Child Protection Conferences held within 15 working days of the strategy discussion",
    "Percentage of children subject to a child protection plan seen by their social worker within the last 10 "
    "working days",
    "Percentage of 16-17 year olds not in education, employment or training or whose activity is not known",
]


def page_tables(path: Path, page: int) -> list[FoundTable]:
    """The tables one page gives, before the passes over the whole paper (joins)."""
    return analyse_page(path, page).content.tables


def printed(producer: str, stem: str) -> Path:
    return PRINTED / producer / f"{stem}.pdf"


@cache
def facts(path: Path) -> set[tuple[str, float | None, float | None, str | None, str | None]]:
    return {(r.indicator, r.value, r.target, r.period, r.rag) for r in extract(path).records}


def expected_facts(name: str) -> set[tuple[str, float | None, float | None, str | None, str | None]]:
    records = json.loads((STRUCTURES / f"{name}.expected.json").read_text())["records"]
    return {(r["indicator"], r["value"], r["target"], r["period"], r["rag"]) for r in records}


# ----------------------------------------------------------------- vertically centred cells


@pytest.mark.parametrize("name", ["centred-cells.docx", "centred-cells.chromium"])
def test_centred_cells_wrapped_over_lines_are_one_row_each(name: str) -> None:
    """Indicator names wrap to 2-4 lines, every other cell is centred on them, and the rows touch
    (no padding): each row's lines go to it, not to the row whose figures stand nearest."""
    [table] = page_tables(STRUCTURES / f"{name}.pdf", 1)
    assert table.rows[0] == ["Indicator", "Period", "Actual", "Target", "England", "Status"]
    assert [row[0] for row in table.rows[1:]] == CENTRED_INDICATORS
    assert table.rows[1][1:] == ["Q2 2023/24", "87%", "90%", "89%", "Amber"]
    assert table.rows[3][1:] == ["Q2 2023/24", "93%", "90%", "n/a", "Green"]
    assert facts(STRUCTURES / f"{name}.pdf") == expected_facts(name)


def test_centred_cells_whose_columns_share_no_baseline_are_found() -> None:
    """Word centres a short KPI name beside a long comment: the two columns' lines interleave and
    no baseline holds both, yet they stand side by side across a gutter (Oldham, docx page 2)."""
    tables = page_tables(printed("docx", OLDHAM), 2)
    rows = tables[0].rows
    assert rows[0] == ["KPIs", "Comments"]  # the shaded header row on top
    assert rows[1][1].startswith("17 to 18. Service development plans")  # the row the page break cut
    kpi = next(row for row in rows if row[0].startswith("M619b"))
    assert kpi[0] == "M619b Percentage of Care Leavers aged 19+ in Education, Employment or Training"
    assert kpi[1].startswith("A key priority for improvement") and kpi[1].endswith("reaching 49.7% (high is good).")
    assert ["Data:", ""] in rows


def test_touching_centred_cells_and_a_tall_comment_make_one_row() -> None:
    """The 12-column scorecard (BCP, docx page 5): the measure's lines interleave with the figures'
    baseline and a comment of twenty lines; a figure column needs less than an em of gutter."""
    [table] = page_tables(printed("docx", BCP), 5)
    assert len(table.rows[0]) == 12 and table.rows[0][:2] == ["Measure", "Q1 Target 2023/24"]
    fostering = table.rows[1]
    assert fostering[0] == "2023/24 - Existing - Social Care: Number of approved fostering households"
    assert fostering[1:10] == ["n/a", "n/a", "271", "271", "250", "270", "271", "250", "274"]
    assert fostering[10].startswith("In Q2 it was reported that there was a reduction in one approved carer")
    assert fostering[10].endswith("is on an upward trajectory.")
    school = table.rows[2]
    assert school[0].endswith("Percentage of Children in Care attending a good/outstanding school (cumulative figure)")
    assert school[1:10] == ["90%", "60%", "79.30%", "79.30%", "60%", "79.30%", "79.30%", "60%", "85.00%"]


def test_figures_once_glued_into_a_paragraph_are_cells() -> None:
    """Centred rows of figures beside wrapped text used to fall out of the table as one paragraph
    ("... 0.05 0.06 0.03 ..."); the row's figures are cells now (BCP, docx page 7)."""
    [table] = page_tables(printed("docx", BCP), 7)
    primary = next(row for row in table.rows if "all primary school age children" in row[0])
    assert primary[1:10] == ["0.05", "0.06", "0.03", "0.05", "0.06", "0.00", "0.05", "0.06", "0.02"]


def test_a_row_cut_by_the_page_break_stands_apart_from_the_next_row() -> None:
    """At the top of a page, the rest of a centred row's comment runs on into the next row's
    comment with no gap; the next row's other cells are centred on its own share only (Bucks,
    docx page 5): the rest is a row of its own, for the paper's join to fold back."""
    [table] = page_tables(printed("docx", BUCKS), 5)
    rest, row = table.rows
    assert rest[:6] == [""] * 6 and rest[6].startswith("overcome their barriers to EET opportunities")
    assert row[:4] == ["% of children subject to a Child Protection Plan seen within 4 weeks", "Aim to Maximise",
                       "95%", "95%"]
    assert row[6].startswith("This indicator measures the percentage of children subject to a Child Protection")


# ----------------------------------------------------------------- shaded rows


def test_borderless_table_under_a_shaded_header_is_one_table() -> None:
    [table] = page_tables(STRUCTURES / "shaded-header.docx.pdf", 1)
    assert table.rows[0] == ["Indicator", "Latest", "Period", "Target", "Statistical Neighbours", "England", "RAG"]
    assert table.rows[1] == ["Percentage of children with an Education, Health and Care Plan who had an annual "
                             "review within 12 months", "58%", "Q4 2022/23", "75%", "68%", "63%", "Red"]
    assert table.rows[2][4:6] == ["n/a", "n/a"]
    assert facts(STRUCTURES / "shaded-header.docx.pdf") == expected_facts("shaded-header.docx")


def test_banded_rows_stack_back_into_their_table() -> None:
    """Word's "Light Shading" style shades every other row: the shaded ones come as one-row ruled
    tables, the others as aligned text (Bucks cabinet report, docx page 1)."""
    tables = page_tables(printed("docx", CABINET), 1)
    assert len(tables) == 1
    assert [row[0] for row in tables[0].rows] == [
        "Title:", "Date:", "Date can be implemented:", "Author:", "Contact officer:", "Local members affected:",
        "Portfolio areas affected:"]
    assert tables[0].rows[1][1] == "Monday 13 November 2017"


def test_grid_whose_rules_stop_short_takes_the_rows_under_it() -> None:
    """reportlab draws the split row under a grid with no bottom rule: it is the grid's next row
    (on the page, a second part whose grid the page frame left open; joined into one table)."""
    tables = [block for block in read_pdf(STRUCTURES / "cross-page.reportlab-norepeat.pdf").blocks()
              if block.is_table]
    assert len(tables) == 1
    assert tables[0].rows[0][:2] == ["Indicator", "Q2 2023/24"]
    assert tables[0].rows[3][:4] == ["Percentage of single assessments completed within 45 working days", "89%",
                                     "85%", "Green"]


# ----------------------------------------------------------------- lists are not tables


@pytest.mark.parametrize("name", ["bullets-docx", "bullets-chromium"])
def test_bullet_lists_are_not_tables(name: str) -> None:
    """Their figures come from the list items' sentences (reading those is the prose layout's job)."""
    path = STRUCTURES / f"{name}.pdf"
    assert page_tables(path, 1) == []
    assert {fact[1] for fact in facts(path)} == {fact[1] for fact in expected_facts(name)}


@pytest.mark.parametrize("page", [1, 3])
def test_bullets_standing_off_numbered_paragraphs_are_not_a_table(page: int) -> None:
    """Kent (docx): Word's bullet sits more than an em before "3.1 The performance ...", which
    once read as a two-column table [bullet | paragraph]."""
    assert page_tables(printed("docx", KENT), page) == []


def test_a_list_above_a_small_table_stays_out_of_it() -> None:
    """Oldham (LibreOffice from HTML, page 3): a glossary list, then a key table of three rows."""
    table = next(t for t in page_tables(printed("lo-html", OLDHAM), 3) if t.rows[0][0] == "red")
    assert [[cell for cell in row if cell] for row in table.rows] == [["red", "4"], ["amber"], ["green", "7"]]


def test_no_table_column_is_made_of_list_labels() -> None:
    for producer in ("docx", "lo-html", "chromium", "reportlab"):
        for block in read_pdf(printed(producer, KENT)).blocks():
            if block.is_table:
                columns = zip(*block.rows, strict=False)
                assert not any(all(is_list_label(cell) for cell in column if cell) for column in columns)


# ----------------------------------------------------------------- rows and pages


def test_a_header_repeated_mid_page_is_dropped() -> None:
    """reportlab's splitInRow repeats the header where it splits the table, on the same page."""
    [table] = page_tables(printed("reportlab", BCP), 8)
    assert sum(1 for row in table.rows if row[0] == "Measure") == 1


def test_rows_of_one_table_keep_their_own_alignment() -> None:
    """LibreOffice prints a centred table's row that a page break cuts from the top; the row
    above it is still centred (Bucks, LibreOffice from HTML, page 1)."""
    [table] = page_tables(printed("lo-html", BUCKS), 1)
    icpc = next(row for row in table.rows if row[0].startswith("% of children with Initial Child Protection"))
    assert icpc[2:4] == ["67%", "82%"]
    assert icpc[6].startswith("This indicator measures the percentage of Initial Child Protection Conferences")


def test_the_rest_of_a_row_at_the_top_of_a_page_joins_the_first_row() -> None:
    """The first lines of a page carry on the row the previous page ended with (LibreOffice from
    HTML: the scorecard on BCP page 8); they stand above the first row, further than a line."""
    [table] = page_tables(printed("lo-html", BCP), 8)
    assert table.rows[0][0].startswith("16-17 year olds not in education, employment or training")
    assert table.rows[1][0] == "2023/24 - Existing - Skills and Learning: Learner Achievement Rates"


def test_prose_beside_prose_is_not_a_table() -> None:
    """Two columns of long cells on two rows (a two-column page, a sidebar) need a column of short
    cells, or three rows that line up, to be a table; a list's labels are no column."""
    prose = "the service has continued to improve its performance over the quarter as planned"
    assert not _plausible([[prose, prose], [prose, prose]])
    assert _plausible([[prose, prose], [prose, prose], [prose, prose]])
    assert _plausible([["Meeting date", "19 March 2024"], ["Status", prose]])
    assert not _plausible([["•", prose], ["•", prose], ["3.4", prose]])


def test_rows_set_without_padding_keep_the_header_apart() -> None:
    """Regression: Chromium prints an unruled table whose rows stand one line pitch apart, so a
    cell under the header touches it; the bold header row was read as the first row's top line
    ("Q2 2023/24 3.4%") and the first KPI lost its value."""
    pdf = ROOT / "tests" / "data" / "compare" / "north-yorkshire-performance-q2-2023-24.pdf"
    (table,) = page_tables(pdf, 1)
    assert table.rows[0] == ["Indicator", "Q2 2023/24", "Target", "RAG", "England"]
    assert table.rows[1] == ["Percentage of child protection plans lasting two years or more",
                             "3.4%", "4%", "Green", "3.7%"]
    assert len(table.rows) == 4


def test_a_justified_line_of_prose_is_not_a_row_of_figures() -> None:
    """Regression: WeasyPrint justifies a paragraph's lines with wide word gaps, so one line
    ("published information for the England average is 21.9% and for 24.3% for Kent's") cut into
    thirteen one-word cells, two of them figures, and passed as a table: the paragraph lost its
    comparators. The PDF is the Kent sample printed by WeasyPrint (HTML -> PDF)."""
    pdf = STRUCTURES / "justified-prose.weasyprint.pdf"
    for table in page_tables(pdf, 3):
        assert "information" not in table.rows[0], table.rows
    records = extract(pdf).records
    referrals = next(r for r in records if "previous referral" in r.indicator)
    assert {b.name: b.value for b in referrals.benchmarks} == {"England": 21.9, "Statistical Neighbours": 24.3}


TABLES = ROOT / "tests" / "data" / "tables"


def test_a_trend_arrow_in_a_larger_fallback_font_keeps_the_last_row_whole() -> None:
    """Regression: LibreOffice (from HTML) draws the trend arrows ("↓") at a larger size than the
    cells' text, and a line's size is its largest word's; the rows with arrows outnumbered the
    wrapped lines, so the last row's wrapped name ("reported (for information)") was judged in
    another type and left out of the table, into the paragraph under it."""
    tables = page_tables(TABLES / "lo-html" / "harrow-district-scorecard-q3-2024-25.pdf", 1)
    assert tables[-1].rows[-1] == ["Number of fly-tipping incidents reported (for information)", "240", "n/a",
                                   "Data only", "↓"]


@pytest.mark.parametrize("producer", ["chromium", "lo-html"])
def test_a_header_row_in_the_body_type_is_a_row_of_its_own(producer: str) -> None:
    """Regression: a header in two rows, a bold one of column groups ("2023/24") over one in the
    body's type that names the columns ("Actual", "Target"), printed unruled. Only a bold header
    was known, so "Actual" was read as the first line of the cell under it ("Actual 94%"). A row
    of words over figures in the same columns is a header: a cell never holds a word over a figure."""
    table = page_tables(TABLES / producer / "kestrel-heath-scrutiny-q3-2024-25.pdf", 1)[0]
    assert table.rows[:3] == [["", "2023/24", "", "2024/25 Q2", "", ""],
                              ["Indicator", "Actual", "Target", "Actual", "Target", "Status"],
                              ["Percentage of food premises rated 3 or above", "94%", "95%", "96%", "95%", "Met"]]


@pytest.mark.parametrize("producer", ["chromium", "lo-html", "latex"])
def test_a_subheading_row_is_not_the_first_line_of_the_row_under_it(producer: str) -> None:
    """Regression: rows set with cell padding, one line each, so that a subheading row (a label in
    the first column alone) stood a row's step above the next row, as a wrapped cell's first line
    would: it was read as the first line of that row's name ("Priority 1: Preventing crime
    Residential burglary"). A wrapped cell's line pitch, shown on the page (lo-html: a wrapped
    subheading; Chromium: a wrapped header cell of the ruled table further down), is well under
    the rows' step: a row's step apart, lines are two cells.

    TeX's tabular has no padding: the subheading stands a line's step over the row, no wider than
    a wrapped name's lines. The row's figures start on the line under it, and the subheading had
    room on its line for that line's first word short of the figures' column: no wrapped name."""
    table = page_tables(TABLES / producer / "wessex-police-panel-q3-2024-25.pdf", 1)[0]
    assert table.rows == [["Outcome", "Baseline", "Current", "Change"],
                          ["Priority 1: Preventing crime", "", "", ""],
                          ["Residential burglary", "3,812", "2,905", "-23.8%"],
                          ["Theft from the person", "1,022", "1,187", "+16.1%"],
                          ["Priority 2: Protecting vulnerable people", "", "", ""],
                          ["Repeat victims of domestic abuse", "31.8%", "28.5%", "-3.3pp"]]


def test_a_wrapped_cell_keeps_its_last_line_from_the_row_under_it() -> None:
    """Regression: Chromium, rows with padding, top-aligned; the unit "kg per household" wrapped
    and its second line stood nearer its first than the next row's "tonnes", but every cell of the
    column touched within a row's step, and the alignment could not tell: it went to the next row
    ("household tonnes")."""
    table = page_tables(TABLES / "chromium" / "dyffryn-aled-waste-q2-2024-25.pdf", 1)[0]
    assert [row[2] for row in table.rows] == ["Unit", "kg per household", "tonnes", "%", "number"]


def test_a_wrapped_line_pitch_is_read_from_lines_that_run_on() -> None:
    """Only a line that runs on the sentence above it (in lower case, in the same type) shows a
    cell's line pitch; a line starting a capital may be a cell, a caption or a card's own line."""
    assert wrap_step(100.0, 9.0, 110.5, 9.0, "household") == 10.5
    assert wrap_step(100.0, 9.0, 109.1, 9.0, "Target: 60%") is None
    assert wrap_step(100.0, 9.0, 110.5, 5.2, "ticks") is None
    assert wrap_step(100.0, 9.0, 105.0, 9.0, "overlapping") is None


def test_a_header_row_inside_a_table_is_not_the_rest_of_the_row_above() -> None:
    """Regression: a second, narrower table printed under a scorecard as its rows (LibreOffice from
    HTML, no rules, rows one line pitch apart). Its header row ("Measure | Q3 2023/24 YTD | Target |
    Status") and the row under it touched the last row above, and were read as wrapped lines of its
    cells ("Missed bins per 100,000 collections Q3 2023/24 YTD 91%"). A row of words over figures in
    the same columns, over every cell of the row under it and under no figure, is a header row of
    its own."""
    (table,) = page_tables(TABLES / "lo-html" / "wyvern-corporate-scorecard-q3-2023-24.pdf", 1)
    assert table.rows[-4:] == [
        ["CP06", "Missed bins per 100,000 collections", "Cumulative", "Q3 23/24", "61", "60", "Amber"],
        ["Measure", "Q3 2023/24 YTD", "Target", "Status", "", "", ""],
        ["Planning applications determined in time", "91%", "90%", "Green", "", "", ""],
        ["Children with a plan reviewed late", "<5", "10", "Green", "", "", ""]]


def test_figures_with_their_units_under_one_another_are_rows_apart() -> None:
    """Regression: in LibreOffice's unruled table, rows whose figures carry a unit or a bound
    ("96.2 per cent", "9.4 days", "< 8 days") ran together into one row of three names until a
    bare figure ("47.3%") ended it: only a bare figure counted as a complete one."""
    doc = read_pdf(ROOT / "tests" / "data" / "tables" / "lo-html" / "fordham-kpis-q3-2024-25.pdf")
    tables = [block for block in doc.blocks() if block.kind == "table"]
    assert [row[0] for row in tables[0].rows][:4] == [
        "KPI", "Percentage of invoices paid within 30 days", "Average sickness absence per FTE",
        "Percentage of household waste recycled"]
    assert tables[0].rows[2][1:3] == ["< 8 days", "9.4 days"]
