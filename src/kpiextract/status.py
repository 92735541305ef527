"""Computed status: is the KPI meeting its target, is it better than England, and does that
contradict the RAG the paper gives?

Pure functions of one record's own fields (value, target or target range, polarity, benchmarks,
rag), so the result is easy to check by hand against the paper. Run it after the catalogue has
filled in missing polarities (catalogue.annotate), since most of these need a direction.
"""

from __future__ import annotations

import math
from typing import Literal

from .models import KPIRecord, Polarity, Rag

TargetStatus = Literal["met", "missed"]
Comparison = Literal["better", "worse", "same"]

NATIONAL_BENCHMARKS = ("England", "National")
"""Comparators vs_england uses, in order: England when printed, else the paper's "National"."""


def _same(a: float, b: float) -> bool:
    # Figures are parsed from text ("58.0%" vs "58%"), so equal means equal to printing precision.
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def target_status(
    value: float | None,
    target: float | None,
    target_range: tuple[float, float] | None,
    polarity: Polarity | None,
) -> TargetStatus | None:
    """Met or missed; None when there is no value, no target, or no way to tell which side is good."""
    if value is None:
        return None
    if target_range is not None:
        low, high = sorted(target_range)
        return "met" if low <= value <= high or _same(value, low) or _same(value, high) else "missed"
    if target is None:
        return None
    if _same(value, target):
        return "met"  # on target is met whichever way is better
    if polarity is None:
        return None
    return "met" if (value > target) == (polarity == "higher") else "missed"


def compare(value: float | None, benchmark: float | None, polarity: Polarity | None) -> Comparison | None:
    """Better, worse or the same as a benchmark, given which way is better."""
    if value is None or benchmark is None or polarity is None:
        return None
    if _same(value, benchmark):
        return "same"
    return "better" if (value > benchmark) == (polarity == "higher") else "worse"


def national_benchmark(record: KPIRecord) -> float | None:
    """The England figure printed for the record, else its National figure."""
    for name in NATIONAL_BENCHMARKS:
        bench = record.benchmark(name)
        if bench is not None and bench.value is not None:
            return bench.value
    return None


def disagrees(status: TargetStatus | None, rag: Rag | None) -> bool:
    """Target met but rated red, or missed but rated green. Amber sits between, so never disagrees."""
    return (status == "met" and rag == "red") or (status == "missed" and rag == "green")


def compute_status(record: KPIRecord) -> None:
    """Fill target_status, vs_england and rag_disagrees on the record."""
    record.target_status = target_status(record.value, record.target, record.target_range, record.polarity)
    record.vs_england = compare(record.value, national_benchmark(record), record.polarity)
    record.rag_disagrees = disagrees(record.target_status, record.rag)
