"""Read PDF papers into a Document: the same blocks the text reader makes from the same paper.

How the work is split, for speed (see bench/bench_pdf.py):
- pypdfium2 (pdfium, in C) reads each page: its characters with their boxes, sizes and fonts,
  grouped into words and lines, and its ruling lines (the straight pieces of its vector paths).
  Pages with no characters at all are the scanned ones.
- pdfplumber's table geometry (TableFinder: snapping and joining lines, intersections, cells,
  tables) runs on those ruling lines - its "lines" strategy - and, where a page has no grid
  but text stands in aligned columns, on column lines from its "text" strategy
  (`words_to_edges_v`), kept only if they make a plausible multi-column table. Feeding it
  pdfium's lines and words spares pdfminer's slow parse of every page; the tests check that
  the tables and lines come out the same as from pdfplumber's own parse.

Then, over the whole paper: running headers, footers and page numbers are dropped; a table
that runs over a page break becomes one block with its repeated header row dropped (each
row keeps its page in `row_pages`); a paragraph cut by a page break is joined; a wrapped
cell that came out as extra rows is merged back into its row.
"""

from __future__ import annotations

import ctypes
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import Table, TableFinder, words_to_edges_v

from .document import Block, Document, Page
from .text import BULLET, TERMINAL, ReadError, _is_heading

# pdfminer narrates its repairs of damaged files ("Not adding object 7 to xref") on stderr;
# what a user needs to know reaches them as one ReadError line or a Document warning instead
logging.getLogger("pdfminer").setLevel(logging.ERROR)

BBox = tuple[float, float, float, float]

# Ruled tables: pdfplumber's defaults, with the snapping that joins double-drawn cell borders.
LINES_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
# Unruled tables: columns from text alignment, rows from the whitespace between rows.
TEXT_SETTINGS: dict[str, Any] = {
    "min_words_vertical": 2,
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 5,
}
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
STANDALONE_VALUE = re.compile(r"^(?:[-+]?[£$]?\d[\d,]*(?:\.\d+)?\s*%?|n/?a|tbc|-)$", re.IGNORECASE)
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b\b", re.IGNORECASE)
MARGIN_ZONE = 0.09
"""Share of the page height at the top and bottom where running headers and footers sit."""
OCR_HINT = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"


# ---------------------------------------------------------------- page content model


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Line:
    """Words on one baseline, left to right; its box and type are worked out once."""

    words: list[Word]
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)
    size: float = field(init=False)
    text: str = field(init=False)
    bold: bool = field(init=False)

    def __post_init__(self) -> None:
        words = self.words
        self.x0 = words[0].x0
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.size = max(w.size for w in words)
        self.text = _join_words(words)
        self.bold = all(w.bold for w in words)

    def segments(self) -> list[list[Word]]:
        """Runs of words split at gaps wider than a few spaces: the cells of an unruled table row."""
        runs: list[list[Word]] = [[self.words[0]]]
        for word in self.words[1:]:
            previous = runs[-1][-1]
            if word.x0 - previous.x1 > max(previous.size, word.size) * 1.0:
                runs.append([word])
            else:
                runs[-1].append(word)
        return runs


def _join_words(words: Sequence[Word]) -> str:
    """Words with a space between, except where they touch (split only by a change of font)."""
    parts = [words[0].text]
    for previous, word in zip(words, words[1:], strict=False):
        if word.x0 - previous.x1 > min(previous.size, word.size) * 0.1:
            parts.append(" ")
        parts.append(word.text)
    return "".join(parts)


@dataclass
class FoundTable:
    bbox: BBox
    rows: list[list[str]]
    columns: list[float]
    """x of each column's left edge: a table continued on the next page keeps its columns."""
    strategy: str
    """How it was found: "lines" (ruled), "text" or "text-columns" (aligned text)."""
    cells: list[BBox] = field(default_factory=list)
    finder: TableFinder | None = field(default=None, repr=False)
    """The pdfplumber TableFinder that found it, for `kpiextract.debug` to draw."""
    page: int = 0
    row_pages: list[int] = field(default_factory=list)


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[FoundTable] = field(default_factory=list)


# ---------------------------------------------------------------- opening and triage


