"""Chart text: the axis labels, month names and data labels a chart leaves in a page's text layer.

Dashboards draw a chart on every card, and the chart's text reaches the text layer as lines of
bare figures ("100%  75%  50%"), month or quarter names ("Apr May Jun", "Q3 22/23 Q4 22/23"),
sometimes glued together by the producer ("100%75%50%0%AprMayJunJul", "403020100Jan-24Feb-24"),
and legend words ("Actual  Target"). None of it is a KPI. What it can tell: the last label on
the time axis is the period of the chart's latest point.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .periods import Period, find_periods, parse_period

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
# one axis label: a figure (a tick or a data label) or a point in time
_LABEL = (
    rf"(?:{_MONTH}(?:[-\s'’]?\d{{2}}(?:\d{{2}})?)?(?![a-z])"
    r"|Q[1-4](?:\s?\d{2}/\d{2}|\s?(?:19|20)\d{2}/\d{2})?"
    r"|(?:19|20)\d{2}(?:[/-]\d{2,4})?|\d{2}/\d{2}"
    r"|[-−–]?[£$€]?\d[\d,]*(?:\.\d+)?\s?(?:%|k|m|bn)?)"
)
_RUN = re.compile(rf"(?:{_LABEL})+")
# what a legend or an axis title may say beside the labels
LEGEND_WORDS = {
    "actual", "actuals", "target", "targets", "threshold", "floor", "tolerance", "this", "year", "last",
    "previous", "month", "quarter", "trend", "average", "england", "national", "benchmark", "performance",
    "and", "to", "vs", "latest", "current", "rolling", "series1", "series2", "series", "axis", "title",
}


def _leftover(token: str) -> str:
    """What is left of a token once every axis label in it is taken away, and the legend words
    glued to them ("...Nov-24This yearThreshold")."""
    rest = _RUN.sub("", token)
    if rest != token or re.search(r"[a-z][A-Z]", token):
        rest = re.sub("|".join(sorted(LEGEND_WORDS, key=len, reverse=True)), "", rest, flags=re.IGNORECASE)
    return rest


def axis_share(text: str) -> float:
    """The share of a text's tokens that are chart axis labels (glued runs included)."""
    tokens = text.split()
    if not tokens:
        return 0.0
    return sum(1 for token in tokens if _is_label(token)) / len(tokens)


@lru_cache(maxsize=4096)
def _is_label(token: str) -> bool:
    """One token is an axis label, or a glued run of them. Cached: a page's ticks and month
    names come round again and again, and a line is tested in pieces (cards' header lines)."""
    stripped = token.strip("()[],;")
    rest = _leftover(stripped)
    # a glued run with a scrap of a legend on its end ("Dec81.6%Ac") is still labels
    return not rest or (len(re.sub(r"[^A-Za-z]", "", rest)) <= 4 and len(rest) < len(stripped) / 2)


def is_axis_text(text: str) -> bool:
    """Text made of chart labels: ticks, data labels, month or quarter names, legend words.

    A line with a label and a colon ("Latest: 97%") or a sentence is never axis text.
    """
    text = text.strip()
    if not text or ":" in text or re.search(r"[.!?]\s*$", text) and not re.search(r"\d\.\d*\s*$", text):
        return False
    tokens = text.split()
    words = [t for t in tokens if t.isascii() and t.isalpha()]  # [A-Za-z]+
    legend = [w for w in words if w.lower() in LEGEND_WORDS]
    rest = [t for t in tokens if t not in legend]
    if not rest:
        return False  # only legend words: see is_legend
    if axis_share(" ".join(rest)) < 0.8 or len(legend) > len(rest) + 2:
        return False
    # the dearer test last: most texts are not labels at all
    periods = find_periods(text)
    return not (len(periods) == 1 and len(periods[0].text) >= len(text) - 2)  # one period alone is a heading


def is_legend(text: str, label_words: set[str] | None = None) -> bool:
    """'Actual  Target', 'This year  Threshold': a chart's legend, words naming series only."""
    words = re.findall(r"[A-Za-z]+", text)
    known = LEGEND_WORDS | (label_words or set())
    return bool(words) and len(words) <= 6 and all(w.lower() in known for w in words) and not re.search(r"\d", text)


def last_time_label(texts: list[str]) -> Period | None:
    """The period of the last point on a chart's time axis, from its labels ('Apr ... Dec', 'Q2 24/25')."""
    found: Period | None = None
    for text in texts:
        # glued labels ("Jan-24Feb-24") are read one by one
        spaced = re.sub(rf"(?<=[\d%a-z])(?={_MONTH}|Q[1-4]\b)", " ", text)
        quarters = re.findall(r"\bQ[1-4]\s?(?:(?:19|20)?\d{2}/\d{2})\b", spaced)
        if quarters:
            found = parse_period(quarters[-1]) or found  # "Q3 22/23 Q4 22/23": each quarter with its year
            continue
        periods = [p for p in find_periods(spaced) if p.kind in ("month", "quarter")]
        months = re.findall(rf"\b{_MONTH}\b", spaced)
        if periods:
            found = periods[-1]
        elif len(months) >= 3:
            found = Period(months[-1], "month")
    return found
