"""A paragraph about a table row's figure folds into that row (merge.py)."""

from __future__ import annotations

from kpiextract.merge import merge_records
from kpiextract.models import KPIRecord


def _record(layout: str, name: str, code: str) -> KPIRecord:
    return KPIRecord(indicator=name, code=code, value=17.4, unit="%", period="Q2 2024/25",
                     period_start="2024-07-01", period_end="2024-09-30", layout=layout, confidence=0.8,
                     source_file="paper.pdf", source_text=name)


def test_a_paragraph_citing_a_rows_code_merges_however_the_pdf_spaced_the_code() -> None:
    """'4.4 Fleet decarbonisation (CLM/03): 17.4% of the fleet ...' under a row coded 'CLM/ 03':
    the names share no words, the code says they are one KPI."""
    row = _record("scorecard", "Percentage of the council fleet that is ultra low emission", "CLM/ 03")
    prose = _record("narrative", "Fleet decarbonisation", "CLM/03")
    merged = merge_records([row, prose])
    assert len(merged) == 1
    assert merged[0].indicator == row.indicator and [p.layout for p in merged[0].also_from] == ["narrative"]


def test_different_codes_do_not_merge_alike_figures() -> None:
    row = _record("scorecard", "Percentage of the council fleet that is ultra low emission", "CLM/03")
    prose = _record("narrative", "Fleet decarbonisation", "CLM/04")
    assert len(merge_records([row, prose])) == 2
