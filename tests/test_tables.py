"""Table and labelled-line layouts on small papers written the way councils write them.

Each test is one shape: period-named value columns, a period x role wide table, rows wrapped
across a blank line, a value split across cells, trend-chart noise, missing-value cells,
KPIs|Comments tables with Data: rows, and dashboard "Latest: 45%  Target: 50%" lines.
"""

from __future__ import annotations

from kpiextract.api import extract_document
from kpiextract.models import KPIRecord
from kpiextract.readers.text import parse_text


def records(text: str) -> list[KPIRecord]:
    return extract_document(parse_text(text, source="paper.txt"))


def by_period(found: list[KPIRecord], indicator_start: str) -> dict[str | None, KPIRecord]:
    return {r.period: r for r in found if r.indicator.startswith(indicator_start)}


def test_period_named_value_columns_give_one_record_per_period_latest_with_target_and_status() -> None:
    found = records(
        "Indicator\t2013/14 Outturn\tQ1 2014/15\tQ2 2014/15\tTarget\tStatus\n"
        "Percentage of household waste recycled\t41.2%\t43.0%\t44.1%\t45%\tAmber\n"
    )
    rows = by_period(found, "Percentage of household waste")
    assert list(rows) == ["2013/14", "Q1 2014/15", "Q2 2014/15"]
    assert [r.value for r in rows.values()] == [41.2, 43.0, 44.1]
    latest = rows["Q2 2014/15"]
    assert (latest.target, latest.rag, latest.period_start, latest.period_end) == (45.0, "amber", "2014-07-01",
                                                                                     "2014-09-30")
    assert rows["2013/14"].target is None and rows["Q1 2014/15"].target is None
    assert all(r.layout == "scorecard" for r in found)


def test_wide_table_gives_value_target_and_intervention_per_quarter() -> None:
    found = records(
        "Measure\tQ1 Target 2024/25\tQ1 Intervention 2024/25\tQ1 Actual 2024/25\tQ2 Target 2024/25\t"
        "Q2 Intervention 2024/25\tQ2 Actual 2024/25\tReason for level of performance\n"
        "Percentage of FOI requests answered within 20 working days\t90%\t80%\t85.5\ttbc\tn/a\tnot avail\tStaffing\n"
        "Number of households in temporary accommodation\t400\t450\t389\t400\t450\t\n"
    )
    foi = by_period(found, "Percentage of FOI")
    q1, q2 = foi["Q1 2024/25"], foi["Q2 2024/25"]
    # "85.5" without a % in a row whose other cells print % is a percentage
    assert (q1.value, q1.unit, q1.target, q1.intervention, q1.polarity) == (85.5, "%", 90.0, 80.0, "higher")
    assert (q2.value, q2.value_text, q2.target) == (None, "not avail", None)  # the gap stays visible
    # the undated commentary explains the latest figure there is: Q1's, while Q2's is not available
    assert (q1.commentary, q2.commentary) == ("Staffing", None)
    homes = by_period(found, "Number of households")
    assert homes["Q1 2024/25"].polarity == "lower"  # intervention above target: lower is better
    assert homes["Q2 2024/25"].value is None
    assert all(r.layout == "wide-scorecard" for r in found)


def test_row_continued_after_a_blank_line_joins_its_measure() -> None:
    found = records(
        "Measure\tQ1 Target 2024/25\tQ1 Actual 2024/25\tQ2 Target 2024/25\tQ2 Actual 2024/25\tComments\n"
        "Missed bins per 100,000 collections\t50\t48\t50\t61\tCrew shortages in\n"
        "\n"
        "\t\t\t\t\tAugust and September.\n"
    )
    assert len(found) == 2
    assert found[-1].commentary == "Crew shortages in August and September."


def test_value_split_across_cells_is_rejoined_only_when_the_commentary_confirms_it() -> None:
    header = "PI\tAim to:\tCurrent Value\tTarget\tTrend Chart\tCommentary\n"
    split = "Average Attainment 8 score\tAim to Maximise 57\t7.4\t55.1\t90\tThe result in 2022 is 57.4, above target.\n"
    repaired = records(header + split)[0]
    assert (repaired.value, repaired.target, repaired.polarity, repaired.period) == (57.4, 55.1, "higher", "2022")
    assert repaired.confidence < 0.9  # a repaired figure is flagged as less certain
    unconfirmed = records(header + split.replace("57.4", "56.0"))[0]
    assert unconfirmed.value == 7.4


