"""KPI tables in shapes the header vocabulary alone does not name: the council's own columns,
comparator groups, gap and rank columns, subheading rows, status phrases, units and trends.

Each paper in tests/data/tables is small and written the way another council writes it; the
rules are general (header structure and the vocabulary in patterns/), never a paper's wording.
"""

from __future__ import annotations

from pathlib import Path

from kpiextract.api import extract_document
from kpiextract.models import KPIRecord
from kpiextract.readers.pdf import read_pdf
from kpiextract.readers.text import parse_text

DATA = Path(__file__).parent / "data" / "tables"


def paper(stem: str) -> str:
    return (DATA / f"{stem}.txt").read_text(encoding="utf-8")


def records(text: str) -> list[KPIRecord]:
    return extract_document(parse_text(text, source="paper.txt"))


def named(found: list[KPIRecord], start: str) -> list[KPIRecord]:
    return [r for r in found if r.indicator.startswith(start)]


def one(found: list[KPIRecord], start: str, period: str | None = None) -> KPIRecord:
    matches = [r for r in named(found, start) if period is None or r.period == period]
    assert len(matches) == 1, [(r.indicator, r.period, r.value) for r in found]
    return matches[0]


def test_columns_named_after_the_council_hold_its_values_per_period() -> None:
    found = records(paper("ashcombe-ascof-2023-24"))
    latest = one(found, "Proportion of people who use services", "2023/24")
    assert (latest.value, latest.code, latest.polarity) == (76.2, "1B", "higher")
    assert {b.name: b.value for b in latest.benchmarks} == {"England": 77.0, "CIPFA nearest neighbours": 75.9}
    earlier = one(found, "Proportion of people who use services", "2022/23")
    assert (earlier.value, earlier.benchmarks) == (74.6, [])  # this year's comparators are not last year's
    assert one(found, "Admissions of older people", "2023/24").unit == "rate"


def test_a_column_that_is_only_the_word_council_is_the_councils_own() -> None:
    row = one(records(paper("fenbridge-education-standards-2023")), "Percentage of pupils")
    assert (row.value, [(b.name, b.value) for b in row.benchmarks]) == (71.0, [("England", 73.0)])


def test_the_column_of_words_beside_the_figures_is_the_indicator_column() -> None:
    found = [r for r in records(paper("wessex-police-panel-q3-2024-25")) if r.section != "2. Comparison with "
             "our most similar group of forces"]
    assert [r.indicator for r in found] == ["Residential burglary", "Theft from the person",
                                            "Repeat victims of domestic abuse"]
    burglary = found[0]
    assert (burglary.value, burglary.previous and burglary.previous.value) == (2905.0, 3812.0)
    assert burglary.benchmarks == []  # a change column is not a comparator


def test_subheading_rows_are_sections_not_records() -> None:
    found = records(paper("wessex-police-panel-q3-2024-25"))
    sections = {r.indicator: r.section for r in found}
    assert sections["Residential burglary"] == sections["Theft from the person"] == "Priority 1: Preventing crime"
    assert sections["Repeat victims of domestic abuse"] == "Priority 2: Protecting vulnerable people"
    assert not named(found, "Priority")


def test_a_lower_case_line_under_a_row_carries_on_its_name() -> None:
    found = records(paper("harrow-district-scorecard-q3-2024-25"))
    found = [r for r in found if r.section == "Priority 1: Homes and jobs"]
    assert [r.indicator for r in found] == [
        "Percentage of planning applications determined within 13 weeks or agreed extension",
        "Number of affordable homes delivered"]


def test_comparator_groups_and_the_councils_unperiodised_column() -> None:
    robbery = one(records(paper("wessex-police-panel-q3-2024-25")), "Robbery")
    assert robbery.value == 0.6
    assert {b.name: b.value for b in robbery.benchmarks} == {"Most similar group": 0.8, "England and Wales": 1.3}
    # the rate's base, printed once in the header, belongs to each measure and gives its unit
    assert (robbery.indicator, robbery.unit) == ("Robbery (rate per 1,000 population)", "rate")


