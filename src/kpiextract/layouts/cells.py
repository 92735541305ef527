"""What a KPI table row says beside its figures: status, comparators, unit, direction of travel.

Each reader takes the row and the table's columns (columns.py) and answers from the cells the
header gave a role; the words are data in patterns/ (RAG and activity words, comparator names,
direction words and arrows).
"""

from __future__ import annotations

import re
from typing import get_args

from ..models import Benchmark, Direction
from ..parsing.benchmarks import parse_benchmark_cell
from ..parsing.direction import arrow_direction, arrow_key, direction_word
from ..parsing.indicators import unit_from_label, unit_from_name, unit_in_header
from ..parsing.numbers import find_values, parse_value
from ..parsing.periods import find_periods
from ..vocab import Vocabulary
from .columns import Column
from .context import DocumentContext
from .rows import Row, first

# a name's last bracket, where papers tag a measure "(for information)" or "(activity)"
LAST_BRACKET = re.compile(r"\s*\(([^()]{2,30})\)\s*$")


def polarity_of(text: str, vocab: Vocabulary) -> str | None:
    label = vocab.polarity.find(text, min_length=3)
    return label[0] if label else None


def status_of(row: Row, columns: list[Column], vocab: Vocabulary) -> str | None:
    """The RAG a row's status column gives ('R', 'Amber', 'Slightly off target', '✓'), if it has
    one among `columns`. The longest status phrase decides: 'slightly off target' is amber even
    though it holds 'off target'."""
    column = first(columns, "status")
    if column is None:
        return None
    status = row.cell(column).strip()
    return vocab.rag_symbols.get(status) or vocab.rag.exact(status) or vocab.rag.label(status, min_length=3)


def _activity_tag(name: str, vocab: Vocabulary) -> re.Match[str] | None:
    bracket = LAST_BRACKET.search(name)
    if bracket and (vocab.activity_tags.exact(bracket.group(1)) or vocab.activity.exact(bracket.group(1))):
        return bracket
    return None


def without_activity_tag(name: str, vocab: Vocabulary) -> str:
    """'Number of fly-tipping incidents reported (for information)' -> the name without its tag."""
    tag = _activity_tag(name, vocab)
    return name[:tag.start()].strip() if tag else name


def for_information(row: Row, columns: list[Column], name: str, vocab: Vocabulary) -> bool:
    """A row the paper reports for information, not judged: its status or target cell says so
    ('Data only', 'For information', 'No target'), or its name's tag does ('(for information)')."""
    if _activity_tag(name, vocab):
        return True
    for role in ("status", "target"):
        cell = row.cell(first(columns, role)).strip()
        if cell and vocab.activity.find(cell) is not None and vocab.rag.exact(cell) is None:
            return True
    return False


def header_unit(columns: list[Column]) -> str | None:
    """The unit the indicator column's header gives every row: 'Crime type (rate per 1,000
    population)' is a rate."""
    indicator = first(columns, "indicator")
    return unit_from_name(indicator.header) if indicator is not None else None


def denominator(columns: list[Column]) -> str | None:
    """A rate's base printed once in the indicator header ('(rate per 1,000 population)'): part
    of every row's measure, since 'Robbery' alone would be a count."""
    indicator = first(columns, "indicator")
    bracket = LAST_BRACKET.search(indicator.header) if indicator is not None else None
    if bracket and re.search(r"\bper\b", bracket.group(1), re.IGNORECASE):
        return bracket.group(1).strip()
    return None


def row_unit(row: Row, columns: list[Column], name: str) -> str | None:
    """A row's unit: its unit column first; else a % printed in any of its figures makes bare
    numbers in it percentages; else a unit the figures' headers print; else what the name or
    the indicator header says."""
    unit_column = first(columns, "unit")
    if unit_column is not None and (unit := unit_from_label(row.cell(unit_column))):
        return unit
    for column in columns:
        if column.role in ("value", "target", "intervention", "previous") and "%" in row.cell(column):
            return "%"
    for column in columns:
        if column.role in ("value", "target") and (unit := unit_in_header(column.header)):
            return unit  # "Q2 2024/25 (%)", "Target (£)": printed once for every row
    return unit_from_name(name) or header_unit(columns)


def row_benchmarks(row: Row, columns: list[Column], vocab: Vocabulary) -> list[Benchmark]:
    """The comparators' figures in a row: a column named after a comparator ('England 2023/24')
    gives that comparator; a 'Benchmarking' cell names its own ('England 79%, SE 80%'), and a
    bare figure under a bare 'Benchmark' heading is the benchmark the heading names."""
    benchmarks: list[Benchmark] = []
    for column in columns:
        cell = row.cell(column).strip()
        if column.role != "benchmark" or not cell:
            continue
        if column.name:
            parsed = parse_benchmark_cell(f"{column.name} {cell}", vocab)
            benchmarks.extend(Benchmark(name=column.name, value=b.value, text=cell, period=column.period_key)
                              for b in parsed[:1])
            continue
        parsed = parse_benchmark_cell(cell, vocab)
        if not parsed and len([v for v in find_values(cell) if v.value is not None]) == 1:
            value = parse_value(cell)
            if value.value is not None:
                parsed = [Benchmark(name=_heading_name(column), value=value.value, text=cell,
                                    period=column.period_key)]
        benchmarks.extend(parsed)
    return benchmarks


def _heading_name(column: Column) -> str:
    text = column.header
    for period in find_periods(text):
        text = text.replace(period.text, " ")
    return re.sub(r"\s+", " ", text).strip(" -–:") or "Benchmark"


def paper_arrow_key(context: DocumentContext) -> dict[str, str]:
    """What the paper's arrows mean ('↑ Improving, ↓ Declining'), worked out once per paper."""
    key = context.memo.get("arrow_key")
    if not isinstance(key, dict):
        texts = (block.cell_text() if block.is_table else block.text for block in context.paper_blocks())
        key = arrow_key(texts, context.vocab)
        context.memo["arrow_key"] = key
    return key


def row_direction(row: Row, columns: list[Column], context: DocumentContext, value: float | None,
                  previous: float | None, polarity: str | None) -> Direction | None:
    """The direction of travel a 'Trend' or 'Direction of travel' cell gives ('↑', '↓ Declining',
    'Improving'), read as cards read theirs (parsing/direction.py), or a status cell that is a
    direction word, not a rating."""
    for column in columns:
        if column.role not in ("trend", "status") or column.period is not None:
            continue
        cell = row.cell(column).strip()
        if not cell:
            continue
        if column.role == "status":
            # a status column that says how the figure moved ("Improving") rather than how it stands
            found = None if status_of(row, [column], context.vocab) else direction_word(cell, context.vocab)
        else:
            found = direction_word(cell, context.vocab) or arrow_direction(
                cell, context.vocab, paper_arrow_key(context), value, previous, polarity)
        direction = as_direction(found)
        if direction is not None:
            return direction
    return None


def as_direction(found: str | None) -> Direction | None:
    """A direction word or arrow's reading as the record's field, if it is one."""
    return next((direction for direction in get_args(Direction) if found == direction), None)
