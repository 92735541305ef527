"""Ligatures whose Unicode a PDF re-writer garbled, read back as their letters.

Ghostscript's pdfwrite (10.x) rewrites a ToUnicode entry that maps one glyph to several
characters with each UTF-16 unit's bytes swapped: Calibri's "ti" ligature, <0074 0069>, comes
out as <7400 6900>, read as "琀椀" ("Educa琀椀on"). A glyph of three letters comes out as two
units, the first letter's and the sum of the other two: "ffi" as <6600 cf00> ('f', 'f' + 'i').

What marks the fault is structure, not the characters alone: two or more characters drawn by
one glyph (pdfium gives each the glyph's origin), each with a low byte of zero, that swap back
into Latin letters. Genuine CJK text sets one character per glyph, so it is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# The Latin ligatures of three letters that office fonts carry (Calibri and Carlito: "ffi" in
# "efficient", "tti" in "committing"); ff-, fi-, fl-, ft- and tt- pairs need no table, as both of
# their letters survive the swap. Each is found by its first letter and the sum of the other two.
THREE_LETTER_LIGATURES = ("ffb", "ffh", "ffi", "ffj", "ffk", "ffl", "fft", "ttf", "tti")
_BY_SUM = {(word[0], ord(word[1]) + ord(word[2])): word for word in THREE_LETTER_LIGATURES}

SWAPPED_RUN = re.compile("[" + "".join(chr(high << 8) for high in range(0x20, 0x100)) + "]{2,}")
"""Characters whose low byte is zero, two or more together (the swapped units of one glyph)."""

SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair: pdfium lists a character beyond the BMP as its two halves; a half on
its own is a garbled mapping's leftover, which no text may carry on (it cannot be written out)."""


def mend_ligatures(text: str, origin: Callable[[int], tuple[float, float]]) -> Sequence[str]:
    """The page's characters with each garbled ligature's characters replaced by its letters:
    one string per character, so indices into pdfium's character list still hold (the letters
    of a ligature go to its first character, the rest become empty). `origin(index)`: where the
    character's glyph is drawn. The text itself when nothing needed mending."""
    runs = list(SWAPPED_RUN.finditer(text))
    if not runs and not SURROGATE.search(text):
        return text
    mended: list[str] = list(text)
    for run in runs:
        start = run.start()
        while start < run.end():
            end = start + 1
            where = origin(start)
            while end < run.end() and origin(end) == where:
                end += 1
            letters = swapped_letters(text[start:end]) if end - start >= 2 else None
            if letters is not None:
                mended[start:end] = [letters] + [""] * (end - start - 1)
            start = end
    _join_surrogates(mended)
    return mended


def _join_surrogates(chars: list[str]) -> None:
    """A pair of halves made one character (on the first half's index); a lone half U+FFFD."""
    for index, char in enumerate(chars):
        if len(char) != 1 or not "\ud800" <= char <= "\udfff":
            continue
        following = chars[index + 1] if index + 1 < len(chars) else ""
        if char <= "\udbff" and len(following) == 1 and "\udc00" <= following <= "\udfff":
            chars[index] = (char + following).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            chars[index + 1] = ""
        else:
            chars[index] = "\ufffd"


def swapped_letters(units: str) -> str | None:
    """The letters one glyph's byte-swapped units stand for ("琀椀" -> "ti", "昀케" -> "ffi"),
    or None if they do not swap back into a Latin ligature."""
    if any(ord(unit) & 0xFF for unit in units):
        return None
    swapped = [chr(ord(unit) >> 8) for unit in units]
    if all(_latin_letter(letter) for letter in swapped):
        return "".join(swapped)
    if len(swapped) == 2 and _latin_letter(swapped[0]):
        return _BY_SUM.get((swapped[0], ord(swapped[1])))
    return None


def _latin_letter(char: str) -> bool:
    return "a" <= char <= "z" or "A" <= char <= "Z"
