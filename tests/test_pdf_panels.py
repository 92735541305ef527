"""Cards set side by side (readers/pdf/panels.py): each card read down its own column.

The dashboard in tests/data/pdf/two-across-cards.*.pdf was printed from one HTML file by three
independent producers (Chromium, WeasyPrint, wkhtmltopdf): two cards to a row, a title that
wraps to a different length in each, a headline figure, labels and a chart whose ticks stand at
the card's left. Read line by line across the page, two cards' titles and figures run together.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kpiextract.readers.document import Document
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.pdf.glyphs import pdfium_words
from kpiextract.readers.pdf.model import group_lines, measure
from kpiextract.readers.pdf.opening import _open_pdfium
from kpiextract.readers.pdf.panels import find_bands

DATA = Path(__file__).parent / "data"
PRODUCERS = ["chromium", "weasyprint", "wkhtml"]


@cache
def document(producer: str) -> Document:
    return read_pdf(DATA / "pdf" / f"two-across-cards.{producer}.pdf")


def texts(producer: str) -> list[str]:
    return [block.text for block in document(producer).blocks() if not block.is_table]


@pytest.mark.parametrize("producer", PRODUCERS)
def test_each_cards_title_is_read_whole_and_its_figure_follows_it(producer: str) -> None:
    """CP01's title wraps to two lines and CP02's beside it to three, so CP01's figure shares a
    baseline with CP02's title: read down each card, every title is one block of its own and the
    card's headline figure comes next."""
    found = texts(producer)
    titles = {
        "CP01 Percentage of adults with a learning disability in paid employment AMBER": "6.1%",
        "CP02 Percentage of Education, Health and Care Plans issued within 20 weeks (excluding exceptions) GREEN":
            "61.4%",
        "CP06 Average time to re-let council homes (calendar days) RED": "38 days",
        "Children in care (at quarter end)": "412",
        "Library visits": "312,455",
    }
    for title, figure in titles.items():
        assert title in found, title
        assert found[found.index(title) + 1] == figure, title
    assert not any(text.startswith("CP01") and "CP02" in text for text in found)
    assert not any(block.is_table for block in document(producer).blocks())  # cards, not a table's rows


@pytest.mark.parametrize("producer", PRODUCERS)
def test_a_cards_chart_ticks_stay_in_its_own_column(producer: str) -> None:
    """The ticks of two charts side by side ("8000 450", "6000 400") are each chart's: the left
    card's run from 8000 down to 0 before the next card down its column, each on a line of its
    own, never on the figure's (wkhtmltopdf sets the chart beside the figures: "6,842  6000")."""
    found = texts(producer)
    start = found.index("Contacts to the Adult Social Care front door")
    end = found.index("Households in temporary accommodation (at quarter end)")
    card = found[start:end]
    assert [text for text in card if not text.isdigit()] == [
        "Contacts to the Adult Social Care front door", "6,842", "Quarter 2 2024/25",
        "Q3 23/24 Q4 23/24 Q1 24/25 Q2 24/25"]
    assert [text for text in card if text.isdigit()] == ["8000", "6000", "4000", "2000", "0"]


def bands_in(path: Path) -> list[int]:
    """The pages of a PDF on which a band of cards side by side is found."""
    pdf = _open_pdfium(path, None)
    try:
        pages = []
        for index in range(len(pdf)):
            lines = group_lines(pdfium_words(pdf[index]))
            if lines and find_bands(lines, measure(lines)):
                pages.append(index + 1)
        return pages
    finally:
        pdf.close()


def test_cards_one_to_a_row_and_mini_tables_of_figures_are_no_band() -> None:
    """The housing dashboard's cards stand one to a row, each with an 'Actual | Target |
    Tolerance' mini-table whose figures are larger than the page's chart-heavy modal size but
    set in its header's size: no headline figure, no band; every card corpus print reads as it
    did."""
    for path in sorted((DATA / "cards").glob("*.pdf")):
        assert bands_in(path) == [], path.name
    assert bands_in(DATA / "pdf" / "two-across-cards.weasyprint.pdf") == [3, 4, 5]


def test_three_cards_across_a_grid_each_read_with_its_own_figures() -> None:
    """An independent design (tools/make_grid_cards.py, printed by Chromium): cards three across
    on shaded backgrounds, no borders, titles wrapping to one, two or three lines, then a row of
    two. Two gutters cut each band; every card is read with its own figure, target, status and
    earlier figure, and nothing else is read."""
    from kpiextract.api import extract

    found = extract(DATA / "pdf" / "three-across-cards.chromium.pdf").records
    read = {r.code: (r.value, r.target, r.rag, r.previous.value if r.previous else None) for r in found}
    assert read == {
        "NM01": (87.2, 85.0, "green", 86.1), "NM02": (14.6, 12.0, "red", 15.2), "NM03": (93.0, 90.0, "green", 88.0),
        "NM04": (56.4, 57.0, "amber", 56.9), "NM05": (91.8, 95.0, "amber", 93.0), "NM06": (11.2, 12.0, "green", 13.4),
        "NM07": (64.0, 80.0, "red", 71.0), "NM08": (42.0, 50.0, "green", 47.0)}
    assert len(found) == 8
    assert found[0].indicator == "Children's centres registrations of under-fives living in the most deprived areas"


def test_cards_with_ruled_mini_tables_side_by_side_each_keep_their_own_table() -> None:
    """Bordered cards two across, each with a ruled 'Actual | Target | Last quarter' mini-table
    (tools/make_grid_cards.py, printed by Chromium). RB03's title wraps, so its figure stands
    level with RB04's mini-table: the ruled tables stand in the band with their cards, and each
    card reads its own figure and target."""
    from kpiextract.api import extract

    found = extract(DATA / "pdf" / "two-across-minitables.chromium.pdf").records
    assert {r.code: (r.indicator, r.value, r.target, r.rag) for r in found} == {
        "RB01": ("Households prevented from becoming homeless", 61.0, 55.0, "green"),
        "RB02": ("Average days to process new housing benefit claims", 24.0, 20.0, "red"),
        "RB03": ("Street lights repaired within 5 working days", 88.0, 90.0, "amber"),
        "RB04": ("Calls answered within 60 seconds", 79.0, 80.0, "amber")}
    assert len(found) == 4
