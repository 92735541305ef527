"""Read a table's header row: what each column holds, and for which period.

A header cell is an optional period plus role words: "Q1 Target 2023/24" is (target, Q1 2023/24),
"2013/14 Outturn" is (value, 2013/14), a bare "Q2 2014/15" is a value for Q2, "England" is a
benchmark named England. The vocabulary is patterns/headers.toml and patterns/comparators.toml.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..parsing.periods import Period, find_periods, parse_period
from ..vocab import Vocabulary, normalise

# roles that say "this column holds a number for the KPI"
NUMERIC_ROLES = ("value", "target", "intervention", "previous", "benchmark")


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


def read_column(index: int, header: str, vocab: Vocabulary) -> Column:
    text = header.strip()
    period = parse_period(text)
    rest = text
    for found in find_periods(text):
        rest = rest.replace(found.text, " ")
    role_match = vocab.headers.find(rest)
    role = role_match[0] if role_match else None
    comparator = vocab.comparators.label(rest, min_length=2)
    if comparator and role in (None, "value", "benchmark"):
        # a column named after a comparator holds that comparator's figures
        return Column(index, text, "benchmark", period, comparator)
    if role is None and period is not None and not normalise(rest).strip():
        role = "value"  # a column named only by its period holds that period's values
    return Column(index, text, role, period)


def read_header(row: list[str], vocab: Vocabulary) -> list[Column]:
    return [read_column(i, cell, vocab) for i, cell in enumerate(row)]


def header_score(columns: list[Column]) -> float:
    """How much a row looks like a KPI table header: an indicator column plus numeric columns."""
    roles = [c.role for c in columns if c.role]
    if not roles or "indicator" not in roles:
        return 0.0
    known = len(roles) / max(1, len([c for c in columns if c.header]))
    numeric = sum(1 for r in roles if r in NUMERIC_ROLES)
    return min(1.0, 0.4 + 0.15 * numeric + 0.3 * known)


def find_header(rows: list[list[str]], vocab: Vocabulary, look: int = 3) -> tuple[int, list[Column]] | None:
    """The header row among the first few rows of a table, if any reads as one."""
    best: tuple[float, int, list[Column]] | None = None
    for index, row in enumerate(rows[:look]):
        columns = read_header(row, vocab)
        score = header_score(columns)
        if score and (best is None or score > best[0]):
            best = (score, index, columns)
    return (best[1], best[2]) if best else None


def period_groups(columns: list[Column]) -> dict[str, list[Column]]:
    """Numeric columns grouped by the period their header names, in column order."""
    groups: dict[str, list[Column]] = {}
    for column in columns:
        if column.role in NUMERIC_ROLES and column.period is not None and column.period_key:
            groups.setdefault(column.period_key, []).append(column)
    return groups
