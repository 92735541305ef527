"""Ruled tables in PDFs from independent producers (tests/data/pdf, see its README.md): stacked
tables kept apart, tables run over page breaks joined whether or not their header repeats, the
row a page break cut rejoined, wrapped cells rejoined as the text they were wrapped from.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from kpiextract.api import extract
from kpiextract.readers.document import Block, Document
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.pdf import tables as ruled
from kpiextract.readers.pdf.grids import GridRow, bands

DATA = Path(__file__).parent / "data" / "pdf"
PRINTED = Path(__file__).resolve().parents[1] / "samples" / "printed"


@cache
def document(path: Path) -> Document:
    return read_pdf(path)


def table_blocks(path: Path) -> list[Block]:
    return [block for block in document(path).blocks() if block.is_table]


def expected(name: str) -> list[dict]:
    return json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))["records"]


def facts(records: list) -> set[tuple]:
    """What a record says, as comparable tuples (period left out where the layouts differ)."""
    return {(r["indicator"], r["value"], r["target"], r["rag"]) if isinstance(r, dict)
            else (r.indicator, r.value, r.target, r.rag) for r in records}


# ---------------------------------------------------------------- stacked tables

STACKED_HEADERS = [["Social care indicator", "Q3 2023/24", "Target", "RAG"],
                   ["Education measure", "2022/23", "England", "Statistical Neighbours"],
                   ["Early help indicator", "Month", "Value", "Target"]]


@pytest.mark.parametrize("producer", ["docx", "chromium", "reportlab"])
def test_stacked_tables_stay_three_tables(producer: str) -> None:
    """Touching tables share borders and snap into one grid: cut where each one's header opens it
    (chromium, reportlab: the same columns) or where the columns change (docx)."""
    name = f"stacked-tables.{producer}"
    blocks = table_blocks(DATA / f"{name}.pdf")
    assert [block.rows[0] for block in blocks] == STACKED_HEADERS
    assert [len(block.rows) for block in blocks] == [4, 4, 3]
    assert blocks[1].rows[1] == ["Key Stage 2 pupils meeting the expected standard in reading, writing and maths",
                                 "61%", "59%", "60%"]
    records = extract(DATA / f"{name}.pdf").records
    assert facts(records) == facts(expected(name))


def test_stacked_tables_with_different_columns_split_without_their_headers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The column layout alone tells docx's stacked tables apart (header styling ignored)."""
    monkeypatch.setattr(ruled, "header_like", lambda cells, words: False)
    path = DATA / "stacked-tables.docx.pdf"
    blocks = [block for block in read_pdf(path).blocks() if block.is_table]
    assert [block.rows[0] for block in blocks] == STACKED_HEADERS


def _row(top: float, xs: list[float], header: bool = False) -> GridRow:
    cells = [(a, top, b, top + 10) for a, b in zip(xs, xs[1:], strict=False)]
    return GridRow(top=top, bottom=top + 10, cells=cells, covering=cells, header=header)


def test_a_spanning_row_stays_in_its_table() -> None:
    """A row whose cells span columns drops some column rules but adds none: the same table."""
    rows = [_row(0, [0, 100, 150, 200], header=True), _row(10, [0, 100, 150, 200]),
            _row(20, [0, 200]),  # a section row across the table
            _row(30, [0, 100, 150, 200]),
            _row(40, [0, 60, 130, 200], header=True), _row(50, [0, 60, 130, 200])]
    assert [len(band) for band in bands(rows, 1.0)] == [4, 2]


def test_a_header_of_two_rows_is_not_cut() -> None:
    rows = [_row(0, [0, 100, 200], header=True), _row(10, [0, 100, 200], header=True), _row(20, [0, 100, 200])]
    assert [len(band) for band in bands(rows, 1.0)] == [3]


# ---------------------------------------------------------------- across page breaks


@pytest.mark.parametrize("name", ["cross-page.docx-repeat", "cross-page.docx-norepeat",
                                  "cross-page.reportlab-repeat", "cross-page.reportlab-norepeat"])
