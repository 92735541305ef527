"""KPI cards in shapes the card corpus does not print: a card set as a small Word table, several
cards in one table, a card's own period line, activity tiles, and chart ticks printed in among
the figures. Each test is a card written the way a dashboard would print it; the rules are the
card layout's (see the README's `card` layout), never one paper's wording.
"""

from __future__ import annotations

import pytest

from kpiextract.api import extract_document
from kpiextract.models import KPIRecord
from kpiextract.readers.text import parse_text


def records(text: str, source: str = "dashboard.md") -> list[KPIRecord]:
    return extract_document(parse_text(text, source=source))


def by_code(found: list[KPIRecord]) -> dict[str | None, KPIRecord]:
    return {record.code: record for record in found}


PAPER = "# Ashcombe Council\n\n## Performance dashboard, Quarter 3 2024/25\n\n"


def test_a_figure_printed_before_its_labels_is_the_cards_value() -> None:
    found = records(
        PAPER + "HS03 Percentage of repairs completed right first time GREEN\n\n"
        "91.2% Target: 90% Last year: 88.4%\n\n"
        "Fewer repeat visits since the new van stock list.\n"
    )
    assert len(found) == 1
    card = found[0]
    assert (card.code, card.indicator, card.value, card.target, card.rag) == (
        "HS03", "Percentage of repairs completed right first time", 91.2, 90.0, "green")
    assert card.previous is not None and card.previous.value == 88.4  # "Last year:" is an earlier figure
    assert card.period == "Quarter 3 2024/25"


def test_a_card_set_as_a_small_word_table_of_one_cell_per_line() -> None:
    found = records(
        PAPER + "| HS04 Average days to re-let council homes RED | |\n"
        "| 41 days Target: 28 days Last year: 36 days | |\n"
    )
    assert len(found) == 1
    card = found[0]
    assert (card.code, card.indicator, card.value, card.unit, card.target) == (
        "HS04", "Average days to re-let council homes", 41.0, "days", 28.0)


def test_several_cards_in_one_table_each_take_the_figures_under_their_own_title() -> None:
    found = by_code(records(
        PAPER + "| HS05 Rent collected as a percentage of rent due GREEN | |\n"
        "| 98.6% Target: 98% Last year: 97.9% | |\n"
        "| HS06 Homes with a valid gas safety certificate AMBER | |\n"
        "| 99.1% Target: 100% Last year: 99.6% | Two homes had no access. |\n"
        "| HS07 Tenancies sustained for 12 months RED | |\n"
        "| 84.0% Target: 90% Last year: 86.5% | |\n"
    ))
    assert {code: (r.value, r.target, r.rag) for code, r in found.items()} == {
        "HS05": (98.6, 98.0, "green"), "HS06": (99.1, 100.0, "amber"), "HS07": (84.0, 90.0, "red")}


def test_two_cards_across_a_table_are_read_down_each_column() -> None:
    found = by_code(records(
        PAPER + "| HS08 Complaints answered within 10 working days GREEN "
        "| HS09 Anti-social behaviour cases resolved AMBER |\n"
        "| 87.5% Target: 85% Last year: 80.2% 100% | 71.0% Target: 75% Last year: 73.4% 80% |\n"
        "| 50% | 40% |\n"
        "| 0% Q4 23/24 Q1 24/25 Q2 24/25 Q3 24/25 | 0% Q4 23/24 Q1 24/25 Q2 24/25 Q3 24/25 |\n"
    ))
    assert {code: (r.value, r.target, r.previous.value if r.previous else None) for code, r in found.items()} == {
        "HS08": (87.5, 85.0, 80.2), "HS09": (71.0, 75.0, 73.4)}


def test_a_cards_own_period_line_is_its_period_and_no_one_elses() -> None:
    found = by_code(records(
        PAPER + "### CS11 Residents who feel safe after dark\n**AMBER**\n\n"
        "58%\n\nCommunity survey, March 2024\n\nTarget: 60%  Last year: 55%\n\n"
        "### CS12 Average days lost to sickness per employee\n**GREEN**\n\n"
        "8.1\n\nTarget: 8.5  Last year: 8.9\n\n"
        "12 8 4 0 Q4 23/24 Q1 24/25 Q2 24/25 Q3 24/25\n"
    ))
    assert (found["CS11"].value, found["CS11"].target, found["CS11"].period) == (58.0, 60.0, "March 2024")
    assert (found["CS12"].value, found["CS12"].target, found["CS12"].period) == (8.1, 8.5, "Quarter 3 2024/25")


