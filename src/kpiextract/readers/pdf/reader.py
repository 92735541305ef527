"""The PDF reader: page by page into lines and tables, then passes over the whole paper."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Block, Document, Page, PageStore
from ..text import ReadError
from .blocks import Item, Style, page_items, paper_style, settle_tentative, table_block, to_block
from .furniture import RunningLineFinder, drop_furniture, drop_running_lines, page_number_lines
from .glyphs import (
    Shapes,
    UnmappedText,
    coloured_marks,
    has_rulings,
    page_box,
    pdfium_drawing,
    pdfium_edges,
    pdfium_shapes,
    pdfium_words,
)
from .hyphens import Known, Vocabulary
from .joins import PageJoiner
from .lists import attach_marks, with_bullet_glyphs
from .model import BBox, FoundTable, Line, Metrics, PageContent, Word, _inside, compact, group_lines, measure
from .opening import OCR_HINT, _check_bytes, _looks_truncated, _open_pdfium, _pages
from .panels import Band, PanelKey, chart_ticks, find_bands
from .spool import PageSpool
from .swatches import with_statuses
from .tables import ruled_tables
from .unruled import unruled_regions, unruled_tables


def find_tables(words: list[Word], lines: list[Line], edges: list[dict[str, Any]], width: float,
                height: float, ruled: list[FoundTable] | None = None) -> list[FoundTable]:
    """Ruled tables where the page has ruling lines (unless found already); then unruled ones in
    the text left over."""
    metrics = measure(lines)  # the whole page's units, table text included
    if ruled is not None:
        tables = ruled
    else:
        tables = ruled_tables(edges, words, width, height) if has_rulings(edges, metrics.size) else []
    boxes = [t.bbox for t in tables]
    if boxes:
        lines = [line for line in lines if not any(_inside(w, boxes) for w in line.words)]
    numbers = {id(line) for line in page_number_lines(lines, height)}
    unruled, tables = unruled_tables([line for line in lines if id(line) not in numbers], metrics, tables)
    return sorted([*tables, *unruled], key=lambda t: t.bbox[1])


def page_content(number: int, width: float, height: float, words: list[Word],
                 edges: list[dict[str, Any]], shapes: Shapes | None = None) -> PageContent:
    """Tables and the lines of text outside them (drawn bullets put back as "•")."""
    content = PageContent(number=number, width=width, height=height)
    lines = group_lines(words)
    metrics = measure(lines)
    ruled = ruled_tables(edges, words, width, height) if has_rulings(edges, metrics.size) else []
    boxes = [table.bbox for table in ruled]
    # the text outside ruled tables: a card's figure may share a baseline with the mini-table of
    # the card beside it
    free = group_lines([w for w in words if not _inside(w, boxes)]) if boxes else lines
    # a ruled table (a card's mini-table) stands in the band as a line of body text at its middle
    stand_ins = [Line([Word("", x0, x1, top, bottom, metrics.size, False, (top + bottom) / 2)])
                 for x0, top, x1, bottom in boxes]
    bands = find_bands(sorted([*free, *stand_ins], key=lambda line: line.baseline), metrics)
    if bands:
        return _panel_content(content, words, ruled, free, bands, metrics, shapes)
    content.tables = find_tables(words, lines, edges, width, height, ruled=ruled)
    boxes = [table.bbox for table in content.tables]
    lines = group_lines([w for w in words if not _inside(w, boxes)]) if boxes else lines
    _tentative_lines(content.tables, words, shapes)
    content.lines = _lines_of(lines, shapes)
    return _placed(content)


def _panel_content(content: PageContent, words: list[Word], ruled: list[FoundTable], free: list[Line],
                   bands: list[Band], metrics: Metrics, shapes: Shapes | None) -> PageContent:
    """A page with cards side by side (panels.py): each band's columns are read on their own,
    for tables and lines, as the rest of the page is; each keeps its place in reading order.
    A card's chart ticks make lines of their own, never one with the card's figures."""
    held = {id(line) for band in bands for line in band.lines}
    regions: list[tuple[PanelKey | None, list[Word], set[int]]] = [
        (None, [word for line in free if id(line) not in held for word in line.words], set())]
    for band in bands:
        for column, found in enumerate(band.columns()):
            found = [word for word in found if word.text]  # not a ruled table's stand-in
            if found:
                regions.append(((band.top, column), found, {id(word) for word in chart_ticks(found, metrics)}))
    tables: list[FoundTable] = []
    for key, found, ticks in regions:
        if key is None:  # the rest of the page, with the ruled tables (shaded rows stack on text)
            unruled, ruled = unruled_tables(_region_lines(found, ticks), metrics, ruled)
        else:
            unruled, _ = unruled_tables(_region_lines(found, ticks), metrics)
        for table in unruled:
            table.panel = key
        tables += unruled
    for table in ruled:  # a ruled table inside a card (a mini-table) is read with the card
        table.panel = next(((band.top, place) for band in bands
                            if (place := band.column_holding(table.bbox)) is not None), None)
    content.tables = sorted([*ruled, *tables], key=lambda t: t.bbox[1])
    boxes = [table.bbox for table in content.tables]
    _tentative_lines(content.tables, words, shapes)
    content.lines = []
    for key, found, ticks in regions:
        for line in _lines_of(_region_lines([w for w in found if not _inside(w, boxes)], ticks), shapes):
            line.panel = key
            content.lines.append(line)
    content.lines.sort(key=lambda line: line.baseline)
    return _placed(content)


def _region_lines(words: list[Word], apart: set[int]) -> list[Line]:
    """The words' lines, top to bottom, those in `apart` (by id) on lines of their own."""
    kept = group_lines([word for word in words if id(word) not in apart])
    return sorted([*kept, *group_lines([word for word in words if id(word) in apart])], key=lambda line: line.baseline)


