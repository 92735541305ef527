"""Words a typesetter hyphenated at a line's end, made whole again by the paper's own words.

TeX (and any typesetter that hyphenates) breaks a word at a line's end with a hyphen no different
from a word's own: "perfor-" / "mance" reads as "perfor-mance", "Am-" / "ber" as "Am-ber", where
"re-" / "referral" is "re-referral". The glyph cannot tell them apart; the paper can. A hyphenated
word that is printed nowhere on one line, while the same letters without the hyphen are printed
as a word somewhere in the paper, or make a word the package's vocabulary knows (`known`: a
committee's noun, a column header's or a catalogue indicator's word, "COMMIT-" / "TEE" in a title
that prints "committee" nowhere else), was broken by the line's end: it is joined. A word printed
whole with its hyphen ("e-mail" inside a line), or whose letters are neither printed unbroken nor
known, keeps its hyphen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Set
from itertools import product

from .model import Word

BROKEN = re.compile(r"(?<![\w-])([^\W\d_]+)-([^\W\d_]+)(?![\w-])")
"""A word of letters with one hyphen, its second part starting in lower case or the whole word in
capitals ("COMMIT-TEE"; checked apart)."""
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")


def _key(text: str) -> str:
    return _EDGES.sub("", text).lower()


Known = Set[str] | Callable[[], Set[str]]
"""Known words, or how to get them when first needed."""


class Vocabulary:
    """The words printed in a paper, each as it stands on its line (lower case, no edge punctuation),
    and the words known before reading it (lower case)."""

    def __init__(self, known: Known = frozenset()) -> None:
        self.words: set[str] = set()
        self._known = known

    @property
    def known(self) -> Set[str]:
        """The known words, gathered the first time a broken word is not among the paper's own
        (most papers never need them, and gathering them takes a vocabulary and catalogue pass)."""
        if callable(self._known):
            self._known = self._known()
        return self._known

    def see(self, words: Iterable[Word]) -> None:
        self.words.update(_key(word.text) for word in words)

    def _broken(self, match: re.Match[str]) -> bool:
        head, tail = match.group(1), match.group(2)
        whole = (head + tail).lower()
        return (tail[:1].islower() or (head + tail).isupper()) and (whole in self.words or whole in self.known) \
            and match.group(0).lower() not in self.words

    def mend(self, text: str, starts: list[tuple[int, int]] | None = None) -> tuple[str, list[tuple[int, int]]]:
        """The text with its unread ligatures spelled and its line-broken words joined; `starts`
        (offsets into the text, with a value each) moved by what was put in or taken out before them."""
        starts = list(starts or [])
        if not self.words or ("-" not in text and UNREAD not in text):
            return text, starts
        edits: list[tuple[int, int, str]] = []  # (start, end, replacement), left to right
        if UNREAD in text:
            for match in UNREAD_WORD.finditer(text):
                spelled = self._spelled(match.group(0))
                if spelled is not None:
                    edits.append((match.start(), match.end(), spelled))
            text, starts = _apply(text, starts, edits)
            edits = []
        if "-" in text:
            edits = [(match.start(2) - 1, match.start(2), "") for match in BROKEN.finditer(text) if self._broken(match)]
        return _apply(text, starts, edits)

    def _spelled(self, word: str) -> str | None:
        """A word with unread glyphs (U+FFFD) spelled with the one choice of ligature letters that
        makes a word the paper prints or the package knows: a producer that writes no Unicode for
        its ligature glyphs (AbiWord's cairo, Calibri's "ti" and "ft") leaves "s\ufffdll" for "still"."""
        gaps = word.count(UNREAD)
        if gaps > MAX_UNREAD:
            return None
        found = set()
        for letters in product(LIGATURES, repeat=gaps):
            pieces = word.split(UNREAD)
            spelled = pieces[0] + "".join(lig + piece for lig, piece in zip(letters, pieces[1:], strict=True))
            if spelled.lower() in self.words or spelled.lower() in self.known:
                found.add(spelled.upper() if word.replace(UNREAD, "").isupper() and len(word) > gaps + 1 else spelled)
        return found.pop() if len(found) == 1 else None


UNREAD = "\ufffd"
"""What a glyph stands for when its font gives no Unicode for it."""
UNREAD_WORD = re.compile(r"[^\W\d_]*(?:\ufffd[^\W\d_]*)+")
LIGATURES = ("ti", "ft", "tt", "fi", "fl", "ff", "ffi", "ffl", "tti", "fft", "fj")
"""The letters an office font's ligature glyphs draw (Calibri and Carlito)."""
MAX_UNREAD = 2
"""More unread glyphs in one word than this and the choices are too many to trust one."""


Starts = list[tuple[int, int]]


def _apply(text: str, starts: Starts, edits: list[tuple[int, int, str]]) -> tuple[str, Starts]:
    """The text with each (start, end, replacement) made, and the offsets in `starts` moved with it."""
    if not edits:
        return text, starts
    out: list[str] = []
    position = 0
    for start, end, replacement in edits:
        out += [text[position:start], replacement]
        position = end
    out.append(text[position:])

    def moved(offset: int) -> int:
        return offset + sum(len(replacement) - (end - start) for start, end, replacement in edits if end <= offset)

    return "".join(out), [(moved(offset), value) for offset, value in starts]