def _check_bytes(path: Path) -> None:
    """Fail early, with a plain message, on what is not a PDF at all."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise ReadError(f"{path.name}: cannot read ({error.strerror or error})") from error
    if not head.strip():
        raise ReadError(f"{path.name}: the file is empty")
    if b"%PDF-" in head:
        return
    kind = _sniff(head)
    raise ReadError(f"{path.name}: not a PDF{f' (looks like {kind})' if kind else ''} despite its .pdf name")


def _sniff(head: bytes) -> str | None:
    lowered = head.lstrip().lower()
    if head.startswith(b"PK\x03\x04"):
        return "a Word/Excel file or a zip archive"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word/Excel file"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "a web page"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "an image"
    return None


def _open_pdfium(path: Path, password: str | None) -> Any:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                raise ReadError(f"{path.name}: the PDF is encrypted: pass its password with --password") \
                    from error
            raise ReadError(f"{path.name}: the PDF is encrypted and the password given is wrong "
                            "(pass the right one with --password)") from error
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError(f"{path.name}: the PDF uses an unsupported encryption scheme") from error
        if _has_no_pages(path, password):
            raise ReadError(f"{path.name}: the PDF has no pages") from error
        if _looks_truncated(path):
            raise ReadError(f"{path.name}: the PDF is truncated (it stops part way): download or copy it "
                            "again") from error
        raise ReadError(f"{path.name}: the PDF is damaged and cannot be read") from error


def _has_no_pages(path: Path, password: str | None) -> bool:
    """pdfium refuses a PDF with an empty page tree; pdfminer opens it and counts none."""
    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            return len(pdf.pages) == 0
    except Exception:  # noqa: BLE001 - any failure here just means "not that case"
        return False


def _looks_truncated(path: Path) -> bool:
    """No %%EOF near the end: the download or copy stopped part way."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 2048))
        return b"%%EOF" not in handle.read()


def _pages(numbers: Sequence[int]) -> str:
    """[4] -> 'page 4'; [1, 2, 3, 7] -> 'pages 1-3, 7'."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    listed = ", ".join(str(s[0]) if len(s) == 1 else f"{s[0]}-{s[-1]}" for s in spans)
    return f"page {listed}" if len(numbers) == 1 else f"pages {listed}"


# ---------------------------------------------------------------- pdfium: words and ruling lines


# FPDFText_GetTextObject returning the object's address as an int: comparing addresses per
# character is how a change of font inside a word ("**months**-") is seen, cheaply
_TEXT_OBJECT_ADDRESS = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0)


class _FontCache:
    """Bold or not for each font: a name lookup per font, not per character."""

    def __init__(self) -> None:
        self.bold: dict[int | None, bool] = {}
        self.buffer = ctypes.create_string_buffer(256)

    def is_bold(self, text_object: int | None, textpage: Any, index: int) -> bool:
        font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(text_object, pdfium_c.FPDF_PAGEOBJECT)) \
            if text_object else None
        key = ctypes.cast(font, ctypes.c_void_p).value if font else None
        cached = self.bold.get(key)
        if cached is None:
            cached = self._lookup(font, textpage, index)
            self.bold[key] = cached
        return cached

    def _lookup(self, font: Any, textpage: Any, index: int) -> bool:
        if font:
            length = pdfium_c.FPDFFont_GetBaseFontName(font, self.buffer, len(self.buffer))
            if length and BOLD_FONT.search(self.buffer.value.decode("latin-1", "replace")):
                return True
        return bool(pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600)


def _page_text(textpage: Any, count: int) -> str:
    text: str = textpage.get_text_range()
    if len(text) == count:
        return text
    # characters outside the BMP shift the text against the char list: read them one by one
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(count))


def pdfium_words(page: Any) -> list[Word]:
    """Every word on the page, top-left origin like pdfplumber, from pdfium's character boxes."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return []
        left, _, _, top = page_box(page)
        return _words_from_chars(raw, _page_text(textpage, count), left, top)
    finally:
        textpage.close()


def _words_from_chars(raw: Any, text: str, left: float, height: float) -> list[Word]:
    # the hot loop of the fast path: three pdfium calls per character, a few more per word;
    # a word ends at a space, a gap, a change of line or a change between bold and regular
    fonts = _FontCache()
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    char_box = pdfium_c.FPDFText_GetLooseCharBox
    words: list[Word] = []
    chars: list[str] = []
    x0 = x1 = top = bottom = size = 0.0
    bold = char_bold = False
    last_object: int | None = -1
    for index, char in enumerate(text):
        if char <= " " or char in "\xa0\ufffe\uffff":
            if chars:
                words.append(Word("".join(chars), x0, x1, top, bottom, size, bold))
                chars = []
            continue
        char_box(raw, index, rect_ref)
        char_top = height - rect.top
        text_object = _TEXT_OBJECT_ADDRESS(raw, index)
        if text_object != last_object:
            last_object = text_object
            char_bold = fonts.is_bold(text_object, raw, index)
        if chars and (rect.left - left - x1 > size * 0.2 or abs(char_top - top) > size * 0.5
                      or char_bold != bold):
            words.append(Word("".join(chars), x0, x1, top, bottom, size, bold))
            chars = []
        if not chars:
            x0, x1, top, bottom = rect.left - left, rect.right - left, char_top, height - rect.bottom
            size = pdfium_c.FPDFText_GetFontSize(raw, index) or (bottom - top)
            bold = char_bold
        else:
            x1 = max(x1, rect.right - left)
            bottom = max(bottom, height - rect.bottom)
        chars.append(char)
    if chars:
        words.append(Word("".join(chars), x0, x1, top, bottom, size, bold))
    return words


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _object_matrix(page_object: Any, outer: Matrix) -> Matrix:
    raw = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(page_object, raw):
        return outer
    a, b, c, d, e, f = raw.a, raw.b, raw.c, raw.d, raw.e, raw.f
    oa, ob, oc, od, oe, of = outer
    return (a * oa + b * oc, a * ob + b * od, c * oa + d * oc, c * ob + d * od,
            e * oa + f * oc + oe, e * ob + f * od + of)


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    """A ruling line in pdfplumber's edge format (top-left origin)."""
    x0, x1 = min(x0, x1), max(x0, x1)
    top, bottom = min(top, bottom), max(top, bottom)
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": "h" if bottom - top < 1 else "v"}


