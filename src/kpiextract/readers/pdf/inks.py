"""Glyphs the text layer misnames, read by their ink: a digit the ink denies, a control code.

Every digit of a text face stands from the baseline to about the height of a capital, seven
tenths of its size or more. Ghostscript's pdfwrite (10.x), rewriting a ToUnicode range written as
an array of characters (wkhtmltopdf writes them so), ORs each character's two bytes: the en
dash U+2013 comes out as "3" (0x20 | 0x13), and "households – Q3" reads "households 3 Q3", a
figure that was never printed (and the apostrophe U+2019 as "9"). The ink of the glyph still
shows what it is: a dash is a flat bar a tenth of the size high, an apostrophe a small mark
above the middle of the line.

A printed glyph named by a control code has lost its name: Ghostscript drops reportlab's
ToUnicode (codes 1, 2... for its dash and bullet), and the codes are all that is left. Read as
spaces, a list's bullets vanish and its items run together; the ink tells the dash and the
bullet apart.
"""

from __future__ import annotations

from .lost_ligatures import SLOT

DIGIT_INK = 0.3
"""Font sizes: a digit's ink is at least this tall (digits measure 0.65 to 0.75)."""
BAR = 2.0
"""A dash's ink is a bar: at least this many times as wide as it is tall."""
EN_DASH = 0.4
"""Font sizes: a bar this wide or wider is a dash, a narrower one a hyphen."""
EM_DASH = 0.8
RAISED = 0.4
"""Font sizes: a small mark whose ink starts this far above the baseline is an apostrophe."""
DOT = 0.6
"""A bullet's ink is about as wide as tall: each at least this share of the other."""
DOT_SIZE = 0.5
"""Font sizes: a bullet is smaller than this either way."""
CAP_HEIGHT = 0.75
"""Font sizes: a bullet's ink stays below a capital's top."""
LETTERS = (0.45, 0.9)
"""Font sizes: the ink of a ligature's letters ("ti", "fi", "ffl") reaches the x-height or above,
and stays within an ascender."""
LETTERS_WIDE = (0.3, 1.3)
"""Font sizes: two or three letters wide."""
BASELINE = 0.1
"""Font sizes: how far a glyph of letters may start off the baseline ("fj" goes below it)."""
CONTROL_CODES = frozenset(chr(code) for code in range(1, 32)) - frozenset("\t\n\r")
"""Characters no font draws: a glyph given one has lost its name."""


def ink_reading(char: str, width: float, height: float, lift: float, size: float) -> str:
    """`char` if its ink (`width` by `height`, its foot `lift` above the baseline, in the page's
    units) can be a digit's, or what the ink shows: a hyphen or dash for a flat bar, an
    apostrophe for a raised mark, else U+FFFD (a glyph of unknown meaning)."""
    if size <= 0 or height >= DIGIT_INK * size or width <= 0:
        return char
    if width >= BAR * height:
        if width >= EM_DASH * size:
            return "—"
        return "–" if width >= EN_DASH * size else "-"
    return "\u2019" if lift >= RAISED * size else "\ufffd"


def unnamed_reading(width: float, height: float, lift: float, size: float) -> str:
    """What a glyph named by a control code draws: a dash, an apostrophe, a bullet (a dot
    between the baseline and the middle of a capital) or letters (`SLOT`, a ligature its word
    reads: lost_ligatures.py); else a space, as for no ink at all: a glyph of unknown meaning
    glued to a figure ("�13.3m" for "£13.3m") would make it a KPI's."""
    if width <= 0 or height <= 0 or size <= 0:
        return " "
    if height < DIGIT_INK * size:
        bar = ink_reading("\ufffd", width, height, lift, size)
        if bar != "\ufffd":
            return bar
    dot = DOT * width <= height <= width / DOT and height < DOT_SIZE * size
    if dot and lift > 0 and lift + height <= CAP_HEIGHT * size:
        return "•"
    if LETTERS[0] * size <= height <= LETTERS[1] * size and LETTERS_WIDE[0] * size <= width <= LETTERS_WIDE[1] * size \
            and abs(lift) <= BASELINE * size:
        return SLOT  # a glyph of letters standing on the baseline: a ligature, read by its word
    return " "
