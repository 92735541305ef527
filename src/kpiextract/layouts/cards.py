"""Dashboard cards: one KPI per card, a title, a status, a chart and a few labelled figures.

Quarterly performance reports are often dashboards rather than tables: each KPI gets a card
with its name (perhaps a code), a RAG word or status phrase, a chart whose axis labels leak
into the text layer, and its figures, either as labelled values
("Latest: 97%  Target: 97%, Floor: 90%  Previous: 97% (Green)", "This month: 12.3 days
Threshold: 15 days") or as a mini-table ("Actual | Target | Tolerance | DoT" over
"34.1 days | 25 days | 30 days | ↓"). The same card, printed by another producer or exported
to text, arrives as other blocks: the labels and values on one line or two, the mini-table as a
table or as two lines, the chart as lines of bare figures or one glued run.

A card is recognised by structure and vocabulary, never by a paper's wording: figures labelled
with the header words of patterns/headers.toml (value, target, intervention, previous,
benchmark, direction, status, polarity), and a title found by walking back from them past the
chart, the status and any note under the chart. The card owns every block from its title to
the end of its commentary: chart text and notes never become records, and the commentary's
repeat of the card's figure is part of the card.

Reading rules:
- a floor, tolerance or threshold is the intervention level; "Previous", "Last month", "Last
  quarter" is the previous value, and "(Green)" after it is that period's rating, not this one;
- a direction of travel (an arrow, "improving") is the record's direction; what an arrow means
  comes from the paper's key ("↑ improving"), else from the figures;
- the period comes from the card's own labels ("Latest (Sep-24)", "Period: Q2 2023/24"), else
  the section or the paper's period, else the last label on the chart's time axis; never from a
  note ("No data for Dec-24");
- activity indicators (a demand count with no target and no RAG, or one the card or its section
  calls "activity", "contextual", "no target") are records of kind "activity".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import overload

from ..models import Benchmark, KPIRecord, PreviousValue, Rag
from ..parsing.charts import is_axis_text, is_legend, last_time_label
from ..parsing.direction import arrow_direction, arrow_key, direction_word
from ..parsing.indicators import clean_name, split_code, unit_from_name
from ..parsing.numbers import MISSING_WORDS, Value, find_values, parse_value
from ..parsing.periods import Period, earlier, find_periods, parse_period
from ..parsing.statements import read_sentence
from ..parsing.subjects import split_tail_code
from ..readers.document import Block
from ..vocab import Vocabulary, normalise
from .base import Layout
from .context import STRUCTURAL, DocumentContext
from .headers import table_header
from .prose import MEASURED_UNITS, infer_polarity
from .timing import complete, paper_period, period_fields

FIGURE_ROLES = ("value", "target", "intervention", "previous", "benchmark")
CARD_ROLES = (*FIGURE_ROLES, "trend", "status", "polarity", "period")
STATUS_IN_BRACKETS = re.compile(r"^\s*\(\s*(red|amber|green)\s*\)", re.IGNORECASE)
UNIT_WORDS = re.compile(r"^(?:days?|working\s+days?|weeks?|months?|hours?|hrs|mins?|minutes?|seconds?|secs?|kg|"
                        r"tonnes?|pts|points?|fte|%)$", re.IGNORECASE)
POLARITY_PHRASE = re.compile(r"\b\w+\s+is\s+(?:better|good)\b|\baim\s+to\s+\w+", re.IGNORECASE)
# chart labels glued to their legend ("2441.3%ActualTarget"): a number run straight into a word
GLUED_CHART = re.compile(r"\S*\d[%\d.,]*[A-Z][a-z]+\S*")
# a code after the name: "Average days to re-let standard voids (HN04)", "... - HN04"
DOCUMENT_TITLE = re.compile(r"\b(?:report|dashboard|scorecard|summary|appendix|overview|update)\b", re.IGNORECASE)
LONG_PARAGRAPH = 30
"""A paragraph of more words than this is prose: a card's title never walks back past it."""
PREVIOUS_YEAR = re.compile(r"\b(?:same|this\s+time)\b.*\blast\s+year\b|\blast\s+year\b|\bprevious\s+year\b",
                           re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Labels


@dataclass
class Label:
    role: str
    """value, target, intervention, previous, benchmark, trend, status, polarity or period"""
    text: str
    comparator: str | None = None
    period: Period | None = None


_LABELS: dict[tuple[int, str, bool], Label | None] = {}
_LABELS_SIZE = 8192
"""Labels remembered at most: a paper repeats its labels on every card, but a long paper's
other texts are mostly new, and each would be held to the end of the run."""


def label_of(text: str, vocab: Vocabulary, dated: bool = False) -> Label | None:
    """What a figure's label says it is: 'Latest', 'Floor', 'Last quarter', 'England', 'DoT',
    'Latest (Sep-24)', 'Q3 2024/25'. The whole text must be the label."""
    key = (id(vocab), text, dated)
    if key not in _LABELS:
        if len(_LABELS) >= _LABELS_SIZE:
            _LABELS.clear()
        _LABELS[key] = _label_of(text, vocab, dated)
    found = _LABELS[key]
    return Label(found.role, found.text, found.comparator, found.period) if found else None


def _label_of(text: str, vocab: Vocabulary, dated: bool = False) -> Label | None:
    text = text.strip(" \t-–|")
    if not text:
        return None
    period = None
    bracket = re.search(r"\(([^()]{1,24})\)\s*$", text)
    if bracket and (found := parse_period(bracket.group(1))) is not None:
        period, text = found, text[:bracket.start()].strip()
    periods = find_periods(text)
    if len(periods) > 1 or (periods and dated) or (dated and re.search(r"\d", text)):
        return None  # a run of periods is a chart's time axis, not a label
    if periods:
        whole = periods[0]
        rest = normalise(text.replace(whole.text, " "))
        if not rest:
            return Label("value", text, period=whole)  # "Q3 2024/25: 97%": a figure labelled by its period
        inner = label_of(rest, vocab, dated=True)
        if inner is not None:
            inner.text, inner.period = text, inner.period or whole
        return inner
    role = vocab.headers.exact(text)
    comparator = vocab.comparators.exact(text)
    if comparator and role in (None, "value", "benchmark"):
        return Label("benchmark", text, comparator=comparator, period=period)
    if role in CARD_ROLES:
        return Label(role, text, period=period)
    return None


WORD = re.compile(r"[A-Za-z][\w'’&/+-]*|\([^()]{1,24}\)")


def _label_before(text: str, colon: int, floor: int, vocab: Vocabulary) -> tuple[int, Label] | None:
    """The label that ends at a colon: the longest run of words before it that reads as one."""
    words = [m for m in WORD.finditer(text, floor, colon)]
    for k in range(max(0, len(words) - 6), len(words)):
        start = words[k].start()
        if start > 0 and text[start - 1].isalpha():
            continue
        found = label_of(text[start:colon], vocab)
        if found is not None:
            return start, found
    return None


@dataclass
class Pair:
    """One labelled figure on a card."""

    label: Label
    raw: str
    """the text after the label, up to the next label"""
    values: list[Value] = field(default_factory=list)
    rag: str | None = None
    block: Block | None = None
    at: int = 0
    """where the figure starts in the text read"""
    lead: bool = False
    """an unlabelled figure printed before the labelled ones ('6.1%  Target: 6.5%')"""

    @property
    def role(self) -> str:
        return self.label.role

    @property
    def value(self) -> Value | None:
        return self.values[0] if self.values else None


def labelled_pairs(text: str, vocab: Vocabulary) -> list[Pair]:
    """'Latest: 45%  Target: 50%, Floor: 40%  Previous: 41% (Amber)' -> four labelled figures."""
    found: list[tuple[int, int, Label]] = []
    floor = 0
    for colon in re.finditer(r"[:=]", text):
        at = colon.start()
        if at > 0 and text[at - 1].isdigit() and text[at + 1:at + 2].isdigit():
            continue  # a time or a ratio
        before = _label_before(text, at, floor, vocab)
        if before is not None:
            found.append((before[0], colon.end(), before[1]))
            floor = colon.end()
    pairs = _lead_pairs(text, found)
    for index, (_, end, label) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(text)
        span = GLUED_CHART.sub(lambda m: " " * len(m.group(0)), text[end:stop])
        raw = span.strip(" ,;|")
        lead = len(span) - len(span.lstrip(" ,;|"))
        values = _leading_values(raw)
        marker = raw.split("(")[0].strip()
        if not values and marker and MISSING_WORDS.match(marker.split()[0]):
            values = [Value(None, None, raw.strip())]
        status = STATUS_IN_BRACKETS.search(raw[values[0].end:]) if values and values[0].value is not None else None
        pairs.append(Pair(label, raw, values, status.group(1).lower() if status else None, at=end + lead))
    return pairs


def period_line(text: str) -> Period | None:
    """'Quarter 2 2024/25', '30 September 2024', "Residents' Survey, June 2024": a card's own
    period, printed on a line of its own, perhaps after the source it comes from. A yearless
    period ('Q2 figure is provisional') is a note's, not a period line."""
    clean = text.strip(" ,;|")
    periods = find_periods(clean)
    if len(periods) != 1 or periods[0].start is None or len(clean.split()) > 8:
        return None
    rest = (clean[:periods[0].pos] + clean[periods[0].end_pos:]).strip(" ,;:-–()")
    if re.search(r"\d|[.!?;:]", rest) or len(rest.split()) > 4:
        return None
    return periods[0]


def _off_the_scale(lone: list[tuple[Value, Block]]) -> tuple[Value, Block]:
    """Of the lone figures around a tile, the card's: the one figure that is not a tick of the
    chart's scale ('60%', '47.3%', '50%' -> 47.3%: the ticks are whole steps of 10). The first
    when the figures show no scale."""
    if len(lone) < 3:
        return lone[0]
    for step in (1000, 500, 100, 50, 25, 20, 10, 5, 2, 1):
        off = [(v, b) for v, b in lone if v.value is None or v.value % step]
        if len(off) == 1 and len(lone) - 1 >= 2:
            return off[0]
        if not off:
            break
    return lone[0]


def _tile_parts(text: str) -> list[str]:
    """'6,842  Quarter 2 2024/25' -> the figure and its period line, as a tile prints them on two
    lines; any other text whole."""
    values = find_values(text)
    if values and values[0].start == 0 and values[0].value is not None and period_line(text[values[0].end:]):
        return [text[:values[0].end], text[values[0].end:]]
    return [text]


def _lead_pairs(text: str, found: list[tuple[int, int, Label]]) -> list[Pair]:
    """'6.1%  Target: 6.5%  Last year: 5.8%': a figure printed before labelled ones, with no
    label of its own, is the card's latest figure; a period line before the labels ('63%
    Residents' Survey, June 2024  Target: 60%') is the card's period, not the target's."""
    if not found or any(label.role == "value" for _, _, label in found):
        return []
    first = found[0][2]
    head = text[:found[0][0]]
    # the label reader may take a period line's date for the label's own ("June 2024 Target")
    moved = first.period is not None and first.text.startswith(first.period.text)
    if moved and first.period is not None:
        head = f"{head.rstrip()} {first.period.text}"
    values = [v for v in find_values(head) if v.value is not None]
    value = values[0] if values and not head[:values[0].start].strip(" |") else None
    rest = head[value.end:].strip(" ,;|") if value is not None else head.strip(" ,;|")
    period = period_line(rest) if rest else None
    if (rest and period is None) or (value is None and period is None):
        return []
    if moved and first.period is not None:
        first.text, first.period = first.text[len(first.period.text):].strip(), None
    pairs = []
    if value is not None:
        pairs.append(Pair(Label("value", ""), value.text, [Value(value.value, value.unit, value.text, 0,
                                                                 len(value.text))], at=value.start, lead=True))
    if period is not None:
        pairs.append(Pair(Label("period", rest, period=period), rest, at=value.end if value else 0))
    return pairs


def _leading_values(raw: str) -> list[Value]:
    """The figures a label's text opens with: '81.6% 79.0%' (a data label printed beside the
    figure), never the numbers of a sentence ('Time between ... increased by 12 days')."""
    values = []
    last = 0
    for value in find_values(raw):
        if value.value is None:
            continue
        if not re.fullmatch(r"[\s(),;~≈]*(?:c\.)?\s*", raw[last:value.start]):
            break
        values.append(value)
        last = value.end
    return values


def colonless_pairs(text: str, vocab: Vocabulary) -> list[Pair]:
    """'Target 96%', 'Target 85%  Last month 86.1%': labels printed without a colon, each straight
    before its figure. The line must open with a label; it ends at the first word that is neither
    a label nor a figure (a chart's glued labels, a sentence)."""
    tokens = [m for m in re.finditer(r"\S+", text)]
    pairs: list[Pair] = []
    i = 0
    while i < len(tokens):
        for k in range(min(4, len(tokens) - i - 1), 0, -1):
            words = " ".join(t.group(0) for t in tokens[i:i + k])
            label = label_of(words, vocab)
            if label is None or label.period is not None or label.role not in FIGURE_ROLES:
                continue
            value = parse_value(tokens[i + k].group(0))
            if value.value is None and not MISSING_WORDS.match(tokens[i + k].group(0)):
                continue
            if GLUED_CHART.fullmatch(tokens[i + k].group(0)):
                continue
            start = tokens[i + k].start()
            pairs.append(Pair(label, tokens[i + k].group(0), [Value(value.value, value.unit, value.text,
                                                                      start - start, len(value.text))],
                              at=start))
            i += k + 1
            break
        else:
            break
        if not pairs:
            break
    return pairs


def label_runs(words: list[str], vocab: Vocabulary) -> list[tuple[int, list[Label]]]:
    """Where a line's leading labels end: each (cut, labels) with words[:cut] wholly labels."""
    runs: list[tuple[int, list[Label]]] = []
    labels: list[Label] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 6), i, -1):
            label = label_of(" ".join(words[i:j]), vocab)
            if label is not None:
                labels = [*labels, label]
                i = j
                runs.append((i, labels))
                break
        else:
            break
    return runs