def _path_edges(path: Any, matrix: Matrix, origin: tuple[float, float], edges: list[dict[str, Any]]) -> None:
    """The straight horizontal and vertical pieces of a path, in page coordinates."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e - origin[0], origin[1] - (b * x.value + d * y.value + f))
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
            start = previous = point
            continue
        _add_segment(previous, point, edges)
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_segment(point, start, edges)
            previous = start


def _add_segment(p0: tuple[float, float], p1: tuple[float, float], edges: list[dict[str, Any]]) -> None:
    dx, dy = abs(p0[0] - p1[0]), abs(p0[1] - p1[1])
    if (dy < 1 <= dx) or (dx < 1 <= dy):  # diagonals and dots never bound a cell
        edges.append(_edge(p0[0], p0[1], p1[0], p1[1]))


def pdfium_edges(page: Any) -> list[dict[str, Any]]:
    """Ruling lines and cell borders from the page's vector paths, Form XObjects included."""
    edges: list[dict[str, Any]] = []
    left, _, _, top = page_box(page)
    origin = (left, top)

    def walk(count: int, get: Any, parent: Any, matrix: Matrix, depth: int) -> None:
        for index in range(count):
            page_object = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(page_object)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                _path_edges(page_object, _object_matrix(page_object, matrix), origin, edges)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                walk(pdfium_c.FPDFFormObj_CountObjects(page_object), pdfium_c.FPDFFormObj_GetObject,
                     page_object, _object_matrix(page_object, matrix), depth + 1)

    walk(pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, page.raw, IDENTITY, 0)
    return edges


def has_rulings(edges: Sequence[dict[str, Any]]) -> bool:
    """Enough lines longer than a word, both ways, to make a grid."""
    long_edges = [e for e in edges if max(e["width"], e["height"]) >= 15]
    return any(e["orientation"] == "h" for e in long_edges) and sum(
        1 for e in long_edges if e["orientation"] == "v") >= 2


def plumber_words(page: Any) -> list[Word]:
    """The same words from pdfplumber's own parse: the tests check the fast path against it."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 float(w["size"]), bool(BOLD_FONT.search(str(w["fontname"])))) for w in words]


def plumber_edges(page: Any) -> list[dict[str, Any]]:
    return [dict(edge) for edge in page.edges]


def page_box(page: Any) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the visible page in PDF space, before any /Rotate.

    Words and lines are measured from its top-left corner in the unrotated frame: a page
    printed sideways (/Rotate 90) still reads left to right, as its author wrote it.
    """
    left, bottom, right, top = page.get_bbox()
    return float(left), float(bottom), float(right), float(top)


# ---------------------------------------------------------------- words -> lines


def group_lines(words: Sequence[Word]) -> list[Line]:
    """Words on the same baseline band make a line, read left to right; lines top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        middle = (word.top + word.bottom) / 2
        if lines:
            current = lines[-1]
            line_middle = sum((w.top + w.bottom) / 2 for w in current[:3]) / min(len(current), 3)
            if abs(middle - line_middle) <= max(word.size, current[0].size) * 0.4:
                current.append(word)
                continue
        lines.append([word])
    return [Line(sorted(line, key=lambda w: w.x0)) for line in lines]


def _centre_in(word: Word, box: BBox, slack: float = 0.0) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    x0, top, x1, bottom = box
    return x0 - slack <= cx <= x1 + slack and top - slack <= cy <= bottom + slack


def _inside(word: Word, boxes: Sequence[BBox]) -> bool:
    return any(_centre_in(word, box, 1.0) for box in boxes)


# ---------------------------------------------------------------- table geometry (pdfplumber)


class _PageBox:
    """What pdfplumber's TableFinder needs of a page when every line it uses is given explicitly."""

    def __init__(self, width: float, height: float) -> None:
        self.bbox = (0.0, 0.0, width, height)


def table_finder(vertical: list[Any], horizontal: list[Any], width: float, height: float,
                 settings: dict[str, Any] | None = None) -> TableFinder | None:
    """pdfplumber's table geometry (snapping, joining, intersections, cells) on given lines.

    The lines come from pdfium (or from pdfplumber's own parse on awkward pages), so the
    slow pdfminer parse of the page is not needed to find its tables.
    """
    if len(vertical) < 2 or len(horizontal) < 2:
        return None
    resolved = dict(settings or LINES_SETTINGS, vertical_strategy="explicit", horizontal_strategy="explicit",
                    explicit_vertical_lines=vertical, explicit_horizontal_lines=horizontal)
    return TableFinder(cast(Any, _PageBox(width, height)), resolved)


