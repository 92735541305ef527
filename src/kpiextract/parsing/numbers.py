"""Numbers as councils print them: 58%, 1,234, £1.2m, 12 days, 3.4 per 100,000, n/a.

Every parse keeps the printed text beside the number, so a reader can check it.

Two entry points read differently on purpose:

* `parse_value` reads one table cell, where the whole text is meant to be a value, so a dash at
  the very start is a sign ("–5" from a PDF is minus five) and "n/a" means "no value";
* `find_values` scans running text, where most digits are not measurements: codes (M711, Q3),
  ordinals (15th), dates (20/11/2023), phone numbers (01296 383104), times (5.00pm) and
  age ranges ("16-17", not sixteen and minus seventeen).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# A cell that is wholly one of these has no value. "-" and "x" are what statistical releases
# print for "not available"/"suppressed"; a trailing footnote mark ("n/a*") changes nothing.
MISSING_WORDS = re.compile(
    r"""^(?:
        n/?a | n\.a\.? | na | n/k | tbc | tbd | tba
      | not\s+avail(?:able)?\.? | unavailable | none(?:\s+available)? | no\s+data | nil
      | (?:data\s+)?not\s+(?:yet\s+)?(?:available|applicable|known|due|reported|published|collected)
      | unknown | awaiting(?:\s+data)? | pending | to\s+follow | suppressed | redacted
      | -+ | – | — | \* | x | c | z | \.\. | :
    )[*†‡¹²³]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A cell that opens with a missing marker and then explains it ("N/A - new measure for 2023/24",
# "TBC (due Q3)") still has no value: the digits in the explanation are not the KPI.
MISSING_PREFIX = re.compile(
    r"""^(?:
        n/a | n\.a\. | tbc | tbd | tba | not\s+avail(?:able)?\.? | unavailable | none\s+available
      | no\s+data | (?:data\s+)?not\s+(?:yet\s+)?(?:available|applicable|known|due|reported|published)
      | awaiting(?:\s+data)? | to\s+follow
    )(?![\w/])""",
    re.IGNORECASE | re.VERBOSE,
)

MINUS = "-\u2212\u2013"  # hyphen, minus sign, en dash (PDF text often turns "-" into either)

# One number with what may sit around it: a sign and currency before, a magnitude and unit after.
# Units are tried in order, so "% points" must come before a bare "%".
VALUE_RE = re.compile(
    r"""
    (?P<sign>[-+\u2212\u2013]\s?)?
    (?P<currency>£\s?)?
    (?P<num>
        (?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?   # 1,234.5 or 1234.5
      | \.\d+                                   # .5
    )
    # Exponents only with an explicit sign (1e-05, 1.5E+10: spreadsheet exports), so that codes
    # such as "2E1" are not read as numbers.
    (?P<exp>[eE][-+]\d{1,3}(?![\w.]))?
    (?P<mag>\s?(?:bn|billion|m\b|million|k\b|thousand))?
    (?P<unit>
        \s?%\s?(?:points?|pts?)\b
      | \s?%
      | \s?(?:per\s?cent|percent|pct)\b
      | \s?percentage\s+points?\b
      | \s?(?:ppts?|pp|p\.p\.)(?![\w])
      | \s?(?:working\s+|calendar\s+)?days?\b
      | \s?weeks?\b
      | \s?months?\b
      | \s?years?\b
      | \s?(?:hours?|hrs?)\b
      | \s?(?:minutes?|mins?)\b
      | \s?(?:seconds?|secs?)\b
      | \s?FTE\b
      | \s?(?:kgs?|kilograms?)\b
      | \s?tonnes?\b
      | \s?(?:per|/)\s?(?:100,000|100000|100k|10,000|10000|10k|1,000|1000|1k|100)\b
        (?:\s+(?:population|children|pupils|people|residents|households|adults|births|cases))?
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)

MAGNITUDES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}

_MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

# Digit shapes that are not quantities. find_values drops any number whose digits fall inside one.
# Each comes with a check on the matched text, for shapes a regex alone cannot settle.
NOT_VALUES: tuple[tuple[re.Pattern[str], Callable[[str], bool] | None], ...] = (
    # dates: 7/2/24, 20/11/2023, 31-03-2022, 31.03.2022, 2023-03-31
    (re.compile(r"(?<![\d/.])\d{1,2}/\d{1,2}/\d{2}(?:\d{2})?(?![\d/])"), None),
    (re.compile(r"(?<![\d.-])\d{1,2}([.-])\d{1,2}\1\d{4}(?!\d)"), None),
    (re.compile(r"(?<!\d)(?:19|20)\d\d-\d\d-\d\d(?!\d)"), None),
    # times: 5.00pm, 5.00 p.m., 10:30, 9 am
    (re.compile(r"(?<![\d.])\d{1,2}(?:[.:]\d{2})?\s?[ap]\.?m\b\.?", re.IGNORECASE), None),
    (re.compile(r"(?<![\d.:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"), None),
    # UK phone numbers: 01296 383104, 03000 417164, 0300 123 4567, +44 (0)1234 567890
    (
        re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|(?<![\d.,])0)\d{2,4}(?:[ -]?\d{3,4}){1,2}(?!\d|[,.]\d)"),
        lambda found: 10 <= len(re.sub(r"\D", "", found.replace("+44", "0", 1))) <= 12,
    ),
    # section and version numbers: 3.2.1
    (re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}(?![\d.])"), None),
    # financial and academic years: 2023/24, 2017-18, 2022-2023
    (
        re.compile(r"(?<![\d.,/])(?:19|20)\d\d\s?[/\-\u2013]\s?(?:(?:19|20)\d\d|\d\d)(?![\d/%])"),
        lambda found: _is_year_span(found),
    ),
    # a short year span after a period code: "HT2 23/24", "Q3 23-24", "FY23/24" (bare "23/24"
    # may be a fraction: "23/24 schools")
    (
        re.compile(r"\b(?:Q[1-4]|HT\s?[1-6]|FY|AY|quarter\s[1-4]|term)\s?\d\d[/\-\u2013]\d\d(?![\d/%])",
                   re.IGNORECASE),
        lambda found: int(found[-2:]) == (int(found[-5:-3]) + 1) % 100,
    ),
    # the base of a rate when no value is glued to it: "rate per 100,000 population"
    (re.compile(r"(?<=\bper\s)(?:100,000|100000|10,000|10000|1,000|1000)\b", re.IGNORECASE), None),
    # a colour in hex: "#990000" (how a status read from a colour names it, readers/drawn.py)
    (re.compile(r"#[0-9A-Fa-f]{6}(?![0-9A-Za-z])"), None),
    # a day of the month: "31 March" (the year after it is left to looks_like_year)
    (re.compile(rf"(?<![\d.,])[0-3]?\d\s+{_MONTH_NAMES}\b"), None),
)


@dataclass(frozen=True)
class Value:
    """A number read from text, with its unit and the exact text it came from."""

    value: float | None
    unit: str | None
    text: str
    start: int = 0
    end: int = 0

    @property
    def missing(self) -> bool:
        return self.value is None


def _unit_of(unit_text: str | None, currency: bool) -> str | None:
    if currency:
        return "£"
    if not unit_text:
        return None
    unit = " ".join(unit_text.lower().split())
    if "point" in unit or unit.startswith(("pp", "p.p.", "% pt", "%pt")):
        return "pp"
    if unit == "%" or unit.startswith(("per cent", "percent", "pct")):
        return "%"
    if "day" in unit:
        return "days"
    if unit.startswith("week"):
        return "weeks"
    if unit.startswith("month"):
        return "months"
    if unit.startswith("year"):
        return "years"
    if unit.startswith(("kg", "kilogram")):
        return "kg"
    if unit.startswith("tonne"):
        return "tonnes"
    if unit.startswith(("hour", "hr")):
        return "hours"
    if unit.startswith("min"):
        return "minutes"
    if unit.startswith("sec"):
        return "seconds"
    if unit == "fte":
        return "FTE"
    return "rate"


def _number(match: re.Match[str]) -> float:
    """The magnitude of a match, without its sign.

    Plain numbers go straight through float() so "79.30" is exactly float("79.30"); scaled ones
    go through Decimal so "£13.324m" is 13324000.0, not 13324000.000000002.
    """
    digits = match.group("num").replace(",", "") + (match.group("exp") or "")
    mag = (match.group("mag") or "").strip().lower()
    if not mag:
        return float(digits)
    try:
        return float(Decimal(digits) * Decimal(int(MAGNITUDES[mag])))
    except InvalidOperation:  # pragma: no cover - the regex only lets decimal digits through
        return float(digits) * MAGNITUDES[mag]


def _start(match: re.Match[str], signed: bool) -> int:
    """Where a value begins: at its sign if the sign is one, else at its currency or digits."""
    if signed:
        return match.start()
    return match.start("currency") if match.group("currency") else match.start("num")


def _value(match: re.Match[str], text: str, signed: bool) -> Value:
    """The Value for a match; an unsigned one starts after the dash, which is not part of it."""
    start = _start(match, signed)
    number = _number(match)
    sign = (match.group("sign") or "").strip()
    if signed and sign and sign != "+":
        number = -number
    unit = _unit_of(match.group("unit"), bool(match.group("currency")))
    return Value(value=number, unit=unit, text=text[start:match.end()], start=start, end=match.end())


def _blocked(text: str) -> list[tuple[int, int]]:
    """Spans of text that hold digits which are not values (see NOT_VALUES)."""
    spans: list[tuple[int, int]] = []
    for pattern, check in NOT_VALUES:
        for match in pattern.finditer(text):
            if check is None or check(match.group(0)):
                spans.append(match.span())
    return spans


def _is_year_span(text: str) -> bool:
    """'2023/24', '2017-18', '2022-2023' but not '2000-50' (a count range) or '2023-03' (a month)."""
    first, second = re.split(r"\s?[/\-\u2013]\s?", text)[:2]
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if end < start:
        end += 100
    return 0 < end - start <= 10 and (len(second) == 4 or end - start == 1)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < s_end and end > s_start for s_start, s_end in spans)


def _sign_is_sign(text: str, match: re.Match[str], cell: bool) -> bool:
    """Whether the dash (or plus) before a number is its sign rather than a range dash or hyphen.

    In running text a dash only signs a number when glued to it ("-13.7", not "10 - 20") and not
    straight after another number ("16-17", "58% -60%" are ranges) or a word ("COVID-19"), unless
    a tab or wide gap shows the two numbers sit in different table cells.
    """
    sign = match.group("sign")
    if not sign:
        return False
    if cell and not text[: match.start()].strip():
        return True
    if sign != sign.strip():
        return False
    before = text[: match.start()]
    if before[-1:] in ("-", "\u2013", "\u2014") and before[-2:-1].isdigit():
        return True  # "-10--5": the first dash is the range, the second the sign
    if before and not (before[-1].isspace() or before[-1] in "([{:=;,/"):
        return False
    previous = before.rstrip()
    gap = before[len(previous):]
    if "\t" in gap or "\n" in gap or "  " in gap:
        return True  # a tab, line break or wide gap separates table cells: "-13.7\t-15.2"
    return not (previous and (previous[-1].isdigit() or previous[-1] == "%"))


def _scan(text: str, cell: bool) -> list[Value]:
    """The values in text, skipping codes, dates, phone numbers and the like (see module doc)."""
    # Values are immutable, so one answer serves every caller asking about the same text: a
    # paragraph is scanned to choose its layout and again to read it, a cell by each layout
    return list(_scan_once(text, cell))


# a length of time in two units: "2 minutes 45 seconds", "2m 45s", "1 hour 30 minutes": one
# figure, in the larger unit (read apart, "2m" was two million and the 45 seconds a figure of its own)
COMPOUND_DURATION = re.compile(
    r"(?<![\w.,])(?P<big>\d{1,3})\s?(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\s*(?:and\s+)?"
    r"(?P<small>[0-5]?\d)\s?(?P<small_unit>minutes?|mins?|m|seconds?|secs?|s)\b", re.IGNORECASE)


def _compound_duration(match: re.Match[str]) -> Value | None:
    big, small = match.group("unit").lower(), match.group("small_unit").lower()
    if big.startswith("h") and small.startswith("m"):
        unit = "hours"
    elif big.startswith("m") and small.startswith("s"):
        unit = "minutes"
    else:
        return None  # "5m 3m" or "2 hours 45 seconds": no clock's pair of units
    value = round(int(match.group("big")) + int(match.group("small")) / 60, 4)
    return Value(value=value, unit=unit, text=match.group(0), start=match.start(), end=match.end())


# a length of time printed as a clock prints it: "2:45" (minutes and seconds), "1:02:30" (hours,
# minutes and seconds). Read as minutes; a clock's time of day ("10:30am") is no length
DURATION_RE = re.compile(r"(?<![\d.:/])(?P<a>\d{1,3}):(?P<b>[0-5]\d)(?::(?P<c>[0-5]\d))?(?![\d:/])"
                         r"(?!\s?(?:[ap]\.?m\b|hrs\b|hours\b|o['’]clock))", re.IGNORECASE)


def clock_duration(match: re.Match[str]) -> Value:
    """'2:45' -> 2.75 minutes; '1:02:30' -> 62.5 minutes. The printed text is kept."""
    a, b, c = int(match.group("a")), int(match.group("b")), match.group("c")
    minutes = a * 60 + b + int(c) / 60 if c is not None else a + b / 60
    return Value(value=round(minutes, 4), unit="minutes", text=match.group(0), start=match.start(), end=match.end())


def find_clock_durations(text: str) -> list[Value]:
    """Every 'm:ss' or 'h:mm:ss' in the text as a length of time: callers decide, from the words
    around it, whether it is one (running text also prints the time of day so)."""
    return [clock_duration(match) for match in DURATION_RE.finditer(text)]


@lru_cache(maxsize=4096)
def _scan_once(text: str, cell: bool) -> tuple[Value, ...]:
    blocked: list[tuple[int, int]] | None = None  # found at the first figure: most texts hold none
    found: list[Value] = []
    code_end = -1  # end of the last code skipped, so "M711-12" drops the "12" too
    compounds = [v for m in COMPOUND_DURATION.finditer(text) if (v := _compound_duration(m))] \
        if re.search(r"\d\s?(?:h|m)", text, re.IGNORECASE) else []
    for match in VALUE_RE.finditer(text):
        compound = next((v for v in compounds if v.start <= match.start("num") < v.end), None)
        if compound is not None:
            if not found or found[-1] is not compound:
                found.append(compound)
            continue
        if blocked is None:
            blocked = _blocked(text)
        if _overlaps(match.start("num"), match.end("num"), blocked):
            continue
        signed = _sign_is_sign(text, match, cell)
        start = _start(match, signed)
        before = text[start - 1] if start > 0 else " "
        after = text[match.end()] if match.end() < len(text) else " "
        sign = match.group("sign")
        if sign and not signed:
            dash = match.start()
            after_value = bool(found) and found[-1].end == dash  # "£1m-£2m" is a range
            # a hyphen glued to a word or to a code we skipped belongs to it: "COVID-19", "M711-12"
            if not after_value and ((dash > 0 and text[dash - 1].isalpha()) or dash == code_end):
                code_end = match.end()
                continue
        # digits glued to letters are codes or ordinals (M711, Q3, HT2, Y12, 15th, 1st, 5pm)
        if before.isalpha() or before == "_" or (
            after.isalpha() and not match.group("unit") and not match.group("mag")
        ):
            code_end = match.end()
            continue
        found.append(_value(match, text, signed))
    return tuple(found)


def parse_value(text: str | None) -> Value:
    """Parse a cell or phrase that should hold one value; missing markers give value None.

    The whole cell is kept as `text` whatever is found in it.

    >>> parse_value("58%").value
    58.0
    >>> parse_value("n/a").value is None
    True
    >>> parse_value("–5").value
    -5.0
    """
    raw = (text or "").strip()
    if not raw or MISSING_WORDS.match(raw) or MISSING_PREFIX.match(raw):
        return Value(value=None, unit=None, text=raw)
    values = _scan(raw, cell=True)
    if not values:
        # a cell holding only a clock-like "2:45" (perhaps with its unit) is a length of time: a
        # table's value column prints no time of day
        clock = DURATION_RE.fullmatch(re.sub(r"\s*\(?(?:mm:ss|mins?|minutes)\)?\s*$", "", raw, flags=re.IGNORECASE))
        if clock is not None:
            return Value(value=clock_duration(clock).value, unit="minutes", text=raw, start=0, end=len(raw))
        return Value(value=None, unit=None, text=raw)
    first = values[0]
    return Value(value=first.value, unit=first.unit, text=raw, start=first.start, end=first.end)


_BOUND = re.compile(r"^\s*(?:[<>≤≥]|(?:less|fewer|more)\s+than|under|over|below|above)\s*[-+£]?\d", re.IGNORECASE)


def as_figure(value: Value) -> Value:
    """A value cell's figure, or none when the cell gives a bound ("<5", "under 10"): statistics
    suppress small counts so, and the bound is not the figure. The text is kept as printed.
    (A target "<10%" is a bound by nature, so this is for figures only.)"""
    if value.value is not None and _BOUND.match(value.text):
        return Value(value=None, unit=None, text=value.text)
    return value


# footnote marks a scorecard may hang on a value: "58%*", "1,234†"
_FOOTNOTE = re.compile(r"\s*[*†‡¹²³]+$")


def is_number_cell(text: str | None) -> bool:
    """True when a cell holds a value and (almost) nothing else: '58%', '1,234', '-13.7', '£2m'."""
    raw = _FOOTNOTE.sub("", (text or "").strip())
    if not raw:
        return False
    if VALUE_RE.fullmatch(raw) is None:
        return False
    return parse_value(raw).value is not None


def find_values(text: str) -> list[Value]:
    """Every number in running text, in order, with positions. Callers decide which are KPIs.

    `text[v.start:v.end] == v.text` for every value returned.
    """
    return _scan(text, cell=False)


def looks_like_year(value: Value) -> bool:
    """A bare four-digit 19xx/20xx integer with no unit is a year, not a measurement."""
    return (
        value.unit is None
        and value.value is not None
        and value.value.is_integer()
        and 1900 <= value.value <= 2099
        and re.fullmatch(r"\d{4}", value.text) is not None
    )


_RANGE_GAPS = ("", "-", "–", "—", "to", "and", "−")


def parse_range(text: str) -> tuple[Value, Value] | None:
    """A printed range: '17.5% - 22.5%', '17.5% 22.5%' (dash lost), 'between 10 and 12'.

    Only a rising range counts: a falling pair is more likely two separate figures.
    """
    values = [v for v in find_values(text) if not looks_like_year(v)]
    if len(values) < 2:
        return None
    low, high = values[0], values[1]
    gap = text[low.end:high.start].strip().lower()
    if gap not in _RANGE_GAPS or low.value is None or high.value is None:
        return None
    if low.value >= high.value:
        return None
    unit = low.unit or high.unit
    return (
        Value(low.value, unit, low.text, low.start, low.end),
        Value(high.value, unit, high.text, high.start, high.end),
    )