def test_a_gap_column_is_a_difference_not_a_comparator() -> None:
    latest = one(records(paper("fenbridge-education-standards-2023")), "% of pupils meeting", "2023")
    assert (latest.value, [(b.name, b.value) for b in latest.benchmarks]) == (72.0, [("England", 73.0)])


def test_in_a_table_of_gaps_the_gap_is_the_figure() -> None:
    found = named(records(paper("fenbridge-education-standards-2023")), "Key Stage 4")
    assert {r.period: r.value for r in found} == {"2022": 16.8, "2023": 17.4}


def test_rank_columns_are_not_values() -> None:
    found = records(paper("glenarden-lgbf-2022-23"))
    assert sorted((r.period, r.value) for r in found) == [("2021/22", 63.0), ("2022/23", 65.0)]
    assert [(b.name, b.value) for b in one(found, "%", "2022/23").benchmarks] == [("Scotland", 66.0)]


def test_bare_benchmark_and_median_columns_name_their_comparator() -> None:
    row = one(records(paper("castlebrook-housing-tsm-2024-25")), "Proportion of homes")
    assert {b.name: b.value for b in row.benchmarks} == {"Benchmark": 2.0, "Median": 1.5}


def scorecard(found: list[KPIRecord]) -> list[KPIRecord]:
    return [r for r in found if r.layout == "scorecard" and r.section != "Priority 1: Homes and jobs"]


def test_the_longest_status_phrase_decides_the_rag() -> None:
    found = scorecard(records(paper("harrow-district-scorecard-q3-2024-25")))
    assert [r.rag for r in found[:4]] == ["amber", "red", "green", "amber"]


def test_a_rag_word_inside_an_ordinary_heading_colours_nothing() -> None:
    text = paper("harrow-district-scorecard-q3-2024-25").replace("\tStatus\t", "\tNotes\t")
    assert {r.rag for r in scorecard(records(text))} == {None}
    under_status = records(text.replace("### Priority 2: Clean, green and safe places", "### Green indicators"))
    assert one(under_status, "Residual household waste").rag == "green"


def test_data_only_rows_are_activity_without_a_rag() -> None:
    text = paper("harrow-district-scorecard-q3-2024-25")
    found = records(text.replace("### Priority 2: Clean, green and safe places", "### Green indicators"))
    incidents = one(found, "Number of fly-tipping incidents")
    assert (incidents.indicator, incidents.kind, incidents.rag) == ("Number of fly-tipping incidents reported",
                                                                    "activity", None)
    assert one(found, "Average number of working days").kind == "kpi"


def test_trend_arrows_give_the_direction_of_travel() -> None:
    keyed = scorecard(records(paper("harrow-district-scorecard-q3-2024-25")))
    assert [r.direction for r in keyed] == ["worsening", "worsening", "improving", "unchanged", "worsening"]
    words = one(records(paper("dyffryn-aled-waste-q2-2024-25")), "Food waste participation rate")
    assert words.direction == "improving"


def test_a_unit_column_gives_the_unit() -> None:
    found = [r for r in records(paper("dyffryn-aled-waste-q2-2024-25")) if r.code]
    assert [r.unit for r in found] == ["kg per household", "tonnes", "%", "count"]


def test_a_comparator_the_text_repeats_under_another_name_is_one_comparator() -> None:
    # "the national figure of 73%" in the text beside the table's "England 73%"
    row = one(records(paper("fenbridge-education-standards-2023")), "Percentage of pupils")
    assert [(b.name, b.value) for b in row.benchmarks] == [("England", 73.0)]