def cell_text(words: Sequence[Word]) -> str:
    return " ".join(line.text for line in group_lines(words))


def table_rows(table: Table, words: Sequence[Word]) -> list[list[str]]:
    """Each cell's text from the words whose centre falls in it; None (spanned) cells -> ''."""
    inside = [word for word in words if _centre_in(word, table.bbox, 1.0)]
    rows: list[list[str]] = []
    for row in table.rows:
        row_words = [word for word in inside if _centre_in(word, row.bbox, 0.5)]
        rows.append(["" if cell is None else cell_text([w for w in row_words if _centre_in(w, cell, 0.5)])
                     for cell in row.cells])
    return clean_rows(rows)


def clean_rows(rows: Sequence[Sequence[str | None]]) -> list[list[str]]:
    """None -> '', newlines inside a cell -> spaces; rows with nothing in them dropped."""
    cleaned = [[re.sub(r"\s+", " ", cell or "").strip() for cell in row] for row in rows]
    return [row for row in cleaned if any(row)]


def _table_columns(table: Table) -> list[float]:
    return sorted({round(float(cell[0]), 1) for cell in table.cells})


def ruled_tables(edges: list[dict[str, Any]], words: Sequence[Word], width: float,
                 height: float) -> list[FoundTable]:
    """Tables drawn with ruling lines or cell borders ("lines" strategy)."""
    usable = [e for e in edges if max(e["width"], e["height"]) >= 1]
    finder = table_finder([e for e in usable if e["orientation"] == "v"],
                          [e for e in usable if e["orientation"] == "h"], width, height)
    found: list[FoundTable] = []
    for table in finder.tables if finder else []:
        rows = table_rows(table, words)
        if rows and max(len(row) for row in rows) >= 2:
            found.append(FoundTable(bbox=_bbox(table.bbox), rows=rows, columns=_table_columns(table),
                                    strategy="lines", cells=list(table.cells), finder=finder))
    return found


def _bbox(box: Sequence[float]) -> BBox:
    return (float(box[0]), float(box[1]), float(box[2]), float(box[3]))


# ---------------------------------------------------------------- unruled tables


@dataclass
class Region:
    """Lines whose text sits in aligned columns: an unruled table candidate."""

    lines: list[Line]
    columns: list[list[float]]
    """[x0, x1] of each column's text."""

    @property
    def bbox(self) -> BBox:
        return (min(line.x0 for line in self.lines), min(line.top for line in self.lines),
                max(line.x1 for line in self.lines), max(line.bottom for line in self.lines))

    def multi_segment_lines(self) -> int:
        return sum(1 for line in self.lines if len(line.segments()) >= 2)


def _fits(region: Region, line: Line) -> bool:
    """Every run of the line starts at a known column and stays inside it, or opens a new column."""
    segments = line.segments()
    starts = sorted(column[0] for column in region.columns)
    new_columns: list[list[float]] = []
    for segment in segments:
        x0, x1 = segment[0].x0, max(w.x1 for w in segment)
        column = next((c for c in region.columns if abs(c[0] - x0) <= 4), None)
        following = [s for s in starts if s > x0 + 4]
        if following and x1 > following[0] - 1:
            return False  # runs across the next column: prose, not a cell
        if column is None:
            if len(segments) < 2 or any(c[0] - 4 <= x0 <= c[1] for c in region.columns):
                return False
            new_columns.append([x0, x1])
        else:
            column[1] = max(column[1], x1)
    region.columns.extend(new_columns)
    return True


def unruled_regions(lines: Sequence[Line]) -> list[Region]:
    """Runs of consecutive lines laid out in two or more aligned columns."""
    regions: list[Region] = []
    current: Region | None = None
    for index, line in enumerate(lines):
        gap = line.top - lines[index - 1].bottom if index else 0.0
        if current is not None and (gap > line.size * 2.5 or not _fits(current, line)):
            regions.append(current)
            current = None
        if current is None:
            segments = line.segments()
            if len(segments) < 2:
                continue
            current = Region([], [[s[0].x0, max(w.x1 for w in s)] for s in segments])
        current.lines.append(line)
    if current is not None:
        regions.append(current)
    return [r for r in regions if len(r.columns) >= 2 and r.multi_segment_lines() >= 2]


def row_cuts(region: Region) -> list[float]:
    """Horizontal cuts between table rows: where the space between lines is wider than leading.

    Cutting rows by whitespace, not at every text line, keeps a wrapped cell in one row
    (the text strategy's classic failure, pdfplumber issues 19 and 488).
    """
    lines = region.lines
    size = Counter(round(line.size, 1) for line in lines).most_common(1)[0][0]
    top, bottom = region.bbox[1], region.bbox[3]
    cuts = [top - 1]
    for line, following in zip(lines, lines[1:], strict=False):
        if following.top - line.bottom > size * 0.55:
            cuts.append((line.bottom + following.top) / 2)
    cuts.append(bottom + 1)
    return cuts


