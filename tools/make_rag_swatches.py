"""Make scorecards whose RAG status is shown only as colour, as a check of the PDF reader's
reading of drawn statuses (readers/pdf/swatches.py) on producers it was not built against.

    .venv/bin/python tools/make_rag_swatches.py     # tests/data/pdf/rag-*.pdf

- rag-fill.chromium: an HTML table (Ref | Indicator | Q3 2023/24 | Target | RAG | Commentary)
  whose RAG cells are empty and filled red, amber or green (CSS background), zebra-striped rows
  and a shaded header; printed by Chromium;
- rag-fill.docx: the same table made with python-docx, the RAG cells shaded (w:shd), printed by
  LibreOffice;
- rag-dots.chromium: a table whose Status column holds a coloured circle, some rows an inline
  SVG <circle>, others a CSS span with border-radius; printed by Chromium;
- rag-chart.chromium: a horizontal bar chart (inline SVG) of short coloured bars beside service
  names, each with its figure at its end; a RAG key ("Red = off target", a swatch beside each
  line); an upright column chart of the same bars; a coloured heading banner; and a table whose
  status column says its statuses in words; printed by Chromium.
- rag-glyphs.chromium, rag-glyphs.docx: a RAG column of "\u25cf" characters set in red, amber or
  green (CSS colour; a coloured Word run printed by LibreOffice), and a sentence above the table
  that opens with a black "\u25cf".
- rag-mixed.chromium, rag-mixed.docx: a Status column where some rows print their status as a
  word and others only as a filled cell; a RAG column where one row alone is rated (a filled
  cell), the others' measures being new, without a target; and a Priority column with one
  cell filled red, which is no status.
- rag-symbols.docx: a RAG column of dots inserted as symbols (Word's w:sym: Wingdings U+F06C,
  Webdings U+F06E) in red, amber or green, printed by LibreOffice; rag-symbols.reportlab: the
  same column as ZapfDingbats "l" and "n" in colour, drawn by reportlab.

The expected statuses are in the test (tests/test_pdf_swatches.py), written from the tables
below.
"""

from __future__ import annotations

