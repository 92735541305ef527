"""Print the sample papers as PDFs made by independent producers: a corpus to measure the PDF reader on.

    .venv/bin/python tools/print_papers.py --producer docx                 # all five samples
    .venv/bin/python tools/print_papers.py --producer all --check          # the whole corpus, then check it
    .venv/bin/python tools/print_papers.py --producer chromium --out /tmp/x samples/kent-cype-scorecard-2018-09.txt
    .venv/bin/python tools/print_papers.py --check-only                    # check samples/printed as it is

Each paper is read by tools/paper_markup.py (standalone: it does not import kpiextract) into
headings, paragraphs, lists and tables, then printed by one of these producers, none of which
knows anything about the reader:

- docx: a Word document written with python-docx using Word's own features (Heading 1-3 styles,
  "List Bullet"/"List Number" numbering, "Table Grid", "Light Shading Accent 1" or borderless
  tables under a shaded header row, repeated header rows, landscape sections, vertically centred
  cells, fixed column widths), printed to PDF by LibreOffice (`soffice --convert-to pdf`);
- lo-html: the paper as semantic HTML, imported by LibreOffice Writer and exported to PDF
  (unruled tables); lo-html-ruled: the same with border="1" cellpadding tables;
- chromium: the HTML (with CSS @page A4, named landscape pages, "Page N of M" margin boxes on some
  papers) printed by headless Chromium;
- reportlab: reportlab platypus (Paragraph, ListFlowable, Table with or without repeatRows, grid or
  no rules, Paragraph cells, VALIGN MIDDLE or TOP, rows split at page breaks);
- pandoc-docx, pandoc-odt: the paper as Markdown (pipe tables, the form people write by hand),
  converted by pandoc to a Word or an OpenDocument file with pandoc's own styles (tables with a
  rule under the header only, or none; equal columns where the Markdown gives equal dashes, so a
  long first column wraps line after line, cells top-aligned), printed to PDF by LibreOffice;
- latex: a LaTeX article (section headings, itemize/enumerate, booktabs or hline-grid or unruled
  tables, longtable with or without a repeated endhead, landscape pages) typeset by pdfTeX (Latin
  Modern Type 1, microtype on some papers) or LuaTeX (Latin Modern OpenType): justified, hyphenated
  paragraphs marked by a first-line indent, ligatures, TeX's own word spacing.
- abiword: the docx producer's Word document laid out by AbiWord (its own import of Word's
  sections, numbering and table styles, its own line breaking), written by cairo;
- typst: the paper as Typst markup (#table with a grid, header-and-foot rules or no strokes,
  table.header repeated or not, auto or fractional columns, flipped landscape pages, justified
  paragraphs on some papers), compiled by the Typst compiler (the `typst` Python binding or CLI);
- groff: the paper in ms macros with tbl tables (allbox, box with a rule under the header, or no
  rules; .TS H headers repeated on each page; T{ T} cells wrapping in columns of the planned
  widths, justified and hyphenated as troff sets them), typeset by groff and written by gropdf,
  landscape throughout (gropdf's -l: portrait pages turned by /Rotate 90) when a table is wide.

How each table looks is a deterministic function of the paper's index, the table's index and the
producer's index (see `table_looks`), so that across the corpus each producer prints ruled and
unruled tables, repeated and non-repeated headers, centred and top-aligned cells, narrow columns
whose header cells wrap, and landscape pages. Outputs go to samples/printed/<producer>/<stem>.pdf.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paper_markup import (  # noqa: E402
    Block,
    Heading,
    HtmlLook,
    ListBlock,
    Paper,
    Paragraph,
    Run,
    Table,
    paper_words,
    read_paper,
    render_runs,
    runs_text,
    to_html,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PRINTED = SAMPLES / "printed"
PRODUCERS = ["docx", "lo-html", "lo-html-ruled", "chromium", "reportlab", "latex", "pandoc-docx", "pandoc-odt",
             "abiword", "typst", "groff"]
FIXED_DATE = dt.datetime(2024, 1, 1, 12, 0, 0)
WIDE_COLUMNS = 7
AUTHOR = "kpiextract tools/print_papers.py"
SHADE = "D9E2F3"  # the shaded header row: Word's light blue


def default_papers() -> list[Path]:
    return sorted([*SAMPLES.glob("*.txt"), *SAMPLES.glob("*.md")], key=lambda p: p.name)


# ---------------------------------------------------------------------------------------------
# How each paper and table looks


@dataclass(frozen=True)
class PaperLook:
    font: str
    """The font the document asks for (Word/HTML name)."""
    footer: bool
    """A "Page N of M" (reportlab: "Page N") footer from the producer."""
    size: float


PAPER_FONTS = ["Calibri", "Arial", "Cambria", "Times New Roman", "Arial"]


def paper_look(paper_index: int) -> PaperLook:
    return PaperLook(font=PAPER_FONTS[paper_index % len(PAPER_FONTS)], footer=paper_index % 2 == 0,
                     size=11.0 if paper_index % 3 == 0 else 10.0)


@dataclass(frozen=True)
class TableLook:
    ruled: bool
    repeat_header: bool
    valign_middle: bool
    narrow: bool
    """Columns as narrow as their longest word, so header cells wrap."""
    shaded_header: bool
    """Unruled: a borderless table under a shaded header row (else Word's banded style / plain)."""
    wide: bool
    """7+ columns: printed on landscape pages."""
    split_rows: bool
    """reportlab: rows may split at a page break (splitInRow); rows taller than a page always do."""


def table_looks(paper: Paper, paper_index: int, producer: str) -> list[TableLook]:
    producer_index = PRODUCERS.index(producer) if producer in PRODUCERS else 0
    looks = []
    for t, table in enumerate(paper.tables()):
        k = paper_index * 3 + t + producer_index
        ruled = {"lo-html": False, "lo-html-ruled": True}.get(producer, k % 2 == 0)
        wide = table.columns >= WIDE_COLUMNS
        looks.append(TableLook(
            ruled=ruled,
            repeat_header=(k // 2) % 2 == 0,
            valign_middle=k % 3 == 1,
            narrow=wide or table.columns >= 3 or k % 4 == 3,
            shaded_header=not ruled and (k // 3) % 2 == 0,
            wide=wide,
            split_rows=k % 2 == 1,
        ))
    return looks


def column_fractions(table: Table, width_pt: float, size: float, narrow: bool) -> list[float]:
    """Column widths as fractions of the table width (width_pt points, text at `size` points).

    Every column is at least as wide as its longest word (header words in bold) plus cell
    padding; a narrow table gives short columns nothing more (so their header cells wrap),
    otherwise columns share the rest by how much text they hold.
    """
    cols = table.columns
    padding = 14.0
    minimum, average, header_len = [], [], []
    for j in range(cols):
        body_words = [w for row in table.rows for w in runs_text(row[j]).split()] or [""]
        head_words = runs_text(table.header[j]).split() or [""]
        longest = max(max(len(w) for w in body_words) * 0.55, max(len(w) for w in head_words) * 0.62)
        minimum.append(min(longest, 24) * size + padding)
        body = [len(runs_text(row[j])) for row in table.rows] or [0]
        average.append(sum(body) / len(body) * 0.5 * size)
        header_len.append(len(runs_text(table.header[j])) * 0.55 * size + padding)
    rest = width_pt - sum(minimum)
    if rest <= 0:
        total = sum(minimum)
        return [m / total for m in minimum]
    if narrow:
        extra = [max(0.0, average[j] - minimum[j]) if average[j] > 8 * size else 0.0 for j in range(cols)]
    else:
        extra = [max(0.0, max(average[j], header_len[j]) - minimum[j]) for j in range(cols)]
    extra = [math.sqrt(e * 20 * size) if e > 20 * size else e for e in extra]
    if sum(extra) == 0:
        extra = [1.0] * cols
    widths = [minimum[j] + rest * extra[j] / sum(extra) for j in range(cols)]
    total = sum(widths)
    return [w / total for w in widths]


def landscape_plan(paper: Paper) -> dict[int, tuple[bool, bool]]:
    """block index of each wide table -> (open a landscape section before, return to portrait after).

    Wide tables separated only by a few headings/paragraphs share one landscape run.
    """
    plan: dict[int, tuple[bool, bool]] = {}
    wide = [i for i, b in enumerate(paper.blocks) if isinstance(b, Table) and b.columns >= WIDE_COLUMNS]
    for n, i in enumerate(wide):
        joins_previous = n > 0 and _only_text_between(paper, wide[n - 1], i)
        joins_next = n + 1 < len(wide) and _only_text_between(paper, i, wide[n + 1])
        plan[i] = (not joins_previous, not joins_next)
    return plan


@dataclass(frozen=True)
class TablePlace:
    """Where a table goes in a producer's output: its look, its index among all tables printed
    (`k`, which varies its details), and whether a landscape run opens before it or ends after it."""

    look: TableLook
    k: int
    landscape_before: bool
    landscape_after: bool


def placed_blocks(paper: Paper, paper_index: int, producer: str) -> Iterator[tuple[Block, TablePlace | None]]:
    """The paper's blocks in order, each table with its place (`TablePlace`), other blocks with None."""
    looks = table_looks(paper, paper_index, producer)
    plan = landscape_plan(paper)
    table_index = 0
    for block_index, block in enumerate(paper.blocks):
        if not isinstance(block, Table):
            yield block, None
            continue
        before, after = plan.get(block_index, (False, False))
        yield block, TablePlace(looks[table_index], paper_index * 3 + table_index + PRODUCERS.index(producer),
                                before, after)
        table_index += 1


def _only_text_between(paper: Paper, a: int, b: int) -> bool:
    between = paper.blocks[a + 1:b]
    return len(between) <= 4 and all(isinstance(x, (Heading, Paragraph)) for x in between)


# ---------------------------------------------------------------------------------------------
# docx (python-docx), printed by LibreOffice


def docx_set_page(section, landscape: bool, margin_cm: float = 2.0) -> None:
    """A4 portrait or landscape with even margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Cm(29.7), Cm(21.0)
    section.page_width, section.page_height = (long_side, short_side) if landscape else (short_side, long_side)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin_cm))


def docx_add_field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/result/end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip().isdigit():
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def docx_page_footer(section, of_pages: bool = True) -> None:
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centre
    footer.add_run("Page ")
    docx_add_field(footer, "PAGE")
    if of_pages:
        footer.add_run(" of ")
        docx_add_field(footer, "NUMPAGES")


def docx_shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def docx_no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def docx_repeat_header(row) -> None:
    """Mark a table row as a header row repeated at the top of each page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def docx_fixed_dates(doc, title: str) -> None:
    props = doc.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = title
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1


def build_docx(paper: Paper, paper_index: int, path: Path, producer: str = "docx") -> None:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    look = paper_look(paper_index)
    looks = table_looks(paper, paper_index, producer)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = look.font
    normal.font.size = Pt(look.size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), look.font)
    docx_fixed_dates(doc, paper.title)

    section = doc.sections[0]
    docx_set_page(section, landscape=False)
    if look.footer:
        docx_page_footer(section)

    def add_runs(paragraph, runs: list[Run], size: float | None = None, bold: bool = False) -> None:
        for run in runs:
            r = paragraph.add_run(run.text)
            r.bold = run.bold or bold or None
            r.italic = run.italic or None
            if size:
                r.font.size = Pt(size)

    numbering = doc.part.numbering_part.element

    def restarted_num(style_name: str, start: int) -> int:
        """A new w:num on the style's abstract numbering, restarting at `start` (Word's 'restart numbering')."""
        style_num = doc.styles[style_name].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract_el = OxmlElement("w:abstractNumId")
        abstract_el.set(qn("w:val"), str(abstract))
        num.append(abstract_el)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start_el = OxmlElement("w:startOverride")
        start_el.set(qn("w:val"), str(start))
        override.append(start_el)
        num.append(override)
        numbering.append(num)
        return num_id

    def set_num(paragraph, num_id: int) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), str(num_id))
        num_pr.append(ilvl)
        num_pr.append(nid)
        ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, num_pr)

    plan = landscape_plan(paper)
    table_index = 0
    landscape = False
    for block_index, block in enumerate(paper.blocks):
        if isinstance(block, Heading):
            h = doc.add_heading(level=block.level)
            add_runs(h, block.runs)
        elif isinstance(block, Paragraph):
            add_runs(doc.add_paragraph(), block.runs)
        elif isinstance(block, ListBlock):
            num_id = restarted_num("List Number", block.start) if block.numbered else None
            for item in block.items:
                if block.numbered and item.level == 0:
                    p = doc.add_paragraph(style="List Number")
                    set_num(p, num_id)  # type: ignore[arg-type]
                else:
                    level = item.level + (1 if block.numbered else 0)
                    p = doc.add_paragraph(style="List Bullet" + (f" {level + 1}" if level else ""))
                add_runs(p, item.runs)
        else:
            tl = looks[table_index]
            table_index += 1
            before, after = plan.get(block_index, (False, False))
            if before and not landscape:
                docx_set_page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=True)
                landscape = True
            section = doc.sections[-1]
            usable = section.page_width - section.left_margin - section.right_margin
            size = 8.0 if tl.wide else 9.5
            fractions = column_fractions(block, usable / 12700, size, tl.narrow)
            table = doc.add_table(rows=1 + len(block.rows), cols=block.columns)
            if tl.ruled:
                table.style = doc.styles["Table Grid"]
            elif tl.shaded_header:
                docx_no_borders(table)
            else:
                table.style = doc.styles["Light Shading Accent 1"]
            table.autofit = False
            widths = [int(usable * f) for f in fractions]
            for j, col in enumerate(table.columns):
                col.width = widths[j]
            for r, (row, cells) in enumerate(zip(table.rows, [block.header, *block.rows], strict=True)):
                if r == 0 and tl.repeat_header:
                    docx_repeat_header(row)
                for j, (cell, runs) in enumerate(zip(row.cells, cells, strict=True)):
                    cell.width = widths[j]
                    if tl.valign_middle:
                        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                    paragraph = cell.paragraphs[0]
                    paragraph.paragraph_format.space_after = Pt(0)
                    add_runs(paragraph, runs, size=size, bold=r == 0)
                    if r == 0 and tl.shaded_header and not tl.ruled:
                        docx_shade(cell, SHADE)
            if after and landscape:
                docx_set_page(doc.add_section(WD_SECTION.NEW_PAGE), landscape=False)
                landscape = False
            else:
                doc.add_paragraph()  # Word needs a paragraph between two tables
    doc.save(str(path))


