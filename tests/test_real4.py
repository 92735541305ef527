"""Real council minutes and news items (tests/data/real4): lists of highlights parted by semicolons,
indicators named by their codes, changes stated "from X to Y", and numbers that belong to a
measure's definition ("SCQF Level 6", "3 or more placements")."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpiextract.api import extract_document
from kpiextract.layouts.flatrows import header_columns
from kpiextract.layouts.prose import _split_clauses
from kpiextract.models import KPIRecord
from kpiextract.parsing.statements import read_sentence
from kpiextract.parsing.subjects import subject_of
from kpiextract.readers.text import parse_text
from kpiextract.vocab import load

DATA = Path(__file__).parent / "data" / "real4"


def records_of(name: str) -> list[KPIRecord]:
    path = DATA / name
    return extract_document(parse_text(path.read_text(encoding="utf-8"), source=path.name))


def by_value(records: list[KPIRecord], value: float) -> KPIRecord:
    found = [r for r in records if r.value is not None and abs(r.value - value) < 0.001]
    assert len(found) == 1, [(r.indicator, r.value) for r in records]
    return found[0]


def test_each_coded_item_of_a_minutes_list_is_a_kpi_named_by_the_words_after_its_code() -> None:
    records = records_of("redditch-list-of-concerns.txt")
    sickness = by_value(records, 7.84)
    assert sickness.indicator.lower().startswith("number of working days / shifts lost")
    assert sickness.previous is not None and sickness.previous.value == 6.71
    overpayments = by_value(records, 73.82)
    # ", when compared to the same period last year," is an aside, not part of the name
    assert overpayments.indicator.lower() == ("amount of housing benefit overpayments recovered as a percentage "
                                              "of all housing benefit overpayments")
    # the last item, joined to the one before by "; and c)", is read too
    recycling = by_value(records, 27.6)
    assert recycling.indicator.lower() == "percentage of household waste sent for reuse, recycling and composting"
    assert {r.value for r in records} == {7.84, 73.82, 27.6}


def test_a_list_of_highlights_parted_by_semicolons_gives_each_its_own_figure() -> None:
    records = records_of("darlington-semicolon-highlights.txt")
    screened = by_value(records, 84.4)
    assert screened.target == 90.0
    rereferred = by_value(records, 15.3)
    assert "re-referred" in rereferred.indicator
    assert rereferred.target is None or rereferred.target == 18.0


def test_a_highlight_opening_with_its_figure_is_not_read_as_a_numbered_paragraph() -> None:
    records = records_of("darlington-semicolon-highlights-q3.txt")
    visits = by_value(records, 93.4)
    assert "CiC visits" in visits.indicator and visits.target == 90.0
    # "for 2 or more years", "3 or more placements", "the previous 12 months": definitions, never values
    assert not [r for r in records if r.value in (2.0, 3.0, 12.0, 88.2)]


def test_a_level_in_a_measures_name_is_not_its_value() -> None:
    records = records_of("highland-changes.txt")
    attainment = by_value(records, 35.0)
    assert attainment.indicator.startswith("Attainment (5+ awards at SCQF Level 6) by all children")
    assert not [r for r in records if r.value == 6.0]


@pytest.mark.parametrize("text, value", [
    ("93.4 per cent of statutory visits were completed within timescale", 93.4),
    ("6.7 percent of children in care had three placements", 6.7),
])
def test_a_sentence_may_open_with_its_figure(text: str, value: float) -> None:
    reading = read_sentence(text, load())
    assert [f.value.value for f in reading.of("value")] == [value]


def test_a_numbered_paragraph_still_loses_its_number() -> None:
    reading = read_sentence("4.1 New claims took 23.4 days to process", load())
    assert [f.value.value for f in reading.of("value")] == [23.4]


@pytest.mark.parametrize("text, subject", [
    ("BV 012 – the number of working days lost has increased from 6.71 days to 7.84 days.",
     "number of working days lost"),
    ("a) NI 192 – the percentage of household waste recycled has dropped from 28.68% to 27.6%.",
     "percentage of household waste recycled"),
    ("(ii) RB07: the average days to process new claims was 21 days.", "average days to process new claims"),
])
def test_a_code_before_a_dash_labels_the_clause_whose_subject_names_the_measure(text: str, subject: str) -> None:
    assert subject_of(text, load()) == subject


def test_a_period_before_a_dash_is_no_code() -> None:
    assert subject_of("Q3 – the percentage was 45%.", load()) is None


def test_a_ranking_among_councils_is_no_comparator() -> None:
    records = records_of("reading-ks2-news.txt")
    early_years = by_value(records, 71.0)
    assert [(b.name, b.value) for b in early_years.benchmarks] == [("National", 66.0)]
    assert not [r for r in records if r.value in (45.0, 65.0, 50.0, 103.0)]


@pytest.mark.parametrize("text", ["This ranks the council at 50th out of 152 local authorities.",
                                  "Nationally this was 66%, improving our ranking from 65 to 45."])
def test_a_place_in_a_ranking_is_no_figure_of_the_measure(text: str) -> None:
    reading = read_sentence(text, load())
    assert not reading.of("value") and not [f for f in reading.of("benchmark") if f.value.value in (45.0, 65.0)]


def test_the_other_bound_of_a_target_is_not_the_value() -> None:
    reading = read_sentence("The members called for better performance, suggesting a target of 7 or 8 days was set.",
                            load())
    assert [f.value.value for f in reading.of("target")] == [7.0] and not reading.of("value")
    records = records_of("whitehorse-suggested-target.txt")
    assert not [r for r in records if r.value == 8.0]


def test_a_table_run_into_one_line_gives_each_row_its_latest_figure_and_target() -> None:
    records = records_of("moray-chief-executives-q2-2017-18.txt")
    got = {r.code: (r.indicator, r.value, r.target, r.period) for r in records}
    assert got == {
        "CE069": ("Cost of outsourced Print Room work as a % of Print Room expenditure", 13.7, 20.0, "Q2 2017/18"),
        "CE070": ("Complaints received per 1,000 population", 1.01, None, "Q2 2017/18"),
        "CE072": ("The number of complaints upheld / partially upheld at each stage as a percentage of complaints "
                  "closed in full at each stage", 43.0, None, "Q2 2017/18"),
    }  # CE059 has no figure for Q2; CE068's cells are merged ("Measured annually"): neither is guessed
    assert by_value(records, 13.7).previous is not None and by_value(records, 13.7).previous.value == 24.4
    # the report's title is no KPI
    assert all("Office" not in r.indicator for r in records)


def test_a_row_with_no_latest_figure_gives_no_record() -> None:
    records = records_of("moray-corporate-services-q1-2018-19.txt")
    assert [(r.code, r.value, r.target) for r in records] == [("FICT056", 100.0, 90.0)]


@pytest.mark.parametrize("header", [
    "Code & Name Target 2016/17 Q1 Latest Note",           # too few periods
    "Code & Name Target Owner 2016/17 2017/18 2018/19 Latest Note",  # a column that is no figure's
])
def test_a_header_needs_a_run_of_period_columns(header: str) -> None:
    assert header_columns(header + " Local AB01 Some measure 1% 2% 3% 4% note") is None


def test_a_unit_cost_in_prose_is_a_kpi_though_money_is_context() -> None:
    records = records_of("highland-unit-cost.txt")
    cost = by_value(records, 1.33)
    assert cost.indicator == "Cost per visit to libraries" and cost.unit == "£"
    assert cost.previous is not None and cost.previous.value == 1.52
    reading = read_sentence("The council spent £2.4m on repairs in the year, against a budget of £2.6m.", load())
    assert not reading.of("value") and not reading.of("target")
    # "per cent" is no unit cost's "per"
    reading = read_sentence("Collection was 97 per cent, with £5.2m collected.", load())
    assert [f.value.value for f in reading.of("value")] == [97.0]


def test_a_paragraph_number_is_no_figure_that_parts_a_sentence_at_its_semicolon() -> None:
    sentence = ("3.4 The number of permanent exclusions from Secondary schools continues to fall; decreasing from 37 "
                "in May to 27 in July with a target of 40.")
    assert _split_clauses(sentence) == [sentence]
