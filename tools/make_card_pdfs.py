"""Make the KPI card corpus: dashboard reports with one card per KPI, printed by independent producers.

    .venv/bin/python tools/make_card_pdfs.py                 # every report, every producer
    .venv/bin/python tools/make_card_pdfs.py --only housing-dashboard-2024-12
    .venv/bin/python tools/make_card_pdfs.py --html-only     # just the HTML, to look at in a browser

Each report below is written as content (cards of KPIs, commentary, the notes and chart text a
real dashboard carries) and drawn as HTML with inline SVG charts whose axis labels, legends and
data labels are real text, the way council dashboards exported from Excel, Power BI or a
performance system are. Four card styles, one per report:

- `corporate-dashboard`: a chart beside each card's figures, set as one "Latest: .. Target: ..,
  Floor: .. Previous: .. (Rag)" line, a RAG chip in the title bar, "Good is" lines, commentary
  repeating the latest figure, activity indicators (no target, no RAG) among the KPIs and in a
  section of their own, a "No data for Dec-24" note and a "one quarter in arrears" card;
- `housing-dashboard`: a monthly dashboard whose cards carry a status phrase ("Target achieved"),
  a bar chart of twelve months, and an "Actual | Target | Tolerance | DoT" mini-table with
  direction-of-travel arrows explained by a key at the top;
- `childrens-scorecard`: cards with a coloured RAG box, a quarterly trend line and a
  "Current | Target | Last quarter | Same quarter last year | England | DoT" mini-table; two
  contextual measures without a target; England figures a year behind;
- `asc-monthly`: "This month: .. Threshold: ..  Last month: .." lines, a "Status:" line, activity
  measures, and cards that run on from one page to the next;
- `fire-tiles`: a business-intelligence export: the figure printed large on a line of its own,
  "Target 96%" with no colon, the change on last quarter with an arrow ("▼ 1.3 pts"), "On track"
  / "Off track" chips, unlabelled sparklines (written after the card layout, as a check of it on
  a style it was not built against).

Producers, none of which knows anything about kpiextract:

- `chromium`: the HTML printed by headless Chromium (`--print-to-pdf --no-pdf-header-footer`);
- `lo`: the HTML imported by LibreOffice Writer and exported to PDF (`soffice --convert-to pdf`);
  LibreOffice draws the inline SVG charts too, but its text layer glues their labels together
  ("100%50%0% AprMayJun");
- the text exports: `pdftotext -layout` of each PDF (`.chromium.txt`, `.lo.txt`), as a council's
  "text version" of a PDF usually is.

Outputs go to tests/data/cards/: `<report>.<producer>.pdf`, `<report>.<producer>.txt`. The
expected records, `<report>.expected.json`, are written by hand from the content below, not by
this script.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from print_papers import chromium_print, normalise_pdf, soffice  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "cards"
PRODUCERS = ("chromium", "lo")
RAG_COLOURS = {"red": "#c0392b", "amber": "#e6a117", "green": "#2e8540", "grey": "#7f8c8d"}


# ---------------------------------------------------------------------------------------------
# Charts: inline SVG whose text is real text


@dataclass
class Chart:
    labels: list[str]
    values: list[float | None]
    ticks: list[str]
    """y-axis labels, top to bottom"""
    kind: str = "line"
    target: float | None = None
    legend: tuple[str, ...] = ()
    data_label: bool = False
    """print the last point's value above it"""
    top: float = 100.0
    unit: str = ""


def svg_chart(chart: Chart, width: int = 330, height: int = 150) -> str:
    left, bottom, right, top_pad = 34, 22, 8, 18
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    n = len(chart.labels)
    step = plot_w / max(1, n)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Arial, Liberation Sans, sans-serif" font-size="8">']
    for index, tick in enumerate(chart.ticks):
        y = top_pad + plot_h * index / max(1, len(chart.ticks) - 1)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">{html.escape(tick)}</text>')

    def ypos(value: float) -> float:
        return top_pad + plot_h * (1 - value / chart.top)

    points = []
    for index, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        x = left + step * (index + 0.5)
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle">{html.escape(label)}</text>')
        if value is None:
            continue
        if chart.kind == "bar":
            y = ypos(value)
            parts.append(f'<rect x="{x - step * 0.35:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
                         f'height="{top_pad + plot_h - y:.1f}" fill="#4a7ab5"/>')
        points.append((x, ypos(value), value))
    if chart.kind == "line" and points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
        parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#1f4e79"/>' for x, y, _ in points)
    if chart.target is not None:
        y = ypos(chart.target)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#c0392b" '
                     f'stroke-dasharray="4 3"/>')
    if chart.data_label and points:
        x, y, value = points[-1]
        parts.append(f'<text x="{x:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-weight="bold">'
                     f'{value:g}{chart.unit}</text>')
    x = left
    for name in chart.legend:
        colour = "#c0392b" if "target" in name.lower() else "#1f4e79"
        parts.append(f'<rect x="{x}" y="3" width="8" height="8" fill="{colour}"/>')
        parts.append(f'<text x="{x + 11}" y="10">{html.escape(name)}</text>')
        x += 14 + 5 * len(name)
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Content


