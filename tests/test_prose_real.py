"""Naming in real councils' prose (tests/data/prose_real: excerpts of published papers, copied
as printed). Each excerpt once gave a record named by a label for its figure ("Outturn figure",
"Actual performance across the year to date"), by a comparator ("Public sector sickness"), by a
paraphrase of the KPI's title, or no record at all.
"""

from __future__ import annotations

from pathlib import Path

from kpiextract.api import extract
from kpiextract.models import KPIRecord

DATA = Path(__file__).parent / "data" / "prose_real"


def records(name: str) -> list[KPIRecord]:
    result = extract(DATA / name)
    assert result.error is None, result.error
    return result.records


def by_value(found: list[KPIRecord], value: float) -> KPIRecord:
    matches = [r for r in found if r.value is not None and abs(r.value - value) < 0.001]
    assert len(matches) == 1, [(r.indicator, r.value) for r in found]
    return matches[0]


def test_a_card_figure_printed_as_a_clock_is_a_length_of_time() -> None:
    """'Latest: 2:45  Target: 3:00  Previous: 3:10 (Red)' (a card of minutes and seconds, made up
    in the style of tests/data/cards) gave no record: a clock after a label was no figure."""
    found = records("card-clock-durations.md")
    record = by_value(found, 2.75)
    assert record.indicator.startswith("Average call answer time")
    assert record.unit == "minutes" and record.target == 3.0
    assert record.previous is not None and abs((record.previous.value or 0) - 3.1667) < 0.001
