"""Reporting periods as papers write them, with the dates they cover where those are knowable.

UK council years: the financial year runs April-March, so "Q1 2023/24" is April-June 2023;
the academic year runs September-August, with Autumn, Spring and Summer terms.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
YEAR = r"(?:19|20)\d\d"
SPAN = rf"(?:{YEAR}\s?[/\-–]\s?(?:{YEAR}|\d\d)(?!\d))"  # 2023/24, 2017-18, 2022-2023
SHORT_SPAN = r"(?:\d\d/\d\d)(?![\d/])"  # 23/24
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
SEP = r"\s*(?:-|–|—|to|until)\s*"

WORD_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "one": 1, "two": 2, "three": 3, "four": 4}


@dataclass(frozen=True)
class Period:
    """A period: its text as printed and, where the text fixes them, the dates it covers."""

    text: str
    kind: str
    start: date | None = None
    end: date | None = None
    quarter: int | None = None
    pos: int = 0
    """Where in the scanned text the period was found."""

    @property
    def end_pos(self) -> int:
        return self.pos + len(self.text)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span_years(text: str) -> tuple[int, int]:
    """'2023/24' -> (2023, 2024); '2022-2023' -> (2022, 2023); '23/24' -> (2023, 2024)."""
    first, second = re.split(r"\s?[/\-–]\s?", text.strip())[:2]
    start = int(first) if len(first) == 4 else 2000 + int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if end < start:
        end += 100
    return start, end


def financial_quarter(quarter: int, fy_start: int) -> tuple[date, date]:
    """Q1 = April-June of the financial year that starts in April of fy_start."""
    first_month = 4 + 3 * (quarter - 1)
    year = fy_start + (first_month - 1) // 12
    month = (first_month - 1) % 12 + 1
    end_month = month + 2
    return date(year, month, 1), _month_end(year, end_month)


def _month(name: str) -> int:
    return MONTHS[name.lower()[:3] if name.lower()[:4] != "sept" else "sept"]


TERMS = {"autumn": (9, 12, 0), "spring": (1, 4, 1), "summer": (4, 8, 1)}

# Order matters: longer, more specific forms first; each gives (pattern, builder).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("rolling", re.compile(rf"\b(?:12|twelve)\s+months?\s+(?:to|ending)\s+(?:the\s+end\s+of\s+)?({MONTH})\s+({YEAR})\b", re.I)),
    ("rolling", re.compile(rf"\brolling\s+(?:12\s+months|year)\s+(?:for|to|ending)\s+({MONTH})\s+({YEAR})\b", re.I)),
    ("term", re.compile(rf"\b(autumn|spring|summer)\s+term\s*(?:of\s+)?({SPAN}|{YEAR})?", re.I)),
    ("quarter", re.compile(rf"\b(?:Q([1-4])|quarter\s+([1-4])|({'|'.join(WORD_QUARTER)})\s+quarter)(?:\s+(?:of\s+)?({SPAN}|{SHORT_SPAN}))?", re.I)),
    ("quarter", re.compile(rf"\b({SPAN})\s+Q([1-4])\b", re.I)),
    ("range", re.compile(rf"\b(?:between\s+)?({MONTH})(?:\s+({YEAR}))?(?:{SEP}|\s+and\s+)({MONTH})\s+({YEAR})\b", re.I)),
    ("date", re.compile(rf"\b({DAY})\s+({MONTH})\s+({YEAR})\b", re.I)),
    ("date", re.compile(rf"\b({DAY})/(\d{{1,2}})/({YEAR})\b")),
    ("month", re.compile(rf"\b(?:(?:the\s+)?end\s+of\s+)?({MONTH})\s+({YEAR})\b", re.I)),
    ("month_only", re.compile(rf"\b(?:in|for|of|during|since|by|at)\s+(?P<p>(?:the\s+end\s+of\s+)?({MONTH}))\b(?!\s*\d)", re.I)),
    ("year_span", re.compile(rf"\b({SPAN})", re.I)),
    ("year", re.compile(rf"(?<![\d/£.,])({YEAR})(?![\d/%.,]|\s?(?:-|–)\s?\d)")),
]


def _build(kind: str, match: re.Match[str]) -> Period | None:
    text = match.group(0).strip()
    groups = tuple(g for name, g in zip(range(len(match.groups())), match.groups())
                   if not (kind == "month_only" and name == 0))
    if kind == "rolling":
        month, year = _month(groups[0]), int(groups[1])
        end = _month_end(year, month)
        start_month = month % 12 + 1
        start_year = year - 1 if month != 12 else year
        return Period(text, "rolling", date(start_year, start_month, 1), end)
    if kind == "term":
        term = groups[0].lower()
        first, last, offset = TERMS[term]
        if not groups[1]:
            return Period(text, "term")
        if "/" in groups[1] or "-" in groups[1] or "–" in groups[1]:
            start_year = _span_years(groups[1])[0]
        else:
            # "Summer Term 2023" names the calendar year the term falls in
            start_year = int(groups[1]) - offset
        year = start_year + offset
        return Period(text, "term", date(year, first, 1), _month_end(year, last))
    if kind == "quarter":
        if len(groups) == 2:  # "2023/24 Q3"
            span, quarter_text = groups
            quarter = int(quarter_text)
        else:
            q_short, q_long, q_word, span = groups
            quarter = int(q_short or q_long) if (q_short or q_long) else WORD_QUARTER[q_word.lower()]
        if not span:
            return Period(text, "quarter", quarter=quarter)
        start, end = financial_quarter(quarter, _span_years(span)[0])
        return Period(text, "quarter", start, end, quarter=quarter)
    if kind == "range":
        m1, y1, m2, y2 = groups
        end_year = int(y2)
        start_month, end_month = _month(m1), _month(m2)
        start_year = int(y1) if y1 else (end_year if start_month <= end_month else end_year - 1)
        return Period(text, "range", date(start_year, start_month, 1), _month_end(end_year, end_month))
    if kind == "date":
        day_text, month_text, year_text = groups
        day = int(re.sub(r"\D", "", day_text))
        month = int(month_text) if month_text.isdigit() else _month(month_text)
        try:
            when = date(int(year_text), month, day)
        except ValueError:
            return None
        return Period(text, "date", when, when)
    if kind == "month":
        month, year = _month(groups[0]), int(groups[1])
        if text.lower().startswith(("end of", "the end of")):
            end = _month_end(year, month)
            return Period(text, "date", end, end)
        return Period(text, "month", date(year, month, 1), _month_end(year, month))
    if kind == "month_only":
        return Period(match.group("p"), "month")
    if kind == "year_span":
        start_year, end_year = _span_years(groups[0])
        if end_year != start_year + 1:
            return Period(text, "years", date(start_year, 1, 1), date(end_year, 12, 31))
        return Period(text, "financial_year", date(start_year, 4, 1), date(end_year, 3, 31))
    if kind == "year":
        year = int(groups[0])
        return Period(text, "year", date(year, 1, 1), date(year, 12, 31))
    return None


def find_periods(text: str) -> list[Period]:
    """All periods in a text, left to right, without overlaps (the more specific form wins)."""
    taken: list[tuple[int, int]] = []
    found: list[Period] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span("p") if "p" in pattern.groupindex else match.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            if any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            period = _build(kind, match)
            if period is None:
                continue
            taken.append((start, end))
            found.append(Period(period.text, period.kind, period.start, period.end, period.quarter, pos=start))
    return sorted(found, key=lambda p: p.pos)


def parse_period(text: str | None) -> Period | None:
    """The period a short text names ("Q3 2023/24", "August 2017"); None if it names none."""
    if not text:
        return None
    periods = find_periods(text)
    if not periods:
        return None
    if len(periods) == 1:
        return periods[0]
    quarters = [p for p in periods if p.kind == "quarter" and p.start is None and p.quarter]
    years = [p for p in periods if p.kind == "financial_year" and p.start is not None]
    if quarters and years:
        quarter, year = quarters[0], years[0]
        assert quarter.quarter is not None and year.start is not None
        start, end = financial_quarter(quarter.quarter, year.start.year)
        fy = f"{year.start.year}/{str(year.start.year + 1)[2:]}"
        return Period(f"Q{quarter.quarter} {fy}", "quarter", start, end, quarter.quarter, min(quarter.pos, year.pos))
    # "Q3 2023/24" and "2022/23 Q3" come out as one quarter; otherwise prefer the most specific
    rank = {"date": 0, "month": 1, "quarter": 2, "term": 3, "rolling": 4, "range": 5, "financial_year": 6,
            "years": 7, "year": 8}
    return min(periods, key=lambda p: rank.get(p.kind, 9))


def with_year(period: Period, context: Period | None) -> Period:
    """Complete a yearless period ("Quarter 2") from a dated one elsewhere in the paper."""
    if period.start is not None or context is None or context.start is None:
        return period
    if period.kind == "quarter" and period.quarter:
        fy_start = context.start.year if context.start.month >= 4 else context.start.year - 1
        start, end = financial_quarter(period.quarter, fy_start)
        return Period(period.text, period.kind, start, end, period.quarter, period.pos)
    return period


def financial_year_label(day: date) -> str:
    """The UK financial year a date falls in: 2023-01-15 -> '2022/23'."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{str(start + 1)[2:]}"


def quarter_label(day: date) -> str:
    """'Q4 2022/23' for any day in January-March 2023."""
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"Q{quarter} {financial_year_label(day)}"
