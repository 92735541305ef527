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


def _figure(layout: str, name: str, value: float, period: str | None = None) -> KPIRecord:
    return KPIRecord(indicator=name, value=value, unit="%", period=period, layout=layout, confidence=0.8,
                     source_file="paper.pdf", source_text=name)


SATISFIED = ("TP01 Proportion of respondents who report that they are satisfied with the overall service from "
             "their landlord")


def test_prose_telling_a_rows_exact_figure_under_a_short_name_of_its_own_folds_into_the_row() -> None:
    """'Overall satisfaction rose to 68.9%' and 'the recycling rate ... 65.8%' beside the rows
    that give those figures: one KPI each, not a second, nameless-looking record."""
    cases = [(SATISFIED, "Overall satisfaction", 68.9),
             ("Percentage of municipal waste collected that is prepared for reuse, recycled or composted",
              "recycling rate", 65.8)]
    for row_name, prose_name, value in cases:
        merged = merge_records([_figure("scorecard", row_name, value), _figure("narrative", prose_name, value)])
        assert [r.indicator for r in merged] == [row_name]
        assert [p.layout for p in merged[0].also_from] == ["narrative"]


def test_a_short_name_stays_apart_from_a_row_it_does_not_restate() -> None:
    apart = [
        (_figure("scorecard", SATISFIED, 68.9), _figure("narrative", "Repairs completed right first time", 68.9)),
        (_figure("scorecard", SATISFIED, 69.0), _figure("narrative", "Overall satisfaction", 69.0)),  # a round
        # figure agrees by chance too often to prove anything
        (_figure("scorecard", SATISFIED, 68.9), _figure("narrative", "Overall satisfaction", 68.8)),
        (_figure("narrative", SATISFIED, 68.9), _figure("narrative", "Overall satisfaction", 68.9)),  # two passages
    ]
    for first, second in apart:
        assert len(merge_records([first, second])) == 2, (first.indicator, second.indicator, first.value)
