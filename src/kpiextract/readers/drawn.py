"""How a RAG status that a paper shows only as colour is written into the text: one definition.

A status cell filled red, a coloured dot, a "●" printed in green has no word; the PDF reader
(pdf/swatches.py) writes the word it shows, followed by a marker that says it was read from a
colour and which one: "Red [drawn fill #D9342B]" for a filled shape, "Green [drawn mark #00B050]"
for a coloured character. The marker stays in the cell's text, so a record's `source_text` (its
provenance, in JSON and in the spreadsheet's "Source text" column) tells an analyst checking the
cell that nothing was printed there but a colour. The layouts read the status without it.
"""

from __future__ import annotations

import re
from typing import Literal

DrawnAs = Literal["fill", "mark"]
"""A filled shape (an empty cell's fill, a drawn dot) or a coloured character ("●", Wingdings' dot)."""

DRAWN = re.compile(r"\s*\[drawn (?:fill|mark) #[0-9A-F]{6}\]")


def hex_colour(red: int, green: int, blue: int) -> str:
    """'#D9342B': how the marker names a colour (0-255 each)."""
    return f"#{red:02X}{green:02X}{blue:02X}"


def drawn_status(status: str, drawn_as: DrawnAs, colour: str) -> str:
    """The text a status shown only as colour reads as: 'Red [drawn fill #D9342B]'."""
    return f"{status} [drawn {drawn_as} {colour}]"


def without_drawn(text: str) -> str:
    """The text as the paper would have printed it: the status word without its marker."""
    return DRAWN.sub("", text) if "[drawn " in text else text