@dataclass
class Card:
    title: str
    chart: Chart | None = None
    rag: str | None = None
    """red/amber/green, or a status phrase shown instead ("Target achieved")"""
    rag_colour: str | None = None
    lines: list[str] = field(default_factory=list)
    """figure lines ("Latest: 97%  Target: 97%"), printed as they are"""
    table: list[list[str]] = field(default_factory=list)
    """a mini-table of figures: header row, value row"""
    notes: list[str] = field(default_factory=list)
    """small print under the chart"""
    commentary: list[str] = field(default_factory=list)
    code: str | None = None


@dataclass
class Section:
    title: str
    intro: list[str] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)


@dataclass
class Report:
    stem: str
    style: str
    title: str
    subtitle: list[str]
    sections: list[Section]
    font: str = "Arial, 'Liberation Sans', sans-serif"
    key: list[str] = field(default_factory=list)


MONTHS_FY = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PCT_TICKS = ["100%", "75%", "50%", "25%", "0%"]


def corporate_dashboard() -> Report:
    def pct_chart(values: list[float | None], target: float, top: float = 100.0,
                  ticks: list[str] | None = None, labels: list[str] | None = None) -> Chart:
        return Chart(labels or MONTHS_FY, values, ticks or PCT_TICKS, target=target, top=top,
                     legend=("Actual", "Target"), data_label=True, unit="%")

    return Report(
        stem="corporate-dashboard-q3-2024-25",
        style="corporate",
        title="Rushmere District Council",
        subtitle=["Corporate Performance Report", "Quarter 3 2024/25 (October to December 2024)",
                  "Cabinet, 12 February 2025"],
        sections=[
            Section("1. Introduction", intro=[
                "This report sets out the council's performance against its corporate key performance "
                "indicators for the third quarter of 2024/25. Of the 13 indicators with a target, 6 are "
                "green, 4 are amber and 3 are red.",
                "Rushmere has a population of 112,400 and the council's net revenue budget for 2024/25 "
                "is £18.6m. On 1 October 2024, the council launched its new customer portal, and since "
                "then 8,214 residents have registered an account.",
                "Each card below shows the latest figure, the target and the floor (the level below "
                "which action is taken), the previous quarter's figure with its rating, and the trend "
                "since April.",
            ]),
            Section("2. Customer and Corporate", cards=[
                Card("CP01 Percentage of council tax collected", rag="GREEN",
                     chart=pct_chart([10.9, 19.8, 28.6, 37.5, 46.3, 55.1, 64.0, 72.8, 81.6], 81.5),
                     lines=["Latest: 81.6%  Target: 81.5%, Floor: 79.0%  Previous: 55.1% (Green)",
                            "Good is: High"],
                     commentary=["Collection at the end of December was 81.6%, slightly ahead of the "
                                 "profiled target. £62.4m has been collected so far this year, and 1,150 "
                                 "reminder notices were issued in the quarter."]),
                Card("CP02 Percentage of business rates collected", rag="AMBER",
                     chart=pct_chart([11.2, 20.5, 29.1, 38.0, 47.6, 56.9, 65.3, 72.7, 80.2], 82.0),
                     lines=["Latest: 80.2%  Target: 82.0%, Floor: 78.0%  Previous: 56.9% (Amber)",
                            "Good is: High"],
                     commentary=["Two large ratepayers entered administration in November, which "
                                 "accounts for most of the shortfall against the profile."]),
                Card("CP03 Average days to process new Housing Benefit claims", rag="RED",
                     chart=Chart(MONTHS_FY, [17.2, 18.0, 19.1, 18.7, 19.5, 19.3, 22.8, 24.6, None],
                                 ["30", "20", "10", "0"], target=18.0, top=30.0, legend=("Actual", "Target")),
                     notes=["No data for Dec-24"],
                     lines=["Latest: 24.6 days  Target: 18 days, Floor: 22 days  Previous: 19.3 days (Amber)",
                            "Good is: Low"],
                     commentary=["Processing times rose after the migration to the new benefits system in "
                                 "October. Temporary staff have been recruited to clear the backlog of 640 "
                                 "claims."]),
                Card("CP04 Percentage of calls to the contact centre answered within 2 minutes", rag="GREEN",
                     chart=pct_chart([64.0, 66.5, 70.1, 69.8, 72.4, 71.0, 75.2, 77.9, 78.0], 75.0),
                     lines=["Latest: 78%  Target: 75%, Floor: 65%  Previous: 71% (Amber)", "Good is: High"],
                     commentary=["Performance improved to 78%, the best quarter since the new telephony "
                                 "system went live."]),
            ]),
            Section("3. Environment", cards=[
                Card("ENV01 Percentage of household waste sent for reuse, recycling and composting", rag="AMBER",
                     chart=pct_chart([44.1, 45.0, 46.2, 45.8, 44.8, 41.3], 43.0, top=60.0,
                                     ticks=["60%", "40%", "20%", "0%"],
                                     labels=["Jun-23", "Sep-23", "Dec-23", "Mar-24", "Jun-24", "Sep-24"]),
                     notes=["Figures are reported one quarter in arrears. Chart shows data back to Jun-23."],
                     lines=["Latest (Sep-24): 41.3%  Target: 43%, Floor: 39%  Previous: 44.8% (Green)",
                            "Good is: High"],
                     commentary=["The dry summer reduced garden waste tonnage, which lowers the rate in the "
                                 "second quarter of every year."]),
                Card("ENV02 Missed bin collections per 100,000 collections", rag="GREEN",
                     chart=Chart(MONTHS_FY, [61.0, 58.3, 55.0, 52.9, 50.1, 51.7, 44.6, 40.0, 38.2],
                                 ["80", "60", "40", "20", "0"], target=45.0, top=80.0, legend=("Actual", "Target")),
                     lines=["Latest: 38.2  Target: 45, Floor: 60  Previous: 51.7 (Amber)", "Good is: Low"],
                     commentary=["The new in-cab technology has reduced missed collections, with 38.2 per "
                                 "100,000 in December."]),
            ]),
            Section("4. Housing", cards=[
                Card("HSG01 Number of households in temporary accommodation", rag="RED",
                     chart=Chart(MONTHS_FY, [141, 146, 150, 152, 158, 164, 171, 180, 187], ["200", "150", "100",
                                                                                          "50", "0"],
                                 target=150.0, top=200.0, legend=("Actual", "Target"), data_label=True),
                     lines=["Latest: 187  Target: 150, Floor: 170  Previous: 164 (Red)", "Good is: Low"],
                     commentary=["As at 31 December 2024, there were 187 households in temporary "
                                 "accommodation, of which 42 were in bed and breakfast."]),
                Card("Number of homelessness approaches (activity indicator)",
                     chart=Chart(MONTHS_FY, [190, 204, 198, 211, 187, 190, 207, 215, 202], ["250", "200", "150",
                                                                                          "100", "50", "0"],
                                 top=250.0, kind="bar"),
                     lines=["Latest: 624  Previous: 588"],
                     commentary=["Approaches in the quarter were the highest since 2019/20."]),
                Card("HSG02 Percentage of homelessness cases prevented", rag="AMBER",
                     chart=pct_chart([55.0, 57.1, 58.0, 58.6, 57.9, 58.0, 53.3, 51.0, 52.0], 55.0),
                     lines=["Latest: 52%  Target: 55%, Floor: 45%  Previous: 58% (Green)", "Good is: High"],
                     commentary=["Prevention fell as more households approached the council at the point of "
                                 "eviction."]),
            ]),
            Section("5. Activity indicators", intro=[
                "These measure demand for services. They have no targets and are not rated; they are "
                "reported for information."
            ], cards=[
                Card("Number of contacts to the customer service centre",
                     chart=Chart(["Q3 23/24", "Q4 23/24", "Q1 24/25", "Q2 24/25", "Q3 24/25"],
                                 [40210, 44012, 39870, 38455, 41980], ["50k", "25k", "0"], top=50000.0,
                                 kind="bar"),
                     lines=["Latest: 41,980  Previous: 38,455"]),
                Card("Number of planning applications received",
                     chart=Chart(["Q3 23/24", "Q4 23/24", "Q1 24/25", "Q2 24/25", "Q3 24/25"],
                                 [298, 331, 365, 347, 312], ["400", "200", "0"], top=400.0, kind="bar"),
                     lines=["Latest: 312  Previous: 347"]),
                Card("Number of fly-tipping incidents reported",
                     chart=Chart(["Q3 23/24", "Q4 23/24", "Q1 24/25", "Q2 24/25", "Q3 24/25"],
                                 [455, 470, 521, 498, 516], ["600", "300", "0"], top=600.0, kind="bar"),
                     lines=["Latest: 516  Previous: 498"]),
            ]),
        ],
    )


