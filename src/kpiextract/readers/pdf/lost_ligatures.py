"""Ligatures whose names were lost, read back from the words they stand in.

A font that draws "ti", "fi" or "ffi" as one glyph (Carlito, Calibri) may come out of a re-writer
with that glyph named by a control code: printed through PostScript by cairo, "Existing" reads
"Exis\\x10ng" and "patients" "pa\\x10ents". Its ink shows a glyph of letters (inks.py), not which.
The reader keeps it as a slot that remembers its code (`slot`), and once the whole paper is read
decides each code's letters from every word it stands in (`Ligatures`): a code is one glyph, so
"Educa_on", "Informa_on" and "pa_ents" vote together. A reading that makes words the paper
prints elsewhere or the vocabulary knows wins; else, for a code standing between letters at
least once, the letters English spelling makes likeliest. "Known" includes the words of an
English word list that hold a ligature's letters (english_words.txt.gz), and the spelling is how
often each run of three letters stands in that list's words and the paper's. A code no word
explains (a lost "£" before figures, an arrow after a status word) is read as a space, as any
unreadable glyph is: a wrong word is worse than a gap.

A producer that gives such a glyph no character at all (AbiWord's cairo writes Carlito's "ti"
and "ft" so, and pdfium reads U+FFFD: "rela\ufffdng", "a\ufffder") leaves no code to tell one
glyph from another: each such word is spelled on its own, by the one choice of letters that makes
a known word, and left as read with none or two.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Set
from functools import lru_cache
from pathlib import Path

SLOT = "\ufffc"
"""What inks.py reads a glyph of letters as: `slot` gives it its code."""
SLOT_FIRST, SLOT_LAST = "\uf600", "\uf61f"
SLOTS = f"{SLOT_FIRST}-{SLOT_LAST}"
"""Private-use points standing for lost ligatures, one per control code (U+F600 + code)."""
_SLOT = re.compile(f"[{SLOTS}]")
CANDIDATES = ("fi", "fl", "ff", "ffi", "ffl", "ft", "fft", "ti", "tt", "tti", "tf")
"""The letters a text face's standard ligatures stand for (Carlito's and Calibri's "ti" and "tt"
among them); not the discretionary "st" or "ct" no office paper sets."""
_WORD = re.compile(f"[^\\W\\d_]*(?:[{SLOTS}][^\\W\\d_]*)+")
"""A run of letters holding slots (a slot between figures is read in it too, and explained by none)."""
UNREAD = "\ufffd"
"""What pdfium gives for a glyph whose font has no Unicode for it at all (no code to keep)."""
_UNREAD_WORD = re.compile(r"[^\W\d_]*(?:[^\W\d_]\ufffd|\ufffd[^\W\d_])[^\W\d_\ufffd]*(?:\ufffd[^\W\d_\ufffd]*)*")
"""A run of letters holding unread glyphs, a letter beside the first."""
MAX_UNREAD = 2
"""More unread glyphs in one word than this and the spellings are too many to trust one."""
SHORTEST = 3
"""Letters: a known word shorter than this ('th' of '13th') tells nothing of a ligature."""
KNOWN_WEIGHT = 20.0
"""A reading that makes a known word outweighs any difference of spelling likelihood."""


def slot(code: str) -> str:
    """The slot for a glyph named by control code `code`."""
    return chr(0xF600 + (ord(code) & 0x1F))


def is_slot(char: str) -> bool:
    return SLOT_FIRST <= char <= SLOT_LAST


def has_slots(text: str) -> bool:
    return _SLOT.search(text) is not None


ENGLISH = Path(__file__).with_name("english_letters.json")
"""How many words of an English word list hold each run of three letters and of two
(tools/make_english_letters.py): the spelling a short paper has too few words to show."""


ENGLISH_WORDS = Path(__file__).with_name("english_words.txt.gz")
"""The words of that list holding a ligature's letters (the only ones a reading can make)."""


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    with gzip.open(ENGLISH_WORDS, "rt", encoding="utf-8") as listed:
        return frozenset(line.strip() for line in listed if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _english() -> tuple[dict[str, int], dict[str, int]]:
    data = json.loads(ENGLISH.read_text(encoding="utf-8"))
    return data["threes"], data["twos"]


class Spelling:
    """How often each run of three letters (with ^ and $ for a word's ends) stands in words: an
    English word list's and the given words' (the paper's own)."""

    def __init__(self, words: Iterable[str]) -> None:
        threes, twos = _english()
        self.threes: Counter[str] = Counter(threes)
        self.twos: Counter[str] = Counter(twos)
        for word in words:
            if not word.isalpha() or _SLOT.search(word):
                continue
            marked = f"^{word.lower()}$"
            self.threes.update(marked[i:i + 3] for i in range(len(marked) - 2))
            self.twos.update(marked[i:i + 2] for i in range(len(marked) - 1))

    def likelihood(self, word: str) -> float:
        """The log-likelihood of the word's letters, each given the two before it."""
        marked = f"^{word.lower()}$"
        return sum(math.log((self.threes[marked[i:i + 3]] + 0.1) / (self.twos[marked[i:i + 2]] + 1.0))
                   for i in range(len(marked) - 2))


class Ligatures:
    """Each slot's letters, decided over every word of the paper it stands in."""

    def __init__(self, words: Iterable[str], known: Set[str]) -> None:
        words = set(words)
        self.letters: dict[str, str] = {}
        self._paper_known = known
        self._all_known: Set[str] | None = None
        holding: defaultdict[str, set[str]] = defaultdict(set)
        for word in words:
            for found in _WORD.findall(word):
                for mark in set(_SLOT.findall(found)):
                    holding[mark].add(found)
        if not holding:
            return
        spelling = Spelling([*words, *known])
        for mark, found in holding.items():
            decided = _decide(mark, found, self._known(), spelling)
            if decided:
                self.letters[mark] = decided

    def fill(self, text: str) -> str:
        """The text with each slot read as its letters, or as a space where it has none or stands
        apart from letters (before or between figures, alone); and each word with unread glyphs
        (`UNREAD`) spelled, where exactly one spelling makes a known word."""
        if _SLOT.search(text):
            text = _WORD.sub(self._word, text)
        if UNREAD in text:
            text = _UNREAD_WORD.sub(self._unread, text)
        return text

    def _unread(self, match: re.Match[str]) -> str:
        """A producer that gives a ligature glyph no Unicode at all (AbiWord's cairo: "rela\ufffdng",
        "a\ufffder") leaves no code to tell its glyphs apart: each word is spelled on its own, by
        the one choice of letters that makes a known word; with none or two it stays as read."""
        word = match.group(0)
        if word.count(UNREAD) > MAX_UNREAD:
            return word
        capitals = word.replace(UNREAD, "").isupper() and len(word) > word.count(UNREAD) + 1
        known = self._known()
        found = {reading.upper() if capitals else reading for reading in _readings(word, UNREAD)
                 if len(reading) >= SHORTEST and reading.lower() in known}
        return found.pop() if len(found) == 1 else word

    def _known(self) -> Set[str]:
        if self._all_known is None:
            self._all_known = Both(self._paper_known, english_words())
        return self._all_known

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        if not any(char.isalpha() for char in word):
            return " " * len(word)
        return _SLOT.sub(lambda mark: self.letters.get(mark.group(0), " "), word)


def _decide(mark: str, words: set[str], known: Set[str], spelling: Spelling) -> str | None:
    """The letters for `mark` that best explain the words it stands in, or None."""
    best, best_score, explained = None, -math.inf, False
    inside = any(_between_letters(word, mark) for word in words)
    for letters in CANDIDATES:
        score, knows = 0.0, False
        for word in words:
            reading = word.replace(mark, letters)
            if _SLOT.search(reading):  # another slot in the word: judged by its own reading alone
                continue
            if len(reading) >= SHORTEST and reading.lower() in known:
                score, knows = score + KNOWN_WEIGHT, True
            score += spelling.likelihood(reading)
        if score > best_score:
            best, best_score, explained = letters, score, knows
    return best if explained or inside else None


def _between_letters(word: str, mark: str) -> bool:
    index = word.find(mark)
    while index != -1:
        if 0 < index < len(word) - 1 and word[index - 1].isalpha() and word[index + 1].isalpha():
            return True
        index = word.find(mark, index + 1)
    return False


class Both(Set[str]):
    """Two sets of words read as one, without copying either."""

    def __init__(self, first: Set[str], second: Set[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, word: object) -> bool:
        return word in self.first or word in self.second

    def __iter__(self) -> Iterator[str]:
        return itertools.chain(self.first, self.second)

    def __len__(self) -> int:
        return len(self.first) + len(self.second)


def _readings(word: str, mark: str) -> list[str]:
    """Every way of reading the word's `mark`s as ligatures."""
    readings = [""]
    pieces = word.split(mark)
    for index, piece in enumerate(pieces):
        readings = [reading + piece for reading in readings]
        if index < len(pieces) - 1:
            readings = [reading + letters for reading in readings for letters in CANDIDATES]
    return readings
