"""A long paper is read page by page with bounded memory: pages spooled compressed, pdfium opened
again every so many pages, blocks given out as soon as no later page can add to them. None of
that may change what is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpiextract.readers.pdf import build_pages, read_pdf, reader

ROOT = Path(__file__).parent.parent
PAPERS = [ROOT / "tests" / "data" / "pdf" / "cross-page.reportlab-norepeat.pdf",
          ROOT / "tests" / "data" / "pdf" / "cross-page.docx-repeat.pdf",
          ROOT / "samples" / "printed" / "docx" / "bcp-childrens-scrutiny-q3-2023-24.pdf"]


@pytest.mark.parametrize("paper", PAPERS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_streamed_pages_are_the_pages_read_all_at_once(paper: Path) -> None:
    contents = list(reader._read_pages(paper, None).spool)
    assert read_pdf(paper).pages == build_pages(contents)


@pytest.mark.parametrize("paper", PAPERS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_opening_the_pdf_again_every_page_reads_the_same(paper: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    once = read_pdf(paper)
    monkeypatch.setattr(reader, "PAGES_PER_OPENING", 1)
    assert read_pdf(paper) == once


def test_a_table_cut_by_a_page_break_is_one_block_with_the_rows_of_both_pages() -> None:
    tables = [block for block in read_pdf(PAPERS[0]).blocks() if block.is_table]
    assert any(len(set(table.row_pages)) > 1 for table in tables)