def test_trend_chart_axis_labels_are_not_figures() -> None:
    found = records(
        "PI\tAim to:\tCurrent Value\tTarget\tTrend Chart\tBenchmarking\tCommentary\n"
        "% of calls answered within 60 seconds\tMinimise\t81%\t85%\t100% 90% 80% 70% Quarters\tNone available\t\n"
    )
    assert len(found) == 1
    assert (found[0].value, found[0].target, found[0].benchmarks) == (81.0, 85.0, [])


def test_benchmarking_cell_and_rag_from_the_heading_above() -> None:
    found = records(
        "Adult Social Care RED\n\n"
        "PI\tAim to:\tCurrent Value\tTarget\tBenchmarking\n"
        "% of safeguarding enquiries where outcomes were met\tAim to Maximise\t88%\t95%\t"
        "England 94%, North West 93%, Statistical Neighbours 94.5% (SAC 2022/23)\n"
    )
    record = found[0]
    assert record.rag == "red"
    assert {b.name: b.value for b in record.benchmarks} == {"England": 94.0, "North West": 93.0,
                                                            "Statistical Neighbours": 94.5}
    assert all(b.period == "2022/23" for b in record.benchmarks)


def test_kpis_comments_table_with_codes_data_rows_and_a_kpi_without_a_figure() -> None:
    found = records(
        "Areas for Development\n\n"
        "KPIs\tComments\n"
        "H12 Percentage of homelessness cases prevented Data:\tThe prevention rate has not reached the target "
        "of 60%, however it has increased 4% since Quarter 1, reaching 52.5% in Quarter 2 (high is good).\n"
        "H14 Average days to re-let council homes\tVoids remain high.\n"
        "Data:\tRe-let times rose by 3 days to 41 days against a target of 28 days (low is good).\n"
        "H20 Tenant satisfaction with repairs\tSurvey results are not yet available.\n"
    )
    rows = {r.code: r for r in found}
    assert set(rows) == {"H12", "H14", "H20"}
    assert (rows["H12"].value, rows["H12"].target, rows["H12"].period, rows["H12"].rag) == (52.5, 60.0, "Quarter 2",
                                                                                             "red")
    assert (rows["H14"].value, rows["H14"].unit, rows["H14"].target, rows["H14"].polarity) == (41.0, "days", 28.0,
                                                                                                 "lower")
    assert rows["H20"].value is None
    assert all(r.layout == "successes-table" for r in found)


def test_derived_target_in_a_comment() -> None:
    found = records(
        "Successes\n\nKPIs\tComments\n"
        "C7 Percentage of complaints answered on time\tPerformance rose to 93.5%, which is 3.5% higher than "
        "target (high is good).\n"
    )
    assert (found[0].value, found[0].target, found[0].target_derived, found[0].rag) == (93.5, 90.0, True, "green")


def test_labelled_value_lines_give_one_record_per_kpi_named_above_them() -> None:
    found = records(
        "Adult Social Care Dashboard\n\nQuarter 2 2024/25\n\n"
        "Permanent admissions to residential care (65+) per 100,000\n"
        "Latest: 312.4  Target: 300, Floor: 340  Previous: 298.0 (Amber)\n\n"
        "Reablement: still at home 91 days after discharge\n"
        "Latest: 84%\n"
    )
    admissions, reablement = found
    # "(Amber)" after the previous value is the previous quarter's rating, not this quarter's
    assert (admissions.value, admissions.target, admissions.intervention, admissions.rag) == (312.4, 300.0, 340.0,
                                                                                              None)
    assert admissions.previous is not None and (admissions.previous.value, admissions.previous.rag) == (298.0,
                                                                                                        "amber")
    assert admissions.period == "Quarter 2 2024/25"
    assert (reablement.value, reablement.unit, reablement.rag) == (84.0, "%", None)


