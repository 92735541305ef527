"""A PDF whose text layer names no letters: its fonts lost their ToUnicode map, so pdfium (and
pdftotext) give control codes for every character. PDF printed through PostScript comes out so
(`pdftops` then `ps2pdf`): such pages are reported, never read as noise.

tests/data/unmapped/ holds the first page of the Kent sample (printed by LibreOffice from Word)
passed through `pdftops` and Ghostscript's `ps2pdf`, and a two-page paper whose first page is
the LibreOffice print and whose second went through PostScript.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpiextract import api
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.pdf.glyphs import unmapped
from kpiextract.readers.text import ReadError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "unmapped"
ONE_PAGE = DATA / "kent-page1.via-postscript.pdf"
MIXED = DATA / "kent-pages1-2.second-via-postscript.pdf"
PRINTED = ROOT / "samples" / "printed" / "docx" / "kent-cype-scorecard-2018-09.pdf"


def _read_error(path: Path) -> str:
    with pytest.raises(ReadError) as caught:
        read_pdf(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_paper_whose_every_page_names_no_letters_is_an_error_that_says_why() -> None:
    message = _read_error(ONE_PAGE)
    assert message.startswith(f"{ONE_PAGE.name}: the text layer cannot be read on page 1")
    assert "ToUnicode" in message and "ocrmypdf --force-ocr" in message


def test_a_page_that_names_no_letters_is_skipped_and_named_the_rest_is_read() -> None:
    document = read_pdf(MIXED)
    assert document.page_count == 2
    assert [page.blocks for page in document.pages][1] == []
    assert document.blocks()[0].text.startswith("From: Roger Gough")
    assert len(document.warnings) == 1
    assert "cannot be read on page 2, which was skipped" in document.warnings[0]
    # the readable page's text is all letters: nothing from the second page leaked into it
    assert not any(unmapped(block.text) for block in document.blocks())


def test_extract_reports_the_unreadable_paper_as_an_error_not_an_empty_result() -> None:
    result = api.extract(ONE_PAGE)
    assert result.records == []
    assert result.error is not None and "ToUnicode" in result.error


@pytest.mark.skipif(shutil.which("pdftops") is None or shutil.which("ps2pdf") is None,
                    reason="poppler-utils' pdftops and Ghostscript's ps2pdf make the PostScript print")
@pytest.mark.timeout(120)
def test_a_print_through_postscript_made_now_is_reported(tmp_path: Path) -> None:
    postscript, printed = tmp_path / "paper.ps", tmp_path / "paper.pdf"
    subprocess.run(["pdftops", "-f", "1", "-l", "2", str(PRINTED), str(postscript)], check=True, timeout=60)
    subprocess.run(["ps2pdf", str(postscript), str(printed)], check=True, timeout=60)
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # the producer, not the reader: no text tool finds a word in it either
        text = subprocess.run([pdftotext, str(printed), "-"], capture_output=True, text=True, timeout=60).stdout
        if re.search(r"[A-Za-z]{4,}", text):
            pytest.skip("this pdftops/ps2pdf pair keeps the fonts' letters: nothing to report")
    assert "cannot be read on pages 1-2" in _read_error(printed)


def test_unmapped_is_a_share_of_printed_characters() -> None:
    assert not unmapped("")
    assert not unmapped(" \n\t ")
    assert not unmapped("Re-referrals within 12 months: 21%")
    # a symbol font's bullets and arrows (private use) among words are a few
    assert not unmapped("\uf0b7 Re-referrals \uf0e9 21% \uf0b7 Timeliness 85%")
    assert unmapped("\x01\x04\x05\x06 \x07\x08\t\x06\n\x0b\x08 Ab")
    assert unmapped("\ufffd\ufffd\ufffd x")


@given(st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs"))))
def test_text_of_letters_figures_and_punctuation_is_never_unmapped(text: str) -> None:
    assert not unmapped(text)
