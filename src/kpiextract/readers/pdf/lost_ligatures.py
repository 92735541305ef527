"""Ligatures whose names were lost, read back from the letters around them.

A font that draws "ti", "fi" or "ffi" as one glyph (Carlito, Calibri) may come out of a re-writer
with that glyph named by a control code: printed through PostScript by cairo, "Existing" reads
"Exis\\x10ng". Its ink shows a glyph of letters (inks.py reads it so, as `SLOT`), not which. The
word it stands in says: the letters that make a word the paper prints elsewhere or the
vocabulary knows; else, for a slot with letters on both sides, the ligature whose letters the
paper's own spelling makes likeliest (how often each run of three letters stands in its words).
A slot at a word's edge that makes no known word, or one beside figures ("\\x0413.3m", a lost
"£"), is read as a space, as any unreadable glyph is: a wrong word is worse than a gap.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Set

SLOT = "\ufffc"
"""What a lost ligature reads as until its word is read (the object replacement character)."""
CANDIDATES = ("fi", "fl", "ff", "ffi", "ffl", "ft", "fft", "ti", "tt", "tti", "tf", "fj")
"""The letters a text face's standard ligatures stand for (Carlito's and Calibri's "ti" and "tt"
among them), the common ones first; not the discretionary "st" or "ct" no office paper sets."""
_WORD_WITH_SLOTS = re.compile(rf"[^\W\d_]*(?:[^\W\d_]{SLOT}|{SLOT}[^\W\d_])[^\W\d_{SLOT}]*(?:{SLOT}[^\W\d_{SLOT}]*)?")
"""A run of letters holding one or two slots, a letter beside the first ('E\\ufffcec\\ufffcve':
'effective'); a slot between figures or spaces is no ligature."""
SHORTEST = 3
"""Letters: a known word shorter than this ('th' of '13th') tells nothing of a ligature."""
_LOWER_AFTER = re.compile(rf"^{SLOT}[a-z]{{3}}")
"""A slot opening a word of lower-case letters: 'fi' or 'fl' as in 'financial'. A mark glued
to a word ('▲Improving', 'Green▲') stands before a capital or after the word."""


class Spelling:
    """How often each run of three letters (with ^ and $ for a word's ends) stands in words."""

    def __init__(self, words: Iterable[str]) -> None:
        self.threes: Counter[str] = Counter()
        self.twos: Counter[str] = Counter()
        for word in words:
            if SLOT in word or not word.isalpha():
                continue
            marked = f"^{word.lower()}$"
            self.threes.update(marked[i:i + 3] for i in range(len(marked) - 2))
            self.twos.update(marked[i:i + 2] for i in range(len(marked) - 1))

    def likelihood(self, word: str) -> float:
        """The log-likelihood of the word's letters, each given the two before it."""
        marked = f"^{word.lower()}$"
        return sum(math.log((self.threes[marked[i:i + 3]] + 0.1) / (self.twos[marked[i:i + 2]] + 1.0))
                   for i in range(len(marked) - 2))


def fill_slots(text: str, known: Set[str], spelling: Spelling) -> str:
    """The text with each word's lost ligatures read (`known`: words in lower case), and any
    slot that no word explains as a space."""
    if SLOT not in text:
        return text
    text = _WORD_WITH_SLOTS.sub(lambda match: _read(match.group(0), known, spelling), text)
    return text.replace(SLOT, " ")


def _read(word: str, known: Set[str], spelling: Spelling) -> str:
    readings = _readings(word)
    for reading in readings:
        if len(reading) >= SHORTEST and reading.lower() in known:
            return reading
    if word.endswith(SLOT) or (word.startswith(SLOT) and not _LOWER_AFTER.match(word)):
        return word  # its slot becomes a space
    return max(readings, key=spelling.likelihood)


def _readings(word: str) -> list[str]:
    """Every way of reading the word's slots as ligatures, the common ligatures' first."""
    readings = [""]
    pieces = word.split(SLOT)
    for index, piece in enumerate(pieces):
        readings = [reading + piece for reading in readings]
        if index < len(pieces) - 1:
            readings = [reading + letters for reading in readings for letters in CANDIDATES]
    return readings
