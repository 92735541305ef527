"""Make tests/data/rewritten/: committed PDFs passed through Ghostscript's pdfwrite.

    .venv/bin/python tools/make_rewritten_pdfs.py            # write every file
    .venv/bin/python tools/make_rewritten_pdfs.py --out DIR  # somewhere else

Councils publish many papers after a re-writer (a print driver, a document system, `ps2pdf`)
has been over them; Ghostscript (10.00.0 here) writes each font's /StemV as it measures it and
garbles the ToUnicode of ligature glyphs. Two kinds of input:

- structure PDFs from tests/data/pdf and a sample paper from samples/printed (as printed from
  Word and by reportlab, whose ToUnicode gs drops), rewritten as they are (their expected
  records are those of the original);
- `ligatures.chromium.pdf`: a page printed by Chromium in Calibri (Carlito), whose words use
  every ligature Carlito sets (ti, tt, ft, fi, ff, fb, ffi, ffl, tti, ...), with a paragraph of
  Chinese in Droid Sans Fallback that holds the characters the garbled ligatures read as
  (琀 U+7400, 椀 U+6900, 一 U+4E00): the original and its rewrite are both committed.

- `dashes.wkhtml.pdf`: dashes, quotes and a bullet printed by wkhtmltopdf, in the ToUnicode form
  (a range mapped to an array) that Ghostscript garbles: the en dash comes out as "3".

Needs gs, chromium and wkhtmltopdf (`apt-get install ghostscript chromium wkhtmltopdf
fonts-crosextra-carlito fonts-droid-fallback`).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from print_papers import chromium_print, normalise_pdf  # noqa: E402
from rewrite_pdfs import rewrite  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "rewritten"
REWRITTEN = [
    ROOT / "tests" / "data" / "pdf" / "centred-cells.docx.pdf",
    ROOT / "tests" / "data" / "pdf" / "shaded-header.docx.pdf",
    ROOT / "tests" / "data" / "pdf" / "stacked-tables.docx.pdf",
    ROOT / "tests" / "data" / "pdf" / "bullets-chromium.pdf",
    ROOT / "tests" / "data" / "pdf" / "footnotes.wkhtml.pdf",
]
SAMPLES = [ROOT / "samples" / "printed" / producer / "kent-cype-scorecard-2018-09.pdf"
           for producer in ("docx", "reportlab")]

LIGATURE_WORDS = (
    "Education attendance after efficient offices baffled staff difficult officers fjord affix "
    "offhand Effluent fifty often settings committing latte witty upbeat buffet halfback "
    "selfhood offbeat shifting fitted aftertaste entitled stiff"
)
CHINESE = "琀椀 一丁 昀 中文測試 一 二 三 教育 出勤率"
LIGATURE_HTML = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ligatures</title>
<style>
@page {{ size: A4; margin: 2cm; }}
body {{ font-family: Calibri, Carlito; font-size: 12pt; }}
p.zh {{ font-family: "Droid Sans Fallback"; }}
</style></head>
<body>
<h1>Attendance and participation</h1>
<p>{LIGATURE_WORDS}</p>
<p class="zh" lang="zh">{CHINESE}</p>
<p>Percentage of pupils with effective attendance: 91.2% against a target of 90%.</p>
</body></html>
"""


DASHES_HTML = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Fostering</title>
<style>body { font-family: Arial, 'Liberation Sans', sans-serif; font-size: 10.5pt; }</style></head>
<body>
<h1>Children\u2019s Services \u2013 Quarter 3 2023/24</h1>
<p>3.1 Number of approved fostering households \u2013 Q3 2023/24 figure stood at 274, a slight increase
from 270 in Q2 2023/24.</p>
<p>3.2 Percentage of children in care with an achieved plan for permanence \u2013 44% at the end of Q3,
below the target level \u2013 45%.</p>
<p>3.3 Care leavers in suitable accommodation \u2014 89% in Q3 against a target of 90%; schools
\u201chold\u201d places for 3 terms.</p>
<ul><li>Increased monitoring \u2022 of 33 young people</li></ul>
</body></html>
"""


def dashes_pdf(out: Path) -> Path:
    """Dashes, quotes and a bullet printed by wkhtmltopdf, whose ToUnicode gives them as an
    array in a range: the form Ghostscript turns "\u2013" into "3"."""
    with tempfile.TemporaryDirectory(prefix="rewritten-") as tmp:
        page = Path(tmp) / "dashes.html"
        page.write_text(DASHES_HTML, encoding="utf-8")
        target = out / "dashes.wkhtml.pdf"
        subprocess.run(["wkhtmltopdf", "-q", "--page-size", "A4", str(page), str(target)], check=True,
                       capture_output=True, timeout=300)
    normalise_pdf(target)
    return target


def ligatures_pdf(out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="rewritten-") as tmp:
        work = Path(tmp)
        page = work / "ligatures.html"
        page.write_text(LIGATURE_HTML, encoding="utf-8")
        target = out / "ligatures.chromium.pdf"
        chromium_print(page, target, work)
    normalise_pdf(target)
    return target


FIXED_EPOCH = "1700000000"
"""Ghostscript dates its output from SOURCE_DATE_EPOCH when it is set (2023-11-14)."""
XMP_UUID = re.compile(rb"uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def fixed_ids(pdf: Path) -> None:
    """The XMP DocumentID (a fresh uuid at every run) made from the file's content, at the same
    length so the xref offsets hold; normalise_pdf then fixes the /ID."""
    data = pdf.read_bytes()
    digest = hashlib.md5(XMP_UUID.sub(b"", data)).hexdigest()
    uuid = f"uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}".encode()
    pdf.write_bytes(XMP_UUID.sub(uuid, data))
    normalise_pdf(pdf)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    with tempfile.TemporaryDirectory(prefix="rewritten-") as tmp:
        work = Path(tmp)
        sources = [*REWRITTEN, ligatures_pdf(args.out), dashes_pdf(args.out)]
        samples = [work / f"{sample.stem}.{sample.parent.name}.pdf" for sample in SAMPLES]  # named by producer
        for sample, copy in zip(SAMPLES, samples, strict=True):
            shutil.copy(sample, copy)
        for source in [*sources, *samples]:
            written = rewrite("gs", source, args.out)
            fixed_ids(written)  # an unchanged input gives the same file
            print(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
