"""Make the small structure PDFs in tests/data/pdf/ for the PDF reader's regression tests.

    .venv/bin/python tools/make_structure_pdfs.py            # write every file
    .venv/bin/python tools/make_structure_pdfs.py --check    # write, then check them against *.expected.json
    .venv/bin/python tools/make_structure_pdfs.py --check-only

Each file holds one layout structure that real council papers present, with realistic KPI content
(indicators, % values, targets, RAG words, England / statistical neighbour comparators, quarters),
and is made by an independent producer (never fpdf2, never shaped to the reader): python-docx
printed by LibreOffice, HTML printed by headless Chromium, or reportlab platypus. See
tests/data/pdf/README.md for which producer made which file. The KPI facts a correct reading must
give are written by hand in <name>.expected.json next to each PDF; --check verifies that every
value, target and benchmark listed there is printed in the PDF and that the page structure holds
(page count, the blank page).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from print_papers import (  # noqa: E402
    AUTHOR,
    chromium_print,
    docx_fixed_dates,
    docx_no_borders,
    docx_page_footer,
    docx_repeat_header,
    docx_set_page,
    docx_shade,
    normalise_pdf,
    rl_font,
    soffice,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "pdf"

# ---------------------------------------------------------------------------------------------
# Content (the expected.json files are written by hand from these)

BLANK_TITLE = "Corporate Parenting Board – Performance Report"
BLANK_INTRO = ("This report sets out performance for Quarter 2 2023/24 (July to September 2023) for "
               "children in care and care leavers.")
BLANK_TABLE = [
    ["Indicator", "Q2 2023/24", "Target", "England", "RAG"],
    ["Percentage of children in care with three or more placements in the year", "9.8%", "10%", "10%", "Green"],
    ["Percentage of children in care for 2.5 years or more in the same placement for 2 years", "66.0%", "70%",
     "71%", "Amber"],
    ["Percentage of care leavers aged 19-21 in education, employment or training", "52%", "60%", "56%", "Red"],
]
BLANK_AFTER = [
    "The percentage of initial health assessments completed within 20 working days was 71% in Q2 2023/24, "
    "against a target of 85% (Red).",
    "The percentage of review health assessments completed on time was 90% in Q2 2023/24, above the target "
    "of 88% and in line with statistical neighbours (89%).",
]

BULLETS_DOCX = [
    ("The percentage of children in care with a permanence plan was 44% at the end of Q3 2023/24, below the "
     "target of 45% (Amber).", 0),
    ("The percentage of re-referrals to children's social care within 12 months was 25% in Q3 2023/24, "
     "against a target of 22% (Red); England 21.5% and statistical neighbours 22.5%.", 0),
    ("The percentage of single assessments completed within 45 working days was 88.4% in Q3 2023/24, above "
     "the target of 85% (Green) and the England average of 82.9%.", 0),
    ("The number of approved fostering households was 274 at the end of Q3 2023/24, above the target of "
     "271 (Green).", 0),
    ("Recruitment activity focused on carers for teenagers and sibling groups.", 1),
    ("The percentage of Education, Health and Care Plans issued within 20 weeks was 58.2% in Q3 2023/24, "
     "against a target of 60% (Amber); England 50.3%.", 0),
]

BULLETS_CHROMIUM = [
    ("The percentage of children becoming subject to a child protection plan for a second or subsequent "
     "time was 20.5% in Q2 2023/24, within the target range of 17.5% to 22.5% (Green). England 18.7%, "
     "statistical neighbours 21.4%.", 0),
    ("The percentage of care leavers in education, employment or training was 65.4% in Q2 2023/24, above "
     "the target of 65% (Green).", 0),
    ("The average caseload of social workers in the Children in Care teams was 16.4 in Q2 2023/24, above "
     "the target of 15 (Amber).", 0),
    ("Caseloads are reviewed weekly by team managers.", 1),
    ("The take-up of free early education by two-year-olds was 62.2% in Q2 2023/24, below the target of "
     "78% (Red). England 74%.", 0),
    ("The percentage of Education, Health and Care Plans issued within 20 weeks was 46.4% in Q2 2023/24, "
     "against a target of 90% (Red).", 0),
]

WRAPPED_HEADER = [
    ["Indicator", "Polarity", "Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Target 2023/24", "RAG",
     "England 2022/23", "Statistical Neighbours 2022/23", "South East 2022/23"],
    ["Percentage of single assessments completed within 45 working days", "Higher is better", "84.1%",
     "86.0%", "88.4%", "85%", "Green", "82.9%", "84.0%", "83.5%"],
    ["Percentage of re-referrals within 12 months", "Lower is better", "23.5%", "25.0%", "25.0%", "22%", "Red",
     "21.5%", "22.5%", "22.1%"],
    ["Percentage of child protection plans lasting 2 years or more", "Lower is better", "3.4%", "3.0%", "3.1%",
     "4%", "Green", "3.6%", "3.9%", "3.5%"],
    ["Percentage of Education, Health and Care Plans issued within 20 weeks", "Higher is better", "55.0%",
     "57.4%", "58.2%", "60%", "Amber", "50.3%", "55.1%", "49.6%"],
    ["Percentage of care leavers aged 19-21 in education, employment or training", "Higher is better", "58%",
     "60%", "61%", "60%", "Green", "55%", "58%", "57%"],
]

CENTRED = [
    ["Indicator", "Period", "Actual", "Target", "England", "Status"],
    ["Percentage of children looked after with an up-to-date health assessment and dental check in the last "
     "12 months", "Q2 2023/24", "87%", "90%", "89%", "Amber"],
    ["Percentage of Initial Child Protection Conferences held within 15 working days of the strategy "
     "discussion", "Q2 2023/24", "67%", "82%", "79%", "Red"],
    ["Percentage of children subject to a child protection plan seen by their social worker within the last "
     "10 working days", "Q2 2023/24", "93%", "90%", "n/a", "Green"],
    ["Percentage of 16-17 year olds not in education, employment or training or whose activity is not known",
     "Q2 2023/24", "4.7%", "6.0%", "5.2%", "Green"],
]

STACKED = [
    [
        ["Social care indicator", "Q3 2023/24", "Target", "RAG"],
        ["Percentage of referrals with a decision made within 1 working day", "97%", "95%", "Green"],
        ["Percentage of children in need with a plan reviewed on time", "81%", "90%", "Red"],
        ["Percentage of children in care with a health assessment on time", "88%", "90%", "Amber"],
    ],
    [
        ["Education measure", "2022/23", "England", "Statistical Neighbours"],
        ["Key Stage 2 pupils meeting the expected standard in reading, writing and maths", "61%", "59%", "60%"],
        ["Key Stage 4 average Attainment 8 score", "48.9", "46.3", "47.8"],
        ["Persistent absence in secondary schools", "26.5%", "28.3%", "27.0%"],
    ],
    [
        ["Early help indicator", "Month", "Value", "Target"],
        ["Early Help cases closed with outcomes achieved", "August 2023", "83.5%", "80%"],
        ["Early Help assessments completed within 45 working days", "August 2023", "91%", "85%"],
    ],
]

LONG_COMMENT = (
    "Performance has improved for the third quarter running. The service introduced a weekly tracker of "
    "assessments approaching the 45 working day timescale in April 2023, and team managers now review every "
    "assessment at day 30. Staffing in the assessment teams has stabilised following the recruitment of six "
    "permanent social workers, which has reduced the number of changes of worker during an assessment. "
    "Practice audits in the quarter found that 78% of assessments were rated good or better, up from 70% in "
    "Q1. The remaining delays are concentrated in assessments of large sibling groups and of families who "
    "have moved into the area during the assessment, where information from the previous local authority "
    "is needed. A protocol with neighbouring authorities for sharing case records within five working days "
    "was agreed in September 2023 and is expected to reduce these delays. The service will report on the "
    "impact of the protocol to the Board in Q4. Managers continue to monitor the quality of assessments "
    "alongside their timeliness, so that faster completion does not come at the cost of thorough analysis "
    "of children's needs, and a programme of reflective practice sessions for newly qualified social "
    "workers began in October 2023. The Board asked in July for a breakdown of assessment timeliness by "
    "team: the two locality teams in the north of the county completed 92% and 90% of assessments within "
    "45 working days, the central team 87% and the two southern teams 86% and 88%. The southern teams "
    "carried the highest vacancy rates during the quarter and have received additional agency capacity until "
    "December 2023. Parents' feedback gathered at the end of assessments remains positive, with most "
    "families saying that they understood why the assessment was needed and what would happen next. The "
    "principal social worker is leading a review of the assessment template with practitioners, to remove "
    "duplication with the referral record and to give more space to the child's own views, which audits "
    "identified as an area to strengthen."
)
CROSS_ROWS = [
    ["Indicator", "Q2 2023/24", "Target", "RAG", "Commentary"],
    ["Percentage of contacts progressed to referral within 1 working day", "94%", "95%", "Amber",
     "Slightly below target because of high contact volumes in September."],
    ["Percentage of re-referrals within 12 months", "24%", "22%", "Red",
     "Re-referrals remain above target; a deep dive into repeat referrals reported in August."],
    ["Percentage of single assessments completed within 45 working days", "89%", "85%", "Green", LONG_COMMENT],
    ["Percentage of children in need visited within timescale", "86%", "90%", "Amber",
     "Visits are tracked weekly by team managers."],
    ["Percentage of child protection plans lasting 2 years or more", "3.2%", "4%", "Green",
     "Below target (lower is better)."],
    ["Percentage of children subject to a second or subsequent child protection plan", "21%", "20%", "Amber",
     "Close to target; cases are reviewed by the safeguarding unit."],
    ["Percentage of child protection reviews held on time", "98%", "95%", "Green",
     "Consistently above target."],
    ["Percentage of children in care with three or more placements in the year", "10.5%", "10%", "Amber",
     "Placement sufficiency remains a pressure."],
    ["Percentage of children in care reviews held on time", "96%", "95%", "Green", "Above target."],
    ["Percentage of care leavers in suitable accommodation", "88%", "90%", "Amber",
     "Supported lodgings places have increased."],
    ["Percentage of care leavers aged 19-21 in education, employment or training", "57%", "60%", "Amber",
     "Work with the virtual school continues."],
    ["Average social worker caseload", "17.2", "18", "Green", "Within the target of 18 children."],
]
CROSS_INTRO = [
    "This appendix sets out the Children's Social Care scorecard for Quarter 2 2023/24 (July to September "
    "2023). Targets are for 2023/24; RAG ratings compare the quarter's performance with the target.",
    "Indicators are grouped by the child's journey through the service, from the front door to leaving care. "
    "Where an indicator is below target, the commentary sets out the reasons and the actions in place.",
    "Data are taken from the case management system at the end of the quarter and may change slightly as "
    "records are updated; figures for the year to date are reported in the annual report.",
]

SHADED = [
    ["Indicator", "Latest", "Period", "Target", "Statistical Neighbours", "England", "RAG"],
    ["Percentage of children with an Education, Health and Care Plan who had an annual review within 12 months",
     "58%", "Q4 2022/23", "75%", "68%", "63%", "Red"],
    ["Percentage of initial Family Support Plans completed within 31 working days", "92%", "Q4 2022/23", "85%",
     "n/a", "n/a", "Green"],
    ["Percentage of pupils attending schools rated good or outstanding by Ofsted", "90.6%", "March 2023", "89%",
     "88.1%", "88.0%", "Green"],
    ["Percentage of 19-21 year old care leavers in education, employment or training", "71%", "2022/23", "65%",
     "58%", "55%", "Green"],
]

# ---------------------------------------------------------------------------------------------
# docx (python-docx, printed by LibreOffice)


def _docx(title: str, landscape: bool = False, footer: bool = True, font: str = "Calibri"):
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    docx_fixed_dates(doc, title)
    docx_set_page(doc.sections[0], landscape=landscape)
    if footer:
        docx_page_footer(doc.sections[0])
    doc.add_heading(title, level=1)
    return doc


def _docx_table(doc, rows: list[list[str]], widths_cm: list[float], *, style: str | None = "Table Grid",
                repeat: bool = False, centre: bool = False, size: float = 10.0, shaded: str | None = None,
                white_header: bool = False, numbers_centred: bool = False):
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if style:
        table.style = doc.styles[style]
    else:
        docx_no_borders(table)
    table.autofit = False
    for j, col in enumerate(table.columns):
        col.width = Cm(widths_cm[j])
    for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        if r == 0 and repeat:
            docx_repeat_header(row)
        for j, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Cm(widths_cm[j])
            if centre:
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if numbers_centred and j > 0 and r > 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(value)
            run.font.size = Pt(size)
            if r == 0:
                run.bold = True
                if white_header:
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                if shaded:
                    docx_shade(cell, shaded)
    return table


def _docx_print(doc, name: str, out: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="structure-") as tmp:
        work = Path(tmp)
        src = work / f"{name}.docx"
        doc.save(str(src))
        soffice(["--convert-to", "pdf", "--outdir", str(work), str(src)], work)
        target = out / f"{name}.pdf"
        (work / f"{name}.pdf").replace(target)
    normalise_pdf(target)
    return target


def blank_page_docx(out: Path) -> Path:
    doc = _docx(BLANK_TITLE, footer=False)
    doc.add_paragraph(BLANK_INTRO)
    _docx_table(doc, BLANK_TABLE, [8.5, 2.3, 1.8, 1.8, 1.6])
    doc.add_page_break()
    doc.add_page_break()  # the second break leaves page 2 empty
    doc.add_heading("Health of children in care", level=2)
    for text in BLANK_AFTER:
        doc.add_paragraph(text)
    return _docx_print(doc, "blank-page.docx", out)


def bullets_docx(out: Path) -> Path:
    doc = _docx("Children's Services Overview and Scrutiny Committee")
    doc.add_heading("Quarter 3 2023/24 performance highlights", level=2)
    doc.add_paragraph("The key performance indicators for the quarter are summarised below.")
    for text, level in BULLETS_DOCX:
        doc.add_paragraph(text, style="List Bullet" if level == 0 else "List Bullet 2")
    doc.add_paragraph("Members are asked to note the performance set out in this report.")
    return _docx_print(doc, "bullets-docx", out)


def wrapped_header_docx(out: Path) -> Path:
    doc = _docx("Children's Services Scorecard – Quarter 3 2023/24", landscape=True)
    doc.add_paragraph("Quarterly performance against the 2023/24 targets, with the latest published comparators.")
    widths = [5.8, 2.0, 1.7, 1.7, 1.7, 1.9, 1.5, 1.8, 2.3, 1.8]  # 22.2 cm of a 25.7 cm line
    _docx_table(doc, WRAPPED_HEADER, widths, repeat=True, size=10.0)
    return _docx_print(doc, "wrapped-header.docx", out)


def centred_cells_docx(out: Path) -> Path:
    doc = _docx("Children's Safeguarding Performance – Quarter 2 2023/24")
    doc.add_paragraph("The table shows the latest quarter against target and the England average.")
    _docx_table(doc, CENTRED, [6.0, 2.4, 1.7, 1.7, 1.9, 1.7], style=None, centre=True, size=10.0,
                numbers_centred=True)
    doc.add_paragraph("n/a: no national comparator is published for this indicator.")
    return _docx_print(doc, "centred-cells.docx", out)


def stacked_tables_docx(out: Path) -> Path:
    from docx.shared import Pt

    doc = _docx("Performance Summary – Quarter 3 2023/24")
    doc.add_paragraph("Three service scorecards follow, one directly under another.")
    widths = [[8.5, 2.6, 2.2, 2.2], [8.5, 2.2, 2.2, 2.6], [8.5, 2.6, 2.2, 2.2]]
    for k, rows in enumerate(STACKED):
        _docx_table(doc, rows, widths[k], size=10.0)
        if k + 1 < len(STACKED):
            # Word merges two tables that touch, so a 1 pt empty paragraph keeps them apart
            gap = doc.add_paragraph()
            gap.paragraph_format.space_after = Pt(0)
            gap.paragraph_format.space_before = Pt(0)
            gap.paragraph_format.line_spacing = Pt(1)
            gap.add_run().font.size = Pt(1)
    return _docx_print(doc, "stacked-tables.docx", out)


def cross_page_docx(out: Path, repeat: bool) -> Path:
    doc = _docx("Children's Social Care Scorecard – Quarter 2 2023/24")
    for text in CROSS_INTRO:
        doc.add_paragraph(text)
    for text in CROSS_INTRO[:2]:
        doc.add_paragraph(text.replace("This appendix", "This section"))
    _docx_table(doc, CROSS_ROWS, [5.2, 1.9, 1.5, 1.5, 6.9], repeat=repeat, size=10.0)
    # rows may split across pages (Word's default "allow row to break across pages")
    return _docx_print(doc, f"cross-page.docx-{'repeat' if repeat else 'norepeat'}", out)


def shaded_header_docx(out: Path) -> Path:
    doc = _docx("Education and Children's Services Portfolio – Scorecard")
    doc.add_paragraph("Generated on: 26 May 2023")
    _docx_table(doc, SHADED, [6.3, 1.6, 2.2, 1.6, 2.3, 1.7, 1.5], style=None, shaded="1F3864",
                white_header=True, size=10.0)
    return _docx_print(doc, "shaded-header.docx", out)


# ---------------------------------------------------------------------------------------------
# HTML printed by Chromium

CHROMIUM_CSS = """
@page { size: A4; margin: 20mm 18mm; @bottom-center { content: "Page " counter(page) " of " counter(pages);
        font-family: Arial, sans-serif; font-size: 8pt; } }