import html
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from print_papers import (  # noqa: E402
    chromium_print,
    docx_fixed_dates,
    docx_set_page,
    docx_shade,
    normalise_pdf,
    rl_font,
    soffice,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "pdf"

# code, indicator, value, target, status
FILL_ROWS = [
    ("ASC01", "Percentage of adults with a learning disability in paid employment", "6.1%", "7.0%", "red"),
    ("ASC02", "Proportion of people who use services who feel safe", "71.4%", "70.0%", "green"),
    ("ASC03", "Permanent admissions to residential care per 100,000 aged 65+", "612", "560", "amber"),
    ("ASC04", "Percentage of safeguarding enquiries where the risk was reduced or removed", "93%", "90%", "green"),
    ("ASC05", "Delayed transfers of care from hospital per 100,000 population", "11.8", "9.0", "red"),
]
COMMENTS = {"red": "Recovery plan agreed", "amber": "Under review", "green": "Sustained"}
DOT_ROWS = [
    ("HN01", "Household waste sent for reuse, recycling or composting", "44.2%", "45%", "amber"),
    ("HN02", "Major planning applications determined in time", "96%", "90%", "green"),
    ("HN03", "Number of households in temporary accommodation", "412", "350", "red"),
    ("HN04", "Average days to re-let council homes", "28", "30", "green"),
]
WORD_ROWS = [
    ("CS01", "Percentage of Education, Health and Care Plans issued within 20 weeks", "58%", "60%", "Amber"),
    ("CS02", "Percentage of children's social care assessments completed within 45 days", "88%", "85%", "Green"),
]
GLYPH_ROWS = [
    ("RES01", "Percentage of invoices paid within 30 days", "94.1%", "95%", "amber"),
    ("RES02", "Average working days lost to sickness per employee", "9.8", "8.5", "red"),
    ("RES03", "Percentage of council tax collected", "97.2%", "97.0%", "green"),
]
MIXED_ROWS = [  # the status printed as a word (capitalised) or only as a filled cell (lower case)
    ("PH01", "Smoking prevalence in adults aged 18 and over", "12.4%", "13.0%", "Green"),
    ("PH02", "Children aged 10 to 11 classified as overweight or obese", "37.8%", "35.0%", "red"),
    ("PH03", "Uptake of NHS Health Checks by the eligible population", "41%", "45%", "Amber"),
    ("PH04", "Successful completion of drug treatment (non-opiate users)", "36.2%", "33.0%", "green"),
]
SINGLE_ROWS = [  # one row rated; the others are new measures without a target or a status
    ("ENV01", "Percentage of streets free of litter at inspection", "91%", "95%", "amber"),
    ("ENV02", "Number of electric vehicle charge points installed", "148", "", ""),
    ("ENV03", "Tonnes of food waste collected for composting", "2,310", "", ""),
]
PRIORITY_ROWS = [  # a colour-coded priority, not a RAG status: its one red cell is no status
    ("Resurfacing of the A4155 at Marlow Road", "High"),
    ("Replacement of street lighting columns", "Medium"),
    ("Footway repairs in the town centre", "Medium"),
]
SYMBOL_ROWS = [  # code, indicator, value, target, status, (Word's symbol font, its character)
    ("FIN01", "Percentage of undisputed invoices paid within 30 days", "94.8%", "95%", "amber", "Wingdings", "F06C"),
    ("FIN02", "Percentage of business rates collected", "98.1%", "97.5%", "green", "Webdings", "F06E"),
    ("FIN03", "Average days to process new benefit claims", "24.6", "20", "red", "Wingdings", "F06C"),
]
ZAPF_DOTS = {"red": "l", "amber": "n", "green": "l"}  # ZapfDingbats: "l" is a black circle, "n" a square
CHART_BARS = [("Adult Social Care", 62, "red"), ("Children's Services", 81, "amber"), ("Environment", 94, "green"),
              ("Housing", 77, "amber"), ("Finance and Resources", 97, "green")]
KEY = [("red", "Red = off target by more than 5%"), ("amber", "Amber = off target by up to 5%"),
       ("green", "Green = on or above target")]
# the fills a council's template might use: not the pure primaries
FILLS = {"red": "#d9342b", "amber": "#f5a623", "green": "#2e9e4f"}
BAR_SCALE = 1.2  # px per percentage point
DOCX_FILLS = {"red": "FF0000", "amber": "FFC000", "green": "00B050"}  # Word's own standard colours

CSS = """
@page { size: A4; margin: 18mm; }
body { font-family: Arial, 'Liberation Sans', sans-serif; font-size: 10pt; }
h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 18pt; }
table { border-collapse: collapse; width: 100%; }
th { background: #dbe5f1; text-align: left; padding: 4pt 5pt; }
td { padding: 4pt 5pt; border-bottom: 0.5pt solid #bbb; }
tr:nth-child(even) td { background: #f2f2f2; }
td.num { text-align: right; }
td.rag { width: 14mm; }
.banner { background: #2e9e4f; color: #fff; padding: 4pt 8pt; font-weight: bold; font-size: 12pt; }
.dot { display: inline-block; width: 9pt; height: 9pt; border-radius: 50%; }
"""


def _page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>")


def _head(status: str) -> str:
    return (f"<tr><th>Ref</th><th>Indicator</th><th>Q3 2023/24</th><th>Target</th>"
            f"<th>{html.escape(status)}</th></tr>")


def _row(code: str, name: str, value: str, target: str, status_cell: str) -> str:
    return (f"<tr><td>{code}</td><td>{html.escape(name)}</td><td class=num>{value}</td><td class=num>{target}</td>"
            f"{status_cell}</tr>")


def fill_html() -> str:
    # a commentary column after the RAG cells: its text starts only a cell's padding after the fill
    rows = "".join(_row(c, n, v, t, f'<td class=rag style="background:{FILLS[s]}"></td><td>{COMMENTS[s]}</td>')
                   for c, n, v, t, s in FILL_ROWS)
    head = _head("RAG").replace("</tr>", "<th>Commentary</th></tr>")
    return _page("Adult Social Care Scorecard – Quarter 3 2023/24",
                 "<p>Performance against the council plan measures at the end of December 2023.</p>"
                 f"<table>{head}{rows}</table>")


def _dot(index: int, status: str) -> str:
    colour = FILLS[status]
    if index % 2 == 0:  # an inline SVG circle
        return (f'<svg width="12" height="12" viewBox="0 0 12 12"><circle cx="6" cy="6" r="5.5" '
                f'fill="{colour}"/></svg>')
    return f'<span class=dot style="background:{colour}"></span>'  # a rounded CSS box


def dots_html() -> str:
    rows = "".join(_row(c, n, v, t, f'<td style="text-align:center">{_dot(i, s)}</td>')
                   for i, (c, n, v, t, s) in enumerate(DOT_ROWS))
    return _page("Housing and Neighbourhoods Performance – Quarter 3 2023/24",
                 "<p>The status column shows each measure against its target.</p>"
                 f"<table>{_head('Status')}{rows}</table>")


def glyphs_html() -> str:
    rows = "".join(_row(c, n, v, t, f'<td style="color:{FILLS[s]};text-align:center">\u25cf</td>')
                   for c, n, v, t, s in GLYPH_ROWS)
    return _page("Resources Directorate Performance – Quarter 3 2023/24",
                 "<p>\u25cf shows each measure's status against its target.</p>"
                 f"<table>{_head('RAG')}{rows}</table>")


def _bar_chart() -> str:
    height = 22 * len(CHART_BARS) + 24
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="520" height="{height}" viewBox="0 0 520 {height}">']
    for index, (label, percent, status) in enumerate(CHART_BARS):
        y = 8 + index * 22
        out.append(f'<text x="150" y="{y + 12}" font-size="10" text-anchor="end" font-family="Arial">'
                   f"{html.escape(label)}</text>")
        # short bars: as small as a status column's cells, so only their placing tells them apart
        out.append(f'<rect x="158" y="{y}" width="{percent * BAR_SCALE:.1f}" height="15" fill="{FILLS[status]}"/>')
        out.append(f'<text x="{162 + percent * BAR_SCALE:.1f}" y="{y + 12}" font-size="9" font-family="Arial">'
                   f"{percent}%</text>")
    for tick in (0, 25, 50, 75, 100):
        x = 158 + tick * BAR_SCALE
        out.append(f'<text x="{x:.1f}" y="{height - 4}" font-size="8" text-anchor="middle" '
                   f'font-family="Arial">{tick}</text>')
    out.append("</svg>")
    return "".join(out)


def _column_chart() -> str:
    """Upright bars side by side, the service names under them, no figures."""
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="520" height="150" viewBox="0 0 520 150">']
    for index, (label, percent, status) in enumerate(CHART_BARS):
        x = 30 + index * 100
        out.append(f'<rect x="{x}" y="{120 - percent}" width="40" height="{percent}" fill="{FILLS[status]}"/>')
        out.append(f'<text x="{x + 20}" y="136" font-size="9" text-anchor="middle" font-family="Arial">'
                   f"{html.escape(label.split()[0])}</text>")
    out.append("</svg>")
    return "".join(out)


def chart_html() -> str:
    key = "".join(f'<p style="margin:2pt 0"><span class=dot style="background:{FILLS[s]};border-radius:0"></span>'
                  f" {html.escape(text)}</p>" for s, text in KEY)
    rows = "".join(_row(c, n, v, t, f"<td>{s}</td>") for c, n, v, t, s in WORD_ROWS)
    return _page("Council Plan Performance Summary – Quarter 3 2023/24",
                 '<div class=banner>Overall: most measures on track</div>'
                 "<h2>Measures on target by directorate</h2>"
                 f"{_bar_chart()}<h2>Key</h2>{key}<h2>Measures on target, per cent</h2>{_column_chart()}"
                 f"<h2>Children's Services measures</h2><table>{_head('RAG')}{rows}</table>")


def _status_cell(status: str) -> str:
    """A word (capitalised) as text, a colour (lower case) as an empty filled cell, none as an empty cell."""
    if status[:1].isupper():
        return f"<td>{status}</td>"
    return f'<td class=rag style="background:{FILLS[status]}"></td>' if status else "<td></td>"


def mixed_html() -> str:
    mixed = "".join(_row(c, n, v, t, _status_cell(s)) for c, n, v, t, s in MIXED_ROWS)
    single = "".join(_row(c, n, v, t, _status_cell(s)) for c, n, v, t, s in SINGLE_ROWS)
    priority = "".join(f"<tr><td>{html.escape(scheme)}</td><td>{level}</td>"
                       f'<td class=rag style="background:{FILLS["red"]}"></td></tr>' if level == "High" else
                       f"<tr><td>{html.escape(scheme)}</td><td>{level}</td><td></td></tr>"
                       for scheme, level in PRIORITY_ROWS)
    return _page("Public Health and Environment Performance – Quarter 3 2023/24",
                 "<h2>Public health measures</h2>"
                 f"<table>{_head('Status')}{mixed}</table>"
                 "<h2>Environment measures</h2>"
                 "<p>Two measures are new this year and have no target yet.</p>"
                 f"<table>{_head('RAG')}{single}</table>"
                 "<h2>Highways schemes</h2>"
                 "<table><tr><th>Scheme</th><th>Priority</th><th>Priority</th></tr>"
                 f"{priority}</table>")


def _docx_table(doc: object, header: list[str], rows: list[tuple[list[str], str]], widths: list[float]) -> None:
    """A Table Grid table; each row's last cell is its status: a word, a fill (lower case) or none."""
    from docx.shared import Cm

    table = doc.add_table(rows=len(rows) + 1, cols=len(header))  # type: ignore[attr-defined]
    table.style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    table.autofit = False
    for index, text in enumerate(header):
        cell = table.rows[0].cells[index]
        cell.width = Cm(widths[index])
        cell.paragraphs[0].add_run(text).bold = True
        docx_shade(cell, "D9E2F3")
    for row, (texts, status) in zip(table.rows[1:], rows, strict=True):
        for index, text in enumerate([*texts, status if status[:1].isupper() else ""]):
            row.cells[index].width = Cm(widths[index])
            if text:
                row.cells[index].paragraphs[0].add_run(text)
        if status and status.islower():
            docx_shade(row.cells[-1], DOCX_FILLS[status])


def mixed_docx(path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    docx_fixed_dates(doc, "Public Health and Environment Performance")
    docx_set_page(doc.sections[0], landscape=False)
    doc.add_heading("Public Health and Environment Performance – Quarter 3 2023/24", level=1)
    header = ["Ref", "Indicator", "Q3 2023/24", "Target"]
    widths = [1.6, 8.6, 2.2, 1.8, 1.6]
    doc.add_heading("Public health measures", level=2)
    _docx_table(doc, [*header, "Status"], [([c, n, v, t], s) for c, n, v, t, s in MIXED_ROWS], widths)
    doc.add_heading("Environment measures", level=2)
    doc.add_paragraph("Two measures are new this year and have no target yet.")
    _docx_table(doc, [*header, "RAG"], [([c, n, v, t], s) for c, n, v, t, s in SINGLE_ROWS], widths)
    doc.add_heading("Highways schemes", level=2)
    _docx_table(doc, ["Scheme", "Priority", "Priority"],
                [([scheme, level], "red" if level == "High" else "") for scheme, level in PRIORITY_ROWS],
                [10.0, 3.0, 1.6])
    _docx_print(doc, "rag-mixed.docx", path)


def symbols_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    docx_fixed_dates(doc, "Finance Performance")
    docx_set_page(doc.sections[0], landscape=False)
    doc.add_heading("Finance Performance – Quarter 3 2023/24", level=1)
    table = doc.add_table(rows=len(SYMBOL_ROWS) + 1, cols=5)
    table.style = doc.styles["Table Grid"]
    for index, text in enumerate(["Ref", "Indicator", "Q3 2023/24", "Target", "RAG"]):
        table.rows[0].cells[index].paragraphs[0].add_run(text).bold = True
    for row, (code, name, value, target, status, font, char) in zip(table.rows[1:], SYMBOL_ROWS, strict=True):
        for index, text in enumerate([code, name, value, target]):
            row.cells[index].paragraphs[0].add_run(text)
        paragraph = row.cells[4].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        run.font.color.rgb = RGBColor.from_string(DOCX_FILLS[status])
        symbol = OxmlElement("w:sym")  # how Word's Insert > Symbol stores a symbol font's character
        symbol.set(qn("w:font"), font)
        symbol.set(qn("w:char"), char)
        run._r.append(symbol)
    _docx_print(doc, "rag-symbols.docx", path)


def symbols_reportlab(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    family = rl_font("Arial")
    body = ParagraphStyle("body", fontName=family, fontSize=10, leading=12)
    title = ParagraphStyle("title", fontName=f"{family}-Bold", fontSize=15, leading=18, spaceAfter=10)
    rows: list[list[object]] = [["Ref", "Indicator", "Q3 2023/24", "Target", "RAG"]]
    for code, name, value, target, status, _, _ in SYMBOL_ROWS:
        dot = Paragraph(f'<font name="ZapfDingbats" color="{FILLS[status]}">{ZAPF_DOTS[status]}</font>',
                        ParagraphStyle("dot", parent=body, alignment=1))
        rows.append([code, Paragraph(html.escape(name), body), value, target, dot])
    table = Table(rows, colWidths=[16 * mm, 90 * mm, 22 * mm, 18 * mm, 16 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), family, 10), ("FONT", (0, 0), (-1, 0), f"{family}-Bold", 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    document = SimpleDocTemplate(str(path), pagesize=A4, title="Finance Performance", author="kpiextract tools",
                                 invariant=True)
    document.build([Paragraph("Finance Performance – Quarter 3 2023/24", title), table])
    normalise_pdf(path)


def fill_docx(path: Path) -> None:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    docx_fixed_dates(doc, "Adult Social Care Scorecard")
    docx_set_page(doc.sections[0], landscape=False)
    doc.add_heading("Adult Social Care Scorecard – Quarter 3 2023/24", level=1)
    doc.add_paragraph("Performance against the council plan measures at the end of December 2023.")
    widths = [1.6, 8.6, 2.2, 1.8, 1.6]
    table = doc.add_table(rows=len(FILL_ROWS) + 1, cols=5)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for index, text in enumerate(["Ref", "Indicator", "Q3 2023/24", "Target", "RAG"]):
        cell = table.rows[0].cells[index]
        cell.width = Cm(widths[index])
        cell.paragraphs[0].add_run(text).bold = True
        docx_shade(cell, "D9E2F3")
    for row, (code, name, value, target, status) in zip(table.rows[1:], FILL_ROWS, strict=True):
        for index, text in enumerate([code, name, value, target, ""]):
            row.cells[index].width = Cm(widths[index])
            if text:
                row.cells[index].paragraphs[0].add_run(text)
        docx_shade(row.cells[4], DOCX_FILLS[status])
    _docx_print(doc, "rag-fill.docx", path)


def glyphs_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    docx_fixed_dates(doc, "Resources Directorate Performance")
    docx_set_page(doc.sections[0], landscape=False)
    doc.add_heading("Resources Directorate Performance – Quarter 3 2023/24", level=1)
    table = doc.add_table(rows=len(GLYPH_ROWS) + 1, cols=5)
    table.style = doc.styles["Table Grid"]
    for index, text in enumerate(["Ref", "Indicator", "Q3 2023/24", "Target", "RAG"]):
        table.rows[0].cells[index].paragraphs[0].add_run(text).bold = True
    for row, (code, name, value, target, status) in zip(table.rows[1:], GLYPH_ROWS, strict=True):
        for index, text in enumerate([code, name, value, target]):
            row.cells[index].paragraphs[0].add_run(text)
        paragraph = row.cells[4].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run("\u25cf")
        run.font.color.rgb = RGBColor.from_string(DOCX_FILLS[status])
    _docx_print(doc, "rag-glyphs.docx", path)


def _docx_print(doc: object, name: str, path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="rag-") as tmp:
        work = Path(tmp)
        source = work / f"{name}.docx"
        doc.save(str(source))  # type: ignore[attr-defined]
        soffice(["--convert-to", "pdf", "--outdir", str(work), str(source)], work)
        (work / f"{name}.pdf").replace(path)
    normalise_pdf(path)


def print_html(text: str, path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="rag-") as tmp:
        work = Path(tmp)
        source = work / "page.html"
        source.write_text(text, encoding="utf-8")
        chromium_print(source, path, work)
    normalise_pdf(path)


def main() -> None:
    print_html(mixed_html(), DATA / "rag-mixed.chromium.pdf")
    mixed_docx(DATA / "rag-mixed.docx.pdf")
    symbols_docx(DATA / "rag-symbols.docx.pdf")
    symbols_reportlab(DATA / "rag-symbols.reportlab.pdf")
    print_html(fill_html(), DATA / "rag-fill.chromium.pdf")
    print_html(dots_html(), DATA / "rag-dots.chromium.pdf")
    print_html(chart_html(), DATA / "rag-chart.chromium.pdf")
    print_html(glyphs_html(), DATA / "rag-glyphs.chromium.pdf")
    fill_docx(DATA / "rag-fill.docx.pdf")
    glyphs_docx(DATA / "rag-glyphs.docx.pdf")
    for name in ("rag-fill.chromium", "rag-fill.docx", "rag-dots.chromium", "rag-chart.chromium",
                 "rag-glyphs.chromium", "rag-glyphs.docx", "rag-mixed.chromium", "rag-mixed.docx",
                 "rag-symbols.docx", "rag-symbols.reportlab"):
        print(DATA / f"{name}.pdf")


if __name__ == "__main__":
    main()
