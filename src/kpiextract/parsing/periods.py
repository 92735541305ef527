"""Reporting periods as papers write them, with the dates they cover where those are knowable.

UK council years: the financial year runs April-March, so "Q1 2023/24" is April-June 2023 and
"Q4 2023/24" January-March 2024. The academic year runs September-August, with Autumn, Spring
and Summer terms, each split in two half terms (HT1-HT6).

A year written as a span ("2022/23", "2017-18", "2022-2023") is a financial year unless the
words around it make it an academic one ("academic year 2022/23", "Summer Term 2022-2023").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache

from .fiscal import TERMS, academic_half_term, financial_month, financial_quarter, fy_label, fy_start, month_end

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
YEAR = r"(?:19|20)\d\d"
# 2023/24, 2017-18, 2022-2023; not the start of a date (2023-03-31) or of a longer number.
SPAN = rf"(?:{YEAR}\s?[/\-–]\s?(?:{YEAR}|\d\d)(?![\d/\-–]))"
SHORT_SPAN = r"(?:\d\d[/\-–]\d\d)(?![\d/\-–])"  # 23/24, 23-24
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
SEP = r"\s*(?:-|–|—|to|until|through(?:\s+to)?)\s*"

WORD_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "one": 1, "two": 2, "three": 3, "four": 4}


# Schools also call the half terms "Autumn 1", "Autumn 2", "Spring 1"...
TERM_HALVES = {("autumn", 1): 1, ("autumn", 2): 2, ("spring", 1): 3, ("spring", 2): 4, ("summer", 1): 5,
               ("summer", 2): 6}


@dataclass(frozen=True)
class Period:
    """A period: its text as printed and, where the text fixes them, the dates it covers.

    kind is one of: date, month, period, range, rolling, quarter, half_term, term, academic_year,
    financial_year, years, year. start and end are None when the text gives no year, and for a
    financial year's numbered accounting period ("P7 2023/24", "Period 7"): councils count those
    in four-week or monthly periods, and the paper seldom says which, so no dates are made up.
    """

    text: str
    kind: str
    start: date | None = None
    end: date | None = None
    quarter: int | None = None
    pos: int = 0
    """Where in the scanned text the period was found."""
    half_term: int | None = None
    printed: str | None = None
    """The text as the paper printed it, when `text` was completed and rewritten ("Quarter 2")."""
    year_part: int | None = None
    """The number of an accounting period ("Period 7") or a financial month ("Month 6") in its year."""
    fiscal_year: int | None = None
    """The year an accounting period's financial year starts in (2023 for "P7 2023/24")."""

    @property
    def end_pos(self) -> int:
        return self.pos + len(self.text)


def _span_years(text: str) -> tuple[int, int]:
    """'2023/24' -> (2023, 2024); '2022-2023' -> (2022, 2023); '23/24' -> (2023, 2024)."""
    first, second = re.split(r"\s?[/\-–]\s?", text.strip())[:2]
    start = int(first) if len(first) == 4 else 2000 + int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if end < start:
        end += 100
    return start, end


def _year_span(text: str) -> tuple[int, int] | None:
    """The years of a span, or None when it cannot be one ('2023-03' is a month, '23/27' a fraction)."""
    first, second = re.split(r"\s?[/\-–]\s?", text.strip())[:2]
    start, end = _span_years(text)
    if len(first) == 2 and end != start + 1:
        return None
    if not 0 < end - start <= 10:
        return None
    return start, end


def _year_start(span: str) -> int | None:
    """The first year of a span that is one year ('2023/24', '23-24'), else None: a quarter, half
    term or accounting period lies in one year, never in '2023-2027'."""
    years = _year_span(span)
    return years[0] if years is not None and years[1] == years[0] + 1 else None


def month_of(name: str) -> int:
    return MONTHS[name.lower()[:3] if name.lower()[:4] != "sept" else "sept"]


