"""A paper written as Markdown, made a Word and an OpenDocument file by pandoc and printed by
LibreOffice (tools/print_papers.py --producer pandoc-docx / pandoc-odt; tests/data/pandoc).

pandoc's documents are set unlike python-docx's or an HTML page's: tables with a rule under the
header only (Word) or none (OpenDocument), equal columns, so long names wrap line after line in a
narrow first column with their figures on the first line (top-aligned), bold subheading rows as
the rows' own lines, cells whose padding leaves the gutter beside a wrapped name about a word
space wide, and paragraphs a line and a gap apart. The paper's text is the reference.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kpiextract.api import extract
from kpiextract.models import KPIRecord

DATA = Path(__file__).parent / "data" / "pandoc"
PAPER = "hollowmere-tenant-measures-2024-25"
PERCEPTION = "Tenant satisfaction measures 2024/25"

Key = tuple[object, ...]


def key(record: KPIRecord) -> Key:
    # pandoc sets typographic apostrophes ("landlord’s"): the same name either way
    return (record.indicator.replace("\u2019", "'"), record.period, record.value, record.section,
            tuple((b.name, b.value) for b in record.benchmarks))


@cache
def keys(path: Path) -> frozenset[Key]:
    result = extract(path)
    assert result.error is None, result.error
    return frozenset(key(r) for r in result.records)


def test_the_text_paper_gives_every_figure() -> None:
    text = keys(DATA / f"{PAPER}.txt")
    assert len(text) == 18
    assert {k[3] for k in text} == {PERCEPTION, "Repairs", "Safety checks", "Complaints"}


def test_the_word_document_reads_as_its_text() -> None:
    # narrow wrapped names, the header's rule, subheading rows, a row the page breaks under a
    # repeated header, header cells wrapped onto the header's last line ("Median of similar" over
    # "landlords 2024/25", bottom-aligned), and paragraphs set apart by space
    assert keys(DATA / "pandoc-docx" / f"{PAPER}.pdf") == keys(DATA / f"{PAPER}.txt")


def test_wrapped_names_beside_a_narrow_gutter_keep_their_rows() -> None:
    # OpenDocument: no rules and no padding; each name wraps over four or five lines up to about a
    # word space from the figures. Every name is whole and in its own row.
    text = {k for k in keys(DATA / f"{PAPER}.txt") if k[3] == PERCEPTION}
    printed = {k for k in keys(DATA / "pandoc-odt" / f"{PAPER}.pdf") if k[3] == PERCEPTION}
    assert printed == text
    assert len(printed) == 8
    assert {name for name, *_ in printed} == {
        "Share of tenants asked who say they are satisfied with the overall housing service they receive",
        "Share of tenants with a repair in the last year who are satisfied with how long it took to finish",
        "Share of tenants asked who say their landlord keeps their communal areas clean and well kept",
        "Share of tenants asked who agree that their landlord treats them fairly and with respect",
    }
