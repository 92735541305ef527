"""Comparator figures out of a benchmarking cell or phrase.

Cells come in many shapes:
  "England 79%, South East 79%, Statistical Neighbours 82% (CIN Census 2021/22)"
  "Statistical Neighbours 2022 = 51.7 England 2022 = 48.9"
  "2021 calendar year: South East = 49.3% England = 59.9% Buckinghamshir e = 82.0%"
  "State-funded schools in England (31/03/2022) = 88.0%"
Each figure takes as its label the words between it and the figure before; the comparator
vocabulary (patterns/comparators.toml) names the label, else the label's own words are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Benchmark
from ..vocab import Vocabulary
from .numbers import MISSING_WORDS, find_values, looks_like_year
from .periods import find_periods

SPLIT_WORD = re.compile(r"\b([A-Z][a-z]{3,}) ([a-z])\b(?=\s|$|[=:,])")
NOISE = re.compile(r"[=:(),;]|\b(?:calendar year|financial year|academic year|average|avg|figure|data|rate)\b",
                   re.IGNORECASE)


def _label_name(label: str, vocab: Vocabulary) -> str | None:
    comparator = vocab.comparators.label(label, min_length=2)
    if comparator:
        return comparator
    text = SPLIT_WORD.sub(r"\1\2", label)  # "Buckinghamshir e" -> "Buckinghamshire"
    for period in find_periods(text):
        text = text.replace(period.text, " ")
    text = NOISE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" -–.")
    words = text.split()
    if not words or len(words) > 6 or not re.search(r"[A-Za-z]{2}", text):
        return None
    return text


def parse_benchmark_cell(text: str, vocab: Vocabulary) -> list[Benchmark]:
    """Every labelled figure in a benchmarking cell; an empty list for 'None available'."""
    raw = (text or "").strip()
    if not raw or MISSING_WORDS.match(raw) or re.match(r"^(?:none|no)\b", raw, re.IGNORECASE):
        return []
    values = [v for v in find_values(raw) if not looks_like_year(v) and v.value is not None]
    # numbers inside a date or a "2021/22" span are part of a period, not a figure
    spans = [(p.pos, p.end_pos) for p in find_periods(raw)]
    values = [v for v in values if not any(s <= v.start and v.end <= e for s, e in spans)]
    found: list[Benchmark] = []
    previous_end = 0
    for value in values:
        label = raw[previous_end:value.start]
        name = _label_name(label, vocab)
        previous_end = value.end
        if name is None:
            continue
        periods = find_periods(label)
        found.append(Benchmark(name=name, value=value.value, text=(label + value.text).strip(" ,;:"),
                               period=periods[-1].text if periods else None))
    if found and found[0].period and raw.find(found[0].period) < raw.find(found[0].name.split()[0]):
        # a leading "2021 calendar year:" dates every figure after it
        for bench in found[1:]:
            bench.period = bench.period or found[0].period
    if found:
        # a trailing "(CIN Census 2021/22)" dates every figure before it
        tail_periods = find_periods(raw[previous_end:])
        if tail_periods:
            for bench in found:
                bench.period = bench.period or tail_periods[-1].text
    return found


_AUTHORITY_WORDS = frozenset({"council", "county", "borough", "city", "district", "metropolitan", "the", "of"})


def _words(name: str) -> list[str]:
    return re.sub(r"[^a-z0-9 ]+", " ", name.lower()).split()


def _key(name: str) -> str:
    """A council's name without the words of its kind: 'Kent County Council' is 'kent'."""
    words = _words(name)
    return " ".join(word for word in words if word not in _AUTHORITY_WORDS) or " ".join(words)


def names_own_council(label: str, own_names: Sequence[str]) -> bool:
    """Whether a table heading is the paper's own council: "Irwell Vale", "Kent County Council",
    "Council", "The Council".

    The names the paper gives may be cut short ("Irwell" for "Irwell Vale") or run longer than
    the heading, so one may start the other; a heading that goes on past the name into more than
    a word or two, or into "and" ("Kent and Medway"), names something else.
    """
    words = _words(label)
    named = [word for word in words if word not in _AUTHORITY_WORDS]
    if not named:
        return "council" in words
    if "and" in named:
        return False
    for name in own_names:
        own = [word for word in _words(name) if word not in _AUTHORITY_WORDS]
        if not own:
            continue
        if named[:len(own)] == own and len(named) <= len(own) + 2 or own[:len(named)] == named:
            return True
    return False


OWN_COUNCIL = "Own council"
"""The comparator name of the council's own figure: one column for every council in a workbook."""


def own_figure(benchmarks: list[Benchmark], own_names: list[str], value: float | None) -> list[Benchmark]:
    """The comparators with the paper's own council named as such.

    "2021 calendar year: South East = 49.3% England = 59.9% Buckinghamshire = 82.0%" prints the
    council's own figure for the comparators' period beside them: a like-for-like figure worth
    keeping, but not a comparator called "Buckinghamshire" (in a workbook of several councils that
    column would mean a different thing on every row). It is kept as "Own council"; when it only
    repeats the record's own value, it is dropped.
    """
    own = {_key(name) for name in own_names if name}
    kept: list[Benchmark] = []
    for bench in benchmarks:
        if _key(bench.name) not in own:
            kept.append(bench)
        elif bench.value is None or value is None or abs(bench.value - value) > 1e-9:
            kept.append(bench.model_copy(update={"name": OWN_COUNCIL}))
    return kept
