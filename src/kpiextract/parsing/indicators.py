"""Indicator names: cleaned of scorecard bookkeeping, and what their name says about the unit.

Scorecards prefix names with the year and a status tag ("2023/24 - Existing - Education: ...");
an analyst wants the indicator's own words, with the category kept as the section.
"""

from __future__ import annotations

import re

from ..vocab import Vocabulary
from .numbers import MISSING_WORDS
from .periods import find_periods

CODE = re.compile(r"^\s*(?P<code>(?:(?:KPI|PI|Measure|Indicator)\s+\d{1,4}[a-z]?(?=\s*[:.\-–]))"
                  r"|(?:[A-Z]{1,4}[-_ /]?\d{1,4}[a-z]?)|(?:\d{1,3}[a-z]))\b[\s:.\-–]+(?=[A-Za-z%])")
TAG = re.compile(r"^\s*(?:new|existing|revised|amended|local|statutory|national|corporate|key)\s*[-–:]\s*",
                 re.IGNORECASE)
# "Education: Number of ...": a category before a name that starts afresh (capital, digit, %);
# "Reablement: still at home ..." reads on, so its colon is part of the name
CATEGORY = re.compile(r"^\s*(?P<cat>[A-Z][A-Za-z&'’ ]{1,40}?)\s*:\s+(?=[A-Z0-9%])")


# "Target: 60%", "England: 61.2": a label and its figure, as a card prints them
LABELLED_FIGURE = re.compile(r"(?P<label>[A-Za-z][\w'’ ]{0,30}?)\s*[:=]\s*[-+−£$]?\d")
OPENS_WITH_A_SHARE = re.compile(r"^\s*[-+−]?\d[\d.,]*\s*(?:%|per\s*cent)")


def not_a_name_cell(text: str, vocab: Vocabulary) -> bool:
    """A table's name cell that holds a card's text, not a name: a figure labelled as a column is
    ("Residents' Survey, June 2024 Target: 60%"), or a share the cell opens with ("58% Annual
    survey ..."). Text set beside a table, or two cards side by side, read as a row."""
    if OPENS_WITH_A_SHARE.match(text):
        return True
    for match in LABELLED_FIGURE.finditer(text):
        words = match["label"].split()
        for size in range(1, min(len(words), 3) + 1):  # the label is the words just before the colon
            label = " ".join(words[-size:])
            if vocab.headers.exact(label) or vocab.comparators.exact(label):
                return True
    return False


def split_code(text: str) -> tuple[str | None, str]:
    """'M711 Percentage of ...' -> ('M711', 'Percentage of ...'); codes are letters+digits."""
    match = CODE.match(text)
    if not match:
        return None, text.strip()
    code = match.group("code")
    # a code needs a digit and must not be an ordinary word or a year
    if not re.search(r"\d", code) or re.fullmatch(r"(?:19|20)\d\d", code):
        return None, text.strip()
    return code, text[match.end():].strip()


def clean_name(text: str) -> tuple[str, str | None]:
    """The indicator's own words, and a category prefix if one was removed.

    '2023/24 - Existing - Social Care: Number of approved fostering households'
    -> ('Number of approved fostering households', 'Social Care')
    """
    name = re.sub(r"\s+", " ", text).strip(" -–:|")
    changed = True
    while changed:
        changed = False
        periods = find_periods(name)
        if periods and periods[0].pos == 0 and re.match(r"\s*[-–:]\s", name[periods[0].end_pos:]):
            name = name[periods[0].end_pos:].lstrip(" -–:")
            changed = True
        tag = TAG.match(name)
        if tag:
            name = name[tag.end():]
            changed = True
    category = None
    match = CATEGORY.match(name)
    if match and len(name[match.end():].split()) >= 2 and len(match.group("cat").split()) <= 3:
        category = match.group("cat").strip()
        name = name[match.end():]
    return name.strip(), category


# a rate's denominator: "per 1,000 population", "rate per 10,000", "per 100,000 collections"
PER_THOUSANDS = re.compile(r"\bper (?:1,?000|10,?000|100,?000)\b", re.IGNORECASE)
# units a name may carry in brackets at its end: "Average time to answer 101 calls (minutes)"
BRACKET_UNIT = re.compile(r"\((?:in )?(minutes|hours|seconds|kg|kilograms|tonnes|miles|km|metres)\)\s*$",
                          re.IGNORECASE)