@page wide { size: A4 landscape; margin: 15mm; }
body { font-family: Arial, 'Liberation Sans', sans-serif; font-size: 10.5pt; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table { border-collapse: collapse; }
th { text-align: left; }
td, th { padding: 3pt 5pt; vertical-align: top; }
table.ruled td, table.ruled th { border: 0.75pt solid #000; }
"""


def _html_table(rows: list[list[str]], cls: str = "", widths: list[str] | None = None, thead: bool = True,
                td_style: Callable[[int, int], str] | None = None, table_style: str = "") -> str:
    out = [f'<table class="{cls}" style="{table_style}">']
    if widths:
        out.append("<colgroup>" + "".join(f'<col style="width: {w}">' for w in widths) + "</colgroup>")
    head = "<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in rows[0]) + "</tr>"
    out.append(f"<thead>{head}</thead><tbody>" if thead else f"<tbody>{head}")
    for r, row in enumerate(rows[1:], start=1):
        cells = []
        for j, c in enumerate(row):
            style = f' style="{td_style(r, j)}"' if td_style else ""
            cells.append(f"<td{style}>{html.escape(c)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _html_page(title: str, css: str, body: str) -> str:
    """A structure's HTML page, headed by its title, as each HTML producer is given it."""
    return (f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>{html.escape(title)}'
            f"</title><style>{css}</style></head><body>\n<h1>{html.escape(title)}</h1>\n{body}\n"
            "</body></html>\n")


def _chromium(name: str, title: str, body: str, out: Path, css: str = "") -> Path:
    page = _html_page(title, CHROMIUM_CSS + css, body)
    with tempfile.TemporaryDirectory(prefix="structure-") as tmp:
        work = Path(tmp)
        src = work / f"{name}.html"
        src.write_text(page, encoding="utf-8")
        target = out / f"{name}.pdf"
        chromium_print(src, target, work)
    normalise_pdf(target)
    return target


def bullets_chromium(out: Path) -> Path:
    items = []
    open_nested = False
    for text, level in BULLETS_CHROMIUM:
        if level and not open_nested:
            items[-1] = items[-1].removesuffix("</li>") + "\n<ul>"
            open_nested = True
        elif not level and open_nested:
            items.append("</ul></li>")
            open_nested = False
        items.append(f"<li>{html.escape(text)}</li>")
    body = ("<h2>Quarter 2 2023/24 performance</h2>\n<p>Headline performance for the quarter:</p>\n<ul>\n"
            + "\n".join(items) + "\n</ul>\n<p>The scorecard in Appendix 1 gives the full list of indicators.</p>")
    return _chromium("bullets-chromium", "Children, Young People and Education Cabinet Committee", body, out)


def wrapped_header_chromium(out: Path) -> Path:
    widths = ["24%", "8%", "7%", "7%", "7%", "7%", "6%", "8%", "10%", "8%"]
    body = ("<p>Quarterly performance against the 2023/24 targets, with the latest published comparators.</p>\n"
            + _html_table(WRAPPED_HEADER, "ruled", widths, table_style="table-layout: fixed; width: 100%;"))
    css = "body { page: wide; } table { font-size: 10pt; }"
    return _chromium("wrapped-header.chromium", "Children's Services Scorecard – Quarter 3 2023/24", body, out, css)


def centred_cells_chromium(out: Path) -> Path:
    def td(r: int, j: int) -> str:
        return "vertical-align: middle" + ("; text-align: center" if j > 0 else "")

    widths = ["40%", "14%", "11%", "11%", "12%", "12%"]
    body = ("<p>The table shows the latest quarter against target and the England average.</p>\n"
            + _html_table(CENTRED, "", widths, td_style=td, table_style="width: 100%;")
            + "\n<p>n/a: no national comparator is published for this indicator.</p>")
    return _chromium("centred-cells.chromium", "Children's Safeguarding Performance – Quarter 2 2023/24", body, out)


def stacked_tables_chromium(out: Path) -> Path:
    widths = ["55%", "15%", "15%", "15%"]
    tables = [_html_table(rows, "ruled", widths, table_style="width: 100%; margin: 0;") for rows in STACKED]
    body = "<p>Three service scorecards follow, one directly under another.</p>\n" + "\n".join(tables)
    return _chromium("stacked-tables.chromium", "Performance Summary – Quarter 3 2023/24", body, out)


# ---------------------------------------------------------------------------------------------
# reportlab platypus


def _reportlab(name: str, title: str, flow_fn, out: Path, footer: bool = True) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    family = rl_font("Arial")

    def on_page(canvas, doc) -> None:
        if footer:
            canvas.saveState()
            canvas.setFont(family, 8)
            canvas.drawCentredString(A4[0] / 2, 1.1 * cm, f"Page {doc.page}")
            canvas.restoreState()

    target = out / f"{name}.pdf"
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm, invariant=1, title=title, author=AUTHOR, creator=AUTHOR)
    doc.build(flow_fn(family, title), onFirstPage=on_page, onLaterPages=on_page)
    return target


def _rl_styles(family: str):
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    sheet = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontName=family, fontSize=10.5, leading=13,
                          spaceAfter=6)
    h1 = ParagraphStyle("h1", parent=sheet["Heading1"], fontName=f"{family}-Bold", fontSize=16, leading=19)
    h2 = ParagraphStyle("h2", parent=sheet["Heading2"], fontName=f"{family}-Bold", fontSize=13, leading=16)
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=11.5, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName=f"{family}-Bold")
    return body, h1, h2, cell, head


