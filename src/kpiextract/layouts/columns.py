"""Read a table's header row: what each column holds, and for which period.

A header cell is an optional period plus role words: "Q1 Target 2023/24" is (target, Q1 2023/24),
"2013/14 Outturn" is (value, 2013/14), a bare "Q2 2014/15" is a value for Q2, "England" is a
benchmark named England, and the paper's own council ("Irwell Vale 2023/24", "Council") is its
value for that period. The vocabulary is patterns/headers.toml and patterns/comparators.toml.

A table whose header names no indicator column ("Outcome | Baseline | Current", "Crime type |
Wessex Vale | MSG average") has one all the same: the column of words beside the figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..parsing.benchmarks import names_own_council
from ..parsing.numbers import is_number_cell
from ..parsing.periods import Period, find_periods, months_quarter, parse_period, short_year
from ..readers.drawn import without_drawn
from ..vocab import Vocabulary, normalise

# roles that say "this column holds a number for the KPI"
NUMERIC_ROLES = ("value", "target", "intervention", "previous", "benchmark")
# roles whose column header may name the period they are for ("Q3 RAG", "Q1 Target 2023/24")
GROUPED_ROLES = (*NUMERIC_ROLES, "status")


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str | None
    period: Period | None = None
    name: str | None = None
    """For a benchmark column, the comparator it holds ("England")."""

    @property
    def period_key(self) -> str | None:
        return self.period.text if self.period else None


def read_column(index: int, header: str, vocab: Vocabulary, own_names: Sequence[str] = ()) -> Column:
    text = header.strip()
    period = parse_period(text) or months_quarter(text) or _month_alone(text)
    rest = "" if period is not None and period.text == text else text
    for found in find_periods(rest):
        rest = rest.replace(found.text, " ")
    if period is None and (year := short_year(text)) is not None:
        # "Outturn 22/23": a short year beside nothing but a role's words
        without = text.replace(year.text, " ")
        if not normalise(without) or vocab.headers.exact(without):
            period, rest = year, without
    role_match = vocab.headers.find(rest)
    role = role_match[0] if role_match else vocab.whole_headers.exact(rest)
    if role == "unit" and vocab.headers.exact(rest) != "unit":
        role = None  # "Business unit" names a team, not what the figures are measured in
    if role in (None, "value") and normalise(rest) and names_own_council(rest, own_names):
        # "Irwell Vale 2023/24" beside "England 2023/24": the council's own figure for the period
        return Column(index, text, "value", period)
    comparator = vocab.comparators.label(rest, min_length=2)
    if comparator and role in (None, "value", "benchmark"):
        # a column named after a comparator holds that comparator's figures
        return Column(index, text, "benchmark", period, comparator)
    if role is None and period is not None and not normalise(rest).strip():
        role = "value"  # a column named only by its period holds that period's values
    return Column(index, text, role, period)


def _month_alone(text: str) -> Period | None:
    """A column header that is a month's name alone ("Apr", "September"): that month, placed in
    its year later like "Q1". Only a whole header, since in prose "May" is mostly a verb."""
    found = parse_period(f"in {text.strip()}")
    return found if found is not None and found.kind == "month" and found.text == text.strip() else None


CellReads = dict[tuple[int, str], Column]
"""Header cells already read, by position and text, for one vocabulary and one set of own names."""


def read_header(row: list[str], vocab: Vocabulary, own_names: Sequence[str] = (),
                cells: CellReads | None = None) -> list[Column]:
    if cells is None:
        return [read_column(i, cell, vocab, own_names) for i, cell in enumerate(row)]
    columns = []
    for index, text in enumerate(row):
        column = cells.get((index, text))
        if column is None:
            column = cells[(index, text)] = read_column(index, text, vocab, own_names)
        columns.append(column)
    return columns


def header_score(columns: list[Column]) -> float:
    """How much a row looks like a KPI table header: an indicator column plus numeric columns."""
    roles = [c.role for c in columns if c.role]
    if not roles or "indicator" not in roles:
        return 0.0
    known = len(roles) / max(1, len([c for c in columns if c.header]))
    numeric = sum(1 for r in roles if r in NUMERIC_ROLES)
    return min(1.0, 0.4 + 0.15 * numeric + 0.3 * known)


def find_header(rows: list[list[str]], vocab: Vocabulary, look: int = 3, own_names: Sequence[str] = (),
                cells: CellReads | None = None) -> tuple[int, list[Column]] | None:
    """The header row among the first few rows of a table, if any reads as one. `cells` keeps
    the cells read, for the next table asked about with the same vocabulary and own names."""
    best: tuple[float, int, list[Column]] | None = None
    # a title block inside the table (a spreadsheet printed with its gridlines, or copied whole):
    # rows of one cell, which no header is, do not count among the rows looked at
    first = next((i for i, row in enumerate(rows) if sum(1 for cell in row if cell.strip()) > 1), len(rows))
    for index in range(first, min(len(rows), first + look)):
        row = rows[index]
        below = rows[index + 1:index + 12]
        above = rows[index - 1] if index > first else []
        spanned = False
        if above:
            merged, above = stacked(row, above, vocab)
            spanned, row = merged != row, merged  # cells spanning both rows make this row the header
        columns = read_header(row, vocab, own_names, cells)
        if above:
            with_periods = periods_above(columns, above)
            spanned, columns = spanned or with_periods != columns, with_periods
        columns = infer_indicator(columns, below)
        score = header_score(columns)
        # roles under a row of periods outrank the periods' row read as a header by itself
        if score and (best is None or score > best[0] or (spanned and score >= best[0])):
            best = (score, index, columns)
    if best is None:
        return None
    below = rows[best[1] + 1:best[1] + 12]
    columns = words_as_status(periods_in_cells(settle_indicator(best[2], below), below), below, vocab)
    return best[1], gap_as_value(unnamed_as_value(columns, below))


def stacked(row: list[str], above: list[str], vocab: Vocabulary) -> tuple[list[str], list[str]]:
    """A header in two rows whose first row names a column the second leaves blank ("Indicator |
    2023/24 | | 2024/25 | " over " | Actual | Target | Actual | Target"): the cell spans both
    rows, so it is the column's header, and the row above keeps only the periods set over groups.
    A word over a group of comparators ("Comparators" over "England | CIPFA neighbours") only
    groups them, and is dropped. Only when the rest of the row above is periods; else the rows
    are left as they are."""
    if len(above) != len(row) or sum(1 for cell in row if cell.strip()) < 2:
        return row, above
    moved = [i for i, cell in enumerate(above) if cell.strip() and not row[i].strip()
             and normalise(_without_periods(cell))]
    grouping = [i for i, cell in enumerate(above) if cell.strip() and row[i].strip() and i not in moved
                and vocab.headers.exact(cell) == "benchmark"]
    rest = [cell for i, cell in enumerate(above) if cell.strip() and i not in moved and i not in grouping]
    if not (rest or moved) or any(parse_period(cell) is None or normalise(_without_periods(cell)) for cell in rest):
        return row, above  # nothing spans both rows, or the row above has words of its own
    return ([above[i] if i in moved else cell for i, cell in enumerate(row)],
            ["" if i in moved or i in grouping else cell for i, cell in enumerate(above)])


def periods_above(columns: list[Column], above: list[str]) -> list[Column]:
    """A header in two rows: periods set over groups of role columns ("2023/24" over "Actual |
    Target", "2024/25 Q2" over "Actual | Target | Status"). A group starts where a role comes
    round again; each group takes the one period printed over it (a spanning cell may stand over
    any of its columns). Failing that, a period holds from its cell rightwards to the next."""
    marks = [(i, parse_period(cell)) for i, cell in enumerate(above) if cell.strip()]
    if not marks or any(period is None or normalise(_without_periods(above[i])) for i, period in marks):
        return columns  # the row above is not periods alone: a title, or a header of its own
    if any(c.period is not None for c in columns if c.role in GROUPED_ROLES):
        return columns
    groups: list[list[Column]] = []
    for column in columns:
        if column.role not in GROUPED_ROLES:
            continue
        if not groups or any(c.role == column.role for c in groups[-1]):
            groups.append([])
        groups[-1].append(column)
    periods: dict[int, Period] = {}
    if len(groups) == len(marks):
        for group, (_, period) in zip(groups, marks, strict=True):
            periods.update({c.index: period for c in group if period is not None})
    else:
        for index, period in marks:
            for column in columns:
                if column.index >= index and column.role in GROUPED_ROLES and period is not None:
                    periods[column.index] = period
    return [Column(c.index, c.header, c.role, periods[c.index], c.name) if c.index in periods else c
            for c in columns]


def _without_periods(text: str) -> str:
    for found in find_periods(text):
        text = text.replace(found.text, " ")
    return text


def words_as_status(columns: list[Column], rows: list[list[str]], vocab: Vocabulary) -> list[Column]:
    """A column the header calls a figure ("Achieved?", "Performance") whose cells are status
    words ("Achieved", "Not met", "On track") is the status column."""
    if any(c.role == "status" for c in columns):
        return columns
    settled = []
    for column in columns:
        cells = _cells(column, rows)
        if column.role == "value" and column.period is None and cells and \
                all(vocab.rag.exact(cell.strip()) or cell.strip() in vocab.rag_symbols for cell in cells):
            column = Column(column.index, column.header, "status", None, column.name)
        settled.append(column)
    return settled


def periods_in_cells(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    """A column whose every cell is a dated period ("Nov-24", "October 2024") says when each row's
    figure is for, whatever its header calls it ("Latest month", "Month")."""
    settled = []
    for column in columns:
        cells = _cells(column, rows)
        if column.role in (None, "value", "period") and column.period is None and cells and all(
                (period := parse_period(cell.strip())) is not None and period.start is not None
                and period.text == cell.strip() for cell in cells):
            column = Column(column.index, column.header, "period", None, column.name)
        settled.append(column)
    return settled


def _cells(column: Column, rows: list[list[str]]) -> list[str]:
    return [without_drawn(row[column.index]) for row in rows if column.index < len(row) and row[column.index].strip()]


def _mostly_figures(column: Column, rows: list[list[str]]) -> bool:
    cells = _cells(column, rows)
    figures = sum(1 for cell in cells if is_number_cell(cell))
    return bool(cells) and figures * 2 >= len(cells)


def infer_indicator(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    """A header with no indicator word ("Outcome | Baseline | Current", "Crime type | Wessex Vale |
    MSG average"): the first column of words, when columns the header names hold figures, is the
    indicator column. Any column the header gives a role, a period or a comparator is not."""
    if not rows or any(c.role == "indicator" for c in columns):
        return columns
    if not any(c.role in NUMERIC_ROLES and _mostly_figures(c, rows) for c in columns):
        return columns
    for column in columns:
        if column.role is not None or column.period is not None:
            continue
        if _letters(column, rows) >= 6 and not _mostly_figures(column, rows):
            named = Column(column.index, column.header, "indicator", None, None)
            return [named if c is column else c for c in columns]
        break  # only the first unnamed column: a later one is a note or a commentary
    return columns


def unnamed_as_value(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    """Beside comparator or target columns, with no value column named: the one column of figures
    the header gives no role, for each period, is the council's own ("Wessex Vale | MSG average |
    England and Wales", where the paper's name for itself was not recognised)."""
    if any(c.role == "value" for c in columns) or not any(c.role in ("benchmark", "target") for c in columns):
        return columns
    unnamed = [c for c in columns if c.role is None and c.header.strip() and _mostly_figures(c, rows)]
    by_period: dict[str | None, list[Column]] = {}
    for column in unnamed:
        by_period.setdefault(column.period_key, []).append(column)
    if not unnamed or any(len(group) > 1 for group in by_period.values()):
        return columns  # "Disadvantaged | Other pupils": two unnamed figures, neither is plainly the value
    chosen = {c.index for c in unnamed}
    return [Column(c.index, c.header, "value", c.period) if c.index in chosen else c for c in columns]


def gap_as_value(columns: list[Column]) -> list[Column]:
    """In a table of gaps ("Disadvantaged | Other pupils | Gap 2023 | Gap 2022"), with no other
    value column, the gap is the figure reported; beside a value column it is only a difference."""
    if any(c.role == "value" for c in columns) or not any(c.role == "gap" for c in columns):
        return columns
    return [Column(c.index, c.header, "value", c.period, c.name) if c.role == "gap" else c for c in columns]


def _letters(column: Column, rows: list[list[str]]) -> float:
    cells = [row[column.index] for row in rows if column.index < len(row) and row[column.index].strip()]
    return sum(len(re.findall(r"[A-Za-z]", cell)) for cell in cells) / max(1, len(cells))


def settle_indicator(columns: list[Column], rows: list[list[str]]) -> list[Column]:
    """With two would-be indicator columns ("KPI | Indicator"), the one holding words is the
    indicator; one holding numbers or short codes ("1", "FR04") is the code."""
    candidates = [c for c in columns if c.role == "indicator"]
    if len(candidates) < 2 or not rows:
        return columns
    chosen = max(candidates, key=lambda c: _letters(c, rows))
    settled = []
    for column in columns:
        if column.role == "indicator" and column is not chosen:
            role = "code" if _letters(column, rows) < 6 else None
            column = Column(column.index, column.header, role, column.period, column.name)
        settled.append(column)
    return settled


def _contains(outer: Period, inner: Period) -> bool:
    if outer.start is None and outer.kind == inner.kind == "quarter" and outer.quarter == inner.quarter:
        return True  # "Q2 Target" beside "Q2 2024/25": the quarter the header dates elsewhere
    if outer.start is None or outer.end is None:
        return False
    if inner.start is None:
        return outer.kind in ("financial_year", "academic_year", "year", "years")  # "Target 2023/24" over "Q2"
    return outer.start <= inner.start <= outer.end


def _next_period(later: Period, valued: list[Period | None]) -> bool:
    """A whole later period, as long as the latest one with figures or longer ("2018/19" after
    "2017/18", "2024/25" after "Q2 2023/24"), rather than a date that period runs up to."""
    latest = max((p for p in valued if p is not None and p.start is not None and p.end is not None),
                 key=lambda p: p.end or date.min, default=None)
    if latest is None or latest.start is None or latest.end is None or later.start is None or later.end is None:
        return False
    return (later.end - later.start) >= (latest.end - latest.start)


def _group_period(columns: list[Column]) -> Period | None:
    return columns[0].period


def later_targets(groups: dict[str, list[Column]], latest_key: str) -> list[Column]:
    """The target columns of periods after the latest figure's that hold no figures of their own
    ("2018/19 target" beside "2017/18 value", left unfolded by `period_groups`), nearest first."""
    keys = list(groups)
    latest = _group_period(groups[latest_key])
    if latest is None or latest.end is None:
        return []
    found: list[Column] = []
    for key in keys[keys.index(latest_key) + 1:]:
        period = _group_period(groups[key])
        if any(c.role == "value" for c in groups[key]) or period is None or period.start is None \
                or period.start <= latest.end:
            continue
        found.extend(c for c in groups[key] if c.role == "target")
    return found


def period_groups(columns: list[Column], fold: bool = True) -> dict[str, list[Column]]:
    """Columns named by a period, grouped by that period and ordered oldest first.

    With `fold`, a period's columns that hold no value of their own ("Target 2023/24" beside
    "2023/24 Q2") join the latest period inside it that does: a year's target is read with the
    figure for that year.
    """
    groups: dict[str, list[Column]] = {}
    for column in columns:
        if column.role in GROUPED_ROLES and column.period is not None and column.period_key:
            groups.setdefault(column.period_key, []).append(column)

    def has_value(cols: list[Column]) -> bool:
        return any(c.role == "value" for c in cols)

    if fold:
        for key in list(groups):
            outer = _group_period(groups[key])
            if has_value(groups[key]) or outer is None:
                continue
            valued = [k for k, cols in groups.items() if k != key and has_value(cols)]
            inside = [k for k in valued if (inner := _group_period(groups[k])) is not None and _contains(outer, inner)]
            # "Target (Aug 2024)" after "Autumn term | Spring term": a target for the year's end
            later = bool(valued) and outer.start is not None and all(
                (p := _group_period(groups[k])) is not None and p.end is not None and p.end <= outer.start
                for k in valued)
            if later and _next_period(outer, [_group_period(groups[k]) for k in valued]):
                continue  # "2018/19 target" beside "2017/18 value": next year's target, not this one's
            if inside:
                groups[inside[-1]].extend(groups.pop(key))
            elif later:
                groups[valued[-1]].extend(groups.pop(key))
    ends = [period.end for cols in groups.values() if (period := _group_period(cols)) is not None]
    if len(ends) == len(groups) and all(end is not None for end in ends):
        # a table may list its target year before the outturns, or a year-to-date column before
        # the months it sums: which is latest is a matter of when each period ends
        order = {key: end for key, end in zip(groups, ends, strict=True)}
        groups = dict(sorted(groups.items(), key=lambda item: order[item[0]] or date.min))
    return groups
