"""What pdfium reads off a page: words (from character boxes and fonts) and ruling lines (from paths).

pypdfium2 (pdfium, in C) is about 40x faster than pdfminer at this. Words and lines come out in
pdfplumber's coordinates (top-left origin) so its table geometry can run on them; the same
words and lines from pdfplumber's own parse (`plumber_words`, `plumber_edges`) let the tests
check the fast path against it.
"""

from __future__ import annotations

import ctypes
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pypdfium2.raw as pdfium_c

from ..drawn import hex_colour
from .fonts import BOLD_FONT, FontCache
from .inks import CONTROL_CODES, ink_reading, unnamed_reading
from .ligatures import mend_ligatures
from .lost_ligatures import SLOT, SLOT_FIRST, SLOT_LAST, has_slots, is_slot, slot
from .model import BBox, Word
from .swatches import MARKS, SCAN_LIMIT, Swatch, status_colour
from .upright import runs_upright, text_turn, turn_upright


def _address_function(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A pdfium function taking and giving addresses (ints), not ctypes pointer objects: the hot
    loops call them once per character or per object, and a page may set each letter as an object."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value or 0)


# the text object a character belongs to: comparing addresses per character is how a change of
# font inside a word ("**months**-") is seen, cheaply
_TEXT_OBJECT_ADDRESS = _address_function(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p,
                                         ctypes.c_int)
_FONT_ADDRESS = _address_function(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p, ctypes.c_void_p)
_LOOSE_CHAR_BOX = _address_function(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                                    ctypes.c_void_p)


def _page_text(textpage: Any, count: int) -> str:
    text: str = textpage.get_text_range()
    if len(text) == count:
        return text
    # characters outside the BMP shift the text against the char list: read them one by one
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(count))


class UnmappedText(Exception):
    """The page's text layer names most of its characters by no letter at all."""


UNMAPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff\ufffd]")
"""What pdfium gives for a character whose font maps it to no letter: its raw code (a control
code), a private-use point, or the replacement character."""
BLANK = re.compile(r"[ \t\r\n\xa0]")
UNMAPPED_SHARE = 0.5
"""Of a page's printed characters. A font that lost its letters' names (a subset re-encoded
1, 2, 3... with no ToUnicode map, as PDF printed through PostScript comes out) leaves well over
half unnamed; a symbol font's bullets and arrows, or a re-writer's misnamed dash, are a few."""


def unmapped(text: str) -> bool:
    """Is most of this text characters that name no letter (`UNMAPPED`)?"""
    shown = len(text) - len(BLANK.findall(text))
    return shown > 0 and len(UNMAPPED.findall(text)) > UNMAPPED_SHARE * shown