def _rl_table(rows: list[list[str]], widths_cm: list[float], cell, head, *, grid: bool = True, repeat: int = 0,
              split_in_row: int = 0, valign: str = "TOP"):
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = [[Paragraph(escape(c), head if r == 0 else cell) for c in row] for r, row in enumerate(rows)]
    commands = [("VALIGN", (0, 0), (-1, -1), valign)]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    return Table(data, colWidths=[w * cm for w in widths_cm], repeatRows=repeat, splitInRow=split_in_row,
                 style=TableStyle(commands), hAlign="LEFT")


def blank_page_reportlab(out: Path) -> Path:
    from reportlab.platypus import PageBreak, Paragraph

    def flow(family: str, title: str) -> list:
        body, h1, h2, cell, head = _rl_styles(family)
        return [
            Paragraph(title, h1), Paragraph(BLANK_INTRO, body),
            _rl_table(BLANK_TABLE, [8.5, 2.3, 1.8, 1.8, 1.6], cell, head),
            PageBreak(), PageBreak(),  # the second break leaves page 2 empty
            Paragraph("Health of children in care", h2),
            *[Paragraph(text, body) for text in BLANK_AFTER],
        ]

    return _reportlab("blank-page.reportlab", BLANK_TITLE, flow, out, footer=False)