def housing_dashboard() -> Report:
    months = ["Jan-24", "Feb-24", "Mar-24", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24", "Oct-24",
              "Nov-24", "Dec-24"]

    def bars(values: list[float | None], ticks: list[str], top: float, target: float | None = None) -> Chart:
        return Chart(months, values, ticks, kind="bar", target=target, top=top)

    head = ["Actual", "Target", "Tolerance", "DoT"]
    return Report(
        stem="housing-dashboard-2024-12",
        style="housing",
        title="Northfield Borough Council",
        subtitle=["Housing and Environment Performance Dashboard", "December 2024",
                  "Housing and Environment Scrutiny Panel, 23 January 2025"],
        key=["Key: DoT (direction of travel) ↑ improving  ↓ worsening  → no change since last month.",
             "Status: Target achieved, Within tolerance, Target not achieved."],
        sections=[
            Section("Housing Management", intro=[
                "The council manages 7,920 homes. In December the repairs service completed 2,318 jobs and "
                "the lettings team let 61 homes."
            ], cards=[
                Card("Percentage of rent collected", code="HN01", rag="Target achieved", rag_colour="green",
                     chart=bars([97.9, 98.0, 98.4, 95.1, 96.3, 97.0, 97.4, 97.9, 98.1, 98.3, 98.5, 98.7],
                                ["100", "75", "50", "25", "0"], 100.0, 98.5),
                     table=[head, ["98.7%", "98.5%", "97.5%", "↑"]], lines=["Bigger is better"],
                     commentary=["Collection is the highest December figure for five years."]),
                Card("Current tenant rent arrears as a percentage of the annual rent debit", code="HN02",
                     rag="Within tolerance", rag_colour="amber",
                     chart=bars([2.4, 2.3, 2.1, 2.6, 2.7, 2.7, 2.8, 2.8, 2.7, 2.8, 2.8, 2.9],
                                ["4", "3", "2", "1", "0"], 4.0, 2.5),
                     table=[head, ["2.9%", "2.5%", "3.2%", "↓"]], lines=["Smaller is better"],
                     commentary=["Arrears usually peak in December and fall back in the rent-free weeks."]),
                Card("Average days to re-let standard voids", code="HN04", rag="Target not achieved",
                     rag_colour="red",
                     chart=bars([27.0, 26.1, 25.3, 28.8, 29.4, 30.2, 31.0, 30.7, 32.5, None, 33.0, 34.1],
                                ["40", "30", "20", "10", "0"], 40.0, 25.0),
                     notes=["No data for Oct-24 (housing system upgrade)."],
                     table=[head, ["34.1 days", "25 days", "30 days", "↓"]], lines=["Smaller is better"],
                     commentary=["Re-let times have worsened to 34.1 days because of contractor capacity; "
                                 "a second contractor starts in February."]),
                Card("Percentage of repairs completed right first time", code="HN06", rag="Target achieved",
                     rag_colour="green",
                     chart=bars([89.0, 90.2, 90.8, 91.0, 91.3, 91.1, 90.6, 91.0, 91.2, 91.4, 91.4, 91.4],
                                ["100", "50", "0"], 100.0, 90.0),
                     table=[head, ["91.4%", "90%", "85%", "→"]], lines=["Bigger is better"]),
                Card("Number of housing register applications received", rag="Activity measure – no target",
                     rag_colour="grey",
                     chart=bars([201, 188, 215, 222, 190, 205, 230, 241, 219, 226, 218, 233],
                                ["300", "200", "100", "0"], 300.0),
                     table=[head, ["233", "–", "–", "↑"]]),
                Card("Percentage of gas safety certificates in date", code="HN07", rag="Target not achieved",
                     rag_colour="red",
                     chart=bars([100, 100, 99.9, 99.8, 99.9, 100, 99.7, 99.5, 99.4, 99.5, 99.5, 99.6],
                                ["100", "50", "0"], 100.0, 100.0),
                     table=[head, ["99.6%", "100%", "99.8%", "↑"]], lines=["Bigger is better"],
                     commentary=["Thirty-two properties were without a valid certificate at the end of "
                                 "December; all have appointments booked."]),
            ]),
            Section("Environment", cards=[
                Card("Percentage of fly-tips removed within 2 working days", code="EN01", rag="Target achieved",
                     rag_colour="green",
                     chart=bars([85, 88, 90, 91, 89, 92, 93, 90, 92, 93, 93, 94], ["100", "50", "0"], 100.0, 90.0),
                     notes=["Chart shows data back to Jan-24 only; earlier figures used a different definition."],
                     table=[head, ["94%", "90%", "80%", "↑"]], lines=["Bigger is better"]),
                Card("Residual household waste per household (kg)", code="EN03", rag="Within tolerance",
                     rag_colour="amber",
                     chart=bars([36.0, 35.2, 37.0, 36.4, 37.1, 36.8, 37.5, 36.9, 37.7, 38.0, 38.2, 38.5],
                                ["50", "25", "0"], 50.0, 37.0),
                     table=[head, ["38.5", "37", "40", "↓"]], lines=["Smaller is better"],
                     commentary=["Residual waste was 38.5 kg per household, above the target of 37 kg, "
                                 "reflecting the usual seasonal rise."]),
                Card("Percentage of streets meeting the cleanliness standard", code="EN05", rag="Target achieved",
                     rag_colour="green",
                     chart=bars([93, 94, 94, 95, 95, 96, 95, 96, 96, 96, 96, 96], ["100", "50", "0"], 100.0, 95.0),
                     table=[head, ["96%", "95%", "92%", "→"]], lines=["Bigger is better"]),
            ]),
        ],
    )


