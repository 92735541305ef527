"""Pages printed by producers with layout engines of their own, each a regression test of a rule
the reader lacked (tests/data/producers: pages cut from the sample papers printed by
tools/print_papers.py --producer abiword / typst).

- AbiWord lays out a Word document itself and writes it with cairo: a shaded table's cells are
  painted, then each line of a cell's text is painted again on the cell's own shade; the font's
  ligature glyphs ("ti", "ft") are written with no Unicode;
- Typst sets a table that runs over landscape pages down to just above the page's "Page N of M",
  and pads a cell from its text's baseline and cap height, so rows 2pt apart stand closer than
  the lines of a wrapped cell.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from kpiextract.api import extract
from kpiextract.readers.document import Block
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.pdf.hyphens import Vocabulary
from kpiextract.readers.pdf.model import Word

DATA = Path(__file__).parent / "data" / "producers"
COLUMNS = ["Measure", "Q1 Target 2023/24", "Q1 Intervention 2023/24", "Q1 Actual 2023/24", "Q2 Target 2023/24",
           "Q2 Intervention 2023/24", "Q2 Actual 2023/24", "Q3 Target 2023/24", "Q3 Intervention 2023/24",
           "Q3 Actual 2023/24", "Reason for level of Performance", "Actions taken or planned"]


@cache
def tables(name: str) -> list[Block]:
    return [block for block in read_pdf(DATA / name).blocks() if block.kind == "table"]


def row(table: Block, opening: str) -> list[str]:
    return next(r for r in table.rows if r[0].startswith(opening))


def test_a_shaded_grid_painted_line_by_line_is_one_table() -> None:
    # AbiWord paints each cell's shade, then each text line's box in the same shade inside it:
    # those boxes show no edge, and the grid is one table of twelve columns on both pages
    found = tables("bcp-scorecard.abiword.pdf")
    assert len(found) == 1
    table = found[0]
    assert table.rows[0] == COLUMNS
    assert all(len(r) == 12 for r in table.rows)
    assert sorted(set(table.row_pages)) == [1, 2]
    assert row(table, "2023/24 - Existing - Education: Permanent exclusions as a percentage of all primary")[1:10] == [
        "0.05", "0.06", "0.03", "0.05", "0.06", "0.00", "0.05", "0.06", "0.02"]


def test_a_table_run_down_to_the_page_number_keeps_its_columns() -> None:
    # Typst: the table's last row on page 2 stands just above "Page 6 of 10", which must neither
    # join a cell nor add a column, so the table's three pages are one table
    found = tables("bcp-scorecard.typst.pdf")
    assert len(found) == 1
    table = found[0]
    assert table.rows[0] == COLUMNS
    assert sorted(set(table.row_pages)) == [1, 2, 3]
    assert not any("Page" in cell for r in table.rows for cell in r)
    secondary = row(table, "2023/24 - Existing - Education: Permanent exclusions as a percentage of all secondary")
    assert secondary[1:10] == ["0.18", "0.23", "0.46", "0.18", "0.23", "0.04", "0.18", "0.23", "0.16"]


def test_rows_set_closer_than_a_cells_lines_keep_their_cells() -> None:
    # Typst, an unruled table with a 2pt cell inset: a row's first line stands about 10pt under the
    # last line of the row above, a wrapped cell's lines about 12pt apart. Each name is whole and
    # in its own row, with its whole comment beside it
    table = tables("oldham-successes.typst.pdf")[0]
    assert [r[0] for r in table.rows] == [
        "KPIs",
        "M711 Percentage of child protection plans which were a second or subsequent plan in the past two years Data:",
        "M932 Percentage of Children Looked After that have a permanence plan within four months of becoming "
        "looked after Data:",
        "M664a Percentage of referrals which are repeat referrals to Children's Social Care (in month) Data:",
    ]
    assert table.rows[1][1].startswith("The Safeguarding Unit are screening all referrals for ICPC with a clear")
    assert table.rows[1][1].endswith("to 8.8% in Quarter 2 which is 12.2% lower than target (low is good).")
    assert table.rows[3][1].endswith("this is 1% lower than target (low is good).")


def test_numbered_paragraphs_without_a_full_stop_stay_apart() -> None:
    # AbiWord drops the list's bullets: "3.5 ... equals the target" (no full stop) and "3.6 The
    # percentage ..." are two numbered paragraphs, not one cut by a gap
    result = extract(DATA / "kent-green-indicators.abiword.pdf")
    assert result.error is None
    early_help = [r for r in result.records if "Early Help cases closed" in r.indicator]
    assert [(r.value, r.target) for r in early_help] == [(83.5, 80.0)]
    paragraphs = [b.text for b in read_pdf(DATA / "kent-green-indicators.abiword.pdf").blocks()]
    assert any(text.startswith("3.6 The percentage of Early Help cases closed") for text in paragraphs)


TABLES = Path(__file__).parent / "data" / "tables"
ROOT = Path(__file__).resolve().parents[1]


def _installed(producer: str) -> bool:
    if producer == "typst":
        return importlib.util.find_spec("typst") is not None or shutil.which("typst") is not None
    return shutil.which("abiword") is not None and importlib.util.find_spec("docx") is not None


@pytest.mark.timeout(300)
@pytest.mark.parametrize("producer", ["abiword", "typst"])
def test_a_fresh_print_reads_as_its_text(producer: str, tmp_path: Path) -> None:
    """The producer as installed today prints a table paper that reads as the paper's text (the
    committed PDFs are read without it); AbiWord from apt, Typst and python-docx from the test extra."""
    if not _installed(producer):
        pytest.skip(f"{producer} is not installed (see .ci/run)")
    paper = TABLES / "castlebrook-housing-tsm-2024-25.txt"
    subprocess.run([sys.executable, str(ROOT / "tools" / "print_papers.py"), "--producer", producer, "--out",
                    str(tmp_path), str(paper)], check=True, capture_output=True, timeout=240)
    printed, text = extract(tmp_path / f"{paper.stem}.pdf"), extract(paper)
    assert printed.error is None and text.records
    assert [(r.indicator, r.period, r.value, r.benchmarks) for r in printed.records] == [
        (r.indicator, r.period, r.value, r.benchmarks) for r in text.records]


def test_ligatures_written_without_their_letters_are_spelled_from_the_paper() -> None:
    # AbiWord (cairo) writes Carlito's "ti" ligature with no Unicode: pdfium reads "rela\ufffdng",
    # "Paren\ufffdng", "Educa\ufffdon". The paper prints each word whole elsewhere (in another font
    # or without the ligature), which says which letters the glyph stands for
    blocks = read_pdf(DATA / "bcp-background.abiword.pdf").blocks()
    texts = [block.text for block in blocks] + [cell for block in blocks for row in block.rows for cell in row]
    assert not any("\ufffd" in text for text in texts)
    assert "2.1 Corporate Parenting and Permanence" in texts and "2.3 Education" in texts
    assert any("key performance indicators (KPI) relating to Children's Services" in text for text in texts)


def test_an_unread_glyph_stays_unread_unless_one_spelling_is_known() -> None:
    vocabulary = Vocabulary()
    vocabulary.see([Word(text, 0, 1, 0, 1, 10, False, 1) for text in ["still", "after", "raft", "rati"]])
    assert vocabulary.mend("s\ufffdll there a\ufffder") == ("still there after", [])
    assert vocabulary.mend("ra\ufffd", [(0, 1), (4, 2)]) == ("ra\ufffd", [(0, 1), (4, 2)])  # raft or rati
    assert vocabulary.mend("na\ufffdonally") == ("nationally", [])  # printed nowhere, but an English word
    assert vocabulary.mend("Qu\ufffdzzy") == ("Qu\ufffdzzy", [])  # no word at all
    # offsets after a spelled word move with it
    assert vocabulary.mend("a\ufffder it", [(0, 1), (6, 2)]) == ("after it", [(0, 1), (7, 2)])