def test_a_unit_printed_in_the_figures_header_is_every_rows_unit() -> None:
    found = records(paper("bro-teifi-governance-q2-2024-25"))
    # "within 30 days" is the measure's time limit, not its unit: the header's "(%)" is
    assert [(r.indicator, r.unit) for r in found if r.period == "Q2 2024/25"] == [
        ("Invoices paid within 30 days", "%"), ("Calls answered within 20 seconds", "%")]
    assert all(r.benchmarks == [] for r in found if r.period == "Q2 2024/25")  # a variance is no comparator


def test_a_wales_median_column_is_the_wales_comparator() -> None:
    latest = one(records(paper("bro-teifi-governance-q2-2024-25")), "Percentage of adults", "2023/24")
    assert (latest.value, latest.target) == (74.0, 70.0)
    assert [(b.name, b.value) for b in latest.benchmarks] == [("Wales", 68.2)]


def test_periods_printed_over_groups_of_columns_belong_to_each_group() -> None:
    found = records(paper("kestrel-heath-scrutiny-q3-2024-25"))
    food = {r.period: (r.value, r.target, r.rag) for r in named(found, "Percentage of food premises")}
    assert food == {"2023/24": (94.0, 95.0, None), "2024/25 Q2": (96.0, 95.0, "green")}
    assert not named(found, "Indicator")  # the header's second row is no record


def test_status_words_under_a_figure_heading_are_the_status() -> None:
    found = records(paper("kestrel-heath-scrutiny-q3-2024-25"))
    rent = named(found, "Percentage of rent collected")
    # "Achieved?" holds "Not achieved", not a figure; the blank Q4 is no record
    assert [(r.period, r.value, r.rag) for r in rent] == [("Q1 2024/25", 96.1, None), ("Q2 2024/25", 97.0, None),
                                                         ("Q3 2024/25", 97.8, "red")]


def test_a_better_or_worse_column_is_the_direction_of_travel() -> None:
    found = records(paper("kestrel-heath-scrutiny-q3-2024-25"))
    assert one(found, "Council tax collected", "2024/25").direction == "worsening"
    assert one(found, "Major applications decided", "2024/25").direction == "improving"


def test_quarters_headed_by_their_months_are_quarters_of_the_papers_year() -> None:
    found = named(records(paper("marsh-end-cabinet-q3-2024-25")), "Percentage of calls answered")
    assert [(r.period, r.value, r.target) for r in found] == [
        ("Q1 2024/25", 88.0, None), ("Q2 2024/25", 91.0, None), ("Q3 2024/25", 92.0, 90.0)]
    assert found[-1].direction == "improving"


def test_a_status_column_of_direction_words_gives_the_direction_not_the_rag() -> None:
    row = one(records(paper("marsh-end-cabinet-q3-2024-25")), "Delayed transfers of care")
    assert (row.value, row.previous and row.previous.value, row.rag, row.direction) == (8.2, 9.1, None, "improving")


def test_a_target_with_no_column_of_figures_beside_it_is_no_record() -> None:
    # "P1 | P2 | P3" are periods kpiextract does not know: the row's target alone is not a KPI reading
    assert not named(records(paper("marsh-end-cabinet-q3-2024-25")), "Percentage of bins collected")


def test_a_polarity_note_after_the_name_is_the_polarity() -> None:
    """Regression: '(Minimise)' after a measure's name stayed in the name and said nothing of
    which way is good."""
    paper = ("Waste performance\n\nPerformance indicator\t2023/24 value\t2024/25 target\n"
             "Missed bin collections per 100,000 (Minimise)\t41\t35\n"
             "Household waste recycled (Aim to maximise)\t44.1%\t46%\n"
             "Street cleansing inspections (high)\t312\t300\n")
    records = {r.indicator: r for r in extract_document(parse_text(paper, source="paper.txt"))}
    assert records["Missed bin collections per 100,000"].polarity == "lower"
    assert records["Household waste recycled"].polarity == "higher"
    # a one-word note may be part of the name: it stays
    assert "Street cleansing inspections (high)" in records


