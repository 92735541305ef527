"""List items on a PDF page: what opens one, before any paragraph or table is formed.

A list item opens with a label before a hanging indent: a bullet glyph (Word's arrive as
private-use Symbol and Wingdings characters), a number ("3.4", "2.", "(a)") set apart from its
text by more than a word space, or a bullet the producer drew as a shape instead of a
character (Chromium does). The label is part of the item, not a table column: its gap is a
tab, not a gutter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..structure import is_bullet_glyph, is_list_label, normalise_bullets
from .model import BBox, Line, Metrics, Word

LABEL_GAP_SPACES = 2.0
"""A number is a label when its text starts more than this many word spaces after it."""
MARK_MAX_EM = 0.7
"""A drawn bullet is a small shape: at most this share of the text's size either way."""
MARK_REACH_EM = 4.0
"""...and it stands at most this many ems before the line's first word."""


def label(line: Line, metrics: Metrics) -> Word | None:
    """The word that opens the line as a list item, or None."""
    first = line.words[0]
    if len(line.words) < 2 or not is_list_label(first.text):
        return None
    if is_bullet_glyph(first.text):
        return first
    gap = line.words[1].x0 - first.x1
    return first if gap >= metrics.space * LABEL_GAP_SPACES else None


def opens_item(line: Line, metrics: Metrics) -> bool:
    return label(line, metrics) is not None


def text_left(line: Line, metrics: Metrics) -> float:
    """Where the line's text starts: after its label, when it has one (the hanging indent)."""
    return line.words[1].x0 if opens_item(line, metrics) else line.x0


def with_bullet_glyphs(line: Line) -> Line:
    """The line with a private-use bullet shown as the bullet it draws."""
    first = line.words[0]
    shown = normalise_bullets(first.text)
    if shown == first.text:
        return line
    return Line([replace(first, text=shown), *line.words[1:]])


def attach_marks(lines: Sequence[Line], marks: Sequence[BBox]) -> list[Line]:
    """Drawn bullets as "•" words at the start of the lines they stand before."""
    if not marks:
        return list(lines)
    result: list[Line] = []
    for line in lines:
        mark = _mark_before(line, marks)
        if mark is None:
            result.append(line)
            continue
        first = line.words[0]
        bullet = Word("•", mark[0], mark[2], mark[1], mark[3], first.size, False, first.baseline)
        result.append(Line([bullet, *line.words]))
    return result


def _mark_before(line: Line, marks: Sequence[BBox]) -> BBox | None:
    first = line.words[0]
    size = first.size
    for mark in marks:
        x0, top, x1, bottom = mark
        small = 0 < x1 - x0 <= size * MARK_MAX_EM and 0 < bottom - top <= size * MARK_MAX_EM
        # a bullet sits between the line's baseline and its cap height, just before its text
        beside = first.baseline - size <= (top + bottom) / 2 <= first.baseline
        before = 0 <= first.x0 - x1 <= size * MARK_REACH_EM
        if small and beside and before:
            return mark
    return None
