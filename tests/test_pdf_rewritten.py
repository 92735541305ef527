"""PDFs passed through Ghostscript's pdfwrite read as their originals do (tests/data/rewritten,
made by tools/make_rewritten_pdfs.py with Ghostscript 10.00.0).

Two faults of the re-writer, each with its input:
- it writes each font's /StemV as it measures it, and pdfium's weight (a guess from /StemV) then
  calls regular text bold: paragraphs read as headings and tables lose their header row
  (readers/pdf/fonts.py reads the embedded program's own bold bit);
- it garbles the ToUnicode of ligature glyphs ("Educa琀椀on", "O昀케cers", and a half of a UTF-16
  pair for "tti" that cannot be written out) (readers/pdf/ligatures.py);
- it garbles a ToUnicode range written as an array: "–" comes out as "3", "’" as "9", a figure
  that was never printed (readers/pdf/inks.py reads a digit's glyph by its ink).
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kpiextract.api import extract
from kpiextract.export import write
from kpiextract.models import ExtractionResult
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.pdf.fonts import sfnt_bold
from kpiextract.readers.pdf.glyphs import pdfium_words
from kpiextract.readers.pdf.inks import ink_reading, unnamed_reading
from kpiextract.readers.pdf.ligatures import mend_ligatures, swapped_letters
from kpiextract.readers.pdf.lost_ligatures import SLOT, Ligatures, slot

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "rewritten"
STRUCTURES = Path(__file__).parent / "data" / "pdf"
KENT = ROOT / "samples" / "printed" / "docx" / "kent-cype-scorecard-2018-09.pdf"
REPORTLAB = ROOT / "samples" / "printed" / "reportlab" / "kent-cype-scorecard-2018-09.pdf"


@cache
def result(path: Path) -> ExtractionResult:
    return extract(path)


def facts(records: list) -> set[tuple]:
    return {(r["indicator"], r["value"], r["target"], r["rag"]) if isinstance(r, dict)
            else (r.indicator, r.value, r.target, r.rag) for r in records}


def expected(name: str) -> set[tuple]:
    return facts(json.loads((STRUCTURES / f"{name}.expected.json").read_text(encoding="utf-8"))["records"])


def page_words(path: Path, number: int) -> list[tuple[str, bool]]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [(word.text, word.bold) for word in pdfium_words(document[number - 1])]
    finally:
        document.close()


# ---------------------------------------------------------------- weights


def test_regular_text_stays_regular_whatever_stemv_the_rewriter_wrote() -> None:
    """gs wrote /StemV 141 for LiberationSerif (pdfium: weight 704) and 120 for Carlito-Bold:
    every word on the page, bold or not, reads as in the original."""
    assert page_words(DATA / "kent-cype-scorecard-2018-09.docx-gs.pdf", 1) == page_words(KENT, 1)
    assert ("Introduction", True) in page_words(KENT, 1) and ("Summary:", False) in page_words(KENT, 1)


def test_a_regular_face_stays_regular_whatever_its_program_says() -> None:
    """wkhtmltopdf (Qt) sets the head table's bold bit on its regular Liberation Sans (its OS/2
    table says 400); gs drops that OS/2 table and writes /StemV 157 (weight 768). The name
    'LiberationSans' is a family's regular face, in the original and in its rewrite."""
    original = page_words(STRUCTURES / "footnotes.wkhtml.pdf", 1)
    assert ("Results", False) in original and ("Adult", True) in original
    assert page_words(DATA / "footnotes.wkhtml-gs.pdf", 1) == original


def sfnt(mac_style: int, weight: int | None) -> bytes:
    """A TrueType program's table directory with a head table (and an OS/2 table) only."""
    tables = {b"head": bytearray(54)}
    tables[b"head"][44:46] = mac_style.to_bytes(2, "big")
    if weight is not None:
        tables[b"OS/2"] = bytearray(78)
        tables[b"OS/2"][4:6] = weight.to_bytes(2, "big")
    directory = b"\x00\x01\x00\x00" + len(tables).to_bytes(2, "big") + bytes(6)
    offset = 12 + 16 * len(tables)
    body = b""
    for tag, table in tables.items():
        directory += tag + bytes(4) + (offset + len(body)).to_bytes(4, "big") + len(table).to_bytes(4, "big")
        body += bytes(table)
    return directory + body