# what a unit column's cell may say, and the unit kpiextract reports for it
UNIT_CELLS = (
    (re.compile(r"%|per ?cent|percentage|pct|% of .*", re.IGNORECASE), "%"),
    (re.compile(r"number|no\.?|nos\.?|count|#|total|numbers", re.IGNORECASE), "count"),
    (re.compile(r"£.*|cost|pounds|gbp", re.IGNORECASE), "£"),
    (re.compile(r"(?:working |calendar )?days?", re.IGNORECASE), "days"),
    (re.compile(r"(?:working )?weeks?", re.IGNORECASE), "weeks"),
    (re.compile(r"score|points?|average score", re.IGNORECASE), "score"),
    (re.compile(r"ratio", re.IGNORECASE), "ratio"),
    (re.compile(r"rate(?: per .*)?|per (?:1,?000|10,?000|100,?000).*", re.IGNORECASE), "rate"),
)


def unit_from_label(text: str) -> str | None:
    """The unit a unit column's cell (or a header's bracket) gives: '%' for '%' or 'Percentage',
    'count' for 'Number', 'rate' for 'per 1,000 population'; another short label ('kg per
    household', 'tonnes CO2e') is kept as printed; a missing mark ('-', 'n/a') gives none."""
    label = re.sub(r"\s+", " ", text).strip(" ()")
    if not label or MISSING_WORDS.match(label) or len(label.split()) > 5 or re.search(r"\d{4}", label):
        return None
    for pattern, unit in UNIT_CELLS:
        if pattern.fullmatch(label):
            return unit
    return label


def unit_in_header(header: str) -> str | None:
    """The unit a figures column's header prints in brackets: '%' for 'Q2 2024/25 (%)', '£' for
    'Cost (£000s)', 'minutes' for 'Average (minutes)'. Only a known unit: '(provisional)' is none."""
    for inner in re.findall(r"\(([^()]{1,25})\)", header):
        label = re.sub(r"\s+", " ", inner).strip()
        for pattern, unit in UNIT_CELLS:
            if pattern.fullmatch(label):
                return unit
        bracket = BRACKET_UNIT.search(f"({label})")
        if bracket:
            return bracket.group(1).lower()
    return None


# a time limit inside a name ("paid within 30 days", "at home 91 days after discharge") is not
# what the figure is measured in
TIME_LIMIT = re.compile(r"\b\d+\s+(?:working |calendar |clear )?days?\b")


def unit_from_name(name: str) -> str | None:
    """What an indicator's name says its figures are: '%' for 'Percentage of ...', 'days' for 'Average days'."""
    lower = name.lower()
    if PER_THOUSANDS.search(lower):
        return "rate"
    bracket = BRACKET_UNIT.search(name)
    if bracket:
        return bracket.group(1).lower()
    if re.search(r"%|\bper ?cent|\bpercentage\b|\bproportion\b|\brate of\b|\brates\b|\bpass rate\b", lower):
        return "%"
    if re.search(r"\bdays?\b|\btime between\b|\btime taken\b|\bduration\b", TIME_LIMIT.sub(" ", lower)):
        return "days"
    if re.search(r"\bweeks?\b(?! of)", lower) and re.search(r"\baverage|\btime\b", lower):
        return "weeks"
    if re.search(r"\bscore\b|\battainment 8\b|\bprogress 8\b", lower):
        return "score"
    if re.search(r"£|\bcost\b|\bspend\b|\bincome\b|\bbudget\b", lower):
        return "£"
    if re.search(r"^(?:the )?(?:number|no\.|count|total)\b|\bnumber of\b|\bcaseloads?\b|\bhouseholds\b", lower):
        return "count"
    return None


def money_total(name: str, unit: str | None, judged: bool, vocab: Vocabulary) -> bool:
    """A sum of money reported for information ("Total rent and service charges due £28,011,755",
    "Rent written off £57,928"): not a KPI, unless the paper judges it (a target, a status, a
    comparator) or its name makes it a unit cost or an average (`[unit_cost]` of
    patterns/vocabulary.toml: "Cost per library visit")."""
    return unit == "£" and not judged and vocab.unit_cost.find(name) is None