def split_labels(text: str, vocab: Vocabulary) -> list[Label] | None:
    """'Current Target Last quarter Same quarter last year England DoT' -> six labels, longest first.
    None unless every word belongs to a label."""
    words = text.split()
    labels: list[Label] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 6), i, -1):
            label = label_of(" ".join(words[i:j]), vocab)
            if label is not None:
                labels.append(label)
                i = j
                break
        else:
            return None
    return labels


def value_cells(text: str, vocab: Vocabulary) -> list[str] | None:
    """'34.1 days 25 days 30 days ↓' -> ['34.1 days', '25 days', '30 days', '↓']: a row of figures,
    missing marks ('–', 'n/a'), arrows and status words; None when anything else is in it."""
    cells: list[str] = []
    for token in text.split():
        if UNIT_WORDS.match(token) and cells and parse_value(cells[-1]).value is not None:
            cells[-1] = f"{cells[-1]} {token}"
        elif parse_value(token).value is not None or MISSING_WORDS.match(token) or token in vocab.arrows \
                or vocab.rag.exact(token) or vocab.direction.exact(token):
            cells.append(token)
        else:
            return None
    return cells or None


def grid_pairs(labels: list[Label], cells: list[str], vocab: Vocabulary) -> list[Pair] | None:
    """A header of labels over a row of cells: the labelled figures of a mini-table."""
    if len(cells) != len(labels) and not (len(cells) == len(labels) - 1 and labels[-1].role in ("trend", "status")):
        return None
    pairs = []
    for label, cell in zip(labels, cells, strict=False):
        value = parse_value(cell)
        status = STATUS_IN_BRACKETS.search(cell[len(value.text):]) if value.value is not None else None
        pairs.append(Pair(label, cell, [value] if value.value is not None or value.missing else [],
                          status.group(1).lower() if status else None))
    if not any(p.role == "value" and p.value is not None and p.value.value is not None for p in pairs):
        return None
    return pairs