def test_four_weekly_periods_and_financial_months_are_periods_of_their_own() -> None:
    found = records(paper("ravensmoor-environment-p7-2023-24"))
    bins = named(found, "Missed bins")
    # each period a record of its own, keyed apart from the year and from each other
    assert [(r.period, r.period_key, r.value, r.target, r.rag) for r in bins] == [
        ("P6 2023/24", "2023/24 P6", 55.0, None, None), ("P7 2023/24", "2023/24 P7", 52.0, 60.0, "green")]
    assert bins[0].period_start is None  # four weeks or a month: the paper does not say, nothing is made up
    tax = named(found, "Council tax collected")
    # a yearless "Month 6" is the financial year's sixth month by the paper's date: September 2023
    assert [(r.period, r.period_text, r.period_key, r.value) for r in tax] == [
        ("August 2023", "Month 5", "2023-08", 47.5), ("September 2023", "Month 6", "2023-09", 56.8)]
    assert (tax[-1].target, tax[-1].rag) == (57.0, "amber")
    assert len(named(found, "")) == 16


def test_a_column_headed_by_a_short_year_gives_that_years_figures() -> None:
    found = named(records(paper("ravensmoor-environment-p7-2023-24")), "Households in temporary accommodation")
    assert [(r.period, r.period_key, r.value, r.target, r.rag) for r in found] == [
        ("22/23", "2022/23", 212.0, None, None), ("Q2 23/24", "2023/24 Q2", 195.0, 200.0, "green")]


def test_a_suppressed_count_is_no_figure_but_keeps_its_text_and_status() -> None:
    text = ("Corporate scorecard\nCabinet, 16 January 2024\n\nQuarter 3 2023/24\n\n"
            "Indicator\tTarget\tQ3 2023/24\tRAG\n"
            "Children with a plan reviewed late\t10\t<5\tGreen\n"
            "Complaints responded to on time\t90%\t85%\tAmber\n")
    row = one(records(text), "Children with a plan reviewed late", "Q3 2023/24")
    # statistics print small counts as "<5": 5 is not the figure, and no status is worked out from it
    assert (row.value, row.value_text, row.target, row.rag, row.target_status) == (None, "<5", 10.0, "green", None)
    assert row.confidence < 0.9


def test_a_previous_column_headed_by_how_far_back_it_looks_gets_that_period() -> None:
    text = ("Children's services performance\nScrutiny Panel, 5 February 2024\n\n"
            "Measure\tQ3 23/24\tSame period last year\tPrevious quarter\tEngland Avg\n"
            "Re-referrals within 12 months (%)\t21.3%\t23.9%\t22.4%\t21.5%\n")
    row = one(records(text), "Re-referrals within 12 months")
    # two previous columns: the first is taken, and its period is the same quarter a year before
    assert row.previous is not None and (row.previous.value, row.previous.period) == (23.9, "Q3 2022/23")
    text = text.replace("Same period last year\t", "").replace("23.9%\t", "")
    row = one(records(text), "Re-referrals within 12 months")
    assert row.previous is not None and (row.previous.value, row.previous.period) == (22.4, "Q2 2023/24")


def test_a_current_quarter_column_beside_dated_ones_takes_the_papers_reporting_period() -> None:
    """'Current quarter' beside 'Q2 2023/24' in a paper titled for Quarter 3 2023/24: its figures
    are Q3 2023/24's (the `[current_period]` words of patterns/headers.toml), and the undated
    target and RAG go with them, not with Q2's. A label of another kind ('This month' in a
    quarter's paper) is not given the quarter."""
    text = ("Adult Social Care Performance Report – Quarter 3 2023/24\n\n"
            "Indicator\tQ2 2023/24\tCurrent quarter\tTarget\tRAG\n"
            "Percentage of adults in paid employment\t5.9%\t6.1%\t7.0%\tRed\n"
            "Proportion of people who feel safe\t70.2%\t71.4%\t70.0%\tGreen\n")
    found = records(text)
    assert [(r.period_key, r.value, r.target, r.rag) for r in named(found, "Percentage of adults")] == [
        ("2023/24 Q2", 5.9, None, None), ("2023/24 Q3", 6.1, 7.0, "red")]
    for header in ("This quarter", "Latest"):
        latest = one(records(text.replace("Current quarter", header)), "Proportion of people", "Quarter 3 2023/24")
        assert (latest.value, latest.period_key) == (71.4, "2023/24 Q3")
    assert [r.value for r in records(text.replace("Current quarter", "This month"))
            if r.indicator.startswith("Proportion")] == [70.2]


