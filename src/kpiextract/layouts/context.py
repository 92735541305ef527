"""What a layout knows beyond its own block: the paper's date and period, and the section it sits in.

Sections matter because papers state RAG and period once, in a heading ("Red indicators",
"Areas for Development", "Quarter 2"), and mean it for everything beneath.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from ..parsing.benchmarks import names_own_council
from ..parsing.charts import is_axis_text
from ..parsing.periods import Period, find_periods, parse_period
from ..parsing.statements import council_names
from ..parsing.subjects import names_a_measure
from ..readers.document import Block, Document
from ..vocab import Vocabulary, normalise

# a heading that opens a new top-level section ("4. Recommendations", "## B. Regional Context")
STRUCTURAL = re.compile(r"^(?:\d{1,2}|[A-Z])[.)]\s+\S")
SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z])[.)]?\s+(?=\S)")
LEGEND = re.compile(r"^\s*key\b", re.IGNORECASE)
# "Latest: 45%  Target: 50% (Amber)" is a KPI's figures set short, not a section heading
FIGURES = re.compile(r"\w\s*[:=]\s*[-−£]?\d")
# headings that only announce what the figures are for ("Please note these figures relate to ...")
PERIOD_NOTE = re.compile(r"\b(?:figures?|data|performance|period|relat\w*|reported)\b", re.IGNORECASE)
# ... unless the figures it dates are only set beside the section's for comparison ("Headline
# facts (2017/18 figures in brackets for comparison)"): the section's own are another period's
COMPARISON_NOTE = re.compile(r"\b(?:in\s+(?:brackets|parenthes[ie]s)|for\s+comparison)\b", re.IGNORECASE)


@dataclass
class Section:
    """The headings in force at a block: its title, RAG status and period, if the headings give them."""

    title: str | None = None
    rag: str | None = None
    period: Period | None = None
    measure: str | None = None
    """The last heading that is a KPI's full name, until a structural heading ends its section."""


@dataclass
class DocumentContext:
    """What the layouts know of the paper while its blocks go past, one page at a time.

    A block is known here by its place in the paper (its ordinal), not by its identity: a long
    paper's pages are decoded again on each reading (readers.document.PageStore), so a layout
    that reads the paper ahead (the cards) holds other objects for the same blocks. Facts about
    the whole paper are gathered by a pass of their own (`paper_blocks`); what the blocks of the
    pages being read need (their section, their neighbours) is carried forward as they come."""

    source_file: str
    vocab: Vocabulary
    date: date | None = None
    """The paper's own date (meeting or generation date), to place yearless quarters."""
    period: Period | None = None
    """The period the whole paper reports on, when it says so up front."""
    council: str | None = None
    """The name the paper uses for its own council: 'X for Kent' is the council's own figure."""
    own_names: list[str] = field(default_factory=list)
    """Every name the paper uses for its own council (never a comparator of its own figures)."""
    page_labels: dict[int, str] = field(default_factory=dict)
    """The number printed on each page, by page (the record's `page_label`)."""
    memo: dict[str, object] = field(default_factory=dict)
    """What a layout worked out about the whole paper once (the cards on its pages), by name."""
    paper: Document | None = None
    """The paper, read again by a pass that needs all of it."""
    sections: dict[int, Section] = field(default_factory=dict)
    """The section of each block known here, by ordinal."""
    positions: dict[int, int] = field(default_factory=dict)
    """The ordinal of each block known here, by id: the blocks of the pages being read, and those
    a layout keeps (`keep`)."""
    window: dict[int, Block] = field(default_factory=dict)
    """The blocks of the pages being read, by ordinal: a block's neighbours."""
    kept: set[int] = field(default_factory=set)
    """Ordinals whose section outlives their page: blocks a layout holds for later."""
    _sectioning: _Sectioning | None = field(default=None, repr=False)

    def section(self, block: Block) -> Section:
        ordinal = self.positions.get(id(block))
        return self.sections.get(ordinal, Section()) if ordinal is not None else Section()

    def neighbour(self, block: Block, offset: int) -> Block | None:
        """The block `offset` places away, if it is on the page being read or the page before."""
        ordinal = self.positions.get(id(block))
        return self.window.get(ordinal + offset) if ordinal is not None else None

    def ordinal(self, block: Block) -> int | None:
        """The block's place in the paper (0 = its first block), if it is known here."""
        return self.positions.get(id(block))

    def keep(self, block: Block, ordinal: int) -> None:
        """Know `block` (a layout's own reading of the paper's block `ordinal`) for good."""
        self.positions[id(block)] = ordinal
        self.kept.add(ordinal)

    def paper_blocks(self) -> Iterator[Block]:
        """The whole paper again, a page at a time: for a fact about all of it, found once."""
        return self.paper.iter_blocks() if self.paper is not None else iter(())

    def stream(self) -> Iterator[Block]:
        """The paper's blocks in reading order, each known here (its place, its section) while
        the page it is on and the next are read, and forgotten after."""
        if self.paper is None:
            return
        if self.paper.in_memory:  # every block was known from the start (`build_context`)
            yield from self.paper.iter_blocks()
            return
        ordinal = 0
        held: deque[list[tuple[int, Block]]] = deque()
        for page in self.paper.pages:
            known = []
            for block in page.blocks:
                self._know(ordinal, block)
                known.append((ordinal, block))
                ordinal += 1
            if known:  # a blank page is not the page before: its neighbour is the page before it
                held.append(known)
            while len(held) > 2:
                self._forget(held.popleft())
            yield from page.blocks

    def _know(self, ordinal: int, block: Block) -> None:
        if self._sectioning is None:
            self._sectioning = _Sectioning(self.vocab, self.own_names)
        self.positions[id(block)] = ordinal
        self.window[ordinal] = block
        self.sections[ordinal] = self._sectioning.see(block)

    def _forget(self, blocks: list[tuple[int, Block]]) -> None:
        for ordinal, block in blocks:
            if self.positions.get(id(block)) == ordinal:
                del self.positions[id(block)]
            self.window.pop(ordinal, None)
            if ordinal not in self.kept:
                self.sections.pop(ordinal, None)


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
    for block in islice(document.iter_blocks(), 40):
        texts = [block.text] if not block.is_table else [" ".join(row) for row in block.rows[:15]]
        for text in texts:
            for period in find_periods(text):
                if period.kind == "date" and period.start:
                    return period.start
    return None