def soffice(args: list[str], workdir: Path) -> None:
    """Run LibreOffice headless with a private profile (no clash with another running soffice)."""
    profile = workdir / "lo-profile"
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"soffice failed: {result.stderr or result.stdout}")


# ---------------------------------------------------------------------------------------------
# Markdown through pandoc (docx, odt), printed by LibreOffice


PANDOC_COLUMNS = 6
"""The widest table Markdown can print: pandoc's documents are portrait, in 12pt, and Markdown
cannot ask for a landscape page or a smaller table font, so a wider table breaks its own figures."""


def markdown_printable(paper: Paper) -> bool:
    return all(table.columns <= PANDOC_COLUMNS for table in paper.tables())


def md_escape(text: str) -> str:
    """Text that pandoc reads back as itself: markup characters escaped."""
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", text)


def md_runs(runs: list[Run]) -> str:
    return render_runs(runs, md_escape, lambda text: f"*{text}*", lambda text: f"**{text}**").replace("\n", " ")


def md_table(table: Table, equal: bool) -> str:
    """A pipe table. pandoc sizes the columns by the dashes under the header once a row is longer
    than its 72-column page: equal dashes (as people type them) give equal columns; else the
    dashes follow each column's longest cell."""
    cells = [[md_runs(cell) for cell in row] for row in [table.header, *table.rows]]
    widths = [max(len(row[k]) if k < len(row) else 0 for row in cells) for k in range(table.columns)]
    # else as an editor's table formatter writes them: each column's dashes as long as its longest cell
    dashes = [3] * table.columns if equal else [max(3, w) for w in widths]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "|".join("-" * d for d in dashes) + "|"]
    for row in cells[1:]:
        row = row + [""] * (table.columns - len(row))
        lines.append("| " + " | ".join(row[:table.columns]) + " |")
    return "\n".join(lines)