def _column_edges(region: Region) -> list[float]:
    starts = sorted(column[0] for column in region.columns)
    right = max(column[1] for column in region.columns)
    return [starts[0] - 2, *[s - 2 for s in starts[1:]], right + 2]


def _plausible(rows: list[list[str]], expected_columns: int) -> bool:
    """A real table: two or more columns used on two or more rows, not prose cut into pieces."""
    if not rows or len(rows[0]) < 2 or abs(len(rows[0]) - expected_columns) > 1:
        return False
    filled_rows = sum(1 for row in rows if sum(1 for cell in row if cell.strip()) >= 2)
    used_columns = sum(1 for i in range(len(rows[0])) if any(i < len(r) and r[i].strip() for r in rows))
    return filled_rows >= 2 and used_columns >= 2


def _word_dict(word: Word) -> dict[str, Any]:
    return {"text": word.text, "x0": word.x0, "x1": word.x1, "top": word.top, "bottom": word.bottom,
            "doctop": word.top}


def text_alignment_edges(words: Sequence[Word], region: Region) -> list[Any]:
    """pdfplumber's "text" strategy: column lines where 2+ words share a left, right or centre.

    Inside a wrapped paragraph cell, words line up by chance and the strategy cuts the cell
    into columns; a real column line runs through whitespace on every line, so the lines
    that cross a run of text are dropped.
    """
    box = region.bbox
    inside = [_word_dict(w) for w in words if _centre_in(w, box, 1.0)]
    edges = words_to_edges_v(inside, word_threshold=TEXT_SETTINGS["min_words_vertical"])
    spans = [(s[0].x0, max(w.x1 for w in s)) for line in region.lines for s in line.segments()]
    kept = [dict(edge, object_type="line", doctop=edge["top"]) for edge in edges
            if not any(x0 + 1 < edge["x0"] < x1 - 1 for x0, x1 in spans)]
    if not kept:
        return []
    # the region's own sides close the outer columns when their words did not line up
    left, top, right, bottom = box
    return [*kept, _edge(left - 2, top - 1, left - 2, bottom + 1), _edge(right + 2, top - 1, right + 2, bottom + 1)]


def unruled_table(region: Region, words: Sequence[Word], width: float, height: float) -> FoundTable | None:
    """The text strategy's columns in the region; explicit column edges if it misreads them."""
    x0, top, x1, bottom = region.bbox
    cuts = [_edge(x0 - 2, y, x1 + 2, y) for y in row_cuts(region)]
    explicit = [_edge(x, top - 1, x, bottom + 1) for x in _column_edges(region)]
    for strategy, columns in (("text", text_alignment_edges(words, region)), ("text-columns", explicit)):
        finder = table_finder(columns, cuts, width, height, TEXT_SETTINGS)
        if finder is None or not finder.tables:
            continue
        table = max(finder.tables, key=lambda t: (t.bbox[2] - t.bbox[0]) * (t.bbox[3] - t.bbox[1]))
        rows = table_rows(table, words)
        if _plausible(rows, len(region.columns)):
            return FoundTable(bbox=_bbox(table.bbox), rows=rows, columns=_table_columns(table),
                              strategy=strategy, cells=list(table.cells), finder=finder)
    return None


# ---------------------------------------------------------------- continuation rows


def _is_standalone_value(cell: str) -> bool:
    return bool(STANDALONE_VALUE.match(cell.strip()))


def merge_continuation_rows(rows: list[list[str]], pages: list[int]) -> tuple[list[list[str]], list[int]]:
    """Fold rows that only carry on the text of the row above (empty key cell) back into it.

    pdfplumber splits a wrapped cell into extra rows when the lines around it are missing or
    the cell runs over a page (issues 19, 285, 488): such a row has an empty first cell, and
    words, not new figures, in the rest.
    """
    merged: list[list[str]] = []
    merged_pages: list[int] = []
    for row, page in zip(rows, pages, strict=True):
        continuation = (
            len(merged) >= 2
            and not row[0].strip()
            and any(cell.strip() for cell in row)
            and not any(_is_standalone_value(cell) for cell in row if cell.strip())
        )
        if continuation:
            above = merged[-1]
            above.extend([""] * (len(row) - len(above)))
            for index, cell in enumerate(row):
                if cell.strip():
                    above[index] = f"{above[index]} {cell}".strip()
            continue
        merged.append(list(row))
        merged_pages.append(page)
    return merged, merged_pages


# ---------------------------------------------------------------- reading a page


def find_tables(words: list[Word], lines: list[Line], edges: list[dict[str, Any]], width: float,
                height: float) -> list[FoundTable]:
    """Ruled tables where the page has ruling lines; then unruled ones in the text left over."""
    tables = ruled_tables(edges, words, width, height) if has_rulings(edges) else []
    boxes = [t.bbox for t in tables]
    if boxes:
        lines = [line for line in lines if not any(_inside(w, boxes) for w in line.words)]
    for region in unruled_regions(lines):
        table = unruled_table(region, words, width, height)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.bbox[1])