def stacked_tables_reportlab(out: Path) -> Path:
    from reportlab.platypus import Paragraph

    def flow(family: str, title: str) -> list:
        body, h1, h2, cell, head = _rl_styles(family)
        items = [Paragraph(title, h1), Paragraph("Three service scorecards follow, one directly under another.",
                                                 body)]
        for rows in STACKED:  # no spacer: each table's top rule is the previous one's bottom rule
            items.append(_rl_table(rows, [8.8, 2.7, 2.7, 2.8], cell, head))
        return items

    return _reportlab("stacked-tables.reportlab", "Performance Summary – Quarter 3 2023/24", flow, out)


def cross_page_reportlab(out: Path, repeat: bool) -> Path:
    from reportlab.platypus import Paragraph

    def flow(family: str, title: str) -> list:
        body, h1, h2, cell, head = _rl_styles(family)
        intro = [Paragraph(text, body) for text in CROSS_INTRO]
        intro += [Paragraph(text.replace("This appendix", "This section"), body) for text in CROSS_INTRO]
        return [Paragraph(title, h1), *intro,
                _rl_table(CROSS_ROWS, [4.6, 1.9, 1.5, 1.5, 7.5], cell, head, repeat=1 if repeat else 0,
                          split_in_row=1)]

    return _reportlab(f"cross-page.reportlab-{'repeat' if repeat else 'norepeat'}",
                      "Children's Social Care Scorecard – Quarter 2 2023/24", flow, out)