def pdfium_words(page: Any) -> list[Word]:
    """Every word on the page, top-left origin like pdfplumber, from pdfium's character boxes.
    UnmappedText if most characters name no letter: their words would be noise. A page whose
    text runs sideways is turned upright first (`upright.py`): the page itself, so that what is
    read of it next (rulings, shapes) is in the words' frame."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return []
        text = _page_text(textpage, count)
        if unmapped(text):
            raise UnmappedText
        angle = text_turn(raw, count)
        if angle:  # turned, the page's drawing is read in the same frame as its words after this
            textpage.close()
            turn_upright(page, angle)
            textpage = page.get_textpage()
            raw = textpage.raw
            count = pdfium_c.FPDFText_CountChars(raw)
            text = _page_text(textpage, count)
        left, _, _, top = page_box(page)
        # on a turned page, what ran left to right before (a page number set upright on the tall
        # page) now runs sideways: it is no part of the text read across the page
        return _words_from_chars(raw, mend_ligatures(text, _origin_reader(raw)), left, top, upright_only=bool(angle))
    finally:
        textpage.close()


def _origin_reader(raw: Any) -> Callable[[int], tuple[float, float]]:
    """Where pdfium draws a character's glyph (the characters of one ligature share it)."""
    x, y = ctypes.c_double(), ctypes.c_double()

    def origin(index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        return x.value, y.value

    return origin


LOST_GAP = 0.5
"""Font sizes: the gap that ends a word after a lost ligature (0.2 after any other glyph); no
text layer leaves a word space unmarked, so a wider gap than a glyph's is still one word."""
OWN_SIZE = 0.5
"""A glyph drawn at under half the size of the text before it gives its ink no measure: the
text's size stands for its own."""


def _ink_reader(raw: Any, matrix: Any) -> Callable[[int, str, float], str]:
    """A digit or a control code as its glyph's ink reads (inks.py): the digit, or the dash,
    apostrophe, bullet or ligature a re-writer misnamed. `text_size`: the size of the text
    around it, for a glyph whose own size says nothing (a Type 3 glyph's is its matrix's)."""
    box = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(value) for value in box]
    x, y = ctypes.c_double(), ctypes.c_double()

    def reading(index: int, char: str, text_size: float = 0.0) -> str:
        if not pdfium_c.FPDFText_GetCharBox(raw, index, *refs):
            return " " if char in CONTROL_CODES else char
        left, right, bottom, top = (value.value for value in box)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        size = _effective_size(raw, index, matrix)
        if size < OWN_SIZE * text_size:
            size = text_size
        if char in CONTROL_CODES:
            seen = unnamed_reading(right - left, top - bottom, bottom - y.value, size)
            return slot(char) if seen == SLOT else seen  # the code tells one lost glyph from another
        return ink_reading(char, right - left, top - bottom, bottom - y.value, size)

    return reading


LINE_END_HYPHEN = "\ufffe"
"""pdfium reports a hyphen that ends a line ("re-" / "let") as U+FFFE."""


def _words_from_chars(raw: Any, text: Sequence[str], left: float, height: float,
                      upright_only: bool = False) -> list[Word]:
    # the hot loop of the fast path: two pdfium calls per character, a few more per word;
    # a word ends at a space, a gap, a change of line or a change between bold and regular.
    # The pdfium functions and the box's fields are held in locals: at ~200,000 characters
    # a paper, each attribute look-up saved is measurable.
    fonts = FontCache()
    bold_of = fonts.bold
    font_of = _FONT_ADDRESS
    rect = pdfium_c.FS_RECTF()
    rect_address = ctypes.addressof(rect)
    char_box = _LOOSE_CHAR_BOX
    char_origin = pdfium_c.FPDFText_GetCharOrigin
    object_of = _TEXT_OBJECT_ADDRESS
    textpage = ctypes.cast(raw, ctypes.c_void_p).value  # an address: no conversion per call
    matrix = pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    origin_x_ref, origin_y_ref = ctypes.byref(origin_x), ctypes.byref(origin_y)
    glyph_ink = _ink_reader(raw, matrix)
    words: list[Word] = []
    chars: list[str] = []
    x0 = x1 = top = bottom = size = baseline = 0.0
    bold = char_bold = False
    last_object: int | None = -1
    for index, char in enumerate(text):
        if not char:
            continue  # the second character of a ligature mended onto its first
        if char == LINE_END_HYPHEN:
            char = "-"  # pdfium's mark for the hyphen a line ends on: the hyphen is printed
        elif char in CONTROL_CODES:
            char = glyph_ink(index, char, size)  # its own glyph (a Type 3 font's) has no angle to trust
        elif upright_only and not runs_upright(raw, index):
            char = " "
        if char <= " " or char in "\xa0\uffff":
            if chars:
                words.append(Word("".join(chars), x0, x1, top, bottom, size, bold, baseline))
                chars = []
            continue
        char_box(textpage, index, rect_address)
        char_left, char_right = rect.left - left, rect.right - left
        char_top, char_bottom = height - rect.top, height - rect.bottom
        text_object = object_of(textpage, index)
        raised = False
        lost = SLOT_FIRST <= char <= SLOT_LAST  # a lost ligature, drawn by a font of its own: it keeps the word's style
        if text_object != last_object and not lost:
            last_object = text_object
            font = font_of(text_object) if text_object else None
            char_bold = bold_of.get(font)  # type: ignore[assignment]
            if char_bold is None:
                char_bold = fonts.is_bold(font, raw, index)
            if chars:  # a superscript is a text object of its own: smaller, off the word's baseline
                char_origin(raw, index, origin_x_ref, origin_y_ref)
                char_baseline = height - origin_y.value
                # on the word's own baseline (most changes of object) no size can make it a script
                raised = char_baseline != baseline and _script_change(
                    size, baseline, _effective_size(raw, index, matrix), char_baseline)
        # a lost ligature's box is its own font's guess: the letters after it may stand off it a little
        gap = size * (LOST_GAP if chars and SLOT_FIRST <= chars[-1] <= SLOT_LAST else 0.2)
        if chars and (char_left - x1 > gap or abs(char_top - top) > size * 0.5
                      or (char_bold != bold and not lost) or raised):
            words.append(Word("".join(chars), x0, x1, top, bottom, size, bold, baseline))
            chars = []
        if not chars:
            x0, x1, top, bottom = char_left, char_right, char_top, char_bottom
            if not (lost and size):  # a lost ligature's own size is its font matrix's: the text's stands
                size = _effective_size(raw, index, matrix) or (bottom - top)
            char_origin(raw, index, origin_x_ref, origin_y_ref)
            baseline = height - origin_y.value
            bold = char_bold
        else:
            if char_right > x1:
                x1 = char_right
            if char_bottom > bottom:
                bottom = char_bottom
        if "0" <= char <= "9" and len(char) == 1:
            char = glyph_ink(index, char, 0.0)
        chars.append(char)
    if chars:
        words.append(Word("".join(chars), x0, x1, top, bottom, size, bold, baseline))
    return drop_footnote_marks(_join_lost(words))


