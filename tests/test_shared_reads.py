"""Work done once and shared (issue 14): what is shared must be what each caller would have read
on its own, and must be read once."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kpiextract.layouts import columns, headers
from kpiextract.layouts.context import build_context
from kpiextract.layouts.registry import choose
from kpiextract.readers.document import Document
from kpiextract.readers.pdf import glyphs, read_pdf
from kpiextract.readers.pdf.tables import PageWords, _in_box
from kpiextract.vocab import Vocabulary, load

ROOT = Path(__file__).resolve().parents[1]
SCORECARD = ROOT / "samples" / "pdf" / "buckinghamshire-portfolio-scorecard-2023-05.pdf"
STACKED = ROOT / "samples" / "printed" / "chromium" / "oldham-childrens-performance-q2-2023-24.pdf"


@cache
def document(path: Path) -> Document:
    return read_pdf(path)


def test_every_layout_shares_one_header_read_per_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both scorecard layouts (detect and extract), the card and the successes layouts all ask
    for a table's header: the header is read once per way of reading it, and each reading is
    what find_header gives."""
    calls: list[tuple[int, int, bool]] = []
    real = columns.find_header

    def counting(rows: list[list[str]], vocab: Vocabulary, look: int = 3, own_names: Sequence[str] = (),
                 cells: columns.CellReads | None = None) -> tuple[int, list[columns.Column]] | None:
        calls.append((id(rows), look, bool(own_names)))
        return real(rows, vocab, look=look, own_names=own_names, cells=cells)

    monkeypatch.setattr(headers, "find_header", counting)
    paper = document(SCORECARD)
    context = build_context(paper, load())
    context.own_names = ["Buckinghamshire Council"]
    tables = [block for block in paper.blocks() if block.is_table]
    assert tables
    for block in tables:
        layout = choose(block, context)
        if layout is not None:
            layout.extract(block, context)
    assert len(calls) == len(set(calls))  # no block read twice the same way
    for block in tables:
        shared = headers.table_header(block, context)
        assert shared == real(block.rows, context.vocab, own_names=context.own_names)
        assert headers.table_header(block, context, look=2, own_names=False) == real(block.rows, context.vocab,
                                                                                       look=2)


def test_page_words_finds_what_testing_every_word_finds() -> None:
    """Bisecting the page's words by height finds the words `_in_box` finds, in page order."""
    pdf = pdfium.PdfDocument(STACKED)
    try:
        page = pdf[0]
        words = glyphs.pdfium_words(page)
        page.close()
    finally:
        pdf.close()
    index = PageWords(words)
    height = max(word.bottom for word in words)
    width = max(word.x1 for word in words)
    steps = 12
    for row in range(steps):
        for column in range(3):
            box = (column * width / 3, row * height / steps, (column + 1) * width / 3 + 5, (row + 1) * height / steps)
            for slack in (0.0, 0.5, 1.0):
                assert index.within(box, slack) == [w for w in words if _in_box(w, box, slack)]