def page_content(number: int, width: float, height: float, words: list[Word],
                 edges: list[dict[str, Any]]) -> PageContent:
    """Tables and the lines of text outside them."""
    content = PageContent(number=number, width=width, height=height)
    lines = group_lines(words)
    content.tables = find_tables(words, lines, edges, width, height)
    boxes = [table.bbox for table in content.tables]
    content.lines = group_lines([w for w in words if not _inside(w, boxes)]) if boxes else lines
    content.lines = [compact(line) for line in content.lines]
    for table in content.tables:
        table.page = number
        table.row_pages = [number] * len(table.rows)
    return content


def compact(line: Line) -> Line:
    """The line with its words merged into runs of one style: a long paper's pages are all kept
    until the paper is read, so each line should cost a few objects, not one per word.

    Runs break where bold or size changes and at gaps wider than a space, so the line's text,
    bold phrases and column runs (`segments`) stay as they were.
    """
    runs: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        last = runs[-1][-1]
        if word.bold == last.bold and word.size == last.size and word.x0 - last.x1 <= max(word.size, last.size):
            runs[-1].append(word)
        else:
            runs.append([word])
    merged = [Word(_join_words(run), run[0].x0, max(w.x1 for w in run), min(w.top for w in run),
                   max(w.bottom for w in run), run[0].size, run[0].bold) for run in runs]
    return Line(merged)


# ---------------------------------------------------------------- running headers and footers


def _zone(line: Line, page: PageContent) -> str | None:
    if line.bottom <= page.height * MARGIN_ZONE:
        return "top"
    if line.top >= page.height * (1 - MARGIN_ZONE):
        return "bottom"
    return None


def _margin_keys(line: Line, page: PageContent) -> list[tuple[str, str, float]]:
    """(zone, text, distance from the page edge), as printed and with the page's number as '#'."""
    zone = _zone(line, page)
    if zone is None:
        return []
    text = re.sub(r"\s+", " ", line.text.lower()).strip()
    numbered = re.sub(rf"(?<!\d){page.number}(?!\d)", "#", text)
    offset = line.top if zone == "top" else page.height - line.bottom
    return [(zone, text, offset), (zone, numbered, offset)] if numbered != text else [(zone, text, offset)]


RunningLines = dict[tuple[str, str], list[float]]


def drop_running_lines(pages: Sequence[PageContent]) -> None:
    """Page numbers, and lines repeated at the same place in the margin of many pages, are furniture."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for page in pages:
        if len(page.lines) < 2:  # a page's only line is its content
            continue
        for line in page.lines:
            for zone, text, offset in _margin_keys(line, page):
                seen.setdefault((zone, text), []).append((page.number, offset))
    text_pages = sum(1 for page in pages if page.lines)
    needed = max(2, round(text_pages * 0.3))
    running: RunningLines = {}
    for key, hits in seen.items():
        for _, offset in hits:
            if len({number for number, other in hits if abs(other - offset) <= 4}) >= needed:
                running.setdefault(key, []).append(offset)
    for page in pages:
        if len(page.lines) > 1:
            page.lines = [line for line in page.lines if not _is_furniture(line, page, running)]


def _is_furniture(line: Line, page: PageContent, running: RunningLines) -> bool:
    keys = _margin_keys(line, page)
    if keys and PAGE_NUMBER.match(line.text.strip()):
        return True
    return any(abs(offset - other) <= 4 for zone, text, offset in keys for other in running.get((zone, text), []))


# ---------------------------------------------------------------- lines -> blocks


@dataclass
class RawBlock:
    """Lines of one paragraph, heading or bullet before it is classified."""

    page: int
    lines: list[Line]

    @property
    def text(self) -> str:
        text = ""
        for line in self.lines:
            part = line.text
            # a word broken at a hyphen by the line wrap: 're-' + 'referral' -> 're-referral'
            if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
                text += part
            else:
                text = f"{text} {part}" if text else part
        return text

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line.words]

    @property
    def bbox(self) -> BBox:
        return (min(line.x0 for line in self.lines), min(line.top for line in self.lines),
                max(line.x1 for line in self.lines), max(line.bottom for line in self.lines))

    @property
    def size(self) -> float:
        sizes: Counter[float] = Counter()
        for word in self.words:
            sizes[round(word.size, 1)] += len(word.text)
        return sizes.most_common(1)[0][0]


Item = RawBlock | FoundTable


def _starts_bullet(line: Line) -> bool:
    return bool(BULLET.match(line.text))


def _heading_like(line: Line, text_right: float) -> bool:
    """A whole-bold line that stops well short of the right margin stands alone (a heading)."""
    return line.bold and line.x1 < text_right - 40


def split_blocks(page: PageContent, text_right: float) -> list[RawBlock]:
    """Consecutive lines form one block until a gap, a change of size, a bullet or a heading."""
    blocks: list[RawBlock] = []
    for line in page.lines:
        if blocks:
            previous = blocks[-1].lines[-1]
            size = max(previous.size, line.size)
            joined = (
                line.top - previous.bottom <= size * 0.5
                and abs(line.size - previous.size) <= 0.6
                and not _starts_bullet(line)
                and not (_heading_like(previous, text_right) and not line.bold)
            )
            if joined:
                blocks[-1].lines.append(line)
                continue
        blocks.append(RawBlock(page=page.number, lines=[line]))
    return blocks


def page_items(page: PageContent, text_right: float) -> list[Item]:
    """Text blocks and tables in reading order (top to bottom)."""
    items: list[Item] = [*split_blocks(page, text_right), *page.tables]
    return sorted(items, key=lambda item: item.bbox[1])


@dataclass
class Style:
    """What the paper's body text looks like, to tell headings and bullet depth from it."""

    body_size: float
    left: float
    right: float
    bullet_indents: list[float] = field(default_factory=list)
    """Where bullets start, left to right: the first is depth 0, the next depth 1..."""

    def bullet_depth(self, x0: float) -> int:
        if not self.bullet_indents:
            return 0
        return min(range(len(self.bullet_indents)), key=lambda i: abs(self.bullet_indents[i] - x0))


