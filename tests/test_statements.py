"""Phrase families: what each number in a performance sentence is.

Examples are grouped by the family of phrase; most are written for these tests in the way
councils write, a few are taken from the sample papers (marked "sample").
"""

from __future__ import annotations

import pytest

from kpiextract.layouts.prose import read_prose
from kpiextract.parsing.statements import read_sentence
from kpiextract.vocab import load

VOCAB = load()


def roles(text: str, council: str | None = None) -> list[tuple[float | None, str]]:
    return [(f.value.value, f.role) for f in read_sentence(text, VOCAB, council).figures]


def role_of(text: str, number: float, council: str | None = None) -> str:
    found = [role for value, role in roles(text, council) if value == number]
    assert found, f"{number} not found in {roles(text, council)}"
    return found[0]


TARGETS = [
    ("Performance was 62.2% against a target of 78%.", 78.0),
    ("The rate stands at 46.4%, compared to a target of 90%.", 90.0),
    ("Visits completed on time reached 88%, below the target of 95%.", 95.0),
    ("At 77.9%, the audit rate remains above the 75.0% Target.", 75.0),  # sample
    ("Our target for the year is 20% and we are at 31%.", 20.0),
    ("The average caseload is 16.4, above the Target of 15.0 children.", 15.0),  # sample
    ("The pass rate surpassed its target of 93% reaching 99% in the summer term.", 93.0),  # sample
    ("Sickness absence was 9.1 days per FTE; target 8 days.", 8.0),
    ("Patients seen within 4 hours: 72.4% against a standard of 78%.", 78.0),
    ("Cancer patients were treated within 62 days in 68.2% of cases, against the operational standard of 75%.", 75.0),
    # who set the target, said with a comparator's word, does not make it a comparator
    ("Rent collected was 93%, above the national target of 90%.", 90.0),
    ("Rent collected was 93% against a national target of 90%.", 90.0),
    ("Calls answered stood at 93%, comfortably above the 90% national target.", 90.0),
    ("Calls answered stood at 93%, above the national target (90%).", 90.0),
]


@pytest.mark.parametrize(("text", "number", "role"), [
    ("Calls answered stood at 93%, above the 90% national average.", 90.0, "benchmark"),
    ("Calls answered stood at 93%, above the national average (90%).", 90.0, "benchmark"),
    # a bracket after "on target" holds where performance stands, not the target
    ("Calls answered were on target (95%) in Q2.", 95.0, "value"),
    ("Calls answered were above target (93%) in Q2.", 93.0, "value"),
    ("Calls answered: target achieved (96%) in Q2.", 96.0, "value"),
])
def test_near_misses_of_a_target_set_nationally(text: str, number: float, role: str) -> None:
    assert role_of(text, number) == role


@pytest.mark.parametrize(("text", "number", "role"), [
    # the verdict on a target comes between it and the figure: the figure is the performance
    ("The target was met with performance of 95% in the quarter.", 95.0, "value"),
    ("The annual target was exceeded at 97%.", 97.0, "value"),
    ("The target was missed as performance moved from 80% to 85%.", 80.0, "previous"),
    ("The target was missed as performance moved from 80% to 85%.", 85.0, "value"),
    # a target given, then judged; a target that moved gives its new figure
    ("The target of 90% was met.", 90.0, "target"),
    ("The percentage of invoices paid on time was 91%; the target was increased to 95% this year.", 95.0, "target"),
    ("The target fell to 85% for 2024/25.", 85.0, "target"),
])
def test_a_figure_after_a_targets_verdict_is_the_performance(text: str, number: float, role: str) -> None:
    assert role_of(text, number) == role


@pytest.mark.parametrize(("text", "target"), TARGETS)
def test_targets(text: str, target: float) -> None:
    assert role_of(text, target) == "target"


RANGES = [
    ("The rate is 20.5%. This is within the target range of 17.5% 22.5%.", (17.5, 22.5)),  # sample: dash lost
    ("Re-referrals were 19% which is within the target range of 18% - 23%.", (18.0, 23.0)),
    ("Occupancy of 91% sits inside the target band of 90% to 95%.", (90.0, 95.0)),
]


@pytest.mark.parametrize(("text", "bounds"), RANGES)
def test_target_ranges(text: str, bounds: tuple[float, float]) -> None:
    mention = read_prose(text, VOCAB)[0]
    assert mention.target_range is not None
    assert (mention.target_range[0].value, mention.target_range[1].value) == bounds


