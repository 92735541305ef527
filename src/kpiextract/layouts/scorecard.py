"""Tabular scorecards: one row per indicator, columns named by role (and sometimes by period).

Two shapes share this code:
- "scorecard": PI | Aim to | Current Value | Target | Benchmarking | Commentary, one record per
  row; when value columns are named by period ("2013/14 Outturn", "Q1 2014/15") one record per
  period, the latest carrying the unperiodised target and status.
- "wide-scorecard": period x {target, intervention, actual} columns ("Q1 Target 2023/24 |
  Q1 Intervention 2023/24 | Q1 Actual 2023/24 | Q2 ..."): one record per measure per period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Benchmark, KPIRecord, PreviousValue
from ..parsing.benchmarks import parse_benchmark_cell
from ..parsing.indicators import clean_name, split_code, unit_from_name
from ..parsing.numbers import Value, find_values, parse_range, parse_value
from ..parsing.periods import Period, find_periods
from ..parsing.statements import POLARITY_HINT
from ..readers.document import Block
from ..vocab import Vocabulary
from .base import Layout
from .columns import NUMERIC_ROLES, Column, find_header, period_groups
from .context import DocumentContext
from .prose import MEASURED_UNITS, infer_polarity
from .timing import complete, merge_quarter_with_dates, period_fields, period_of_value


@dataclass
class Row:
    cells: list[str]
    page: int
    extra: list[str] = field(default_factory=list)

    def cell(self, column: Column | None) -> str:
        if column is None or column.index >= len(self.cells):
            return ""
        return self.cells[column.index]


def _first(columns: list[Column], role: str) -> Column | None:
    return next((c for c in columns if c.role == role), None)


def _is_continuation(cells: list[str], columns: list[Column], indicator: Column) -> bool:
    """A row that only carries on the cells of the row above (a wrapped cell, a page break)."""
    if indicator.index < len(cells) and cells[indicator.index].strip():
        return False
    numeric = [c for c in columns if c.role in NUMERIC_ROLES or c.role in ("polarity", "status")]
    return not any(c.index < len(cells) and cells[c.index].strip() for c in numeric)


def table_rows(block: Block, header_index: int, columns: list[Column]) -> list[Row]:
    """Data rows with wrapped or page-broken continuations joined back onto their row."""
    indicator = _first(columns, "indicator")
    assert indicator is not None
    rows: list[Row] = []
    pages = block.row_pages or [block.page] * len(block.rows)
    for cells, page in zip(block.rows[header_index + 1:], pages[header_index + 1:], strict=False):
        if not any(cell.strip() for cell in cells):
            continue
        if rows and _is_continuation(cells, columns, indicator):
            target = rows[-1]
            for index, cell in enumerate(cells):
                if not cell.strip():
                    continue
                while len(target.cells) <= index:
                    target.cells.append("")
                target.cells[index] = f"{target.cells[index]} {cell}".strip()
            continue
        rows.append(Row(cells=list(cells), page=page))
    return rows


def polarity_of(text: str, vocab: Vocabulary) -> str | None:
    label = vocab.polarity.find(text, min_length=3)
    return label[0] if label else None


def _row_unit(row: Row, columns: list[Column], name: str) -> str | None:
    """A row's unit: a % printed in any of its figures makes bare numbers in it percentages."""
    for column in columns:
        if column.role in ("value", "target", "intervention", "previous") and "%" in row.cell(column):
            return "%"
    return unit_from_name(name)


def _numbers_in(text: str) -> list[str]:
    return [v.text.rstrip("%").strip() for v in find_values(text)]


def repair_split_value(value: Value, neighbour: str, commentary: str) -> Value | None:
    """Rejoin a figure the PDF-to-text step split across two cells, if the commentary confirms it.

    'Aim to Maximise 57 | 7.4' with commentary '... is 57.4' -> 57.4: the stray digits at the
    end of the neighbouring cell plus the value cell (sharing a digit or not) form a number the
    commentary prints, while the value cell's own number appears nowhere in it.
    """
    if value.value is None or not commentary:
        return None
    printed = set(_numbers_in(commentary))
    own = value.text.rstrip("%").strip()
    if own in printed:
        return None
    stray = re.search(r"(\d+(?:\.\d+)?)\s*$", neighbour)
    if not stray:
        return None
    fragment = stray.group(1)
    candidates = [fragment + own]
    if fragment[-1:] == own[:1]:
        candidates.append(fragment + own[1:])
    for candidate in candidates:
        if candidate in printed:
            repaired = parse_value(candidate + ("%" if value.unit == "%" else ""))
            return Value(repaired.value, value.unit, f"{fragment} | {value.text}")
    return None


