"""PDFs passed through Ghostscript's pdfwrite read as their originals do (tests/data/rewritten,
made by tools/make_rewritten_pdfs.py with Ghostscript 10.00.0).

A fault of the re-writer, with its input: it writes each font's /StemV as it measures it, and
pdfium's weight (a guess from /StemV) then calls regular text bold: paragraphs read as headings
(readers/pdf/fonts.py reads the embedded program's own bold bit).
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kpiextract.api import extract
from kpiextract.models import ExtractionResult
from kpiextract.readers.pdf.fonts import sfnt_bold
from kpiextract.readers.pdf.glyphs import pdfium_words

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "rewritten"
STRUCTURES = Path(__file__).parent / "data" / "pdf"
KENT = ROOT / "samples" / "printed" / "docx" / "kent-cype-scorecard-2018-09.pdf"


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


def weights(path: Path) -> list[bool]:
    return [bold for _, bold in page_words(path, 1)]


def test_regular_text_stays_regular_whatever_stemv_the_rewriter_wrote() -> None:
    """gs wrote /StemV 141 for LiberationSerif (pdfium: weight 704) and 120 for Carlito-Bold:
    every word on the page, bold or not, reads as in the original."""
    assert weights(DATA / "kent-cype-scorecard-2018-09.docx-gs.pdf") == weights(KENT)
    assert ("Introduction", True) in page_words(KENT, 1) and ("Summary:", False) in page_words(KENT, 1)


def test_the_bold_bit_is_read_from_a_truetype_head_table() -> None:
    head = bytearray(54)
    head[44:46] = (0).to_bytes(2, "big")
    program = b"\x00\x01\x00\x00" + (1).to_bytes(2, "big") + bytes(6) + b"head" + bytes(4) + (28).to_bytes(4, "big")
    program += (54).to_bytes(4, "big") + bytes(head)
    assert sfnt_bold(program) is False
    assert sfnt_bold(program[:72] + (1).to_bytes(2, "big") + program[74:]) is True
    assert sfnt_bold(b"%!PS-AdobeFont-1.0: Something") is None  # a Type 1 program has no head table


def test_rewritten_bullets_give_the_records_of_the_original() -> None:
    rewritten = facts(result(DATA / "bullets-chromium-gs.pdf").records)
    assert rewritten == facts(result(STRUCTURES / "bullets-chromium.pdf").records)
    assert len(rewritten & expected("bullets-chromium")) == 4  # as the original reads


def test_a_rewritten_sample_paper_gives_the_records_of_the_original() -> None:
    """Before: none of the 24."""
    original = facts(result(KENT).records)
    assert len(original) == 24
    assert facts(result(DATA / "kent-cype-scorecard-2018-09.docx-gs.pdf").records) == original


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")
def test_a_fresh_rewrite_still_reads(tmp_path: Path) -> None:
    """The committed rewrite is what today's gs makes of the original, and reads the same."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from rewrite_pdfs import rewrite

    fresh = rewrite("gs", KENT, tmp_path)
    assert weights(fresh) == weights(KENT)
