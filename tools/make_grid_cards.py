"""Make dashboards of KPI cards side by side, as a check of the PDF reader's reading of cards
side by side (readers/pdf/panels.py) on designs it was not built against.

    .venv/bin/python tools/make_grid_cards.py     # tests/data/pdf/three-across-cards.chromium.pdf
                                                  # tests/data/pdf/two-across-minitables.chromium.pdf

- three-across-cards: a CSS grid of cards with shaded backgrounds and no borders: a bold title
  that wraps to one, two or three lines, a RAG word, the figure at 24pt, "Target:" and an
  earlier figure, and a line chart (inline SVG) whose tick labels stand at the card's left and
  whose time axis runs under it;
- two-across-minitables: bordered cards two to a row (flexbox), the title and RAG word on one
  line, the figure at 22pt, then a ruled "Actual | Target | Last quarter" mini-table and the
  chart's labels; titles of different lengths put one card's figure level with the other's
  mini-table.

Printed by headless Chromium (tools/print_papers.py). The expected records are in the test
(tests/test_pdf_panels.py), written from CARDS and MINI_CARDS below.
"""

from __future__ import annotations

import html
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from print_papers import chromium_print, normalise_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "pdf"

# code, title, figure, target line, earlier figure line, RAG, the chart's ticks (bottom to top)
CARDS = [
    ("NM01", "Children's centres registrations of under-fives living in the most deprived areas", "87.2%",
     "Target: 85%", "Last quarter: 86.1%", "GREEN", [80, 85, 90, 95]),
    ("NM02", "Delayed transfers of care", "14.6", "Target: 12.0", "Last quarter: 15.2", "RED", [0, 5, 10, 15, 20]),
    ("NM03", "Percentage of major planning applications determined in time", "93%", "Target: 90%",
     "Same quarter last year: 88%", "GREEN", [70, 80, 90, 100]),
    ("NM04", "Council tax collected", "56.4%", "Target: 57.0%", "Last year: 56.9%", "AMBER", [0, 20, 40, 60]),
    ("NM05", "Fly-tipping incidents removed within two working days", "91.8%", "Target: 95%",
     "Last quarter: 93.0%", "AMBER", [85, 90, 95, 100]),
    ("NM06", "Staff turnover (rolling 12 months)", "11.2%", "Target: 12%", "Last year: 13.4%", "GREEN",
     [0, 5, 10, 15]),
    ("NM07", "Affordable homes completed", "64", "Target: 80", "Last year: 71", "RED", [0, 25, 50, 75, 100]),
    ("NM08", "Missed bin collections per 100,000", "42", "Target: 50", "Last quarter: 47", "GREEN",
     [0, 20, 40, 60]),
]
COLOURS = {"GREEN": "#2e7d32", "AMBER": "#b26a00", "RED": "#b71c1c"}


def chart(ticks: list[int]) -> str:
    height, width = 80, 170
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 14}" '
           f'viewBox="0 0 {width} {height + 14}">']
    for index, tick in enumerate(ticks):
        y = height - index * (height - 6) / (len(ticks) - 1)
        out.append(f'<line x1="26" x2="{width}" y1="{y}" y2="{y}" stroke="#ccc" stroke-width="0.5"/>')
        out.append(f'<text x="22" y="{y + 2.5}" font-size="7" text-anchor="end" fill="#444">{tick}</text>')
    out.append(f'<polyline points="40,{height - 30} 80,{height - 34} 120,{height - 40} 160,{height - 42}" '
               'fill="none" stroke="#333" stroke-width="1.2"/>')
    for index, label in enumerate(["Dec 23", "Mar 24", "Jun 24", "Sep 24"]):
        out.append(f'<text x="{40 + index * 40}" y="{height + 11}" font-size="6.5" text-anchor="middle" '
                   f'fill="#444">{label}</text>')
    out.append("</svg>")
    return "".join(out)


def card(code: str, title: str, figure: str, target: str, earlier: str, rag: str, ticks: list[int]) -> str:
    return (f'<div class="card"><div class="t"><b>{code}</b> {html.escape(title)}</div>'
            f'<div class="rag" style="color:{COLOURS[rag]}">{rag}</div><div class="fig">{figure}</div>'
            f'<div class="lab">{target}</div><div class="lab">{earlier}</div>{chart(ticks)}</div>')


