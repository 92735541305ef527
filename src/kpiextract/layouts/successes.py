"""'KPIs | Comments' tables under "Successes" / "Areas for Development" headings.

The KPI cell opens with the council's code ("M711 Percentage of ..."); the figure sits in a
"Data:" cell or only in the comment's prose ("has not reached the target of 70%, however has
increased 5.8% since Quarter 1, reaching 55.1%"). The section heading gives the RAG status.
A KPI listed with no figure still gives a record (value null), so the analyst sees the gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import KPIRecord
from ..parsing.indicators import clean_name, split_code, unit_from_name
from ..parsing.numbers import Value, find_values, looks_like_year
from ..parsing.sentences import split_sentences
from ..readers.document import Block
from ..vocab import normalise
from .base import Layout
from .columns import NUMERIC_ROLES, Column
from .context import DocumentContext
from .headers import table_header
from .prose import MEASURED_UNITS, Mention, infer_polarity, read_prose
from .timing import complete, period_fields

DATA = re.compile(r"\bdata\s*:\s*", re.IGNORECASE)
STOP = {"of", "the", "in", "a", "an", "and", "or", "to", "for", "by", "on", "with", "which", "who", "that", "are",
        "is", "were", "was", "percentage", "percent", "number", "rate", "proportion", "within", "their", "its"}


@dataclass
class KpiRow:
    name_cell: str
    data: str
    comment: str
    page: int


def _header(block: Block, context: DocumentContext) -> tuple[int, list[Column]] | None:
    found = table_header(block, context, look=2, own_names=False)
    if found is None:
        return None
    roles = {c.role for c in found[1]}
    if "commentary" not in roles or roles & set(NUMERIC_ROLES):
        return None
    return found


def _rows(block: Block, header_index: int, columns: list[Column]) -> list[KpiRow]:
    """KPI rows with their 'Data:' rows and wrapped comment rows joined on."""
    name_col = next(c.index for c in columns if c.role == "indicator")
    comment_cols = [c.index for c in columns if c.role == "commentary"]
    pages = block.row_pages or [block.page] * len(block.rows)
    rows: list[KpiRow] = []
    for cells, page in zip(block.rows[header_index + 1:], pages[header_index + 1:], strict=False):
        first = cells[name_col].strip() if name_col < len(cells) else ""
        comment = " ".join(cells[i] for i in comment_cols if i < len(cells) and cells[i].strip())
        if first and not DATA.match(first):
            name, data = (DATA.split(first, maxsplit=1) + [""])[:2]
            rows.append(KpiRow(name_cell=name.strip(), data=data.strip(), comment=comment, page=page))
            continue
        if not rows:
            continue
        if DATA.match(first):
            rows[-1].data = f"{rows[-1].data} {DATA.sub('', first, count=1)}".strip()
        rows[-1].comment = f"{rows[-1].comment} {comment}".strip()
    return rows


def _stems(text: str) -> set[str]:
    return {w[:5] for w in normalise(text).split() if w not in STOP and len(w) > 1}


def _about(sentence: str, name: str) -> bool:
    """Does a sentence speak of this KPI: its words, its target, or which way is good?"""
    if re.search(r"\btarget\b|\(\s*(?:high|low)\s+is\s+good\s*\)", sentence, re.IGNORECASE):
        return True
    wanted = _stems(name)
    return bool(wanted) and len(wanted & _stems(sentence)) / len(wanted) >= 0.5


def _relevant(mention: Mention, name: str) -> bool:
    return any(_about(sentence, name) for sentence in mention.sentences)


def _data_value(data: str) -> Value | None:
    values = [v for v in find_values(data) if not looks_like_year(v) and v.value is not None]
    return values[0] if values else None


class SuccessesLayout(Layout):
    name = "successes-table"
    handles = ("table",)
    reads = "rows"

    def detect(self, block: Block, context: DocumentContext) -> float:
        return 0.8 if block.is_table and _header(block, context) is not None else 0.0

    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        found = _header(block, context)
        if found is None:
            return []
        return [self._record(row, block, context) for row in _rows(block, *found) if row.name_cell]

    def _record(self, row: KpiRow, block: Block, context: DocumentContext) -> KPIRecord:
        code, rest = split_code(row.name_cell)
        name, category = clean_name(rest)
        mentions = [m for m in read_prose(row.comment, context.vocab, context.council, lead=name)
                    if _relevant(m, name)]
        mention = next((m for m in mentions if m.value is not None), mentions[0] if mentions else Mention(name))
        data_value = _data_value(row.data)
        value = data_value or mention.value
        section = context.section(block)
        period = mention.period if mention.value is not None and value is mention.value else None
        period = period or section.period
        if period is not None:
            period = complete(period, block, context)
        targets = mention.target_fields()
        target = targets["target"]
        rag = mention.rag or section.rag
        number = value.value if value else None
        polarity = mention.polarity or infer_polarity(number, target if isinstance(target, float) else None, rag)
        unit = value.unit if value and value.unit in MEASURED_UNITS else None
        unit = unit or unit_from_name(name)
        sentences = [s.text for s in split_sentences(row.comment)]
        source = " | ".join(filter(None, [row.name_cell, f"Data: {row.data}" if row.data else "",
                                          " ".join(mention.sentences) or " ".join(sentences[-1:])]))
        confidence = 0.85 if value is not None and (target is not None or mention.benchmarks) else (
            0.7 if value is not None else 0.4)
        return self.record(
            block, context, page=row.page, source_text=source, confidence=confidence,
            indicator=name, code=code, section=category or section.title,
            **period_fields(period),
            value=number, value_text=value.text if value else None, unit=unit, **targets,
            benchmarks=mention.benchmarks, previous=mention.previous, polarity=polarity, rag=rag,
            commentary=row.comment or None,
        )
