"""A PDF's pages are stored compressed and the layouts read them back a page at a time, knowing
a block by its place in the paper (issue 14: a long paper in the memory of a short one). None of
that may change what is read, and the layouts may know no more than the pages being read."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from kpiextract import api
from kpiextract.api import extract_document
from kpiextract.layouts.cards import labels, reader
from kpiextract.layouts.context import DocumentContext
from kpiextract.models import KPIRecord
from kpiextract.readers.document import Block, Document, PageStore
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.spill import Spill
from kpiextract.readers.text import parse_text
from kpiextract.vocab import load

ROOT = Path(__file__).parent.parent
PAPERS = [ROOT / "tests" / "data" / "cards" / "corporate-dashboard-q3-2024-25.chromium.pdf",
          ROOT / "tests" / "data" / "cards" / "housing-dashboard-2024-12.lo.pdf",
          ROOT / "samples" / "printed" / "docx" / "bcp-childrens-scrutiny-q3-2023-24.pdf",
          ROOT / "samples" / "printed" / "lo-html" / "buckinghamshire-cabinet-childrens-update-2017-11.pdf",
          ROOT / "tests" / "data" / "pdf" / "blank-page.docx.pdf"]


def _dumped(records: list[KPIRecord]) -> list[dict[str, Any]]:
    return [record.model_dump() for record in records]


@pytest.mark.parametrize("paper", PAPERS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_a_stored_paper_reads_as_the_same_paper_held_in_memory(paper: Path) -> None:
    stored = read_pdf(paper)
    assert isinstance(stored.pages, PageStore) and not stored.in_memory
    held = Document(stored.source, list(stored.pages), stored.warnings)
    assert held.in_memory and held == stored
    records = extract_document(stored)
    assert records and _dumped(records) == _dumped(extract_document(held))


@pytest.mark.parametrize("paper", PAPERS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_layouts_know_only_the_pages_being_read(paper: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = read_pdf(paper)
    sizes = [len(page.blocks) for page in document.pages]
    assert len(sizes) >= 3  # else two pages are the whole paper
    filled = [size for size in sizes if size]  # a blank page is no page before the next
    two_pages = max(a + b for a, b in zip(filled, filled[1:], strict=False))
    known: list[tuple[int, int, int, int]] = []
    choose = api.choose

    def spy(block: Block, context: DocumentContext, allowed: tuple[str, ...] | None = None) -> Any:
        known.append((len(context.window), len(context.positions), len(context.sections), len(context.kept)))
        return choose(block, context, allowed)

    monkeypatch.setattr(api, "choose", spy)
    extract_document(document)
    assert len(known) == sum(sizes)
    for window, positions, sections, kept in known:
        assert window <= two_pages
        assert positions <= two_pages + kept and sections <= two_pages + kept


def test_stored_pages_are_decoded_anew_on_each_reading() -> None:
    stored = read_pdf(PAPERS[0]).pages
    assert stored[0] == stored[0] and stored[0] is not stored[0]
    assert list(stored) == stored[:] and len(stored) == len(list(stored))


def test_the_cards_are_found_holding_only_the_pieces_a_card_can_still_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "tests" / "data" / "cards" / "corporate-dashboard-q3-2024-25.chromium.txt").read_text()
    once = extract_document(parse_text(text, source="dashboard.txt"))
    held: list[int] = []
    release = reader._Pieces.release

    def spy(self: reader._Pieces, below: int) -> list[Block]:
        gone = release(self, below)
        held.append(len(self._held))
        return gone

    monkeypatch.setattr(reader._Pieces, "release", spy)
    copies = 12
    records = extract_document(parse_text("\n\n".join([text] * copies), source="dashboard.txt"))
    assert len(records) == copies * len(once) and {r.layout for r in records} == {"card"}
    assert max(held) * 4 < len(held)  # a window of a few cards, not the paper


def test_a_piece_let_go_of_cannot_be_read_again() -> None:
    blocks = [Block(kind="paragraph", page=1, text=str(n)) for n in range(5)]
    pieces = reader._Pieces(iter(blocks))
    assert pieces.has(4) and not pieces.has(5) and pieces[1:3] == blocks[1:3]
    assert pieces.release(2) == blocks[:2] and pieces.first == 2
    with pytest.raises(IndexError):
        pieces[1]


def test_the_label_cache_holds_a_bounded_number_of_texts() -> None:
    vocab = load()
    for number in range(labels._LABELS_SIZE + 10):
        labels.label_of(f"Latest figure {number}", vocab)
        assert len(labels._LABELS) <= labels._LABELS_SIZE
    assert labels.label_of("Target", vocab) is not None


def test_a_spill_beyond_its_memory_reads_back_from_its_file_and_pickles() -> None:
    spill: Spill[list[str]] = Spill(in_memory=1024)
    items = [[f"line {n} of page {page}" for n in range(40)] for page in range(30)]
    for item in items:
        spill.append(item)
    assert spill._file._rolled  # past 1 KB: on disk, not in memory
    assert list(spill) == items and spill.get(29) == items[29] and len(spill) == 30
    copy = pickle.loads(pickle.dumps(spill))
    assert list(copy) == items
    spill.close()
    assert len(spill) == 0 and list(copy) == items


def test_a_spill_with_no_temporary_folder_to_write_to_stays_in_memory(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A long paper must still be read where the temporary folder is missing or read-only."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    spill: Spill[list[str]] = Spill(in_memory=1024)
    items = [[f"line {n} of page {page}" for n in range(40)] for page in range(30)]
    for item in items:
        spill.append(item)
    assert list(spill) == items and spill.get(29) == items[29]
    assert list(pickle.loads(pickle.dumps(spill))) == items