def md_list(block: ListBlock) -> str:
    out = []
    number = block.start
    for item in block.items:
        indent = "    " * item.level
        label = f"{number}." if block.numbered and item.level == 0 else "-"
        if block.numbered and item.level == 0:
            number += 1
        out.append(f"{indent}{label} {md_runs(item.runs)}")
    return "\n".join(out)


def build_markdown(paper: Paper, paper_index: int, producer: str, path: Path) -> None:
    parts = []
    tables = iter(table_looks(paper, paper_index, producer))
    for block in paper.blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + md_runs(block.runs))
        elif isinstance(block, Paragraph):
            parts.append(md_runs(block.runs))
        elif isinstance(block, ListBlock):
            parts.append(md_list(block))
        else:
            parts.append(md_table(block, equal=next(tables).narrow))
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def pandoc_convert(md_path: Path, out_path: Path) -> None:
    result = subprocess.run(["pandoc", "--from", "markdown", str(md_path), "-o", str(out_path)],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"pandoc failed: {result.stderr}")


# ---------------------------------------------------------------------------------------------
# HTML: LibreOffice Writer and Chromium


HTML_FONTS = {"Calibri": "Calibri, Carlito, sans-serif", "Arial": "Arial, 'Liberation Sans', sans-serif",
              "Cambria": "Cambria, Caladea, serif", "Times New Roman": "'Times New Roman', 'Liberation Serif', serif"}


def html_css(look: PaperLook, producer: str, landscape: bool = False) -> str:
    css = f"""
body {{ font-family: {HTML_FONTS[look.font]}; font-size: {look.size}pt; }}
h1 {{ font-size: 16pt; }} h2 {{ font-size: 13pt; }} h3 {{ font-size: 11.5pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt 0; font-size: 9pt; }}
th {{ text-align: left; font-weight: bold; }}
td, th {{ padding: 2pt 4pt; }}
table.ruled td, table.ruled th {{ border: 0.75pt solid #000; }}
table.shaded th {{ background: #{SHADE}; }}
table.middle td, table.middle th {{ vertical-align: middle; }}
div.wide table {{ font-size: 8pt; }}
"""
    if producer == "chromium":
        footer = ' @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }' \
            if look.footer else ""
        css = f"""
@page {{ size: A4; margin: 18mm 16mm 20mm 16mm;{footer} }}
@page wide {{ size: A4 landscape; margin: 14mm 14mm 16mm 14mm; }}
div.wide {{ page: wide; }}
* {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
thead {{ display: table-header-group; }}
td, th {{ vertical-align: top; }}
""" + css
    else:
        page = "A4 landscape; margin: 15mm" if landscape else "A4; margin: 20mm"
        css = f"@page {{ size: {page}; }}\n" + css
    return css


def html_looks(looks: list[TableLook], paper: Paper, producer: str) -> list[HtmlLook]:
    """Chromium prints wide tables on named landscape pages; LibreOffice has no named pages, so a
    paper with a wide table is printed landscape throughout (like a scorecard) and its cells carry
    their font size (LibreOffice does not inherit a table's CSS font size into the cells)."""
    lo = producer != "chromium"
    out = []
    for tl, table in zip(looks, paper.tables(), strict=True):
        size = (7.5 if lo else 8.0) if tl.wide else 9.0
        width_pt = 842 - 80 if (tl.wide or (lo and lo_landscape(paper))) else 595 - 100
        fractions = column_fractions(table, width_pt, size, tl.narrow)
        out.append(HtmlLook(ruled=tl.ruled, repeat_header=tl.repeat_header, valign_middle=tl.valign_middle,
                            shaded_header=tl.shaded_header, widths=tuple(100 * f for f in fractions),
                            wide=tl.wide and not lo, cell_font_pt=size if lo else None))
    return out


def lo_landscape(paper: Paper) -> bool:
    return any(t.columns >= WIDE_COLUMNS for t in paper.tables())


