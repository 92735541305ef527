"""The flat row shared by CSV and XLSX: one record, one row, fixed column order.

Columns run figures first (indicator, council, period, value, unit, target, RAG, the comparators,
direction), then where each figure came from, then the catalogue match. Nested parts of a record
are flattened so a spreadsheet can filter and sort them:

* benchmarks become one numeric column per comparator seen in the export ("bench: England",
  "bench: South East", ...), plus a text column ``benchmarks`` ("England 79%; South East 79%")
  that keeps the printed text and periods, so nothing is lost in the flattening;
* ``target_range`` becomes ``target_range_low`` / ``target_range_high``;
* ``previous`` becomes ``previous_value`` / ``previous_period``;
* ``next_target`` becomes ``next_target_value`` / ``next_target_period``;
* ``also_from`` becomes "file p.N layout" entries joined with "; ".

``council`` is the council the paper is from, read from the paper itself (identity.py) or
given with --council: it is what lets a batch over several councils be filtered and compared.

Numbers stay numbers (float, int, bool or None) and text stays ``str``; making cells safe for
a spreadsheet is the writers' job (see ``safe.py``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import TypeAlias

from kpiextract.models import Benchmark, KPIRecord, Provenance

Cell: TypeAlias = str | float | int | bool | None

BENCH_PREFIX = "bench: "
LIST_SEPARATOR = "; "

# The columns an analyst reads first, then where each figure came from, then the catalogue:
# (field name, column title). The per-comparator benchmark columns ("bench: England"...) come
# straight after `rag`, so the figures are on the first screen.
FIGURES: tuple[tuple[str, str], ...] = (
    ("indicator", "Indicator"),
    ("council", "Council"),
    ("period", "Period"),
    ("value", "Value"),
    ("unit", "Unit"),
    ("target", "Target"),
    ("rag", "RAG"),
)
AFTER_BENCHMARKS: tuple[tuple[str, str], ...] = (
    ("direction", "Direction"),
    ("target_status", "Target met"),
    ("vs_england", "vs England"),
    ("review_state", "Review"),
    ("review_note", "Review note"),
    ("intervention", "Intervention level"),
    ("previous_value", "Previous value"),
    ("previous_period", "Previous period"),
    ("previous_rag", "Previous RAG"),
    ("next_target_value", "Next target"),
    ("next_target_period", "Next target period"),
    ("polarity", "Better when"),
    ("kind", "Kind"),
    ("code", "Code"),
    ("period_key", "Period key"),
    ("period_start", "Period start"),
    ("period_end", "Period end"),
    ("period_text", "Period as printed"),
    ("value_text", "Value as printed"),
    ("target_text", "Target as printed"),
    ("target_range_low", "Target range low"),
    ("target_range_high", "Target range high"),
    ("target_derived", "Target worked out"),
    ("rag_disagrees", "RAG disagrees"),
    ("benchmarks", "Benchmarks as printed"),
    ("commentary", "Commentary"),
    ("section", "Section"),
    ("source_file", "Source file"),
    ("page", "Page"),
    ("page_label", "Printed page"),
    ("layout", "Layout"),
    ("confidence", "Confidence"),
    ("source_text", "Source text"),
    ("also_from", "Also from"),
    ("canonical_id", "Catalogue id"),
    ("canonical_name", "Catalogue name"),
    ("catalogue_score", "Catalogue score"),
)
LEADING_COLUMNS: tuple[str, ...] = tuple(name for name, _ in FIGURES)
TRAILING_COLUMNS: tuple[str, ...] = tuple(name for name, _ in AFTER_BENCHMARKS)
TITLES: dict[str, str] = dict((*FIGURES, *AFTER_BENCHMARKS))


def title(column: str) -> str:
    """A column's readable title: "bench: England" is "England", "previous_value" "Previous value"."""
    if column.startswith(BENCH_PREFIX):
        return column[len(BENCH_PREFIX):]
    return TITLES.get(column, column)


# Comparators in the order analysts read them: the nation, then the region, then statistical
# neighbours, then anything else (core cities, a named council...) in order of appearance.
_STAT_NEIGHBOURS = re.compile(r"\bstat(?:istical|\.|s)?\s*neighbou?rs?\b|\bsns?\b", re.IGNORECASE)
_REGION = re.compile(
    r"\b(?:north\s+east|north\s+west|yorkshire|humber|east\s+midlands|west\s+midlands|"
    r"east\s+of\s+england|eastern|london|south\s+east|south\s+west|regions?|regional)\b",
    re.IGNORECASE,
)
_NATIONAL = re.compile(
    r"\b(?:england|national|nationally|uk|united\s+kingdom|great\s+britain|gb|wales|scotland|"
    r"northern\s+ireland)\b",
    re.IGNORECASE,
)
RANK_NATIONAL, RANK_REGION, RANK_NEIGHBOURS, RANK_OTHER = range(4)


