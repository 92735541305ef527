"""Naming in real councils' prose (tests/data/prose_real: excerpts of published papers, copied
as printed). Each excerpt once gave a record named by a label for its figure ("Outturn figure",
"Actual performance across the year to date"), by a comparator ("Public sector sickness"), by a
paraphrase of the KPI's title, or no record at all.
"""

from __future__ import annotations

from pathlib import Path

from kpiextract.api import extract
from kpiextract.models import KPIRecord

DATA = Path(__file__).parent / "data" / "prose_real"


def records(name: str) -> list[KPIRecord]:
    result = extract(DATA / name)
    assert result.error is None, result.error
    return result.records


def by_value(found: list[KPIRecord], value: float) -> KPIRecord:
    matches = [r for r in found if r.value is not None and abs(r.value - value) < 0.001]
    assert len(matches) == 1, [(r.indicator, r.value) for r in found]
    return matches[0]


def test_an_outturn_figure_is_named_by_the_report_title_and_a_sector_comparison_gives_no_record() -> None:
    """'The outturn figure reported was 11.09 days' under 'Annual Employee Sickness Absence
    Performance Management Report 2022-23'; 'the days lost per worker in the private sector was
    5.0 days, versus 7.1 days in local government' compares sectors: no figure of the council's."""
    found = records("sickness-outturn-title.txt")
    assert [(r.indicator, r.value, r.target, r.period) for r in found] == [
        ("Employee Sickness Absence", 11.09, 7.5, "2022-23")]


def test_a_figure_against_its_target_under_a_kpi_title_takes_the_title() -> None:
    """'The overall benefits speed of processing ... an out turn of 15.4 days against a target of
    13.9 days' under the title 'Time taken to process Housing Benefit, new claims & change events
    - Days' (its unit is no part of the name). A figure with no target under it keeps its own
    name ('Processing of changes in circumstances averaged 14.1 days')."""
    found = records("benefits-heading-title.txt")
    title = "Time taken to process Housing Benefit, new claims & change events"
    assert (by_value(found, 15.4).indicator, by_value(found, 15.4).target) == (title, 13.9)
    assert (by_value(found, 11.2).indicator, by_value(found, 11.2).target) == (title, 8.6)
    assert all(r.indicator in (title, "Processing of changes in circumstances") for r in found)


def test_list_lines_name_their_figure_and_an_aside_names_no_comparator() -> None:
    """'Re-referral rate 20.1% - December 2019.' names its figure with no verb; in 'Timeliness – 6
    month rate 85% (on par with national rate), improvement from 78% in 2017/18' the 78% is the
    council's own earlier figure, not the national rate the bracket spoke of."""
    found = records("list-lines-own-previous.txt")
    assert by_value(found, 20.1).indicator == "Re-referral rate"
    timeliness = by_value(found, 85)
    assert timeliness.indicator == "Timeliness – 6 month rate"
    assert timeliness.benchmarks == []
    assert timeliness.previous is not None and timeliness.previous.value == 78


def test_a_measure_named_sentences_before_its_figure() -> None:
    """'... CKPI CDCS2 target on the percentage of lost Customer Service calls per quarter was 12%
    and the full year achievement was 8.5%' names the measure (12% is its target); 'At the end of
    Q3 in 2021/22 the actual performance across the year to date had been 10.9% against the
    target of 7%' gives its figure by a label, with a target of its own."""
    found = records("measure-named-sentences-before.txt")
    record = by_value(found, 10.9)
    assert record.indicator.lower().startswith("percentage of lost customer service calls")
    assert record.code == "CDCS2"  # "the ... CKPI CDCS2 target on ...": the measure's code
    assert record.target == 7
    assert record.period is not None and "Q3" in record.period and "2021/22" in record.period
    assert record.previous is not None and record.previous.value == 8.5
    assert all(not r.indicator.lower().startswith(("actual", "officers")) for r in found)


def test_a_share_of_a_group_named_before_it() -> None:
    """'For care leavers aged 19 to 21, 59 per cent were in EET, compared to the England average
    of 51 per cent ...': the share is of the group the sentence opens with."""
    found = records("group-named-before-share.txt")
    record = by_value(found, 59)
    assert record.indicator == "Care leavers aged 19 to 21 in EET"
    assert {b.name: b.value for b in record.benchmarks} == {"England": 51, "Statistical Neighbours": 58}


def test_figures_in_brackets_are_the_year_the_key_names() -> None:
    """'Headline facts (2017/18 figures in brackets for comparison)': the figures are the title's
    2018/19, and '95.6% (97.6%)' gives 97.6% as 2017/18's."""
    found = records("previous-in-brackets-key.txt")
    record = by_value(found, 95.6)
    assert record.period == "2018/19"
    assert record.previous is not None and (record.previous.value, record.previous.period) == (97.6, "2017/18")


def test_a_card_figure_printed_as_a_clock_is_a_length_of_time() -> None:
    """'Latest: 2:45  Target: 3:00  Previous: 3:10 (Red)' (a card of minutes and seconds, made up
    in the style of tests/data/cards) gave no record: a clock after a label was no figure."""
    found = records("card-clock-durations.md")
    record = by_value(found, 2.75)
    assert record.indicator.startswith("Average call answer time")
    assert record.unit == "minutes" and record.target == 3.0
    assert record.previous is not None and abs((record.previous.value or 0) - 3.1667) < 0.001


def test_our_performance_is_the_figure_of_the_measure_the_paragraph_named() -> None:
    """'The percentage of older people discharged from hospital ... still at home 91 days after
    discharge from hospital is another key performance measure. This looks at ... Our 2016/17
    performance showed that 87.2 percent were still at home.' gave no record: the measure is
    named two sentences before its figure, and 'Our performance' is a word for the figure."""
    found = records("measure-named-then-our-performance.txt")
    record = by_value(found, 87.2)
    assert record.indicator.startswith("Percentage of older people discharged from hospital")
    assert record.indicator.endswith("still at home 91 days after discharge from hospital")
    assert (record.period, [(b.name, b.value) for b in record.benchmarks]) == ("2016/17", [("National", 82.7)])