def test_a_program_is_bold_only_where_its_head_and_os2_tables_agree() -> None:
    assert sfnt_bold(sfnt(1, 700)) is True
    assert sfnt_bold(sfnt(1, None)) is True  # no OS/2 table: the head table alone
    assert sfnt_bold(sfnt(1, 400)) is False  # Qt's regular Liberation Sans
    assert sfnt_bold(sfnt(0, 700)) is False
    assert sfnt_bold(sfnt(0, None)) is False
    assert sfnt_bold(b"%!PS-AdobeFont-1.0: Something") is None  # a Type 1 program has no head table


@pytest.mark.parametrize("name", ["centred-cells.docx", "shaded-header.docx", "stacked-tables.docx"])
def test_rewritten_tables_give_the_records_of_the_original(name: str) -> None:
    """Before: 0 of 4, 0 of 4 and 4 of 8, the names misspelt by garbled ligatures ("Sta琀椀s琀椀cal")."""
    assert facts(result(DATA / f"{name}-gs.pdf").records) == expected(name)


def test_rewritten_bullets_give_the_records_of_the_original() -> None:
    rewritten = facts(result(DATA / "bullets-chromium-gs.pdf").records)
    assert rewritten == facts(result(STRUCTURES / "bullets-chromium.pdf").records)
    assert len(rewritten & expected("bullets-chromium")) == 4  # as the original reads


def test_a_rewritten_sample_paper_gives_the_records_of_the_original() -> None:
    """Before: none of the 24."""
    original = facts(result(KENT).records)
    assert len(original) == 24
    assert facts(result(DATA / "kent-cype-scorecard-2018-09.docx-gs.pdf").records) == original


# ---------------------------------------------------------------- ligatures


def paragraphs(path: Path) -> list[str]:
    return [block.text for block in read_pdf(path).blocks()]


def test_garbled_ligatures_read_as_their_letters() -> None:
    """Every ligature Carlito sets, two letters and three ("ffi", "tti"), as Chromium printed it."""
    original = paragraphs(DATA / "ligatures.chromium.pdf")
    rewritten = paragraphs(DATA / "ligatures.chromium-gs.pdf")
    assert "efficient offices baffled staff difficult officers fjord" in original[1]
    assert rewritten[0] == original[0] == "Attendance and participation"
    words = original[1].split()
    chinese = words.index("琀椀")
    latin = words[:chinese]
    assert rewritten[1].split()[:chinese] == latin
    assert rewritten[1].split()[-14:] == words[-14:]  # the sentence with the figure


def test_chinese_text_is_never_mended() -> None:
    """The Chinese the garbled ligatures read as, each character a glyph of its own, stays as
    printed (gs itself turns 一 U+4E00 into "N": that is its loss, not the reader's)."""
    rewritten = " ".join(paragraphs(DATA / "ligatures.chromium-gs.pdf"))
    assert "琀椀 NO 昀 中文測試 N 二 三 教育 出勤率" in rewritten


def test_the_rewritten_paper_can_be_written_out(tmp_path: Path) -> None:
    """gs wrote "tti" ("settings") as <7400 dd00>: a lone half of a UTF-16 pair, which no
    output can encode."""
    document = read_pdf(DATA / "ligatures.chromium-gs.pdf")
    text = " ".join(block.text for block in document.blocks())
    assert "settings committing" in text
    text.encode("utf-8")
    write(result(DATA / "kent-cype-scorecard-2018-09.docx-gs.pdf").records, tmp_path / "out.json")


