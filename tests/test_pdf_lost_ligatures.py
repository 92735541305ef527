"""Ligatures whose names a re-writer lost, read back from their words (lost_ligatures.py).

tests/data/lost-ligatures/: the Oldham sample as LibreOffice printed it from Word (Carlito, with
its "ti", "tt", "fi" and "ffi" ligatures), printed to PostScript by poppler's cairo backend
(`pdftocairo -ps`) and back to PDF by Ghostscript (`ps2pdf`). Each ligature comes out as a glyph
of a Type 3 font of its own, named by a control code: "Educa\\x10on", "Por\\x11olio".
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpiextract import api
from kpiextract.models import KPIRecord
from kpiextract.readers.pdf.inks import unnamed_reading
from kpiextract.readers.pdf.lost_ligatures import (
    ENGLISH,
    ENGLISH_WORDS,
    SLOT,
    Ligatures,
    english_words,
    has_slots,
    is_slot,
    slot,
)

ROOT = Path(__file__).resolve().parents[1]
REWRITTEN = ROOT / "tests" / "data" / "lost-ligatures" / "oldham-childrens-performance-q2-2023-24.via-cairo-ps.pdf"
ORIGINAL = ROOT / "samples" / "printed" / "docx" / "oldham-childrens-performance-q2-2023-24.pdf"
KENT = ROOT / "samples" / "kent-cype-scorecard-2018-09.txt"
# a paper's words as the reader gathers them (the Kent sample's, none of the words below with a
# slot among them but 'meeting'), with its lost ligatures: TI and TT of one font, FI of another
TI, TT, FI, MARK = slot("\x05"), slot("\x06"), slot("\x07"), slot("\x08")
PAPER = {word.lower() for word in re.findall(r"[^\W\d_]+", KENT.read_text())} - {
    "existing", "education", "information", "patients", "significant", "financial", "admitted", "specific"}
PAPER |= {"meeting"}
WORDS = PAPER | {f"exis{TI}ng", f"educa{TI}on", f"informa{TI}on", f"pa{TI}ents", f"admi{TT}ed", f"signi{FI}cant",
                 f"{FI}nancial", f"speci{FI}c", f"green{MARK}"}


def _key(record: KPIRecord) -> tuple[object, ...]:
    return (record.indicator, record.period, record.value, record.unit, record.target, record.rag,
            record.section, tuple((b.name, b.value) for b in record.benchmarks))


def test_a_paper_whose_ligatures_lost_their_names_reads_as_the_original_print() -> None:
    rewritten = api.extract(REWRITTEN)
    assert rewritten.error is None
    assert sorted(map(_key, rewritten.records)) == sorted(map(_key, api.extract(ORIGINAL).records))
    assert not any(has_slots(record.source_text) for record in rewritten.records)


@pytest.mark.skipif(shutil.which("pdftocairo") is None or shutil.which("ps2pdf") is None,
                    reason="poppler-utils' pdftocairo and Ghostscript's ps2pdf print through PostScript")
@pytest.mark.timeout(300)
def test_a_paper_printed_through_postscript_now_reads_as_the_original(tmp_path: Path) -> None:
    postscript, printed = tmp_path / "paper.ps", tmp_path / "paper.pdf"
    subprocess.run(["pdftocairo", "-ps", str(ORIGINAL), str(postscript)], check=True, timeout=120)
    subprocess.run(["ps2pdf", str(postscript), str(printed)], check=True, timeout=120)
    assert sorted(map(_key, api.extract(printed).records)) == sorted(map(_key, api.extract(ORIGINAL).records))


@pytest.fixture(scope="module")
def ligatures() -> Ligatures:
    return Ligatures(WORDS, frozenset(PAPER))


@pytest.mark.parametrize(("text", "read"), [
    (f"Educa{TI}on", "Education"),  # one glyph: every word it stands in votes ("patients" alone might read "paffents")
    (f"pa{TI}ents", "patients"),
    (f"Admi{TT}ed", "Admitted"),
    (f"{FI}nancial", "financial"),  # opening a word: decided by the words where it stands inside
    (f"Green{MARK}", "Green "),  # a mark that stands between no letters and makes no known word: a space
    (f"{TI}13.3m", " 13.3m"),  # a slot before a figure is read in no word
    (f"{MARK}", " "),
])
def test_a_slot_is_read_by_the_words_its_glyph_stands_in(ligatures: Ligatures, text: str, read: str) -> None:
    assert ligatures.fill(text) == read


def test_a_glyph_the_paper_never_sets_inside_a_word_is_read_only_by_a_known_word() -> None:
    lone = slot("\x09")
    assert Ligatures({f"sta{lone}"}, frozenset()).fill(f"sta{lone}") == "staff"  # the English word list's
    assert Ligatures({f"Qx{lone}"}, frozenset()).fill(f"Qx{lone}") == "Qx "


@given(st.text())
def test_text_without_slots_is_left_alone_and_no_slot_survives(text: str) -> None:
    ligatures = Ligatures(WORDS, frozenset(PAPER))
    plain = "".join(char for char in text if not is_slot(char))
    assert ligatures.fill(plain) == plain
    assert not has_slots(ligatures.fill(text))


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


def test_the_bundled_english_words_hold_every_form_and_carry_their_notice() -> None:
    words = english_words()
    assert {"patients", "admitted", "staff", "effectively", "notifications"} <= words  # forms, not stems
    assert all(any(letters in word for letters in ("fi", "fl", "ff", "ft", "ti", "tt", "tf")) for word in words)
    with gzip.open(ENGLISH_WORDS, "rt", encoding="utf-8") as listed:
        assert "Kevin Atkinson" in listed.readline()
    assert "Kevin Atkinson" in json.loads(ENGLISH.read_text(encoding="utf-8"))["notice"]