def test_table_over_a_page_break_is_one_table_with_the_cut_row_whole(name: str) -> None:
    """Header repeated or not, the rows on page 2 join the table; the row the break cut
    (reportlab leaves its grid open at the page foot) is one row; rows on page 2 say page 2."""
    blocks = table_blocks(DATA / f"{name}.pdf")
    assert len(blocks) == 1
    table = blocks[0]
    assert table.rows[0] == ["Indicator", "Q2 2023/24", "Target", "RAG", "Commentary"]
    assert len(table.rows) == 13
    cut = table.rows[3]
    assert cut[:4] == ["Percentage of single assessments completed within 45 working days", "89%", "85%", "Green"]
    assert cut[4].startswith("Performance has improved for the third quarter running.")
    assert cut[4].endswith("which audits identified as an area to strengthen.")
    assert "  " not in cut[4] and "locality teams in the north of the county" in cut[4]
    assert table.row_pages == [1, 1, 1, 1] + [2] * 9
    records = extract(DATA / f"{name}.pdf").records
    assert facts(records) == facts(expected(name))
    assert {r.page for r in records if r.indicator == "Average social worker caseload"} == {2}


def test_a_row_cut_at_the_foot_of_a_landscape_page_stays_in_its_table() -> None:
    """Chromium leaves the grid open where the page cuts a row of the 12-column appendix (page 6):
    the cut row is still a row of the table, with its figures in their columns."""
    path = PRINTED / "chromium" / "bcp-childrens-scrutiny-q3-2023-24.pdf"
    rows = [(row, page) for block in table_blocks(path) for row, page in zip(block.rows, block.row_pages, strict=True)]
    secondary = [(row, page) for row, page in rows if "all secondary school age children" in row[0]]
    assert [page for _, page in secondary] == [6]
    assert secondary[0][0][1:10] == ["0.18", "0.23", "0.46", "0.18", "0.23", "0.04", "0.18", "0.23", "0.16"]
    assert not any("0.46" in block.text for block in document(path).blocks() if not block.is_table)


def test_a_key_cell_cut_by_a_page_break_carries_on_in_the_next_page_row() -> None:
    """LibreOffice closes the grid at the page foot, so the cut row looks whole: the next page's
    first row, words only, going on from the unfinished indicator name, is the rest of it."""
    path = PRINTED / "lo-html-ruled" / "bcp-childrens-scrutiny-q3-2023-24.pdf"
    appendix = next(t for t in table_blocks(path) if t.rows[0][0] == "Measure")
    keys = [row[0] for row in appendix.rows]
    assert ("2023/24 - Existing - Social Care: Percentage of Children in Care attending a good/outstanding "
            "school (cumulative figure)") in keys
    assert ("2023/24 - Existing - Education: Permanent exclusions as a percentage of all primary school age "
            "children") in keys
    assert not any(key[:1].islower() for key in keys)
    assert sorted(set(appendix.row_pages)) == [5, 6, 7, 8] and appendix.row_pages == sorted(appendix.row_pages)


def test_blank_page_after_a_table_leaves_the_table_and_the_paragraphs_apart() -> None:
    for producer in ("docx", "reportlab"):
        path = DATA / f"blank-page.{producer}.pdf"
        blocks = table_blocks(path)
        assert len(blocks) == 1 and len(blocks[0].rows) == 4
        assert blocks[0].rows[0] == ["Indicator", "Q2 2023/24", "Target", "England", "RAG"]
        assert set(blocks[0].row_pages) == {1}


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize("producer", ["docx", "chromium"])
def test_wrapped_header_cells_are_one_cell_each(producer: str) -> None:
    name = f"wrapped-header.{producer}"
    table = table_blocks(DATA / f"{name}.pdf")[0]
    assert table.rows[0] == ["Indicator", "Polarity", "Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Target 2023/24",
                             "RAG", "England 2022/23", "Statistical Neighbours 2022/23", "South East 2022/23"]
    # "aged 19-" / "21 in": a range broken at its hyphen is one token again
    assert table.rows[5][0] == "Percentage of care leavers aged 19-21 in education, employment or training"
    records = extract(DATA / f"{name}.pdf").records
    assert {(r.indicator, r.period, r.value) for r in records} == {
        (g["indicator"], g["period"], g["value"]) for g in expected(name)}