def test_only_the_characters_of_one_glyph_are_mended() -> None:
    one_glyph = lambda index: (10.0, 0.0) if index in (5, 6) else (float(index), 0.0)  # noqa: E731
    assert "".join(mend_ligatures("Educa琀椀on", one_glyph)) == "Education"
    separate = lambda index: (float(index), 0.0)  # noqa: E731
    assert "".join(mend_ligatures("Educa琀椀on", separate)) == "Educa琀椀on"
    assert swapped_letters("昀케") == "ffi" and swapped_letters("琀\udd00") == "tti"
    assert swapped_letters("一丁") is None  # 丁 is U+4E01: not a swapped unit
    assert "".join(mend_ligatures("x\ud835\udc00y\udd00", separate)) == "x\U0001d400y\ufffd"


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")
def test_a_fresh_rewrite_still_reads(tmp_path: Path) -> None:
    """The committed rewrite is what today's gs makes of the original, and reads the same."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from rewrite_pdfs import rewrite

    fresh = rewrite("gs", STRUCTURES / "centred-cells.docx.pdf", tmp_path)
    assert facts(extract(fresh).records) == expected("centred-cells.docx")


# ---------------------------------------------------------------- misnamed glyphs


def test_a_dash_the_rewriter_named_a_digit_reads_as_a_dash() -> None:
    """gs ORs the two bytes of each character of a ToUnicode range written as an array (as
    wkhtmltopdf writes them): "–" U+2013 comes out as "3", "’" as "9". Their ink is a flat bar
    and a raised mark, no digit's."""
    original = paragraphs(DATA / "dashes.wkhtml.pdf")
    rewritten = paragraphs(DATA / "dashes.wkhtml-gs.pdf")
    assert rewritten[:3] == original[:3]
    assert "households – Q3 2023/24 figure stood at 274" in rewritten[1]
    assert rewritten[3].startswith("3.3 Care leavers in suitable accommodation — 89% in Q3")
    assert "for 3 terms" in rewritten[3] and "of 33 young people" in rewritten[4]  # real digits stay


def test_no_figure_is_read_from_a_misnamed_dash() -> None:
    original = result(DATA / "dashes.wkhtml.pdf").records
    assert facts(result(DATA / "dashes.wkhtml-gs.pdf").records) == facts(original)
    assert {record.value for record in original} == {274.0, 89.0}


def test_a_glyph_is_read_by_its_ink_only_where_no_digit_could_draw_it() -> None:
    size = 10.0
    assert ink_reading("3", 5.0, 7.2, 0.0, size) == "3"
    assert ink_reading("3", 5.0, 0.7, 2.6, size) == "–"
    assert ink_reading("3", 10.0, 0.7, 2.6, size) == "—"
    assert ink_reading("3", 3.3, 0.7, 2.6, size) == "-"
    assert ink_reading("9", 1.5, 2.5, 5.0, size) == "’"
    assert ink_reading("9", 2.0, 2.0, 1.0, size) == "\ufffd"


def test_a_glyph_named_by_a_control_code_is_read_by_its_ink() -> None:
    """gs drops reportlab's ToUnicode, which named its dash and bullet codes 1 and 2: the
    bullets opening numbered paragraphs are read again, so the items stay apart."""
    size = 10.0
    assert unnamed_reading(5.0, 0.7, 2.6, size) == "–"
    assert unnamed_reading(3.5, 3.5, 1.5, size) == "•"
    # a "£" or "©" has letters' ink: read by its word (lost_ligatures.py), so never glued to a figure
    assert unnamed_reading(7.0, 7.0, 0.0, size) == SLOT
    lost = slot("\x04")
    assert Ligatures({f"{lost}13"}, frozenset()).fill(f"{lost}13.3m") == " 13.3m"
    assert unnamed_reading(0.0, 0.0, 0.0, size) == " "
    rewritten = [block for block in read_pdf(DATA / "kent-cype-scorecard-2018-09.reportlab-gs.pdf").blocks()
                 if block.page == 2]
    original = [block for block in read_pdf(REPORTLAB).blocks() if block.page == 2]
    assert [(block.text, block.bullet) for block in rewritten] == [(block.text, block.bullet) for block in original]