def test_a_latest_column_takes_the_period_of_its_section_heading() -> None:
    text = ("Corporate Performance Report\n\nHousing – December 2023\n\n"
            "Indicator\tNovember 2023\tThis month\tTarget\n"
            "Average days to re-let council homes\t31\t28\t30\n")
    assert [(r.period_key, r.value) for r in records(text)] == [("2023-11", 31.0), ("2023-12", 28.0)]


def test_a_period_column_after_a_frequency_column_dates_each_row() -> None:
    found = {r.code: r for r in records(paper("wyvern-corporate-scorecard-q3-2023-24")) if r.code}
    # "Frequency" and "Period" are both the period's role: the column that holds a period dates the row
    assert [(code, r.period_key, r.value) for code, r in found.items()][:4] == [
        ("CP01", "2023/24 Q2", 44.1), ("CP02", "2023-12", 18.2), ("CP03", "2022/23", 78.0),
        ("CP04", "2023-04-01 to 2023-12-31", 212.0)]


def test_a_rolling_or_year_to_date_figure_covers_its_span() -> None:
    found = records(paper("wyvern-corporate-scorecard-q3-2023-24"))
    assert [(r.code, r.period, r.period_text, r.period_key) for r in found if r.code in ("CP02", "CP05", "CP06")] == [
        ("CP02", "Dec-23", "Dec-23", "2023-12"),
        ("CP05", "12 months to December 2023", "Dec-23", "12 months to 2023-12"),
        ("CP06", "Year to date Q3 23/24", "Q3 23/24", "2023-04-01 to 2023-12-31")]
    planning = one(found, "Planning applications determined in time")  # under "Q3 2023/24 YTD"
    assert (planning.period, planning.period_text, planning.period_key) == (
        "Year to date Q3 2023/24", "Q3 2023/24", "2023-04-01 to 2023-12-31")


def test_a_header_row_inside_a_table_gives_the_rows_under_it_their_columns() -> None:
    # two tables set as one: the second part's header row is not a KPI, and its rows are read by it
    text = ("Scorecard\nCabinet, 22 February 2024\n\n"
            "Ref\tMeasure\tPeriod\tResult\tTarget\n"
            "CP02\tAverage days to process new benefit claims\tDec-23\t18.2\t20\n"
            "Measure\tQ3 2023/24 YTD\tTarget\tStatus\n"
            "Planning applications determined in time\t91%\t90%\tGreen\n")
    found = records(text)
    assert [(r.indicator, r.period_key, r.value, r.target) for r in found] == [
        ("Average days to process new benefit claims", "2023-12", 18.2, 20.0),
        ("Planning applications determined in time", "2023-04-01 to 2023-12-31", 91.0, 90.0)]


def test_a_row_whose_reference_cell_holds_a_sentence_gives_no_record() -> None:
    # two rows run into one: the name and figures of such a row are not under their headers
    text = ("Scorecard\nCabinet, 22 February 2024\n\n"
            "Ref\tMeasure\tPeriod\tResult\tTarget\n"
            "CP02\tAverage days to process new benefit claims\tDec-23\t18.2\t20\n"
            "CP06 Measure Planning applications determined in time\tMissed bins Q3 2023/24 YTD 91%\tQ3 23/24\t61\t60\n")
    assert [r.code for r in records(text)] == ["CP02"]


