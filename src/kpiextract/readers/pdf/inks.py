"""A digit the text layer names but the glyph's ink denies.

Every digit of a text face stands from the baseline to about the height of a capital, seven
tenths of its size or more. Ghostscript's pdfwrite (10.x), rewriting a ToUnicode range written as
an array of characters (wkhtmltopdf writes them so), ORs each character's two bytes: the en
dash U+2013 comes out as "3" (0x20 | 0x13), and "households – Q3" reads "households 3 Q3", a
figure that was never printed (and the apostrophe U+2019 as "9"). The ink of the glyph still
shows what it is: a dash is a flat bar a tenth of the size high, an apostrophe a small mark
above the middle of the line.
"""

from __future__ import annotations

DIGIT_INK = 0.3
"""Font sizes: a digit's ink is at least this tall (digits measure 0.65 to 0.75)."""
BAR = 2.0
"""A dash's ink is a bar: at least this many times as wide as it is tall."""
EN_DASH = 0.4
"""Font sizes: a bar this wide or wider is a dash, a narrower one a hyphen."""
EM_DASH = 0.8
RAISED = 0.4
"""Font sizes: a small mark whose ink starts this far above the baseline is an apostrophe."""


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
