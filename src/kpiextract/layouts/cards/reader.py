"""Finding cards among the paper's blocks: the figures' block, the title walked back to past the
chart, status and notes, and the blocks up to the end of the commentary (see the package's
docstring for the reading rules)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import overload

from ...parsing.charts import is_axis_text, is_legend
from ...parsing.direction import arrow_key
from ...parsing.indicators import split_code, unit_from_name
from ...parsing.numbers import Value, parse_value
from ...parsing.subjects import split_tail_code
from ...readers.document import Block
from ...vocab import Vocabulary, normalise
from ..context import STRUCTURAL, DocumentContext
from ..headers import table_header
from .labels import (
    FIGURE_ROLES,
    POLARITY_PHRASE,
    STATUS_IN_BRACKETS,
    Label,
    Pair,
    colonless_pairs,
    grid_pairs,
    label_of,
    label_runs,
    labelled_pairs,
    period_line,
    split_labels,
    strip_status,
    tile_parts,
    value_cells,
)

LONG_PARAGRAPH = 30
"""A paragraph of more words than this is prose: a card's title never walks back past it."""
# words that title the whole document or a page of it, not one card
DOCUMENT_TITLE = re.compile(r"\b(?:report|dashboard|scorecard|summary|appendix|overview|update)\b", re.IGNORECASE)


def off_the_scale(lone: list[tuple[Value, Block]]) -> tuple[Value, Block]:
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


def block_text(block: Block) -> str:
    return block.cell_text() if block.is_table else block.text


def is_status(text: str, vocab: Vocabulary) -> bool:
    """'GREEN', 'Target achieved', 'Within tolerance', 'No target', 'Activity measure – no target'."""
    clean = text.strip(" .:-–")
    if not clean or len(clean.split()) > 6:
        return False
    if vocab.rag.exact(clean) or vocab.rag_symbols.get(clean):
        return True
    found = vocab.activity.find(clean)
    return found is not None and len(normalise(clean).split()) <= len(found[1].group(0).split()) + 3


def is_polarity_line(text: str, vocab: Vocabulary) -> bool:
    """'Bigger is better', 'Lower is better', 'Aim to maximise': a line saying which way is good."""
    clean = text.strip(" .")
    return len(clean.split()) <= 5 and vocab.polarity.exact(clean) is not None and len(clean.split()) >= 2


def is_note(text: str, vocab: Vocabulary) -> bool:
    found = vocab.chart_notes.find(text)
    return text.lstrip().startswith(("*", "†", "‡")) or (found is not None and found[1].start() == 0)


def is_sentence(text: str) -> bool:
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
        self.header_end_words = self.label_words | {
            w for words in self.vocab.comparators.aliases.values() for alias in words for w in normalise(alias).split()}
        """what a mini-table's header line ends with: a label, or a comparator ("... | England")"""
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
                for arrow, meaning in arrow_key([block_text(piece)], self.vocab).items():
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
        return [part for line in order for cell in line if cell for part in tile_parts(cell)]

    def _figures_cell(self, text: str) -> bool:
        """A cell holding a card's figures: its value and at least one labelled companion, or its
        value and its period ('6,842  Quarter 2 2024/25')."""
        if len(tile_parts(text)) == 2:
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
        picked, block = off_the_scale(lone)
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
                normalise(words[-1]).split()) & self.header_end_words:
            return None  # a header line ends with a label's word, or a comparator's
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
        text = block_text(block).strip()
        if not text:
            return True
        if block.is_table:
            cells = [c for row in block.rows for c in row if c.strip()]
            return all(self._noise(Block(kind="paragraph", page=block.page, text=c)) for c in cells)
        pairs = labelled_pairs(text, self.vocab)
        if pairs and all(p.role in ("polarity", "status", "trend", "period") for p in pairs):
            return True
        activity = self.vocab.activity.find(text)
        return (is_axis_text(text) or is_legend(text, self.label_words) or is_status(text, self.vocab)
                or self._change_line(text) or (activity is not None and activity[1].start() == 0
                                               and len(text.split()) <= 14)
                or is_polarity_line(text, self.vocab) or is_note(text, self.vocab)
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
        names = [c for c in cells if not is_status(c, self.vocab)]
        return " ".join(cells) if len(names) == 1 and len(cells) <= 3 else None

    def _title_score(self, block: Block) -> float | None:
        raw = self.title_text(block)
        if raw is None:
            return None
        text = strip_status(raw, self.vocab)
        words = text.split()
        if not 2 <= len(words) <= LONG_PARAGRAPH or len(re.findall(r"[A-Za-z]{3,}", text)) < 2:
            return None
        if is_sentence(text) or self._noise(block) or labelled_pairs(text, self.vocab):
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
            if not above.is_table and not self._noise(above) and not is_sentence(above.text):
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