def test_month_columns_without_a_year_are_months_of_the_papers_year() -> None:
    """Regression: a monthly trend table ("Target | Apr | May | ... | Mar | RAG") gave no record:
    a month's name alone was no period."""
    found = records(paper("ashmoor-resources-monthly-2024-25-m8"))
    tax = named(found, "Council tax collected")
    # the months not yet reported (Dec to Mar) are no records; the year's target and the RAG go
    # with the latest month reported
    assert [(r.period, r.value) for r in tax][:2] == [("April 2024", 10.9), ("May 2024", 19.8)]
    assert [(r.period, r.period_key, r.value, r.target, r.rag) for r in tax][-1] == (
        "November 2024", "2024-11", 72.9, 97.5, "green")
    assert len(tax) == 8 and len(found) == 48


def test_a_column_of_dated_periods_dates_each_row_whatever_its_header() -> None:
    """Regression: "Latest month" is a figure's header in most tables, but over "Nov-24" cells it
    says when each row's figure is for; the figure was looked for in it and none was found."""
    found = records(paper("north-calder-icb-ipr-2025-01"))
    ae = one(found, "A&E: patients admitted")
    assert (ae.period_key, ae.value, ae.target, [(b.name, b.value) for b in ae.benchmarks]) == (
        "2024-11", 72.4, 78.0, [("England", 74.2)])
    assert ae.previous is not None and (ae.previous.value, ae.previous.period) == (71.8, "October 2024")
    rtt = one(found, "Referral to treatment")
    assert (rtt.period_key, rtt.value, rtt.target) == ("2024-10", 58.9, 92.0)
    # a "Month" column of "October 2024" cells, beside "Plan | Actual"
    talking = one(found, "Talking therapies")
    assert (talking.period, talking.value, talking.target) == ("October 2024", 1318.0, 1450.0)
    assert one(found, "Dementia diagnosis rate").period == "September 2024"


def test_a_header_cell_spanning_both_header_rows_names_its_column() -> None:
    """Regression: "Indicator" printed in the first of two header rows, over the blank cell of the
    second ("Actual | Target" under each year), hid the second row's roles: no target was read."""
    found = records(paper("bramley-heath-cabinet-q2-2024-25"))
    leisure = named(found, "Leisure centre visits")
    assert [(r.period, r.value, r.target, r.rag) for r in leisure] == [
        ("2023/24", 612400.0, 600000.0, None), ("Q2 2024/25", 318900.0, 300000.0, "green")]
    assert one(found, "Fly-tips removed", "Q2 2024/25").target == 90.0
    assert not named(found, "Actual")  # the second header row is no record


def test_kpis_in_bullets_against_a_target() -> None:
    """Regression: three bullets of a summary gave no record or a part of a name: a labelled
    last year's figure in brackets made the line read as a card's figures; a count opening its
    sentence ("64 affordable homes were delivered") had no name; "Minor planning applications:
    84% decided within 8 weeks" lost what the share counts."""
    found = records(paper("bramley-heath-cabinet-q2-2024-25"))
    waste = one(found, "Household waste recycled")
    assert (waste.value, waste.target, waste.unit) == (46.2, 50.0, "%")
    homes = one(found, "Affordable homes delivered")
    assert (homes.value, homes.target, homes.unit) == (64.0, 75.0, "count")
    planning = one(found, "Minor planning applications")
    assert (planning.indicator, planning.value, planning.target) == (
        "Minor planning applications decided within 8 weeks", 84.0, 70.0)


def test_a_count_without_a_target_or_a_deed_in_the_passive_names_nothing() -> None:
    text = ("# Testshire Council\n\nCabinet, 14 November 2024\n\n## Quarter 2 2024/25 summary\n\n"
            "- 64 staff joined the council in the half year, against a target of 75.\n"
            "- 12 new apprentices were recruited in the half year.\n")
    assert records(text) == []


