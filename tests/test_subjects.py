"""What a sentence calls its figure: a figure's name ("the provisional outturn for the year") is
never a measure's, and a sentence that opens with its topic takes the topic's name."""

from __future__ import annotations

import pytest

from kpiextract.parsing.numbers import find_values
from kpiextract.parsing.subjects import (
    comparator_subject,
    heading_measure,
    is_generic,
    named_before,
    names_a_figure,
    opening_topic,
    subject_of,
)
from kpiextract.vocab import load


@pytest.mark.parametrize("phrase", [
    "the provisional outturn", "actual performance this quarter", "the outturn for 2022/23", "the year to date total",
    "the reported outturn for the year", "the position at the end of March 2023", "our score", "performance in Q3",
    "the current position as at 31 December 2024", "this quarter performance", "the month's figure"])
def test_a_figure_named_with_its_time_is_no_measure(phrase: str) -> None:
    assert names_a_figure(phrase) and is_generic(phrase)


@pytest.mark.parametrize("phrase", [
    "the level of arrears", "the performance of schools", "the total number of households", "the figure for Kent",
    "outturn of household waste recycled", "the score for reading at key stage 2"])
def test_a_figure_word_before_what_it_measures_names_a_measure(phrase: str) -> None:
    assert not names_a_figure(phrase)


@pytest.mark.parametrize(("text", "topic"), [
    ("In respect of household waste sent for reuse, recycling and composting, the outturn was 51%.",
     "household waste sent for reuse, recycling and composting"),
    ("In relation to Education, Health and Care Plans, 76% of these plans were issued on time.",
     "Education, Health and Care Plans"),
    ("With regard to the measure rent collected, performance was 97.5%.", "rent collected"),
])
def test_a_sentence_opening_with_its_topic(text: str, topic: str) -> None:
    found = opening_topic(text)
    assert found is not None and found[0] == topic


@pytest.mark.parametrize(("text", "name"), [
    ("In respect of household waste recycled, the actual performance this quarter was 51% against a "
     "target of 50%.", "household waste recycled"),
    ("With regard to rent collected, the level of arrears was 3% against a target of 2.5%.", "level of arrears"),
])
def test_the_topic_names_the_figure_only_when_the_clause_names_none(text: str, name: str) -> None:
    assert subject_of(text, load()) == name


@pytest.mark.parametrize(("text", "name"), [
    ("Performance against the target of 90% for processing major planning applications was 87.5% for the year.",
     "processing major planning applications"),
    ("Performance against the 95% target for repairs completed on time was 92.3%.", "repairs completed on time"),
    ("Performance against target for repairs completed on time was 92.3%.", "repairs completed on time"),
    ("Performance for repairs completed on time was 92.3%.", "Performance for repairs completed on time"),
    ("Rent collected (target 98%) was 96.1% in the quarter.", "Rent collected"),
    ("Household waste recycled compared with a target of 50% was 48.3%.", "Household waste recycled"),
    ("Delayed transfers against the target of 12 per 100,000 population were 8.2.",
     "Delayed transfers per 100,000 population"),
    # no figure after "target of": nothing is taken out
    ("The number of children against whom a target of care was set was 12.",
     "number of children against whom a target of care")])
def test_a_target_said_inside_the_name_is_not_part_of_it(text: str, name: str) -> None:
    assert subject_of(text, load()) == name


@pytest.mark.parametrize(("sentence", "name"), [
    # the deed done to what the share counts names the measure, before how it was done
    ("The Force answered 91.2% of emergency calls within 10 seconds", "emergency calls answered within 10 seconds"),
    ("The council processed 88% of major planning applications in time",
     "major planning applications processed in time"),
    ("The team completed 85% of initial assessments", "initial assessments completed"),
    # a verb that reports, compares or rates the share is no deed
    ("The survey reported 31% of carers satisfied with their support", "carers satisfied with their support"),
    ("Attendance improved 5% of pupils in the autumn", "pupils in the autumn"),
])
def test_a_share_of_things_something_was_done_to_is_named_by_the_deed(sentence: str, name: str) -> None:
    from kpiextract.parsing.numbers import find_values
    from kpiextract.parsing.subjects import after_value_of

    [value] = [v for v in find_values(sentence) if v.unit == "%"]
    assert after_value_of(sentence, value) == name


@pytest.mark.parametrize("name", [
    "999 calls answered within 10 seconds", "111 calls abandoned", "101 non-emergency calls answered within 3 minutes",
    "16-18 year olds not in education, employment or training", "2 year olds taking up a funded place",
    "19+ learners completing their course"])
def test_a_number_that_is_part_of_the_noun_phrase_may_open_a_name(name: str) -> None:
    from kpiextract.parsing.subjects import name_problem

    assert name_problem(name) is None


@pytest.mark.parametrize("name", [
    # a count or a figure opening the phrase is no name
    "182 children open to social care", "64 affordable homes delivered", "999 households in temporary accommodation",
    "92% repairs completed on time", "18 households placed out of the area"])
def test_a_figure_opening_a_phrase_is_no_name(name: str) -> None:
    from kpiextract.parsing.subjects import name_problem

    assert name_problem(name) == "a figure, not a name"


@pytest.mark.parametrize("phrase", [
    "the outturn figure", "the full year achievement", "the actual performance across the year to date",
    "the out turn for the year"])
def test_two_words_for_a_figure_name_no_measure(phrase: str) -> None:
    """'The outturn figure reported was 11.09 days' (a real sickness report): a label, whose
    measure the heading names."""
    assert names_a_figure(phrase)


@pytest.mark.parametrize(("heading", "measure"), [
    ("Annual Employee Sickness Absence Performance Management Report 2022-23", "Employee Sickness Absence"),
    ("Time taken to process Housing Benefit, new claims & change events - Days",
     "Time taken to process Housing Benefit, new claims & change events"),
    ("Percentage of invoices paid within 30 days (%)", "Percentage of invoices paid within 30 days"),
    ("Corporate Performance Report Quarter 3 2023/24", None),
    ("Children's Services Performance Update", None),
    ("Our goal", None)])
def test_the_measure_a_heading_names(heading: str, measure: str | None) -> None:
    assert heading_measure(heading, load().measure_words) == measure


@pytest.mark.parametrize(("text", "figure", "name"), [
    ("Re-referral rate 20.1% - December 2019.", "20.1%", "Re-referral rate"),
    ("Timeliness – 6 month rate 85% (on par with national rate).", "85%", "Timeliness – 6 month rate"),
    # a table's row read as a line, and a number inside the name: no list line
    ("Percentage of non-emergency repairs completed in time 94% 97.0% 95.4% Green", "94%", None),
    ("AV10 Percentage of food businesses rated 3 or above 96.8% 97.1%", "3", None),
    ("The recycling rate was 45% in the year.", "45%", None),
    ("Children in care 450.", "450", None)])
def test_a_list_line_names_its_figure(text: str, figure: str, name: str | None) -> None:
    value = next(v for v in find_values(text) if v.text.strip() == figure)
    assert named_before(text, value, load().measure_words) == name


@pytest.mark.parametrize(("sentence", "comparator"), [
    # a real sickness report: the sector set beside the council's staff, not a measure of its own
    ("Public sector sickness was generally higher than in the private sector.", "Public sector"),
    ("Local government averages were 9.6 days per FTE.", "Local government"),
    ("The national average was 64%.", "National"),
    ("Median time to process new claims was 21 days.", None),
    ("Sickness absence was 11.09 days per FTE.", None)])
def test_a_sentence_about_a_comparator(sentence: str, comparator: str | None) -> None:
    assert comparator_subject(sentence, load()) == comparator