def page() -> str:
    cards = [card(*c) for c in CARDS]
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 18mm 15mm; }}
body {{ font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10pt; }}
h1 {{ font-size: 16pt; }} h2 {{ font-size: 12pt; margin-top: 14pt; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: 22pt; row-gap: 16pt; }}
.grid2 {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 26pt; row-gap: 16pt; }}
.card {{ background: #f3f5f7; padding: 6pt; break-inside: avoid; }}
.t {{ font-size: 9pt; font-weight: bold; }} .rag {{ font-size: 8pt; font-weight: bold; }}
.fig {{ font-size: 24pt; font-weight: bold; margin: 4pt 0; }} .lab {{ font-size: 8pt; }}
</style></head><body>
<h1>Northmoor Borough Council</h1>
<p>Overview and Scrutiny Committee, 3 December 2024. Quarter 2 2024/25 performance summary. The cards below show
the latest figure for each indicator in the Council Plan, with its target and an earlier figure for comparison.</p>
<h2>People</h2><div class="grid">{''.join(cards[:3])}</div>
<h2>Resources</h2><div class="grid">{''.join(cards[3:6])}</div>
<h2>Place</h2><div class="grid2">{''.join(cards[6:])}</div>
<p>Report author: Performance team.</p>
</body></html>"""


# code, title, figure, target, last quarter, RAG, the chart's ticks (bottom to top)
MINI_CARDS = [
    ("RB01", "Households prevented from becoming homeless", "61%", "55%", "58%", "GREEN", [40, 50, 60, 70]),
    ("RB02", "Average days to process new housing benefit claims", "24", "20", "22", "RED", [0, 10, 20, 30]),
    ("RB03", "Street lights repaired within 5 working days", "88%", "90%", "91%", "AMBER", [70, 80, 90, 100]),
    ("RB04", "Calls answered within 60 seconds", "79%", "80%", "75%", "AMBER", [60, 70, 80, 90]),
]


def labels_only_chart(ticks: list[int]) -> str:
    height, width = 70, 150
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 14}">']
    for index, tick in enumerate(ticks):
        y = height - index * (height - 6) / (len(ticks) - 1)
        out.append(f'<text x="22" y="{y + 2.5}" font-size="7" text-anchor="end">{tick}</text>')
    for index, label in enumerate(["Q3 23/24", "Q4 23/24", "Q1 24/25", "Q2 24/25"]):
        out.append(f'<text x="{40 + index * 30}" y="{height + 11}" font-size="6" text-anchor="middle">{label}</text>')
    out.append("</svg>")
    return "".join(out)


def mini_card(code: str, title: str, figure: str, target: str, last: str, rag: str, ticks: list[int]) -> str:
    return (f'<div class="card"><div class="t">{code} {html.escape(title)} '
            f'<span style="color:{COLOURS[rag]}">{rag}</span></div><div class="fig">{figure}</div>'
            f'<table><tr><th>Actual</th><th>Target</th><th>Last quarter</th></tr>'
            f'<tr><td>{figure}</td><td>{target}</td><td>{last}</td></tr></table>{labels_only_chart(ticks)}</div>')


def mini_page() -> str:
    cards = [mini_card(*c) for c in MINI_CARDS]
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10pt; }}
.row {{ display: flex; gap: 30pt; margin-bottom: 14pt; }} .card {{ flex: 1; border: 1px solid #888; padding: 5pt; }}
.t {{ font-weight: bold; font-size: 9pt; }} .fig {{ font-size: 22pt; font-weight: bold; }}
table {{ border-collapse: collapse; font-size: 8pt; }} td, th {{ border: 0.8pt solid #333; padding: 2pt 4pt; }}
</style></head><body><h1>Ravensbury District Council</h1><p>Performance report, Quarter 2 2024/25.</p>
<div class="row">{cards[0]}{cards[1]}</div><div class="row">{cards[2]}{cards[3]}</div></body></html>"""


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        for name, text in (("three-across-cards", page()), ("two-across-minitables", mini_page())):
            source = Path(work) / f"{name}.html"
            source.write_text(text, encoding="utf-8")
            out = DATA / f"{name}.chromium.pdf"
            chromium_print(source, out, Path(work))
            normalise_pdf(out)
            print(out)


if __name__ == "__main__":
    main()