def build_html(paper: Paper, paper_index: int, producer: str, path: Path) -> None:
    look = paper_look(paper_index)
    looks = html_looks(table_looks(paper, paper_index, producer), paper, producer)
    landscape = producer != "chromium" and lo_landscape(paper)
    text = to_html(paper, looks, css=html_css(look, producer, landscape))
    path.write_text(text, encoding="utf-8")


def chromium_print(html_path: Path, pdf_path: Path, workdir: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        raise RuntimeError("chromium not found (apt-get install chromium)")
    profile = tempfile.mkdtemp(dir=workdir, prefix="chromium-")
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
           html_path.resolve().as_uri()]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not pdf_path.exists():
        raise RuntimeError(f"chromium failed: {result.stderr[-2000:]}")


# ---------------------------------------------------------------------------------------------
# reportlab platypus


RL_FONT_FILES = {
    "Calibri": ("/usr/share/fonts/truetype/crosextra", "Carlito", "Carlito-{}.ttf",
                {"": "Regular", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}),
    "Cambria": ("/usr/share/fonts/truetype/crosextra", "Caladea", "Caladea-{}.ttf",
                {"": "Regular", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}),
    "Arial": ("/usr/share/fonts/truetype/liberation", "LiberationSans", "LiberationSans-{}.ttf",
              {"": "Regular", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}),
    "Times New Roman": ("/usr/share/fonts/truetype/liberation", "LiberationSerif", "LiberationSerif-{}.ttf",
                        {"": "Regular", "b": "Bold", "i": "Italic", "bi": "BoldItalic"}),
}


def rl_font(name: str) -> str:
    """Register the metric-compatible TrueType family for a Word font name; return its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder, family, pattern, faces = RL_FONT_FILES[name]
    if family in pdfmetrics.getRegisteredFontNames():
        return family
    for key, face in faces.items():
        font_name = family + ("-" + face if key else "")
        pdfmetrics.registerFont(TTFont(font_name, f"{folder}/{pattern.format(face)}"))
    addMapping(family, 0, 0, family)
    addMapping(family, 1, 0, f"{family}-Bold")
    addMapping(family, 0, 1, f"{family}-Italic")
    addMapping(family, 1, 1, f"{family}-BoldItalic")
    return family


def rl_markup(runs: list[Run]) -> str:
    from xml.sax.saxutils import escape

    return render_runs(runs, escape, lambda text: f"<i>{text}</i>", lambda text: f"<b>{text}</b>")


def build_reportlab(paper: Paper, paper_index: int, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        ListFlowable,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        TableStyle,
    )
    from reportlab.platypus import ListItem as RLListItem
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable
    from reportlab.platypus.doctemplate import LayoutError

    look = paper_look(paper_index)
    looks = table_looks(paper, paper_index, "reportlab")
    family = rl_font(look.font)
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontName=family, fontSize=look.size,
                          leading=look.size * 1.25, spaceAfter=5)
    headings = {
        level: ParagraphStyle(f"h{level}", parent=sheet[f"Heading{level}"], fontName=f"{family}-Bold",
                              fontSize=size, leading=size * 1.2, spaceBefore=8, spaceAfter=4)
        for level, size in ((1, 16.0), (2, 13.0), (3, 11.5))
    }
    footer_style = ParagraphStyle("footer", fontName=family, fontSize=8, alignment=TA_CENTER)
    margin = 2 * cm

    def on_page(canvas, doc) -> None:
        if look.footer:
            canvas.saveState()
            canvas.setFont(family, footer_style.fontSize)
            width = canvas._pagesize[0]
            canvas.drawCentredString(width / 2, 1.1 * cm, f"Page {doc.page}")
            canvas.restoreState()

    portrait_size, landscape_size = A4, landscape(A4)

    def template(name: str, size) -> PageTemplate:
        frame = Frame(margin, margin, size[0] - 2 * margin, size[1] - 2 * margin, id=f"{name}-frame",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        return PageTemplate(id=name, frames=[frame], pagesize=size, onPage=on_page)

    def story(force_split: bool) -> list:
        flow: list = []
        plan = landscape_plan(paper)
        table_index = 0
        for block_index, block in enumerate(paper.blocks):
            if isinstance(block, Heading):
                flow.append(RLParagraph(rl_markup(block.runs), headings[block.level]))
            elif isinstance(block, Paragraph):
                flow.append(RLParagraph(rl_markup(block.runs), body))
            elif isinstance(block, ListBlock):
                flow.append(rl_list(block))
            else:
                tl = looks[table_index]
                table_index += 1
                before, after = plan.get(block_index, (False, False))
                if before:
                    flow += [NextPageTemplate("landscape"), PageBreak()]
                page = landscape_size if tl.wide else portrait_size
                width = page[0] - 2 * margin
                size = 8.0 if tl.wide else 9.0
                fractions = column_fractions(block, width, size, tl.narrow)
                cell = ParagraphStyle("cell", parent=body, fontSize=size, leading=size * 1.2, spaceAfter=0)
                head = ParagraphStyle("head", parent=cell, fontName=f"{family}-Bold")
                data = [[RLParagraph(rl_markup(c), head) for c in block.header]]
                data += [[RLParagraph(rl_markup(c), cell) for c in row] for row in block.rows]
                commands = [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if tl.valign_middle else "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
                if tl.ruled:
                    commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
                elif tl.shaded_header:
                    commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#" + SHADE)))
                flow.append(RLTable(data, colWidths=[f * width for f in fractions],
                                    repeatRows=1 if tl.repeat_header else 0,
                                    splitInRow=1 if (tl.split_rows or force_split) else 0,
                                    style=TableStyle(commands), hAlign="LEFT"))
                if after:
                    flow += [NextPageTemplate("portrait"), PageBreak()]
        return flow

    def rl_list(block: ListBlock):
        bullets = ["•", "–", "▪"]

        def nest(items, level: int, numbered: bool, start: int):
            entries = []
            k = 0
            while k < len(items):
                item = items[k]
                children = []
                k += 1
                while k < len(items) and items[k].level > level:
                    children.append(items[k])
                    k += 1
                content = [RLParagraph(rl_markup(item.runs), body)]
                if children:
                    content.append(nest(children, level + 1, False, 1))
                entries.append(RLListItem(content if len(content) > 1 else content[0]))
            if numbered:
                return ListFlowable(entries, bulletType="1", start=start, bulletFormat="%s.",
                                    bulletFontName=family, bulletFontSize=look.size, leftIndent=18)
            return ListFlowable(entries, bulletType="bullet", start=bullets[level % 3], bulletFontName=family,
                                bulletFontSize=look.size, leftIndent=14 + 4 * level)

        return nest(block.items, 0, block.numbered, block.start)

    for force_split in (False, True):
        doc = BaseDocTemplate(str(path), pagesize=A4, invariant=1, title=paper.title, author=AUTHOR,
                              creator=AUTHOR, subject=paper.stem)
        doc.addPageTemplates([template("portrait", portrait_size), template("landscape", landscape_size)])
        try:
            doc.build(story(force_split))
            return
        except LayoutError:
            if force_split:
                raise


# ---------------------------------------------------------------------------------------------
# LaTeX (article class), typeset by pdfTeX or LuaTeX


TEX_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                "<": r"\textless{}", ">": r"\textgreater{}", "£": r"\pounds{}", "–": "--", "—": "---",
                "‘": "`", "’": "'", "“": "``", "”": "''", "•": r"\textbullet{}", "·": r"\textperiodcentered{}",
                "©": r"\textcopyright{}", "↑": r"$\uparrow$", "↓": r"$\downarrow$", "→": r"$\rightarrow$"}
TEX_SPECIAL = re.compile("|".join(re.escape(k) for k in TEX_SPECIALS))
TEX_HEADINGS = {1: "section*", 2: "subsection*", 3: "subsubsection*"}


@dataclass(frozen=True)
class TexLook:
    engine: str
    """pdflatex (Latin Modern Type 1, T1 encoding, microtype on some papers) or lualatex (Latin Modern OpenType)."""
    microtype: bool
    """pdfTeX's font expansion and character protrusion: justified lines with stretched glyphs."""