def test_a_shaded_header_heads_the_borderless_body_under_it() -> None:
    """Word's house style: only the header row is drawn (a shaded grid), the body has no rules.
    The header's cells head the body's columns, whichever reader found the body."""
    path = DATA / "shaded-header.docx.pdf"
    blocks = table_blocks(path)
    assert len(blocks) == 1
    table = blocks[0]
    assert table.rows[0] == ["Indicator", "Latest", "Period", "Target", "Statistical Neighbours", "England", "RAG"]
    support = next(row for row in table.rows if row[0].startswith("Percentage of initial Family Support Plans"))
    assert support[1:] == ["92%", "Q4 2022/23", "85%", "n/a", "n/a", "Green"]
    found = {(r.indicator, r.value, r.target) for r in extract(path).records}
    assert ("Percentage of pupils attending schools rated good or outstanding by Ofsted", 90.6, 89.0) in found


def test_a_header_shaded_only_behind_its_text_heads_the_ruled_body_under_it() -> None:
    """LibreOffice printing HTML shades each header cell only as far as its text reaches, so the
    header's wrapped cells are boxes of different heights; the body's cells are centred, and a
    narrow column wraps its codes at the slash ("SSW/" / "014")."""
    name = "shaded-header.lo-html"
    blocks = table_blocks(DATA / f"{name}.pdf")
    assert len(blocks) == 1
    rows = blocks[0].rows
    assert rows[0] == ["Ref", "Measure", "2023/24 outturn", "Q3 2024/25", "Target 2024/25", "RAG"]
    assert [row[0] for row in rows[1:]] == ["SSW/014", "SSW/021", "ENV/007", "ENV/012", "HWY/003"]
    assert rows[4][1:] == ["Percentage of relevant land and highways assessed as having unacceptable levels of "
                           "litter", "7.5%", "9.3%", "6.0%", "Red"]
    records = extract(DATA / f"{name}.pdf").records
    assert facts(records) == facts(expected(name))
    assert {(r.code, r.period) for r in records} == {(g["code"], g["period"]) for g in expected(name)}


def test_a_paragraph_number_printed_touching_its_first_word_is_set_apart() -> None:
    """LibreOffice sets an inline-block paragraph number ("1.1") touching the first word."""
    paragraphs = [b.text for b in document(DATA / "shaded-header.lo-html.pdf").blocks() if not b.is_table]
    assert any(text.startswith("1.1 This report sets out") for text in paragraphs)
    assert any(text.startswith("2.1 The scorecard below") for text in paragraphs)


def test_footnote_markers_are_not_read_into_figures_or_words() -> None:
    """wkhtmltopdf superscripts a footnote marker onto a figure ("25.6%" + "2") barely raised:
    the marker is dropped, not read as more digits; the footnotes keep their own numbers."""
    name = "footnotes.wkhtml"
    path = DATA / f"{name}.pdf"
    rows = table_blocks(path)[0].rows
    assert rows[1][1:] == ["25.6%", "26.2%", "27.0%"]
    assert rows[2][1:] == ["83.4%", "83.8%", "82.9%"]
    texts = [b.text for b in document(path).blocks() if not b.is_table]
    assert any(text.endswith("CIPFA nearest neighbours.") for text in texts)
    assert any(text.startswith("2 Provisional") for text in texts)
    records = extract(path).records
    assert {(r.indicator, r.value, tuple((b.name, b.value) for b in r.benchmarks)) for r in records} == {
        (g["indicator"], g["value"], tuple(g["benchmarks"].items())) for g in expected(name)}


def test_a_chart_tick_next_in_the_text_layer_is_no_footnote_marker() -> None:
    """WeasyPrint writes a card's period line ("Quarter 2 2024/25"), then the next card's chart
    ticks: a small "0" far down the page, back at the left margin, is a tick in its own place,
    not a marker superscripted onto "2024/25" (which would drop the tick and stretch the word
    back across the page)."""
    from kpiextract.readers.pdf.glyphs import pdfium_words
    from kpiextract.readers.pdf.opening import _open_pdfium

    pdf = _open_pdfium(DATA / "two-across-cards.weasyprint.pdf", None)
    try:
        words = pdfium_words(pdf[4])
    finally:
        pdf.close()
    assert all(word.x1 > word.x0 for word in words)
    ticks = [word for word in words if word.text == "0"]
    assert len(ticks) == 2  # the foot of both charts on the page
    period = next(w for w in words if w.text == "2024/25" and w.x0 > 300)
    assert period.x1 - period.x0 < 4 * period.size


