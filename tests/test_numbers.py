"""Values as council papers print them: scorecard cells, narrative sentences, missing markers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpiextract.parsing.numbers import (
    Value,
    as_figure,
    find_values,
    is_number_cell,
    looks_like_year,
    parse_range,
    parse_value,
)

FAST = settings(max_examples=200, deadline=None)

# --- scorecard cells: one value per cell, as RAG tables and dashboards print them -------------

SCORECARD_CELLS = [
    # percentages
    ("58%", 58.0, "%"),
    ("58 %", 58.0, "%"),
    ("58 per cent", 58.0, "%"),
    ("58 percent", 58.0, "%"),
    ("79.30%", 79.3, "%"),
    ("85.00%", 85.0, "%"),
    ("0%", 0.0, "%"),
    ("100%", 100.0, "%"),
    ("44.4%", 44.4, "%"),
    # counts and plain decimals
    ("1,234", 1234.0, None),
    ("3,200", 3200.0, None),
    ("1,234,567", 1234567.0, None),
    ("274", 274.0, None),
    ("0.05", 0.05, None),
    ("0.00", 0.0, None),
    ("96.7", 96.7, None),
    (".5", 0.5, None),
    # money
    ("£1.2m", 1_200_000.0, "£"),
    ("£13.324m", 13_324_000.0, "£"),
    ("£20,000", 20_000.0, "£"),
    ("£1.5bn", 1_500_000_000.0, "£"),
    ("£450k", 450_000.0, "£"),
    ("£1.2 million", 1_200_000.0, "£"),
    ("£ 5,000", 5_000.0, "£"),
    ("-£1.2m", -1_200_000.0, "£"),
    # durations
    ("337 days", 337.0, "days"),
    ("15 working days", 15.0, "days"),
    ("1 day", 1.0, "days"),
    ("6 weeks", 6.0, "weeks"),
    ("18 months", 18.0, "months"),
    ("24 hours", 24.0, "hours"),
    # rates
    ("3.4 per 100,000", 3.4, "rate"),
    ("45.2 per 10,000", 45.2, "rate"),
    ("12 per 1,000 births", 12.0, "rate"),
    ("3.4/100k", 3.4, "rate"),
    # staffing
    ("2.4 FTE", 2.4, "FTE"),
    # waste: mass glued to its figure or apart (a code's letters are never glued after it)
    ("474kg", 474.0, "kg"),
    ("459 kg", 459.0, "kg"),
    ("16,313 tonnes", 16313.0, "tonnes"),
    # negatives: hyphen, true minus, and the en dash PDF extraction turns a minus into
    ("-13.7", -13.7, None),
    ("-15.2", -15.2, None),
    ("\u22125", -5.0, None),
    ("\u20135", -5.0, None),
    ("\u2013 5", -5.0, None),
    ("-0.9%", -0.9, "%"),
    ("+2.1%", 2.1, "%"),
    # percentage points
    ("0.9 percentage points", 0.9, "pp"),
    ("7% points", 7.0, "pp"),
    ("1.5pp", 1.5, "pp"),
    ("-2 ppts", -2.0, "pp"),
    # footnote marks and spreadsheet exports
    ("58%*", 58.0, "%"),
    ("1.5E+10", 1.5e10, None),
]


@pytest.mark.parametrize(("cell", "value", "unit"), SCORECARD_CELLS)
def test_scorecard_cell(cell: str, value: float, unit: str | None) -> None:
    parsed = parse_value(cell)
    assert parsed.value == value
    assert parsed.unit == unit
    assert parsed.text == cell.strip()
    assert is_number_cell(cell)


# --- missing markers: no value, but the printed text is kept ---------------------------------

MISSING_MARKERS = [
    "n/a",
    "N/A",
    "NA",
    "n.a.",
    "tbc",
    "TBC",
    "tbd",
    "not avail",
    "not available",
    "Not available.",
    "None available",
    "none",
    "no data",
    "Data not yet available",
    "not applicable",
    "awaiting data",
    "-",
    "\u2013",
    "\u2014",
    "*",
    "x",
    "..",
    "",
    "   ",
    "n/a*",
    "N/A - new measure for 2023/24",
    "TBC (due Q3)",
    "not available until 2024",
]


@pytest.mark.parametrize("cell", MISSING_MARKERS)
def test_missing_marker(cell: str) -> None:
    parsed = parse_value(cell)
    assert parsed.value is None
    assert parsed.missing
    assert parsed.text == cell.strip()
    assert not is_number_cell(cell)


def test_none_cell_is_missing() -> None:
    assert parse_value(None) == Value(value=None, unit=None, text="")


# --- cells that hold digits but not a value ---------------------------------------------------

NOT_A_VALUE_CELLS = [
    "31/03/2022",
    "20/11/2023",
    "7/2/24",
    "01296 383104",
    "03000 417164",
    "5.00pm",
    "Q3",
    "HT2",
    "M711",
    "15th",
]


@pytest.mark.parametrize("cell", NOT_A_VALUE_CELLS)
def test_cell_without_value(cell: str) -> None:
    parsed = parse_value(cell)
    assert parsed.value is None
    assert parsed.text == cell
    assert not is_number_cell(cell)


@pytest.mark.parametrize(
    "cell",
    ["58% (Q3)", "Q3: 58%", "Target 90%", "16-17", "58% against 60%", "2023/24", "covid-19 rate 5%"],
)
def test_not_only_a_number(cell: str) -> None:
    assert not is_number_cell(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [("Q3: 58%", 58.0), ("M711 44.4%", 44.4), ("HT2 23/24 21%", 21.0), ("Target: -5", -5.0), ("(-3%)", -3.0)],
)
def test_cell_skips_codes_before_value(cell: str, value: float) -> None:
    assert parse_value(cell).value == value


# --- narrative sentences: running text from report commentary --------------------------------

NARRATIVE = [
    ("Q3 2023/24 figure stood at 274, a slight increase from 270 in Q2.", [(274.0, None), (270.0, None)]),
    ("44% at the end of Q3, a 1% increase from 43% in Q2", [(44.0, "%"), (1.0, "%"), (43.0, "%")]),
    ("the rate rose to 56.9 % from 52.1 %", [(56.9, "%"), (52.1, "%")]),
    ("percentage of 16-17 year olds not in education", [(16.0, None), (17.0, "years")]),
    ("5 exclusions in HT2 23/24 and 34 in Q3 23-24", [(5.0, None), (34.0, None)]),
    ("23/24 schools are rated good", [(23.0, None), (24.0, None)]),
    ("young people aged 16-17 years", [(16.0, None), (17.0, "years")]),
    ("an improvement of 0.9 percentage points", [(0.9, "pp")]),
    ("up 7% points on last year", [(7.0, "pp")]),
    ("staffing rose by 2.4 FTE", [(2.4, "FTE")]),
    ("a gap of -13.7 against -15.2 nationally", [(-13.7, None), (-15.2, None)]),
    ("the attainment gap is \u22125 this year", [(-5.0, None)]),
    ("rate per 100,000 population was 3.4", [(3.4, None)]),
    ("3.4 per 100,000 children", [(3.4, "rate")]),
    ("savings of £1.2m against a budget of £13.324m", [(1_200_000.0, "£"), (13_324_000.0, "£")]),
    ("an average of 337 days, target 15 working days", [(337.0, "days"), (15.0, "days")]),
    ("M711 percentage of EHCPs issued within 20 weeks", [(20.0, "weeks")]),
    ("exclusions in HT2 23/24, compared with Y12 and KS4", []),
    ("on the 15th and the 1st of the month", []),
    ("COVID-19 cases rose by 5%", [(5.0, "%")]),
    ("see paragraph 3.2.1 for 58%", [(58.0, "%")]),
    ("- 670,000 children growing up in high risk families", [(670_000.0, None)]),
    ("national 21.5% and statistical neighbours 22.4%", [(21.5, "%"), (22.4, "%")]),
    ("target 17.5% - 22.5%", [(17.5, "%"), (22.5, "%")]),
    ("n/a\tn/a\t-13.7\t-15.2\tn/a", [(-13.7, None), (-15.2, None)]),
    ("it was 58.", [(58.0, None)]),
    ("an increase of +1.5% on Q2", [(1.5, "%")]),
    ("£1m-£2m a year", [(1_000_000.0, "£"), (2_000_000.0, "£")]),
]


@pytest.mark.parametrize(("text", "expected"), NARRATIVE)
def test_narrative(text: str, expected: list[tuple[float, str | None]]) -> None:
    found = find_values(text)
    assert [(v.value, v.unit) for v in found] == expected
    for value in found:
        assert text[value.start:value.end] == value.text


# --- things in running text that must not come back as values --------------------------------

NOT_VALUES_IN_TEXT = [
    "Contact officer: Tolis Vouyioukas, 01296 383104",
    "please ring 03000 417164 for details",
    "call 0300 123 4567",
    "or +44 (0)1296 383104",
    "approved with date: 7/2/24",
    "meeting of 20/11/2023",
    "as at 31/03/2022",
    "published 2023-03-31",
    "the meeting starts at 5.00pm",
    "from 10:30 until 5 pm",
    "Meeting date 19 March",
    "codes M711, Q3, HT2, Y12",
    "the 15th and the 1st",
    "figures for 2023/24 and 2017-18",
    "Red [drawn fill #990000]",  # a status read from a colour names the colour
]


@pytest.mark.parametrize("text", NOT_VALUES_IN_TEXT)
def test_not_values_in_text(text: str) -> None:
    assert find_values(text) == []


def test_year_is_found_but_looks_like_a_year() -> None:
    values = find_values("in 2022 there were 58 cases")
    assert [v.value for v in values] == [2022.0, 58.0]
    assert looks_like_year(values[0])
    assert not looks_like_year(values[1])
    assert not looks_like_year(parse_value("2,022"))
    assert not looks_like_year(parse_value("2022%"))


# --- ranges -----------------------------------------------------------------------------------

RANGES = [
    ("17.5% - 22.5%", (17.5, 22.5), "%"),
    ("17.5%-22.5%", (17.5, 22.5), "%"),
    ("17.5% 22.5%", (17.5, 22.5), "%"),
    ("17.5% \u2013 22.5%", (17.5, 22.5), "%"),
    ("between 10 and 12", (10.0, 12.0), None),
    ("10 to 20 days", (10.0, 20.0), "days"),
    ("16-17", (16.0, 17.0), None),
    ("-10 to -5", (-10.0, -5.0), None),
    ("-10--5", (-10.0, -5.0), None),
    ("£1m-£2m", (1_000_000.0, 2_000_000.0), "£"),
]


@pytest.mark.parametrize(("text", "bounds", "unit"), RANGES)
def test_range(text: str, bounds: tuple[float, float], unit: str | None) -> None:
    found = parse_range(text)
    assert found is not None
    low, high = found
    assert (low.value, high.value) == bounds
    assert low.unit == high.unit == unit


@pytest.mark.parametrize("text", ["22.5% - 17.5%", "58%", "10 because 12", "2022-2023", "n/a", ""])
def test_not_a_range(text: str) -> None:
    assert parse_range(text) is None


# --- properties -------------------------------------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False)


@FAST
@given(finite)
def test_any_float_percentage_round_trips(x: float) -> None:
    parsed = parse_value(f"{x}%")
    assert parsed.value == x
    assert parsed.unit == "%"
    assert parsed.text == f"{x}%"


@FAST
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_thousands_separators_round_trip(n: int) -> None:
    text = f"{n:,}"
    assert parse_value(text).value == n
    assert is_number_cell(text)


@FAST
@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False))
def test_decimal_text_round_trips(d: Decimal) -> None:
    text = str(d)
    assert parse_value(text).value == float(text)


@FAST
@given(st.decimals(min_value=0, max_value=1000, places=3), st.sampled_from(["k", "m", "bn"]))
def test_money_scales_exactly(d: Decimal, mag: str) -> None:
    scale = {"k": 1000, "m": 10**6, "bn": 10**9}[mag]
    parsed = parse_value(f"£{d}{mag}")
    assert parsed.unit == "£"
    assert parsed.value == float(Decimal(str(d)) * scale)


@FAST
@given(st.text())
def test_find_values_never_raises_and_spans_index_text(text: str) -> None:
    previous_end = 0
    for value in find_values(text):
        assert 0 <= value.start < value.end <= len(text)
        assert text[value.start:value.end] == value.text
        assert value.start >= previous_end
        assert value.value is not None
        previous_end = value.end


@FAST
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,-–−%£/:pmMkQ\tper cent days n/a")), max_size=40))
def test_find_values_on_digit_heavy_text(text: str) -> None:
    for value in find_values(text):
        assert text[value.start:value.end] == value.text


@FAST
@given(st.text())
def test_parse_value_never_raises_and_keeps_text(text: str) -> None:
    parsed = parse_value(text)
    assert parsed.text == text.strip()
    if is_number_cell(text):
        assert parsed.value is not None


def _not_year_like(x: float) -> bool:
    return not (x.is_integer() and 1900 <= x <= 2099)


plain = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False).filter(_not_year_like)


@FAST
@given(plain, plain, st.sampled_from(["-", " - ", " \u2013 ", " to ", "\u2013"]))
def test_parse_range_orders_bounds(a: float, b: float, dash: str) -> None:
    lo, hi = sorted((a, b))
    found = parse_range(f"{lo}{dash}{hi}")
    if lo == hi:
        assert found is None
        return
    assert found is not None
    low, high = found
    assert low.value == lo
    assert high.value == hi
    assert low.value is not None and high.value is not None and low.value < high.value


@FAST
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_parse_range_integers_with_separators(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    found = parse_range(f"{lo:,}-{hi:,}")
    if lo == hi:
        assert found is None
        return
    assert found is not None
    assert (found[0].value, found[1].value) == (lo, hi)


@pytest.mark.parametrize(("cell", "figure"), [
    ("<5", None), ("< 10", None), ("≤3", None), (">95%", None), ("under 10", None), ("Fewer than 5", None),
    ("58%", 58.0), ("-5", -5.0), ("£1.2m", 1_200_000.0), ("5 (<10)", 5.0), ("n/a", None)])
def test_a_bound_in_a_figure_cell_is_no_figure(cell: str, figure: float | None) -> None:
    value = as_figure(parse_value(cell))
    assert value.value == figure
    assert value.text == cell  # as printed, whatever it holds


@pytest.mark.parametrize(("cell", "minutes"), [("2:45", 2.75), ("0:50", 50 / 60), ("3:00 (mm:ss)", 3.0),
                                               ("1:02:30", 62.5)])
def test_a_cell_printed_as_minutes_and_seconds_is_a_length_of_time(cell: str, minutes: float) -> None:
    """A scorecard's '2:45' gave a record with no value (a time of day is never a value)."""
    value = parse_value(cell)
    assert (value.value, value.unit, value.text) == (pytest.approx(minutes, abs=1e-4), "minutes", cell)


def test_a_time_of_day_in_a_cell_is_still_no_value() -> None:
    assert parse_value("10:30am").value is None


@pytest.mark.parametrize(("text", "wanted"), [
    ("The average wait was 2 minutes 45 seconds.", [(2.75, "minutes", "2 minutes 45 seconds")]),
    ("The average wait was 2m 45s.", [(2.75, "minutes", "2m 45s")]),  # not two million
    ("Calls took 1 hour and 30 minutes to clear.", [(1.5, "hours", "1 hour and 30 minutes")]),
    # no pair of a clock's units: figures of their own
    ("Budgets of £2m and 45 staff.", [(2_000_000.0, "£", "£2m"), (45.0, None, "45")]),
    ("A 5 minute walk and 30 seconds of silence.", [(5.0, "minutes", "5 minute"), (30.0, "seconds", "30 seconds")]),
])
def test_a_length_of_time_in_two_units_is_one_figure(text: str, wanted: list[tuple[float, str | None, str]]) -> None:
    assert [(v.value, v.unit, v.text) for v in find_values(text)] == wanted