def childrens_scorecard() -> Report:
    quarters = ["Q3 22/23", "Q4 22/23", "Q1 23/24", "Q2 23/24", "Q3 23/24", "Q4 23/24", "Q1 24/25", "Q2 24/25"]
    head = ["Current", "Target", "Last quarter", "Same quarter last year", "England", "DoT"]

    def trend(values: list[float], ticks: list[str], top: float, target: float | None = None) -> Chart:
        return Chart(quarters, values, ticks, target=target, top=top)

    return Report(
        stem="childrens-scorecard-q2-2024-25",
        style="childrens",
        title="Children's Services Performance Scorecard",
        subtitle=["Quarter 2 2024/25 (July to September 2024)", "Children and Young People Scrutiny Committee",
                  "Estcombe County Council"],
        key=["England figures are the latest published (2023/24). DoT compares the current figure with the "
             "last quarter: ⇧ improved, ⇩ declined, ⇨ no change."],
        sections=[
            Section("Early Help and Front Door", intro=[
                "In the quarter the Front Door received 4,918 contacts, and 1,207 of these became referrals "
                "to children's social care."
            ], cards=[
                Card("KPI 1 – Percentage of contacts with a decision within 1 working day", rag="GREEN",
                     chart=trend([88.0, 90.1, 91.3, 91.3, 92.0, 93.5, 94.8, 96.2], PCT_TICKS, 100.0, 95.0),
                     table=[head, ["96.2%", "95%", "94.8%", "91.3%", "n/a", "⇧"]],
                     lines=["Polarity: Higher is better"]),
                Card("KPI 2 – Percentage of child and family assessments completed within 45 working days",
                     rag="AMBER",
                     chart=trend([81.0, 82.4, 80.3, 79.5, 83.0, 86.0, 88.1, 84.7], PCT_TICKS, 100.0, 90.0),
                     table=[head, ["84.7%", "90%", "88.1%", "79.5%", "82.9%", "⇩"]],
                     lines=["Polarity: Higher is better"],
                     commentary=["Timeliness dipped to 84.7% over the summer when two teams carried "
                                 "vacancies."]),
                Card("KPI 3 – Re-referrals to children's social care within 12 months", rag="AMBER",
                     chart=trend([23.0, 22.1, 20.6, 19.8, 21.0, 22.0, 22.9, 21.4], ["30%", "20%", "10%", "0%"],
                                 30.0, 20.0),
                     table=[head, ["21.4%", "20%", "22.9%", "19.8%", "22.4%", "⇧"]],
                     lines=["Polarity: Lower is better"]),
            ]),
            Section("Children in Need and Children Looked After", cards=[
                Card("KPI 4 – Rate of children in need per 10,000 children (contextual measure)",
                     rag="No target", rag_colour="grey",
                     chart=trend([290.1, 295.5, 299.0, 298.7, 301.2, 303.8, 305.1, 312.5], ["400", "200", "0"],
                                 400.0),
                     table=[head, ["312.5", "–", "305.1", "298.7", "342.7", "–"]]),
                Card("KPI 5 – Rate of children looked after per 10,000 children (contextual measure)",
                     rag="No target", rag_colour="grey",
                     chart=trend([62.0, 63.1, 63.9, 64.9, 65.2, 65.8, 66.4, 68.0], ["80", "40", "0"], 80.0),
                     table=[head, ["68.0", "–", "66.4", "64.9", "70.0", "–"]]),
                Card("KPI 6 – Percentage of children looked after with 3 or more placements in the year",
                     rag="GREEN",
                     chart=trend([11.0, 10.8, 10.1, 10.4, 9.6, 9.2, 8.9, 8.1], ["15%", "10%", "5%", "0%"], 15.0,
                                 10.0),
                     table=[head, ["8.1%", "10%", "8.9%", "10.4%", "10.0%", "⇧"]],
                     lines=["Polarity: Lower is better"],
                     commentary=["Placement stability continues to improve and is better than England "
                                 "(10.0%)."]),
            ]),
            Section("Care Leavers and Workforce", cards=[
                Card("KPI 7 – Percentage of care leavers aged 19-21 in education, employment or training",
                     rag="RED",
                     chart=trend([51.0, 52.5, 54.1, 55.0, 54.2, 53.8, 53.2, 49.0], PCT_TICKS, 100.0, 60.0),
                     table=[head, ["49.0%", "60%", "53.2%", "55.0%", "56.0%", "⇩"]],
                     lines=["Polarity: Higher is better"],
                     commentary=["Fewer care leavers started apprenticeships this year. As at 30 September "
                                 "2024, there were 212 care leavers aged 19-21, and the council spent £1.3m "
                                 "on its Staying Put arrangements."]),
                Card("KPI 8 – Average social worker caseload", rag="AMBER",
                     chart=trend([21.0, 20.4, 21.9, 21.2, 20.1, 19.3, 18.9, 19.6], ["25", "20", "15", "10", "5",
                                                                                    "0"], 25.0, 18.0),
                     table=[head, ["19.6", "18", "18.9", "21.2", "16.3", "⇩"]],
                     lines=["Polarity: Lower is better"]),
            ]),
        ],
    )