def _tentative_lines(tables: list[FoundTable], words: list[Word], shapes: Shapes | None) -> None:
    """A tentative table keeps its lines, to be read as text if no table takes it (blocks.py)."""
    for table in tables:
        if table.tentative:
            table.lines = _lines_of(group_lines([w for w in words if _inside(w, [table.bbox])]), shapes)
            for line in table.lines:
                line.panel = table.panel


def _placed(content: PageContent) -> PageContent:
    number = content.number
    for table in content.tables:
        table.page = number
        table.row_pages = [number] * len(table.rows)
        for line in table.lines:
            line.page = number
    for line in content.lines:
        line.page = number
    return content


def _lines_of(lines: list[Line], shapes: Shapes | None) -> list[Line]:
    """Lines of text as the blocks read them: drawn bullets put back as "•", words in runs."""
    lines = attach_marks(lines, shapes.marks if shapes else [])
    return [compact(with_bullet_glyphs(line)) for line in lines]


def _read_page(index: int, page: Any, vocabulary: Vocabulary | None = None,
               patterns_dir: str | None = None) -> PageContent | None:
    """One page's lines and tables; None if it has no text layer but has images (scanned). The
    page's words go into the paper's `vocabulary`; `patterns_dir` extends the status headers
    that let a lone coloured cell read as a status."""
    words = pdfium_words(page)
    if vocabulary is not None:
        vocabulary.see(words)
    drawing = pdfium_drawing(page)  # one walk over the page's objects, for its rulings and its shapes
    if not words:
        return None if drawing.images else _blank_page(index + 1, page)
    left, bottom, right, top = page_box(page)
    shapes = pdfium_shapes(page, drawing)
    swatches = [*shapes.swatches, *coloured_marks(page, words)]
    if swatches:  # statuses shown only as colour read as the words a status cell would print
        words = with_statuses(words, swatches, patterns_dir)
    return page_content(index + 1, right - left, top - bottom, words, pdfium_edges(page, drawing), shapes)


def _blank_page(number: int, page: Any) -> PageContent:
    left, bottom, right, top = page_box(page)
    return PageContent(number, right - left, top - bottom)


