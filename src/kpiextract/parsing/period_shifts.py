"""Periods moved in time: a month or quarter stretched to the span its header gives (rolling
twelve months, year to date), stepped back a year or a quarter ("same period last year"), and a
yearless one ("Quarter 2", "in March") placed in the year of a dated one."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .fiscal import TERMS, academic_half_term, financial_quarter, fy_label, fy_start, month_end
from .periods import MONTH, Period, month_of

# How a frequency column or a figure's header says the figure covers more than its period shows:
# the twelve months to it ("Rolling 12 months" beside "Dec-23"), or the financial year to date
# ("YTD", "Cumulative" beside "Q3 2023/24": April to December 2023).
ROLLING = re.compile(r"\b(?:rolling|(?:12|twelve)[\s-]*months?|R12M)\b", re.IGNORECASE)


TO_DATE = re.compile(r"\b(?:ytd|year[\s-]+to[\s-]+date|cumulative)\b", re.IGNORECASE)


def spanned(period: Period, words: str) -> Period:
    """A dated month or quarter stretched to the span `words` give it: the rolling twelve months
    it ends, or its financial year to date. Any other period, or words naming neither, as it is."""
    if period.start is None or period.end is None or period.kind not in ("month", "quarter"):
        return period
    rolling, to_date = ROLLING.search(words), TO_DATE.search(words)
    if bool(rolling) == bool(to_date):
        return period  # neither, or a header that says both: not ours to choose
    end = period.end
    if rolling:
        start = date(end.year - (end.month != 12), end.month % 12 + 1, 1)
        label = f"12 months to {calendar.month_name[end.month]} {end.year}"
    else:
        start = date(fy_start(end), 4, 1)
        if start == period.start:
            return period  # the year's first month or quarter is its own year to date
        label = f"Year to date {period.text}"
    return Period(label, "rolling" if rolling else "range", start, end, pos=period.pos,
                  printed=period.printed or period.text)


def earlier(period: Period, span: str) -> str | None:
    """The label of the period `span` ("year" or "step") before a dated one: Q3 2023/24 a year
    before is Q3 2022/23, a step before Q2 2023/24; a month, a financial, academic or calendar
    year, rolling twelve months and an accounting period likewise. None for other kinds, or an
    undated period."""
    if period.kind == "period" and period.year_part and period.fiscal_year:
        if span == "year":
            return f"P{period.year_part} {fy_label(period.fiscal_year - 1)}"
        return f"P{period.year_part - 1} {fy_label(period.fiscal_year)}" if period.year_part > 1 else None
    if period.start is None:
        return None
    fy = fy_start(period.start)
    if period.kind == "quarter" and period.quarter:
        if span == "year":
            return f"Q{period.quarter} {fy_label(fy - 1)}"
        return f"Q{period.quarter - 1} {fy_label(fy)}" if period.quarter > 1 else f"Q4 {fy_label(fy - 1)}"
    if period.kind == "month":
        months = period.start.year * 12 + period.start.month - 1 - (12 if span == "year" else 1)
        return f"{calendar.month_name[months % 12 + 1]} {months // 12}"
    if period.kind == "financial_year":
        return fy_label(fy - 1)
    if period.kind == "academic_year":
        return f"academic year {fy_label(period.start.year - 1)}"
    if period.kind == "year":
        return str(period.start.year - 1)
    if period.kind == "rolling" and span == "year" and period.end is not None:
        return f"12 months to {calendar.month_name[period.end.month]} {period.end.year - 1}"
    return None


def _latest_before(candidates: list[tuple[date, date]], limit: date) -> tuple[date, date] | None:
    """The latest of candidate (start, end) pairs that starts on or before limit."""
    eligible = [pair for pair in candidates if pair[0] <= limit]
    return max(eligible) if eligible else None


def with_year(period: Period, context: Period | None) -> Period:
    """Complete a yearless period ("Quarter 2", "in March") from a dated one elsewhere in the paper.

    A quarter takes the financial year the context starts in. Other yearless periods take their
    latest occurrence that starts by the end of the context: papers report on the past, so
    "in March" in a paper about 2022/23 is March 2023 and "in May" is May 2022.
    """
    if period.start is not None or context is None or context.start is None:
        return period
    if period.kind == "quarter" and period.quarter:
        start, end = financial_quarter(period.quarter, fy_start(context.start))
        return Period(period.text, period.kind, start, end, period.quarter, period.pos)
    limit = context.end or context.start
    years = range(limit.year - 2, limit.year + 2)
    candidates: list[tuple[date, date]] = []
    if period.kind == "half_term" and period.half_term:
        candidates = [academic_half_term(period.half_term, year) for year in years]
    elif period.kind == "term":
        term = period.text.split()[0].lower()
        if term in TERMS:
            first, last, _ = TERMS[term]
            candidates = [(date(year, first, 1), month_end(year, last)) for year in years]
    elif period.kind in ("month", "date"):
        found = re.search(rf"\b{MONTH}\b", period.text, re.IGNORECASE)
        if found:
            month = month_of(found.group(0))
            candidates = [(date(year, month, 1), month_end(year, month)) for year in years]
            day = re.match(r"\s*(\d{1,2})", period.text)
            if period.kind == "date" and day:
                candidates = [(s.replace(day=int(day.group(1))),) * 2 for s, _ in candidates
                              if int(day.group(1)) <= month_end(s.year, s.month).day]
            elif "end of" in period.text.lower():
                candidates = [(e, e) for _, e in candidates]
    chosen = _latest_before(candidates, limit)
    if chosen is None:
        return period
    return Period(period.text, period.kind, chosen[0], chosen[1], period.quarter, period.pos,
                  period.half_term)