def test_a_header_printed_again_inside_a_table_is_kept_once() -> None:
    """reportlab prints the header again after the first part of a row it split: the table keeps
    its header at the top only, and the rows around it stay in the table."""
    path = PRINTED / "reportlab" / "bcp-childrens-scrutiny-q3-2023-24.pdf"
    appendices = [t for t in table_blocks(path) if t.rows[0][0] == "Measure"]
    assert appendices
    for table in appendices:
        assert sum(1 for row in table.rows if row[0] == "Measure") == 1
    rows = [row for table in appendices for row in table.rows]
    assert any(row[0].endswith("Number of children who are missing out on education") for row in rows)


def test_a_banded_table_keeps_its_bare_rows() -> None:
    """Word's "Light Shading": every other row shaded (a fill per cell), no borders but the rules
    at the top, under the header and at the bottom. The shaded rows' columns run through the
    bare rows between them: seven rows, not shaded rows swallowing the bare ones."""
    path = PRINTED / "docx" / "buckinghamshire-cabinet-childrens-update-2017-11.pdf"
    front = next(block for block in document(path).pages[0].blocks if block.is_table)
    assert [row[0] for row in front.rows] == ["Title:", "Date:", "Date can be implemented:", "Author:",
                                              "Contact officer:", "Local members affected:",
                                              "Portfolio areas affected:"]
    assert front.rows[2][1] == "Tuesday 21 November 2017"
    assert front.rows[6][1] == "Children's Services"


# ----------------------------------------------------------------- what a page break leaves


def test_a_page_number_under_a_page_filling_table_does_not_stop_the_table() -> None:
    """Chromium (Bucks scorecard): a page holding only a table and "Page 2 of 8" is two things,
    not one line of content; the number once stood between the table and its continuation."""
    path = PRINTED / "chromium" / "buckinghamshire-portfolio-scorecard-2023-05.pdf"
    assert not [b for b in document(path).blocks() if b.text.startswith("Page ")]
    assert [sorted(set(b.row_pages)) for b in table_blocks(path)] == [[2], [5, 6, 7]]


def test_one_row_at_the_top_of_a_page_carries_on_the_table_above() -> None:
    """LibreOffice (Oldham, unruled): the last row of a table is alone on the next page, too
    little to be a table by itself; it joins the table whose columns it stands in."""
    path = PRINTED / "lo-html" / "oldham-childrens-performance-q2-2023-24.pdf"
    row = next((row, page) for block in table_blocks(path)
               for row, page in zip(block.rows, block.row_pages, strict=True) if row[0].startswith("M649"))
    assert row[1] == 4 and row[0][1].startswith("National comparative data shows")


def test_a_row_cut_mid_name_is_rejoined_when_the_rest_starts_with_a_figure() -> None:
    """LibreOffice (BCP, unruled): "... Percentage of" | "16-17 year olds not in education ..."."""
    path = PRINTED / "lo-html" / "bcp-childrens-scrutiny-q3-2023-24.pdf"
    names = [row[0] for block in table_blocks(path) for row in block.rows]
    assert any("Percentage of 16-17 year olds not in education" in name for name in names)
    assert not any(name.startswith("16-17 year olds") for name in names)


def test_justified_prose_is_never_a_tentative_table() -> None:
    """A justified line's wide spaces look like gutters, but its "cells" are single words."""
    from kpiextract.readers.pdf.unruled import _row_in_columns

    assert not _row_in_columns([["3.11", "The", "completion", "rate", "for", "Returner", "Interviews,"]])
    assert _row_in_columns([["M649 Percentage take up of 2-year-old children", "National comparative data"]])
    assert _row_in_columns([["Re-referrals", "24%", "22%"]])