def asc_monthly() -> Report:
    months = ["Dec-23", "Jan-24", "Feb-24", "Mar-24", "Apr-24", "May-24", "Jun-24", "Jul-24", "Aug-24", "Sep-24",
              "Oct-24", "Nov-24"]

    def line(values: list[float | None], ticks: list[str], top: float, target: float | None = None) -> Chart:
        return Chart(months, values, ticks, target=target, top=top, legend=("This year", "Threshold"))

    return Report(
        stem="asc-monthly-2024-11",
        style="asc",
        title="Adult Social Care and Public Health",
        subtitle=["Monthly Performance Dashboard", "November 2024", "Kingsmoor City Council"],
        sections=[
            Section("Adult Social Care", intro=[
                "This dashboard reports the council's adult social care and public health measures for "
                "November 2024. Adult social care gross spend this year is forecast at £96.2m. On 4 November "
                "the new reablement hub opened, and 46 staff moved across from the hospital team.",
            ], cards=[
                Card("Average days from referral to the start of reablement", rag="GREEN",
                     chart=line([15.1, 14.8, 16.0, 15.5, 14.9, 14.2, 14.8, 13.9, 14.5, 14.1, 14.0, 12.3],
                                ["20", "15", "10", "5", "0"], 20.0, 15.0),
                     lines=["This month: 12.3 days   Threshold: 15 days", "Last month: 14.0 days   Status: Green",
                            "Lower is better"],
                     commentary=["The new hub cut waiting times to 12.3 days, the shortest since the measure "
                                 "began."]),
                Card("Percentage of older people still at home 91 days after discharge from hospital into "
                     "reablement", rag="AMBER",
                     chart=line([84.0, 85.1, 86.0, 85.5, 86.4, 87.0, 86.8, 86.0, 85.7, 86.3, 86.2, 83.9],
                                PCT_TICKS, 100.0, 80.0),
                     lines=["This month: 83.9%   Target: 85%   Threshold: 80%",
                            "Last month: 86.2%   Status: Amber", "Higher is better"]),
                Card("Permanent admissions of people aged 65+ to residential and nursing care per 100,000 "
                     "population", rag="GREEN",
                     chart=line([575.0, 570.2, 566.1, 560.0, 548.3, 545.0, 540.7, 536.9, 533.2, 531.8, 530.0,
                                 521.4], ["800", "600", "400", "200", "0"], 800.0, 600.0),
                     notes=["Rolling 12 months; figure is annualised."],
                     lines=["This month: 521.4   Target: 560   Threshold: 600", "Last month: 530.0   Status: Green",
                            "Lower is better"]),
                Card("Number of people waiting for a Care Act assessment", rag=None,
                     chart=Chart(months, [350, 362, 371, 380, 366, 358, 372, 381, 390, 377, 389, 412],
                                 ["500", "250", "0"], kind="bar", top=500.0),
                     lines=["This month: 412   Last month: 389", "Activity measure – no threshold set"],
                     commentary=["Waiting numbers rose to 412 as referrals from the hospitals increased over "
                                 "the month."]),
                Card("Percentage of safeguarding enquiries where the person's desired outcomes were met",
                     rag="GREEN",
                     chart=line([90.0, 91.2, 92.4, 91.0, 92.0, 93.1, 92.5, 93.0, 92.6, 92.9, 92.0, 94.0],
                                PCT_TICKS, 100.0, 85.0),
                     lines=["This month: 94%   Target: 90%   Threshold: 85%", "Last month: 92%   Status: Green",
                            "Higher is better"]),
            ]),
            Section("Public Health", cards=[
                Card("Percentage of new birth visits completed within 14 days", rag="AMBER",
                     chart=line([91.0, 90.3, 92.1, 91.5, 90.0, 89.6, 92.2, 91.8, 90.5, 90.9, 91.0, 88.5],
                                PCT_TICKS, 100.0, 85.0),
                     lines=["This month: 88.5%   Target: 90%   Threshold: 85%",
                            "Last month: 91.0%   Status: Amber", "Higher is better"]),
                Card("Number of NHS Health Checks delivered", rag=None,
                     chart=Chart(months, [650, 702, 688, 721, 700, 743, 760, 690, 715, 766, 802, 734],
                                 ["1,000", "500", "0"], kind="bar", top=1000.0),
                     lines=["This month: 734   Last month: 802", "Activity measure – no threshold set"]),
                Card("Percentage of adults in drug treatment who completed it successfully", rag="RED",
                     chart=line([5.2, 5.0, 4.9, 5.1, 4.8, 4.6, 4.7, 4.5, 4.4, 4.6, 4.5, 4.1],
                                ["8%", "6%", "4%", "2%", "0%"], 8.0, 4.5),
                     lines=["This month: 4.1%   Target: 5.5%   Threshold: 4.5%",
                            "Last month: 4.5%   Status: Red", "Higher is better"],
                     commentary=["Successful completions fell to 4.1%. The provider has an improvement plan, "
                                 "and 17 actions from it are complete."]),
                Card("Smoking quitters at 4 weeks per 100,000 smokers", rag="GREEN",
                     chart=line([1500, 1520, 1555, 1610, 1590, 1640, 1690, 1705, 1740, 1766, 1790, 1820],
                                ["2,000", "1,500", "1,000", "500", "0"], 2000.0, 1600.0),
                     lines=["This month: 1,820   Target: 1,700   Threshold: 1,600",
                            "Last month: 1,790   Status: Green", "Higher is better"]),
            ]),
        ],
    )