# ---------------------------------------------------------------------------------------------
# HTML imported and printed by LibreOffice Writer/Web

LO_HTML_CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: Arial, 'Liberation Sans', sans-serif; font-size: 10.5pt; }
p { margin: 0 0 0.5em; }
p.np { padding-left: 2.6em; text-indent: -2.6em; }
p.np span.num { display: inline-block; width: 2.6em; text-indent: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th { background: #1f4e79; color: #fff; text-align: left; padding: 3px 4px; vertical-align: bottom; }
td { padding: 3px 4px; vertical-align: middle; border: 0.6pt solid #777; }
th { border: 0.6pt solid #777; }
td.num { text-align: right; }
"""

WASTE_INTRO = [
    ("1.1", "This report sets out the performance of the Street Scene and Waste service for Quarter 3 "
            "2024/25 (October to December 2024) against the targets in the Service Plan."),
    ("2.1", "The scorecard below gives each measure's outturn for 2023/24, its result for the quarter and "
            "its target for the year<sup>1</sup>."),
]
WASTE_TABLE = [
    ["Ref", "Measure", "2023/24 outturn", "Q3 2024/25", "Target 2024/25", "RAG"],
    ["SSW/014", "Percentage of household waste sent for reuse, recycling or composting", "61.2%", "63.5%",
     "65.0%", "Amber"],
    ["SSW/021", "Percentage of bins missed per 100,000 collections that were put right the next working day",
     "94.0%", "96.4%", "95.0%", "Green"],
    ["ENV/007", "Percentage of fly-tipping incidents cleared within five working days", "88.4%", "92.1%",
     "90.0%", "Green"],
    ["ENV/012", "Percentage of relevant land and highways assessed as having unacceptable levels of litter",
     "7.5%", "9.3%", "6.0%", "Red"],
    ["HWY/003", "Percentage of category 1 highway defects made safe within 24 hours", "97.5%", "98.2%",
     "98.0%", "Green"],
]
WASTE_NOTE = ("<sup>1</sup> Recycling figures for the quarter are provisional until they are verified "
              "through the national waste data return.")


def _lo_html(name: str, title: str, body: str, out: Path, css: str = LO_HTML_CSS) -> Path:
    """HTML opened by LibreOffice and printed with the Writer/Web PDF export: it shades only the
    part of each header cell its text fills, and sets an inline-block paragraph number touching
    the paragraph's first word."""
    page = _html_page(title, css, body)
    with tempfile.TemporaryDirectory(prefix="structure-") as tmp:
        work = Path(tmp)
        src = work / f"{name}.html"
        src.write_text(page, encoding="utf-8")
        soffice(["--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(work), str(src)], work)
        target = out / f"{name}.pdf"
        target.write_bytes((work / f"{name}.pdf").read_bytes())
    normalise_pdf(target)
    return target


def shaded_header_lo_html(out: Path) -> Path:
    def td(r: int, j: int) -> str:
        return "text-align: right" if j >= 2 and j < 5 else ""

    widths = ["7%", "45%", "12%", "11%", "11%", "14%"]
    body = ("<h2>Street Scene and Waste Performance, Quarter 3 2024/25</h2>\n"
            + "\n".join(f'<p class="np"><span class="num">{num}</span>{text}</p>' for num, text in WASTE_INTRO)
            + "\n" + _html_table(WASTE_TABLE, "", widths, td_style=td)
            + f"\n<p>{WASTE_NOTE}</p>")
    return _lo_html("shaded-header.lo-html", "Neighbourhoods Scrutiny Committee", body, out)


# ---------------------------------------------------------------------------------------------
# HTML printed by wkhtmltopdf (Qt WebKit)

FOOTNOTE_INTRO = ("Results for 2023/24 are compared with the England average and with the average of our "
                  "CIPFA nearest neighbours<sup>1</sup>.")
FOOTNOTE_TABLE = [
    ["Indicator", "2023/24", "England", "CIPFA nearest neighbours"],
    ["Proportion of people who use services who receive direct payments", "25.6%<sup>2</sup>", "26.2%", "27.0%"],
    ["Proportion of older people still at home 91 days after discharge from hospital", "83.4%", "83.8%",
     "82.9%<sup>3</sup>"],
    ["Proportion of carers satisfied with social services", "31.5%", "36.3%", "34.1%"],
]
FOOTNOTES = ["<sup>1</sup> The 15 councils most similar to ours on the CIPFA model (2023 edition).",
             "<sup>2</sup> Provisional: the return is open to revision until March 2025.",
             "<sup>3</sup> Mean of 14 councils: one did not submit a return."]


def footnotes_wkhtml(out: Path) -> Path:
    """Footnote markers superscripted onto words and onto figures, in a paragraph and in table
    cells, printed by wkhtmltopdf."""
    rows = "".join("<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{cell}</{'th' if r == 0 else 'td'}>"
                                    for cell in row) + "</tr>" for r, row in enumerate(FOOTNOTE_TABLE))
    css = ("body { font-family: Arial, 'Liberation Sans', sans-serif; font-size: 10.5pt; }"
           "table { border-collapse: collapse; width: 100%; } td, th { border: 0.75pt solid #000; padding: 3pt 5pt;"
           " text-align: left; vertical-align: top; } .notes { font-size: 8pt; }")
    page = ('<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>Adult Social Care Outcomes'
            f"</title><style>{css}</style></head><body>\n<h1>Adult Social Care Outcomes 2023/24</h1>\n"
            f"<p>{FOOTNOTE_INTRO}</p>\n<table>{rows}</table>\n<div class=\"notes\">"
            + "".join(f"<p>{note}</p>" for note in FOOTNOTES) + "</div>\n</body></html>\n")
    with tempfile.TemporaryDirectory(prefix="structure-") as tmp:
        src = Path(tmp) / "footnotes.wkhtml.html"
        src.write_text(page, encoding="utf-8")
        target = out / "footnotes.wkhtml.pdf"
        subprocess.run(["wkhtmltopdf", "-q", "--page-size", "A4", "-T", "20mm", "-B", "20mm", "-L", "18mm",
                        "-R", "18mm", str(src), str(target)], check=True, capture_output=True, timeout=300)
    normalise_pdf(target)
    return target


MAKERS: dict[str, Callable[[Path], Path]] = {
    "blank-page.docx": blank_page_docx,
    "blank-page.reportlab": blank_page_reportlab,
    "bullets-docx": bullets_docx,
    "bullets-chromium": bullets_chromium,
    "wrapped-header.docx": wrapped_header_docx,
    "wrapped-header.chromium": wrapped_header_chromium,
    "centred-cells.docx": centred_cells_docx,
    "centred-cells.chromium": centred_cells_chromium,
    "stacked-tables.docx": stacked_tables_docx,
    "stacked-tables.chromium": stacked_tables_chromium,
    "stacked-tables.reportlab": stacked_tables_reportlab,
    "cross-page.docx-repeat": lambda out: cross_page_docx(out, repeat=True),
    "cross-page.docx-norepeat": lambda out: cross_page_docx(out, repeat=False),
    "cross-page.reportlab-repeat": lambda out: cross_page_reportlab(out, repeat=True),
    "cross-page.reportlab-norepeat": lambda out: cross_page_reportlab(out, repeat=False),
    "shaded-header.docx": shaded_header_docx,
    "shaded-header.lo-html": shaded_header_lo_html,
    "footnotes.wkhtml": footnotes_wkhtml,
}


# ---------------------------------------------------------------------------------------------
# check


def _number_text(value: float) -> str:
    return f"{value:g}"


def check(name: str, out: Path) -> list[str]:
    """Problems with one PDF against its expected.json (empty when all is well)."""
    pdf = out / f"{name}.pdf"
    spec = json.loads((out / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")[:-1]
    problems = []
    if spec.get("pages") and len(pages) != spec["pages"]:
        problems.append(f"{len(pages)} pages, expected {spec['pages']}")
    for blank in spec.get("blank_pages", []):
        if blank > len(pages) or pages[blank - 1].strip():
            problems.append(f"page {blank} is not blank")
    for n, page in enumerate(pages, start=1):
        if n not in spec.get("blank_pages", []) and not page.strip():
            problems.append(f"page {n} has no text")
    numbers = set(re.findall(r"\d+(?:\.\d+)?", text))
    for record in spec["records"]:
        wanted = [record["value"], record.get("target"), *(record.get("benchmarks") or {}).values(),
                  *(record.get("target_range") or [])]
        for value in wanted:
            if value is not None and _number_text(value) not in numbers and f"{value:.1f}" not in numbers:
                problems.append(f"{record['indicator']}: {value} not printed")
        if record.get("period") and record["period"].split()[-1] not in text:
            problems.append(f"{record['indicator']}: period {record['period']} not printed")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"which files (default all): {', '.join(MAKERS)}")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="check each PDF against its expected.json")
    parser.add_argument("--check-only", action="store_true")
    args = parser.parse_args(argv)
    names = args.names or list(MAKERS)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in names:
        if not args.check_only:
            MAKERS[name](args.out)
        pdf = args.out / f"{name}.pdf"
        line = f"{name + '.pdf':36} {pdf.stat().st_size / 1024:5.0f} KB"
        if args.check or args.check_only:
            problems = check(name, args.out)
            failed += bool(problems)
            line += "  ok" if not problems else "  " + "; ".join(problems)
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
