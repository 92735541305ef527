"""Reporting periods as council papers print them: headers, narrative, school terms."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpiextract.parsing import periods
from kpiextract.parsing.fiscal import financial_quarter, financial_year_label, quarter_label
from kpiextract.parsing.period_shifts import with_year
from kpiextract.parsing.periods import Period, find_periods, parse_period

FAST = settings(max_examples=200, deadline=None)

D = date

# --- scorecard headers and cells: a period and nothing else -----------------------------------

SCORECARD_PERIODS = [
    ("Q3 2023/24", "quarter", D(2023, 10, 1), D(2023, 12, 31)),
    ("Q3 23/24", "quarter", D(2023, 10, 1), D(2023, 12, 31)),
    ("Q3 2023-24", "quarter", D(2023, 10, 1), D(2023, 12, 31)),
    ("2022/23 Q3", "quarter", D(2022, 10, 1), D(2022, 12, 31)),
    ("Q1 2023/24", "quarter", D(2023, 4, 1), D(2023, 6, 30)),
    ("Q4 2022/23", "quarter", D(2023, 1, 1), D(2023, 3, 31)),
    ("Qtr 2 2019/20", "quarter", D(2019, 7, 1), D(2019, 9, 30)),
    ("Quarter 4 of 2017/18", "quarter", D(2018, 1, 1), D(2018, 3, 31)),
    ("Quarter two 2023/24", "quarter", D(2023, 7, 1), D(2023, 9, 30)),
    ("Quarter 2", "quarter", None, None),
    ("second quarter", "quarter", None, None),
    ("August 2017", "month", D(2017, 8, 1), D(2017, 8, 31)),
    ("Aug 2017", "month", D(2017, 8, 1), D(2017, 8, 31)),
    ("Sept 2023", "month", D(2023, 9, 1), D(2023, 9, 30)),
    ("Feb 2024", "month", D(2024, 2, 1), D(2024, 2, 29)),
    ("Mar-23", "month", D(2023, 3, 1), D(2023, 3, 31)),
    ("Mar '23", "month", D(2023, 3, 1), D(2023, 3, 31)),
    ("Sep-2023", "month", D(2023, 9, 1), D(2023, 9, 30)),
    ("31/03/2022", "date", D(2022, 3, 31), D(2022, 3, 31)),
    ("7/2/24", "date", D(2024, 2, 7), D(2024, 2, 7)),
    ("2023-03-31", "date", D(2023, 3, 31), D(2023, 3, 31)),
    ("30th September 2017", "date", D(2017, 9, 30), D(2017, 9, 30)),
    ("September 30, 2017", "date", D(2017, 9, 30), D(2017, 9, 30)),
    ("2017-18", "financial_year", D(2017, 4, 1), D(2018, 3, 31)),
    ("2017/18", "financial_year", D(2017, 4, 1), D(2018, 3, 31)),
    ("2022-2023", "financial_year", D(2022, 4, 1), D(2023, 3, 31)),
    ("2099/00", "financial_year", D(2099, 4, 1), D(2100, 3, 31)),
    ("FY23/24", "financial_year", D(2023, 4, 1), D(2024, 3, 31)),
    ("financial year 2022/23", "financial_year", D(2022, 4, 1), D(2023, 3, 31)),
    ("2019-22", "years", D(2019, 1, 1), D(2022, 12, 31)),
    ("2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("calendar year 2021", "year", D(2021, 1, 1), D(2021, 12, 31)),
]


@pytest.mark.parametrize(("text", "kind", "start", "end"), SCORECARD_PERIODS)
def test_scorecard_period(text: str, kind: str, start: date | None, end: date | None) -> None:
    found = find_periods(text)
    assert len(found) == 1
    period = found[0]
    assert (period.text, period.kind, period.start, period.end) == (text, kind, start, end)
    assert period.pos == 0
    assert parse_period(text) == period


# --- narrative sentences: a period inside commentary ------------------------------------------

NARRATIVE_PERIODS = [
    ("The figure at the end of March 2023 was 58%", "the end of March 2023", "date", D(2023, 3, 31),
     D(2023, 3, 31)),
    ("as at end of March 2023", "end of March 2023", "date", D(2023, 3, 31), D(2023, 3, 31)),
    ("in the 12 months to July 2018 there were", "12 months to July 2018", "rolling", D(2017, 8, 1),
     D(2018, 7, 31)),
    ("rolling year for August 2017", "rolling year for August 2017", "rolling", D(2016, 9, 1),
     D(2017, 8, 31)),
    ("in the year ending 31 March 2023", "year ending 31 March 2023", "rolling", D(2022, 4, 1),
     D(2023, 3, 31)),
    ("for the period January \u2013 March 2023,", "January \u2013 March 2023", "range", D(2023, 1, 1),
     D(2023, 3, 31)),
    ("January to March 2023", "January to March 2023", "range", D(2023, 1, 1), D(2023, 3, 31)),
    ("performance between June and July 2018 fell", "between June and July 2018", "range", D(2018, 6, 1),
     D(2018, 7, 31)),
    ("in July and August 2017 there were", "July and August 2017", "range", D(2017, 7, 1), D(2017, 8, 31)),
    ("referrals from April to August 2017", "April to August 2017", "range", D(2017, 4, 1), D(2017, 8, 31)),
    ("from 1st April to 31st August 2017", "1st April to 31st August 2017", "range", D(2017, 4, 1),
     D(2017, 8, 31)),
    ("from 1 April 2022 - 31 March 2023", "1 April 2022 - 31 March 2023", "range", D(2022, 4, 1),
     D(2023, 3, 31)),
    ("the period October - December 2023", "October - December 2023", "range", D(2023, 10, 1),
     D(2023, 12, 31)),
    ("December to March 2023 was busy", "December to March 2023", "range", D(2022, 12, 1), D(2023, 3, 31)),
    ("Apr-Jun 2023 outturn", "Apr-Jun 2023", "range", D(2023, 4, 1), D(2023, 6, 30)),
    ("On 4 July 2017, DfE updated", "4 July 2017", "date", D(2017, 7, 4), D(2017, 7, 4)),
    ("Meeting date 19 March 2024", "19 March 2024", "date", D(2024, 3, 19), D(2024, 3, 19)),
    ("figure stood at 274 in Q3 2023/24.", "Q3 2023/24", "quarter", D(2023, 10, 1), D(2023, 12, 31)),
    ("no change from Q4 22/23.", "Q4 22/23", "quarter", D(2023, 1, 1), D(2023, 3, 31)),
    ("2022/23 Q3 outturn: 403", "2022/23 Q3", "quarter", D(2022, 10, 1), D(2022, 12, 31)),
    ("the target we have set for 2017/18 is 20%", "2017/18", "financial_year", D(2017, 4, 1), D(2018, 3, 31)),
    ("for 2017-18. This group", "2017-18", "financial_year", D(2017, 4, 1), D(2018, 3, 31)),
    ("before the end of 2017.", "2017", "year", D(2017, 1, 1), D(2017, 12, 31)),
    ("in calendar year 2021 there were", "calendar year 2021", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("Children Act 1989 duties", "1989", "year", D(1989, 1, 1), D(1989, 12, 31)),
    ("in may 2023 the figure", "may 2023", "month", D(2023, 5, 1), D(2023, 5, 31)),
]


@pytest.mark.parametrize(("sentence", "text", "kind", "start", "end"), NARRATIVE_PERIODS)
def test_narrative_period(sentence: str, text: str, kind: str, start: date | None, end: date | None) -> None:
    found = [p for p in find_periods(sentence) if p.text == text]
    assert len(found) == 1, find_periods(sentence)
    period = found[0]
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert period.pos == sentence.index(text)
    assert sentence[period.pos:period.end_pos] == text


# --- months with no year: periods without dates -----------------------------------------------

YEARLESS = [
    ("performance in March was good", "March", "month"),
    ("the figures for August show", "August", "month"),
    ("during September referrals rose", "September", "month"),
    ("since April the service has", "April", "month"),
    ("by December we expect", "December", "month"),
    ("the position at the end of March", "the end of March", "month"),
    ("the position of Jan", "Jan", "month"),
    ("results in May were good", "May", "month"),
    ("as at 31 March the figure", "31 March", "date"),
    ("On 4th July, the Commissioner", "4th July", "date"),
    ("in Q3 the figure", "Q3", "quarter"),
    ("this quarter two", "quarter two", "quarter"),
]


@pytest.mark.parametrize(("sentence", "text", "kind"), YEARLESS)
def test_yearless_period(sentence: str, text: str, kind: str) -> None:
    found = find_periods(sentence)
    assert [(p.text, p.kind, p.start, p.end) for p in found] == [(text, kind, None, None)]


@pytest.mark.parametrize(
    ("sentence", "months"),
    [
        ("performance for July and August are within the target", ["July", "August"]),
        ("in June, July or August", ["June", "July", "August"]),
        ("July and August figures", ["July", "August"]),
        ("for July and august", ["July"]),  # lower-case "august" could be the adjective
        ("figures may and june", []),
    ],
)
def test_yearless_month_lists(sentence: str, months: list[str]) -> None:
    found = find_periods(sentence)
    assert [(p.text, p.kind, p.start) for p in found] == [(m, "month", None) for m in months]


# --- school terms and years -------------------------------------------------------------------

ACADEMIC = [
    ("Summer Term 2022-2023", "term", D(2023, 4, 1), D(2023, 8, 31)),
    ("Summer term 2023", "term", D(2023, 4, 1), D(2023, 8, 31)),
    ("Autumn term 2023", "term", D(2023, 9, 1), D(2023, 12, 31)),
    ("Autumn Term 2023/24", "term", D(2023, 9, 1), D(2023, 12, 31)),
    ("Spring term 2024", "term", D(2024, 1, 1), D(2024, 4, 30)),
    ("Spring term 2023/24", "term", D(2024, 1, 1), D(2024, 4, 30)),
    ("spring term", "term", None, None),
    ("HT2 23/24", "half_term", D(2023, 10, 1), D(2023, 12, 31)),
    ("HT1 2023/24", "half_term", D(2023, 9, 1), D(2023, 10, 31)),
    ("HT 2 22/23", "half_term", D(2022, 10, 1), D(2022, 12, 31)),
    ("HT3 2023-24", "half_term", D(2024, 1, 1), D(2024, 2, 29)),
    ("half term 4 2023/24", "half_term", D(2024, 2, 1), D(2024, 3, 31)),
    ("HT5 2022/23", "half_term", D(2023, 4, 1), D(2023, 5, 31)),
    ("HT6 2022/23", "half_term", D(2023, 6, 1), D(2023, 7, 31)),
    ("2023/24 HT2", "half_term", D(2023, 10, 1), D(2023, 12, 31)),
    ("Autumn 2 2023/24", "half_term", D(2023, 10, 1), D(2023, 12, 31)),
    ("HT2", "half_term", None, None),
    ("academic year 2022/23", "academic_year", D(2022, 9, 1), D(2023, 8, 31)),
    ("academic year 2022-2023", "academic_year", D(2022, 9, 1), D(2023, 8, 31)),
    ("school year 2021/22", "academic_year", D(2021, 9, 1), D(2022, 8, 31)),
    ("2016/2017 academic year", "academic_year", D(2016, 9, 1), D(2017, 8, 31)),
    ("academic year (2016/17)", "academic_year", D(2016, 9, 1), D(2017, 8, 31)),
    ("AY 2022/23", "academic_year", D(2022, 9, 1), D(2023, 8, 31)),
]


@pytest.mark.parametrize(("text", "kind", "start", "end"), ACADEMIC)
def test_academic_period(text: str, kind: str, start: date | None, end: date | None) -> None:
    found = find_periods(text)
    assert [(p.text, p.kind, p.start, p.end) for p in found] == [(text, kind, start, end)]


def test_half_term_number_is_kept() -> None:
    period = parse_period("HT2 23/24")
    assert period is not None
    assert period.half_term == 2
    assert period.quarter is None


# --- text that names no period ----------------------------------------------------------------

NOT_PERIODS = [
    "you may see an increase",
    "the top 10 may be",
    "figures may vary",
    "March on",
    "we may 2023",  # "may" the verb; the 2023 is still a year
    "2,000 people",
    "£2020 spent",
    "2022% rise",
    "2020.5 units",
    "code M2022",
    "the 2020s",
    "aged 16-17",
    "ref 2021/123",
    "31/02/2023",
    "Q5 results",
    "Since the June Board meeting",
    "the Mayor said",
]


@pytest.mark.parametrize("text", NOT_PERIODS)
def test_no_month_or_date(text: str) -> None:
    assert [p for p in find_periods(text) if p.kind != "year"] == []
    assert all(p.text == "2023" for p in find_periods(text))


@pytest.mark.parametrize("text", ["Scorecard Monitoring - Quarter 1, 2023/24", "Quarter 1 (2023/24)",
                                  "Q1 - 2023/24", "Q1 (FY 2023/24) results"])
def test_a_quarter_set_apart_from_its_year_by_a_comma_dash_or_brackets_is_one_dated_quarter(text: str) -> None:
    """A title's "Quarter 1, 2023/24" read as a yearless quarter and a year, so the paper was
    dated by the whole year and its undated figures were given 2023/24 instead of Q1."""
    [period] = find_periods(text)
    assert (period.kind, period.start, period.end) == ("quarter", D(2023, 4, 1), D(2023, 6, 30))


def test_brackets_that_hold_more_than_a_year_are_not_the_quarters() -> None:
    assert [p.kind for p in find_periods("Q2 (2023/24 target)")] == ["quarter", "financial_year"]


def test_cells_do_not_join_across_tabs() -> None:
    found = find_periods("Q1 Target\t2023/24\tQ1 Actual 2023/24")
    assert [(p.text, p.kind) for p in found] == [
        ("Q1", "quarter"), ("2023/24", "financial_year"), ("Q1", "quarter"), ("2023/24", "financial_year")
    ]


# --- parse_period: the one period a short text names ------------------------------------------

PARSE = [
    ("Q3 (2023/24)", "Q3 (2023/24)", "quarter", D(2023, 10, 1)),  # one period, as printed
    ("Quarter 3, 2023/24", "Quarter 3, 2023/24", "quarter", D(2023, 10, 1)),
    ("HT2 (2023/24)", "HT2 2023/24", "half_term", D(2023, 10, 1)),
    ("Performance at 31 March 2023 for 2022/23", "31 March 2023", "date", D(2023, 3, 31)),
    ("August 2017 (2017/18)", "August 2017", "month", D(2017, 8, 1)),
]


@pytest.mark.parametrize(("text", "label", "kind", "start"), PARSE)
def test_parse_period_picks_one(text: str, label: str, kind: str, start: date) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.text, period.kind, period.start) == (label, kind, start)


@pytest.mark.parametrize("text", [None, "", "no period here", "58%"])
def test_parse_period_none(text: str | None) -> None:
    assert parse_period(text) is None


# --- with_year: completing yearless periods from the paper's context --------------------------

FY_2022 = Period("2022/23", "financial_year", D(2022, 4, 1), D(2023, 3, 31))
Q3_2023 = Period("Q3 2023/24", "quarter", D(2023, 10, 1), D(2023, 12, 31), quarter=3)
AY_2023 = Period("academic year 2023/24", "academic_year", D(2023, 9, 1), D(2024, 8, 31))

WITH_YEAR = [
    ("Quarter 2", FY_2022, D(2022, 7, 1), D(2022, 9, 30)),
    ("Q4", FY_2022, D(2023, 1, 1), D(2023, 3, 31)),
    ("in March", FY_2022, D(2023, 3, 1), D(2023, 3, 31)),
    ("in May", FY_2022, D(2022, 5, 1), D(2022, 5, 31)),
    ("in November", Q3_2023, D(2023, 11, 1), D(2023, 11, 30)),
    ("at the end of March", FY_2022, D(2023, 3, 31), D(2023, 3, 31)),
    ("as at 31 March", FY_2022, D(2023, 3, 31), D(2023, 3, 31)),
    ("HT2", AY_2023, D(2023, 10, 1), D(2023, 12, 31)),
    ("Spring term", AY_2023, D(2024, 1, 1), D(2024, 4, 30)),
]


@pytest.mark.parametrize(("text", "context", "start", "end"), WITH_YEAR)
def test_with_year(text: str, context: Period, start: date, end: date) -> None:
    (period,) = find_periods(text)
    assert period.start is None
    completed = with_year(period, context)
    assert (completed.start, completed.end) == (start, end)
    assert (completed.text, completed.kind, completed.pos) == (period.text, period.kind, period.pos)


def test_with_year_leaves_dated_and_contextless_alone() -> None:
    dated = parse_period("Q3 2023/24")
    assert dated is not None
    assert with_year(dated, FY_2022) is dated
    yearless = parse_period("Quarter 2")
    assert yearless is not None
    assert with_year(yearless, None) is yearless
    assert with_year(yearless, Period("Quarter 1", "quarter", quarter=1)) is yearless


# --- labels -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("day", "fy", "quarter"),
    [
        (D(2023, 1, 15), "2022/23", "Q4 2022/23"),
        (D(2023, 4, 1), "2023/24", "Q1 2023/24"),
        (D(2023, 3, 31), "2022/23", "Q4 2022/23"),
        (D(2023, 12, 31), "2023/24", "Q3 2023/24"),
        (D(1999, 7, 4), "1999/00", "Q2 1999/00"),
    ],
)
def test_labels(day: date, fy: str, quarter: str) -> None:
    assert financial_year_label(day) == fy
    assert quarter_label(day) == quarter


# --- properties -------------------------------------------------------------------------------

quarters = st.integers(min_value=1, max_value=4)
fy_starts = st.integers(min_value=1900, max_value=2098)


@FAST
@given(quarters, fy_starts)
def test_short_quarter_lies_in_its_financial_year(q: int, y: int) -> None:
    text = f"Q{q} {y}/{(y + 1) % 100:02d}"
    period = parse_period(text)
    assert period is not None and period.start is not None and period.end is not None
    assert period.kind == "quarter" and period.quarter == q and period.text == text
    assert D(y, 4, 1) <= period.start <= period.end <= D(y + 1, 3, 31)
    first_month = (3 * q) % 12 + 1  # Q1 -> 4, Q2 -> 7, Q3 -> 10, Q4 -> 1
    assert period.start.month == first_month and period.start.day == 1
    assert period.end.month == (first_month + 1) % 12 + 1
    assert quarter_label(period.start) == f"Q{q} {financial_year_label(period.start)}"


@FAST
@given(quarters, fy_starts, st.sampled_from(["Q{q} {y}/{y1}", "Quarter {q} of {y}-{y1}", "{y}/{y1} Q{q}"]))
def test_quarter_forms_agree(q: int, y: int, form: str) -> None:
    text = form.format(q=q, y=y, y1=str(y + 1))
    period = parse_period(text)
    assert period is not None
    assert (period.start, period.end) == financial_quarter(q, y)


@FAST
@given(st.integers(min_value=1900, max_value=2099), st.integers(min_value=1, max_value=12))
def test_month_year_covers_the_month(y: int, m: int) -> None:
    import calendar

    for name in (calendar.month_name[m], calendar.month_abbr[m]):
        period = parse_period(f"{name} {y}")
        assert period is not None and period.start is not None and period.end is not None
        assert (period.start.year, period.start.month, period.start.day) == (y, m, 1)
        assert period.end.month == m and (period.end + (D(2000, 1, 2) - D(2000, 1, 1))).month != m


@FAST
@given(st.integers(min_value=1, max_value=6), st.integers(min_value=1900, max_value=2098))
def test_half_term_lies_in_academic_year(n: int, y: int) -> None:
    period = parse_period(f"HT{n} {y}/{(y + 1) % 100:02d}")
    assert period is not None and period.start is not None and period.end is not None
    assert D(y, 9, 1) <= period.start <= period.end <= D(y + 1, 8, 31)


def _check_periods(text: str) -> None:
    found = find_periods(text)
    previous_end = 0
    for period in found:
        assert text[period.pos:period.end_pos] == period.text
        assert period.pos >= previous_end  # sorted and non-overlapping
        assert period.text and not period.text[0].isspace() and not period.text[-1].isspace()
        assert (period.start is None) == (period.end is None)
        if period.start is not None and period.end is not None:
            assert period.start <= period.end
        previous_end = period.end_pos


@FAST
@given(st.text())
def test_find_periods_never_raises_on_any_text(text: str) -> None:
    _check_periods(text)
    parse_period(text)


period_words = st.sampled_from(
    ["Q3", "Quarter", "2023/24", "23/24", "2022-2023", "2017", "-", "to", "and", "between", "March", "may",
     "May", "31", "1st", "of", "the", "end", "in", "HT2", "Summer", "term", "academic", "year", "12",
     "months", "rolling", "31/03/2022", "£2020", "2022%", "\t", ",", "FY", "calendar", "Autumn", "2"]
)


@FAST
@given(st.lists(period_words, max_size=12), st.sampled_from([" ", "", "  "]))
def test_find_periods_on_period_heavy_text(words: list[str], joiner: str) -> None:
    _check_periods(joiner.join(words))


# Rules are run only when a text holds what they need (a digit, a month, a term, "quarter"):
# skipping the others must never change the answer.
_PIECES = ["quarterly", "Quarter", "Q", "Qtr", "HT", "FY", "AY", "school", "term", "year", "financial year", "rolling",
           "half term", "end of", "between", "to", "and", "or", "calendar year", "school year", "academic", "first",
           "one", "twelve months", "12 months", "(", ")", "/", "-", "–", "'", ",", " ", "March", "Sept", "may",
           "Autumn", "summer", "2023", "23/24", "2022/23", "31", "1st", "2", "4", "%", "HT2", "of", "the",
           "P", "P7", "M6", "M", "Period", "period", "Month", "month", "7", "13"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(alphabet=st.characters(categories=["L", "Nd", "Zs", "P"]),
                                                     max_size=8), max_size=14), st.sampled_from([" ", ""]))
def test_skipping_the_rules_a_text_cannot_meet_changes_nothing(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    assert find_periods(text) == list(periods._scan(text, periods.ALL_INGREDIENTS))


# Every form the rules' comments name, alone and in a sentence.
FORMS = ["12 months to July 2018", "rolling year for August 2017", "year ending 31 March 2023",
         "1st April to 31st August 2017", "1 April 2022 - 31 March 2023", "01/04/2022 to 31/03/2023",
         "Summer Term 2022-2023", "Autumn term 2023", "Spring term", "2023/24 HT2", "HT2 23/24",
         "half term 2 2023/24", "Autumn 2 2023/24", "academic year 2022/23", "academic year (2016/17)",
         "the 2022-2023 school year", "AY 2022/23", "2022/23 Q3", "Q3 2023/24", "Q3 23/24", "Quarter 4 of 2017/18",
         "second quarter", "quarter two", "Quarter 2", "2023-03-31", "30th September 2017", "September 30, 2017",
         "31/03/2022", "7/2/24", "January – March 2023", "between June and July 2018", "December 2022 to March 2023",
         "August 2017", "end of March 2023", "Mar-23", "Mar '23", "Mar-2023", "31 March", "in March",
         "at the end of March", "for July and August", "June, July or August", "2017/18", "2017-18", "2022-2023",
         "financial year 2022/23", "FY23/24", "2022", "calendar year 2021", "2023/24 P7", "P7 2023/24",
         "Period 7 of 2023/24", "Period 13", "Month 6 2023/24", "2023/24 M6", "Month 6", "Oct-Dec 23",
         "Jan 24 - Mar 24", "Oct-23 to Dec-23", "Oct 23", "H1 2023/24", "2023/24 H2", "first half of 2023/24"]


@pytest.mark.parametrize("form", FORMS)
def test_every_form_is_read_as_the_full_scan_reads_it(form: str) -> None:
    for text in (form, f"Performance in the {form} period was 75%, against a target of 80%."):
        found = find_periods(text)
        assert found and found == list(periods._scan(text, periods.ALL_INGREDIENTS)), text


@pytest.mark.parametrize(("text", "held"), [
    ("Q3", {"q", "digit"}), ("second quarter", {"q"}), ("Autumn term", {"term"}), ("in March", {"month"}),
    ("HT2 23/24", {"ht", "digit", "span"}), ("academic year", {"ay"}), ("Number of looked after children", set())])
def test_a_text_holds_the_ingredients_it_shows(text: str, held: set[str]) -> None:
    assert periods._ingredients(text) == held


@pytest.mark.parametrize(("text", "kind", "start", "part", "fy"), [
    ("P7 2023/24", "period", None, 7, 2023), ("Period 13 2022-23", "period", None, 13, 2022),
    ("2023/24 P10", "period", None, 10, 2023), ("Period 7 of 2023/24", "period", None, 7, 2023),
    ("Period 7", "period", None, 7, None), ("P7 23/24", "period", None, 7, 2023),
    ("Month 6 2023/24", "month", date(2023, 9, 1), 6, None), ("2023/24 M10", "month", date(2024, 1, 1), 10, None),
    ("M12 2023/24", "month", date(2024, 3, 1), 12, None), ("Month 1", "month", None, 1, None)])
def test_a_financial_years_numbered_periods_and_months(text: str, kind: str, start: date | None, part: int,
                                                       fy: int | None) -> None:
    period = parse_period(text)
    assert period is not None and period.text == text
    assert (period.kind, period.start, period.year_part, period.fiscal_year) == (kind, start, part, fy)


@pytest.mark.parametrize("text", [
    "P7", "P1 pupils achieving the expected level", "the M6 motorway", "Period 14", "in period 7 we",
    "month 6 of the contract", "over the period 1 April to 30 June", "Period 1 - 3", "P7 2023"])
def test_school_stages_roads_and_date_ranges_are_not_numbered_periods(text: str) -> None:
    assert not [p for p in find_periods(text) if p.year_part]


def test_a_numbered_period_has_a_key_and_no_made_up_dates() -> None:
    from kpiextract.parsing.period_keys import period_key

    assert period_key(None, None, "P7 2023/24") == "2023/24 P7"
    assert period_key(None, None, "Period 7") is None  # yearless: completed from the paper first
    month = parse_period("Month 6 2023/24")
    assert month is not None and period_key(month.start, month.end, month.text) == "2023-09"


@pytest.mark.parametrize(("text", "kind", "start", "end"), [
    ("Oct-Dec 23", "range", date(2023, 10, 1), date(2023, 12, 31)),
    ("Dec-Mar 24", "range", date(2023, 12, 1), date(2024, 3, 31)),
    ("Apr 23 to Sep 23", "range", date(2023, 4, 1), date(2023, 9, 30)),
    ("Oct 23", "month", date(2023, 10, 1), date(2023, 10, 31)),
    ("Sept 23", "month", date(2023, 9, 1), date(2023, 9, 30)),
    ("H1 2023/24", "range", date(2023, 4, 1), date(2023, 9, 30)),
    ("2023/24 H2", "range", date(2023, 10, 1), date(2024, 3, 31)),
    ("second half of the financial year 2023-24", "range", date(2023, 10, 1), date(2024, 3, 31)),
    ("Q3 (Oct-Dec 23)", "quarter", date(2023, 10, 1), date(2023, 12, 31))])
def test_months_with_two_digit_years_and_half_years(text: str, kind: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert period is not None and (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize("text", ["numbers may 23 be", "12 Oct 23", "Dec 23%", "December 23", "Oct 2.5"])
def test_a_month_beside_a_number_that_is_no_year_is_not_a_month_year(text: str) -> None:
    assert not [p for p in find_periods(text) if p.kind in ("month", "range") and p.start is not None]


def test_a_us_date_is_not_a_month_of_a_two_digit_year() -> None:
    assert [(p.kind, p.start) for p in find_periods("Oct 23, 2023")] == [("date", date(2023, 10, 23))]


@pytest.mark.parametrize(("text", "span", "label"), [
    ("Q3 2023/24", "year", "Q3 2022/23"), ("Q3 2023/24", "step", "Q2 2023/24"), ("Q1 2023/24", "step", "Q4 2022/23"),
    ("December 2023", "year", "December 2022"), ("January 2024", "step", "December 2023"),
    ("2023/24", "year", "2022/23"), ("2023/24", "step", "2022/23"), ("P7 2023/24", "year", "P7 2022/23"),
    ("P7 2023/24", "step", "P6 2023/24"), ("P1 2023/24", "step", None), ("Quarter 3", "year", None),
    ("Summer Term 2023", "year", None)])
def test_the_period_a_year_or_a_step_before(text: str, span: str, label: str | None) -> None:
    from kpiextract.parsing.period_shifts import earlier

    period = parse_period(text)
    assert period is not None and earlier(period, span) == label


@pytest.mark.parametrize(("text", "words", "label", "start", "end"), [
    ("Dec-23", "Rolling 12 months", "12 months to December 2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("Q3 2023/24", "YTD", "Year to date Q3 2023/24", date(2023, 4, 1), date(2023, 12, 31)),
    ("Feb-24", "Cumulative", "Year to date Feb-24", date(2023, 4, 1), date(2024, 2, 29)),
    ("Q1 2023/24", "Year to date", "Q1 2023/24", date(2023, 4, 1), date(2023, 6, 30)),  # its own year to date
    ("Dec-23", "Monthly", "Dec-23", date(2023, 12, 1), date(2023, 12, 31)),
    ("2023/24", "Rolling 12 months", "2023/24", date(2023, 4, 1), date(2024, 3, 31)),
    ("Dec-23", "YTD rolling 12 months", "Dec-23", date(2023, 12, 1), date(2023, 12, 31))])  # says both: left
def test_a_frequency_stretches_a_month_or_quarter(text: str, words: str, label: str, start: date, end: date) -> None:
    from kpiextract.parsing.period_shifts import spanned

    period = parse_period(text)
    assert period is not None
    stretched = spanned(period, words)
    assert (stretched.text, stretched.start, stretched.end) == (label, start, end)
    assert stretched.printed in (None, text)


@pytest.mark.parametrize(("text", "label"), [
    ("12 months to March 2024", "12 months to March 2023"), ("academic year 2022/23", "academic year 2021/22"),
    ("calendar year 2023", "2022")])
def test_the_year_before_a_rolling_academic_or_calendar_year(text: str, label: str) -> None:
    from kpiextract.parsing.period_shifts import earlier

    period = parse_period(text)
    assert period is not None and earlier(period, "year") == label


@pytest.mark.parametrize("text, start, end", [
    ("2018 to 2019", D(2018, 4, 1), D(2019, 3, 31)),
    ("Results 2021 to 2022", D(2021, 4, 1), D(2022, 3, 31)),
])
def test_two_consecutive_years_joined_by_to_are_a_financial_year(text: str, start: date, end: date) -> None:
    """GOV.UK style spells 2018/19 '2018 to 2019'; a real planning table headed its columns so,
    and each read as the calendar year 2018 and gave no record."""
    [period] = find_periods(text)
    assert (period.kind, period.start, period.end) == ("financial_year", start, end)


@pytest.mark.parametrize("text", ["from 2016 to 2017", "2016 to 2019"])
def test_years_to_years_that_are_no_financial_year_stay_years(text: str) -> None:
    assert all(period.kind == "year" for period in find_periods(text))


def test_a_quarter_in_a_financial_year_is_one_period() -> None:
    """'At the end of Q3 in 2021/22 the actual performance ... had been 10.9%' (a real committee's
    minutes) gave the year alone: the quarter and its year, joined by 'in', are one quarter."""
    found = find_periods("At the end of Q3 in 2021/22 the actual performance had been 10.9%")
    assert [(p.kind, p.quarter, p.start) for p in found] == [("quarter", 3, date(2021, 10, 1))]