def test_a_years_target_column_joins_that_years_figure_not_a_record_of_its_own() -> None:
    found = records(
        "Indicator\t2022/23\t2023/24 Q2\tTarget 2023/24\tRAG\n"
        "Average days to re-let council homes\t38.6\t33.1\t28\tRed\n"
    )
    rows = by_period(found, "Average days")
    assert list(rows) == ["2022/23", "2023/24 Q2"]
    assert (rows["2023/24 Q2"].target, rows["2023/24 Q2"].rag) == (28.0, "red")
    assert (rows["2022/23"].target, rows["2022/23"].rag) == (None, None)


def test_status_goes_to_the_latest_period_by_date_not_by_column_order() -> None:
    found = records(
        "Measure\tTarget 2022/23\tOutturn 2021/22\tOutturn 2022/23\tStatus\n"
        "Council tax collected in year (%)\t97%\t95.8%\t96.2%\tAmber\n"
    )
    rows = by_period(found, "Council tax")
    assert (rows["2022/23"].value, rows["2022/23"].target, rows["2022/23"].rag) == (96.2, 97.0, "amber")
    assert rows["2021/22"].rag is None


def test_a_range_in_a_target_cell_and_a_status_column_named_by_quarter() -> None:
    found = records(
        "Ref\tIndicator\tTarget range\tQ1\tQ2\tQ3\tQ4\tQ3 RAG\n"
        "PH02\tSuccessful completions of drug treatment (%)\t30-35%\t33.0%\t36.4%\t31.9%\tTBC\tGreen\n"
    )
    rows = by_period(found, "Successful completions")
    assert (rows["Q3"].target_range, rows["Q3"].target, rows["Q3"].rag) == ((30.0, 35.0), None, "green")
    assert rows["Q4"].value is None and rows["Q4"].rag is None


def test_dashboard_lines_with_period_direction_and_comparator() -> None:
    found = records(
        "Planning\n\n"
        "Major planning applications determined within 13 weeks or agreed time\n"
        "Latest: 94%  Target: 60%  Previous: 100% (Green)\n"
        "Period: Q2 2023/24  Good is: High\n"
        "National average: 88% (year to June 2023)\n\n"
        "Minor planning applications determined within 8 weeks or agreed time\n"
        "Latest: 81.7%  Target: 70%  Previous: 79.2% (Green)\n"
        "Period: Q2 2023/24  Good is: High\n"
        "National average: 84%\n"
    )
    # "(Green)" after "Previous: 100%" rates the previous period: this period's RAG is not printed
    assert [(r.indicator.split()[0], r.value, r.target, r.period, r.polarity, r.rag) for r in found] == [
        ("Major", 94.0, 60.0, "Q2 2023/24", "higher", None),
        ("Minor", 81.7, 70.0, "Q2 2023/24", "higher", None)]
    assert [r.previous and (r.previous.value, r.previous.rag) for r in found] == [(100.0, "green"), (79.2, "green")]
    assert [[(b.name, b.value) for b in r.benchmarks] for r in found] == [[("National", 88.0)], [("National", 84.0)]]


def test_with_two_indicator_like_columns_the_one_holding_words_is_the_indicator() -> None:
    found = records(
        "KPI\tIndicator\tJul-23\tAug-23\tSep-23\tYTD 2023-24\tYTD target\tRAG\n"
        "1\tDwelling fires attended within 10 minutes (%)\t65.5%\t62.9%\t69.0%\t67.2%\t75%\tRed\n"
    )
    rows = by_period(found, "Dwelling fires")
    assert list(rows) == ["Jul-23", "Aug-23", "Sep-23", "2023-24"]
    # the year-to-date column ends last, so it is the latest: it takes the target and the RAG
    assert (rows["2023-24"].value, rows["2023-24"].target, rows["2023-24"].rag, rows["2023-24"].code) == (
        67.2, 75.0, "red", "1")
    assert rows["Sep-23"].target is None


def test_this_year_and_last_year_columns() -> None:
    found = records(
        "Performance report Quarter 1 2024/25\n\n"
        "Indicator\tLast year\tThis year\tChange\tTarget\tBetter if\n"
        "Housing Benefit new claims - average days to process\t19\t14\t-5\t18\tLower\n"
    )
    assert (found[0].value, found[0].previous and found[0].previous.value, found[0].target, found[0].polarity) == (
        14.0, 19.0, 18.0, "lower")


