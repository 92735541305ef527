"""Pages whose text runs sideways in PDF space, turned upright before they are read.

A landscape page is made one of two ways: a wide page, or a tall one whose content is drawn a
quarter turn round and shown turned back by /Rotate (what printing through PostScript, or a
driver's auto-rotation, gives). The reader measures lines and columns left to right and top to
bottom, so a page whose characters mostly run at a quarter or half turn is turned, every object
on it and its box, until they run left to right. A page with a few turned characters (a chart's
axis title) is left as it is, and so is a /Rotate page whose content is upright in PDF space: it
reads as its author wrote it.
"""

from __future__ import annotations

import math
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

SAMPLE = 256
"""Characters looked at, spread over the page: enough to see which way most of them run."""


def text_turn(textpage: Any, count: int) -> int:
    """The clockwise angle, in degrees (90, 180 or 270), at which more than half of the page's
    characters run; 0 when most run left to right or no way holds most."""
    step = max(1, count // SAMPLE)
    turns = [0, 0, 0, 0]
    seen = 0
    for index in range(0, count, step):
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
        if angle < 0:
            continue  # a character pdfium made up (a space or line end): no angle
        turns[round(math.degrees(angle) / 90) % 4] += 1
        seen += 1
    quarter = max(range(1, 4), key=turns.__getitem__)
    return quarter * 90 if turns[quarter] * 2 > seen else 0


def as_read(page: Any) -> None:
    """Set the page, in memory, in the frame the reader reads it in: turned upright if its text
    runs sideways (`text_turn`), and shown with no /Rotate. For what draws a page as it was read
    (the review's page images, `debug`)."""
    textpage = page.get_textpage()
    try:
        angle = text_turn(textpage.raw, pdfium_c.FPDFText_CountChars(textpage.raw))
    finally:
        textpage.close()
    if angle:
        turn_upright(page, angle)
    page.set_rotation(0)


UPRIGHT = math.radians(10)
"""How far from left to right a character may lean and still run upright (a slanted italic does)."""


def runs_upright(textpage: Any, index: int) -> bool:
    """Does the character run left to right (or has no angle: a space pdfium put in)?"""
    angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
    return angle < 0 or min(angle, 2 * math.pi - angle) <= UPRIGHT


def turn_upright(page: Any, angle: int) -> None:
    """Turn every object on the page so that characters running at `angle` (`text_turn`) run
    left to right, and the page's boxes with them; /Rotate goes, as the content is now upright."""
    left, bottom, right, top = (float(value) for value in page.get_mediabox())
    width, height = right - left, top - bottom
    turn = (360 - angle) % 360  # the clockwise turn that undoes it
    # where a point (x, y) of the page goes, from its box's corner: x' = a x + c y + e, y' = b x + d y + f
    a, b, c, d, e, f = {90: (0, -1, 1, 0, 0, width), 180: (-1, 0, 0, -1, width, height),
                        270: (0, 1, -1, 0, height, 0)}[turn]
    matrix = pdfium.PdfMatrix(a, b, c, d, e - a * left - c * bottom, f - b * left - d * bottom)
    for item in page.get_objects(max_depth=0):
        item.transform(matrix)
    new_width, new_height = (width, height) if turn == 180 else (height, width)
    page.set_mediabox(0, 0, new_width, new_height)
    page.set_cropbox(0, 0, new_width, new_height)
    page.set_rotation(0)