# ---------------------------------------------------------------------------------------------
# Finding cards


def _text(block: Block) -> str:
    return block.cell_text() if block.is_table else block.text


def _is_status(text: str, vocab: Vocabulary) -> bool:
    """'GREEN', 'Target achieved', 'Within tolerance', 'No target', 'Activity measure – no target'."""
    clean = text.strip(" .:-–")
    if not clean or len(clean.split()) > 6:
        return False
    if vocab.rag.exact(clean) or vocab.rag_symbols.get(clean):
        return True
    found = vocab.activity.find(clean)
    return found is not None and len(normalise(clean).split()) <= len(found[1].group(0).split()) + 3


def _is_polarity_line(text: str, vocab: Vocabulary) -> bool:
    """'Bigger is better', 'Lower is better', 'Aim to maximise': a line saying which way is good."""
    clean = text.strip(" .")
    return len(clean.split()) <= 5 and vocab.polarity.exact(clean) is not None and len(clean.split()) >= 2


def _is_note(text: str, vocab: Vocabulary) -> bool:
    found = vocab.chart_notes.find(text)
    return text.lstrip().startswith(("*", "†", "‡")) or (found is not None and found[1].start() == 0)


def _sentence(text: str) -> bool:
    return bool(re.search(r"[a-z)][.!?]\s*$", text)) or len(text.split()) > LONG_PARAGRAPH


@dataclass
class Figures:
    start: int
    end: int
    """blocks [start, end) hold the figures"""
    pairs: list[Pair]
    notes: list[str] = field(default_factory=list)


@dataclass
class Card:
    title: Block
    name: str
    figures: Figures
    members: list[Block]
    commentary: list[str] = field(default_factory=list)
    inside: list[Block] = field(default_factory=list)
    """blocks between the title and the figures (status, chart, notes)"""
    after: list[Block] = field(default_factory=list)
    """blocks after the figures that belong to the card (meta lines, chart, commentary)"""
    origin: Block | None = None
    """the paper's block the title was read from: the record is stamped with its section"""
    section: Block | None = None
    """the heading above the card that is not itself part of a card"""


class _Pieces:
    """The pieces of the paper a card reader works on, by index: pulled from the paper as far as
    they are looked at, and let go of below the point no card can reach any more."""

    def __init__(self, pieces: Iterator[Block]) -> None:
        self._source = pieces
        self._held: dict[int, Block] = {}
        self._pulled = 0
        self.first = 0
        """the first piece still held"""

    def has(self, index: int) -> bool:
        """Is there a piece at `index` (the paper is read up to it)?"""
        while self._pulled <= index:
            piece = next(self._source, None)
            if piece is None:
                return False
            self._held[self._pulled] = piece
            self._pulled += 1
        return True

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> list[Block]: ...

    def __getitem__(self, index: int | slice) -> Block | list[Block]:
        if isinstance(index, slice):
            start, stop = max(index.start or 0, 0), index.stop
            pieces = []
            while (stop is None or start < stop) and self.has(start):
                pieces.append(self._held[start])
                start += 1
            return pieces
        if index < self.first or not self.has(index):
            raise IndexError(f"piece {index} is not held (held from {self.first} to {self._pulled})")
        return self._held[index]

    def release(self, below: int) -> list[Block]:
        """Let go of the pieces before `below`, returned in order."""
        gone = [self._held.pop(index) for index in range(self.first, min(below, self._pulled))]
        self.first = max(self.first, min(below, self._pulled))
        return gone


