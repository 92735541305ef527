"""Lists, paragraphs and blank pages in PDFs made by producers other than ours.

Each file in tests/data/pdf was printed by LibreOffice (from a python-docx document with real
Word lists), by headless Chromium or by reportlab (see tests/data/pdf/README.md); none was
drawn to suit the reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kpiextract.api import extract
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.structure import join_broken, paragraph_goes_on

from .accuracy import STRUCTURE_PDFS, load_expected, score

BULLET_PDFS = ["bullets-docx.pdf", "bullets-chromium.pdf"]


@pytest.mark.parametrize("name", BULLET_PDFS)
def test_bullet_lists_are_list_items_not_tables(name: str) -> None:
    document = read_pdf(STRUCTURE_PDFS / name)
    blocks = document.blocks()
    assert not [b for b in blocks if b.is_table]
    items = [b for b in blocks if b.bullet]
    assert len(items) == 6
    # each item is one paragraph, its wrapped lines joined, the bullet gone from its text
    assert all(b.text[:1].isupper() and "•" not in b.text and "\uf0b7" not in b.text for b in items)
    assert [b.level for b in items].count(1) == 1  # the nested item


def test_word_bullets_arrive_as_private_use_glyphs_and_read_as_bullets() -> None:
    # LibreOffice prints Word's "List Bullet" as U+F0B7 in a symbol font: a glyph, not a column
    first = next(b for b in read_pdf(STRUCTURE_PDFS / "bullets-docx.pdf").blocks() if b.bullet)
    assert first.text == ("The percentage of children in care with a permanence plan was 44% at the end of "
                          "Q3 2023/24, below the target of 45% (Amber).")


def test_bullets_drawn_as_shapes_still_open_items() -> None:
    # Chromium draws list markers as paths: no character in the text layer at all
    items = [b for b in read_pdf(STRUCTURE_PDFS / "bullets-chromium.pdf").blocks() if b.bullet]
    assert items[2].text.startswith("The average caseload of social workers")
    assert items[3].text == "Caseloads are reviewed weekly by team managers." and items[3].level == 1


@pytest.mark.parametrize("name", BULLET_PDFS + ["blank-page.docx.pdf", "blank-page.reportlab.pdf"])
def test_kpi_records_match_the_hand_written_expectations(name: str) -> None:
    expected = load_expected(name)
    result = extract(STRUCTURE_PDFS / name)
    assert result.error is None
    found = score(expected["records"], result.records)
    detail = f"missed={[g['indicator'] for g in found.missed]} extra={[r.indicator for r in found.extra]}"
    assert found.recall == 1.0, detail
    assert found.precision == 1.0, detail
    assert found.target == 1.0, detail


@pytest.mark.parametrize("name", ["blank-page.docx.pdf", "blank-page.reportlab.pdf"])
def test_a_blank_page_is_empty_not_scanned(name: str) -> None:
    expected = load_expected(name)
    result = extract(STRUCTURE_PDFS / name)
    assert result.pages == expected["pages"]
    assert not any("scanned" in w or "text layer" in w for w in result.warnings)
    assert {r.page for r in result.records} == {1, 3}


def test_the_readers_share_the_paragraph_rules() -> None:
    assert paragraph_goes_on("The percentage of children in care who had three or more placements in the "
                             "year rose to")
    assert not paragraph_goes_on("The percentage rose to 9.8% in the quarter.")
    assert not paragraph_goes_on("Key performance indicators")  # a heading, however unpunctuated
    assert join_broken("re-", "referral") == "re-referral"
    assert join_broken("Q2 2014/1", "5", in_cell=True) == "Q2 2014/15"
    assert join_broken("Q2 2014/1", "5") == "Q2 2014/1 5"  # paragraphs never break inside a figure


def test_a_pdf_of_blank_pages_says_so(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    from kpiextract.readers.text import ReadError

    path = tmp_path / "blank.pdf"
    document = pdfium.PdfDocument.new()
    for _ in range(2):
        document.new_page(595, 842)
    document.save(str(path))
    document.close()
    with pytest.raises(ReadError, match=r"^blank\.pdf: every page is blank \(no text, no images\)$"):
        read_pdf(path)


@pytest.mark.parametrize(("before", "after", "joined"), [
    ("Q2 2014/1", "5", "Q2 2014/15"),
    ("Q2", "2014/15", "Q2 2014/15"),
    ("aged 18-", "24", "aged 18-24"),
    ("79.", "3%", "79.3%"),
    ("1,", "234", "1,234"),
    ("£", "1,234", "£1,234"),
    ("March 2023,", "92%", "March 2023, 92%"),  # a list, not a thousands comma
    ("Target met in 2023.", "12 schools", "Target met in 2023. 12 schools"),  # a sentence's end
    ("2023/24", "2022/23", "2023/24 2022/23"),
    ("SSW/", "014", "SSW/014"),  # no line breaker puts a space after a slash inside a code
    ("88.9", "%", "88.9%"),
    ("1C(1", "A)", "1C(1A)"),  # a bracket the next line closes within one token
    ("Apr-", "Dec 23", "Apr-Dec 23"),  # TeX breaks a month range at its hyphen
    ("Covid-", "19", "Covid-19"),
    ("COMMIT-", "TEE", "COMMIT-TEE"),
    ("Target -", "none set", "Target - none set"),  # a dash stands apart
])
def test_a_cell_line_break_inside_a_token_is_rejoined(before: str, after: str, joined: str) -> None:
    assert join_broken(before, after, in_cell=True) == joined


def test_a_figure_in_a_paragraph_that_runs_over_a_page_break_names_its_own_page() -> None:
    """LibreOffice (Bucks cabinet, from Word): the paragraph starts on page 9, its figure is on 10."""
    printed = STRUCTURE_PDFS.parents[2] / "samples" / "printed"
    path = printed / "docx" / "buckinghamshire-cabinet-childrens-update-2017-11.pdf"
    record = next(r for r in extract(path).records if r.value_text == "964")
    assert record.page == 10


def test_a_hyphen_a_line_ends_on_is_printed_and_kept() -> None:
    """pdfium reports a hyphen printed at a line's end as U+FFFE: it is the word's hyphen
    ("re-" / "referral" is "re-referral"), not a space."""
    path = Path(__file__).resolve().parents[1] / "samples" / "printed" / "chromium" / \
        "bcp-childrens-scrutiny-q3-2023-24.pdf"
    blocks = read_pdf(path).blocks()
    text = " ".join([b.text for b in blocks if not b.is_table]
                    + [cell for b in blocks if b.is_table for row in b.rows for cell in row])
    assert "Fluctuations in re-referral data" in text
    assert "with no re-referral within 12 months" in text
    assert "re referral" not in text