DERIVED = [
    ("91.1% of schools were judged good or outstanding which is 0.9 percentage points below the target.", 92.0),
    ("Exclusions increased by six to 24 which is nine higher than the target.", 15.0),  # word numbers
    ("The rate fell to 8.8% in Quarter 2 which is 12.2% lower than target (low is good).", 21.0),  # sample
    ("Take-up rose to 96.4%, this is 11.4% higher than target (high is good).", 85.0),
    ("At 2.8% the unemployment rate among 18-24 year olds equals the target.", 2.8),
    ("Reviews reached 72%, three percentage points short of the target.", None),  # word gap without figure
]


@pytest.mark.parametrize(("text", "target"), DERIVED)
def test_derived_targets(text: str, target: float | None) -> None:
    mention = read_prose(text, VOCAB)[0]
    assert mention.target is None
    if target is None:
        return
    assert mention.derived_target == pytest.approx(target)


BENCHMARKS = [
    ("Performance of 89% is above National and South East benchmarks of 83% and 77% respectively.",
     {"National": 83.0, "South East": 77.0}),
    ("The average of 337 days compares well against the England average of 458 days.", {"England": 458.0}),
    ("Take-up (81%) is above the national average (74%) and above statistical neighbours (76%).",
     {"National": 74.0, "Statistical Neighbours": 76.0}),
    ("Re-referrals were 31%, higher than Statistical Neighbours (20%), the South East (24%) and England (22%).",
     {"Statistical Neighbours": 20.0, "South East": 24.0, "England": 22.0}),
    ("The rate is 25% in Q3; above comparator averages – national 21.5% and statistical neighbours 22.5%.",
     {"National": 21.5, "Statistical Neighbours": 22.5}),
]


@pytest.mark.parametrize(("text", "expected"), BENCHMARKS)
def test_benchmarks(text: str, expected: dict[str, float]) -> None:
    mention = read_prose(text, VOCAB)[0]
    assert {b.name: b.value for b in mention.benchmarks} == expected


def test_england_figure_then_own_council_figure() -> None:
    # "X for England is A and B for <council>": A is the comparator, B the council's own value
    text = "The agency social worker rate for England is 15.8% and 11.9% for Kent."
    assert roles(text, council="Kent") == [(15.8, "benchmark"), (11.9, "value")]


def test_comparator_after_the_figure() -> None:
    text = "The England average is 21.9% and 24.3% for Kent's Statistical Neighbours."
    assert roles(text, council="Kent") == [(21.9, "benchmark"), (24.3, "benchmark")]


PREVIOUS = [
    ("Timeliness was 91% in August, compared to 77% in April 2017.", 77.0),
    ("The rate has increased from 56.0% in April to 63.0% in July.", 56.0),
    ("Turnover has reduced from over 18% in January to 16% in August.", 18.0),
    ("It is 65.4%, reduced from the previously reported performance of 66.5%.", 66.5),
    ("62% of assessments were rated good – reduction from 74% in Q2.", 74.0),
]


@pytest.mark.parametrize(("text", "previous"), PREVIOUS)
def test_previous_values_are_not_targets_or_benchmarks(text: str, previous: float) -> None:
    mention = read_prose(text, VOCAB)[0]
    assert mention.previous is not None and mention.previous.value == previous
    assert mention.target is None and not mention.benchmarks
    assert mention.value is not None and mention.value.value != previous


CHANGES = [
    ("The rate has reduced by 8.5% from Quarter 1 to 8.8% in Quarter 2.", 8.5),
    ("Demand for assessments rose sharply (up 47% compared to the previous year).", 47.0),
    ("There has been an increase of 30% in the number of plans.", 30.0),
    ("The rate has risen 10.4% from Quarter 1 to 96.4%.", 10.4),
    ("There was a positive reduction of 4.2% reaching 43.5%.", 4.2),
]


@pytest.mark.parametrize(("text", "change"), CHANGES)
def test_changes_are_not_values(text: str, change: float) -> None:
    assert role_of(text, change) == "change"


NOT_KPIS = [
    ("Of the 175 care leavers aged 19-21, 125 are in EET.", [175.0, 19.0, 21.0]),
    ("During Q4 182 children were subject to an ICPC, of which 67% (122 children) were completed in time.",
     [182.0, 122.0]),
    ("We have recruited 39 Social Workers, 17 of whom were newly qualified.", [39.0, 17.0]),
    ("The 45 day assessment timeframe is a legal requirement.", [45.0]),
    ("Places cost between £20,000 and £50,000 per year.", [20000.0, 50000.0]),
    ("The percentage of pupils aged 16-17 who are NEET is 5.2%.", [16.0, 17.0]),
    ("It should be noted that 80% of those have seen an improvement.", [80.0]),
    ("See paragraph 4 and page 12 for details.", [4.0, 12.0]),
]