def _join_lost(words: list[Word]) -> list[Word]:
    """Words parted at a lost ligature made one again: pdfium, placing the ligature's glyph by its
    own font's matrix, may break the line before or after it ('Exis\ufffc' / 'ng')."""
    if not any(has_slots(word.text) for word in words):
        return words
    joined: list[Word] = []
    for word in words:
        last = joined[-1] if joined else None
        parted = last is not None and (is_slot(last.text[-1]) or is_slot(word.text[0]))
        if last is not None and parted and abs(word.top - last.top) <= 0.5 * last.size \
                and -last.size <= word.x0 - last.x1 <= LOST_GAP * last.size:
            joined[-1] = replace(last, text=last.text + word.text, x1=max(last.x1, word.x1),
                                 bottom=max(last.bottom, word.bottom))
        else:
            joined.append(word)
    return joined


SCRIPT_SHIFT = 0.05
"""Font sizes: a smaller run set this far above (or below) its word's baseline is a superscript
(or subscript), not more of the word. Producers raise a superscript anywhere from a twelfth to
a third of the size; text that only changes font keeps its baseline exactly."""
SCRIPT_SHRINK = 0.9
"""A superscript is set smaller than the text it follows."""


def _script_change(size: float, baseline: float, next_size: float, next_baseline: float) -> bool:
    """Does the run go into or out of a superscript or subscript: a smaller (or, coming out,
    larger) size on a baseline of its own?"""
    small, large = sorted((size, next_size))
    return small < SCRIPT_SHRINK * large and abs(next_baseline - baseline) > SCRIPT_SHIFT * small
FOOTNOTE_MARK = re.compile(r"^[\d*†‡§]{1,2}(?:,[\d*†‡§]{1,2})*$")
"""What a footnote's marker prints: a number or two, or a symbol ("1", "12", "1,2", "*", "†")."""


