"""The contract every layout keeps: recognise a block, turn it into KPI records.

Like camelot's flavours, each layout is one module with one class over this base, and
`registry.LAYOUTS` maps its name to it. A layout never reads files: it sees Blocks and the
DocumentContext, so it works the same on text and PDF input.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, ClassVar

from ..models import KPIRecord
from ..readers.document import Block
from .context import DocumentContext


class Layout(ABC):
    name: ClassVar[str]
    handles: ClassVar[tuple[str, ...]]
    """Block kinds the layout reads: ("table",) or ("paragraph",)."""
    reads: ClassVar[str] = "prose"
    """What one record stands for: "rows" (a table's row per KPI), "cards" (a card per KPI) or
    "prose" (a passage that may repeat a figure read elsewhere). Merging folds prose into rows
    and cards, and a card into the row of the same KPI; two rows, or two cards, stay apart."""

    @abstractmethod
    def detect(self, block: Block, context: DocumentContext) -> float:
        """How sure (0-1) the layout is that it can read this block. 0 means not its kind."""

    @abstractmethod
    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        """Records from the block; every one carries provenance and an indicator."""

    def record(self, block: Block, context: DocumentContext, *, source_text: str, confidence: float,
               **fields: Any) -> KPIRecord:
        """A record stamped with this layout's provenance and the block's section."""
        section = context.section(block)
        _polarity_from_name(fields, context)
        if isinstance(fields.get("indicator"), str):
            fields["indicator"] = as_heading(fields["indicator"])
        page = fields.pop("page", None)
        if page is None and block.page_starts:
            page = _page_of(block, source_text, fields.get("value_text"))
        fields.setdefault("section", section.title)
        if fields.get("rag") is None and fields.get("kind") != "activity":
            fields["rag"] = section.rag  # a measure reported for information is not rated
        page = page if page is not None else block.page
        if "kind" not in fields:
            # under "Activity indicators" (or "Contextual measures"...), a figure with no target and
            # no rating is reported for information
            judged = any(fields.get(name) is not None for name in ("target", "target_range", "intervention", "rag"))
            titled = section.title is not None and context.vocab.activity.find(section.title) is not None
            fields["kind"] = "activity" if titled and not judged else "kpi"
        return KPIRecord(
            layout=self.name,
            source_file=context.source_file,
            page=page,
            page_label=context.page_labels.get(page),
            source_text=source_text,
            confidence=round(max(0.0, min(1.0, confidence)), 2),
            **fields,
        )


# a plain lower-case first word: "percentage", "number"; not "eBay", "mRNA" or "x-ray"
_LOWER_WORD = re.compile(r"[a-z]+(?=[\s,:;()/]|$)")


def as_heading(name: str) -> str:
    """A name lifted from inside a sentence ("the percentage of ... was 80%"), capitalised as a
    spreadsheet's row would be, so that it sorts and reads like the names taken from tables."""
    if _LOWER_WORD.match(name):
        return name[0].upper() + name[1:]
    return name


# a polarity note printed after an indicator's name: "Reports about missed bins (Minimise)"
_BRACKET_TAIL = re.compile(r"\s*\(([^()]{3,30})\)\s*$")
# one-word notes that are as likely part of the name ("(high)" need, "(increase)" in ...) say nothing
_TOO_SHORT = frozenset({"high", "low", "higher", "lower", "increase", "decrease", "up", "down"})


def _polarity_from_name(fields: dict[str, Any], context: DocumentContext) -> None:
    """Take a polarity note off the end of the indicator's name and make it the polarity."""
    name = fields.get("indicator")
    if not isinstance(name, str):
        return
    tail = _BRACKET_TAIL.search(name)
    if tail is None or tail.group(1).strip().lower() in _TOO_SHORT:
        return
    polarity = context.vocab.polarity.exact(tail.group(1))
    if polarity is None:
        return
    fields["indicator"] = name[:tail.start()].rstrip()
    if fields.get("polarity") is None:
        fields["polarity"] = polarity


def _page_of(block: Block, source_text: str, value_text: str | None) -> int:
    """The page a paragraph's figure is printed on, when the paragraph runs over a page break."""
    start = block.text.find(source_text)
    if start < 0:
        return block.page
    at = source_text.find(value_text) if value_text else -1
    return block.page_at(start + max(at, 0))