UNMAPPED_TEXT = ("its fonts give no letter for their characters, having no ToUnicode map (as in some PDFs "
                 "printed through PostScript)")
UNMAPPED_HINT = "OCR it, e.g. `ocrmypdf --force-ocr in.pdf out.pdf`"

PAGES_PER_OPENING = 50
"""pdfium keeps what it has parsed of every page it opened (objects, fonts) until the document is
closed: opening it again every so many pages keeps a long paper's memory flat, for the cost of
reading its cross-reference table again."""


@dataclass
class _ReadPages:
    """A paper's pages as read, spooled, with what the passes over the whole paper need of them."""

    spool: PageSpool = field(default_factory=PageSpool)
    running: RunningLineFinder = field(default_factory=RunningLineFinder)
    textless: list[int] = field(default_factory=list)
    unmapped: list[int] = field(default_factory=list)
    """Pages whose text names no letters (`UnmappedText`): read as blank."""
    count: int = 0
    has_text: bool = False
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def add(self, content: PageContent) -> None:
        for table in content.tables:
            table.finder = None  # only `debug` draws it, from analyse_page: here it would hold every edge
        self.count += 1
        self.has_text = self.has_text or bool(content.lines or content.tables)
        self.running.see(content)
        self.spool.append(content)


def _read_pages(path: Path, password: str | None, known: Known = frozenset(),
                patterns_dir: str | None = None) -> _ReadPages:
    read = _ReadPages(vocabulary=Vocabulary(known))
    document = _open_pdfium(path, password)
    try:
        count = len(document)
        if count == 0:
            raise ReadError(f"{path.name}: the PDF has no pages")
        for index in range(count):
            if index and index % PAGES_PER_OPENING == 0:
                document.close()
                document = None
                document = _open_pdfium(path, password)
            page = document[index]
            try:
                try:
                    content = _read_page(index, page, read.vocabulary, patterns_dir)
                except UnmappedText:
                    read.unmapped.append(index + 1)
                    content = _blank_page(index + 1, page)
                if content is None:
                    read.textless.append(index + 1)
                    content = _blank_page(index + 1, page)
            finally:
                page.close()  # pdfium frees the page's parsed content
            # the PDF's own page label ("iv", "A-3") when it sets one; else the footer's number
            content.label = document.get_page_label(index) or None
            read.add(content)
    finally:
        if document is not None:
            document.close()
    return read


def read_pdf(path: Path, password: str | None = None, known: Known = frozenset(),
             patterns_dir: str | None = None) -> Document:
    """Read a PDF paper into a Document; ReadError (one line, for the user) if it cannot be read.
    `known`: words (lower case) that a word a line's end hyphenated may be joined into (hyphens.py),
    or a function giving them, called only if a paper needs them;
    `patterns_dir`: the user's extra vocabulary (--patterns), as the layouts will read it."""
    path = Path(path)
    _check_bytes(path)
    try:
        read = _read_pages(path, password, known, patterns_dir)
    except ReadError:
        raise
    except Exception as error:  # pdfminer/pdfium raise many types on broken files
        raise ReadError(f"{path.name}: the PDF is damaged and cannot be read ({type(error).__name__})") \
            from error
    document = Document(source=path.name)
    textless, unmapped = read.textless, read.unmapped
    if len(unmapped) == read.count or (unmapped and len(textless) + len(unmapped) == read.count):
        raise ReadError(f"{path.name}: the text layer cannot be read on {_pages(unmapped)}: {UNMAPPED_TEXT}; "
                        f"{UNMAPPED_HINT}")
    if not read.has_text and not textless and not unmapped:
        raise ReadError(f"{path.name}: every page is blank (no text, no images)")
    if len(textless) == read.count:
        raise ReadError(f"{path.name}: no text layer on any page ({_pages(textless)}): "
                        f"it looks scanned; {OCR_HINT}")
    if textless:
        document.warnings.append(f"{_pages(textless)} {'has' if len(textless) == 1 else 'have'} no text layer "
                                 f"(scanned?) and {'was' if len(textless) == 1 else 'were'} skipped; {OCR_HINT}")
    if unmapped:
        document.warnings.append(f"the text layer cannot be read on {_pages(unmapped)}, which "
                                 f"{'was' if len(unmapped) == 1 else 'were'} skipped: {UNMAPPED_TEXT}; {UNMAPPED_HINT}")
    if _looks_truncated(path):
        document.warnings.append("the file looks truncated (no end-of-file marker): "
                                 "some content may be missing")
    running = read.running.running()
    read.spool.prepare = lambda content: drop_furniture(content, running)
    style = paper_style(read.spool)
    # stored compressed as they are built: the layouts read them back a page at a time
    document.pages = PageStore(_assemble(read.spool.drain(), style, read.vocabulary))
    return document


