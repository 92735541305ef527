"""RAG statuses printed only as colour (readers/pdf/swatches.py).

The scorecards in tests/data/pdf/rag-*.pdf were made by tools/make_rag_swatches.py from HTML
printed by Chromium and from python-docx documents printed by LibreOffice: a RAG column of
empty cells filled red, amber or green; a Status column of coloured circles (inline SVG and
CSS rounded boxes); a RAG column of "●" characters printed in colour; and a page of charts
with coloured bars, a RAG key and a coloured banner beside a table whose statuses are words.
rag-mixed.* have a Status column of words and filled cells, a RAG column with one filled cell
and a Priority column with one red cell (no status); rag-symbols.* a RAG column of symbol-font
dots (Word's Wingdings and Webdings symbols printed by LibreOffice; ZapfDingbats by reportlab).
The statuses below are the generator's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kpiextract.api import extract
from kpiextract.export import write
from kpiextract.models import ExtractionResult
from kpiextract.readers.drawn import DRAWN, without_drawn
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.pdf.glyphs import pdfium_shapes, pdfium_words
from kpiextract.readers.pdf.opening import _open_pdfium
from kpiextract.readers.pdf.swatches import status_colour, status_words

DATA = Path(__file__).parent / "data" / "pdf"

FILL = {
    "Percentage of adults with a learning disability in paid employment": (6.1, "red"),
    "Proportion of people who use services who feel safe": (71.4, "green"),
    "Permanent admissions to residential care per 100,000 aged 65+": (612.0, "amber"),
    "Percentage of safeguarding enquiries where the risk was reduced or removed": (93.0, "green"),
    "Delayed transfers of care from hospital per 100,000 population": (11.8, "red"),
}
DOTS = {
    "Household waste sent for reuse, recycling or composting": (44.2, "amber"),
    "Major planning applications determined in time": (96.0, "green"),
    "Number of households in temporary accommodation": (412.0, "red"),
    "Average days to re-let council homes": (28.0, "green"),
}
GLYPHS = {
    "Percentage of invoices paid within 30 days": (94.1, "amber"),
    "Average working days lost to sickness per employee": (9.8, "red"),
    "Percentage of council tax collected": (97.2, "green"),
}
MIXED = {
    "Smoking prevalence in adults aged 18 and over": (12.4, "green"),
    "Children aged 10 to 11 classified as overweight or obese": (37.8, "red"),
    "Uptake of NHS Health Checks by the eligible population": (41.0, "amber"),
    "Successful completion of drug treatment (non-opiate users)": (36.2, "green"),
    "Percentage of streets free of litter at inspection": (91.0, "amber"),
    "Number of electric vehicle charge points installed": (148.0, None),
    "Tonnes of food waste collected for composting": (2310.0, None),
}
SYMBOLS = {
    "Percentage of undisputed invoices paid within 30 days": (94.8, "amber"),
    "Percentage of business rates collected": (98.1, "green"),
    "Average days to process new benefit claims": (24.6, "red"),
}
WORDS = {
    "Percentage of Education, Health and Care Plans issued within 20 weeks": (58.0, "amber"),
    "Percentage of children's social care assessments completed within 45 days": (88.0, "green"),
}


@cache
def result(name: str) -> ExtractionResult:
    return extract(DATA / name)


def read(name: str) -> dict[str, tuple[float | None, str | None]]:
    return {record.indicator: (record.value, record.rag) for record in result(name).records}


@pytest.mark.parametrize("name", ["rag-fill.chromium.pdf", "rag-fill.docx.pdf"])
def test_filled_status_cells_give_each_row_its_rag(name: str) -> None:
    """An empty RAG cell filled red, amber or green reads as that status, row by row, whether
    Chromium painted it (a CSS background, zebra rows and a shaded header around it) or
    LibreOffice did (Word cell shading in Word's standard colours, each fill painted twice)."""
    assert read(name) == FILL


def test_coloured_dots_give_each_row_its_rag() -> None:
    """A Status column of coloured circles, drawn as SVG circles and as CSS rounded boxes."""
    assert read("rag-dots.chromium.pdf") == DOTS


@pytest.mark.parametrize("name", ["rag-glyphs.chromium.pdf", "rag-glyphs.docx.pdf"])
def test_coloured_dot_characters_give_each_row_its_rag(name: str) -> None:
    """A "●" character printed in red, amber or green in the RAG cell (a CSS colour; a coloured
    Word run printed by LibreOffice, centred in its cell a few sizes right of the "RAG" header)
    reads as its status, the word in place of the mark."""
    assert read(name) == GLYPHS
    [table] = [block for block in read_pdf(DATA / name).blocks() if block.is_table]
    assert [without_drawn(row[-1]) for row in table.rows] == ["RAG", "Amber", "Red", "Green"]


def test_charts_keys_and_banners_give_no_status_and_no_record() -> None:
    """Short coloured bars beside service names (two of them of about one length, so lined up
    like a column, with other bars between), a column chart, a key whose swatches stand before
    "Red = off target" and a green banner with its heading: none is a status, none a record.
    Only the table's rows, with their statuses printed as words, are read."""
    assert read("rag-chart.chromium.pdf") == WORDS
    document = _open_pdfium(DATA / "rag-chart.chromium.pdf", None)
    try:
        page = document[0]
        shapes = pdfium_shapes(page)
        words = pdfium_words(page)
    finally:
        document.close()
    assert len(shapes.swatches) >= 10  # the bars, the key's swatches: seen, and refused
    assert status_words(shapes.swatches, words) == []


@pytest.mark.parametrize("name", ["rag-fill.chromium.pdf", "rag-fill.docx.pdf", "rag-dots.chromium.pdf"])
def test_status_words_stand_only_in_the_status_column(name: str) -> None:
    """One status word per row, all in one column: the shaded header, the zebra rows and the
    rules give none."""
    document = _open_pdfium(DATA / name, None)
    try:
        page = document[0]
        found = status_words(pdfium_shapes(page).swatches, pdfium_words(page))
    finally:
        document.close()
    expected = FILL if "fill" in name else DOTS
    assert [without_drawn(word.text).lower() for word in found] == [rag for _, rag in expected.values()]
    centres = [(word.x0 + word.x1) / 2 for word in found]
    assert max(centres) - min(centres) < 1.0


@pytest.mark.parametrize(("rgb", "status"), [
    ((255, 0, 0), "Red"), ((217, 52, 43), "Red"), ((192, 0, 0), "Red"), ((220, 20, 60), "Red"),
    ((255, 192, 0), "Amber"), ((255, 165, 0), "Amber"), ((245, 166, 35), "Amber"), ((255, 255, 0), "Amber"),
    ((0, 176, 80), "Green"), ((146, 208, 80), "Green"), ((46, 158, 79), "Green"), ((0, 128, 0), "Green"),
    ((219, 229, 241), None),  # header shading: pale blue
    ((242, 242, 242), None),  # zebra stripe: grey
    ((198, 239, 206), None),  # a pale green tint (Excel's "good" fill): a band, not a status
    ((255, 199, 206), None),  # a pale red tint
    ((0, 112, 192), None),  # Word's standard blue
    ((112, 48, 160), None),  # purple
    ((0, 0, 0), None), ((64, 64, 64), None), ((255, 255, 255), None),
])
def test_only_strong_red_amber_and_green_are_statuses(rgb: tuple[int, int, int], status: str | None) -> None:
    assert status_colour(*rgb) == status


def test_a_status_read_from_colour_says_so_and_names_the_colour(tmp_path: Path) -> None:
    """An analyst checking a record sees that its RAG came from a colour, and which: the status
    cell reads "Red [drawn fill #D9342B]" in the record's source text, in JSON and in the
    workbook's "Source text" column; a coloured character is a "mark"; the RAG is still "red"."""
    records = {record.indicator: record for record in result("rag-fill.chromium.pdf").records}
    delayed = records["Delayed transfers of care from hospital per 100,000 population"]
    assert delayed.rag == "red"
    assert delayed.source_text.endswith("| Red [drawn fill #D9342B] | Recovery plan agreed")
    docx = {record.indicator: record for record in result("rag-fill.docx.pdf").records}
    assert docx["Proportion of people who use services who feel safe"].source_text.endswith(
        "| Green [drawn fill #00B050]")
    glyph = {record.indicator: record for record in result("rag-glyphs.chromium.pdf").records}
    assert glyph["Percentage of council tax collected"].source_text.endswith("| Green [drawn mark #2E9E4F]")
    printed = {record.indicator: record for record in result("rag-chart.chromium.pdf").records}
    assert not any(DRAWN.search(record.source_text) for record in printed.values())  # words stay words

    write(list(records.values()), tmp_path / "out.json")
    assert "Red [drawn fill #D9342B]" in (tmp_path / "out.json").read_text(encoding="utf-8")
    import openpyxl

    write(list(records.values()), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["KPIs"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Source text")
    sources = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum("[drawn fill #" in str(text) for text in sources) == len(FILL)


@pytest.mark.parametrize("name", ["rag-mixed.chromium.pdf", "rag-mixed.docx.pdf"])
def test_a_status_column_of_words_and_colours_and_a_lone_swatch_under_a_rag_header(name: str) -> None:
    """A Status column where some rows print "Green" and others only fill the cell, and a RAG
    column where one row alone is rated: each filled cell reads as its status, because its
    column's header names a status column; the unrated rows stay without a RAG."""
    assert read(name) == MIXED


@pytest.mark.parametrize("name", ["rag-mixed.chromium.pdf", "rag-mixed.docx.pdf"])
def test_a_lone_coloured_cell_under_another_header_is_no_status(name: str) -> None:
    """The red cell under "Priority" stands where the RAG column's cells stand (in Chromium's
    print, at the same centre across, below them): it gives no status word."""
    tables = [block for block in read_pdf(DATA / name).blocks() if block.is_table]
    [priority] = [table for table in tables if table.rows[0][0] == "Scheme"]
    assert [row[-1] for row in priority.rows] == ["Priority", "", "", ""]


@pytest.mark.parametrize("name", ["rag-symbols.docx.pdf", "rag-symbols.reportlab.pdf"])
def test_symbol_font_dots_give_each_row_its_rag(name: str) -> None:
    """Dots inserted as Wingdings and Webdings symbols (U+F06C, U+F06E in the text, as Word's
    and LibreOffice's PDFs carry them) and ZapfDingbats' "l" and "n" read as the "●" does."""
    assert read(name) == SYMBOLS
    [table] = [block for block in read_pdf(DATA / name).blocks() if block.is_table]
    assert [row[-1].split(" [")[0] for row in table.rows] == ["RAG", "Amber", "Green", "Red"]
    assert all("[drawn mark #" in row[-1] for row in table.rows[1:])


def test_a_column_of_statuses_read_from_colour_is_a_status_column_whatever_its_header_calls_it() -> None:
    """A column the header calls a figure ("Performance") whose cells are all statuses is the
    status column, whether the statuses were printed or read from colour (the marker is no word
    of the cell)."""
    from kpiextract.layouts.columns import find_header
    from kpiextract.vocab import load

    rows = [["Indicator", "Q3 2023/24", "Target", "Performance"],
            ["Household waste recycled", "44.2%", "45%", "Amber [drawn fill #FFC000]"],
            ["Major planning applications in time", "96%", "90%", "Green [drawn mark #00B050]"]]
    found = find_header(rows, load())
    assert found is not None
    assert [column.role for column in found[1]] == ["indicator", "value", "target", "status"]


def test_a_status_header_added_with_patterns_makes_a_lone_coloured_cell_a_status(tmp_path: Path) -> None:
    """--patterns reaches the reader: a user who calls "Priority" a status column gets its red cell.
    (Chromium's print only: LibreOffice stretches that column's cell to 16 times the type size,
    wider than a status cell is taken to be.)"""
    name = "rag-mixed.chromium.pdf"
    (tmp_path / "headers.toml").write_text('[roles]\nstatus = ["priority"]\n', encoding="utf-8")
    tables = [block for block in read_pdf(DATA / name, patterns_dir=str(tmp_path)).blocks() if block.is_table]
    [priority] = [table for table in tables if table.rows[0][0] == "Scheme"]
    assert [without_drawn(row[-1]) for row in priority.rows] == ["Priority", "Red", "", ""]
