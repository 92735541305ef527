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

from ..models import KPIRecord, NextTarget, PreviousValue
from ..parsing.indicators import clean_name, not_a_name_cell, split_code
from ..parsing.numbers import Value, as_figure, find_values, parse_range, parse_value
from ..parsing.period_shifts import earlier, spanned
from ..parsing.periods import Period, find_periods
from ..parsing.statements import POLARITY_HINT
from ..readers.document import Block
from .base import Layout
from .cells import (
    denominator,
    for_information,
    polarity_of,
    row_benchmarks,
    row_direction,
    row_unit,
    status_of,
    without_activity_tag,
)
from .columns import Column, later_targets, period_groups
from .context import DocumentContext, heading_rag
from .headers import later_headers, table_header
from .prose import MEASURED_UNITS, infer_polarity
from .rows import Row, first, table_rows
from .timing import complete, merge_quarter_with_dates, period_fields, period_of_value, with_current_period


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


MAX_CODE_WORDS = 3
"""A KPI's reference is a word or two ("CP06", "PAM/030", "NI 192", "ASCOF 1C(2a)")."""


def _row_name(row: Row, columns: list[Column], context: DocumentContext) -> tuple[str, str | None, str | None] | None:
    """The row's indicator name, code and category ('Education: ...'), or None for a row with no name.
    A rate's base printed once in the header ('Crime type (rate per 1,000 population)') is part of
    each name."""
    raw_name = row.cell(first(columns, "indicator")).strip()
    if not raw_name or not re.search(r"[A-Za-z]{3}", raw_name) or not_a_name_cell(raw_name, context.vocab):
        return None
    code = row.cell(first(columns, "code")).strip() or None
    if code and len(code.split()) > MAX_CODE_WORDS:
        # a reference column holding a sentence: the row's cells are not under their headers
        # (two rows run into one), so its name and figures can't be trusted
        return None
    found_code, raw_name = split_code(raw_name)
    name, category = clean_name(without_activity_tag(raw_name, context.vocab))
    per = denominator(columns)
    if per and not re.search(r"\bper\b", name, re.IGNORECASE):
        name = f"{name} ({per})"
    return name, code or found_code, category


def _set_direction(record: KPIRecord, records: list[KPIRecord], row: Row, columns: list[Column],
                   context: DocumentContext) -> None:
    """The row's trend cell is the latest figure's direction of travel; an arrow is read against
    the figure before it (the earlier period's column, else the previous value)."""
    earlier = [r for r in records[:records.index(record)] if r.value is not None] if record in records else []
    previous = earlier[-1].value if earlier else (record.previous.value if record.previous else None)
    record.direction = row_direction(row, columns, context, record.value, previous, record.polarity)


