"""Numbers as councils print them: 58%, 1,234, £1.2m, 12 days, 3.4 per 100,000, n/a.

Every parse keeps the printed text beside the number, so a reader can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MISSING_WORDS = re.compile(
    r"^(?:n/?a|n\.a\.?|na|tbc|tbd|tba|not\s+avail(?:able)?\.?|none(?:\s+available)?|no\s+data|nil|"
    r"not\s+applicable|not\s+known|unknown|awaiting(?:\s+data)?|pending|to\s+follow|-+|–|—|\*|x|\.\.)$",
    re.IGNORECASE,
)

MINUS = "-\u2212\u2013"  # hyphen, minus sign, en dash (PDF text often turns "-" into either)

# One number with what may sit around it: a currency sign before, a magnitude and unit after.
VALUE_RE = re.compile(
    r"""
    (?P<neg>[-\u2212\u2013]\s?)?
    (?P<currency>£\s?)?
    (?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)
    (?P<mag>\s?(?:bn|billion|m\b|million|k\b|thousand))?
    (?P<unit>
        \s?%
      | \s?(?:per\s?cent|percent|pct)\b
      | \s?percentage\s+points?\b
      | \s?(?:ppts?|pp)\b
      | \s?(?:working\s+|calendar\s+)?days?\b
      | \s?weeks?\b
      | \s?months?\b
      | \s?years?\b
      | \s?(?:per|/)\s?(?:100,000|100000|10,000|10000|1,000|1000|100)\b(?:\s+(?:population|children|pupils|people|residents))?
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)

MAGNITUDES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


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
    unit = unit_text.strip().lower()
    if unit.startswith("percentage point") or unit in ("pp", "ppt", "ppts"):
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
    return "rate"


def _to_value(match: re.Match[str], text: str) -> Value:
    number = float(match.group("num").replace(",", ""))
    mag = (match.group("mag") or "").strip().lower()
    if mag:
        number *= MAGNITUDES[mag]
    if match.group("neg"):
        number = -number
    unit = _unit_of(match.group("unit"), bool(match.group("currency")))
    return Value(value=number, unit=unit, text=match.group(0).strip(), start=match.start(), end=match.end())


def parse_value(text: str | None) -> Value:
    """Parse a cell or phrase that should hold one value; missing markers give value None.

    >>> parse_value("58%").value
    58.0
    >>> parse_value("n/a").value is None
    True
    """
    raw = (text or "").strip()
    if not raw or MISSING_WORDS.match(raw):
        return Value(value=None, unit=None, text=raw)
    match = VALUE_RE.search(raw)
    if not match:
        return Value(value=None, unit=None, text=raw)
    value = _to_value(match, raw)
    return Value(value=value.value, unit=value.unit, text=raw, start=value.start, end=value.end)


def is_number_cell(text: str | None) -> bool:
    """True when a cell holds a value and (almost) nothing else: '58%', '1,234', '-13.7', '£2m'."""
    raw = (text or "").strip()
    if not raw:
        return False
    match = VALUE_RE.fullmatch(raw)
    return match is not None


def find_values(text: str) -> list[Value]:
    """Every number in running text, in order, with positions. Callers decide which are KPIs."""
    found: list[Value] = []
    for match in VALUE_RE.finditer(text):
        # a hyphen glued to a preceding word is a range or compound ("16-17", "M664a-"), not a sign
        if match.group("neg") and match.start() > 0 and text[match.start() - 1].isalnum():
            value = _to_value(match, text)
            sign_len = len(match.group("neg"))
            found.append(
                Value(value=abs(value.value or 0.0), unit=value.unit, text=value.text[sign_len:].strip(),
                      start=match.start() + sign_len, end=match.end())
            )
            continue
        # digits glued to letters are codes or ordinals (M711, 15th, Q3, HT2, Y12)
        before = text[match.start() - 1] if match.start() > 0 else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if before.isalpha() or (after.isalpha() and not match.group("unit") and not match.group("mag")):
            continue
        found.append(_to_value(match, text))
    return found


def looks_like_year(value: Value) -> bool:
    """A bare four-digit 19xx/20xx integer with no unit is a year, not a measurement."""
    return (
        value.unit is None
        and value.value is not None
        and value.value.is_integer()
        and 1900 <= value.value <= 2099
        and re.fullmatch(r"\d{4}", value.text) is not None
    )


def parse_range(text: str) -> tuple[Value, Value] | None:
    """A printed range: '17.5% - 22.5%', '17.5% 22.5%' (dash lost), 'between 10 and 12'."""
    values = [v for v in find_values(text) if not looks_like_year(v)]
    if len(values) < 2:
        return None
    low, high = values[0], values[1]
    gap = text[low.end:high.start].strip().lower()
    if gap not in ("", "-", "–", "—", "to", "and", "−") or low.value is None or high.value is None:
        return None
    if low.value >= high.value:
        return None
    unit = low.unit or high.unit
    return (Value(low.value, unit, low.text, low.start, low.end), Value(high.value, unit, high.text, high.start,
                                                                        high.end))