def build_pages(contents: Sequence[PageContent]) -> list[Page]:
    """Pages read and held in memory, as the document's pages."""
    drop_running_lines(contents)
    return list(_assemble(contents, paper_style(contents)))


def _assemble(contents: Iterable[PageContent], style: Style, vocabulary: Vocabulary | None = None) -> Iterator[Page]:
    """Each page's blocks, page by page: a page is given out once no later page can add to its
    last table or paragraph, so only the pages a table runs over are held at once."""
    joiner = PageJoiner(style)
    waiting: deque[tuple[int, str | None, list[Item]]] = deque()
    for content in contents:
        items = page_items(content, style)
        joiner.add(items)
        waiting.append((content.number, content.label, items))
        while waiting and not joiner.holds(waiting[0][2]):
            yield _page(*waiting.popleft(), style, vocabulary)
    while waiting:
        yield _page(*waiting.popleft(), style, vocabulary)


def _page(number: int, label: str | None, items: list[Item], style: Style,
          vocabulary: Vocabulary | None = None) -> Page:
    page = Page(number=number, label=label)
    for order, item in enumerate(settle_tentative(items, style), start=1):
        block = table_block(item, order) if isinstance(item, FoundTable) else to_block(item, style, order)
        if vocabulary is not None:
            _mend(block, vocabulary)
        page.blocks.append(block)
    return page


def _mend(block: Block, vocabulary: Vocabulary) -> None:
    """Words a line's end hyphenated, whole again (hyphens.py), in the block's text and cells."""
    block.text, block.page_starts = vocabulary.mend(block.text, block.page_starts)
    block.rows = [[vocabulary.mend(cell)[0] for cell in row] for row in block.rows]


@dataclass
class PageAnalysis:
    """What the reader saw on one page, before the passes over the whole paper."""

    content: PageContent
    blocks: list[Block]
    regions: list[BBox]
    """Column-aligned text tried as an unruled table, whether or not it became one."""


def analyse_page(path: Path, page_number: int, password: str | None = None) -> PageAnalysis:
    """One page's tables, text blocks and unruled-table candidates (ReadError if out of range)."""
    path = Path(path)
    _check_bytes(path)
    document = _open_pdfium(path, password)
    try:
        count = len(document)
        if not 1 <= page_number <= count:
            raise ReadError(f"{path.name}: there is no page {page_number} (the PDF has {count} "
                            f"page{'s' if count != 1 else ''})")
        page = document[page_number - 1]
        try:
            content = _read_page(page_number - 1, page) or _blank_page(page_number, page)
        except UnmappedText:
            raise ReadError(f"{path.name}: the text layer cannot be read on page {page_number}: "
                            f"{UNMAPPED_TEXT}") from None
        finally:
            page.close()
    finally:
        document.close()
    # lines inside a table are gone from content.lines: what is left there was rejected
    regions = [region.bbox for region in unruled_regions(content.lines)]
    regions += [table.bbox for table in content.tables if table.strategy != "lines"]
    style = paper_style([content])
    blocks = [table_block(item, order) if isinstance(item, FoundTable) else to_block(item, style, order)
              for order, item in enumerate(page_items(content, style), start=1)]
    return PageAnalysis(content=content, blocks=blocks, regions=regions)
