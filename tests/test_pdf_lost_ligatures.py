"""Ligatures whose names a re-writer lost, read back from their words (lost_ligatures.py).

tests/data/lost-ligatures/: the Oldham sample as LibreOffice printed it from Word (Carlito, with
its "ti", "tt", "fi" and "ffi" ligatures), printed to PostScript by poppler's cairo backend
(`pdftocairo -ps`) and back to PDF by Ghostscript (`ps2pdf`). Each ligature comes out as a glyph
of a Type 3 font of its own, named by a control code: "Educa\\x10on", "Por\\x11olio".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpiextract import api
from kpiextract.models import KPIRecord
from kpiextract.readers.pdf.inks import unnamed_reading
from kpiextract.readers.pdf.lost_ligatures import SLOT, Spelling, fill_slots

ROOT = Path(__file__).resolve().parents[1]
REWRITTEN = ROOT / "tests" / "data" / "lost-ligatures" / "oldham-childrens-performance-q2-2023-24.via-cairo-ps.pdf"
ORIGINAL = ROOT / "samples" / "printed" / "docx" / "oldham-childrens-performance-q2-2023-24.pdf"
# a paper's words, as the reader gathers them: its spelling and its known words alike (the Kent
# sample's, which prints none of the words below that have a slot but 'meeting' and 'staff')
KENT = ROOT / "samples" / "kent-cype-scorecard-2018-09.txt"
WORDS = {word.lower() for word in re.findall(r"[^\W\d_]+", KENT.read_text())}
WORDS = (WORDS - {"existing", "education", "significant", "financial"}) | {"meeting", "staff"}
SPELLING = Spelling(WORDS)
KNOWN = frozenset(WORDS)


def _key(record: KPIRecord) -> tuple[object, ...]:
    return (record.indicator, record.period, record.value, record.unit, record.target, record.rag,
            record.section, tuple((b.name, b.value) for b in record.benchmarks))


def test_a_paper_whose_ligatures_lost_their_names_reads_as_the_original_print() -> None:
    rewritten = api.extract(REWRITTEN)
    assert rewritten.error is None
    assert sorted(map(_key, rewritten.records)) == sorted(map(_key, api.extract(ORIGINAL).records))
    assert not any(SLOT in record.source_text for record in rewritten.records)


@pytest.mark.parametrize(("text", "read"), [
    (f"Mee{SLOT}ng", "Meeting"),  # a word the paper prints
    (f"sta{SLOT}", "staff"),
    (f"Exis{SLOT}ng sites", "Existing sites"),  # a word it does not: the likeliest spelling inside a word
    (f"Educa{SLOT}on", "Education"),
    (f"Signi{SLOT}cant", "Significant"),
    (f"{SLOT}nancial", "financial"),  # opening a word in lower case
    (f"Green{SLOT}", "Green "),  # a mark after a word: no ligature ends it unless a known word says so
    (f"{SLOT}Improving", " Improving"),  # a mark before a capital
    (f"{SLOT}13.3m", " 13.3m"),  # a lost currency sign: never glued to the figure
])
def test_a_slot_is_read_by_its_word(text: str, read: str) -> None:
    assert fill_slots(text, KNOWN, SPELLING) == read


@given(st.text())
def test_text_without_slots_is_left_alone_and_no_slot_survives(text: str) -> None:
    assert fill_slots(text.replace(SLOT, ""), set(), SPELLING) == text.replace(SLOT, "")
    assert SLOT not in fill_slots(text, set(), SPELLING)


@pytest.mark.parametrize(("width", "height", "lift", "read"), [
    (4.3, 6.2, -0.1, SLOT),  # "ti" at 8 pt: letters' ink on the baseline
    (2.0, 2.0, 2.0, "•"),  # a dot above the baseline
    (4.0, 0.6, 2.5, "–"),  # a flat bar
    (0.0, 0.0, 0.0, " "),  # no ink
    (12.0, 6.0, 0.0, " "),  # too wide for letters: a glyph of unknown meaning
])
def test_a_glyph_named_by_a_control_code_reads_as_its_ink(width: float, height: float, lift: float,
                                                          read: str) -> None:
    assert unnamed_reading(width, height, lift, 8.0) == read