def _capitalised(name: str) -> bool:
    """Month names without a year must be capitalised: "may" and "march" are verbs too."""
    return name[:1].isupper()


# Words after which a lower-case "may" can still be the month ("in may 2023", "1 may 2023").
_BEFORE_MONTH = {"", "in", "for", "of", "during", "since", "by", "at", "from", "to", "until", "and", "end",
                 "between", "-", "–", "—"}


def _verb_may(match: re.Match[str]) -> bool:
    """True when a lower-case "may" in the match reads as the verb ("we may 2023 targets...")."""
    for name in ("month", "m1", "m2"):
        if name not in match.re.groupindex or match[name] != "may":
            continue
        words = match.string[: match.start(name)].split()
        previous = words[-1].lower() if words else ""
        ordinal = previous[-1:].isdigit() or re.fullmatch(r"\d+(?:st|nd|rd|th)", previous) is not None
        if previous not in _BEFORE_MONTH and not ordinal:
            return True
    return False


# --- builders: one per kind of match, each given the match and returning a Period or None ---
# A builder returning None lets a later, less specific pattern try the same text.

Builder = Callable[[re.Match[str]], "Period | None"]


def _text(match: re.Match[str]) -> str:
    return match.group(0).strip()


def _group(match: re.Match[str], name: str) -> str | None:
    """A named group, or None when this rule's pattern has no such group."""
    return match.groupdict().get(name)


def _rolling(match: re.Match[str]) -> Period:
    month, year = month_of(match["month"]), _full_year(match["year"])
    start_month = month % 12 + 1
    start_year = year - 1 if month != 12 else year
    return Period(_text(match), "rolling", date(start_year, start_month, 1), month_end(year, month))


def _day_range(match: re.Match[str]) -> Period | None:
    end = date(int(match["y2"]), _month_number(match["m2"]), _day(match["d2"]))
    first_month = _month_number(match["m1"])
    # "1 December to 31 March 2023" began the year before
    start_year = int(match["y1"]) if match["y1"] else end.year - (first_month > end.month)
    start = date(start_year, first_month, _day(match["d1"]))
    if start > end:
        return None
    return Period(_text(match), "range", start, end)


def _month_range(match: re.Match[str]) -> Period | None:
    end_year = _full_year(match["y2"])
    start_month, end_month = month_of(match["m1"]), month_of(match["m2"])
    # "December to March 2023" began the year before
    start_year = _full_year(match["y1"]) if match["y1"] else end_year - (start_month > end_month)
    start, end = date(start_year, start_month, 1), month_end(end_year, end_month)
    if start > end:
        return None
    return Period(_text(match), "range", start, end)


def _term(match: re.Match[str]) -> Period:
    first, last, offset = TERMS[match["term"].lower()]
    year_text = match["year"]
    if not year_text:
        return Period(_text(match), "term")
    # "Spring Term 2023" names the calendar year the term falls in, "Spring Term 2022/23" the
    # academic year
    start_year = _span_years(year_text)[0] if len(year_text.strip()) > 4 else int(year_text) - offset
    year = start_year + offset
    return Period(_text(match), "term", date(year, first, 1), month_end(year, last))


def _half_term(match: re.Match[str]) -> Period | None:
    digits = _group(match, "number")
    number = int(digits) if digits else TERM_HALVES[(match["term"].lower(), int(match["half"]))]
    span = match["span"]
    if not span:
        return Period(_text(match), "half_term", half_term=number)
    year = _year_start(span)
    if year is None:
        return None
    start, end = academic_half_term(number, year)
    return Period(_text(match), "half_term", start, end, half_term=number)


def _academic_year(match: re.Match[str]) -> Period | None:
    year = _year_start(match["span"])
    if year is None:
        return None
    return Period(_text(match), "academic_year", date(year, 9, 1), date(year + 1, 8, 31))


