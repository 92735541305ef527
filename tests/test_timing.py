"""Periods completed from the paper, in one place (layouts/timing.complete_periods): a yearless
"Quarter 2" takes the paper's year, its dates and so a full period key; a previous value's period
reads the same whether a row prints "Q2" or "Q2 2023/24" (issue 13)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kpiextract.api import extract_document
from kpiextract.layouts.context import DocumentContext, build_context
from kpiextract.layouts.timing import complete_periods, previous_label
from kpiextract.models import KPIRecord, PreviousValue
from kpiextract.parsing.fiscal import financial_quarter
from kpiextract.parsing.period_keys import period_key
from kpiextract.parsing.periods import Period, parse_period
from kpiextract.readers.text import parse_text
from kpiextract.vocab import load

VOCAB = load()


def _fy(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _context(text: str) -> DocumentContext:
    return build_context(parse_text(text, source="paper.txt"), VOCAB)


def _paper_of_quarter(quarter: int, fy: int) -> DocumentContext:
    context = _context(f"Performance report\n\nThis report covers the period Quarter {quarter} {_fy(fy)}.\n")
    assert context.period is not None and context.period.quarter == quarter
    return context


def test_a_yearless_quarter_takes_the_papers_year_and_a_key() -> None:
    context = _paper_of_quarter(2, 2023)
    record = KPIRecord(indicator="Rent collected", value=97.1, period="Quarter 2", layout="table", confidence=0.9,
                       source_file="paper.txt", source_text="")
    complete_periods([record], context)
    assert (record.period, record.period_start, record.period_end) == ("Q2 2023/24", "2023-07-01", "2023-09-30")
    assert period_key(record.period_start, record.period_end, record.period) == "2023/24 Q2"


def test_previous_periods_written_two_ways_read_the_same() -> None:
    context = _paper_of_quarter(3, 2023)
    rows = [KPIRecord(indicator=name, value=1.0, period="Q3 2023/24", period_start="2023-10-01",
                      period_end="2023-12-31", previous=PreviousValue(value=2.0, period=label),
                      layout="table", confidence=0.9, source_file="paper.txt", source_text="")
            for name, label in (("Rent collected", "Q2"), ("Voids re-let", "Q2 2023/24"),
                                ("Repairs on time", "Quarter 2"))]
    complete_periods(rows, context)
    assert {r.previous.period for r in rows if r.previous} == {"Q2 2023/24"}


def test_the_same_quarter_as_previous_is_last_years() -> None:
    assert previous_label("Q3", date(2023, 10, 1), _context("Report\n")) == "Q3 2022/23"
    assert previous_label("Q4", date(2024, 4, 1), _context("Report\n")) == "Q4 2023/24"


def test_a_previous_month_takes_its_year_from_the_record() -> None:
    assert previous_label("December", date(2024, 1, 1), _context("Report\n")) == "December 2023"


def test_a_label_not_wholly_understood_is_left_as_printed() -> None:
    assert previous_label("same quarter last year", date(2024, 1, 1), _context("Report\n")) == \
        "same quarter last year"


def test_a_paper_dated_only_on_its_cover_dates_its_quarters() -> None:
    """No period stated up front: the meeting date places 'Quarter 2' (the latest Q2 ended by then)."""
    paper = ("Cabinet\n\n14 November 2024\n\nQuarter 2 performance\n\n"
             "| Measure | Quarter 2 | Target |\n|---|---|---|\n"
             "| Percentage of rent collected | 97.1% | 98% |\n")
    records = extract_document(parse_text(paper, source="paper.md"))
    assert records, "the table row is a KPI"
    for record in records:
        assert record.period_key == "2024/25 Q2", (record.indicator, record.period)
        # the label the paper printed stays beside the completed one
        assert (record.period, record.period_text) == ("Q2 2024/25", "Quarter 2")


@given(st.integers(1, 4), st.integers(2000, 2040))
def test_any_yearless_quarter_lies_in_the_papers_financial_year(quarter: int, fy: int) -> None:
    context = _paper_of_quarter(quarter, fy)
    record = KPIRecord(indicator="x", value=1.0, period=f"Quarter {quarter}", layout="table", confidence=0.9,
                       source_file="paper.txt", source_text="")
    complete_periods([record], context)
    start, end = financial_quarter(quarter, fy)
    assert (record.period_start, record.period_end) == (start.isoformat(), end.isoformat())
    assert period_key(record.period_start, record.period_end, record.period) == f"{_fy(fy)} Q{quarter}"


@given(st.integers(1, 4), st.integers(1, 4), st.integers(2001, 2040))
def test_a_previous_quarter_ends_before_its_records_and_within_a_year(now: int, before: int, fy: int) -> None:
    start, _ = financial_quarter(now, fy)
    label = previous_label(f"Q{before}", start, _context("Report\n"))
    previous = parse_period(label)
    assert previous is not None and previous.start is not None and previous.end is not None
    assert previous.end < start
    assert (start - previous.end).days <= 366


@given(st.integers(1, 4), st.integers(2000, 2040),
       st.sampled_from(["Q{q} {y}/{yy}", "Quarter {q} {y}-{yy}", "Q{q} {y}-{y1}", "quarter {q} of {y}/{yy}"]))
def test_every_spelling_of_a_quarter_has_one_key(quarter: int, fy: int, form: str) -> None:
    text = form.format(q=quarter, y=fy, yy=f"{(fy + 1) % 100:02d}", y1=fy + 1)
    period = parse_period(text)
    assert isinstance(period, Period) and period.start is not None and period.end is not None, text
    assert period_key(period.start, period.end, period.text) == f"{_fy(fy)} Q{quarter}"


def _record(period: str) -> KPIRecord:
    return KPIRecord(indicator="Missed bins", value=52.0, period=period, layout="table", confidence=0.9,
                     source_file="paper.txt", source_text="")


def test_a_yearless_period_or_month_takes_the_financial_year_by_the_papers_date() -> None:
    context = _context("Environment Scrutiny Committee\n14 November 2023\n\nWaste performance\n")
    records = [_record("Period 7"), _record("Period 13"), _record("Month 6"), _record("Month 11")]
    complete_periods(records, context)
    # Period 13 and Month 11 of 2023/24 had not begun by November 2023: the paper means last year's
    assert [r.period for r in records] == ["P7 2023/24", "P13 2022/23", "September 2023", "February 2023"]
    assert [r.period_text for r in records] == ["Period 7", "Period 13", "Month 6", "Month 11"]
    assert [period_key(r.period_start, r.period_end, r.period) for r in records] == [
        "2023/24 P7", "2022/23 P13", "2023-09", "2023-02"]
    assert records[0].period_start is None  # four weeks or a month: not said, so not made up


def test_a_yearless_period_takes_the_year_of_the_papers_own_period() -> None:
    context = _paper_of_quarter(4, 2023)  # January to March 2024
    record = _record("Period 11")
    complete_periods([record], context)
    assert record.period == "P11 2023/24"


def test_a_numbered_headings_period_dates_the_figures_under_it() -> None:
    # "1. Summary" is a section's number, not a sentence ending: the heading names its period
    text = ("Children's Services Performance Update\nScrutiny Committee, 5 February 2024\n\n"
            "1. Summary of performance in Quarter 3 2023/24\n\n"
            "1.1 Key highlights:\n"
            "• 94% of new Education, Health and Care Plans were issued within 20 weeks (target 90%).\n")
    found = extract_document(parse_text(text, source="paper.txt"))
    assert [(r.value, r.period_key) for r in found] == [(94.0, "2023/24 Q3")]


def test_an_earlier_figure_said_to_be_a_year_back_gets_the_year_before_the_figures_period() -> None:
    text = ("Finance and Performance Report\nCabinet, 18 July 2024\n\n"
            "Sickness absence averaged 9.8 days per FTE over the 12 months to March 2024, up from 9.1 days the "
            "previous year. This is rated Amber.\n")
    found = extract_document(parse_text(text, source="paper.txt"))
    assert [(r.value, r.previous.value if r.previous else None, r.previous.period if r.previous else None)
            for r in found] == [(9.8, 9.1, "12 months to March 2023")]
