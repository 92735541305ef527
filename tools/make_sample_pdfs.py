"""Render the text samples in samples/ as PDFs in samples/pdf/, to test the PDF reader against.

    .venv/bin/python tools/make_sample_pdfs.py            # all five samples
    .venv/bin/python tools/make_sample_pdfs.py --out DIR  # somewhere else

Each paper is read with the text reader and its blocks drawn the way a council's Word export
would draw them: bold and larger headings, paragraphs with their bold phrases, bullets, and
tables as real tables that wrap long cells and repeat their header row on every page. The
samples differ on purpose, so the reader meets each case the committee papers present:

- bcp: ruled tables, the 12-column appendix on landscape pages running over several pages;
- buckinghamshire scorecard: unruled tables (text aligned in columns, no lines), wrapped cells,
  rows continuing over page breaks;
- oldham, buckinghamshire cabinet, kent: ruled two-column tables and narrative pages;
- a "Page N" footer everywhere, and a running header on some, for the reader to drop.

Output is deterministic (fixed dates, no random IDs), so re-running gives identical files.
fpdf2 is needed (a test dependency); the DejaVu fonts give the curly quotes and dashes the
papers use, with Helvetica and a latin-1 mapping as a fallback where DejaVu is missing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf import __version__ as FPDF_VERSION
from fpdf.fonts import FontFace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kpiextract.readers.document import Block  # noqa: E402
from kpiextract.readers.text import read_text  # noqa: E402

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FIXED_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)  # noqa: UP017 - datetime.UTC is 3.11+
BODY_SIZE = 10.0
# heading level -> font size; the reader maps size/body ratios back to these levels
HEADING_SIZES = {1: 16.0, 2: 14.0, 3: 12.0, 4: 11.0, 5: 10.5, 6: 10.5, 0: 10.0}
LATIN1 = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "•": "-", "·": "-"})
WIDE_TABLE_COLUMNS = 8
# the fpdf2 version is in every file: another version may lay pages out differently, so the
# test that regenerates the samples compares bytes only under the same version
PRODUCER = f"kpiextract make_sample_pdfs (fpdf2 {FPDF_VERSION})"


@dataclass(frozen=True)
class Style:
    ruled: bool = True
    landscape: bool = False
    """The whole paper on landscape pages (scorecards printed from a spreadsheet)."""
    header: str | None = None
    """A running header printed at the top of every page."""


STYLES: dict[str, Style] = {
    "bcp-childrens-scrutiny-q3-2023-24": Style(
        ruled=True, header="Children's Services Overview and Scrutiny Committee – 19 March 2024"),
    "buckinghamshire-portfolio-scorecard-2023-05": Style(ruled=False, landscape=True,
                                                          header="Appendix 1"),
    "buckinghamshire-cabinet-childrens-update-2017-11": Style(ruled=True),
    "kent-cype-scorecard-2018-09": Style(ruled=True, header="Kent County Council"),
    "oldham-childrens-performance-q2-2023-24": Style(ruled=True),
}


class Paper(FPDF):
    def __init__(self, running_header: str | None, landscape: bool) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.running_header = running_header
        self.family = self._load_fonts()
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 18, 15)
        self.set_creation_date(FIXED_DATE)
        self.set_producer(PRODUCER)

    def _load_fonts(self) -> str:
        regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.add_font("DejaVu", "", str(regular))
            self.add_font("DejaVu", "B", str(bold))
            return "DejaVu"
        print("DejaVu fonts not found: falling back to Helvetica (quotes and dashes mapped to ASCII)")
        return "Helvetica"

    def text_of(self, text: str) -> str:
        return text if self.family == "DejaVu" else text.translate(LATIN1).encode("latin-1", "replace").decode(
            "latin-1")

    def header(self) -> None:
        if not self.running_header:
            return
        self.set_font(self.family, "", 8)
        self.set_text_color(90, 90, 90)
        self.set_y(8)
        self.cell(0, 4, self.text_of(self.running_header), align="C")
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 4, f"Page {self.page_no()}", align="C")


def bold_runs(text: str, bold: list[str]) -> list[tuple[str, bool]]:
    """Split a paragraph into (text, is_bold) runs, marking each bold phrase where it occurs."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for phrase in bold:
        found = text.find(phrase, position)
        if found < 0:
            continue
        if found > position:
            runs.append((text[position:found], False))
        runs.append((phrase, True))
        position = found + len(phrase)
    if position < len(text):
        runs.append((text[position:], False))
    return runs