def _quarter(match: re.Match[str]) -> Period | None:
    number = _group(match, "number") or _group(match, "qword") or _group(match, "word") or ""
    quarter = int(number) if number.isdigit() else WORD_QUARTER[number.lower()]
    span = match["span"]
    if not span:
        return Period(_text(match), "quarter", quarter=quarter)
    year = _year_start(span)
    if year is None:
        return None
    start, end = financial_quarter(quarter, year)
    return Period(_text(match), "quarter", start, end, quarter=quarter)


def _financial_month(match: re.Match[str]) -> Period | None:
    number = int(match["number"])
    span = _group(match, "span")
    if not span:
        return Period(_text(match), "month", year_part=number)
    year = _year_start(span)
    if year is None:
        return None
    start, end = financial_month(number, year)
    return Period(_text(match), "month", start, end, year_part=number)


def _accounting_period(match: re.Match[str]) -> Period | None:
    number = int(match["number"])
    span = _group(match, "span")
    if not span:
        return Period(_text(match), "period", year_part=number)
    year = _year_start(span)
    if year is None:
        return None
    return Period(_text(match), "period", year_part=number, fiscal_year=year)


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else month_of(text)


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _date(match: re.Match[str]) -> Period | None:
    when = date(_full_year(match["year"]), _month_number(match["month"]), _day(match["day"]))
    return Period(_text(match), "date", when, when)


def _yearless_date(match: re.Match[str]) -> Period | None:
    if not _capitalised(match["month"]):
        return None
    day = _day(match["day"])
    # 29 February is a real date in some year, so only impossible days are refused
    if not 1 <= day <= calendar.monthrange(2024, month_of(match["month"]))[1]:
        return None
    return Period(_text(match), "date")


def _month_year(match: re.Match[str]) -> Period:
    month, year = month_of(match["month"]), _full_year(match["year"])
    text = _text(match)
    if text.lower().startswith(("end of", "the end of")):
        end = month_end(year, month)
        return Period(text, "date", end, end)
    return Period(text, "month", date(year, month, 1), month_end(year, month))


def _short_month_year(match: re.Match[str]) -> Period | None:
    # "Oct 23" with a capital, as a table or chart labels a month; "may 23" is a verb and a number
    return _month_year(match) if _capitalised(match["month"]) else None


def _half_year(match: re.Match[str]) -> Period | None:
    year = _year_start(match["span"])
    if year is None:
        return None
    number = _group(match, "number") or ("1" if (_group(match, "word") or "").lower() == "first" else "2")
    if number == "1":
        return Period(_text(match), "range", date(year, 4, 1), date(year, 9, 30))
    return Period(_text(match), "range", date(year, 10, 1), date(year + 1, 3, 31))


def _month_only(match: re.Match[str]) -> Period | None:
    if not _capitalised(match["month"]):
        return None
    return Period(match["p"], "month")


def _financial_year(match: re.Match[str]) -> Period | None:
    years = _year_span(match["span"])
    if years is None:
        return None
    start_year, end_year = years
    if end_year != start_year + 1:
        return Period(_text(match), "years", date(start_year, 1, 1), date(end_year, 12, 31))
    return Period(_text(match), "financial_year", date(start_year, 4, 1), date(end_year, 3, 31))


def _years_spelt(match: re.Match[str]) -> Period | None:
    """'2018 to 2019': the GOV.UK style's spelling of a financial year (consecutive years only;
    'from 2016 to 2019' is a span of years, left to the year rule)."""
    start_year, end_year = int(match["y1"]), int(match["y2"])
    if end_year != start_year + 1:
        return None
    return Period(_text(match), "financial_year", date(start_year, 4, 1), date(end_year, 3, 31))


def _year(match: re.Match[str]) -> Period:
    year = int(match["year"])
    return Period(_text(match), "year", date(year, 1, 1), date(year, 12, 31))


