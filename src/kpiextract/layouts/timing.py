"""Which period a figure is for, when the text names it only partly ("Q4", "in July", "the summer term").

A yearless period is completed from the section heading ("Summer Term 2022-2023"), the period the
paper says it covers, or else the paper's own date: "Q4" in a paper dated May 2023 is Q4 2022/23.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from itertools import islice

from ..models import KPIRecord
from ..parsing.fiscal import financial_month, financial_quarter, fy_label, fy_start, period_label
from ..parsing.period_shifts import with_year
from ..parsing.periods import MONTHS, Period, find_periods, merge_quarter_with_dates, parse_period
from ..parsing.sentences import split_sentences
from ..readers.document import Block
from .columns import Column
from .context import DocumentContext


def _latest_quarter(quarter: int, before: date) -> tuple[date, date, int]:
    """The most recent financial-year quarter Q`quarter` that had ended by `before`.

    Papers report finished quarters: "Q1" in a paper dated 18 April 2024 is Q1 2023/24, not the
    quarter that began three weeks before; a month's grace allows a quarter reported just before
    its last day. Every bare quarter of one table so falls in the same year.
    """
    fy = fy_start(before)
    for year in (fy, fy - 1, fy - 2):
        start, end = financial_quarter(quarter, year)
        if end <= before + timedelta(days=31):
            return start, end, year
    start, end = financial_quarter(quarter, fy - 2)
    return start, end, fy - 2


def complete(period: Period, block: Block | None, context: DocumentContext) -> Period:
    """Give a yearless period its year from the section, the paper's period or the paper's date;
    the label as printed is kept beside the rewritten one."""
    done = _complete(period, block, context)
    if done.text != period.text:
        return replace(done, printed=period.printed or period.text)
    return done


def _complete(period: Period, block: Block | None, context: DocumentContext) -> Period:
    if period.start is not None:
        return period
    section_period = context.section(block).period if block is not None else None
    for hint in (section_period, context.period):
        if hint is None or hint.start is None:
            continue
        if period.kind == hint.kind == "quarter" and period.quarter == hint.quarter and hint.start is not None:
            fy = fy_start(hint.start)
            # one label style for every quarter a paper gives: "Q3" + "Quarter 3 2023-24" -> "Q3 2023/24"
            return Period(f"Q{period.quarter} {fy_label(fy)}", "quarter", hint.start, hint.end, hint.quarter,
                          period.pos)
        if period.kind == "term" and hint.kind == "term" and period.text.split()[0].lower() in hint.text.lower():
            return Period(hint.text, "term", hint.start, hint.end, None, period.pos)
    if period.kind == "half_term" and context.period is not None:
        return with_year(period, context.period)
    anchor = context.date or (context.period.end if context.period else None)
    if period.year_part:
        return _in_financial_year(period, section_period or context.period, anchor)
    if anchor is None and period.kind == "quarter" and period.quarter and (year := _titled_year(context)):
        # an undated paper titled "Annual Performance Indicators 2023 / 2024": its Q1 to Q4 are that year's
        start, end = financial_quarter(period.quarter, year)
        return Period(f"Q{period.quarter} {fy_label(year)}", "quarter", start, end, period.quarter, period.pos)
    if anchor is None:
        return period
    if period.kind == "quarter" and period.quarter:
        start, end, fy = _latest_quarter(period.quarter, anchor)
        return Period(f"Q{period.quarter} {fy_label(fy)}", "quarter", start, end, period.quarter, period.pos)
    if period.kind == "month":
        name = period.text.split()[-1].lower()
        month = MONTHS.get(name[:3] if not name.startswith("sept") else "sept")
        if month:
            year = anchor.year if month <= anchor.month else anchor.year - 1
            end = date(year, month, calendar.monthrange(year, month)[1])
            return Period(f"{calendar.month_name[month]} {year}", "month", date(year, month, 1), end, None,
                          period.pos)
    return with_year(period, Period(anchor.isoformat(), "date", anchor, anchor))


def _titled_year(context: DocumentContext) -> int | None:
    """The financial year (its first calendar year) the paper's title names, if it names one."""
    titled = title_period(context)
    return fy_start(titled.start) if titled is not None and titled.start and titled.kind == "financial_year" else None