def fire_tiles() -> Report:
    quarters = ["Q2 24/25", "Q3 24/25", "Q4 24/25", "Q1 25/26"]

    def spark(values: list[float], top: float) -> Chart:
        return Chart(quarters, values, [], top=top)

    return Report(
        stem="fire-tiles-q1-2025-26",
        style="tiles",
        title="Westmarch Fire and Rescue Service",
        subtitle=["Performance Dashboard", "Quarter 1 2025/26 (April to June 2025)", "Fire Authority, 24 July 2025"],
        sections=[
            Section("Response", intro=[
                "The service attended 2,914 incidents in the quarter, 11% more than in the same quarter last "
                "year, mostly because of the dry weather in June."
            ], cards=[
                Card("Emergency calls answered within 10 seconds", rag="Off track", rag_colour="red",
                     lines=["94.1%", "Target 96%", "▼ 1.3 pts on last quarter"],
                     chart=spark([95.0, 96.2, 95.4, 94.1], 100.0)),
                Card("Average response time to dwelling fires (minutes)", rag="On track", rag_colour="green",
                     lines=["7.9", "Target 8.0", "▲ 0.2 on last quarter"],
                     chart=spark([7.5, 7.6, 7.7, 7.9], 10.0)),
                Card("On-call appliance availability", rag="Off track", rag_colour="red",
                     lines=["78.4%", "Target 85%", "▲ 2.6 pts on last quarter"],
                     chart=spark([80.1, 77.0, 75.8, 78.4], 100.0)),
            ]),
            Section("Prevention and Protection", cards=[
                Card("Accidental dwelling fires per 10,000 dwellings", rag="On track", rag_colour="green",
                     lines=["0.82", "Target 0.90", "▼ 0.05 on last quarter"],
                     chart=spark([0.95, 0.91, 0.87, 0.82], 1.0)),
                Card("Home fire safety visits completed", rag="Activity measure", rag_colour="grey",
                     lines=["1,942", "No target", "▲ 212 on last quarter"],
                     chart=spark([1650, 1702, 1730, 1942], 2000.0)),
                Card("Fire safety audits completed", rag="Off track", rag_colour="red",
                     lines=["411", "Target 450", "▼ 19 on last quarter"],
                     chart=spark([402, 455, 430, 411], 500.0)),
            ]),
        ],
    )


