"""Print tables whose header is two rows of real spanning cells: tests/data/spans/.

    /path/to/python-with-python-docx tools/make_span_headers.py

A year or quarter spans its "Actual | Target" columns, a word spans a group of comparators
("Comparators" over "England | CIPFA neighbours"), and the name and status cells span both
header rows: HTML `colspan`/`rowspan` printed by headless Chromium and by LibreOffice's HTML
import (as it is, and with `border=1`), and Word merged cells (python-docx) printed by
LibreOffice. Each paper is also written as text (`<stem>.txt`, a
spanning cell in the first of the cells it covers, the others blank), the reading the PDFs
must give. Standalone: it does not import kpiextract, and nothing here was shaped to its reader.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "spans"


@dataclass(frozen=True)
class Group:
    text: str
    span: int
    """Columns it covers; a group of one that `tall` is a cell spanning both header rows."""
    tall: bool = False


@dataclass(frozen=True)
class Paper:
    council: str
    meeting: str
    heading: str
    intro: str
    groups: list[Group]
    sub: list[str]
    rows: list[list[str]]


PAPERS = {
    "spanwick-cabinet-q2-2024-25": Paper(
        "Spanwick Borough Council", "Cabinet, 14 November 2024", "Annual outturn comparison",
        "1.1 Last year's outturn and this year's half-year position:",
        [Group("Indicator", 1, True), Group("2023/24", 2), Group("2024/25 (Q2)", 2), Group("Status", 1, True)],
        ["Actual", "Target", "Actual", "Target"],
        [["Leisure centre visits", "612,400", "600,000", "318,900", "300,000", "On target"],
         ["Food premises rated 4 or 5", "93.1%", "95.0%", "94.6%", "95.0%", "Near target"],
         ["Fly-tips removed within 2 working days", "88%", "90%", "81%", "90%", "Off target"]]),
    "rowanby-scrutiny-q3-2024-25": Paper(
        "Rowanby District Council", "Overview and Scrutiny Committee, 13 February 2025", "Housing and planning",
        "2.1 The table compares this quarter with the same quarter last year and with our comparators.",
        [Group("Ref", 1, True), Group("Measure", 1, True), Group("Q3 2023/24", 2), Group("Q3 2024/25", 3),
         Group("Comparators", 2)],
        ["Actual", "Target", "Actual", "Target", "RAG", "England", "CIPFA neighbours"],
        [["HP1", "Major planning applications decided within 13 weeks", "82%", "75%", "90%", "80%", "Green",
          "88%", "86%"],
         ["HP2", "Households in temporary accommodation", "212", "200", "195", "200", "Green", "-", "-"],
         ["HP3", "Average days to re-let council homes", "38", "30", "34", "30", "Amber", "41", "36"]]),
}

CSS = """@page { size: A4 landscape; margin: 18mm; } body { font-family: Arial; font-size: 10pt; }
table { border-collapse: collapse; } th, td { border: 1px solid #888; padding: 3px 5px; }
th { background: #d9e2f3; text-align: center; vertical-align: middle; }"""


def header_rows(paper: Paper) -> tuple[list[str], list[str]]:
    top: list[str] = []
    bottom: list[str] = []
    subs = iter(paper.sub)
    for group in paper.groups:
        top += [group.text] + [""] * (group.span - 1)
        bottom += [""] if group.tall else [next(subs) for _ in range(group.span)]
    return top, bottom


def to_text(paper: Paper) -> str:
    top, bottom = header_rows(paper)
    lines = [f"# {paper.council}", "", paper.meeting, "", f"## {paper.heading}", "", paper.intro, "",
             "\t".join(top), "\t".join(bottom), *("\t".join(row) for row in paper.rows)]
    return "\n".join(lines) + "\n"


def to_html(paper: Paper, table: str = "") -> str:
    """The paper as HTML; `table` is the table tag's attributes (LibreOffice's HTML import draws
    no CSS borders: `border='1'` rules it)."""
    cells = "".join(f"<th rowspan='2'>{escape(g.text)}</th>" if g.tall
                    else f"<th colspan='{g.span}'>{escape(g.text)}</th>" for g in paper.groups)
    subs = "".join(f"<th>{escape(s)}</th>" for s in paper.sub)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in paper.rows)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
            f"<h1>{escape(paper.council)}</h1><p>{escape(paper.meeting)}</p><h2>{escape(paper.heading)}</h2>"
            f"<p>{escape(paper.intro)}</p><table{table}><thead><tr>{cells}</tr><tr>{subs}</tr></thead>"
            f"<tbody>{body}</tbody></table></body></html>")


def to_docx(paper: Paper, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(paper.council, 1)
    document.add_paragraph(paper.meeting)
    document.add_heading(paper.heading, 2)
    document.add_paragraph(paper.intro)
    columns = len(paper.rows[0])
    table = document.add_table(rows=2 + len(paper.rows), cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Cm(7.0) if any(len(row[i]) > 20 for row in paper.rows) else Cm(2.2) for i in range(columns)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid's widths, which LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    subs = iter(paper.sub)
    at = 0
    for group in paper.groups:
        if group.tall:
            cell = table.cell(0, at).merge(table.cell(1, at))
        else:
            cell = table.cell(0, at).merge(table.cell(0, at + group.span - 1)) if group.span > 1 else table.cell(0, at)
            for offset in range(group.span):
                table.cell(1, at + offset).text = next(subs)
        cell.text = group.text
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        at += group.span
    for r, values in enumerate(paper.rows):
        for c, value in enumerate(values):
            table.cell(2 + r, c).text = value
    document.core_properties.author = "kpiextract tools/make_span_headers.py"
    document.save(str(path))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for stem, paper in PAPERS.items():
            (OUT / f"{stem}.txt").write_text(to_text(paper), encoding="utf-8")
            html = work / f"{stem}.html"
            html.write_text(to_html(paper), encoding="utf-8")
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            f"--user-data-dir={work / 'chromium'}", "--no-pdf-header-footer",
                            f"--print-to-pdf={OUT / f'{stem}.chromium.pdf'}", html.as_uri()],
                           check=True, capture_output=True, timeout=120)
            # LibreOffice's HTML import shades each header cell only as tall as its text, so a cell
            # spanning both rows stands centred between them; with border=1 it rules the grid too
            ruled = work / "ruled" / f"{stem}.html"
            ruled.parent.mkdir(exist_ok=True)
            ruled.write_text(to_html(paper, " border='1' cellpadding='4'"), encoding="utf-8")
            for source, name in ((html, "lo-html"), (ruled, "lo-html-ruled")):
                out = work / name
                subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                                "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
                                "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
                shutil.move(out / f"{stem}.pdf", OUT / f"{stem}.{name}.pdf")
            to_docx(paper, work / f"{stem}.docx")
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                            "--convert-to", "pdf", "--outdir", str(work), str(work / f"{stem}.docx")],
                           check=True, capture_output=True, timeout=180)
            shutil.move(work / f"{stem}.pdf", OUT / f"{stem}.docx.pdf")
            print(stem, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