def status_of(row: Row, columns: list[Column], vocab: Vocabulary) -> str | None:
    """The RAG a row's status column gives ('R', 'Amber', 'On track', '✓'), if it has one among `columns`."""
    column = _first(columns, "status")
    if column is None:
        return None
    status = row.cell(column).strip()
    return vocab.rag_symbols.get(status) or vocab.rag.exact(status) or vocab.rag.label(status, min_length=3)


def _percent_beside_count(value: Value, cell: str, target: Value, unit: str | None) -> Value:
    """'61,904 (84.7%)': where the target or the measure is a percentage, the figure is the percentage."""
    figures = [v for v in find_values(cell) if v.value is not None]
    percents = [v for v in figures if v.unit == "%"]
    if len(figures) < 2 or not percents or value.unit == "%" or not (target.unit == "%" or unit == "%"):
        return value
    return Value(percents[-1].value, "%", cell.strip())


def _period_in_cell(cell: str) -> Period | None:
    periods = find_periods(cell or "")
    return merge_quarter_with_dates(periods) if periods else None


def _infer_polarity(target: float | None, intervention: float | None) -> str | None:
    """An intervention level below the target means higher is better, above it lower is better."""
    if target is None or intervention is None or target == intervention:
        return None
    return "higher" if intervention < target else "lower"


