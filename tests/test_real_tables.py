"""Real council performance tables, as their PDFs came out as text (damage and all).

Each input in tests/data/real is the smallest faithful excerpt of a real paper; the rules they
test are general (the header's structure and the vocabulary in patterns/), never a paper's wording.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kpiextract.api import extract, extract_document
from kpiextract.layouts.columns import read_column
from kpiextract.models import KPIRecord
from kpiextract.parsing.periods import find_periods
from kpiextract.parsing.subjects import strip_lead, target_for
from kpiextract.readers.text import parse_text
from kpiextract.vocab import load

DATA = Path(__file__).parent / "data" / "real"


def records(name: str) -> list[KPIRecord]:
    result = extract(DATA / name)
    assert result.error is None, result.error
    return result.records


def one(found: list[KPIRecord], start: str, period: str) -> KPIRecord:
    matches = [r for r in found if r.indicator.startswith(start) and r.period == period]
    assert len(matches) == 1, [(r.indicator, r.period, r.value) for r in found]
    return matches[0]


def test_a_year_end_column_beside_the_quarters_is_the_years_figure_with_the_annual_target() -> None:
    # "Target | Q1 | Q2 | Q3 | Q4 | Yr end total / average" under a title naming 2023 / 2024
    found = records("annual-pis-year-end-column.txt")
    year = one(found, "% of undisputed invoices paid within 10 days", "2023/24")
    assert (year.value, year.target) == (59.25, 60.0)
    # the annual target stands against the last quarter too, which ends with the year; the
    # earlier quarters have none of their own
    assert one(found, "% of undisputed invoices paid within 10 days", "Q4 2023/24").target == 60.0
    assert one(found, "% of undisputed invoices paid within 10 days", "Q2 2023/24").target is None
    days = one(found, "Average number of days taken for an invoice to be paid", "2023/24")
    assert (days.value, days.target) == (8.8, 14.0)
    # "7 working days" over a share of complaints is the standard counted against, not a target
    complaints = one(found, "To reply to complaints within 7 working days", "2023/24")
    assert (complaints.value, complaints.target) == (97.5, None)


def test_year_end_headers_name_the_figure_its_target_or_a_forecast() -> None:
    vocab = load()
    assert read_column(0, "Yr end total / average", vocab).role == "value"
    assert read_column(0, "Full year outturn", vocab).role == "value"
    assert read_column(0, "Year end target", vocab).role == "target"
    assert read_column(0, "Year end forecast", vocab).role == "forecast"
    assert read_column(0, "Projected outturn", vocab).role == "forecast"


def test_a_headings_period_for_the_bracketed_comparison_figures_is_not_the_sections() -> None:
    # "Headline facts (2017/18 figures in brackets for comparison)" in a summary of 2018/19: the
    # figures the sentences state are 2018/19's, the bracketed ones 2017/18's
    found = records("headline-facts-bracketed-comparison.txt")
    minor = one(found, "Number of 'minor' planning applications", "2018/19")
    assert minor.value == 92.6
    assert not [r for r in found if r.period == "2017/18" and r.value in (92.6, 97.8, 100.0)]


def test_a_range_of_months_may_run_through_to_its_end() -> None:
    [period] = find_periods("covering April 2018 through to March 2019 (with the exception of")
    assert (period.kind, period.start, period.end) == ("range", date(2018, 4, 1), date(2019, 3, 31))
    [period] = find_periods("April 2018 through March 2019")
    assert (period.start, period.end) == (date(2018, 4, 1), date(2019, 3, 31))


def test_minutes_naming_a_kpi_by_its_code_then_noting_its_outturn() -> None:
    # "referred to CSP 21 - % Stage 3 complaints responded to in 20 working days (Quarterly) and
    # noted the outturn of 53% against a target of 100%": the 20 days are the name's
    [found] = records("minutes-referred-code-and-outturn.txt")
    assert found.indicator == "% Stage 3 complaints responded to in 20 working days"
    assert (found.code, found.value, found.target) == ("CSP 21", 53.0, 100.0)
    assert found.period_start == "2022-04-01" and found.period_end == "2022-06-30"
    # the title's "(Quarter 1 - 2022/23)" ends at its year, not at the bracket it did not open
    assert found.period is not None and not found.period.endswith(")")


def test_a_target_for_a_measure_names_it_for_the_service_the_sentence_is_about() -> None:
    # "The IT helpdesk had seen a dramatic improvement ...; the target for first time fix was 45%
    # and the result was 96%": "IT" is the service, not the pronoun, and the helpdesk alone is no measure
    [found] = records("highlights-target-for-a-service-measure.txt")
    assert found.indicator == "IT helpdesk first time fix"
    assert (found.value, found.target, found.period) == (96.0, 45.0, "2021/22")


def test_minutes_saying_a_kpi_was_marked_with_a_red_flag_rate_it_red() -> None:
    # "... the cumulative performance was 14 days and ... questioned why it had been marked with
    # a red flag and included in the action report"
    [found] = records("minutes-marked-with-a-red-flag.txt")
    assert (found.code, found.value, found.target, found.rag) == ("HS15", 14.0, 11.0, "red")


def test_a_linking_word_is_stripped_only_whole() -> None:
    # "Again, ..." links; "Against a target of 75 ..." is no "again" with "st" left over
    assert strip_lead("Against a target of 75 there were 48 completions by the end of Q3.").startswith("Against")
    assert strip_lead("Again, the rate fell to 12%.") == "the rate fell to 12%."


def test_minutes_naming_a_kpi_in_brackets_by_its_number_or_a_figure_in_a_with_clause() -> None:
    found = records("minutes-numbered-kpi-and-with-clause.txt")
    # "one red-rated indicator – (KPI 10 Recycling) – against a challenging target of 60%, 54% was achieved"
    recycling = one(found, "Recycling", "Q4 2021/22")
    assert (recycling.code, recycling.value, recycling.target, recycling.rag) == ("KPI 10", 54.0, 60.0, "red")
    # "performance on Council Tax and Business Rates collection had improved ... with collection
    # rates for Council Tax collection now at 99.14%": the figure's measure is the one beside it
    council_tax = one(found, "Collection rates for Council Tax", "Q4 2021/22")
    assert council_tax.value == 99.14
    assert not [r for r in found if r.indicator.startswith("Performance on")]


def test_an_outturn_or_annual_column_after_the_quarters_is_the_years_figure_only_in_a_paper_on_the_year() -> None:
    table = "Indicator\tTarget\tQ1\tQ2\tQ3\tQ4\tOutturn\nPercentage of calls answered\t90%\t88%\t91%\t92%\t93%\t91%\n"
    annual = extract_document(parse_text("Annual Performance Report 2023/24\n\n" + table, source="paper.txt"))
    year = one(annual, "Percentage of calls answered", "2023/24")
    assert (year.value, year.target) == (91.0, 90.0)
    assert one(annual, "Percentage of calls answered", "Q3 2023/24").target is None
    # in a quarter's report an undated outturn may be the quarter's own: it is not made the year's
    quarterly = extract_document(parse_text("Quarter 3 Performance Report 2023/24\n\n"
                                            + table.replace("\tQ4", "").replace("\t93%", ""), source="paper.txt"))
    assert not [r for r in quarterly if r.period == "2023/24"]


def test_a_target_said_to_be_for_a_time_names_no_measure() -> None:
    assert target_for("the target for first time fix was 45% and the result was 96%") == "first time fix"
    for said in ("the target for next year is 50%", "the target for the year was 30", "the target for 2023/24 was 4%",
                 "the target for the coming quarter was 5%"):
        assert target_for(said) is None, said
