"""Bold or regular: what a font says of its own weight.

A font's PostScript name says it: a family's bold faces carry their weight in the name
("Carlito-Bold", "Arial-BoldMT", "Calibri,Bold", "HelveticaNeueLTStd-Bd"), and the name of the
regular face is the family's alone ("LiberationSerif", "ArialMT"). Only a name that is no
family's ("F1", "TT2", "CMBX10") leaves the weight to the font's other marks, each of which some
producer writes wrong:
- pdfium's weight is a guess from the descriptor's /StemV, which producers fill in as they
  please: LibreOffice writes 80 for every face, Ghostscript's pdfwrite measures 141 for a
  regular serif and 129 for a bold sans, and pdfium reads 141 as weight 704;
- the TrueType `head` table's macStyle bold bit: wkhtmltopdf (Qt) sets it on its regular
  Liberation Sans (and Ghostscript, rewriting that, drops the `OS/2` table that said 400);
- the `OS/2` table's weight class: LibreOffice writes 400 for Carlito-Bold.
Regular text is most of a page, and all of it read as bold turns every paragraph into a heading,
while a bold face read as regular loses a heading: a program's face is bold only where both of
its marks say so.
"""

from __future__ import annotations

import ctypes
import re
import struct
from typing import Any

import pypdfium2.raw as pdfium_c

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b\b", re.IGNORECASE)
BOLD_ABBREVIATION = re.compile(r"-(?:X|S|Semi|Extra|Ultra)?(?:Bd|Blk|Hv|Hvy)(?![a-z])")
"""Linotype's and Adobe's short weights after the family ("-Bd", "-BdCn", "-Blk", "-HvIt")."""
# Chromium embeds Caladea-Regular with a weight of 704: a font named regular is regular
REGULAR_FONT = re.compile(r"regular|book|roman|light|medium|normal", re.IGNORECASE)
FAMILY_NAME = re.compile(r"[a-z]{3,}")
"""A family's name has a lower-case run ("Liberation", "Arial"); a producer's own label
("F1", "TT2", "T1_0") and TeX's ("CMBX10") have none ("Font" does not count: "T3Font_0")."""

SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"true", b"OTTO")
"""The first four bytes of a TrueType or OpenType program (the tables below follow them)."""
HEAD_MAC_STYLE = 44
"""Offset of macStyle in the `head` table; its bit 0 is bold."""
OS2_WEIGHT_CLASS = 4
"""Offset of usWeightClass in the `OS/2` table (400 regular, 700 bold)."""
BOLD_WEIGHT = 600
"""A weight class from semibold up is bold (as pdfium's own weight is read)."""


class FontCache:
    """Bold or not for each font: a name lookup per font, not per character (nor per text
    object, since a producer may set every letter as an object of its own)."""

    def __init__(self) -> None:
        self.bold: dict[int | None, bool] = {}
        self.buffer = ctypes.create_string_buffer(256)

    def is_bold(self, font: int | None, textpage: Any, index: int) -> bool:
        cached = self.bold.get(font)
        if cached is None:
            cached = self._lookup(font, textpage, index)
            self.bold[font] = cached
        return cached

    def _lookup(self, font: int | None, textpage: Any, index: int) -> bool:
        if font:
            handle = ctypes.cast(font, pdfium_c.FPDF_FONT)
            length = pdfium_c.FPDFFont_GetBaseFontName(handle, self.buffer, len(self.buffer))
            name = self.buffer.value.decode("latin-1", "replace") if length else ""
            if BOLD_FONT.search(name) or BOLD_ABBREVIATION.search(name):
                return True
            if REGULAR_FONT.search(name) or FAMILY_NAME.search(name.replace("Font", "")):
                return False  # the name says so; some embedded fonts report a bold weight anyway
            told = program_bold(handle)
            if told is not None:
                return told
        return bool(pdfium_c.FPDFText_GetFontWeight(textpage, index) >= 600)


def program_bold(font: Any) -> bool | None:
    """The bold bit of the font's embedded TrueType/OpenType program; None if the font is not
    embedded or its program has no `head` table (a Type 1 or bare CFF program)."""
    if not pdfium_c.FPDFFont_GetIsEmbedded(font):
        return None  # pdfium hands back the system font it substituted: that says nothing
    size = ctypes.c_size_t()
    if not pdfium_c.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size)) or size.value < 12:
        return None
    data = (ctypes.c_ubyte * size.value)()
    if not pdfium_c.FPDFFont_GetFontData(font, data, size.value, ctypes.byref(size)):
        return None
    return sfnt_bold(bytes(data))


def sfnt_bold(program: bytes) -> bool | None:
    """Bold if the TrueType/OpenType program's `head` macStyle has its bold bit and its `OS/2`
    weight class (where it has that table) is bold too; None if it is no such program."""
    if program[:4] not in SFNT_VERSIONS or len(program) < 12:
        return None
    (count,) = struct.unpack_from(">H", program, 4)
    tables: dict[bytes, int] = {}
    for entry in range(12, min(12 + 16 * count, len(program) - 15), 16):
        tables[program[entry:entry + 4]] = struct.unpack_from(">I", program, entry + 8)[0]
    style = _field(program, tables.get(b"head"), HEAD_MAC_STYLE)
    if style is None:
        return None
    weight = _field(program, tables.get(b"OS/2"), OS2_WEIGHT_CLASS)
    return bool(style & 1) and (weight is None or weight >= BOLD_WEIGHT)


def _field(program: bytes, table: int | None, offset: int) -> int | None:
    """The uint16 at `offset` in the table that starts at `table`, if the program holds it."""
    if table is None or table + offset + 2 > len(program):
        return None
    return int(struct.unpack_from(">H", program, table + offset)[0])