def tex_look(paper_index: int) -> TexLook:
    engine = "pdflatex" if paper_index % 2 == 0 else "lualatex"
    return TexLook(engine=engine, microtype=engine == "pdflatex" and paper_index % 4 == 0)


def tex_escape(text: str) -> str:
    return TEX_SPECIAL.sub(lambda m: TEX_SPECIALS[m.group(0)], text)


def tex_runs(runs: list[Run]) -> str:
    return render_runs(runs, tex_escape, lambda text: rf"\emph{{{text}}}", lambda text: rf"\textbf{{{text}}}")


def tex_list(block: ListBlock) -> str:
    """Nested itemize (TeX's own bullets and dashes) or an enumerate that starts at the paper's number."""
    lines: list[str] = []
    depth = 0
    envs: list[str] = []
    for n, item in enumerate(block.items):
        level = item.level
        while depth <= level:
            env = "enumerate" if block.numbered and depth == 0 else "itemize"
            lines.append(rf"\begin{{{env}}}")
            if env == "enumerate" and n == 0:
                lines.append(rf"\setcounter{{enumi}}{{{block.start - 1}}}")
            envs.append(env)
            depth += 1
        while depth > level + 1:
            lines.append(rf"\end{{{envs.pop()}}}")
            depth -= 1
        lines.append(r"\item " + tex_runs(item.runs))
    while envs:
        lines.append(rf"\end{{{envs.pop()}}}")
    return "\n".join(lines)


def tex_table(table: Table, tl: TableLook, k: int, text_width_pt: float) -> str:
    """A table as TeX users write one: booktabs rules or a \\hline grid (ruled), or no rules at all;
    a longtable (which may break over pages, header repeated by \\endhead or not) when long or on
    every other table, else a tabular; p (top) or m (centred) columns of the planned widths."""
    size, size_pt = (r"\footnotesize", 8.0) if tl.wide else (r"\small", 9.0)
    fractions = column_fractions(table, text_width_pt, size_pt, tl.narrow)
    booktabs = tl.ruled and k % 4 < 2
    grid = tl.ruled and not booktabs
    kind = "m" if tl.valign_middle else "p"
    bar = "|" if grid else ""
    rules = "-1.3pt" if grid else ""  # the vertical rules' share, so the grid stays within the text width
    spec = bar + bar.join(
        rf">{{\raggedright\arraybackslash}}{kind}{{\dimexpr{f:.4f}\linewidth-2\tabcolsep{rules}\relax}}"
        for f in fractions) + bar
    top, mid, bottom = ((r"\toprule", r"\midrule", r"\bottomrule") if booktabs else
                        (r"\hline", r"\hline", "") if grid else ("", "", ""))
    between = r"\hline" if grid else ""
    shade = r"\rowcolor[HTML]{" + SHADE + "}" if tl.shaded_header else ""
    header = shade + " & ".join(r"\textbf{" + tex_runs(c) + "}" for c in table.header) + r" \\"
    rows = [" & ".join(tex_runs(c) for c in row) + r" \\" + between for row in table.rows]
    # a tabular cannot break over a page: only short tables on portrait pages may be one
    long = tl.wide or len(table.rows) > 5 or k % 2 == 1
    if long:
        if tl.repeat_header:
            head = [top, header, mid, r"\endhead"]
        else:
            head = [top, header, mid, r"\endfirsthead", top if grid else "", r"\endhead"]
        foot = [bottom, r"\endlastfoot"] if bottom else []
        body = [rf"\begin{{longtable}}{{@{{}}{spec}@{{}}}}", *head, *foot, *rows]
        if grid:
            body = [rf"\begin{{longtable}}{{{spec}}}", *head, *foot, *rows]
        return "\n".join(["{" + size, *[x for x in body if x], r"\end{longtable}", "}"])
    lead = "" if grid else "@{}"
    body = [rf"\begin{{tabular}}{{{lead}{spec}{lead}}}", top, header, mid, *rows, bottom, r"\end{tabular}"]
    return "\n".join([r"\par\medskip\noindent{" + size, *[x for x in body if x], r"}\par\medskip"])