@pytest.mark.parametrize(("text", "numbers"), NOT_KPIS)
def test_numbers_that_are_not_kpi_values(text: str, numbers: list[float]) -> None:
    for number in numbers:
        assert role_of(text, number) in ("ignore", "change", "count")


def test_phone_numbers_and_dates_are_not_numbers() -> None:
    assert roles("Contact 01296 383104 or write by 20/11/2023.") == []


def test_two_months_give_two_mentions() -> None:
    text = ("The proportion of plans reviewed within timescales improved and performance for July and August "
            "are within the target tolerance, at 95% and 100% respectively.")
    mentions = read_prose(text, VOCAB)
    assert [(m.value.value if m.value else None, m.period.text if m.period else None) for m in mentions] == [
        (95.0, "July"), (100.0, "August")]


def test_two_kpis_in_one_sentence_give_two_mentions() -> None:
    text = ("The average agency social worker rate for England is 15.8% and 11.9% for Kent, and the average "
            "social worker vacancy rate for England was 17.0%, and 14.1% for Kent.")
    mentions = read_prose(text, VOCAB, council="Kent")
    assert [(m.value.value if m.value else None, [b.value for b in m.benchmarks]) for m in mentions] == [
        (11.9, [15.8]), (14.1, [17.0])]


def test_national_sentence_gives_the_next_figure_its_comparator() -> None:
    text = ("In 2015/16 the national data showed that permanent exclusions rose from 0.07% to 0.08%. "
            "Kent data for 2016/17 is 0.14% compared to 0.14% in the previous year.")
    mentions = read_prose(text, VOCAB, council="Kent", topic="permanent exclusion rate")
    assert len(mentions) == 1
    assert mentions[0].value is not None and mentions[0].value.value == 0.14
    assert [(b.name, b.value) for b in mentions[0].benchmarks] == [("National", 0.08)]
    assert mentions[0].indicator == "permanent exclusion rate"


def test_polarity_hint() -> None:
    assert read_sentence("It fell to 22%, 1% lower than target (low is good).", VOCAB).polarity == "lower"
    assert read_sentence("It rose to 55.1% (high is good).", VOCAB).polarity == "higher"


def test_intervention_level() -> None:
    assert role_of("The rate is 25% but remains below the intervention level of 30%.", 30.0) == "intervention"


def test_a_sentence_counting_the_scorecards_measures_gives_no_kpi() -> None:
    text = "Of the 16 measures reported this quarter, 9 met or exceeded target, 4 were within 5% of target."
    assert all(role == "ignore" for _, role in roles(text))


def test_a_counted_thing_with_a_target_is_the_value() -> None:
    text = "There were 447 households in temporary accommodation against a target of no more than 380."
    assert roles(text) == [(447.0, "value"), (380.0, "target")]


def test_comparators_named_after_their_figures() -> None:
    text = ("24.3% of referrals were re-referrals, compared to 21.5% nationally and 22.8% for our "
            "statistical neighbours.")
    mention = read_prose(text, VOCAB)[0]
    assert {b.name: b.value for b in mention.benchmarks} == {"National": 21.5, "Statistical Neighbours": 22.8}
    assert mention.previous is None


def test_a_period_after_another_figure_is_that_figures() -> None:
    text = "The average wait was 47 seconds (target: 60 seconds), an improvement on 58 seconds in Quarter 1."
    mention = read_prose(text, VOCAB)[0]
    assert mention.value is not None and (mention.value.value, mention.value.unit) == (47.0, "seconds")
    assert mention.period is None
    assert mention.previous is not None and (mention.previous.value, mention.previous.period) == (58.0, "Quarter 1")


def test_a_label_before_a_full_clause_gives_way_to_the_clause_subject() -> None:
    text = ("Placement stability: the proportion of children in care with three or more placements in the "
            "last 12 months was 8.9%.")
    mention = read_prose(text, VOCAB)[0]
    assert mention.indicator == "proportion of children in care with three or more placements in the last 12 months"


def test_a_label_alone_names_the_figure() -> None:
    mention = read_prose("Care leavers aged 19 21 in suitable accommodation: 93% (England 88%).", VOCAB)[0]
    assert mention.value is not None and mention.value.value == 93.0  # "19 21" lost its hyphen: an age span
    assert mention.indicator == "Care leavers aged 19 21 in suitable accommodation"


