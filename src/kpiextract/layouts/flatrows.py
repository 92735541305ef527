"""A performance table flattened into one run of text: the header's columns, then each row as
its code, its name and one cell per column, then the row's note.

Performance systems print their indicator tables with a header such as "Code & Name Target
2016/17 2017/18 Q1 2017/18 ... Q1 2018/19 Latest Note Status", and a paper's text layer (or a
copy of it on the web) often keeps no line breaks at all:

    Cat Code & Name Target 2016/17 2017/18 Q1 2017/18 Q2 2017/18 Latest Note Status
    Value Value Value Value Local CE069 Cost of outsourced Print Room work as a % of Print Room
    expenditure 20% 40% 23.57% 24.4% 13.7% The amount spent in quarter 2 ...

A row is read only when exactly one cell stands in each of the header's columns, in order, after
its name; the last column is the latest figure and the record's value. A row whose cells do not
fill the columns (merged cells: "Measured annually") is left alone rather than misread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import KPIRecord, PreviousValue
from ..parsing.numbers import find_values
from ..parsing.periods import parse_period
from ..readers.document import Block
from .base import Layout
from .context import DocumentContext
from .timing import period_fields

# the header: the code-and-name column, the figure columns, then the note and status columns
HEADER = re.compile(
    r"\b(?:PI\s+)?Code\s*(?:&|and)\s*(?:Short\s+)?(?:Name|Title|Description)\s+(?P<columns>.{6,400}?)\s+"
    r"(?:Latest\s+)?(?:Note|Notes|Comments?|Commentary)\b(?:\s+(?:Status|Trend|RAG))*(?:\s+Value\b)*",
    re.IGNORECASE,
)
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
COLUMN = re.compile(
    rf"(?P<target>Target)|(?P<period>Q[1-4]\s+(?:19|20)\d\d/\d\d|(?:19|20)\d\d/\d\d|{MONTH}\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)
# a row opens with its code: "FICT056", "CE069", "HSN1", "SW-04"; the word before it may be the row's category
CODE = re.compile(r"(?<![\w/])(?P<code>[A-Z]{2,6}[-/]?\d{1,4}[a-z]?)(?=\s+[A-Z][a-z])")
CELL = re.compile(r"-?[\d,]*\.?\d+%?|N/A|n/a|-|Data_only|TBC|Measured_\w+", re.IGNORECASE)
MERGED_WORDS = re.compile(r"\b(Data|Measured)\s+(only|annually|biennially|quarterly|monthly)\b", re.IGNORECASE)
MAX_NAME_WORDS = 30


@dataclass(frozen=True)
class Column:
    label: str
    is_target: bool


def header_columns(text: str) -> tuple[list[Column], int] | None:
    """The figure columns a flattened header names, and where the rows start; None unless the header
    is made of nothing but a target and at least three periods."""
    header = HEADER.search(text)
    if header is None:
        return None
    spans = header.group("columns")
    columns: list[Column] = []
    covered = 0
    for match in COLUMN.finditer(spans):
        if spans[covered:match.start()].strip():
            return None  # a word that is no column: not a header of figures
        columns.append(Column(match.group(0), match.group("target") is not None))
        covered = match.end()
    if spans[covered:].strip() or sum(not c.is_target for c in columns) < 3:
        return None
    return columns, header.end()


def _cells(tokens: list[str], count: int) -> int | None:
    """Where `count` cells in a row begin among the tokens after a code: the first run of that many."""
    for start in range(0, min(len(tokens) - count, MAX_NAME_WORDS) + 1):
        if start >= 2 and all(CELL.fullmatch(t) for t in tokens[start:start + count]) \
                and not CELL.fullmatch(tokens[start - 1]):
            return start
    return None


def _number(cell: str) -> tuple[float | None, str | None]:
    values = [v for v in find_values(cell) if v.value is not None]
    if not values:
        return None, None
    return values[0].value, "%" if cell.endswith("%") else None


class FlatRowsLayout(Layout):
    name = "flat-rows"
    handles = ("paragraph",)
    reads = "rows"

    def detect(self, block: Block, context: DocumentContext) -> float:
        return 0.9 if header_columns(block.text) is not None else 0.0

    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        found = header_columns(block.text)
        if found is None:
            return []
        columns, start = found
        body = MERGED_WORDS.sub(r"\1_\2", block.text[start:])
        records: list[KPIRecord] = []
        for code in CODE.finditer(body):
            tokens = body[code.end():].split()
            at = _cells(tokens, len(columns))
            if at is None:
                continue
            name = " ".join(tokens[:at])
            if not re.search(r"[a-z]{3}", name) or CODE.search(name):
                continue  # another row's code inside: the cells belong to that row
            cells = dict(zip(columns, tokens[at:at + len(columns)], strict=True))
            record = self._record(block, context, code.group("code"), name, cells)
            if record is not None:
                records.append(record)
        return records

    def _record(self, block: Block, context: DocumentContext, code: str, name: str,
                cells: dict[Column, str]) -> KPIRecord | None:
        periods = [c for c in cells if not c.is_target]
        latest = periods[-1]
        value, unit = _number(cells[latest])
        if value is None:
            return None  # nothing reported for the latest period yet
        target_cell = next((cells[c] for c in cells if c.is_target), None)
        target, _ = _number(target_cell) if target_cell else (None, None)
        earlier = next(((c, cells[c]) for c in reversed(periods[:-1]) if _number(cells[c])[0] is not None), None)
        previous = PreviousValue(value=_number(earlier[1])[0], text=earlier[1], period=earlier[0].label) \
            if earlier is not None else None
        period = parse_period(latest.label)
        source = f"{code} {name} " + " ".join(cells.values())
        return self.record(
            block, context, source_text=source, confidence=0.75, indicator=name, code=code,
            **period_fields(period), value=value, value_text=cells[latest], unit=unit,
            target=target, target_text=target_cell if target is not None else None,
            previous=previous,
        )