def test_a_period_line_run_into_the_labels_belongs_to_the_card_not_the_target() -> None:
    found = records(
        PAPER + "CS11 Residents who feel safe after dark AMBER\n\n58%\n\n"
        "Community survey, March 2024 Target: 60% Last year: 55%\n"
    )
    assert [(r.value, r.target, r.period) for r in found] == [(58.0, 60.0, "March 2024")]


def test_activity_tiles_with_a_period_line_under_an_information_heading() -> None:
    found = {r.indicator: r for r in records(
        PAPER + "### Demand measures (for information, no targets)\n\n"
        "### Referrals to children's social care\n\n1,204\n\nQuarter 3 2024/25\n\n"
        "1500 1000 500 0 Q4 23/24 Q1 24/25 Q2 24/25 Q3 24/25\n\n"
        "### Children subject to a child protection plan\n\n318\n\n31 December 2024\n\n"
        "### Visits to leisure centres\n\n204,611\n\nQuarter 3 2024/25\n\n"
        "## 4. Financial implications\n\n4.1 None.\n"
    )}
    assert {name: (r.value, r.period, r.kind) for name, r in found.items()} == {
        "Referrals to children's social care": (1204.0, "Quarter 3 2024/25", "activity"),
        "Children subject to a child protection plan": (318.0, "31 December 2024", "activity"),
        "Visits to leisure centres": (204611.0, "Quarter 3 2024/25", "activity"),
    }


def test_chart_ticks_printed_beside_and_between_the_figures_are_not_the_value() -> None:
    found = by_code(records(
        "Performance dashboard, Quarter 3 2024/25\n\n"
        "HS10 Percentage of rent arrears recovered AMBER\n54.2% 60%\n40%\nTarget: 57%\n20%\n"
        "Last year: 51.0%\n0%\nQ4 23/24 Q1 24/25 Q2 24/25 Q3 24/25\n"
        "HS11 Number of homes brought back into use RED\n37\n60\n40\nTarget: 45 Last year: 41\n20\n0\n"
        "Q4 23/24 Q1 24/25 Q2 24/25 Q3 24/25\n",
        source="dashboard.txt",
    ))
    assert (found["HS10"].value, found["HS10"].target, found["HS10"].previous.value if found["HS10"].previous
            else None) == (54.2, 57.0, 51.0)
    assert (found["HS11"].value, found["HS11"].target) == (37.0, 45.0)


def test_the_figure_among_a_columns_ticks_is_the_one_off_the_scale() -> None:
    found = by_code(records(
        PAPER + "| HS12 Household waste sent for reuse, recycling or composting RED | |\n"
        "| 60% | |\n| 44.8% | |\n| 50% Target: 50% Last year: 43.9% 40% | |\n"
        "| 30% Q4 23/24 Q1 24/25 Q2 24/25 Q3 24/25 | |\n"
        "| HS13 Missed bins per 100,000 collections GREEN | |\n"
        "| 38 Target: 50 Last year: 61 | |\n"
    ))
    assert (found["HS12"].value, found["HS12"].target) == (44.8, 50.0)


def test_a_card_whose_figures_cannot_be_read_does_not_take_the_next_cards() -> None:
    found = records(
        PAPER + "CS13 Fly-tipping incidents cleared within 2 working days RED\n\nData not available this quarter\n\n"
        "CS14 Residents satisfied with parks and open spaces GREEN\n\n72%\n\nTarget: 70%  Last year: 69%\n"
    )
    assert [(r.code, r.value, r.target) for r in found] == [("CS14", 72.0, 70.0)]



def test_two_cards_titles_run_together_on_one_line_give_no_record_named_after_both() -> None:
    """Side-by-side cards a PDF reader merged line by line: 'CP09 Residents ... CP10 Working days ...'
    is two titles, and the figures under it are both cards' and the chart's; a record named after
    both is wrong whatever its figure. The card before it is unharmed."""
    found = records(
        PAPER + "### CP08 Potholes repaired within 28 days RED\n\n82.6%\n\nTarget: 95% Last year: 93.1%\n\n"
        "### CP09 Residents satisfied with the way the council runs CP10 Working days lost to sickness "
        "absence per employee things GREEN (rolling 12 months) GREEN\n\n### 63% 9.2\n\n12\n\n8\n\n"
        "### Residents' Survey, June Target: 9.5 2024 Last year: 10.1\n\n4\n\n### Target: 60% Last year: 58%\n\n"
        "0\n\nAnnual survey of 1,050 residents; margin of error ±3% Q3 23/24 Q4 23/24 Q1 24/25 Q2 24/25\n"
    )
    assert [(r.code, r.value, r.target) for r in found] == [("CP08", 82.6, 95.0)]


