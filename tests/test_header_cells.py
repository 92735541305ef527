"""How one table header cell is read: the period it names, the role of its column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kpiextract.layouts.columns import read_column
from kpiextract.parsing.periods import find_periods
from kpiextract.vocab import load

VOCAB = load()


@pytest.mark.parametrize(("header", "role", "start"), [
    ("Outturn 22/23", "value", date(2022, 4, 1)), ("Target 23/24", "target", date(2023, 4, 1)),
    ("23/24 Target", "target", date(2023, 4, 1)), ("22/23", "value", date(2022, 4, 1)),
    ("Actual 23 / 24", "value", date(2023, 4, 1))])
def test_a_short_year_beside_a_role_is_the_columns_financial_year(header: str, role: str, start: date) -> None:
    column = read_column(0, header, VOCAB)
    assert column.role == role
    assert column.period is not None and column.period.kind == "financial_year" and column.period.start == start


@pytest.mark.parametrize("header", ["NEET 16/17", "Aged 16-17", "Score 22/24", "Outturn 2022/23/24", "22/23/24",
                                    "Pupils 10/11 (%)"])
def test_a_pair_of_numbers_that_is_not_a_year_beside_a_role_is_no_period(header: str) -> None:
    column = read_column(0, header, VOCAB)
    assert column.period is None


def test_a_short_year_in_prose_is_not_read_as_a_period() -> None:
    # "22/23" in a sentence may be a score: only a header cell gives it its year
    assert find_periods("The audit scored 22/23 and the service met 9 of 10 standards.") == []


def test_a_users_headers_file_adds_how_far_back_a_previous_column_looks(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "headers.toml").write_text('[previous_spans]\nyear = ["this time last year"]\n', encoding="utf-8")
    assert load(str(folder)).previous_spans.label("This time last year") == "year"
    assert load(str(folder)).previous_spans.label("Same period last year") == "year"  # the bundled ones stay
    assert VOCAB.previous_spans.label("This time last year") is None


@pytest.mark.parametrize(("header", "role"), [("Plan", "target"), ("Standard", "target"), ("Trajectory", "target"),
                                              ("Plan priority", None), ("Standard met?", None),
                                              ("Service standard", "indicator")])
def test_words_that_name_a_target_only_as_the_whole_header(header: str, role: str | None) -> None:
    """Regression: a health service's "Standard" and "Plan" columns (the figures it is held to)
    were not read as targets; as part of a longer header they are not."""
    assert read_column(0, header, VOCAB).role == role


@pytest.mark.parametrize(("header", "month"), [("Apr", 4), ("September", 9), ("Sept", 9), ("Mar", 3)])
def test_a_month_alone_heads_that_months_column(header: str, month: int) -> None:
    column = read_column(0, header, VOCAB)
    assert column.role == "value" and column.period is not None and column.period.kind == "month"
    assert column.period.start is None  # its year comes from the paper, like a bare "Q1"
