"""One key per period, however a paper writes it: what lets a workbook line up councils and papers.

"Q4 2022/23", "Quarter 4 2022-23" and "January to March 2023" are one period; so are "2023/24"
and "April 2023 to March 2024". The key is worked out from the dates a period covers (which
parsing/periods.py reads, and layouts/timing.py completes from the paper's own period), and the
kind of period its label names:

- financial year "2023/24" (April to March); its quarters "2023/24 Q3";
- academic year "AY 2022/23" (September to August); a term "AY 2022/23 summer term";
- calendar year "2023"; month "2023-12";
- rolling twelve months "12 months to 2024-03";
- a point in time ("as at 31 March 2024", "the end of March") "2024-03-31";
- an accounting period of a financial year ("P7 2023/24", "Period 7 2023-24") "2023/24 P7": four
  weeks or a month, the paper seldom says, so it has no dates;
- any other span "2023-01-01 to 2023-06-30".

Keys sort in time by `order(start, end)`, not as text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .fiscal import fy_label, fy_start
from .period_shifts import ROLLING
from .periods import parse_period

TERM = re.compile(r"\b(autumn|spring|summer)\b", re.IGNORECASE)
ACADEMIC = re.compile(r"\b(?:academic|school)\s+year\b|\bAY\b", re.IGNORECASE)


def _iso(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _month_end(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def _months(start: date, end: date) -> int:
    """Whole months from the first day of start's month to the last day of end's month."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def period_key(start: str | date | None, end: str | date | None, label: str | None = None) -> str | None:
    """The canonical key of the period from `start` to `end` (ISO dates or dates), named `label`.

    Missing dates are read from the label when it dates itself ("Q1 2023/24"); None when neither
    does (a "Quarter 2" the paper never dates).
    """
    first, last = _iso(start), _iso(end)
    if (first is None or last is None) and label:
        parsed = parse_period(label)
        if parsed is not None and parsed.kind == "period" and parsed.fiscal_year and parsed.year_part:
            return f"{fy_label(parsed.fiscal_year)} P{parsed.year_part}"
        if parsed is not None and parsed.start is not None and parsed.end is not None:
            first, last = first or parsed.start, last or parsed.end
    if first is None or last is None or last < first:
        return None
    text = label or ""
    if first == last:
        return first.isoformat()
    whole = first.day == 1 and _month_end(last)
    if not whole:
        return f"{first.isoformat()} to {last.isoformat()}"
    months = _months(first, last)
    term = TERM.search(text)
    if term and months <= 5:
        year = first.year if first.month >= 9 else first.year - 1
        return f"AY {fy_label(year)} {term.group(1).lower()} term"
    if months == 12 and ROLLING.search(text):
        return f"12 months to {last.year}-{last.month:02d}"
    if months == 12 and first.month == 4:
        return fy_label(first.year)
    if months == 12 and (first.month == 9 or ACADEMIC.search(text)):
        return f"AY {fy_label(first.year)}"
    if months == 12 and first.month == 1:
        return str(first.year)
    if months == 3 and first.month in (1, 4, 7, 10):
        quarter = (first.month - 4) % 12 // 3 + 1
        return f"{fy_label(fy_start(first))} Q{quarter}"
    if months == 1:
        return f"{first.year}-{first.month:02d}"
    if months == 12:
        return f"12 months to {last.year}-{last.month:02d}"
    return f"{first.isoformat()} to {last.isoformat()}"


def order(start: str | date | None, end: str | date | None) -> tuple[date, date]:
    """How periods sort: by when they end, then the longer first (a year before its last quarter)."""
    first, last = _iso(start) or date.min, _iso(end) or date.min
    return last, first
