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

import itertools
import re
from collections.abc import Callable, Iterable, Set

from .lost_ligatures import SLOTS, UNREAD, Both, Ligatures, has_slots
from .model import Word

BROKEN = re.compile(r"(?<![\w-])([^\W\d_]+)-([^\W\d_]+)(?![\w-])")
"""A word of letters with one hyphen, its second part starting in lower case or the whole word in
capitals ("COMMIT-TEE"; checked apart)."""
_EDGES = re.compile(rf"^[^\w{SLOTS}]+|[^\w{SLOTS}]+$")
"""Punctuation at a word's edges; a lost ligature's slot (lost_ligatures.py) is kept, as a letter."""


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
        self._ligatures: Ligatures | None = None

    @property
    def known(self) -> Set[str]:
        """The known words, gathered the first time a broken word is not among the paper's own
        (most papers never need them, and gathering them takes a vocabulary and catalogue pass)."""
        if callable(self._known):
            self._known = self._known()
        return self._known

    def _fill(self, text: str, starts: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
        """The text with its lost ligatures read (`Ligatures`, decided once over the paper's words),
        and `starts` moved with the letters."""
        if self._ligatures is None:
            self._ligatures = Ligatures(self.words, Both(self.words, self.known))
        cuts = sorted({offset for offset, _ in starts if 0 < offset < len(text)})
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        filled = [self._ligatures.fill(piece) for piece in pieces]
        # where each stretch now starts: a start at a cut moves with it, one at the end stays there
        moved = dict(zip([0, *cuts, len(text)], itertools.accumulate((len(f) for f in filled), initial=0),
                         strict=True))
        return "".join(filled), [(moved.get(offset, offset), value) for offset, value in starts]

    def see(self, words: Iterable[Word]) -> None:
        self.words.update(_key(word.text) for word in words)

    def _broken(self, match: re.Match[str]) -> bool:
        head, tail = match.group(1), match.group(2)
        whole = (head + tail).lower()
        return (tail[:1].islower() or (head + tail).isupper()) and (whole in self.words or whole in self.known) \
            and match.group(0).lower() not in self.words

    def mend(self, text: str, starts: list[tuple[int, int]] | None = None) -> tuple[str, list[tuple[int, int]]]:
        """The text with its lost ligatures read (lost_ligatures.py) and its line-broken words
        joined; `starts` (offsets into the text, with a value each) moved with the letters."""
        starts = list(starts or [])
        if has_slots(text) or UNREAD in text:
            text, starts = self._fill(text, starts)
        if "-" not in text or not self.words:
            return text, starts
        out: list[str] = []
        cut: list[int] = []  # offsets of the hyphens taken out
        position = 0
        for match in BROKEN.finditer(text):
            if self._broken(match):
                hyphen = match.start(2) - 1
                out.append(text[position:hyphen])
                position = hyphen + 1
                cut.append(hyphen)
        if not cut:
            return text, starts
        out.append(text[position:])
        moved = [(offset - sum(1 for hyphen in cut if hyphen < offset), value) for offset, value in starts]
        return "".join(out), moved