def footnote_mark(word: Word, before: Word) -> bool:
    """A marker superscripted onto the word before it ("neighbours¹", "67.1²"): smaller, raised,
    touching the word, after a word of two or more characters (not the "2" of "m²"). Touching is
    both ways: a marker starts at the word's end, not back over it, and stands within the word's
    own height (a chart's tick that comes next in the text layer may be anywhere on the page)."""
    gap = word.x0 - before.x1
    return (bool(FOOTNOTE_MARK.match(word.text)) and word.size < SCRIPT_SHRINK * before.size
            and SCRIPT_SHIFT * before.size < before.baseline - word.baseline < before.size
            and -0.2 * before.size <= gap <= 0.2 * before.size and len(before.text) >= 2
            and (before.text[-1].isalnum() or before.text[-1] in "%)"))


def drop_footnote_marks(words: list[Word]) -> list[Word]:
    """The words less the footnote markers superscripted onto them: glued on, a marker reads as
    more digits of a figure ("67.1" + "2") or misspells a name ("neighbours1")."""
    if len(words) < 2:
        return words
    kept = [words[0]]
    for word in words[1:]:
        if footnote_mark(word, kept[-1]):
            # the word reaches over its marker: a full stop after the marker still touches it
            kept[-1] = replace(kept[-1], x1=word.x1)
        else:
            kept.append(word)
    return kept


def _effective_size(raw: Any, index: int, matrix: Any) -> float:
    """The size a character is drawn at: its font size scaled by its text and page matrices.

    Chromium draws 11pt text as a 14.67 "px" font under a 0.75 scale, so the font size alone
    is a producer's constant, not the page's.
    """
    size = float(pdfium_c.FPDFText_GetFontSize(raw, index))
    if pdfium_c.FPDFText_GetMatrix(raw, index, matrix):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        if scale > 0:
            size *= scale
    return size


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


_PAGE_OBJECT = _address_function(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_FORM_OBJECT = _address_function(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
_FORM_COUNT = _address_function(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, ctypes.c_void_p)
_OBJECT_TYPE = _address_function(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)
_PATH, _IMAGE, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM


@dataclass
class Drawing:
    """What a page draws besides its text, found in one walk over its objects (Form XObjects
    included, four deep): its paths, each with the matrix of the forms it sits in, and its images."""

    paths: list[tuple[Any, Matrix]] = field(default_factory=list)
    images: int = 0


def pdfium_drawing(page: Any) -> Drawing:
    drawing = Drawing()
    paths = drawing.paths

    def walk(count: int, get: Any, parent: int, matrix: Matrix, depth: int) -> None:
        for index in range(count):
            address = get(parent, index)
            kind = _OBJECT_TYPE(address)
            if kind == _PATH:
                paths.append((ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT), matrix))
            elif kind == _IMAGE:
                drawing.images += 1
            elif kind == _FORM and depth < 4:
                form = ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT)
                walk(_FORM_COUNT(address), _FORM_OBJECT, address, _object_matrix(form, matrix), depth + 1)

    raw = page.raw
    walk(pdfium_c.FPDFPage_CountObjects(raw), _PAGE_OBJECT, ctypes.cast(raw, ctypes.c_void_p).value or 0,
         IDENTITY, 0)
    return drawing


def pdfium_edges(page: Any, drawing: Drawing | None = None) -> list[dict[str, Any]]:
    """Ruling lines and cell borders from the page's vector paths, Form XObjects included."""
    edges: list[dict[str, Any]] = []
    left, _, _, top = page_box(page)
    origin = (left, top)
    paint = _PaintReader()
    for path, matrix in (drawing or pdfium_drawing(page)).paths:
        if not paint.shows(path):
            continue
        if paint.fill_only is None:
            _path_edges(path, _object_matrix(path, matrix), origin, edges)
            continue
        own: list[dict[str, Any]] = []
        _path_edges(path, _object_matrix(path, matrix), origin, own)
        if own and not paint.covered(_box_of(own)):
            edges += own
    return edges


def _box_of(edges: Sequence[dict[str, Any]]) -> BBox:
    return (min(e["x0"] for e in edges), min(e["top"] for e in edges), max(e["x1"] for e in edges),
            max(e["bottom"] for e in edges))