class CardReader:
    """Every card of one paper, found once and kept in the context's memo.

    Cards are found in a pass of their own over the whole paper (a card's period is told apart
    from a section's by the periods all the cards print). That pass holds the paper's blocks;
    what outlives it is the cards, with the blocks they are read from, and which blocks of the
    paper (by ordinal) they own and are read at."""

    def __init__(self, context: DocumentContext) -> None:
        self.context = context
        self.vocab = context.vocab
        self.origin: dict[int, Block] = {}
        """the paper's block each piece held here comes from (a run-on paragraph is read in pieces)"""
        self.ordinals: dict[int, int] = {}
        """the place in the paper of the block each piece held here comes from"""
        self.key: dict[str, str] = {}
        """what the paper's arrows mean ('Key: ↑ improving  ↓ worsening'), from every piece"""
        self.blocks = _Pieces(self._pull(context.paper_blocks()))
        self.label_words = {w for words in self.vocab.headers.aliases.values() for alias in words
                            for w in normalise(alias).split()}
        self.cards: list[Card] = []
        self.owner: dict[int, Card] = {}
        """the card each block of the paper (by ordinal) belongs to"""
        self.emits: dict[int, list[Card]] = {}
        """the cards whose record a paper block (by ordinal) gives: the block their figures start in"""
        self._heading_below: tuple[Block, int] | None = None
        """the last heading let go of that is no card's: the section of a card above all those held"""
        self._find()
        self.card_periods = {pair.label.period.text for card in self.cards for pair in card.figures.pairs
                             if pair.role == "period" and pair.label.period is not None}
        """the periods cards print on lines of their own"""

    def _pull(self, paper: Iterator[Block]) -> Iterator[Block]:
        """The paper's blocks as pieces, in order, each known by the block it comes from."""
        for ordinal, block in enumerate(paper):
            for piece in self._pieces(block):
                self.ordinals[id(piece)] = ordinal
                for arrow, meaning in arrow_key([_text(piece)], self.vocab).items():
                    self.key.setdefault(arrow, meaning)
                yield piece

    def _release(self, below: int) -> None:
        """Let go of the pieces before `below`: no card can start or end there any more, so
        whose they are is settled; the last heading among them that is no card's is kept."""
        for piece in self.blocks.release(below):
            if piece.kind == "heading" and self._ordinal(piece) not in self.owner and not self._noise(piece):
                self._heading_below = (self.of(piece), self._ordinal(piece))
            self.origin.pop(id(piece), None)
            del self.ordinals[id(piece)]

    def _ordinal(self, block: Block) -> int:
        """The place in the paper of the block a piece held here comes from."""
        return self.ordinals[id(block)]

    def _section(self, title: int) -> tuple[Block, int] | None:
        """The heading above the card titled at `title` that is not itself part of a card."""
        index = title - 1
        while index >= self.blocks.first:
            block = self.blocks[index]
            if block.kind == "heading" and self._ordinal(block) not in self.owner and not self._noise(block):
                return self.of(block), self._ordinal(block)
            index -= 1
        return self._heading_below

    # -- pieces -------------------------------------------------------------------------------

    def _pieces(self, block: Block) -> list[Block]:
        """A paragraph a text export ran several card parts into, cut where a card's parts meet:
        around glued chart labels ("100%75%...Nov-24"), after a status chip in capitals ("...
        reablement AMBER"), after a polarity phrase ("Higher is better Permanent admissions ...")."""
        if block.is_table:
            cells = self._grid_cells(block)
            return self._cut(block, cells) if cells else self._whole(block)
        if len(block.text) <= 120:
            return self._whole(block)
        cuts: set[int] = set()
        for token in re.finditer(r"\S+", block.text):
            word = token.group(0)
            if len(word) >= 10 and re.search(r"\d", word) and re.search(r"[A-Za-z]{3}", word) and is_axis_text(word):
                cuts |= {token.start(), token.end()}
            elif word.isupper() and self.vocab.rag.exact(word) and len(word) >= 3:
                cuts.add(token.end())
        for phrase in POLARITY_PHRASE.finditer(block.text):
            if self.vocab.polarity.exact(phrase.group(0)) and re.match(r"\s+[A-Z]", block.text[phrase.end():]):
                cuts.add(phrase.end())
        cuts = {c for c in cuts if 0 < c < len(block.text)}
        if not cuts:
            return self._whole(block)
        bounds = [0, *sorted(cuts), len(block.text)]
        return self._cut(block, [block.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)])

    def _whole(self, block: Block) -> list[Block]:
        self.origin[id(block)] = block
        return [block]

    def _cut(self, block: Block, texts: list[str]) -> list[Block]:
        """The block read as these pieces, each known to come from it."""
        pieces = []
        for text in (t.strip() for t in texts):
            if text:
                piece = Block(kind="paragraph" if len(text.split()) > 14 else "heading", page=block.page, text=text,
                              level=0, bold=block.bold, line=block.line)
                self.origin[id(piece)] = block
                pieces.append(piece)
        return pieces

    def _grid_cells(self, block: Block) -> list[str] | None:
        """A table holding several cards, each a title cell over a figures cell ('CP02 Percentage ...
        GREEN' over '61.4%  Target: 60%  Last year: 48.2%'), perhaps two cards across: its cells in
        reading order, down each column. None for a KPI table or a table of one card."""
        rows = [[cell.strip() for cell in row] for row in block.rows]
        if len(rows) < 2 or table_header(block, self.context, own_names=False) is not None:
            return None
        width = max(len(row) for row in rows)
        columns = [[row[c] if c < len(row) else "" for row in rows] for c in range(width)]
        figures = [(r, c) for c, column in enumerate(columns) for r, cell in enumerate(column)
                   if cell and self._figures_cell(cell)]
        if len(figures) < 2:
            return None
        # a title beside its figures ('Title | 45%  Target: 50%') is read across, not down
        beside = sum(1 for r, c in figures if c > 0 and columns[c - 1][r] and not self._figures_cell(columns[c - 1][r]))
        order = rows if beside * 2 > len(figures) else columns
        return [part for line in order for cell in line if cell for part in _tile_parts(cell)]

    def _figures_cell(self, text: str) -> bool:
        """A cell holding a card's figures: its value and at least one labelled companion, or its
        value and its period ('6,842  Quarter 2 2024/25')."""
        if len(_tile_parts(text)) == 2:
            return True
        pairs = labelled_pairs(text, self.vocab)
        return any(p.role == "value" and p.value is not None and p.value.value is not None for p in pairs) and any(
            p.role in FIGURE_ROLES and p.role != "value" for p in pairs)

    def of(self, block: Block) -> Block:
        """The paper's block a piece read here comes from."""
        return self.origin.get(id(block), block)

    # -- figures ------------------------------------------------------------------------------

    def _labelled(self, block: Block) -> list[Pair]:
        if block.is_table:
            return []
        pairs = labelled_pairs(block.text, self.vocab)
        if not pairs and len(block.text) <= 120:
            pairs = colonless_pairs(block.text, self.vocab)
        for pair in pairs:
            pair.block = block
        return pairs

    def _single_figure(self, index: int) -> Value | None:
        """A line holding one figure and nothing else ('94.1%'), not one of a chart's ticks."""
        if index < 0 or not self.blocks.has(index) or self.blocks[index].is_table:
            return None
        cells = value_cells(self.blocks[index].text, self.vocab)
        if not cells or len(cells) != 1:
            return None
        value = parse_value(cells[0])
        return value if value.value is not None else None

    def _tile_figure(self, index: int) -> Value | None:
        """The figure a tile sets large on a line of its own; the chart's top tick may be printed
        beside it ('6.1%  6%', then '8%', '4%' ... down the axis)."""
        if index < 0 or not self.blocks.has(index) or self.blocks[index].is_table:
            return None
        cells = value_cells(self.blocks[index].text, self.vocab)
        if not cells or len(cells) > 2:
            return None
        values = [parse_value(cell) for cell in cells]
        if any(v.value is None for v in values):
            return None
        if len(values) == 2 and not self._tick_beside(values[0], values[1], index):
            return None
        return values[0]

    def _tick_beside(self, figure: Value, tick: Value, index: int) -> bool:
        """'6.1%  6%': a round figure beside the tile's, of its unit, with more of the chart's
        ticks on the lines below."""
        if tick.value is None or not tick.value.is_integer() or tick.unit != figure.unit:
            return False
        below = [self._single_figure(index + k) for k in (1, 2)]
        return any(v is not None and v.unit == figure.unit for v in below)

    def _tile(self, index: int) -> Figures | None:
        """A tile: the figure large on a line of its own, then what says what it is: its labelled
        target and earlier figures ('Target 96%', 'Last year: 5.8%'), its period ('Quarter 2
        2024/25', "Residents' Survey, June 2024"), its change ('▼ 1.3 pts on last quarter') or
        its kind ('No target'). The chart's ticks may be printed between them."""
        value = self._tile_figure(index)
        if value is None or self._single_figure(index - 1):
            return None  # a lone figure after another is one of a chart's ticks
        pairs = [Pair(Label("value", ""), self.blocks[index].text, [value], block=self.blocks[index])]
        end, told = index + 1, False
        lone = [(value, self.blocks[index])]
        for at in range(index + 1, index + 9):
            if not self.blocks.has(at):
                break
            nxt = self.blocks[at]
            if nxt.is_table:
                break
            labelled = self._labelled(nxt)
            more = [p for p in labelled if not p.lead]
            if any(p.role == "value" for p in more):
                return None  # the card's figure is labelled below: the lone figure was a chart's tick
            period = period_line(nxt.text) if not more else None
            single = self._single_figure(at)
            if any(p.role in FIGURE_ROLES for p in more) and all(
                    p.role in (*FIGURE_ROLES, "period") and p.role != "value" for p in more):
                pairs.extend(more)
                lone += [(p.values[0], nxt) for p in labelled if p.lead and p.values]
                end = at + 1
            elif period is not None and not any(p.role == "period" for p in pairs):
                pairs.append(Pair(Label("period", nxt.text, period=period), nxt.text, block=nxt))
                end = at + 1
            elif self._change_line(nxt.text) or (self.vocab.activity.find(nxt.text) and len(nxt.text.split()) <= 12):
                told = True
            elif single is not None:
                if end == index + 1:
                    lone.append((single, nxt))  # a tick, or the figure itself after the axis's top tick
            elif not self._noise(nxt):
                break
        if len(pairs) == 1 and not told:
            return None
        picked, block = _off_the_scale(lone)
        pairs[0] = Pair(Label("value", ""), block.text, [picked], block=block)
        return Figures(index, end, pairs)

    def _change_line(self, text: str) -> bool:
        """'▼ 1.3 pts on last quarter', '↑ 212 since June': a figure's change, with its arrow."""
        return bool(re.match(r"^\s*(\S)\s*[-+]?\d", text)) and text.strip()[0] in self.vocab.arrows

    def _ends_with_label(self, text: str) -> bool:
        """'... Floor: 65% Previous': the last words are a label whose figure is on the next line."""
        words = text.split()
        if not words or text.rstrip().endswith(":"):
            return False
        labels = [label_of(" ".join(words[-k:]), self.vocab) for k in range(1, min(5, len(words)) + 1)]
        return any(label is not None and label.role in FIGURE_ROLES for label in labels)

    def _run_pairs(self, run: list[Block]) -> list[Pair]:
        """The labelled figures of consecutive lines read as one text, each kept with its line."""
        text, starts = "", []
        for block in run:
            if text and not re.search(r"[:=]\s*$", text) and parse_value(block.text.split()[0]).value is not None:
                # "... Floor: 65% Previous" | "71% (Amber)": a label whose colon went with the line break
                tail = re.search(r"([A-Za-z][\w ]{0,30})$", text)
                if tail and any(label_of(" ".join(tail.group(1).split()[-k:]), self.vocab) for k in range(1, 5)):
                    text += ":"
            starts.append(len(text) + (1 if text else 0))
            text = f"{text} {block.text}" if text else block.text
        pairs = labelled_pairs(text, self.vocab)
        for pair in pairs:
            at = pair.at + (pair.values[0].start if pair.values else 0)
            pair.block = run[max(i for i, start in enumerate(starts) if start <= at)]
        return pairs

    def _dashboard_line(self, block: Block, pairs: list[Pair]) -> bool:
        """Labelled figures set as a dashboard line, not a sentence that happens to hold a colon."""
        figures = [p for p in pairs if p.role in FIGURE_ROLES and p.values]
        if not figures:
            return False
        return len(block.text) <= 200 or len(figures) >= 3

    def _table_figures(self, block: Block) -> tuple[list[Pair], int] | None:
        """A mini-table: a row of labels over a row of figures, or label | figure rows.
        Returns the pairs and the index of the row above the labels (a title inside the table)."""
        rows = [[cell.strip() for cell in row] for row in block.rows]
        if not rows or table_header(block, self.context, own_names=False) is not None:
            return None  # a KPI table: a table layout reads it
        for index, row in enumerate(rows[:-1]):
            cells = [c for c in row if c]
            labels = [label_of(c, self.vocab) for c in cells]
            if len(cells) >= 2 and all(labels):
                values = [c for c in rows[index + 1] if c]
                pairs = grid_pairs([lab for lab in labels if lab], values, self.vocab)
                if pairs:
                    for pair in pairs:
                        pair.block = block
                    return pairs, index
        # a layout table holding the title (and its chip) in one row, the chart in one cell and the
        # figures in another
        small = len(rows) <= 3 and max(len(row) for row in rows) <= 4
        labelled_rows = [i for i, row in enumerate(rows)
                         if any(":" in c and labelled_pairs(c, self.vocab) for c in row)]
        if small and labelled_rows:
            first = labelled_rows[0]
            cells = [c for row in rows[first:] for c in row if c]
            pairs = labelled_pairs(self._cells_text(block, first), self.vocab)
            if any(p.role == "value" and p.value is not None and p.value.value is not None for p in pairs) \
                    and any(":" in c and len(c) <= 200 for c in cells):
                for pair in pairs:
                    pair.block = block
                return pairs, first
        vertical = [f"{row[0].rstrip(' :')}: {' '.join(c for c in row[1:] if c)}" for row in rows
                    if len(row) >= 2 and row[0] and label_of(row[0].rstrip(" :"), self.vocab)]
        if len(vertical) >= 2 and len(vertical) == len([row for row in rows if any(row)]):
            pairs = labelled_pairs("  ".join(vertical), self.vocab)
            if any(p.role == "value" and p.value is not None and p.value.value is not None for p in pairs):
                for pair in pairs:
                    pair.block = block
                return pairs, 0
        return None

    def _grid_text(self, index: int) -> tuple[list[Pair], int] | None:
        """'Actual Target Tolerance DoT' over '34.1 days 25 days 30 days ↓', on one line or two."""
        block = self.blocks[index]
        if block.is_table:
            return None
        words = block.text.split()
        for cut, leading in reversed(label_runs(words, self.vocab)):
            if len(leading) < 2:
                continue
            cells = value_cells(" ".join(words[cut:]), self.vocab)
            pairs = grid_pairs(leading, cells, self.vocab) if cells else None
            if pairs:
                for pair in pairs:
                    pair.block = block
                return pairs, index + 1
        labels = self._header_line(block.text)
        if labels is None or not self.blocks.has(index + 1):
            return None
        row = self.blocks[index + 1]
        cells = self._row_cells(row)
        pairs = grid_pairs(labels, cells, self.vocab) if cells else None
        if not pairs:
            return None
        if is_legend(block.text, self.label_words) and (
                (len(labels) <= 2 and is_axis_text(" ".join(cells or [])))
                or any(self._dashboard_line(b, self._labelled(b)) for b in self.blocks[index + 2:index + 5])):
            return None  # "Actual Target" over "200 187": a chart's legend and labels
        for pair in pairs:
            pair.block = row
        return pairs, index + 2

    def _cells_text(self, block: Block, first: int) -> str:
        """A block's text without its chart labels: a table's cells from row `first` on."""
        if not block.is_table:
            return block.text
        return "  ".join(c for row in block.rows[first:] for c in row if c.strip() and not is_axis_text(c))

    def _row_cells(self, block: Block) -> list[str] | None:
        """A row of figures: a line of them, or a one-row table of them."""
        if not block.is_table:
            return value_cells(block.text, self.vocab)
        rows = [[c.strip() for c in row if c.strip()] for row in block.rows]
        rows = [row for row in rows if row]
        if len(rows) != 1 or not all(value_cells(c, self.vocab) for c in rows[0]):
            return None
        return rows[0]

    def _header_line(self, text: str) -> list[Label] | None:
        """A line of column labels, perhaps after the chart's axis labels it was printed beside."""
        words = text.split()
        if not words or len(words) > 60 or normalise(words[-1]).split()[-1:] and not set(
                normalise(words[-1]).split()) & self.label_words:
            return None  # a header line ends with a label's word
        for cut in range(len(words) - 2, -1, -1):
            if cut and not is_axis_text(" ".join(words[:cut])):
                continue
            labels = split_labels(" ".join(words[cut:]), self.vocab)
            if labels is not None and len(labels) >= 2 and any(lab.role == "value" for lab in labels):
                return labels
        return None

    def _figures_at(self, index: int) -> Figures | None:
        block = self.blocks[index]
        if block.is_table:
            found = self._table_figures(block)
            if found is None:
                return None
            pairs, first = found
            if pairs and not pairs[-1].values and pairs[-1].role in FIGURE_ROLES and self.blocks.has(index + 1):
                # "Floor:" at the end of the table, its figure in the next block
                nxt = self.blocks[index + 1]
                texts = [self._cells_text(block, first),
                         "  ".join(c for row in nxt.rows for c in row if c.strip()) if nxt.is_table else nxt.text]
                more = labelled_pairs("  ".join(texts), self.vocab)
                if len(more) >= len(pairs) and more[len(pairs) - 1].values:
                    for pair in more:
                        pair.block = block if pair.at < len(texts[0]) else self.blocks[index + 1]
                    return Figures(index, index + 2, more)
            return Figures(index, index + 1, pairs)
        grid = self._grid_text(index)
        if grid is not None:
            return Figures(index, grid[1], grid[0])
        tile = self._tile(index)
        if tile is not None:
            return tile
        pairs = self._labelled(block)
        if not self._dashboard_line(block, pairs):
            return None
        run = [block]
        end = index + 1
        while self.blocks.has(end):
            nxt = self.blocks[end]
            if nxt.is_table:
                break
            dangling = pairs and not pairs[-1].values and pairs[-1].role in FIGURE_ROLES
            if STATUS_IN_BRACKETS.fullmatch(nxt.text.strip()) and pairs and pairs[-1].values:
                run.append(nxt)  # "Previous: 51.7" | "(Amber)": the rating went with the line break
                pairs = self._run_pairs(run)
                end += 1
                continue
            latest = next((p.values[0].value for p in pairs if p.role == "value" and p.values), None)
            cells = value_cells(nxt.text, self.vocab)
            if cells and latest is not None and all(parse_value(c).value == latest for c in cells):
                end += 1  # the chart's data label repeating the latest figure
                continue
            if self._noise(nxt) and self.blocks.has(end + 1) and not self.blocks[end + 1].is_table and \
                    len(self.blocks[end + 1].text) <= 200 and self._labelled(self.blocks[end + 1]):
                end += 1  # the chart's labels printed between two lines of figures
                continue
            more = self._labelled(nxt)
            # the next line goes on with labelled figures, or holds the figure of a label left
            # at the end of this one ("Previous:" at a line's or a page's end)
            bare = not dangling and self._ends_with_label(run[-1].text)
            if (more and (len(nxt.text) <= 200 or dangling)) or (
                    (dangling or bare) and value_cells(nxt.text.split("(")[0], self.vocab)):
                run.append(nxt)
                pairs = self._run_pairs(run)
                end += 1
                continue
            break
        if not any(p.role == "value" and p.values and p.values[0].value is not None for p in pairs):
            return None
        return Figures(index, end, pairs)

    # -- noise ----------------------------------------------------------------------------------

    def _noise(self, block: Block) -> bool:
        """Chart text, a legend, a status chip, a meta line, a note: part of a card, never its title."""
        text = _text(block).strip()
        if not text:
            return True
        if block.is_table:
            cells = [c for row in block.rows for c in row if c.strip()]
            return all(self._noise(Block(kind="paragraph", page=block.page, text=c)) for c in cells)
        pairs = labelled_pairs(text, self.vocab)
        if pairs and all(p.role in ("polarity", "status", "trend", "period") for p in pairs):
            return True
        activity = self.vocab.activity.find(text)
        return (is_axis_text(text) or is_legend(text, self.label_words) or _is_status(text, self.vocab)
                or self._change_line(text) or (activity is not None and activity[1].start() == 0
                                               and len(text.split()) <= 14)
                or _is_polarity_line(text, self.vocab) or _is_note(text, self.vocab)
                or (len(text.split()) == 1 and not re.search(r"\d", text)) or self._is_key(text))

    def _is_key(self, text: str) -> bool:
        return sum(1 for ch in text if ch in self.vocab.arrows) >= 2 and self.vocab.direction.find(text) is not None

    def _section_heading(self, block: Block) -> bool:
        """A heading that opens a section; a status chip set large ('AMBER') does not."""
        if block.kind != "heading":
            return False
        return bool(STRUCTURAL.match(block.text)) or (0 < block.level <= 2 and not self._noise(block))

    # -- titles ----------------------------------------------------------------------------------

    def title_text(self, block: Block) -> str | None:
        """A block's text as a title: a table only when it is one row of a name and its status chip."""
        if not block.is_table:
            return block.text
        if len(block.rows) != 1:
            return None
        cells = [c.strip() for c in block.rows[0] if c.strip()]
        names = [c for c in cells if not _is_status(c, self.vocab)]
        return " ".join(cells) if len(names) == 1 and len(cells) <= 3 else None

    def _title_score(self, block: Block) -> float | None:
        raw = self.title_text(block)
        if raw is None:
            return None
        text = strip_status(raw, self.vocab)
        words = text.split()
        if not 2 <= len(words) <= LONG_PARAGRAPH or len(re.findall(r"[A-Za-z]{3,}", text)) < 2:
            return None
        if _sentence(text) or self._noise(block) or labelled_pairs(text, self.vocab):
            return None
        score = 0.0
        if self.vocab.measure_words.search(text) or unit_from_name(text):
            score += 2
        if split_code(text)[0] or split_tail_code(text)[0]:
            score += 1
        if len(words) <= 3 and score == 0:
            score -= 2  # "Environment", "Housing Management": a section, not a KPI
        if DOCUMENT_TITLE.search(text) and score <= 0:
            return None  # "Performance Dashboard Quarter 3 2024/25": the paper's own title
        return score

    def _title(self, start: int, floor: int) -> int | None:
        """The card's title: the best-named block walking back from its figures, past its chart,
        status and notes, stopping at the previous card, a section heading or a paragraph of prose."""
        best: tuple[float, int] | None = None
        index = start - 1
        while index >= floor and start - index <= 10:
            block = self.blocks[index]
            if self._section_heading(block):
                # a card title set as large as a section heading still names a measure
                score = self._title_score(block)
                if best is None and score is not None and score > 0:
                    best = (score, index)
                break
            if block.kind == "paragraph" and len(block.text.split()) > LONG_PARAGRAPH:
                break
            score = self._title_score(block)
            if block.is_table and not self._noise(block) and score is None:
                break
            if score is not None and (best is None or score > best[0]):
                best = (score, index)
            if score is not None and self._coded(block):
                break  # a coded title opens this card: the titles before it are earlier cards'
            index -= 1
        return best[1] if best else None

    def _title_row(self, block: Block) -> bool:
        """A table's first row reads as a card's title ('CP01 Percentage of ... AMBER')."""
        text = " ".join(c for c in block.rows[0] if c.strip())
        return self._title_score(Block(kind="heading", page=block.page, text=text)) is not None

    def _coded(self, block: Block) -> bool:
        """A title that opens with or ends in a KPI's code ('CP09 Residents ...', '... (HN04)')."""
        text = strip_status(self.title_text(block) or "", self.vocab)
        return split_code(text)[0] is not None or split_tail_code(text)[0] is not None

    def _name(self, index: int) -> str:
        """The title's text; a title wrapped onto a second line is joined back together."""
        block = self.blocks[index]
        text = self.title_text(block) or ""
        if index > 0 and text[:1].islower():
            above = self.blocks[index - 1]
            if not above.is_table and not self._noise(above) and not _sentence(above.text):
                text = f"{above.text} {text}"
        return text

    # -- the pass ----------------------------------------------------------------------------------

    def _find(self) -> None:
        """The paper's runs of figures in order, each titled by walking back from it; a card is
        settled once the next card's title is known, or once no later title can fall before its
        own end, and the pieces no card can reach any more are let go of as the pass goes on."""
        index = floor = 0
        pending: tuple[int, Figures] | None = None
        pending_end: int | None = None  # where the pending card ends if no later title cuts it short
        while self.blocks.has(index):
            figures = self._figures_at(index)
            if figures is None:
                index += 1
            else:
                block = self.blocks[figures.start]
                inner = self._table_figures(block) if block.is_table else None
                if inner is not None and inner[1] > 0 and self._title_row(block):
                    title: int | None = figures.start  # the title is the table's first row
                else:
                    title = self._title(figures.start, floor)
                if title is not None:
                    if pending is not None:
                        self._card(*pending, limit=title)
                    pending, pending_end = (title, figures), None
                index = floor = figures.end
            # a later run starts at `index` or after, and its title is at most 10 pieces before it
            earliest_title = max(floor, index - 10)
            if pending is not None:
                if pending_end is None:
                    pending_end = self._after_end(pending[1].end, None)
                if pending_end <= earliest_title:
                    self._card(*pending, limit=None)
                    pending = None
            self._release(min(pending[0] - 1 if pending is not None else index, earliest_title - 1))
        if pending is not None:
            self._card(*pending, limit=None)

    def _after_end(self, start: int, limit: int | None) -> int:
        """Where the blocks after a card's figures that belong to it end (before `limit`)."""
        end = start
        while (limit is None or end < limit) and self.blocks.has(end):
            block = self.blocks[end]
            if self._section_heading(block) or self._figures_at(end) is not None:
                break
            if not self._noise(block) and (block.kind != "paragraph" or block.is_table):
                break
            end += 1
        return end

    def _card(self, title: int, figures: Figures, limit: int | None) -> None:
        """The card titled at `title` with these figures, its blocks ending before `limit` (the
        next card's title) or where they end by themselves."""
        title_block = self.blocks[title]
        if title == figures.start:
            rows = title_block.rows
            name = " ".join(c for c in rows[0] if c.strip())
        else:
            name = self._name(title)
        card = Card(title=title_block, name=name, figures=figures, members=[])
        card.inside = self.blocks[title + 1:figures.start]
        end = self._after_end(figures.end, limit)
        for block in self.blocks[figures.end:end]:
            card.after.append(block)
            if not self._noise(block):
                card.commentary.append(block.text)  # a paragraph of commentary
        card.members = self.blocks[title:end]
        self.cards.append(card)
        for block in card.members:
            self.owner[self._ordinal(block)] = card
        self.emits.setdefault(self._ordinal(self.blocks[figures.start]), []).append(card)
        card.origin = self.of(title_block)
        self.context.keep(card.origin, self._ordinal(title_block))
        section = self._section(title)
        if section is not None:
            card.section = section[0]
            self.context.keep(*section)