def test_commas_inside_a_list_do_not_cut_the_name() -> None:
    text = "59% of pupils achieved the expected standard in reading, writing and maths at Key Stage 2 in 2023."
    mention = read_prose(text, VOCAB)[0]
    assert mention.indicator == "pupils achieved the expected standard in reading, writing and maths at Key Stage 2"
    assert mention.period is not None and mention.period.text == "2023"


def test_a_period_labelling_a_figure_belongs_to_that_figure() -> None:
    text = "Assessments completed within 45 working days fell to 79.4% (Q2: 84.0%), below the target of 85%."
    mention = read_prose(text, VOCAB)[0]
    assert mention.value is not None and mention.value.value == 79.4
    assert mention.period is None


def test_a_share_of_another_figure_is_not_a_kpi() -> None:
    assert role_of("Agency spend was £2.46m, equivalent to 5.8% of the total pay bill.", 5.8) == "ignore"


def test_comparators_beyond_england_and_neighbours() -> None:
    text = ("Voluntary turnover was 11.2% (target: below 12%). The local government median is 12.9% and the HouseMark "
            "median 13.5%.")
    mention = read_prose(text, VOCAB)[0]
    assert {b.name: b.value for b in mention.benchmarks} == {"Local government": 12.9, "HouseMark": 13.5}
    assert mention.polarity == "lower"  # a target set as "below 12%" says lower is better


def test_a_comparator_after_the_councils_it_covers() -> None:
    text = "In-year collection of 96.2% compares with 96.0% for all billing authorities in England."
    assert roles(text)[1] == (96.0, "benchmark")


def test_one_word_names_a_measure_only_when_it_is_a_measure_word() -> None:
    assert read_prose("Turnover was 11.2% (target: below 12%).", VOCAB)[0].indicator == "Turnover"
    assert read_prose("Performance was 62% against a target of 70%.", VOCAB)[0].indicator is None


def test_figures_defining_a_tolerance_or_a_share_of_target_are_not_kpis() -> None:
    assert role_of("Amber means within 5% of the year-to-date target.", 5.0) == "ignore"
    assert role_of("This is 95.7% of the six-month target.", 95.7) == "ignore"
    assert role_of("Red means more than 5% adverse to the target.", 5.0) == "derived_gap"


def test_against_sets_the_target_and_the_figure_before_it_is_the_value() -> None:
    text = "Museum visits remain well short of the target: 517 visits per 1,000 against 600."
    assert roles(text) == [(517.0, "value"), (600.0, "target")]


def test_a_later_count_does_not_replace_a_percentage_value() -> None:
    text = ("Annual reviews completed within timescale have increased to 58 per cent, from 41 per cent. "
            "This remains below the target of 85 per cent, although the backlog has reduced from 612 to 388.")
    mention = read_prose(text, VOCAB)[0]
    assert mention.value is not None and mention.value.value == 58.0
    assert mention.target is not None and mention.target.value == 85.0


@pytest.mark.parametrize(("text", "back"), [
    ("Sickness absence averaged 9.8 days, up from 9.1 days the previous year.", "year"),
    ("Rent collected was 97.1%, up from 96.0% a year ago.", "year"),
    ("Rent collected was 97.1%, compared with 96.0% in the same period last year.", "year"),
    ("Rent collected was 97.1%, up from 96.0% last quarter.", "step"),
    ("Rent collected was 97.1%, up from 96.0% in March.", None),
    ("Rent collected was 97.1%, up from 96.0%, and the council expects more next year.", None)])
def test_how_far_back_an_earlier_figure_is_said_to_be(text: str, back: str | None) -> None:
    previous = read_sentence(text, VOCAB).of("previous")
    assert len(previous) == 1 and previous[0].back == back


@pytest.mark.parametrize(("text", "limit", "value"), [
    ("The percentage of calls answered within 3 minutes was 72.4% in Quarter 3 (target 75%).", 3.0, 72.4),
    ("Patients seen within 4 hours rose to 72.4% in November.", 4.0, 72.4),
    ("Alarms responded to within 30 seconds were 97% of all alarms.", 30.0, 97.0),
])
def test_a_time_limit_in_the_measures_name_is_no_figure(text: str, limit: float, value: float) -> None:
    """Regression: "within 3 minutes" gave 3 as the value (only days to years were limits)."""
    assert role_of(text, limit) == "ignore"
    assert role_of(text, value) == "value"