def _in_financial_year(period: Period, hint: Period | None, anchor: date | None) -> Period:
    """"Period 7" or "Month 6" in the financial year the paper reports on: the one its own period
    starts in, else the latest year, by the paper's date, in which that part had begun."""
    number = period.year_part
    assert number is not None
    if hint is not None and hint.start is not None:
        fy = fy_start(hint.start)
    elif anchor is not None:
        fy = fy_start(anchor)
        # an accounting period begins at the latest four weeks a period after 1 April
        begins = (financial_month(number, fy)[0] if period.kind == "month"
                  else date(fy, 4, 1) + timedelta(weeks=4 * (number - 1)))
        fy -= begins > anchor
    else:
        return period
    if period.kind == "month":
        start, end = financial_month(number, fy)
        return Period(f"{calendar.month_name[start.month]} {start.year}", "month", start, end, pos=period.pos,
                      year_part=number)
    return Period(period_label(number, fy), "period", pos=period.pos, year_part=number, fiscal_year=fy)


# the opening of a paper (its title block) ends where its numbered sections or paragraphs begin
OPENING_ENDS = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?|[A-Z][.)])\s+\S")
OPENING_BLOCKS = 20


def paper_period(context: DocumentContext) -> Period | None:
    """The period the whole paper reports on: the one it says it covers ("for the period
    October - December 2023"), else the one its title names ("Educational Standards: 2022/23
    Academic Year", "ASCOF 2023/24: How We Compare"). A meeting date is when, not what for; a
    plan's span ("Corporate Plan 2023-2027") is longer than any reporting period."""
    return context.period or title_period(context)


CURRENT_KINDS = {"quarter": ("quarter",), "month": ("month",), "year": ("financial_year", "year", "academic_year")}
"""The kinds of reporting period a `[current_period]` label of patterns/headers.toml may stand for
("This month" is a month); an "any" label ("Latest") stands for whatever the paper reports on."""


def with_current_period(columns: list[Column], block: Block, context: DocumentContext) -> list[Column]:
    """Value columns headed "Current quarter", "This month" or "Latest" beside columns named by
    their periods ("Q2 2023/24 | Current quarter | Target"), given the paper's reporting period:
    its section heading's, else the paper's own or its title's, if of the kind the label names.
    Alone they need none: an undated figure is the reporting period's where it is read."""
    undated = [c for c in columns if c.role == "value" and c.period is None
               and context.vocab.current_period.label(c.header) is not None]
    dated = [c.period for c in columns if c.role == "value" and c.period is not None]
    if not undated or not dated:
        return columns
    reporting = context.section(block).period or paper_period(context)
    if reporting is None:
        return columns
    reporting = complete(reporting, block, context)
    if reporting.start is None or len(undated) > 1 or any(
            (p.start, p.end) == (reporting.start, reporting.end) for p in dated):
        return columns  # undated, already a column of its own, or two columns to choose between
    [column] = undated
    label = context.vocab.current_period.label(column.header)
    if label in CURRENT_KINDS and reporting.kind not in CURRENT_KINDS[label]:
        return columns
    if reporting.kind == "financial_year" and reporting.start is not None:
        # one label style for a year, however the title spaced it ("2023 / 2024" is 2023/24)
        reporting = replace(reporting, text=fy_label(fy_start(reporting.start)),
                            printed=reporting.printed or reporting.text)
    return [Column(c.index, c.header, c.role, reporting, c.name) if c is column else c for c in columns]


