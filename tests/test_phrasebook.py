"""Phrasebook lookups go through an index of the aliases' first words and remember their answers;
they must answer exactly as trying every alias, longest first, would."""

from __future__ import annotations

import re

import pytest

from kpiextract.vocab import Phrasebook, load, normalise

TEXTS = ["Target 2023/24", "% of target", "+5 vs England", "pre-target", "target%", "Stat neighbours' average",
         "Direction of travel", "RAG", "r/a/g rating", "England average (2022)", "- England -", "", "Q2 actual",
         "Statistical Neighbours", "North West", "Latest data", "Performance against target (red)"]


def every_alias(book: Phrasebook, text: str, min_length: int) -> tuple[str, tuple[int, int]] | None:
    norm = normalise(text)
    for alias, label, length in book._compiled:
        pattern = re.compile(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])")
        if length >= min_length and (match := pattern.search(norm)):
            return label, match.span()
    return None


@pytest.mark.parametrize("name", ["headers", "comparators", "polarity", "rag", "direction", "chart_notes"])
def test_indexed_lookup_answers_as_every_alias_tried_in_turn(name: str) -> None:
    book = getattr(load(), name)
    for text in TEXTS:
        for min_length in (1, 3):
            for _ in range(2):  # the second time from the remembered answer
                found = book.find(text, min_length)
                got = (found[0], found[1].span()) if found else None
                assert got == every_alias(book, text, min_length), (name, text, min_length)


def test_an_alias_opening_with_a_mark_is_found() -> None:
    book = Phrasebook({"share": ["% of"], "gain": ["+ points"]}).compile()
    assert book.label("the % of pupils") == "share"
    assert book.label("up + points") == "gain"
    assert book.label("percentage of pupils") is None
    found = book.find("a % of b")
    assert found is not None and found[1].group() == "% of"


def test_a_word_a_typesetter_broke_at_a_line_end_is_tried_whole() -> None:
    """Regression: TeX hyphenates a narrow column's cells ("Ac-tual", "Am-ber", "Stat neigh-bours"),
    LibreOffice breaks them where they run out of room ("Comparato r group"), and a header or
    status so broken named nothing."""
    vocab = load()
    assert vocab.headers.label("Ac-tual") == "value"
    assert vocab.rag.exact("Am-ber") == "amber"
    assert vocab.comparators.label("Stat neigh-bours", min_length=2) == vocab.comparators.label("Stat neighbours")
    # a narrow column may break a word without a hyphen (LibreOffice Calc and Writer do)
    assert vocab.comparators.label("Comparato r group", min_length=2) == vocab.comparators.label("Comparator group")
    assert vocab.headers.label("Measur e") == "indicator"
    assert vocab.comparators.label("CIPFA neighbo urs", min_length=2) == vocab.comparators.label("CIPFA neighbours")
    # a word's own hyphen is read as printed first: only a text naming nothing is tried whole
    assert vocab.headers.label("Re-referrals") is None
    assert vocab.headers.label("Year-end target") == "target"
