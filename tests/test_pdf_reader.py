"""The PDF reader: the sample papers rendered as PDFs (samples/pdf/, made by tools/make_sample_pdfs.py)
must read into the same blocks and the same KPI records as their text versions; broken PDFs must
fail with a one-line message that says what to do.
"""

from __future__ import annotations

import importlib.util
import io
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from kpiextract import api
from kpiextract.api import extract_document
from kpiextract.debug import render_page
from kpiextract.readers.document import Block, Document
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.pdf.blocks import merge_continuation_rows
from kpiextract.readers.text import ReadError, read_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PDFS = SAMPLES / "pdf"
STEMS = sorted(p.stem for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))
TABLE_SAMPLES = ["buckinghamshire-portfolio-scorecard-2023-05", "bcp-childrens-scrutiny-q3-2023-24",
                 "oldham-childrens-performance-q2-2023-24"]
BCP = "bcp-childrens-scrutiny-q3-2023-24"
BUCKS = "buckinghamshire-portfolio-scorecard-2023-05"
OLDHAM = "oldham-childrens-performance-q2-2023-24"
HAS_FPDF = importlib.util.find_spec("fpdf") is not None
needs_fpdf = pytest.mark.skipif(not HAS_FPDF, reason="fpdf2 (test extra) makes the broken PDFs")


@cache
def pdf_document(stem: str) -> Document:
    return read_pdf(PDFS / f"{stem}.pdf")


@cache
def text_document(stem: str) -> Document:
    return read_text(next(p for p in SAMPLES.glob(f"{stem}.*") if p.suffix in (".txt", ".md")))


def tables(document: Document) -> list[Block]:
    return [block for block in document.blocks() if block.is_table]


def as_printed(rows: list[list[str]]) -> list[list[str]]:
    """A text export's rows as the PDF prints them: blank rows gone, a continuation row
    (empty first cell, from a cell the export broke over a page) folded into its row."""
    printed: list[list[str]] = []
    for row in rows:
        cells = [re.sub(r"\s+", " ", cell).strip() for cell in row]
        if not any(cells):
            continue
        if printed and not cells[0]:
            printed[-1] = [f"{a} {b}".strip() for a, b in zip(printed[-1], cells, strict=False)]
            continue
        printed.append(cells)
    return printed


# ---------------------------------------------------------------- the sample PDFs


@pytest.mark.parametrize("stem", STEMS)
def test_sample_reads_with_numbered_pages(stem: str) -> None:
    document = pdf_document(stem)
    assert document.source == f"{stem}.pdf"
    assert [page.number for page in document.pages] == list(range(1, document.page_count + 1))
    assert document.warnings == []
    for page in document.pages:
        for order, block in enumerate(page.blocks, start=1):
            assert block.page == page.number and block.line == order and block.bbox is not None
            if block.is_table:
                assert len(block.row_pages) == len(block.rows)
                assert block.row_pages[0] == block.page and block.row_pages == sorted(block.row_pages)


@pytest.mark.parametrize("stem", STEMS)
def test_tables_match_the_text_export(stem: str) -> None:
    """Same tables, same header cells, same cells (wrapped cells whole, continuations folded)."""
    from_text = [as_printed(block.rows) for block in tables(text_document(stem))]
    from_pdf = [block.rows for block in tables(pdf_document(stem))]
    assert [rows[0] for rows in from_pdf] == [rows[0] for rows in from_text]
    assert from_pdf == from_text