def test_a_percentage_beside_a_count_is_the_figure_when_the_target_is_a_percentage() -> None:
    found = records("| Measure | Q3 2023/24 | Target |\n|---|---|---|\n"
                    "| 999 calls answered within 10 seconds | 66,213 (91.2%) | 90% |\n")
    assert (found[0].value, found[0].unit, found[0].value_text) == (91.2, "%", "66,213 (91.2%)")


def test_a_period_in_the_value_cell_or_a_period_column_dates_the_row() -> None:
    found = records(
        "Measure\tBaseline\tLatest\tTarget 2024/25\tStatus\n"
        "Children in care per 10,000 children aged under 18\t71 (Mar-24)\t69 (Sep-24)\t68\tOn track\n"
        "Victim Code compliance\t80%\t87%\t85%\tOn track\n"
    )
    care, code = found
    assert (care.period, care.value, care.previous and care.previous.value) == ("Sep-24", 69.0, 71.0)
    assert care.polarity is None  # green a whisker off target says nothing of direction
    assert code.period == "2024/25"


def test_tick_and_cross_status_marks() -> None:
    found = records(
        "PI Ref\tPerformance Indicator\tQ3 2023-24\t2023-24 Target\tStatus\n"
        "PAM/012\tPercentage of households prevented from becoming homeless\t67.8%\t65%\t✓\n"
        "PAM/015\tAverage calendar days to deliver a Disabled Facilities Grant\t276\t250\t✗\n"
    )
    assert [(r.code, r.rag) for r in found] == [("PAM/012", "green"), ("PAM/015", "red")]


def test_not_on_target_is_no_green() -> None:
    # a real summary's heading "Not on target" read as green, by the "on target" inside it; as a
    # heading over rows and as a status cell it is red
    found = records(
        "Not on target\n\n"
        "Measure\tQ2 2024/25\tTarget\n"
        "Percentage of major planning applications decided in time\t71%\t80%\n\n"
        "On target\n\n"
        "Measure\tQ2 2024/25\tTarget\tStatus\n"
        "Percentage of minor planning applications decided in time\t88%\t85%\tOn target\n"
        "Percentage of other planning applications decided in time\t79%\t85%\tNot on target\n"
    )
    assert [(r.indicator.split()[2], r.rag) for r in found] == [("major", "red"), ("minor", "green"), ("other", "red")]


def test_exception_blocks_a_title_then_a_performance_line() -> None:
    found = records(
        "Exception reports\n\n"
        "KPI 4 – Accidental dwelling fires per 10,000 dwellings\n"
        "Performance: 3.9 (target 3.5)  RAG: Red\n\n"
        "There were 121 accidental dwelling fires in the six months.\n\n"
        "KPI 10 – On-call fire engine availability\n"
        "Performance: 85.1% against a target of 90% – RAG: Red\n"
    )
    assert [(r.code, r.indicator, r.value, r.target, r.rag, r.polarity) for r in found] == [
        ("KPI 4", "Accidental dwelling fires per 10,000 dwellings", 3.9, 3.5, "red", "lower"),
        ("KPI 10", "On-call fire engine availability", 85.1, 90.0, "red", "higher")]


def test_a_bold_named_kpi_with_a_count_is_a_record() -> None:
    found = records("4.1 **Domestic abuse-related crimes** have increased by 3.4% to 14,227 in the 12 months to "
                    "December 2023.\n")
    assert [(r.indicator, r.value, r.period) for r in found] == [
        ("Domestic abuse-related crimes", 14227.0, "12 months to December 2023")]


def test_the_councils_own_figure_is_never_a_comparator_named_after_it() -> None:
    """Issue 13: "Buckinghamshire = 82.0%" beside England and the South East is the council's own
    figure for the comparators' year: kept as "Own council", one column for every council."""
    from kpiextract.models import Benchmark
    from kpiextract.parsing.benchmarks import OWN_COUNCIL, own_figure

    benches = [Benchmark(name="England", value=59.9), Benchmark(name="Buckinghamshire", value=82.0, period="2021")]
    kept = own_figure(benches, ["Buckinghamshire"], value=82.2)
    assert [(b.name, b.value, b.period) for b in kept] == [("England", 59.9, None), (OWN_COUNCIL, 82.0, "2021")]
    # the council's figure repeated among the comparators is no comparator at all
    assert [b.name for b in own_figure(benches, ["Buckinghamshire County Council"], value=82.0)] == ["England"]
    assert own_figure(benches, [], value=82.2) == benches