def cards_of(context: DocumentContext) -> CardReader:
    reader = context.memo.get("cards")
    if not isinstance(reader, CardReader):
        reader = CardReader(context)
        context.memo["cards"] = reader
    return reader


def strip_status(text: str, vocab: Vocabulary) -> str:
    """A title without the RAG chip or status phrase printed beside it ('... collected GREEN')."""
    text = text.strip()
    match = re.search(r"\s+(?:[A-Z]{3,5}|[A-Z][a-z]+(?:\s+[a-z]+){0,3})\s*$", text)
    if match and (label := vocab.rag.exact(match.group(0).strip())) is not None and (
            match.group(0).strip().isupper() or label in normalise(match.group(0)) or len(match.group(0).split()) > 1):
        return text[:match.start()].strip()
    return text


# ---------------------------------------------------------------------------------------------
# Reading a card


def _rag(label: str | None) -> Rag | None:
    return label if label in ("red", "amber", "green") else None  # type: ignore[return-value]


def _previous_period(period: Period | None, label: str, vocab: Vocabulary) -> str | None:
    """The period a previous value's label looks back to, by the `[previous_spans]` words of
    patterns/headers.toml as a table's header is read: 'Last quarter' of Q2 2024/25 is Q1
    2024/25, 'Same quarter last year' Q2 2023/24; 'Last month' of November 2024 is October 2024.
    A label that names a kind of period other than the card's ('Last month' on a quarter's card)
    says nothing of it."""
    if period is None:
        return None
    span = vocab.previous_spans.label(label)
    lower = label.lower()
    if span is None or any(kind in lower and period.kind != kind for kind in ("quarter", "month")):
        return None
    return earlier(period, span)