def paper_style(pages: Sequence[PageContent]) -> Style:
    sizes: Counter[float] = Counter()
    lefts: Counter[int] = Counter()
    rights: list[float] = []
    bullets: list[float] = []
    for page in pages:
        for line in page.lines:
            for word in line.words:
                sizes[round(word.size, 1)] += len(word.text)
            lefts[round(line.x0)] += 1
            rights.append(line.x1)
            if _starts_bullet(line) and not line.text[:1].isdigit():  # numbered headings sit at the margin
                bullets.append(line.x0)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    left = float(lefts.most_common(1)[0][0]) if lefts else 0.0
    rights.sort()
    right = rights[int(len(rights) * 0.9)] if rights else 0.0
    return Style(body_size=body, left=left, right=right, bullet_indents=_clusters(bullets, 4.0))


def _clusters(values: list[float], tolerance: float) -> list[float]:
    """Distinct positions among values, each within tolerance of its neighbours, left to right."""
    centres: list[list[float]] = []
    for value in sorted(values):
        if centres and value - centres[-1][-1] <= tolerance:
            centres[-1].append(value)
        else:
            centres.append([value])
    return [sum(group) / len(group) for group in centres]


def heading_level(size: float, body: float) -> int:
    ratio = size / body if body else 1.0
    for threshold, level in ((1.5, 1), (1.3, 2), (1.15, 3), (1.05, 4)):
        if ratio >= threshold:
            return level
    return 0


def bold_phrases(raw: RawBlock) -> list[str]:
    phrases: list[list[str]] = []
    previous_bold = False
    for word in raw.words:
        if word.bold:
            if previous_bold:
                phrases[-1].append(word.text)
            else:
                phrases.append([word.text])
        previous_bold = word.bold
    return [" ".join(words) for words in phrases]


def to_block(raw: RawBlock, style: Style, order: int) -> Block:
    """Classify like the text reader: bullets, headings (bold, larger or short lines), paragraphs."""
    text = raw.text
    bullet = BULLET.match(text)
    body = re.sub(r"\s+", " ", text[bullet.end():] if bullet else text).strip() or text
    bold = bold_phrases(raw)
    whole_bold = all(word.bold for word in raw.words)
    level = heading_level(raw.size, style.body_size)
    numbered = bullet is not None and bullet.group(0).strip()[:1].isdigit()
    larger = level > 0 and len(body.split()) <= 30
    if (not bullet or numbered) and (whole_bold or larger or _is_heading(body)):
        # a larger-type title ("1. Introduction") keeps its number and colon, as a markdown heading does
        title = re.sub(r"\s+", " ", text).strip() if level > 0 else body.strip("*: ").strip() or body
        if level == 0 and numbered and bullet is not None:
            title = f"{bullet.group(0).strip()} {title}"  # as the text reader: "4. Education" opens a section
        return Block(kind="heading", page=raw.page, text=title, level=level, bold=bold, line=order,
                     bbox=raw.bbox)
    depth = style.bullet_depth(raw.lines[0].x0) if bullet else 0
    return Block(kind="paragraph", page=raw.page, text=body, bullet=bool(bullet), level=depth, bold=bold,
                 line=order, bbox=raw.bbox)


def table_block(table: FoundTable, order: int) -> Block:
    rows, pages = merge_continuation_rows(table.rows, table.row_pages)
    return Block(kind="table", page=table.page, rows=rows, row_pages=pages, line=order, bbox=table.bbox)


# ---------------------------------------------------------------- across pages


def _same_row(a: Sequence[str], b: Sequence[str]) -> bool:
    return [c.strip().lower() for c in a] == [c.strip().lower() for c in b]


def _continues(above: FoundTable, below: FoundTable) -> bool:
    """The table at the top of a page carries on the one that ended the page before."""
    width = len(above.rows[0]) if above.rows else 0
    if not below.rows or len(below.rows[0]) != width:
        return False
    if _same_row(above.rows[0], below.rows[0]):
        return True
    return len(above.columns) == len(below.columns) and all(
        abs(a - b) <= 3 for a, b in zip(above.columns, below.columns, strict=True))