def test_next_years_target_is_not_this_years() -> None:
    # "2018/19 target" beside "2017/18 value": the target is for the year after the figure, so
    # the figure has no target of its own and is not judged against next year's
    found = records(
        "Performance indicator\t2017/18 value\t2018/19 target\n"
        "% of household waste sent for reuse, recycling and composting\t22.2%\t22.3%\n"
        "Reports about non-collection of waste\t4,287\t2,114\n"
    )
    assert [(r.period, r.value, r.target, r.target_status) for r in found] == [
        ("2017/18", 22.2, None, None), ("2017/18", 4287.0, None, None)]
    # ...but it is kept beside the figure, with its year, for the analyst
    assert [(t.value, t.period, t.text) for r in found if (t := r.next_target)] == [
        (22.3, "2018/19", "22.3%"), (2114.0, "2018/19", "2,114")]


def test_next_years_target_after_quarters_is_kept_apart() -> None:
    # quarters of one year, then the next year's target: the latest quarter keeps it as next_target;
    # a row with no next target has none, and an earlier quarter never gets one
    found = records(
        "Measure\tQ1 2023/24\tQ2 2023/24\tTarget 2024/25\n"
        "Percentage of invoices paid within 30 days\t91%\t93%\t95%\n"
        "Number of complaints upheld\t12\t9\t\n"
    )
    assert [(r.period, r.value, r.target, r.next_target.value if r.next_target else None) for r in found] == [
        ("Q1 2023/24", 91.0, None, None), ("Q2 2023/24", 93.0, None, 95.0),
        ("Q1 2023/24", 12.0, None, None), ("Q2 2023/24", 9.0, None, None)]


def test_a_target_dated_inside_the_figures_year_stays_with_the_figure() -> None:
    # "Target 2023/24" over a quarter of that year is the year's target, read with its figure
    found = records(
        "Measure\tQ2 2023/24\tTarget 2023/24\n"
        "Percentage of FOI requests answered within 20 working days\t88%\t90%\n"
    )
    assert [(r.period, r.value, r.target) for r in found] == [("Q2 2023/24", 88.0, 90.0)]


def test_a_target_dated_at_the_years_end_is_the_latest_figures_target() -> None:
    # "Target (Aug 2024)" after the terms of that school year: the date the target is to be met by
    found = records(
        "Measure\tAutumn term 2023\tSpring term 2024\tTarget (Aug 2024)\n"
        "Percentage of pupils attending a good school\t85%\t86%\t90%\n"
    )
    assert [(r.period, r.value, r.target) for r in found] == [
        ("Autumn term 2023", 85.0, None), ("Spring term 2024", 86.0, 90.0)]


def test_a_comparator_column_for_each_year_goes_with_that_years_figure() -> None:
    """A real ASCOF table printed '2021/22 England Average' and '2022/23 England Average' beside
    each year's outturn; the 2021/22 England figure was given to the 2022/23 record. A comparator
    for a year the row has no figure of its own for (a lagged one) still goes with the latest."""
    table = (
        "Measure\t2022/23 Outturn\t2023/24 Outturn\t2022/23 England Average\t2023/24 England Average\n"
        "Proportion of carers who feel involved in decisions\t71.2%\t74.0%\t69.9%\t70.4%\n"
        "Adults with a learning disability in paid employment\t5.1%\t5.8%\t4.8%\tTBC\n"
    )
    found = records(table)
    carers = by_period(found, "Proportion of carers")
    assert [(b.name, b.value) for b in carers["2022/23"].benchmarks] == [("England", 69.9)]
    assert [(b.name, b.value) for b in carers["2023/24"].benchmarks] == [("England", 70.4)]
    employment = by_period(found, "Adults with a learning disability")
    assert [b.value for b in employment["2022/23"].benchmarks] == [4.8]
    assert employment["2023/24"].benchmarks == []
    lagged = records("Measure\t2023/24 Outturn\t2022/23 England Average\n"
                     "Proportion of carers who feel involved in decisions\t74.0%\t69.9%\n")
    assert [b.value for b in lagged[0].benchmarks] == [69.9]