def draw_heading(pdf: Paper, block: Block) -> None:
    size = HEADING_SIZES.get(block.level, BODY_SIZE)
    pdf.ln(3)
    pdf.set_font(pdf.family, "B", size)
    pdf.multi_cell(0, size * 0.5, pdf.text_of(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def draw_paragraph(pdf: Paper, block: Block) -> None:
    left = pdf.l_margin
    line_height = BODY_SIZE * 0.5
    if block.bullet:
        indent = 5 + 5 * block.level
        pdf.set_font(pdf.family, "", BODY_SIZE)
        if pdf.will_page_break(line_height):
            pdf.add_page()
        pdf.set_x(left + indent)
        pdf.cell(4, line_height, pdf.text_of("•"))
        pdf.set_left_margin(left + indent + 4)
        pdf.set_x(left + indent + 4)
    for text, bold in bold_runs(block.text, block.bold):
        pdf.set_font(pdf.family, "B" if bold else "", BODY_SIZE)
        pdf.write(line_height, pdf.text_of(text))
    pdf.set_left_margin(left)
    pdf.ln(line_height + 2.5)


def table_rows(block: Block) -> list[list[str]]:
    """Rows as a paper would print them: a continuation row (first cell empty) folded into its row."""
    width = max(len(row) for row in block.rows)
    rows: list[list[str]] = []
    for raw in block.rows:
        row = [*raw, *[""] * (width - len(raw))]
        if not any(cell.strip() for cell in row):
            continue
        if rows and not row[0].strip():
            rows[-1] = [f"{above} {cell}".strip() for above, cell in zip(rows[-1], row, strict=True)]
            continue
        rows.append(row)
    return rows


def has_header(rows: list[list[str]]) -> bool:
    """A first row of short labels is a header (printed bold, repeated on each page)."""
    first = rows[0]
    return len(rows) > 1 and all(len(cell) <= 40 for cell in first) and not first[0].endswith(":")


def column_widths(pdf: Paper, rows: list[list[str]], available: float, size: float, padding: float) -> list[float]:
    """Each column at least as wide as its longest word, the rest shared by how much text it holds."""
    columns = list(zip(*rows, strict=True))
    minimum: list[float] = []
    wanted: list[float] = []
    for index, cells in enumerate(columns):
        pdf.set_font(pdf.family, "B", size)
        words = [word for cell in cells for word in pdf.text_of(cell).split()] or ["x"]
        longest = max(pdf.get_string_width(word) for word in words)
        minimum.append(longest + 2 * padding + 1.5)
        pdf.set_font(pdf.family, "", size)
        total = max(pdf.get_string_width(pdf.text_of(cell)) for cell in cells)
        wanted.append(min(total, 600.0 if index else 90.0) + 2 * padding)
    spare = max(0.0, available - sum(minimum))
    extra = [max(0.0, w - m) for w, m in zip(wanted, minimum, strict=True)]
    share = sum(extra) or 1.0
    widths = [m + spare * e / share for m, e in zip(minimum, extra, strict=True)]
    scale = available / sum(widths)
    return [w * scale for w in widths]


def draw_table(pdf: Paper, block: Block, ruled: bool) -> None:
    rows = table_rows(block)
    if not rows:
        return
    wide = len(rows[0]) >= WIDE_TABLE_COLUMNS and pdf.cur_orientation.value == "P"
    if wide:
        pdf.add_page(orientation="L")
    size = 7.0 if len(rows[0]) >= WIDE_TABLE_COLUMNS else 8.0
    padding = 1.2 if ruled else 1.6
    available = pdf.epw
    widths = column_widths(pdf, rows, available, size, padding)
    header = has_header(rows)
    pdf.set_font(pdf.family, "", size)
    pdf.ln(1)
    with pdf.table(
        col_widths=widths,
        width=available,
        borders_layout="ALL" if ruled else "NONE",
        first_row_as_headings=header,
        headings_style=FontFace(emphasis="BOLD"),
        line_height=size * 0.45,
        padding=padding,
        text_align="LEFT",
        v_align="TOP",
        repeat_headings=1,
    ) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(pdf.text_of(cell))
    pdf.ln(3)
    if wide:
        pdf.add_page(orientation="P")


def render(source: Path, out: Path) -> None:
    style = STYLES.get(source.stem, Style())
    document = read_text(source)
    pdf = Paper(style.header, style.landscape)
    pdf.set_title(source.stem)
    pdf.add_page()
    for block in document.blocks():
        if block.kind == "heading":
            draw_heading(pdf, block)
        elif block.kind == "paragraph":
            draw_paragraph(pdf, block)
        else:
            draw_table(pdf, block, style.ruled)
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--out", type=Path, default=ROOT / "samples" / "pdf")
    args = parser.parse_args(argv)
    sources = sorted(p for p in args.samples.iterdir() if p.suffix in (".txt", ".md"))
    for source in sources:
        target = args.out / f"{source.stem}.pdf"
        render(source, target)
        print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
