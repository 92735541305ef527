"""What a layout knows beyond its own block: the paper's date and period, and the section it sits in.

Sections matter because papers state RAG and period once, in a heading ("Red indicators",
"Areas for Development", "Quarter 2"), and mean it for everything beneath.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..parsing.charts import is_axis_text
from ..parsing.periods import Period, find_periods, parse_period
from ..parsing.statements import council_names
from ..readers.document import Block, Document
from ..vocab import Vocabulary

# a heading that opens a new top-level section ("4. Recommendations", "## B. Regional Context")
STRUCTURAL = re.compile(r"^(?:\d{1,2}|[A-Z])[.)]\s+\S")
LEGEND = re.compile(r"^\s*key\b", re.IGNORECASE)
# "Latest: 45%  Target: 50% (Amber)" is a KPI's figures set short, not a section heading
FIGURES = re.compile(r"\w\s*[:=]\s*[-−£]?\d")
# headings that only announce what the figures are for ("Please note these figures relate to ...")
PERIOD_NOTE = re.compile(r"\b(?:figures?|data|performance|period|relat\w*|reported)\b", re.IGNORECASE)


@dataclass
class Section:
    """The headings in force at a block: its title, RAG status and period, if the headings give them."""

    title: str | None = None
    rag: str | None = None
    period: Period | None = None


@dataclass
class DocumentContext:
    source_file: str
    vocab: Vocabulary
    date: date | None = None
    """The paper's own date (meeting or generation date), to place yearless quarters."""
    period: Period | None = None
    """The period the whole paper reports on, when it says so up front."""
    sections: dict[int, Section] = field(default_factory=dict)
    """Section of each block, keyed by id(block)."""
    council: str | None = None
    """The name the paper uses for its own council: 'X for Kent' is the council's own figure."""
    own_names: list[str] = field(default_factory=list)
    """Every name the paper uses for its own council (never a comparator of its own figures)."""
    blocks: list[Block] = field(default_factory=list)
    positions: dict[int, int] = field(default_factory=dict)
    """Index of each block (by id) in `blocks`, so a layout can look at its neighbours."""
    page_labels: dict[int, str] = field(default_factory=dict)
    """The number printed on each page, by page (the record's `page_label`)."""
    memo: dict[str, object] = field(default_factory=dict)
    """What a layout worked out about the whole paper once (the cards on its pages), by name."""

    def section(self, block: Block) -> Section:
        return self.sections.get(id(block), Section())

    def neighbour(self, block: Block, offset: int) -> Block | None:
        index = self.positions.get(id(block))
        if index is None or not 0 <= index + offset < len(self.blocks):
            return None
        return self.blocks[index + offset]


# one-word statuses that head a section by themselves; other single words ("missed", "met",
# "achieved") are as likely to be part of an indicator's name ("Missed bin collections")
HEADING_WORDS = {"red", "amber", "green", "successes", "strengths", "achievements", "highlights", "exceptions"}
# words a heading may hold beside a one-word status and still be only a status heading:
# "Green indicators", "Indicators rated red", "Red: measures off track"
STATUS_FILLER = {
    "indicators", "indicator", "measures", "measure", "kpis", "kpi", "pis", "pi", "performance", "rated",
    "rating", "ratings", "status", "rag", "are", "is", "the", "our", "key", "areas", "area", "and", "of", "with",
    "targets", "summary", "overview",
}


