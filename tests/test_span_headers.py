"""Tables whose two-row header is made of real spanning cells read as their text does.

tests/data/spans/<stem>.chromium.pdf (HTML colspan/rowspan), <stem>.lo-html.pdf and
<stem>.lo-html-ruled.pdf (the same HTML imported by LibreOffice: header cells shaded only as tall
as their text, a cell spanning both rows centred between them; and with border=1) and
<stem>.docx.pdf (Word merged cells printed by LibreOffice) were printed by
tools/make_span_headers.py from the paper that <stem>.txt writes as text. A period spanning
"Actual | Target", a word spanning a group of comparators, and the name and status cells
spanning both rows must give each year its target and the comparators their names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kpiextract.api import extract

from .test_tables_printed import keys

DATA = Path(__file__).parent / "data" / "spans"
PRINTED = sorted(DATA.glob("*.pdf"))


def test_each_paper_is_printed_by_each_producer() -> None:
    assert {p.name for p in PRINTED} == {f"{t.stem}.{producer}.pdf" for t in DATA.glob("*.txt")
                                         for producer in ("chromium", "docx", "lo-html", "lo-html-ruled")}


@pytest.mark.parametrize("pdf", PRINTED, ids=lambda p: p.name)
def test_the_printed_spans_read_as_the_text(pdf: Path) -> None:
    text = keys(DATA / f"{pdf.name.split('.')[0]}.txt")
    assert text
    got = keys(pdf)
    assert sorted(text - got, key=str) == [] and sorted(got - text, key=str) == []


def test_the_years_get_their_targets_and_the_comparators_their_names() -> None:
    found = {(r.code, r.period): r for r in extract(DATA / "rowanby-scrutiny-q3-2024-25.txt").records}
    last, this = found[("HP1", "Q3 2023/24")], found[("HP1", "Q3 2024/25")]
    assert (last.value, last.target, this.value, this.target, this.rag) == (82.0, 75.0, 90.0, 80.0, "green")
    # "Comparators" over "England | CIPFA neighbours" only groups them: it names no comparator
    assert [(b.name, b.value) for b in this.benchmarks] == [("England", 88.0), ("CIPFA nearest neighbours", 86.0)]
