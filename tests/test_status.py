"""Computed status: target met or missed, better or worse than England, and RAG disagreement."""

from __future__ import annotations

from typing import Any

import pytest

from kpiextract.models import Benchmark, KPIRecord
from kpiextract.status import compare, compute_status, disagrees, target_status


def record(**fields: Any) -> KPIRecord:
    base: dict[str, Any] = {
        "indicator": "Some KPI", "layout": "scorecard", "source_file": "paper.txt", "source_text": "...",
        "confidence": 0.9,
    }
    return KPIRecord.model_validate({**base, **fields})


def benches(**values: float | None) -> list[Benchmark]:
    return [Benchmark(name=name.replace("_", " "), value=value) for name, value in values.items()]


# (value, target, target_range, polarity) -> target_status
TARGET_CASES = [
    (82.2, 75.0, None, "higher", "met"),
    (58.0, 75.0, None, "higher", "missed"),
    (15.0, 10.0, None, "lower", "missed"),
    (8.8, 21.0, None, "lower", "met"),
    (95.0, 95.0, None, "higher", "met"),  # on target
    (95.0, 95.0, None, "lower", "met"),
    (2.8, 2.8, None, None, "met"),  # on target needs no polarity
    (2.8, 2.8000000000001, None, None, "met"),  # parsed figures equal to printing precision
    (25.1, 22.0, None, None, None),  # which side is good is unknown
    (20.0, None, (18.0, 22.0), None, "met"),  # inside a range
    (18.0, None, (18.0, 22.0), "lower", "met"),  # on its edge
    (22.0, None, (22.0, 18.0), None, "met"),  # a range printed high to low
    (23.0, None, (18.0, 22.0), "higher", "missed"),  # outside a range, whatever the polarity
    (17.0, None, (18.0, 22.0), "higher", "missed"),
    (20.0, 30.0, (18.0, 22.0), "higher", "met"),  # a range wins over a single target
    (None, 75.0, None, "higher", None),  # no value
    (80.0, None, None, "higher", None),  # no target
    (0.0, 0.0, None, "lower", "met"),
    (-13.7, -10.0, None, "higher", "missed"),
]


@pytest.mark.parametrize(("value", "target", "target_range", "polarity", "expected"), TARGET_CASES)
def test_target_status(value: float | None, target: float | None, target_range: tuple[float, float] | None,
                       polarity: Any, expected: str | None) -> None:
    assert target_status(value, target, target_range, polarity) == expected


# (value, benchmarks, polarity) -> vs_england
ENGLAND_CASES = [
    (67.0, benches(England=74.0, South_East=80.0), "higher", "worse"),
    (90.6, benches(England=88.0), "higher", "better"),
    (31.0, benches(Statistical_Neighbours=20.0, England=22.0), "lower", "worse"),
    (8.8, benches(England=10.0), "lower", "better"),
    (22.0, benches(England=22.0), "lower", "same"),
    (0.14, benches(National=0.1), "lower", "worse"),  # National when England is not printed
    (0.14, benches(National=0.2, England=0.1), "lower", "worse"),  # England wins over National
    (0.14, benches(England=None, National=0.2), "lower", "better"),  # England printed without a figure
    (25.1, benches(England=21.9), None, None),  # no polarity
    (25.1, benches(Statistical_Neighbours=24.3), "lower", None),  # no England or National figure
    (25.1, [], "lower", None),
    (None, benches(England=21.9), "lower", None),
]


@pytest.mark.parametrize(("value", "benchmarks", "polarity", "expected"), ENGLAND_CASES)
def test_vs_england(value: float | None, benchmarks: list[Benchmark], polarity: Any, expected: str | None) -> None:
    kpi = record(value=value, benchmarks=benchmarks, polarity=polarity)
    compute_status(kpi)
    assert kpi.vs_england == expected


@pytest.mark.parametrize(
    ("status", "rag", "expected"),
    [
        ("met", "red", True),
        ("missed", "green", True),
        ("met", "green", False),
        ("missed", "red", False),
        ("met", "amber", False),  # amber never disagrees
        ("missed", "amber", False),
        (None, "red", False),  # nothing computed, nothing to disagree with
        ("met", None, False),  # no RAG printed
    ],
)
def test_disagrees(status: Any, rag: Any, expected: bool) -> None:
    assert disagrees(status, rag) is expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # Buckinghamshire's EHCP timeliness: 82.2% against 75%, rated green.
        ({"value": 82.2, "target": 75.0, "polarity": "higher", "rag": "green",
          "benchmarks": benches(England=50.3)}, ("met", "better", False)),
        # Met, but the paper rates it red.
        ({"value": 8.8, "target": 21.0, "polarity": "lower", "rag": "red"}, ("met", None, True)),
        # Missed, but rated green.
        ({"value": 63.0, "target": 70.0, "polarity": "higher", "rag": "green",
          "benchmarks": benches(England=63.0)}, ("missed", "same", True)),
        # No polarity: on target still counts as met, nothing else can be said.
        ({"value": 2.8, "target": 2.8, "rag": "green", "benchmarks": benches(England=3.0)}, ("met", None, False)),
        ({"value": 25.1, "target": 22.0, "rag": "red", "benchmarks": benches(England=21.9)}, (None, None, False)),
        # Within a target range, rated amber.
        ({"value": 19.5, "target_range": (18.0, 22.0), "rag": "amber"}, ("met", None, False)),
    ],
)
def test_compute_status(fields: dict[str, Any], expected: tuple[str | None, str | None, bool]) -> None:
    kpi = record(**fields)
    compute_status(kpi)
    assert (kpi.target_status, kpi.vs_england, kpi.rag_disagrees) == expected


def test_compute_status_overwrites_stale_results() -> None:
    kpi = record(value=50.0, target=60.0, polarity="higher", rag="amber")
    kpi.target_status, kpi.vs_england, kpi.rag_disagrees = "met", "better", True
    compute_status(kpi)
    assert (kpi.target_status, kpi.vs_england, kpi.rag_disagrees) == ("missed", None, False)


def test_compare_directly() -> None:
    assert compare(1.0, 2.0, "lower") == "better"
    assert compare(1.0, 2.0, "higher") == "worse"
    assert compare(2.0, 2.0, None) is None  # same figure, but compare needs a polarity