FILLS_KEPT = 4
"""A fill is checked against this many of the last boxes filled in its colour: a producer paints
a line's background right after the cell's (AbiWord), so the cover is among the last few."""


class _PaintReader:
    """Whether a path shows on the page: a spreadsheet printer (Gnumeric) paints every cell of the
    sheet white, and a white box on a white page bounds nothing the reader can see."""

    def __init__(self) -> None:
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.fill_only: tuple[int, ...] | None = None
        """The colour of the path `shows` last passed, if it is filled and not stroked."""
        self.filled: dict[tuple[int, ...], deque[BBox]] = {}

    def shows(self, path: Any) -> bool:
        self.fill_only = None
        if not pdfium_c.FPDFPath_GetDrawMode(path, self.fill, self.stroke):
            return True
        red, green, blue, alpha = self.rgba
        if self.stroke.value and (not pdfium_c.FPDFPageObj_GetStrokeColor(path, red, green, blue, alpha)
                                  or self._visible()):
            return True
        if not self.fill.value:
            return False
        if not pdfium_c.FPDFPageObj_GetFillColor(path, red, green, blue, alpha):
            return True
        if self._visible():
            self.fill_only = tuple(channel.value for channel in self.rgba)
            return True
        return False

    def covered(self, box: BBox) -> bool:
        """A box filled in the colour of a box filled just before it, and inside that box, shows
        no edge: AbiWord paints each line of a shaded cell's text on the cell's own shade, and those
        lines' boxes would cut the cell into slivers. Else the box is kept as a cover."""
        assert self.fill_only is not None
        kept = self.filled.setdefault(self.fill_only, deque(maxlen=FILLS_KEPT))
        x0, top, x1, bottom = box
        slack = max(COVER_SLACK, COVER_SHARE * (bottom - top))
        if any(x0 >= a - slack and top >= b - slack and x1 <= c + slack and bottom <= d + slack
               for a, b, c, d in kept):
            return True
        kept.append(box)
        return False

    def _visible(self) -> bool:
        red, green, blue, alpha = (channel.value for channel in self.rgba)
        return alpha >= 128 and min(red, green, blue) < PAPER_WHITE


PAPER_WHITE = 250
"""A colour whose every channel (0-255) is at least this is the page's own white."""
COVER_SLACK = 0.5
"""Points: a box painted over another reaches at most this far past it..."""
COVER_SHARE = 0.15
"""...or this share of its own height: a line's box, cut at the page's foot with its cell, may
stand a point below the cell's."""


RULE_MIN_WIDTH = 15.0
"""Points: a rule across is longer than a word."""
CELL_SIDE_MIN = 0.6
"""Font sizes: a cell's side is at least as tall as most of a line of the page's text (a one-line
shaded header row is about as tall as its text)."""


def has_rulings(edges: Sequence[dict[str, Any]], size: float) -> bool:
    """Enough lines, both ways, to make a grid: a rule longer than a word, and two cell sides
    (`size`: the page's modal font size)."""
    return any(e["orientation"] == "h" and e["width"] >= RULE_MIN_WIDTH for e in edges) and sum(
        1 for e in edges if e["orientation"] == "v" and e["height"] >= CELL_SIDE_MIN * size) >= 2


def plumber_words(page: Any) -> list[Word]:
    """The same words from pdfplumber's own parse: the tests check the fast path against it."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 float(w["size"]), bool(BOLD_FONT.search(str(w["fontname"]))), _plumber_baseline(w))
            for w in words]


def _plumber_baseline(word: dict[str, Any]) -> float:
    # pdfminer's boxes run from the font's descent to its ascent; the baseline sits a fifth up
    return float(word["bottom"]) - 0.2 * float(word["size"])


def plumber_edges(page: Any) -> list[dict[str, Any]]:
    return [dict(edge) for edge in page.edges]


def page_box(page: Any) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the visible page in PDF space, before any /Rotate.

    Words and lines are measured from its top-left corner in the unrotated frame: a page
    printed sideways (/Rotate 90) still reads left to right, as its author wrote it.
    """
    left, bottom, right, top = page.get_bbox()
    return float(left), float(bottom), float(right), float(top)