def _second_code(code: str, name: str) -> bool:
    """Does the name hold another code of the title's family ('CP09 Residents ... CP10 Working days ...')?"""
    prefix = re.match(r"[A-Za-z]+", code)
    return prefix is not None and re.search(rf"\b{re.escape(prefix.group(0))}\s?\d{{1,4}}[a-z]?\b", name) is not None


class CardLayout(Layout):
    name = "card"
    handles = ("table", "heading", "paragraph")
    reads = "cards"

    def detect(self, block: Block, context: DocumentContext) -> float:
        return 0.95 if context.ordinal(block) in cards_of(context).owner else 0.0

    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        reader = cards_of(context)
        ordinal = context.ordinal(block)
        records = [self._read(card, reader, context) for card in reader.emits.get(ordinal, [])] \
            if ordinal is not None else []
        return [record for record in records if record is not None]

    def _read(self, card: Card, reader: CardReader, context: DocumentContext) -> KPIRecord | None:
        vocab = context.vocab
        pairs = card.figures.pairs
        chosen: dict[str, Pair] = {}
        for pair in pairs:
            if pair.role == "previous" and "previous" in chosen:
                # the last period beats the same period a year ago
                if PREVIOUS_YEAR.search(chosen["previous"].label.text) and not PREVIOUS_YEAR.search(pair.label.text):
                    chosen["previous"] = pair
                continue
            if pair.role != "benchmark":
                chosen.setdefault(pair.role, pair)
        value_pair = chosen.get("value")
        if value_pair is None or value_pair.value is None or value_pair.value.value is None:
            return None
        value = value_pair.value

        def figure(role: str) -> Value | None:
            pair = chosen.get(role)
            if pair is None or not pair.values:
                return None
            # a second number under one label is the chart's data label repeating the latest figure
            others = [v for v in pair.values if v.value is not None and v.value != value.value]
            pick = others[0] if len(pair.values) > 1 and others else pair.values[0]
            return pick if pick.value is not None else None

        target, intervention, previous = figure("target"), figure("intervention"), figure("previous")
        text_lines = [strip_status(card.name, vocab)]
        seen: set[int] = set()
        for pair in pairs:
            if pair.block is not None and id(pair.block) not in seen:
                seen.add(id(pair.block))
                text_lines.append(_text(pair.block))
        figures_text = " ".join(text_lines[1:])
        if target is None and "target" not in chosen:
            targets = read_sentence(figures_text, vocab, context.council).of("target")
            target = targets[0].value if targets else None  # "Performance: 3.9 (target 3.5)"

        # everything else the card says: status, polarity, direction, period, activity
        extra = [_text(b) for b in card.inside + card.after if not b.is_table or reader._noise(b)]
        rag = value_pair.rag or self._status(chosen.get("status"), vocab)
        if rag is None:
            rag = self._rag_around(card, extra, vocab)
        polarity = self._polarity(chosen.get("polarity"), extra + [figures_text], vocab)
        code, name = self._name(card.name, vocab)
        if code is not None and _second_code(code, name):
            return None  # two cards' titles run together (side-by-side cards read as one line)
        period = value_pair.label.period
        meta = chosen.get("period")
        if period is None and meta is not None:
            period = parse_period(meta.raw)
        section_block = card.section
        if period is None:
            # the period of the section the card sits in, as its heading left it: a heading inside
            # another card (a chart's note) says nothing of this one
            section = context.section(section_block).period if section_block is not None else None
            if section is not None and section.text in reader.card_periods:
                section = None  # a card's own period line ("Residents' Survey, June 2024") is no section's
            period = section if section is not None else paper_period(context)
        if period is None:
            period = last_time_label([_text(b) for b in card.inside + card.after
                                      if is_axis_text(_text(b)) or b.is_table])
        if period is not None:
            period = complete(period, card.origin, context)

        benchmarks = [Benchmark(name=p.label.comparator or p.label.text, value=p.value.value, text=p.raw,
                                period=p.label.period.text if p.label.period else None)
                      for p in pairs if p.role == "benchmark" and p.value is not None and p.value.value is not None]
        previous_field = None
        if previous is not None:
            prev_pair = chosen["previous"]
            label_period = prev_pair.label.period.text if prev_pair.label.period else None
            previous_field = PreviousValue(value=previous.value, text=previous.text, rag=_rag(prev_pair.rag),
                                           period=label_period or _previous_period(period, prev_pair.label.text,
                                                                                           context.vocab))
        if polarity is None and target is not None and intervention is not None and target.value != intervention.value:
            assert target.value is not None and intervention.value is not None
            polarity = "higher" if intervention.value < target.value else "lower"
        if polarity is None:
            polarity = infer_polarity(value.value, target.value if target else None, rag)
        direction = self._direction(chosen.get("trend"), pairs, value, previous, polarity, reader)
        if direction is None:
            direction = self._moved(card, extra + [figures_text], polarity, reader)
        unit = value.unit if value.unit in MEASURED_UNITS else unit_from_name(name)
        unit = unit or ("count" if value.value is not None and value.value.is_integer() and not re.search(
            r"\b(?:average|mean|median|ratio|index|score)\b", name, re.IGNORECASE) else None)
        section_title = section_block.text if section_block is not None else None
        tag = re.search(r"\(([^()]*)\)\s*$", strip_status(card.name, vocab))
        marked = any(vocab.activity.find(t) for t in [card.name, *extra, figures_text]) or bool(
            tag and vocab.activity_tags.exact(tag.group(1))) or (
            section_title is not None and vocab.activity.find(section_title) is not None)
        judged = target is not None or intervention is not None or rag is not None
        kind = "activity" if not judged and (marked or (unit == "count" and not benchmarks)) else "kpi"
        fields: dict[str, object] = dict(
            indicator=name, code=code, **period_fields(period), value=value.value, value_text=value.text,
            unit=unit, target=target.value if target else None, target_text=target.text if target else None,
            intervention=intervention.value if intervention else None, previous=previous_field,
            polarity=polarity, benchmarks=benchmarks, direction=direction, kind=kind,
            commentary=" ".join(card.commentary) or None,
        )
        if section_title:
            fields["section"] = section_title
        page = value_pair.block.page if value_pair.block is not None else card.title.page
        record = self.record(card.origin or card.title, context, source_text=" / ".join(text_lines), confidence=0.8,
                             page=page,
                             **fields)
        record.rag = _rag(rag)  # the card's own status, never a heading's above it
        return record

    def _name(self, title: str, vocab: Vocabulary) -> tuple[str | None, str]:
        text = strip_status(title, vocab)
        # "(activity indicator)", "(contextual measure)": what kind of figure it is, not its name
        bracket = re.search(r"\s*\(([^()]*)\)\s*$", text)
        if bracket and (vocab.activity.find(bracket.group(1)) or vocab.activity_tags.exact(bracket.group(1))):
            text = text[:bracket.start()]
        code, rest = split_code(text)
        if code is None:
            code, rest = split_tail_code(rest)
        rest = re.sub(r"^\s*[-–:]\s*", "", rest)
        name, _ = clean_name(rest)
        return code, name.strip() or rest.strip()

    def _status(self, pair: Pair | None, vocab: Vocabulary) -> str | None:
        if pair is None:
            return None
        text = pair.raw.split("  ")[0].strip(" .")
        return vocab.rag_symbols.get(text) or vocab.rag.exact(text) or vocab.rag.label(text, min_length=3)

    def _rag_around(self, card: Card, extra: list[str], vocab: Vocabulary) -> str | None:
        """A chip in the title bar or a status line of its own."""
        title = card.name.strip()
        stripped = strip_status(title, vocab)
        if stripped != title:
            return vocab.rag.exact(title[len(stripped):].strip())
        for text in extra:
            clean = text.strip(" .:-–")
            if _is_status(clean, vocab):
                found = vocab.rag.exact(clean) or vocab.rag_symbols.get(clean)
                if found:
                    return found
        return None

    def _polarity(self, pair: Pair | None, texts: list[str], vocab: Vocabulary) -> str | None:
        if pair is not None:
            found = vocab.polarity.label(pair.raw)
            if found:
                return found
        for text in texts:
            for line in re.split(r"\s{2,}", text):
                if _is_polarity_line(line, vocab):
                    return vocab.polarity.exact(line.strip(" ."))
            for phrase in POLARITY_PHRASE.findall(text):
                found = vocab.polarity.exact(phrase)
                if found:
                    return found
        return None

    def _direction(self, pair: Pair | None, pairs: list[Pair], value: Value, previous: Value | None,
                   polarity: str | None, reader: CardReader) -> str | None:
        vocab = reader.vocab
        texts = [pair.raw] if pair is not None else []
        texts += [p.raw for p in pairs if p.role != "trend"]
        for text in texts:
            word = direction_word(text, vocab) if pair is not None and text is pair.raw else None
            if word:
                return word
            found = arrow_direction(text, vocab, reader.key, value.value,
                                    previous.value if previous is not None else None, polarity)
            if found:
                return found
        return None

    def _moved(self, card: Card, texts: list[str], polarity: str | None, reader: CardReader) -> str | None:
        """'▼ 1.3 pts on last quarter': the arrow says which way the figure moved."""
        for text in texts:
            for line in re.split(r"(?=[" + re.escape("".join(reader.vocab.arrows)) + r"]\s*[-+]?\d)", text):
                if not reader._change_line(line):
                    continue
                points = reader.vocab.arrows[line.strip()[0]]
                if points == "level":
                    return "unchanged"
                if polarity is None:
                    return points
                return "improving" if (points == "up") == (polarity == "higher") else "worsening"
        return None