class ScorecardLayout(Layout):
    name = "scorecard"
    handles = ("table",)
    reads = "rows"
    wide = False

    def _header(self, block: Block, context: DocumentContext) -> tuple[int, list[Column]] | None:
        found = table_header(block, context)
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
        parts = later_headers(block, found, context)
        records: list[KPIRecord] = []
        for (header_index, columns), end in zip(parts, [index for index, _ in parts[1:]] + [None], strict=True):
            columns = with_current_period(columns, block, context)
            for row in table_rows(block, header_index, columns, end):
                records.extend(self._row_records(row, columns, block, context))
        return records

    def _row_records(self, row: Row, columns: list[Column], block: Block,
                     context: DocumentContext) -> list[KPIRecord]:
        vocab = context.vocab
        named = _row_name(row, columns, context)
        if named is None:
            return []
        name, code, category = named
        commentary = " ".join(row.cell(c) for c in columns if c.role == "commentary" and row.cell(c)).strip()
        actions = " ".join(row.cell(c) for c in columns if c.role == "actions" and row.cell(c)).strip()
        polarity_col = first(columns, "polarity")
        polarity = polarity_of(row.cell(polarity_col), vocab) if polarity_col else None
        hint = POLARITY_HINT.search(commentary)
        if polarity is None and hint:
            polarity = "higher" if hint.group(1).lower().startswith("high") else "lower"
        informational = for_information(row, columns, row.cell(first(columns, "indicator")), vocab)
        rag = None if informational else (
            status_of(row, [c for c in columns if c.period is None], vocab)
            or (heading_rag(row.heading, vocab) if row.heading else None))
        unit = row_unit(row, columns, name)
        source_text = " | ".join(cell for cell in row.cells if cell.strip())
        shared: dict[str, object] = dict(
            indicator=name, code=code, polarity=polarity, benchmarks=row_benchmarks(row, columns, vocab),
            commentary=" ".join(filter(None, [commentary, f"Actions: {actions}" if actions else ""])) or None,
        )
        if category or row.heading:
            shared["section"] = category or row.heading
        if informational:
            shared["kind"] = "activity"

        groups = period_groups(columns)
        plain = [c for c in columns if c.period is None]
        if shared["polarity"] is None:
            # a measure's direction does not change between quarters: any quarter that shows it decides
            for group in [*groups.values(), plain]:
                target = parse_value(row.cell(first(group, "target"))).value
                intervention = parse_value(row.cell(first(group, "intervention"))).value
                shared["polarity"] = _infer_polarity(target, intervention)
                if shared["polarity"]:
                    break
        records: list[KPIRecord] = []
        latest_record: KPIRecord | None = None
        if groups:
            keys = list(groups)
            # the undated target, status and commentary belong to the latest period that has a figure
            with_value = [k for k in keys if parse_value(row.cell(first(groups[k], "value"))).value is not None]
            # with no figure at all, the latest period that has a column for one (not a later
            # year's target alone)
            latest_key = with_value[-1] if with_value else (
                [k for k in keys if first(groups[k], "value")] or keys)[-1]
            # a comparator's figure for a period the row has a figure of its own for goes with that
            # period's record ("2021/22 England Average" with the 2021/22 outturn); the rest, lagged
            # or undated, go with the latest
            earlier_own = {id(c) for k in with_value if k != latest_key for c in groups[k]}
            closing = _closing_quarter(groups, latest_key)
            for key in keys:
                latest = key == latest_key
                own = groups[key]
                group = own + ([c for c in plain if not first(own, c.role or "")] if latest else [])
                if key == closing:
                    # the year's target stands against its last quarter too, which ends with it
                    group += [c for c in plain if c.role == "target" and not first(own, "target")]
                group_rag = None if informational else status_of(row, own, vocab) or (rag if latest else None)
                benchmarks = row_benchmarks(row, [c for c in columns if id(c) not in earlier_own], vocab) \
                    if latest else row_benchmarks(row, own, vocab) if key in with_value else []
                record = self._record_for(row, group, own[0].period, unit, dict(shared, benchmarks=benchmarks),
                                          group_rag, commentary, block, context, source_text, latest)
                if record is not None:
                    records.append(record)
                    latest_record = record if latest else latest_record
            if latest_record is not None:
                latest_record.next_target = _next_target(row, groups, latest_key)
        else:
            latest_record = self._record_for(row, plain, None, unit, shared, rag, commentary, block, context,
                                             source_text, True)
            records.extend([latest_record] if latest_record is not None else [])
        if latest_record is not None:
            _set_direction(latest_record, records, row, columns, context)
        return records

    def _record_for(self, row: Row, group: list[Column], period: Period | None, unit: str | None,
                    shared: dict[str, object], rag: str | None, commentary: str, block: Block,
                    context: DocumentContext, source_text: str, latest: bool) -> KPIRecord | None:
        def cell_value(role: str) -> tuple[Value, Column | None]:
            column = first(group, role)
            return parse_value(row.cell(column)), column

        value, value_col = cell_value("value")
        value = as_figure(value)
        target, target_col = cell_value("target")
        if value.unit and target.unit and (value.unit == "%") != (target.unit == "%"):
            target = Value(None, None, "")  # "7 working days" beside "97.5%": the standard the share is counted against
        target_range = parse_range(row.cell(target_col)) if target_col is not None else None
        value = _percent_beside_count(value, row.cell(value_col), target, unit)
        # a Period column, which may stand after a Frequency column ("Quarterly") of the same role
        cell_period = _period_in_cell(row.cell(value_col)) or next(
            (found for c in group if c.role == "period" and (found := _period_in_cell(row.cell(c)))), None)
        if cell_period is not None:
            period = cell_period  # "69 (Sep-24)", or a Period column: the row says when its figure is for
        intervention, _ = cell_value("intervention")
        previous, previous_col = cell_value("previous")
        if not latest and not row.cell(value_col).strip() and target.value is None and not target_range \
                and intervention.value is None:
            return None  # a period with nothing in it: "Q4" not reported yet, no target set for it
        confidence = 0.9 if value.value is not None else 0.5
        if value_col is not None and value.value is not None and commentary:
            left = row.cell(next((c for c in group if c.index == value_col.index - 1), None)) or (
                row.cells[value_col.index - 1] if value_col.index > 0 else "")
            repaired = repair_split_value(value, left, commentary)
            if repaired is not None:
                value = repaired
                confidence = 0.7
        if value_col is None:
            return None  # a target with no column of figures beside it ("Target 2024/25" alone) is no record
        value_unit = value.unit if value.unit in MEASURED_UNITS else None
        record_unit = value_unit or unit or ("count" if value.value is not None and value.value.is_integer()
                                             and not unit else None)
        if period is None and latest:
            period = period_of_value(commentary, value.text.split("|")[-1].strip()) if value.value is not None \
                else None
            if period is None:
                period = context.section(block).period or context.period
        if period is not None:
            # "Rolling 12 months" in a Frequency column, "YTD" in the figure's header: the figure
            # covers more than the month or quarter printed beside it
            span_words = " ".join([value_col.header, *(row.cell(c) for c in group if c.role == "period")])
            period = spanned(complete(period, block, context), span_words)
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
        if fields.get("kind") == "activity" and (target.value is not None or target_range):
            fields.pop("kind")  # "Data only" beside a target: the paper judges it after all
        if previous.value is not None and previous_col is not None:
            span = context.vocab.previous_spans.label(previous_col.header)
            fields["previous"] = PreviousValue(
                value=previous.value, text=previous.text,
                period=previous_col.period_key or (earlier(period, span) if period and span else None))
        if not latest:
            fields["commentary"] = None
        return self.record(block, context, page=row.page, source_text=source_text, confidence=confidence,
                           **fields)


def _closing_quarter(groups: dict[str, list[Column]], latest_key: str) -> str | None:
    """Beside a financial year's figure ("Q1 | Q2 | Q3 | Q4 | Yr end total"), the column of its
    fourth quarter, which ends when the year does."""
    year = groups[latest_key][0].period
    if year is None or year.kind != "financial_year" or year.end is None:
        return None
    for key, columns in groups.items():
        period = columns[0].period
        if key != latest_key and period is not None and period.kind == "quarter" and period.quarter == 4 and (
                period.end is None or period.end == year.end):
            return key
    return None


def _next_target(row: Row, groups: dict[str, list[Column]], latest_key: str) -> NextTarget | None:
    """Next year's target, printed beside this year's figure: kept apart so the figure is not
    judged against it."""
    for column in later_targets(groups, latest_key):
        target = parse_value(row.cell(column))
        if target.value is not None:
            return NextTarget(value=target.value, period=column.period_key, text=target.text)
    return None


class WideScorecardLayout(ScorecardLayout):
    name = "wide-scorecard"
    wide = True