def build_latex(paper: Paper, paper_index: int, path: Path) -> str:
    """Write the paper as a LaTeX article; return the engine that must typeset it."""
    look = paper_look(paper_index)
    tex = tex_look(paper_index)
    cls_size = "11pt" if look.size >= 11 else "10pt"
    preamble = [rf"\documentclass[{cls_size},a4paper]{{article}}"]
    if tex.engine == "pdflatex":
        preamble += [r"\pdfinfoomitdate=1", r"\pdftrailerid{}", r"\usepackage[T1]{fontenc}", r"\usepackage{lmodern}"]
        if tex.microtype:
            preamble.append(r"\usepackage{microtype}")
    else:
        preamble += [r"\pdfvariable suppressoptionalinfo 831"]
    preamble += [r"\usepackage[margin=2cm]{geometry}", r"\usepackage{array,booktabs,longtable}",
                 r"\usepackage[table]{xcolor}",
                 r"\pagestyle{" + ("plain" if look.footer else "empty") + "}",
                 r"\setlength{\LTleft}{0pt}", r"\setlength{\LTright}{0pt}"]
    # A landscape run: the page size is changed between pages and the text block with it (rather than
    # pdflscape's rotated content on a portrait page)
    landscape_page = r"\newgeometry{left=15mm,top=15mm,textwidth=267mm,textheight=170mm}"
    size_cmds = {True: (r"\pdfpagewidth=297mm \pdfpageheight=210mm" if tex.engine == "pdflatex"
                        else r"\pagewidth=297mm \pageheight=210mm"),
                 False: (r"\pdfpagewidth=210mm \pdfpageheight=297mm" if tex.engine == "pdflatex"
                         else r"\pagewidth=210mm \pageheight=297mm")}
    body: list[str] = [r"\begin{document}"]
    for block, place in placed_blocks(paper, paper_index, "latex"):
        if isinstance(block, Heading):
            body.append(rf"\{TEX_HEADINGS[block.level]}{{{tex_runs(block.runs)}}}")
        elif isinstance(block, Paragraph):
            body.append(tex_runs(block.runs) + "\n")
        elif isinstance(block, ListBlock):
            body.append(tex_list(block))
        elif isinstance(block, Table) and place is not None:
            if place.landscape_before:
                body += [r"\clearpage", size_cmds[True], landscape_page]
            width_pt = (267 if place.look.wide else 170) * 72 / 25.4
            body.append(tex_table(block, place.look, place.k, width_pt))
            if place.landscape_after:
                body += [r"\clearpage", size_cmds[False], r"\restoregeometry"]
    body.append(r"\end{document}")
    path.write_text("\n".join(preamble) + "\n" + "\n".join(body) + "\n", encoding="utf-8")
    return tex.engine


def latex_print(tex_path: Path, pdf_path: Path, engine: str) -> None:
    """Typeset twice (longtable settles its column widths over runs) in the .tex file's folder."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(FIXED_DATE.replace(tzinfo=dt.UTC).timestamp())),
               FORCE_SOURCE_DATE="1")
    for _ in range(2):
        result = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", tex_path.name],
                                cwd=tex_path.parent, capture_output=True, text=True, timeout=300, env=env)
        if result.returncode != 0:
            raise RuntimeError(f"{engine} failed on {tex_path.name}: {result.stdout[-3000:]}")
    shutil.copyfile(tex_path.with_suffix(".pdf"), pdf_path)


# ---------------------------------------------------------------------------------------------
# AbiWord: the Word document read and laid out by AbiWord's own engine, written by cairo


def abiword_print(docx_path: Path, pdf_path: Path) -> None:
    """AbiWord (headless) imports the python-docx document itself: its own reading of Word's
    sections, numbering, table styles and fields, its own line breaking, cairo's PDF."""
    abiword = shutil.which("abiword")
    if not abiword:
        raise RuntimeError("abiword not found (apt-get install abiword)")
    result = subprocess.run([abiword, "--to=pdf", f"--to-name={pdf_path.resolve()}", str(docx_path)],
                            capture_output=True, text=True, timeout=300, cwd=docx_path.parent,
                            env=dict(os.environ, HOME=str(docx_path.parent)))
    if result.returncode != 0 or not pdf_path.exists():
        raise RuntimeError(f"abiword failed on {docx_path.name}: {result.stderr[-2000:]}")


# ---------------------------------------------------------------------------------------------
# Typst: the paper as Typst markup, laid out and written by the Typst compiler


TYPST_FONTS = {"Calibri": "Carlito", "Arial": "Liberation Sans", "Cambria": "Caladea",
               "Times New Roman": "Libertinus Serif"}
"""Metric-compatible families for the Word fonts; Times is set in Typst's own bundled serif."""


def typst_string(text: str) -> str:
    """A Typst string literal: set as plain text, never read as markup."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_runs(runs: list[Run]) -> str:
    out = []
    for run in runs:
        piece = typst_string(run.text)
        if run.italic:
            piece = f"emph({piece})"
        if run.bold:
            piece = f"strong({piece})"
        out.append("#" + piece)
    return "".join(out)


def typst_list(block: ListBlock) -> str:
    """Typst's own list markup: '- ' bullets nested by indent, explicit numbers ('3. ') for a list
    that starts where the paper's does."""
    lines = []
    number = block.start
    for item in block.items:
        indent = "    " * item.level
        if block.numbered and item.level == 0:
            label = f"{number}."
            number += 1
        else:
            label = "-"
        lines.append(f"{indent}{label} {typst_runs(item.runs)}")
    return "\n".join(lines)


def typst_table(table: Table, tl: TableLook, k: int, width_pt: float) -> str:
    """A #table as Typst users write one: a full grid, rules under the header and at the foot only,
    or no strokes (a shaded header on some); the header in table.header, repeated on each page or
    not; narrow tables in fractional columns of the planned widths, the others in Typst's auto
    columns; cells top-aligned or centred (horizon)."""
    size = 8.0 if tl.wide else 9.0
    grid = tl.ruled and k % 4 < 2
    if tl.narrow:
        fractions = column_fractions(table, width_pt, size, True)
        columns = "(" + ", ".join(f"{f * 100:.1f}fr" for f in fractions) + ",)"
    else:
        columns = "(" + ", ".join("auto" for _ in range(table.columns)) + ",)"
    if grid:
        stroke = "0.5pt"
    elif tl.ruled:
        stroke = "(x, y) => if y == 0 { (top: 0.8pt, bottom: 0.5pt) }"
    else:
        stroke = "none"
    align = "left + horizon" if tl.valign_middle else "left + top"
    args = [f"columns: {columns}", f"stroke: {stroke}", f"align: {align}",
            "inset: " + ("(x: 4pt, y: 3pt)" if tl.ruled else "(x: 3pt, y: 2pt)")]
    if tl.shaded_header:
        args.append(f'fill: (x, y) => if y == 0 {{ rgb("{SHADE}") }}')
    repeat = "true" if tl.repeat_header else "false"
    header = ", ".join(f"[{typst_runs(cell)}]" for cell in table.header)
    cells = [f"table.header(repeat: {repeat}, {header})"]
    for row in table.rows:
        cells.append(", ".join(f"[{typst_runs(cell)}]" for cell in row))
    if tl.ruled and not grid:
        cells.append("table.hline(stroke: 0.8pt)")
    body = ",\n  ".join(args + cells)
    return f"#block(width: 100%)[#set text(size: {size:g}pt, hyphenate: false)\n#table(\n  {body},\n)]"