def _paragraph_goes_on(above: RawBlock, below: RawBlock, style: Style) -> bool:
    """A paragraph cut by the page break: no full stop yet, and the next page goes straight on."""
    text = above.text
    if text.endswith(TERMINAL) or len(text.split()) <= 14:
        return False
    first = below.lines[0]
    if _starts_bullet(first) or first.bold or heading_level(below.size, style.body_size) > 0:
        return False
    return abs(below.size - above.size) <= 0.6


def join_pages(items_by_page: list[list[Item]], style: Style) -> None:
    """Join what a page break cut in two: tables (header row dropped again) and paragraphs."""
    carried: Item | None = None  # the last item read so far: a table may run over several pages
    for items in items_by_page:
        if carried is not None and items:
            below = items[0]
            if isinstance(carried, FoundTable) and isinstance(below, FoundTable) \
                    and _continues(carried, below):
                rows, pages = below.rows, below.row_pages
                if _same_row(carried.rows[0], rows[0]):
                    rows, pages = rows[1:], pages[1:]
                carried.rows.extend(rows)
                carried.row_pages.extend(pages)
                items.pop(0)
            elif (isinstance(carried, RawBlock) and isinstance(below, RawBlock)
                  and _paragraph_goes_on(carried, below, style)):
                carried.lines.extend(below.lines)
                items.pop(0)
        if items:
            carried = items[-1]


# ---------------------------------------------------------------- the reader


def _read_page(index: int, page: Any) -> PageContent | None:
    """One page's lines and tables; None if it has no text layer."""
    words = pdfium_words(page)
    if not words:
        return None
    left, bottom, right, top = page_box(page)
    return page_content(index + 1, right - left, top - bottom, words, pdfium_edges(page))


def _blank_page(number: int, page: Any) -> PageContent:
    left, bottom, right, top = page_box(page)
    return PageContent(number, right - left, top - bottom)


def _read_pages(path: Path, password: str | None) -> tuple[list[PageContent], list[int]]:
    document = _open_pdfium(path, password)
    contents: list[PageContent] = []
    textless: list[int] = []
    try:
        if len(document) == 0:
            raise ReadError(f"{path.name}: the PDF has no pages")
        for index in range(len(document)):
            page = document[index]
            try:
                content = _read_page(index, page)
                if content is None:
                    textless.append(index + 1)
                    content = _blank_page(index + 1, page)
                contents.append(content)
            finally:
                page.close()  # pdfium frees the page's parsed content: memory stays flat
    finally:
        document.close()
    return contents, textless


def read_pdf(path: Path, password: str | None = None) -> Document:
    """Read a PDF paper into a Document; ReadError (one line, for the user) if it cannot be read."""
    path = Path(path)
    _check_bytes(path)
    try:
        contents, textless = _read_pages(path, password)
    except ReadError:
        raise
    except Exception as error:  # pdfminer/pdfium raise many types on broken files
        raise ReadError(f"{path.name}: the PDF is damaged and cannot be read ({type(error).__name__})") \
            from error
    document = Document(source=path.name)
    if len(textless) == len(contents):
        raise ReadError(f"{path.name}: no text layer on any page ({_pages(textless)}): "
                        f"it looks scanned; {OCR_HINT}")
    if textless:
        document.warnings.append(f"{_pages(textless)} {'has' if len(textless) == 1 else 'have'} no text layer "
                                 f"(scanned?) and {'was' if len(textless) == 1 else 'were'} skipped; {OCR_HINT}")
    if _looks_truncated(path):
        document.warnings.append("the file looks truncated (no end-of-file marker): "
                                 "some content may be missing")
    document.pages = build_pages(contents)
    return document


def build_pages(contents: list[PageContent]) -> list[Page]:
    drop_running_lines(contents)
    style = paper_style(contents)
    items_by_page = [page_items(content, style.right) for content in contents]
    join_pages(items_by_page, style)
    pages: list[Page] = []
    for content, items in zip(contents, items_by_page, strict=True):
        page = Page(number=content.number)
        for order, item in enumerate(items, start=1):
            block = table_block(item, order) if isinstance(item, FoundTable) else to_block(item, style, order)
            page.blocks.append(block)
        pages.append(page)
    return pages


# ---------------------------------------------------------------- one page, for debugging


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
        finally:
            page.close()
    finally:
        document.close()
    # lines inside a table are gone from content.lines: what is left there was rejected
    regions = [region.bbox for region in unruled_regions(content.lines)]
    regions += [table.bbox for table in content.tables if table.strategy != "lines"]
    style = paper_style([content])
    blocks = [table_block(item, order) if isinstance(item, FoundTable) else to_block(item, style, order)
              for order, item in enumerate(page_items(content, style.right), start=1)]
    return PageAnalysis(content=content, blocks=blocks, regions=regions)
