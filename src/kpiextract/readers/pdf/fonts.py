"""Bold or regular: what a font says of its own weight.

The font's name says it first ("Carlito-Bold", "Caladea-Regular"). A name that says neither
("LiberationSerif", "ABCDEF+F1") leaves the font program, then pdfium's weight. pdfium's weight
is a guess from the descriptor's /StemV, which producers fill in as they please: LibreOffice
writes 80 for every face, Ghostscript's pdfwrite measures 141 for a regular serif and 129 for a
bold sans, and pdfium reads 141 as weight 704. The embedded TrueType program's `head` table
carries the face's own bold bit, which re-writers copy as it is.
"""

from __future__ import annotations

import ctypes
import re
import struct
from typing import Any

import pypdfium2.raw as pdfium_c

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b\b", re.IGNORECASE)
# Chromium embeds Caladea-Regular with a weight of 704: a font named regular is regular
REGULAR_FONT = re.compile(r"regular|book|roman|light|medium|normal", re.IGNORECASE)

SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"true", b"OTTO")
"""The first four bytes of a TrueType or OpenType program (the tables below follow them)."""
HEAD_MAC_STYLE = 44
"""Offset of macStyle in the `head` table; its bit 0 is bold."""


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
            if BOLD_FONT.search(name):
                return True
            if REGULAR_FONT.search(name):
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
    """macStyle's bold bit from a TrueType/OpenType program's `head` table, if it has one."""
    if program[:4] not in SFNT_VERSIONS:
        return None
    (tables,) = struct.unpack_from(">H", program, 4)
    for entry in range(12, min(12 + 16 * tables, len(program) - 15), 16):
        if program[entry:entry + 4] == b"head":
            (offset,) = struct.unpack_from(">I", program, entry + 8)
            if offset + HEAD_MAC_STYLE + 2 > len(program):
                return None
            (style,) = struct.unpack_from(">H", program, offset + HEAD_MAC_STYLE)
            return bool(style & 1)
    return None