@dataclass(frozen=True)
class _Rule:
    kind: str
    source: str
    flags: int
    build: Builder
    needs: tuple[frozenset[str], ...]
    """What any match holds: of each set, one ingredient (see _INGREDIENTS)."""

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled when a text first needs the rule: a paper without terms or half terms never
        pays for those rules (compiling all 27 took ~15 ms of every start-up)."""
        return re.compile(self.source, self.flags)


def _rule(kind: str, pattern: str, build: Builder, needs: str, flags: int = re.IGNORECASE) -> _Rule:
    """`needs` reads "month digit" (a month and a digit) or "digit|q" (either)."""
    # Extracted tables separate cells with tabs, and no period spans two cells ("2023/24<TAB>Q1"
    # is a year column beside a quarter column), so whitespace in a rule never matches a tab.
    return _Rule(kind, pattern.replace(r"\s", r"[^\S\t]"), flags, build,
                 tuple(frozenset(group.split("|")) for group in needs.split()))


_QUARTER_NUMBER = r"(?:Q|Qtr\.?\s?|quarter\s+)(?P<number>[1-4])(?!\d)"
_QUARTER_WORDS = r"(?:quarter\s+(?P<qword>one|two|three|four)|(?P<word>first|second|third|fourth)\s+quarter)"
_FY_SPAN = rf"(?:FY\s?)?(?P<span>{SPAN}|{SHORT_SPAN})"
_HALF_TERM = r"(?:(?-i:HT)\s?|half[ -]?term\s+)(?P<number>[1-6])(?!\d)"
_YEAR_AFTER = r"(?!\d|\s?(?:%|per\s?cent|k\b|m\b|bn\b)|[/.,]\d|[^\W\d_])"

# Months as tables and charts abbreviate them, with a two-digit year: "Oct 23", "Oct-Dec 23"
SHORT_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
_TWO_DIGIT_YEAR = r"\d\d(?![\d/.,:%\-–])(?!\s*,?\s*(?:19|20)\d\d)"

# Accounting periods run to 13 (four-week periods), financial months to 12. "P7" and "M6" alone
# are not periods (Scottish school stages are P1-P7; M6 is a road), so those forms need a year.
_PERIOD_NUMBER = r"(?P<number>1[0-3]|0?[1-9])(?![\d.,%])"
_MONTH_NUMBER = r"(?P<number>1[0-2]|0?[1-9])(?![\d.,%])"
# "the period 1 April to 30 June" is a range of dates, not Period 1
_NOT_A_DATE = rf"(?!\s*(?:st|nd|rd|th)?\s*{MONTH}\b|\s*[/\-–]\s*\d)"

# Order matters: the first rule to claim a stretch of text keeps it, so longer and more specific
# forms come first ("Q3 2023/24" before "2023/24", "1 April to 31 August 2017" before "31 August
# 2017"). Every pattern is anchored at a word boundary so that codes (M2022) are not read as years.
RULES: list[_Rule] = [
    # 12 months to July 2018; rolling year for August 2017; year ending 31 March 2023
    _rule("rolling", rf"\b(?:(?:rolling\s+)?(?:12|twelve)\s+months?|year)\s+(?:to|ending|up\s+to)\s+"
                     rf"(?:the\s+end\s+of\s+)?(?:{DAY}\s+)?(?P<month>{MONTH})\s+(?P<year>{YEAR})\b",
          _rolling, "month digit"),
    # 12 months to Dec-23; rolling 12 months to Dec 23 (as tables abbreviate a month)
    _rule("rolling", rf"\b(?:rolling\s+)?(?:12|twelve)\s+months?\s+(?:to|ending|up\s+to)\s+"
                     rf"(?P<month>{MONTH})(?:\s|-|\s?['’])(?P<year>{_TWO_DIGIT_YEAR})", _rolling, "month digit"),
    _rule("rolling", rf"\brolling\s+(?:12\s+months|year)\s+(?:for|to|ending)\s+(?P<month>{MONTH})\s+"
                     rf"(?P<year>{YEAR})\b", _rolling, "month digit"),
    # 1st April to 31st August 2017; 1 April 2022 - 31 March 2023; 01/04/2022 to 31/03/2023
    _rule("range", rf"\b(?P<d1>{DAY})\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?{SEP}"
                   rf"(?P<d2>{DAY})\s+(?P<m2>{MONTH})\s+(?P<y2>{YEAR})\b", _day_range, "month digit"),
    _rule("range", rf"\b(?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})/(?P<y1>{YEAR}){SEP}"
                   rf"(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>{YEAR})\b", _day_range, "span"),
    # Summer Term 2022-2023; Autumn term 2023; Spring term
    _rule("term", rf"\b(?P<term>autumn|spring|summer)\s+term(?:\s+(?:of\s+)?(?P<year>{SPAN}|{YEAR}\b))?",
          _term, "term"),
    # 2023/24 HT2; HT2 23/24; half term 2 2023/24; Autumn 2 2023/24
    _rule("half_term", rf"\b(?P<span>{SPAN}|{SHORT_SPAN})\s+{_HALF_TERM}", _half_term, "span ht"),
    _rule("half_term", rf"\b{_HALF_TERM}(?:\s+(?:of\s+)?(?P<span>{SPAN}|{SHORT_SPAN}))?", _half_term, "ht digit"),
    _rule("half_term", rf"\b(?P<term>autumn|spring|summer)\s+(?P<half>[12])(?![\d,.])"
                       rf"(?:\s+(?:of\s+)?(?P<span>{SPAN}|{SHORT_SPAN}))?", _half_term, "term digit"),
    # academic year 2022/23; academic year (2016/17); the 2022-2023 school year; AY 2022/23
    _rule("academic_year", rf"\b(?:academic|school)\s+year\s+(?:of\s+)?(?:(?P<paren>\()?)"
                           rf"(?P<span>{SPAN}|{SHORT_SPAN})(?(paren)\))", _academic_year, "ay span"),
    _rule("academic_year", rf"\b(?P<span>{SPAN})\s+(?:academic|school)\s+year\b", _academic_year, "ay span"),
    _rule("academic_year", rf"\b(?-i:AY)\s?(?P<span>{SPAN}|{SHORT_SPAN})", _academic_year, "ay span"),
    # 2023/24 P7; P7 2023/24; Period 7 of 2023/24; Period 13
    _rule("period", rf"\b{_FY_SPAN}\s+(?:(?-i:P)|period\s+){_PERIOD_NUMBER}{_NOT_A_DATE}", _accounting_period,
          "span fp"),
    _rule("period", rf"\b(?:(?-i:P)|period\s+){_PERIOD_NUMBER}{_NOT_A_DATE}\s+(?:of\s+)?{_FY_SPAN}",
          _accounting_period, "span fp"),
    _rule("period", rf"\b(?-i:Period)\s+{_PERIOD_NUMBER}{_NOT_A_DATE}", _accounting_period, "fp"),
    # Month 6 2023/24 (September 2023); 2023/24 M6; Month 6
    _rule("month", rf"\b{_FY_SPAN}\s+(?:(?-i:M)|month\s+){_MONTH_NUMBER}{_NOT_A_DATE}", _financial_month,
          "span fp"),
    _rule("month", rf"\b(?:(?-i:M)|month\s+){_MONTH_NUMBER}{_NOT_A_DATE}\s+(?:of\s+)?{_FY_SPAN}",
          _financial_month, "span fp"),
    _rule("month", rf"\b(?-i:Month)\s+{_MONTH_NUMBER}{_NOT_A_DATE}", _financial_month, "fp"),
    # H1 2023/24 (April to September 2023); 2023/24 H2; the first half of 2023/24
    _rule("range", rf"\b(?-i:H)(?P<number>[12])\s+(?:of\s+)?{_FY_SPAN}", _half_year, "span"),
    _rule("range", rf"\b{_FY_SPAN}\s+(?-i:H)(?P<number>[12])\b", _half_year, "span"),
    _rule("range", rf"\b(?P<word>first|second)\s+half\s+(?:of\s+)?(?:the\s+)?(?:financial\s+year\s+)?{_FY_SPAN}",
          _half_year, "span"),
    # 2022/23 Q3 before Q3 alone, so the two come back as one quarter
    _rule("quarter", rf"\b{_FY_SPAN}\s+{_QUARTER_NUMBER}", _quarter, "span q"),
    # Q3 2023/24; Q3 23/24; Quarter 4 of 2017/18; second quarter; Quarter 2; and as titles set
    # them, "Quarter 1, 2023/24", "Q2 - 2023/24", "Quarter 3 (2023/24)"; and prose: "Q3 in 2021/22"
    _rule("quarter", rf"\b(?:{_QUARTER_NUMBER}|{_QUARTER_WORDS})"
                     rf"(?:(?:\s+(?:(?:of|in)\s+)?|\s*,\s*|\s+[-–]\s+|\s+(?P<paren>\()(?=[^()]{{4,12}}\)))(?:{_FY_SPAN})"
                     # the bracket closes only one it opened: "(Quarter 1 - 2022/23)" ends at its year
                     r"(?(paren)\)))?",
          _quarter, "q"),
    # 2023-03-31; 30th September 2017; September 30, 2017; 31/03/2022; 7/2/24
    _rule("date", rf"\b(?P<year>{YEAR})-(?P<month>\d\d)-(?P<day>\d\d)\b", _date, "span"),
    _rule("date", rf"\b(?P<day>{DAY})\s+(?P<month>{MONTH})\s+(?P<year>{YEAR})\b", _date, "month digit"),
    _rule("date", rf"\b(?P<month>{MONTH})\s+(?P<day>{DAY}),\s*(?P<year>{YEAR})\b", _date, "month digit"),
    _rule("date", rf"(?<![\d/.])(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>{YEAR}|\d\d)(?![\d/])",
          _date, "span"),
    # January – March 2023; between June and July 2018; December 2022 to March 2023
    _rule("range", rf"\b(?:between\s+)?(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?(?:{SEP}|\s+and\s+)"
                   rf"(?P<m2>{MONTH})\s+(?P<y2>{YEAR})\b", _month_range, "month digit"),
    # Oct-Dec 23; Jan 24 - Mar 24; Oct-23 to Dec-23
    _rule("range", rf"\b(?P<m1>{SHORT_MONTH})(?:(?:[^\S\t]|-|['’])(?P<y1>\d\d))?{SEP}(?P<m2>{SHORT_MONTH})"
                   rf"(?:\s|-|\s?['’])(?P<y2>{_TWO_DIGIT_YEAR})", _month_range, "month digit"),
    # Oct 23 (a day would come first: 23 Oct)
    _rule("month", rf"(?<!\d\s)\b(?P<month>{SHORT_MONTH})\s(?P<year>{_TWO_DIGIT_YEAR})", _short_month_year,
          "month digit", flags=re.IGNORECASE),
    # August 2017; end of March 2023; Mar-23; Mar '23; Mar-2023 (spreadsheet column headers)
    _rule("month", rf"\b(?:(?:the\s+)?end\s+of\s+)?(?P<month>{MONTH})\s+(?P<year>{YEAR})\b(?![/\-–]\d)",
          _month_year, "month digit"),
    _rule("month", rf"\b(?P<month>{MONTH})(?:-|\s?['’])(?P<year>{YEAR}|\d\d)(?![\d/\-])", _month_year, "month digit"),
    # 31 March (no year): a date we cannot place yet
    _rule("date", rf"\b(?P<day>{DAY})\s+(?P<month>{MONTH})\b(?!\s*\d)", _yearless_date, "month digit"),
    # "in March", "at the end of March": a month we cannot place yet
    _rule("month", rf"\b(?:in|for|of|during|since|by|at)\s+(?P<p>(?:(?:the\s+)?end\s+of\s+)?"
                   rf"(?P<month>{MONTH}))\b(?!\s*\d)", _month_only, "month"),
    # months in a list: "for July and August", "June, July or August". Each month is matched on
    # its own, looking ahead to the next, so that finditer visits every member of the list.
    _rule("month", rf"\b(?P<p>(?P<month>{MONTH}))\b(?=\s*(?:,|and|or|&)\s*(?:,\s*)?{MONTH}\b)(?!\s*\d)",
          _month_only, "month"),
    _rule("month", rf"\b(?={MONTH}\s*(?:,|and|or|&)\s*(?:,\s*)?(?P<p>(?P<month>{MONTH}))\b(?!\s*\d))",
          _month_only, "month"),
    # 2017/18, 2017-18, 2022-2023, financial year 2022/23, FY23/24
    _rule("financial_year", rf"\b(?:(?:financial|fiscal)\s+year\s+)?(?P<span>{SPAN})", _financial_year, "span"),
    _rule("financial_year", rf"\b(?-i:FY)\s?(?P<span>{SHORT_SPAN})", _financial_year, "span"),
    # 2018 to 2019 (GOV.UK's spelling of 2018/19)
    _rule("financial_year", rf"(?<![\w/£$.,\-–])(?<!\bfrom\s)(?P<y1>{YEAR})\s+to\s+(?P<y2>{YEAR})\b(?![/\-–]\d)",
          _years_spelt, "digit"),
    # 2022; calendar year 2021. Not 2,000, £2020, 2022%, 2020.5 or a code like M2022.
    _rule("year", rf"(?:\bcalendar\s+year\s+|(?<![\w/£$.,\-–]))(?P<year>{YEAR}){_YEAR_AFTER}", _year, "digit"),
]


# What rules look for, found in one search of the text, so that only the rules a text can meet
# are run: most names and headings hold none of it, most figures no month. A span ("2023/24",
# "31/03") is tried before a lone digit, which it implies.
_INGREDIENTS = re.compile(
    rf"(?P<span>\d\s?[/\-–]\s?\d)|(?P<digit>\d)|(?P<month>\b{MONTH})|(?P<term>autumn|spring|summer)"
    r"|(?P<q>\bq)|(?P<ht>(?-i:HT)|half)|(?P<ay>academic|school|(?-i:AY))"
    r"|(?P<fp>\b(?:period|month|(?-i:[PM]))\s*\d)", re.IGNORECASE)
ALL_INGREDIENTS = frozenset(_INGREDIENTS.groupindex)


def _ingredients(text: str) -> frozenset[str]:
    found = {match.lastgroup for match in _INGREDIENTS.finditer(text) if match.lastgroup}
    return frozenset(found | {"digit"} if found & {"span", "fp"} else found)


def find_periods(text: str) -> list[Period]:
    """All periods in a text, left to right, without overlaps (the more specific form wins).

    Each period's `text` is exactly `text[period.pos:period.end_pos]`.
    """
    # Periods are immutable, so one answer serves every caller asking about the same text.
    return list(_find_periods(text))


@lru_cache(maxsize=2048)
def _find_periods(text: str) -> tuple[Period, ...]:
    present = _ingredients(text)
    return _scan(text, present) if present else ()


def _scan(text: str, present: frozenset[str] = ALL_INGREDIENTS) -> tuple[Period, ...]:
    taken: list[tuple[int, int]] = []
    found: list[Period] = []
    for rule in RULES:
        if not all(group & present for group in rule.needs):
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span("p") if "p" in rule.pattern.groupindex else match.span()
            while end > start and text[end - 1].isspace():
                end -= 1
            if end <= start or any(start < t_end and end > t_start for t_start, t_end in taken):
                continue
            if _verb_may(match):
                continue
            try:
                period = rule.build(match)
            except (ValueError, KeyError):
                # an impossible date ("31/02/2023", "0 March 2023") is not a period
                period = None
            if period is None:
                continue
            taken.append((start, end))
            found.append(replace(period, text=text[start:end], pos=start))
    return tuple(sorted(found, key=lambda p: p.pos))


# How specific each kind is, for parse_period to pick one when a text names several.
_RANK = {"date": 0, "month": 1, "period": 2, "quarter": 3, "half_term": 4, "term": 5, "rolling": 6, "range": 7,
         "academic_year": 8, "financial_year": 9, "years": 10, "year": 11}


def parse_period(text: str | None) -> Period | None:
    """The period a short text names ("Q3 2023/24", "August 2017"); None if it names none."""
    if not text:
        return None
    periods = find_periods(text)
    if not periods:
        return None
    if len(periods) == 1:
        return periods[0]
    # "Quarter 3 (2023/24)", "Q3 (Oct-Dec 23)": a yearless quarter with its year or its months
    # beside it is one quarter
    quarters = [p for p in periods if p.kind == "quarter" and p.start is None and p.quarter]
    if quarters:
        merged = merge_quarter_with_dates([quarters[0], *[p for p in periods if p is not quarters[0]]])
        if merged.start is not None:
            return replace(merged, pos=min(p.pos for p in periods))
    halves = [p for p in periods if p.kind == "half_term" and p.start is None and p.half_term]
    academic = [p for p in periods if p.kind in ("academic_year", "financial_year") and p.start is not None]
    if halves and academic:
        half, year = halves[0], academic[0]
        assert half.half_term is not None and year.start is not None
        start, end = academic_half_term(half.half_term, year.start.year)
        return Period(f"HT{half.half_term} {fy_label(year.start.year)}", "half_term", start, end, None,
                      min(half.pos, year.pos), half_term=half.half_term)
    return min(periods, key=lambda p: _RANK.get(p.kind, len(_RANK)))


def merge_quarter_with_dates(periods: list[Period]) -> Period:
    """A yearless quarter (the first period) next to dated months or a year span becomes that
    dated quarter; any other first period is returned as it is."""
    first = periods[0]
    if first.kind == "quarter" and first.start is None and first.quarter:
        for other in periods[1:]:
            if other.start is None:
                continue
            fy = fy_start(other.start)
            start, end = financial_quarter(first.quarter, fy)
            if other.kind == "financial_year" or start <= other.start <= end:
                return Period(f"Q{first.quarter} {fy_label(fy)}", "quarter", start, end, first.quarter, first.pos)
    return first


QUARTER_MONTHS = re.compile(rf"^\s*(?P<m1>{MONTH})\s*(?:-|–|—|to)\s*(?P<m2>{MONTH})\s*$", re.IGNORECASE)


def months_quarter(text: str) -> Period | None:
    """A column header that is a quarter's months without a year ("Apr-Jun", "Oct – Dec"): that
    financial quarter, placed in its year later like "Q1". Only a whole header, since in prose
    "April to June" may be any three months."""
    match = QUARTER_MONTHS.match(text)
    if match is None:
        return None
    first, last = month_of(match["m1"]), month_of(match["m2"])
    if first not in (1, 4, 7, 10) or last != first + 2:
        return None
    return Period(text.strip(), "quarter", quarter=(first - 4) % 12 // 3 + 1)


_HEADER_YEAR = re.compile(r"(?<![\d/.,\-–])(?P<a>\d\d)\s?/\s?(?P<b>\d\d)(?![\d/.,%\-–])")


def short_year(text: str) -> Period | None:
    """A financial year written "22/23" in a column header ("Outturn 22/23", "23/24 Target").
    Only for a header the caller has read as periods and roles: in prose "22/23" may be a score,
    and "16-17" is an age band, so only consecutive years with a slash are taken."""
    match = _HEADER_YEAR.search(text)
    if match is None or int(match["b"]) != (int(match["a"]) + 1) % 100:
        return None
    start = int(match["a"]) + (1900 if int(match["a"]) >= 90 else 2000)
    return Period(match.group(0), "financial_year", date(start, 4, 1), date(start + 1, 3, 31), pos=match.start())