def test_a_standard_is_a_target_only_when_its_figure_follows() -> None:
    # the Decent Homes Standard is a name: the figure after it is the value, not a target
    assert role_of("Homes meeting the Decent Homes Standard were 97.1% of the stock.", 97.1) != "target"


@pytest.mark.parametrize(("text", "rag"), [
    ("Repairs completed on time reached 92.3% and was rated Amber.", "amber"),
    ("Repairs completed on time reached 92.3%, RAG rated Green.", "green"),
    ("Repairs completed on time reached 92.3% and is ragged Red.", "red"),  # council jargon for RAG-rated
    ("Repairs completed on time reached 92.3%, giving it a RAG status of Amber.", "amber"),
    ("Repairs completed on time reached 92.3%. The measure has been ragged Green for Q2.", "green"),
    # colours that are no status
    ("Repairs completed on time reached 92.3%, though the ragged edges of the Green Belt remain.", None),
    ("Repairs completed on time reached 92.3% on the Red House estate.", None),
])
def test_a_status_said_in_words(text: str, rag: str | None) -> None:
    assert read_prose(text, VOCAB)[0].rag == rag


@pytest.mark.parametrize("text", [
    "Repairs completed on time reached 92.3%; the target was raised (upscaled) from 80% to 90%.",
    "Repairs completed on time reached 92.3%. This year the service increased its target from 80% to 90%.",
    "Repairs completed on time reached 92.3%. The target of 80% has been raised to 90% for this year.",
])
def test_a_target_changed_in_prose_is_the_new_one(text: str) -> None:
    [mention] = read_prose(text, VOCAB)
    assert mention.value is not None and mention.value.value == 92.3
    assert mention.target is not None and mention.target.value == 90.0
    assert mention.previous is None  # the old target is no earlier figure of the measure
    assert role_of(text, 80.0) == "ignore"


@pytest.mark.parametrize(("text", "roles_wanted"), [
    # a figure that moved from one level to another, with no target word before it
    ("Repairs completed on time went up from 80% to 92.3%.", [(80.0, "previous"), (92.3, "value")]),
    ("Repairs completed on time rose from 80% to 92.3% against a target of 90%.",
     [(80.0, "previous"), (92.3, "value"), (90.0, "target")]),
])
def test_a_figure_that_changed_is_not_a_changed_target(text: str, roles_wanted: list[tuple[float, str]]) -> None:
    assert roles(text) == roles_wanted


def test_a_target_word_before_a_figure_that_moved_is_no_changed_target() -> None:
    # the verb of change is the figure's, not the target's
    assert role_of("The target was missed as repairs on time moved from 80% to 85%.", 85.0) != "target"


@pytest.mark.parametrize(("text", "wanted"), [
    # the target's figure and word come before the name and the value
    ("Performance against the 95% target for repairs completed on time was 92.3%.",
     [(95.0, "target"), (92.3, "value")]),
    ("Performance against target for repairs completed on time was 92.3%.", [(92.3, "value")]),
    # near misses: a target stated for the measure, and a second target after the first
    ("The target for repairs completed on time was 95%.", [(95.0, "target")]),
    ("The 95% target for repairs completed on time was missed; next year's target is 97%.",
     [(95.0, "target"), (97.0, "target")]),
])
def test_a_target_stated_before_its_value(text: str, wanted: list[tuple[float, str]]) -> None:
    assert roles(text) == wanted


def test_a_phone_lines_number_is_no_figure() -> None:
    text = "The percentage of 111 calls answered within 60 seconds was 84.5% against a target of 95%."
    assert roles(text) == [(111.0, "ignore"), (60.0, "ignore"), (84.5, "value"), (95.0, "target")]


@pytest.mark.parametrize(("text", "number", "role"), [
    # a comparator in a bracketed aside is said of the figure before it (a real children's report)
    ("Timeliness – 6 month rate 85% (on par with national rate), improvement from 78% in 2017/18.", 78, "previous"),
    ("Timeliness 85% (on par with national rate), compared with the national average of 80%.", 80, "benchmark"),
    # the target on a measure named in full (a real committee's minutes)
    ("The CKPI CDCS2 target on the percentage of lost Customer Service calls per quarter was 12% and the full year "
     "achievement was 8.5%.", 12, "target"),
    ("The CKPI CDCS2 target on the percentage of lost Customer Service calls per quarter was 12% and the full year "
     "achievement was 8.5%.", 8.5, "value")])
def test_asides_sectors_and_targets_on_a_measure(text: str, number: float, role: str) -> None:
    assert role_of(text, number) == role