def build_typst(paper: Paper, paper_index: int, path: Path) -> None:
    """Headings, paragraphs (justified and hyphenated on some papers), lists and tables in Typst
    markup; wide tables on landscape pages (a page set flipped between pages)."""
    look = paper_look(paper_index)
    justify = paper_index % 2 == 1
    footer = ("context align(center, text(size: 8pt)[Page #counter(page).display() of "
              "#counter(page).final().first()])") if look.footer else "none"
    lines = [
        f"#set document(title: {typst_string(paper.title)}, author: {typst_string(AUTHOR)}, "
        f"date: datetime(year: {FIXED_DATE.year}, month: {FIXED_DATE.month}, day: {FIXED_DATE.day}))",
        f"#set page(paper: \"a4\", margin: 2cm, footer: {footer})",
        f"#set text(font: {typst_string(TYPST_FONTS[look.font])}, size: {look.size:g}pt, lang: \"en\", "
        "region: \"gb\")",
        f"#set par(justify: {'true' if justify else 'false'})",
        "#show heading.where(level: 1): set text(size: 15pt)",
        "#show heading.where(level: 2): set text(size: 12.5pt)",
        "#show heading.where(level: 3): set text(size: 11pt)",
    ]
    for block, place in placed_blocks(paper, paper_index, "typst"):
        if isinstance(block, Heading):
            lines.append("=" * block.level + " " + typst_runs(block.runs))
        elif isinstance(block, Paragraph):
            lines.append(typst_runs(block.runs))
        elif isinstance(block, ListBlock):
            lines.append(typst_list(block))
        elif isinstance(block, Table) and place is not None:
            if place.landscape_before:
                lines.append("#set page(flipped: true, margin: 1.5cm)")
            width_pt = (29.7 - 3.0 if place.look.wide else 21.0 - 4.0) * 72 / 2.54
            lines.append(typst_table(block, place.look, place.k, width_pt))
            if place.landscape_after:
                lines.append("#set page(flipped: false, margin: 2cm)")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def typst_print(typ_path: Path, pdf_path: Path) -> None:
    """The Typst compiler from its Python binding (pip install typst), else the typst CLI."""
    try:
        import typst
    except ImportError:
        cli = shutil.which("typst")
        if not cli:
            raise RuntimeError("typst not found (pip install typst)") from None
        result = subprocess.run([cli, "compile", str(typ_path), str(pdf_path)], capture_output=True, text=True,
                                timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"typst failed on {typ_path.name}: {result.stderr[-2000:]}") from None
        return
    typst.compile(str(typ_path), output=str(pdf_path))


# ---------------------------------------------------------------------------------------------
# groff: the paper in ms macros with tbl tables, typeset by groff and written by gropdf


ROFF_FONTS = {"Calibri": "H", "Arial": "H", "Cambria": "T", "Times New Roman": "T"}
"""groff's own PostScript families: Helvetica for the sans fonts, Times for the serif ones."""


def roff_escape(text: str) -> str:
    """Text groff prints as itself: backslashes escaped, a line never opening with a control character."""
    text = text.replace("\\", "\\e")
    return "\\&" + text if text[:1] in (".", "'") else text


def roff_runs(runs: list[Run], bold_all: bool = False) -> str:
    return render_runs(runs, roff_escape, lambda text: f"\\fI{text}\\fP",
                       lambda text: f"\\fB{text}\\fP") if not bold_all else \
        "\\fB" + render_runs(runs, roff_escape, lambda text: text, lambda text: text) + "\\fP"


def roff_table(table: Table, tl: TableLook, k: int, width_en: float, size: float) -> list[str]:
    """A tbl table: a box round every cell (allbox), a box and a rule under the header, or no rules;
    the header repeated on each page (ms's .TS H / .TH) or not; columns of the planned widths,
    each cell a T{ T} block that wraps in its column; cells at the top of their rows or centred
    (tbl's default)."""
    cells_en = width_en - 3 * len(table.header)  # tbl puts 3n between columns
    fractions = column_fractions(table, cells_en * size / 2, size, tl.narrow)
    options = ["allbox" if tl.ruled and k % 4 < 2 else "box" if tl.ruled else "", "tab(\x07)"]
    head = " ".join("lb" for _ in table.header)
    valign = "" if tl.valign_middle else "t"
    body = " ".join(f"l{valign}w({f * cells_en:.1f}n)" for f in fractions)
    lines = [".TS H" if tl.repeat_header else ".TS", " ".join(o for o in options if o) + ";", head, body + "."]

    def cell(runs: list[Run], bold: bool = False) -> str:
        text = roff_runs(runs, bold)
        return f"T{{\n{text}\nT}}"

    lines.append("\x07".join(cell(c, True) for c in table.header))
    if tl.ruled and not (k % 4 < 2):
        lines.append("_")
    if tl.repeat_header:
        lines.append(".TH")
    lines += ["\x07".join(cell(c) for c in row) for row in table.rows]
    lines.append(".TE")
    return lines


def build_roff(paper: Paper, paper_index: int, path: Path) -> bool:
    """Write the paper in ms macros; return whether it is printed landscape (groff sets one page
    size for the whole document: a paper with a wide table is landscape throughout)."""
    look = paper_look(paper_index)
    looks = table_looks(paper, paper_index, "groff")
    landscape = lo_landscape(paper)
    width_en = (29.7 - 3.0 if landscape else 21.0 - 4.0) / 2.54 * 72 / (look.size / 2)
    lines = [f".nr PS {look.size:g}", f".nr VS {look.size * 1.2:g}", ".nr PO 2c" if not landscape else ".nr PO 1.5c",
             f".nr LL {(29.7 - 3.0) if landscape else 17.0}c", f".fam {ROFF_FONTS[look.font]}",
             ".nr PD 0.5v", ".ds CH", ".ds CF \\\\n[%]" if look.footer else ".ds CF"]
    table_index = 0
    for block in paper.blocks:
        if isinstance(block, Heading):
            lines += [".SH", roff_runs(block.runs)] if block.level > 1 else \
                [".SH", f"\\s+2{roff_runs(block.runs)}\\s0"]
        elif isinstance(block, Paragraph):
            lines += [".LP", roff_runs(block.runs)]
        elif isinstance(block, ListBlock):
            number = block.start
            for item in block.items:
                if block.numbered and item.level == 0:
                    lines += [f".IP {number}. 3"]
                    number += 1
                else:
                    lines += [".RS"] * item.level + [".IP \\(bu 2"]
                lines.append(roff_runs(item.runs))
                lines += [".RE"] * (item.level if not (block.numbered and item.level == 0) else 0)
        else:
            tl = looks[table_index]
            k = paper_index * 3 + table_index + PRODUCERS.index("groff")
            table_index += 1
            size = 8.0 if tl.wide else 9.0
            lines += [".LP", f".ps {size:g}", f".vs {size * 1.2:g}"]
            lines += roff_table(block, tl, k, width_en * look.size / size, size)
            lines += [f".ps {look.size:g}", f".vs {look.size * 1.2:g}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return landscape


def roff_print(roff_path: Path, pdf_path: Path, landscape: bool) -> None:
    """groff -ms with tbl (and preconv for UTF-8 input), written by gropdf on A4."""
    if not shutil.which("groff"):
        raise RuntimeError("groff not found (apt-get install groff)")
    paper = ["-dpaper=a4l", "-P-pa4", "-P-l"] if landscape else ["-dpaper=a4", "-P-pa4"]
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(FIXED_DATE.replace(tzinfo=dt.UTC).timestamp())))
    result = subprocess.run(["groff", "-k", "-ms", "-t", "-Tpdf", *paper, str(roff_path)], capture_output=True,
                            timeout=300, env=env)
    if result.returncode != 0 or not result.stdout.startswith(b"%PDF"):
        raise RuntimeError(f"groff failed on {roff_path.name}: {result.stderr.decode()[-2000:]}")
    pdf_path.write_bytes(result.stdout)