class ScorecardLayout(Layout):
    name = "scorecard"
    handles = ("table",)
    reads = "rows"
    wide = False

    def _header(self, block: Block, context: DocumentContext) -> tuple[int, list[Column]] | None:
        found = find_header(block.rows, context.vocab)
        if found is None:
            return None
        roles = {c.role for c in found[1]}
        if not roles & {"value", "target", "intervention"}:
            return None
        return found

    def _is_wide(self, columns: list[Column]) -> bool:
        groups = period_groups(columns, fold=False)
        return len(groups) >= 2 and any(len({c.role for c in cols}) >= 2 for cols in groups.values())

    def detect(self, block: Block, context: DocumentContext) -> float:
        if not block.is_table:
            return 0.0
        found = self._header(block, context)
        if found is None or self._is_wide(found[1]) != self.wide:
            return 0.0
        return 0.9

    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        found = self._header(block, context)
        if found is None:
            return []
        header_index, columns = found
        records: list[KPIRecord] = []
        for row in table_rows(block, header_index, columns):
            records.extend(self._row_records(row, columns, block, context))
        return records

    def _row_records(self, row: Row, columns: list[Column], block: Block,
                     context: DocumentContext) -> list[KPIRecord]:
        vocab = context.vocab
        indicator_col = _first(columns, "indicator")
        raw_name = row.cell(indicator_col).strip()
        if not raw_name or not re.search(r"[A-Za-z]{3}", raw_name):
            return []
        code = row.cell(_first(columns, "code")).strip() or None
        found_code, raw_name = split_code(raw_name)
        code = code or found_code
        name, category = clean_name(raw_name)
        commentary = " ".join(row.cell(c) for c in columns if c.role == "commentary" and row.cell(c)).strip()
        actions = " ".join(row.cell(c) for c in columns if c.role == "actions" and row.cell(c)).strip()
        polarity_col = _first(columns, "polarity")
        polarity = polarity_of(row.cell(polarity_col), vocab) if polarity_col else None
        hint = POLARITY_HINT.search(commentary)
        if polarity is None and hint:
            polarity = "higher" if hint.group(1).lower().startswith("high") else "lower"
        rag = status_of(row, [c for c in columns if c.period is None], vocab)
        benchmarks: list[Benchmark] = []
        for column in columns:
            if column.role != "benchmark" or not row.cell(column).strip():
                continue
            if column.name:
                parsed = parse_benchmark_cell(f"{column.name} {row.cell(column)}", vocab)
                benchmarks.extend(Benchmark(name=column.name, value=b.value, text=row.cell(column),
                                            period=column.period_key) for b in parsed[:1])
            else:
                benchmarks.extend(parse_benchmark_cell(row.cell(column), vocab))
        unit = _row_unit(row, columns, name)
        source_text = " | ".join(cell for cell in row.cells if cell.strip())
        shared: dict[str, object] = dict(
            indicator=name, code=code, polarity=polarity, benchmarks=benchmarks,
            commentary=" ".join(filter(None, [commentary, f"Actions: {actions}" if actions else ""])) or None,
        )
        if category:
            shared["section"] = category

        groups = period_groups(columns)
        plain = [c for c in columns if c.period is None]
        if shared["polarity"] is None:
            # a measure's direction does not change between quarters: any quarter that shows it decides
            for group in [*groups.values(), plain]:
                target = parse_value(row.cell(_first(group, "target"))).value
                intervention = parse_value(row.cell(_first(group, "intervention"))).value
                shared["polarity"] = _infer_polarity(target, intervention)
                if shared["polarity"]:
                    break
        records: list[KPIRecord] = []
        if groups:
            keys = list(groups)
            # the undated target, status and commentary belong to the latest period that has a figure
            with_value = [k for k in keys if parse_value(row.cell(_first(groups[k], "value"))).value is not None]
            latest_key = with_value[-1] if with_value else keys[-1]
            for key in keys:
                latest = key == latest_key
                own = groups[key]
                group = own + ([c for c in plain if not _first(own, c.role or "")] if latest else [])
                group_rag = status_of(row, own, vocab) or (rag if latest else None)
                record = self._record_for(row, group, own[0].period, unit, shared, group_rag,
                                          commentary, block, context, source_text, latest)
                if record is not None:
                    records.append(record)
        else:
            record = self._record_for(row, plain, None, unit, shared, rag, commentary, block, context,
                                      source_text, True)
            if record is not None:
                records.append(record)
        return records

    def _record_for(self, row: Row, group: list[Column], period: Period | None, unit: str | None,
                    shared: dict[str, object], rag: str | None, commentary: str, block: Block,
                    context: DocumentContext, source_text: str, latest: bool) -> KPIRecord | None:
        def cell_value(role: str) -> tuple[Value, Column | None]:
            column = _first(group, role)
            return parse_value(row.cell(column)), column

        value, value_col = cell_value("value")
        target, target_col = cell_value("target")
        target_range = parse_range(row.cell(target_col)) if target_col is not None else None
        value = _percent_beside_count(value, row.cell(value_col), target, unit)
        cell_period = _period_in_cell(row.cell(value_col)) or _period_in_cell(row.cell(_first(group, "period")))
        if cell_period is not None:
            period = cell_period  # "69 (Sep-24)", or a Period column: the row says when its figure is for
        intervention, _ = cell_value("intervention")
        previous, previous_col = cell_value("previous")
        confidence = 0.9 if value.value is not None else 0.5
        if value_col is not None and value.value is not None and commentary:
            left = row.cell(next((c for c in group if c.index == value_col.index - 1), None)) or (
                row.cells[value_col.index - 1] if value_col.index > 0 else "")
            repaired = repair_split_value(value, left, commentary)
            if repaired is not None:
                value = repaired
                confidence = 0.7
        if value.value is None and target.value is None and value_col is None:
            return None
        value_unit = value.unit if value.unit in MEASURED_UNITS else None
        record_unit = value_unit or unit or ("count" if value.value is not None and value.value.is_integer()
                                             and not unit else None)
        if period is None and latest:
            period = period_of_value(commentary, value.text.split("|")[-1].strip()) if value.value is not None \
                else None
            if period is None:
                period = context.section(block).period or context.period
        if period is not None:
            period = complete(period, block, context)
        polarity = shared.get("polarity") or _infer_polarity(target.value, intervention.value) or infer_polarity(
            value.value, target.value, rag or context.section(block).rag)
        fields: dict[str, object] = dict(shared)
        fields.update(
            **period_fields(period),
            value=value.value,
            value_text=value.text or None,
            unit=record_unit,
            target=None if target_range else target.value,
            target_range=(target_range[0].value, target_range[1].value) if target_range else None,
            target_text=target.text or None,
            intervention=intervention.value,
            polarity=polarity,
            rag=rag,
        )
        if previous.value is not None and previous_col is not None:
            fields["previous"] = PreviousValue(value=previous.value, period=previous_col.period_key,
                                               text=previous.text)
        if not latest:
            fields["benchmarks"] = []
            fields["commentary"] = None
        return self.record(block, context, page=row.page, source_text=source_text, confidence=confidence,
                           **fields)


class WideScorecardLayout(ScorecardLayout):
    name = "wide-scorecard"
    wide = True