@pytest.mark.parametrize("stem", STEMS)
def test_text_blocks_match_the_text_export(stem: str) -> None:
    """Headings, paragraphs and bullets: the same kind, text, bullet flag and depth, in order;
    running headers and "Page N" footers gone, paragraphs cut by a page break joined."""

    def shape(document: Document) -> list[tuple[str, str, bool, int]]:
        return [(b.kind, b.text, b.bullet, b.level) for b in document.blocks() if not b.is_table]

    assert shape(pdf_document(stem)) == shape(text_document(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_bold_phrases_match_the_text_export(stem: str) -> None:
    def bold(document: Document) -> list[list[str]]:
        return [b.bold for b in document.blocks() if b.kind == "paragraph"]

    assert bold(pdf_document(stem)) == bold(text_document(stem))


def test_bcp_appendix_runs_over_landscape_pages_as_one_table() -> None:
    appendix = next(t for t in tables(pdf_document(BCP)) if t.rows[0][0] == "Measure")
    assert appendix.rows[0][:4] == ["Measure", "Q1 Target 2023/24", "Q1 Intervention 2023/24", "Q1 Actual 2023/24"]
    assert len(appendix.rows[0]) == 12
    assert len(set(appendix.row_pages)) >= 3  # the header was repeated on each page, kept once
    assert sum(1 for row in appendix.rows if row[0] == "Measure") == 1


def test_wrapped_cells_are_one_cell() -> None:
    appendix = next(t for t in tables(pdf_document(BCP)) if t.rows[0][0] == "Measure")
    fostering = next(row for row in appendix.rows if "approved fostering households" in row[0])
    assert fostering[0] == "2023/24 - Existing - Social Care: Number of approved fostering households"
    assert fostering[10].startswith("In Q2 it was reported that there was a reduction in one approved carer")
    assert fostering[10].endswith("is on an upward trajectory.")
    # the unruled scorecard: a 1,800-character commentary wrapped over ~25 lines
    scorecard = tables(pdf_document(BUCKS))[0]
    assert scorecard.rows[1][6].startswith("This indicator measures the proportion of children")
    assert len(scorecard.rows[1][6]) > 1500


def test_unruled_table_over_page_breaks_is_one_block_with_its_header_once() -> None:
    green = tables(pdf_document(BUCKS))[1]
    assert green.rows[0] == ["PI", "Aim to:", "Current Value", "Target", "Trend Chart", "Benchmarking",
                             "Commentary"]
    assert len(green.rows) == 7 and len(set(green.row_pages)) >= 2
    assert sum(1 for row in green.rows if row[0] == "PI") == 1


def test_two_tables_on_one_page_stay_apart() -> None:
    page = next(p for p in pdf_document(OLDHAM).pages if sum(1 for b in p.blocks if b.is_table) >= 3)
    kinds = [block.kind for block in page.blocks]
    assert kinds.count("table") >= 3
    assert "heading" in kinds[kinds.index("table"):]  # the headings between them are not swallowed


@pytest.mark.parametrize("stem", TABLE_SAMPLES)
def test_records_match_the_text_export(stem: str) -> None:
    """The point of it all: the PDF gives the same KPI records as the text export."""
    from_text = api.extract(next(p for p in SAMPLES.glob(f"{stem}.*") if p.suffix in (".txt", ".md"))).records
    from_pdf = extract_document(pdf_document(stem))
    assert from_pdf, "no records from the PDF"
    assert {(r.indicator, r.value) for r in from_pdf} == {(r.indicator, r.value) for r in from_text}
    # and the context the layouts read from headings and the paper's date agrees too
    assert {(r.indicator, r.value, r.target, r.period, r.rag, r.unit) for r in from_pdf} == {
        (r.indicator, r.value, r.target, r.period, r.rag, r.unit) for r in from_text}


def test_extract_dispatches_pdf_when_the_api_supports_it() -> None:
    if ".pdf" not in getattr(api, "SUPPORTED_SUFFIXES", ()):
        pytest.skip("api.read_document does not dispatch .pdf yet")
    result = api.extract(PDFS / f"{BUCKS}.pdf")
    assert result.error is None and result.pages == pdf_document(BUCKS).page_count
    assert len(result.records) == len(extract_document(pdf_document(BUCKS)))


def test_pdfium_words_and_lines_agree_with_pdfplumber() -> None:
    """The fast path (pdfium words and ruling lines) finds what pdfplumber's own parse finds."""
    import pdfplumber
    import pypdfium2 as pdfium

    from kpiextract.readers.pdf import glyphs, reader, tables

    path = PDFS / f"{OLDHAM}.pdf"
    document = pdfium.PdfDocument(str(path))
    with pdfplumber.open(path) as plumber:
        for index in (0, 1):
            page = document[index]
            width, height = page.get_size()
            fast = reader.page_content(index + 1, width, height, glyphs.pdfium_words(page),
                                       glyphs.pdfium_edges(page))
            slow_page = plumber.pages[index]
            slow = reader.page_content(index + 1, float(slow_page.width), float(slow_page.height),
                                       glyphs.plumber_words(slow_page), glyphs.plumber_edges(slow_page))
            own = [tables.clean_rows(t.extract()) for t in slow_page.find_tables(tables.LINES_SETTINGS)]
            assert [t.rows for t in fast.tables] == [t.rows for t in slow.tables] == own
            assert [line.text for line in fast.lines] == [line.text for line in slow.lines]
            page.close()
            slow_page.close()
    document.close()


def test_page_printed_sideways_reads_as_written(tmp_path: Path) -> None:
    """A /Rotate 90 page: words are measured in the page's own frame, so text and tables hold."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(PDFS / f"{OLDHAM}.pdf"))
    source[1].set_rotation(90)
    rotated = tmp_path / "rotated.pdf"
    source.save(str(rotated))
    source.close()
    document = read_pdf(rotated)
    assert [(b.kind, b.text, b.rows) for b in document.blocks()] == [
        (b.kind, b.text, b.rows) for b in pdf_document(OLDHAM).blocks()]


def test_continuation_rows_fold_back_but_new_figures_do_not() -> None:
    rows = [["PI", "Value", "Commentary"],
            ["Re-referrals", "25%", "Up from"],
            ["", "", "Q2, above target."],  # wrapped commentary split off by the table finder
            ["", "24%", ""],                 # a figure of its own: not a continuation
            ["Exclusions", "0.16", "Down"]]
    merged, pages = merge_continuation_rows(rows, [1, 1, 2, 2, 2])
    assert merged[1] == ["Re-referrals", "25%", "Up from Q2, above target."]
    assert merged[2] == ["", "24%", ""]
    assert pages == [1, 1, 2, 2]


@pytest.mark.skipif(not HAS_FPDF or not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
                    reason="fpdf2 and the DejaVu fonts regenerate the samples")
def test_sample_pdfs_are_what_the_generator_makes(tmp_path: Path) -> None:
    """The committed samples are the generator's output (deterministic: fixed dates, no IDs)."""
    import subprocess
    import sys

    from fpdf import __version__ as fpdf_version

    if f"fpdf2 {fpdf_version}".encode() not in (PDFS / f"{BUCKS}.pdf").read_bytes():
        pytest.skip(f"the samples were made with another fpdf2 than {fpdf_version}")

    subprocess.run([sys.executable, str(ROOT / "tools" / "make_sample_pdfs.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=300)
    for stem in STEMS:
        assert (tmp_path / f"{stem}.pdf").read_bytes() == (PDFS / f"{stem}.pdf").read_bytes(), stem


# ---------------------------------------------------------------- broken PDFs


def _text_pdf(pages: int = 1, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(0, 10, f"Re-referrals within 12 months: {20 + number}%")
    if password:
        pdf.set_encryption(owner_password="owner-secret", user_password=password)
    return bytes(pdf.output())


def _image_pdf(pages_with_text: tuple[int, ...] = ()) -> bytes:
    """Three pages; those not listed carry only a picture, as a scanner makes them."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    picture = Image.new("RGB", (40, 30), (180, 180, 180))
    for number in range(1, 4):
        pdf.add_page()
        if number in pages_with_text:
            pdf.set_font("Helvetica", size=12)
            pdf.cell(0, 10, "Re-referrals within 12 months: 25%")
        else:
            pdf.image(picture, x=10, y=10, w=120)
    return bytes(pdf.output())


def _zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (fpdf2 refuses to write one)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _read_error(path: Path, password: str | None = None) -> str:
    with pytest.raises(ReadError) as caught:
        read_pdf(path, password)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(path.name)
    return message


WriteFile = Callable[[str, bytes], Path]


@pytest.fixture
def pdf_file(tmp_path: Path) -> WriteFile:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


@needs_fpdf
def test_encrypted_without_password(pdf_file: WriteFile) -> None:
    message = _read_error(pdf_file("locked.pdf", _text_pdf(password="s3cret")))
    assert "encrypted" in message and "--password" in message


@needs_fpdf
def test_encrypted_with_wrong_then_right_password(pdf_file: WriteFile) -> None:
    path = pdf_file("locked.pdf", _text_pdf(password="s3cret"))
    message = _read_error(path, "guess")
    assert "encrypted" in message and "wrong" in message
    document = read_pdf(path, "s3cret")
    assert document.blocks()[0].text == "Re-referrals within 12 months: 21%"


@needs_fpdf
def test_scanned_pdf_names_its_pages_and_suggests_ocr(pdf_file: WriteFile) -> None:
    message = _read_error(pdf_file("scan.pdf", _image_pdf()))
    assert "pages 1-3" in message and "OCR" in message and "ocrmypdf" in message


@needs_fpdf
def test_partly_scanned_pdf_reads_the_rest_and_warns(pdf_file: WriteFile) -> None:
    document = read_pdf(pdf_file("mixed.pdf", _image_pdf(pages_with_text=(2,))))
    assert document.page_count == 3
    assert [block.text for block in document.blocks()] == ["Re-referrals within 12 months: 25%"]
    assert len(document.warnings) == 1
    assert "pages 1, 3" in document.warnings[0] and "OCR" in document.warnings[0]


def test_truncated_pdf(pdf_file: WriteFile) -> None:
    data = (PDFS / f"{OLDHAM}.pdf").read_bytes()
    assert "truncated" in _read_error(pdf_file("cut.pdf", data[: len(data) // 3]))


def test_random_bytes_named_pdf(pdf_file: WriteFile) -> None:
    noise = bytes((index * 7919 + 13) % 256 for index in range(4096))
    assert "not a PDF" in _read_error(pdf_file("noise.pdf", noise))


def test_web_page_named_pdf(pdf_file: WriteFile) -> None:
    message = _read_error(pdf_file("report.pdf", b"<!DOCTYPE html><html><body>Not found</body></html>"))
    assert "not a PDF" in message and "web page" in message


def test_damaged_pdf_body(pdf_file: WriteFile) -> None:
    data = b"%PDF-1.7\n" + bytes((index * 31) % 256 for index in range(3000)) + b"\n%%EOF\n"
    assert "damaged" in _read_error(pdf_file("damaged.pdf", data))


def test_zero_pages(pdf_file: WriteFile) -> None:
    assert "no pages" in _read_error(pdf_file("empty-tree.pdf", _zero_page_pdf()))


def test_empty_file(pdf_file: WriteFile) -> None:
    assert "empty" in _read_error(pdf_file("nothing.pdf", b""))


# ---------------------------------------------------------------- debug drawing


def test_render_page_draws_a_png(tmp_path: Path) -> None:
    out = tmp_path / "page.png"
    render_page(PDFS / f"{BUCKS}.pdf", 1, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_render_page_out_of_range(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"no page 99 \(the PDF has 5 pages\)"):
        render_page(PDFS / f"{BUCKS}.pdf", 99, tmp_path / "page.png")


def test_render_page_not_a_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("hello")
    with pytest.raises(ReadError, match="not a PDF"):
        render_page(fake, 1, tmp_path / "page.png")


def test_two_headings_of_one_style_stay_two() -> None:
    """Regression: a paper whose text is all in tables, printed by Chromium. Its only two lines of
    the modal size are two headings of one style, a line and a gap apart: that step was taken for
    the paper's line pitch, and the headings were read as one (the tables' section named by both).
    A step between two wholly bold lines measures no pitch of the paper's body text."""
    pdf = Path(__file__).parent / "data" / "tables" / "chromium" / "dyffryn-aled-waste-q2-2024-25.pdf"
    headings = [block.text for block in read_pdf(pdf).blocks() if block.kind == "heading"]
    assert headings[1:3] == ["Environment Scrutiny Committee, 14 November 2024",
                             "Waste services scorecard, Quarter 2 2024/25"]