def comparator_rank(name: str) -> int:
    """Where a comparator sorts: national, region, statistical neighbours, other."""
    # Neighbours and regions first: "East of England" is a region and "England SN" (as some
    # papers print it) a neighbour group, though both contain "England".
    if _STAT_NEIGHBOURS.search(name):
        return RANK_NEIGHBOURS
    if _REGION.search(name):
        return RANK_REGION
    if _NATIONAL.search(name):
        return RANK_NATIONAL
    return RANK_OTHER


def _bench_key(name: str) -> str:
    # Same comparator however a paper cases or spaces it (KPIRecord.benchmark ignores case too).
    return " ".join(name.split()).casefold()


def benchmark_names(records: Iterable[KPIRecord]) -> list[str]:
    """Comparator names across ``records``, preferred order then first appearance.

    Names that differ only in case or spacing share a column, headed by the first spelling.
    """
    first_seen: dict[str, str] = {}
    for record in records:
        for bench in record.benchmarks:
            key = _bench_key(bench.name)
            if key and key not in first_seen:
                first_seen[key] = " ".join(bench.name.split())
    appearance = list(first_seen.values())
    # sorted() is stable, so equal ranks keep their order of first appearance.
    return sorted(appearance, key=comparator_rank)


def number_text(value: float) -> str:
    """A float as people write it: 79 not 79.0, 0.1 not 0.1000000001."""
    if value.is_integer():
        return str(int(value))
    return repr(value)


def _finite(value: float | None) -> float | None:
    # NaN/inf are not values a spreadsheet (or JSON) can hold; they mean "no number".
    if value is None or not math.isfinite(value):
        return None
    return value


def benchmark_text(bench: Benchmark) -> str:
    """One comparator for the ``benchmarks`` text column: "England 79%" or "England 79 (2022)"."""
    shown = bench.text.strip()
    value = _finite(bench.value)
    if not shown and value is not None:
        shown = number_text(value)
    parts = [bench.name.strip(), shown]
    if bench.period:
        parts.append(f"({bench.period})")
    return " ".join(part for part in parts if part)


def provenance_text(prov: Provenance) -> str:
    """One ``also_from`` entry: "file p.N layout" (no page part when the page is unknown)."""
    page = f"p.{prov.page}" if prov.page is not None else ""
    return " ".join(part for part in (prov.source_file, page, prov.layout) if part)


def _joined(items: Iterable[str]) -> str | None:
    text = LIST_SEPARATOR.join(item for item in items if item)
    return text or None


def _bench_values(record: KPIRecord, names: Sequence[str]) -> list[Cell]:
    by_key: dict[str, float | None] = {}
    for bench in record.benchmarks:
        # First one wins when a paper prints a comparator twice; the text column keeps both.
        by_key.setdefault(_bench_key(bench.name), _finite(bench.value))
    return [by_key.get(_bench_key(name)) for name in names]


def council_of(record: KPIRecord) -> str | None:
    """The council a record is from (the paper's, or --council); None when neither says."""
    return record.council


def _leading_cells(record: KPIRecord) -> list[Cell]:
    return [record.indicator, council_of(record), record.period, _finite(record.value), record.unit,
            _finite(record.target), record.rag]


def _trailing_cells(record: KPIRecord) -> list[Cell]:
    previous = record.previous
    ahead = record.next_target
    low, high = record.target_range if record.target_range is not None else (None, None)
    return [
        record.direction,
        record.target_status,
        record.vs_england,
        record.review_state,
        record.review_note,
        _finite(record.intervention),
        _finite(previous.value) if previous is not None else None,
        previous.period if previous is not None else None,
        previous.rag if previous is not None else None,
        _finite(ahead.value) if ahead is not None else None,
        ahead.period if ahead is not None else None,
        record.polarity,
        record.kind,
        record.code,
        record.period_key,
        record.period_start,
        record.period_end,
        record.period_text,
        record.value_text,
        record.target_text,
        _finite(low),
        _finite(high),
        record.target_derived,
        record.rag_disagrees,
        _joined(benchmark_text(bench) for bench in record.benchmarks),
        record.commentary,
        record.section,
        record.source_file,
        record.page,
        record.page_label,
        record.layout,
        record.confidence,
        record.source_text,
        _joined(provenance_text(prov) for prov in record.also_from),
        record.canonical_id,
        record.canonical_name,
        _finite(record.catalogue_score),
    ]


def header(bench_names: Sequence[str]) -> list[str]:
    return [*LEADING_COLUMNS, *(BENCH_PREFIX + name for name in bench_names), *TRAILING_COLUMNS]


def flat_row(record: KPIRecord, bench_names: Sequence[str]) -> list[Cell]:
    """One record as a row matching ``header(bench_names)``."""
    return [*_leading_cells(record), *_bench_values(record, bench_names), *_trailing_cells(record)]


def flat_rows(records: Iterable[KPIRecord]) -> tuple[list[str], list[list[Cell]]]:
    """The header and one row per record; the benchmark columns depend on all the records."""
    records = list(records)  # two passes: comparator names first, then rows
    names = benchmark_names(records)
    return header(names), [flat_row(record, names) for record in records]