def title_period(context: DocumentContext) -> Period | None:
    """The period the paper's title names ("Quarter 3 2024/25 Performance Report"). Unlike a
    period said in passing ("the latest results (as of August 2018)"), it dates every figure the
    paper leaves undated."""
    if "title_period" not in context.memo:
        context.memo["title_period"] = _title_period(islice(context.paper_blocks(), OPENING_BLOCKS))
    found = context.memo["title_period"]
    return found if isinstance(found, Period) else None


def _title_period(blocks: Iterable[Block]) -> Period | None:
    for block in blocks:
        if OPENING_ENDS.match(block.text) and not block.is_table:
            return None
        if block.is_table:
            continue
        for period in find_periods(block.text):
            if period.start is None or period.end is None or period.kind in ("date", "years"):
                continue
            if (period.end - period.start).days <= 400:
                return period
    return None


def period_of_value(text: str, value_text: str | None) -> Period | None:
    """The period named in the sentence that states a value; the first such sentence wins.

    In "During Q4 (January – March 2023) 182 children ..., of which 67% were completed" the
    quarter and its months name one period: the quarter takes its year from the months.
    """
    if not text or not value_text:
        return None
    for sentence in split_sentences(text):
        if value_text not in sentence.text:
            continue
        periods = find_periods(sentence.text)
        if not periods:
            continue
        return merge_quarter_with_dates(periods)
    return None


def period_fields(period: Period | None) -> dict[str, str | None]:
    """The record fields a period fills: its text as printed and the ISO dates it covers."""
    return {
        "period": period.text if period else None,
        "period_text": (period.printed or period.text) if period else None,
        "period_start": period.start.isoformat() if period and period.start else None,
        "period_end": period.end.isoformat() if period and period.end else None,
    }


def complete_periods(records: list[KPIRecord], context: DocumentContext) -> None:
    """Date every period a record names only partly, in one place for every layout: the record's
    own ("Quarter 2" in a paper about 2023/24 is Q2 2023/24, with its start and end, hence its
    period key) and its previous value's, which is the latest such period before the record's
    ("Q2" beside Q3 2023/24 is Q2 2023/24; "Q3" beside it is Q3 2022/23). A previous period the
    paper writes "Q2" in one row and "Q2 2023/24" in another so reads the same in both."""
    for record in records:
        record.period_text = record.period_text or record.period  # as printed, before completing
        if record.period and record.period_start is None:
            period = _completed(record.period, context)
            if period is not None and (period.start is not None or period.fiscal_year is not None):
                fields = period_fields(period)
                record.period, record.period_start, record.period_end = (
                    fields["period"], fields["period_start"], fields["period_end"])
        if record.previous is not None and record.previous.period:
            start = date.fromisoformat(record.period_start) if record.period_start else None
            record.previous.period = previous_label(record.previous.period, start, context)


def _completed(label: str, context: DocumentContext) -> Period | None:
    period = parse_period(label)
    if period is None or period.start is not None:
        return period
    return complete(period, None, context)


def previous_label(label: str, before: date | None, context: DocumentContext) -> str:
    """The label of a previous value's period, dated and in one style: the latest such period
    that ended before `before` (the start of the record's own period), else completed from the paper."""
    # the label is known to name a period, so a bare month ("December") is one, not a word
    period = parse_period(label) or parse_period(f"in {label}")
    if period is None or len(period.text) < len(label.strip()) - 2:
        return label  # a label this reading does not wholly understand is left as printed
    if period.start is None:
        if before is None:
            period = complete(period, None, context)
        elif period.kind == "quarter" and period.quarter:
            start, end, _ = _latest_quarter(period.quarter, before - timedelta(days=1))
            period = Period(period.text, "quarter", start, end, period.quarter, period.pos)
        else:
            last = before - timedelta(days=1)
            period = with_year(period, Period(last.isoformat(), "date", last, last))
    if period.start is None:
        return label
    if period.kind == "quarter" and period.quarter:
        return f"Q{period.quarter} {fy_label(fy_start(period.start))}"
    if period.kind == "month" and not re.search(r"\d{2}", label):
        return f"{calendar.month_name[period.start.month]} {period.start.year}"
    return label