def _paper_period(document: Document) -> Period | None:
    """A period the opening of the paper says it covers ("for the period October - December 2023")."""
    for block in islice(document.iter_blocks(), 40):
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
    """What the whole paper says of itself (its date, period, own council, page labels), in a pass
    over it; a paper held in memory has every block known at once, a stored one as it is streamed."""
    context = DocumentContext(source_file=document.source, vocab=vocab, paper=document)
    context.date = _paper_date(document)
    context.period = _paper_period(document)
    context.page_labels = document.page_labels()
    all_text = "\n".join(b.text if not b.is_table else b.cell_text() for b in document.iter_blocks())
    stem_word = re.split(r"[-_ .]", document.source)[0]
    names = council_names(all_text, stem_word)
    del all_text
    context.council = names[0] if names else None
    context.own_names = names[:1]
    if document.in_memory:
        for ordinal, block in enumerate(document.iter_blocks()):
            context._know(ordinal, block)
    return context


def _without_period(text: str, period: Period) -> str:
    return text.replace(period.text, " ")


class _Sectioning:
    """The headings in force, carried from block to block: each block's section depends only on
    the headings before it."""

    def __init__(self, vocab: Vocabulary, own_names: Sequence[str] = ()) -> None:
        self.vocab = vocab
        self.own_names = own_names
        self.current = Section()
        self.shared: Section | None = None  # one copy of `current` for all the blocks until the next heading
        self.last_level = 0  # the level of the heading before (0: none, or a text paper's unlevelled one)
        self.last_rag: str | None = None  # the status the block just before named, when it was a heading
        self.legend = False  # in a run of headings naming one status after another

    def see(self, block: Block) -> Section:
        vocab = self.vocab
        # a heading set larger than the text (or marked "##") is no chart's label, whatever its words
        if block.kind == "heading" and not LEGEND.match(block.text) and not FIGURES.search(block.text) \
                and (block.level > 0 or not _chart_text(block.text, vocab)):
            current = self.current
            text = block.text
            structural = bool(STRUCTURAL.match(text)) or 0 < block.level <= 2
            rag = heading_rag(text, vocab)
            # headings naming statuses one after another with nothing under them ("Green",
            # "Amber", "Red"; "Target met", "Target missed") are a key or a summary's labels, not
            # a section of one status: what follows them is rated by its own cells
            named = rag
            if rag is not None and self.last_rag is not None and (rag != self.last_rag or self.legend):
                self.legend = True
            elif rag is not None:
                self.legend = False
            if self.legend:
                rag = None
            # a short heading names its section's period; one that runs on into a second
            # sentence ("Jun-23. Good is: High") is a note's tail, not a heading
            # (a section number's point, "1. Summary of performance in Quarter 3", is not a sentence's)
            run_on = re.search(r"[.;]\s+[A-Z]", SECTION_NUMBER.sub("", text)) is not None
            short = len(text.split()) <= 4
            period = parse_period(text) if (short or PERIOD_NOTE.search(text)) and not run_on \
                and not COMPARISON_NOTE.search(text) else None
            measure = text if names_a_measure(text) else None if structural else current.measure
            # a heading at the level of the one before is its sibling, not a note under it: it
            # names its section ("Tenant Satisfaction Measures 2024/25" after "Housing Committee,
            # 10 July 2025"), unless it is only a period ("Quarter 3 2023/24")
            # The paper's masthead (its council's name) is no section for such a heading to note
            # a period under either: "Quarter 3 2024/25 key performance indicators" after
            # "Fordham District Council" and "Cabinet, 12 February 2025"
            masthead = current.title is not None and names_own_council(current.title, self.own_names)
            sibling = (0 < block.level <= self.last_level or masthead) and period is not None \
                and period.kind != "date" and bool(normalise(_without_period(text, period)))
            if structural:
                current = Section(title=text, rag=rag, period=current.period, measure=measure)
            else:
                current = Section(
                    title=text if (rag is None and period is None) or sibling else current.title or text,
                    rag=None if self.legend else rag if rag is not None else current.rag,
                    period=current.period,
                    measure=measure,
                )
            # a lone date in a heading is when the paper was written, not what its figures are for
            # and a bare "Quarter 2" page label does not undo "these figures relate to the Summer
            # Term 2022-2023": a yearless period never replaces a dated one
            undated = current.period is None or current.period.start is None
            if period is not None and period.kind != "date" and (
                    period.start is not None or (period.kind in ("quarter", "term") and undated)):
                current.period = period
            self.last_level = block.level
            self.last_rag = named
            self.current = current
            self.shared = None
        else:
            self.last_rag = None
            self.legend = False
        if self.shared is None:
            self.shared = Section(self.current.title, self.current.rag, self.current.period, self.current.measure)
        return self.shared