REPORTS = {report.stem: report for report in (corporate_dashboard(), housing_dashboard(), childrens_scorecard(),
                                              asc_monthly(), fire_tiles())}


# ---------------------------------------------------------------------------------------------
# HTML: one look per style

CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: FONT; font-size: 9.5pt; color: #222; }
h1 { font-size: 17pt; margin: 0 0 2pt 0; }
p.sub { font-size: 11pt; margin: 0 0 2pt 0; }
h2 { font-size: 13pt; margin: 12pt 0 4pt 0; color: #1f4e79; }
p { margin: 3pt 0; }
p.key { font-size: 8.5pt; color: #444; }
.card { border: 1pt solid #9aa7b5; margin: 8pt 0; padding: 0 0 4pt 0; break-inside: avoid; }
.card .bar { background: #e8eef5; padding: 3pt 6pt; font-weight: bold; font-size: 10.5pt; }
.chip { display: inline-block; padding: 1pt 6pt; color: #fff; font-size: 8.5pt; font-weight: bold; margin-left: 6pt; }
.card .body { padding: 3pt 6pt; }
.note { font-size: 7.5pt; color: #666; font-style: italic; }
table.mini { border-collapse: collapse; margin: 4pt 0; }
table.mini th, table.mini td { border: 0.75pt solid #9aa7b5; padding: 2pt 6pt; text-align: center; font-size: 9pt; }
table.mini th { background: #e8eef5; }
table.side td { vertical-align: top; padding: 0 6pt 0 0; }
.figures { font-size: 10pt; }
.commentary { font-size: 9pt; }
"""


def chip(card: Card) -> str:
    if not card.rag:
        return ""
    colour = RAG_COLOURS.get(card.rag_colour or card.rag.lower(), RAG_COLOURS["grey"])
    return f'<span class="chip" style="background:{colour}">{html.escape(card.rag)}</span>'


def card_html(card: Card, report: Report, producer: str) -> str:
    title = html.escape(card.title)
    parts: list[str] = []
    if report.style == "housing":
        # code after the name, status under the title bar
        code = f" ({html.escape(card.code)})" if card.code else ""
        parts.append(f'<div class="bar">{title}{code}</div><div class="body">')
        colour = RAG_COLOURS.get(card.rag_colour or "grey")
        if card.rag:
            parts.append(f'<p><b style="color:{colour}">{html.escape(card.rag)}</b></p>')
    elif report.style == "childrens":
        parts.append(f'<div class="bar">{title}</div><div class="body">')
        if card.rag:
            parts.append(f'<table><tr><td style="background:{RAG_COLOURS.get(card.rag_colour or card.rag.lower())};'
                         f'color:#fff;font-weight:bold;padding:2pt 8pt">{html.escape(card.rag)}</td></tr></table>')
    else:
        parts.append(f'<div class="bar">{title}{chip(card)}</div><div class="body">')
    chart = svg_chart(card.chart) if card.chart else ""
    notes = "".join(f'<p class="note">{html.escape(n)}</p>' for n in card.notes)
    figures = "".join(f'<p class="figures">{html.escape(line).replace("  ", "&nbsp;&nbsp;")}</p>'
                      for line in card.lines)
    table = ""
    if card.table:
        head, *rows = card.table
        table = '<table class="mini"><tr>' + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"
        table += "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        table += "</table>"
    if report.style == "tiles":
        # a business-intelligence export: the figure large, its target and change small, no axis text
        big, *small = card.lines
        figures = (f'<p style="font-size:20pt;font-weight:bold;margin:2pt 0">{html.escape(big)}</p>'
                   + "".join(f'<p class="figures">{html.escape(line)}</p>' for line in small))
        parts.append(f'<table class="side"><tr><td>{figures}</td><td>{svg_chart(card.chart, 160, 60)}</td></tr>'
                     f'</table>' if card.chart else figures)
    elif report.style == "corporate":
        # the chart beside the figures: a two-cell layout table, as dashboards built in Word are
        parts.append(f'<table class="side"><tr><td>{chart}{notes}</td><td>{figures}</td></tr></table>')
    else:
        parts.append(chart + notes + table + figures)
    parts.extend(f'<p class="commentary">{html.escape(c)}</p>' for c in card.commentary)
    parts.append("</div>")
    return f'<div class="card">{"".join(parts)}</div>'


def report_html(report: Report, producer: str) -> str:
    body = [f"<h1>{html.escape(report.title)}</h1>"]
    body.extend(f'<p class="sub">{html.escape(s)}</p>' for s in report.subtitle)
    body.extend(f'<p class="key">{html.escape(k)}</p>' for k in report.key)
    for section in report.sections:
        body.append(f"<h2>{html.escape(section.title)}</h2>")
        body.extend(f"<p>{html.escape(p)}</p>" for p in section.intro)
        body.extend(card_html(card, report, producer) for card in section.cards)
    css = CSS.replace("FONT", report.font)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(report.title)}'
            f"</title><style>{css}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


# ---------------------------------------------------------------------------------------------
# Printing


def pdftotext(pdf: Path, txt: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    txt.write_text(text, encoding="utf-8")


def make(report: Report, producers: tuple[str, ...], out: Path, html_only: bool) -> list[Path]:
    made = []
    with tempfile.TemporaryDirectory(prefix="cards-") as tmp:
        work = Path(tmp)
        for producer in producers:
            page = work / f"{report.stem}.html"
            page.write_text(report_html(report, producer), encoding="utf-8")
            if html_only:
                target = out / f"{report.stem}.{producer}.html"
                shutil.copy(page, target)
                made.append(target)
                continue
            pdf = out / f"{report.stem}.{producer}.pdf"
            if producer == "chromium":
                chromium_print(page, pdf, work)
            else:
                soffice(["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir",
                         str(work / "lo"), str(page)], work)
                shutil.move(work / "lo" / f"{report.stem}.pdf", pdf)
            normalise_pdf(pdf)
            txt = pdf.with_suffix(".txt")
            pdftotext(pdf, txt)
            made.extend([pdf, txt])
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="a report stem (repeatable)")
    parser.add_argument("--producer", choices=[*PRODUCERS, "all"], default="all")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--html-only", action="store_true")
    args = parser.parse_args()
    producers = PRODUCERS if args.producer == "all" else (args.producer,)
    args.out.mkdir(parents=True, exist_ok=True)
    for stem in args.only or list(REPORTS):
        for path in make(REPORTS[stem], producers, args.out, args.html_only):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
