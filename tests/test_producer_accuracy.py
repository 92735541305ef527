"""Accuracy on the five sample papers as printed by independent PDF producers (samples/printed):
LibreOffice from python-docx Word documents and from HTML (plain and ruled), headless Chromium,
and reportlab. None was drawn to suit the reader (tools/README.md says how each was made).

Each producer must score F1 >= 0.95 over the five papers, and within 0.03 of the text exports;
and every record's figure must be printed on the page the record names.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kpiextract.api import extract
from kpiextract.models import KPIRecord

from .accuracy import load_gold, score

ROOT = Path(__file__).resolve().parents[1]
PRINTED = ROOT / "samples" / "printed"
PRODUCERS = sorted(p.name for p in PRINTED.iterdir() if p.is_dir())
STEMS = sorted(p.stem for p in (Path(__file__).parent / "data" / "gold").glob("*.jsonl"))
MIN_F1, MAX_GAP = 0.95, 0.03


@cache
def records(path: Path) -> tuple[KPIRecord, ...]:
    result = extract(path)
    assert result.error is None, result.error
    return tuple(result.records)


def text_paper(stem: str) -> Path:
    return next(p for p in (ROOT / "samples").glob(f"{stem}.*") if p.suffix in (".txt", ".md"))


def f1(paths: dict[str, Path]) -> float:
    """Micro-averaged over the papers, as kpieval totals them."""
    tp = found = wanted = 0.0
    for stem, path in paths.items():
        gold = load_gold(stem)
        scored = score(gold, list(records(path)))
        required = sum(1 for g in gold if g.get("required", True))
        hits = scored.recall * required
        tp += hits
        wanted += required
        found += hits / scored.precision if scored.precision else len(records(path))
    precision, recall = tp / found if found else 1.0, tp / wanted if wanted else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def test_there_are_at_least_three_independent_producers() -> None:
    assert len(PRODUCERS) >= 3 and "fpdf2" not in PRODUCERS


@pytest.mark.parametrize("producer", PRODUCERS)
def test_each_producer_scores_as_well_as_the_text(producer: str) -> None:
    printed = f1({stem: PRINTED / producer / f"{stem}.pdf" for stem in STEMS})
    text = f1({stem: text_paper(stem) for stem in STEMS})
    assert printed >= MIN_F1, f"{producer}: F1 {printed:.3f}"
    assert printed >= text - MAX_GAP, f"{producer}: F1 {printed:.3f} against text {text:.3f}"


@cache
def page_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(document)):
            textpage = document[index].get_textpage()
            texts.append(re.sub(r"\s+", "", textpage.get_text_range()))
            textpage.close()
        return texts
    finally:
        document.close()


@pytest.mark.parametrize("producer", PRODUCERS)
def test_records_name_the_page_their_figure_is_printed_on(producer: str) -> None:
    """Allowed off the page: a figure damaged in the paper itself ('57 | 7.4'), and a figure in
    a long comment cell that runs onto the next page (the record names the page its row starts)."""
    wrong = []
    for stem in STEMS:
        path = PRINTED / producer / f"{stem}.pdf"
        texts = page_texts(path)
        for record in records(path):
            if record.value_text is None or "|" in record.value_text:
                continue
            assert record.page is not None and 1 <= record.page <= len(texts)
            if re.sub(r"\s+", "", record.value_text) not in texts[record.page - 1]:
                wrong.append((stem, record.page, record.value_text))
    assert len(wrong) <= 2, wrong
