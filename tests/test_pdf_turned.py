"""Pages whose text runs sideways in PDF space are turned upright before they are read (upright.py).

tests/data/turned/:
- portfolio-p1-3.docx.pdf: the first three pages of the Buckinghamshire sample as LibreOffice
  printed it from Word (pages 2-3 landscape, wide pages); portfolio-p1-3.via-cairo-postscript.pdf:
  the same pages printed to PostScript by poppler's cairo backend (`pdftocairo -ps`) and back to
  PDF by Ghostscript (`ps2pdf`), which makes each landscape page a tall one with its content
  drawn a quarter turn round and /Rotate 90;
- sidewaystable.pdf (sidewaystable.tex, pdfTeX with `rotating`): a table turned on a tall page
  with no /Rotate, the page number upright; lscape.pdf: the same with `pdflscape` (/Rotate 90);
  flat.pdf: the same table on a landscape page, for comparison.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kpiextract import api
from kpiextract.models import KPIRecord
from kpiextract.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "turned"
Key = tuple[object, ...]


def keys(path: Path) -> list[Key]:
    result = api.extract(path)
    assert result.error is None, result.error
    return sorted(_key(record) for record in result.records)


def _key(record: KPIRecord) -> Key:
    return (record.indicator, record.period, record.value, record.unit, record.target, record.rag,
            record.polarity, tuple((b.name, b.value) for b in record.benchmarks))


def test_landscape_pages_printed_through_postscript_read_as_the_original_print() -> None:
    turned = keys(DATA / "portfolio-p1-3.via-cairo-postscript.pdf")
    assert turned == keys(DATA / "portfolio-p1-3.docx.pdf")
    assert len(turned) == 6


def test_a_table_turned_on_a_tall_page_reads_as_on_a_wide_one() -> None:
    flat = keys(DATA / "flat.pdf")
    assert len(flat) == 3
    assert keys(DATA / "sidewaystable.pdf") == flat  # no /Rotate: the content alone is turned
    assert keys(DATA / "lscape.pdf") == flat  # /Rotate 90 over turned content


def test_the_page_number_left_upright_on_a_turned_page_is_no_cell_of_its_table() -> None:
    table = next(block for block in read_pdf(DATA / "sidewaystable.pdf").blocks() if block.kind == "table")
    assert table.rows[0][0] == "Indicator"
    assert all(row[0] != "2" for row in table.rows)


def test_a_rotated_page_whose_content_is_upright_is_read_as_it_is(tmp_path: Path) -> None:
    # /Rotate over upright content shows the page sideways; it still reads as its author wrote it
    document = pdfium.PdfDocument(DATA / "flat.pdf")
    document[0].set_rotation(90)
    shown_sideways = tmp_path / "shown-sideways.pdf"
    document.save(shown_sideways)
    document.close()
    assert keys(shown_sideways) == keys(DATA / "flat.pdf")


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex typesets the turned table afresh")
@pytest.mark.timeout(180)
def test_a_turned_table_typeset_now_reads_as_the_flat_one(tmp_path: Path) -> None:
    source = tmp_path / "sidewaystable.tex"
    source.write_text((DATA / "sidewaystable.tex").read_text())
    done = subprocess.run(["pdflatex", "-interaction=batchmode", source.name], cwd=tmp_path,
                          capture_output=True, timeout=150)
    if done.returncode != 0:
        pytest.skip("this TeX installation lacks a package the source uses (rotating, booktabs, lmodern)")
    assert keys(tmp_path / "sidewaystable.pdf") == keys(DATA / "flat.pdf")


def test_the_debug_drawing_of_a_turned_page_is_turned_as_it_is_read(tmp_path: Path) -> None:
    from PIL import Image

    from kpiextract.debug import render_page

    out = tmp_path / "page2.png"
    render_page(DATA / "sidewaystable.pdf", 2, out, resolution=40)
    with Image.open(out) as image:
        assert image.width > image.height
