"""The council calendar: the UK financial year (April-March) and its quarters, months and
accounting periods; the academic year's terms and half terms. Dates from numbers, labels from
dates: one definition of each (periods.py reads them from text)."""

from __future__ import annotations

import calendar
from datetime import date

# Academic terms as (first month, last month, years after the academic year's start).
TERMS = {"autumn": (9, 12, 0), "spring": (1, 4, 1), "summer": (4, 8, 1)}


# Half terms as (first month, last month, years after the academic year's start). Half-term
# breaks fall inside a month (late October, mid February, Easter), so neighbours share it.
HALF_TERMS = {1: (9, 10, 0), 2: (10, 12, 0), 3: (1, 2, 1), 4: (2, 3, 1), 5: (4, 5, 1), 6: (6, 7, 1)}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def fy_start(day: date) -> int:
    """The year the UK financial year holding `day` starts in: 2023-01-15 -> 2022."""
    return day.year if day.month >= 4 else day.year - 1


def fy_label(start_year: int) -> str:
    """A year's span as papers write it: 2023 -> '2023/24' (a financial or an academic year)."""
    return f"{start_year}/{str(start_year + 1)[2:]}"


def financial_quarter(quarter: int, start_year: int) -> tuple[date, date]:
    """Q1 = April-June of the financial year that starts in April of `start_year`."""
    first_month = 4 + 3 * (quarter - 1)
    year = start_year + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    end_month = month + 2
    return date(year, month, 1), month_end(year, end_month)


def academic_half_term(half_term: int, ay_start: int) -> tuple[date, date]:
    """HT2 of the academic year starting September ay_start: October-December of ay_start."""
    first, last, offset = HALF_TERMS[half_term]
    return date(ay_start + offset, first, 1), month_end(ay_start + offset, last)


def financial_month(number: int, start_year: int) -> tuple[date, date]:
    """Month `number` of the financial year starting April `start_year` (Month 1 is April)."""
    month = (number + 2) % 12 + 1
    year = start_year if month >= 4 else start_year + 1
    return date(year, month, 1), month_end(year, month)


def period_label(number: int, start_year: int) -> str:
    """'P7 2023/24': one label for an accounting period, however the paper writes it."""
    return f"P{number} {fy_label(start_year)}"


def financial_year_label(day: date) -> str:
    """The UK financial year a date falls in: 2023-01-15 -> '2022/23'."""
    return fy_label(fy_start(day))


def quarter_label(day: date) -> str:
    """'Q4 2022/23' for any day in January-March 2023."""
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"Q{quarter} {financial_year_label(day)}"