def test_a_heading_beside_one_of_its_level_names_its_section_even_with_a_period() -> None:
    """Regression: a heading naming a period ("Tenant Satisfaction Measures 2024/25") kept the
    title of the heading before it, though that was its sibling (the meeting's line, both printed
    at one size), not a section it notes the period of."""
    table = "Measure\t2024/25\tTarget\nRent collected as a percentage of rent due\t97.1%\t98%\n"
    found = records("# Castlebrook Homes\n\n### Housing Committee, 10 July 2025\n\n"
                    f"### Tenant Satisfaction Measures 2024/25\n\n{table}")
    assert [r.section for r in found] == ["Tenant Satisfaction Measures 2024/25"]
    # a heading that is only a period dates the section it is in
    found = records(f"# Castlebrook Homes\n\n### Rent collection\n\n### Quarter 3 2024/25\n\n{table}")
    assert [r.section for r in found] == ["Rent collection"]


def test_an_arrow_before_a_bullets_name_is_its_direction_not_a_word_of_it() -> None:
    """Regression: "▲ Rent arrears ...: 2.1% (target 2.5%)" gave no record: the arrow stood
    where the name begins."""
    text = ("# Elmfield Borough Council\n\nPerformance and Audit Committee, 20 November 2024\n\n"
            "## Quarter 2 2024/25 performance\n\n"
            "- ▲ Rent arrears as a percentage of rent due: 2.1% (target 2.5%)\n"
            "- ► Calls answered within 3 minutes: 91% (target 90%)\n")
    assert [(r.indicator, r.value, r.target, r.direction) for r in records(text)] == [
        ("Rent arrears as a percentage of rent due", 2.1, 2.5, "up"),
        ("Calls answered within 3 minutes", 91.0, 90.0, "unchanged")]


def test_a_heading_under_the_papers_masthead_names_its_section_even_with_a_period() -> None:
    """Regression: under the council's name and the meeting's line, all printed at the body's
    size, "Quarter 3 2024/25 key performance indicators" named only a period, and the table's
    section was the council's name."""
    doc = read_pdf(DATA / "chromium" / "fordham-kpis-q3-2024-25.pdf")
    found = extract_document(doc)
    assert {r.section for r in found} == {"Quarter 3 2024/25 key performance indicators"}


def test_a_marked_heading_with_a_chart_legends_word_names_and_dates_its_section() -> None:
    """Regression: "## Quarter 2 2024/25 performance" read as a chart's label (a period and the
    legend word "performance"), so it neither named nor dated the tables under it."""
    table = "Measure\tActual\tTarget\nRent collected as a percentage of rent due\t97.1%\t98%\n"
    found = records("# Testford Borough Council\n\nAudit Committee, 20 November 2024\n\n"
                    f"## Quarter 2 2024/25 performance\n\n{table}")
    assert [(r.section, r.period) for r in found] == [("Quarter 2 2024/25 performance", "Quarter 2 2024/25")]


RATED_UNDER_A_KEY = """Key to ratings

On target

Within tolerance

Off target

Waste and streets

Measure\tQ3 2024/25\tTarget
Fly-tips cleared within two working days\t91%\t95%
Streets graded clean at inspection\t96%\t94%
"""


def test_a_key_of_status_headings_rates_nothing_that_follows() -> None:
    """A real paper's key ('Target not achieved', 'Target slightly missed', 'Target met') and
    its summary's labels ('Green', 'Amber', 'Red') read as headings one after another: the last
    one rated every KPI in the paper red."""
    assert {r.rag for r in records(RATED_UNDER_A_KEY)} == {None}


def test_one_status_heading_still_rates_its_section() -> None:
    text = RATED_UNDER_A_KEY.replace("On target\n\nWithin tolerance\n\n", "")
    assert {r.rag for r in records(text)} == {"red"}