# ---------------------------------------------------------------------------------------------
# driver


def produce(producer: str, papers: list[Path], out: Path, all_papers: list[Path]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    done = []
    with tempfile.TemporaryDirectory(prefix="print-papers-") as tmp:
        work = Path(tmp)
        sources = []
        for path in papers:
            paper = read_paper(path)
            index = all_papers.index(path) if path in all_papers else papers.index(path)
            target = out / f"{path.stem}.pdf"
            if producer == "docx":
                src = work / f"{path.stem}.docx"
                build_docx(paper, index, src)
                sources.append(src)
            elif producer in ("lo-html", "lo-html-ruled"):
                src = work / f"{path.stem}.html"
                build_html(paper, index, producer, src)
                sources.append(src)
            elif producer == "chromium":
                src = work / f"{path.stem}.html"
                build_html(paper, index, producer, src)
                chromium_print(src, target, work)
            elif producer == "reportlab":
                build_reportlab(paper, index, target)
            elif producer in ("pandoc-docx", "pandoc-odt"):
                if not markdown_printable(paper):
                    continue
                md = work / f"{path.stem}.md"
                build_markdown(paper, index, producer, md)
                src = work / f"{path.stem}.{producer.split('-')[1]}"
                pandoc_convert(md, src)
                sources.append(src)
            elif producer == "latex":
                src = work / f"{path.stem}.tex"
                latex_print(src, target, build_latex(paper, index, src))
            elif producer == "abiword":
                src = work / f"{path.stem}.docx"
                build_docx(paper, index, src, producer)
                abiword_print(src, target)
            elif producer == "typst":
                src = work / f"{path.stem}.typ"
                build_typst(paper, index, src)
                typst_print(src, target)
            elif producer == "groff":
                src = work / f"{path.stem}.ms"
                roff_print(src, target, build_roff(paper, index, src))
            else:
                raise SystemExit(f"unknown producer {producer!r}; one of {', '.join(PRODUCERS)}")
            done.append(target)
        if producer in ("docx", "pandoc-docx", "pandoc-odt") and sources:
            soffice(["--convert-to", "pdf", "--outdir", str(out), *map(str, sources)], work)
        elif sources:
            soffice(["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out),
                     *map(str, sources)], work)
    for pdf in done:
        normalise_pdf(pdf)
    return done


PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\s*\(D:)(\d{14})")
PDF_ID = re.compile(rb"(/ID\s*\[\s*)<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
PDF_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")  # LibreOffice's, time-dependent


def normalise_pdf(pdf: Path) -> None:
    """Fixed creation/modification dates and a content-derived /ID (and DocChecksum), rewritten in place with the same
    byte lengths (so the xref offsets stay valid): re-printing an unchanged paper gives the same file."""
    data = PDF_DATE.sub(lambda m: m.group(1) + FIXED_DATE.strftime("%Y%m%d%H%M%S").encode(), pdf.read_bytes())
    digest = hashlib.md5(PDF_CHECKSUM.sub(b"", PDF_ID.sub(b"", data))).hexdigest().upper().encode()
    data = PDF_CHECKSUM.sub(lambda m: m.group(1) + digest[:len(m.group(2))], data)

    def fixed_id(m: re.Match[bytes]) -> bytes:
        whole = m.group(0)
        for part in (m.group(2), m.group(3)):
            whole = whole.replace(part, digest[:len(part)].ljust(len(part), b"0"))
        return whole

    pdf.write_bytes(PDF_ID.sub(fixed_id, data))


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def check(pdf: Path, paper: Paper) -> dict:
    """Pages with no text, numbers of the paper missing from the PDF text, word coverage."""
    text = pdf_text(pdf)
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    empty = [n + 1 for n, page in enumerate(pages) if not page.strip()]
    words = paper_words(paper)
    want = collections.Counter(NUMBER.findall(" ".join(words)))
    have = collections.Counter(NUMBER.findall(text))
    missing_numbers = want - have

    def norm(w: str) -> str:
        return re.sub(r"[^\w%£]", "", w.replace("’", "'").lower())

    want_words = collections.Counter(norm(w) for w in words if norm(w))
    have_words = collections.Counter(norm(w) for w in text.split() if norm(w))
    missing_words = want_words - have_words
    coverage = 1 - sum(missing_words.values()) / max(1, sum(want_words.values()))
    return {"pages": len(pages), "empty_pages": empty, "missing_numbers": dict(missing_numbers),
            "missing_words": dict(missing_words.most_common(8)), "coverage": coverage,
            "kb": pdf.stat().st_size / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producer", default="all", help=f"one of {', '.join(PRODUCERS)}, or all")
    parser.add_argument("--out", type=Path, help="output folder (default samples/printed/<producer>)")
    parser.add_argument("--check", action="store_true", help="after printing, check every PDF's text with pdftotext")
    parser.add_argument("--check-only", action="store_true", help="only check the PDFs already printed")
    parser.add_argument("papers", nargs="*", type=Path)
    args = parser.parse_args(argv)
    all_papers = [p.resolve() for p in default_papers()]
    papers = [p.resolve() for p in args.papers] or all_papers
    producers = PRODUCERS if args.producer == "all" else [args.producer]
    failures = 0
    for producer in producers:
        out = args.out or PRINTED / producer
        if args.out and len(producers) > 1:
            out = args.out / producer
        if not args.check_only:
            produce(producer, papers, out, all_papers)
        if args.check or args.check_only:
            for path in papers:
                pdf = out / f"{path.stem}.pdf"
                result = check(pdf, read_paper(path))
                bad = result["empty_pages"] or result["missing_numbers"]
                failures += bool(bad)
                print(f"{producer:14} {path.stem:50} {result['pages']:3} pages {result['kb']:6.0f} KB "
                      f"words {100 * result['coverage']:5.1f}%"
                      + (f" EMPTY PAGES {result['empty_pages']}" if result["empty_pages"] else "")
                      + (f" MISSING NUMBERS {result['missing_numbers']}" if result["missing_numbers"] else "")
                      + (f" (missing words {result['missing_words']})" if result["coverage"] < 0.999 else ""))
        else:
            print(f"{producer}: {len(papers)} PDFs in {os.path.relpath(out)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