def heading_rag(text: str, vocab: Vocabulary) -> str | None:
    """The RAG status a heading (or a subheading row in a table) sets for what follows it.

    A status phrase ("Areas for development", "Off target") sets it wherever it stands. A single
    status word only when the heading is that status ("Green indicators", "Red") or ends on it
    as a label ("Education Successes", "Portfolio RED"): "Clean, green and safe places" names a
    priority, not a rating."""
    found = vocab.rag.find(text, min_length=3)  # single letters (R/A/G) mean a status only in a cell
    if found is None:
        return None
    label, match = found
    alias = match.group(0)
    if len(alias.split()) >= 2:
        return label
    if alias not in HEADING_WORDS:
        return None
    norm = match.string
    others = (norm[:match.start()] + " " + norm[match.end():]).split()
    if all(word in STATUS_FILLER or word.isdigit() for word in others):
        return label
    last = re.findall(r"[A-Za-z]+", text)
    at_end = match.end() == len(norm.rstrip()) and bool(last) and last[-1][0].isupper()
    return label if at_end else None


def _paper_date(document: Document) -> date | None:
    """The first full date near the start of the paper (meeting date, 'Generated on')."""
    for block in document.blocks()[:40]:
        texts = [block.text] if not block.is_table else [" ".join(row) for row in block.rows[:15]]
        for text in texts:
            for period in find_periods(text):
                if period.kind == "date" and period.start:
                    return period.start
    return None


def _paper_period(document: Document) -> Period | None:
    """A period the opening of the paper says it covers ("for the period October - December 2023")."""
    for block in document.blocks()[:40]:
        texts = [block.text] if not block.is_table else [" ".join(row) for row in block.rows[:15]]
        for text in texts:
            if not re.search(r"\b(?:period|quarter|covers?|update for|performance for|as at)\b", text, re.I):
                continue
            periods = [p for p in find_periods(text) if p.start and p.kind in ("quarter", "range", "month")]
            if periods:
                return periods[0]
    return None


def _chart_text(text: str, vocab: Vocabulary) -> bool:
    """A chart's axis labels or the note under it ("No data for Dec-24"): no section, no period."""
    note = vocab.chart_notes.find(text)
    return is_axis_text(text) or (note is not None and note[1].start() == 0)


def build_context(document: Document, vocab: Vocabulary) -> DocumentContext:
    context = DocumentContext(source_file=document.source, vocab=vocab)
    context.date = _paper_date(document)
    context.period = _paper_period(document)
    context.blocks = document.blocks()
    context.positions = {id(block): index for index, block in enumerate(context.blocks)}
    context.page_labels = document.page_labels()
    all_text = "\n".join(b.text if not b.is_table else b.cell_text() for b in context.blocks)
    stem_word = re.split(r"[-_ .]", document.source)[0]
    names = council_names(all_text, stem_word)
    context.council = names[0] if names else None
    context.own_names = names[:1]
    current = Section()
    shared: Section | None = None  # one copy of `current` for all the blocks until the next heading
    for block in document.blocks():
        if block.kind == "heading" and not LEGEND.match(block.text) and not FIGURES.search(block.text) \
                and not _chart_text(block.text, vocab):
            text = block.text
            structural = bool(STRUCTURAL.match(text)) or 0 < block.level <= 2
            rag = heading_rag(text, vocab)
            # a short heading names its section's period; one that runs on into a second
            # sentence ("Jun-23. Good is: High") is a note's tail, not a heading
            run_on = re.search(r"[.;]\s+[A-Z]", text) is not None
            short = len(text.split()) <= 4
            period = parse_period(text) if (short or PERIOD_NOTE.search(text)) and not run_on else None
            if structural:
                current = Section(title=text, rag=rag, period=current.period)
            else:
                current = Section(
                    title=text if rag is None and period is None else current.title or text,
                    rag=rag if rag is not None else current.rag,
                    period=current.period,
                )
            # a lone date in a heading is when the paper was written, not what its figures are for
            # and a bare "Quarter 2" page label does not undo "these figures relate to the Summer
            # Term 2022-2023": a yearless period never replaces a dated one
            undated = current.period is None or current.period.start is None
            if period is not None and period.kind != "date" and (
                    period.start is not None or (period.kind in ("quarter", "term") and undated)):
                current.period = period
            shared = None
        if shared is None:
            shared = Section(current.title, current.rag, current.period)
        context.sections[id(block)] = shared
    return context