@dataclass
class Shapes:
    """What a page draws besides text and rulings: small shapes (drawn bullets) and images."""

    marks: list[tuple[float, float, float, float]] = field(default_factory=list)
    """(x0, top, x1, bottom) of each path no larger than MARK_LIMIT either way."""
    images: int = 0
    swatches: list[Swatch] = field(default_factory=list)
    """Filled paths in a status colour (swatches.py judges which stand in a status column)."""


MARK_LIMIT = 12.0
"""Points: a shape this small may be a drawn bullet; lists.py judges it against its line's size."""


def pdfium_shapes(page: Any, drawing: Drawing | None = None) -> Shapes:
    """The page's small shapes and its count of images, Form XObjects included."""
    drawing = drawing or pdfium_drawing(page)
    shapes = Shapes(images=drawing.images)
    left, _, _, top = page_box(page)
    box = [ctypes.c_float() for _ in range(4)]
    colour = _FillReader()
    for path, matrix in drawing.paths:
        if pdfium_c.FPDFPageObj_GetBounds(path, *box):
            x0, y0, x1, y1 = _transform_box(matrix, *(value.value for value in box))
            if x1 - x0 <= MARK_LIMIT and y1 - y0 <= MARK_LIMIT:
                shapes.marks.append((x0 - left, top - y1, x1 - left, top - y0))
            # a rule (under a point across) is never a status: its colour is not read
            if 1.0 < x1 - x0 <= SCAN_LIMIT and 1.0 < y1 - y0 <= SCAN_LIMIT and (read := colour.status(path)):
                status, hex_code = read
                shapes.swatches.append(Swatch(x0 - left, top - y1, x1 - left, top - y0, status, colour=hex_code))
    return shapes


def coloured_marks(page: Any, words: Sequence[Word]) -> list[Swatch]:
    """Status marks printed as characters in a status colour (a green "●"): the page's text is
    loaded again only where a word is such a mark, so other pages pay one pass over their words."""
    if not any(word.text in MARKS for word in words):
        return []
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        text = _page_text(textpage, pdfium_c.FPDFText_CountChars(raw))
        left, _, _, top = page_box(page)
        rgba = [ctypes.c_uint() for _ in range(4)]
        rect = pdfium_c.FS_RECTF()
        found: list[Swatch] = []
        for index, char in enumerate(text):
            if char not in MARKS or not pdfium_c.FPDFText_GetFillColor(raw, index, *rgba) or rgba[3].value < 128:
                continue
            red, green, blue = rgba[0].value, rgba[1].value, rgba[2].value
            status = status_colour(red, green, blue)
            if status and pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect):
                found.append(Swatch(rect.left - left, top - rect.top, rect.right - left, top - rect.bottom, status,
                                    mark=True, colour=hex_colour(red, green, blue)))
        return found
    finally:
        textpage.close()


class _FillReader:
    """A filled path's status colour, if it has one: two pdfium calls, into buffers held for the page."""

    def __init__(self) -> None:
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]

    def status(self, path: Any) -> tuple[str, str] | None:
        """The status the path's fill shows and that colour ('#D9342B'), if it shows one."""
        if not pdfium_c.FPDFPath_GetDrawMode(path, self.fill, self.stroke) or self.fill.value == 0:
            return None  # only stroked: an outline's fill colour is whatever was last set
        red, green, blue, alpha = self.rgba
        if not pdfium_c.FPDFPageObj_GetFillColor(path, red, green, blue, alpha) or alpha.value < 128:
            return None
        status = status_colour(red.value, green.value, blue.value)
        return (status, hex_colour(red.value, green.value, blue.value)) if status else None


def _transform_box(matrix: Matrix, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """A box inside a form, in page space (the bounds pdfium gives a form's objects are the form's)."""
    if matrix == IDENTITY:
        return x0, y0, x1, y1
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)