# Two cards side by side, one HTML file printed by Chromium, WeasyPrint and wkhtmltopdf: their lines
# meet on shared baselines; read across the page they make rows of two cards' text, which name no
# KPI. Read down each card (readers/pdf/panels.py), every card and tile gives its own record.
TWO_ACROSS = {
    "Percentage of adults with a learning disability in paid employment": 6.1,
    "Percentage of Education, Health and Care Plans issued within 20 weeks (excluding exceptions)": 61.4,
    "Percentage of children's social care assessments completed within 45 working days": 88.5,
    "Percentage of older people still at home 91 days after discharge into reablement": 79.8,
    "Number of new affordable homes delivered (year to date)": 148,
    "Average time to re-let council homes (calendar days)": 38,
    "Household waste recycled and composted": 47.3,
    "Potholes repaired within 28 days": 82.6,
    "Residents satisfied with the way the council runs things": 63,
    "Working days lost to sickness absence per employee (rolling 12 months)": 9.2,
    # activity tiles: a title, a figure and its period over a chart
    "Contacts to the Adult Social Care front door": 6842,
    "Children in care (at quarter end)": 412,
    "Households in temporary accommodation (at quarter end)": 287,
    "Library visits": 312455,
}


@pytest.mark.parametrize("producer", ["chromium", "weasyprint", "wkhtml"])
def test_two_cards_side_by_side_never_make_a_misnamed_record(producer: str) -> None:
    """Each card read down its own column: every card and tile once, with its own figure, never
    a neighbour's title or a chart's tick (page 5's tiles by WeasyPrint were once one 'card'
    named by both titles, valued at a tick, 350)."""
    from pathlib import Path

    from kpiextract.api import extract

    found = extract(Path(__file__).parent / "data" / "pdf" / f"two-across-cards.{producer}.pdf").records
    read: dict[str, float | None] = {}
    for record in found:  # every record read is one of the paper's KPIs, with its own figure
        name = next((n for n in TWO_ACROSS if n.startswith(record.indicator[:40])), None)
        assert name is not None, record.indicator
        assert record.value == TWO_ACROSS[name], record.indicator
        read[name] = record.value
    assert read == TWO_ACROSS


@pytest.mark.parametrize(("cell", "card"), [
    ("Residents' Survey, June 2024 Target: 60%", True), ("58% Annual survey of 1,050 residents", True),
    ("Latest England: 61.2", True), ("Households with income below 60% of the median", False),
    ("16-17 year olds not in education, employment or training", False), ("% of pupils achieving the expected standard",
                                                                         False),
    ("NI 192: Household waste recycled and composted", False), ("Key Stage 2: reading, writing and maths", False)])
def test_a_name_cell_holding_a_cards_labelled_figure_is_not_a_name(cell: str, card: bool) -> None:
    from kpiextract.parsing.indicators import not_a_name_cell
    from kpiextract.vocab import load

    assert not_a_name_cell(cell, load()) is card


def test_a_mini_table_that_ends_with_a_comparator_and_has_no_direction_column() -> None:
    # the header line ends with "England", a comparator, not one of the card's own labels; and
    # the row of figures under it ("28 days 30 days ...") is no heading, having more figures than words
    found = records(
        PAPER + " Average days to re-let council homes (HN04)\n Target achieved\n\n"
        "   Current        Target       Same quarter last year     England\n"
        "   28 days        30 days      31 days                    35 days\n"
        " Smaller is better\n Re-let times improved as voids were cleared.\n",
        source="dashboard.txt")
    [card] = found
    assert (card.code, card.indicator, card.value, card.target, card.unit) == (
        "HN04", "Average days to re-let council homes", 28.0, 30.0, "days")
    assert [(b.name, b.value) for b in card.benchmarks] == [("England", 35.0)]
    assert card.previous is not None and (card.previous.value, card.previous.period) == (31.0, "Q3 2023/24")
