"""Where a record's source text sits among a page's words (PDF) or a file's lines (text).

The source text is what a layout read: a table row's cells joined by " | ", or a sentence. The
longest run of the page's words (in reading order) that reads as the source does anchors it;
then, near the anchor, the longest run matching a part of the source not yet found is taken,
and so on, as `diff` aligns text but in any order: a table row whose name wraps below its
figures is found whole, and the same common words ("the target of") in the line above are
not taken where the source's own run of them is nearer. Less than half the source's words
found is not shown: a highlight in the wrong place is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

_WORD = re.compile(r"\w+")
MIN_SHARE = 0.5
"""The least share of the source text's distinct words a run must hold to be shown."""


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def locate(pieces: Sequence[str], source: str) -> list[int]:
    """The indices of the pieces (page words, or lines) that show `source`, in order; [] if not found."""
    wanted = words_of(source)
    if not wanted:
        return []
    flat = [(word, index) for index, piece in enumerate(pieces) for word in words_of(piece)]
    page = [word for word, _index in flat]
    matcher = SequenceMatcher(None, page, wanted, autojunk=False)
    anchor = matcher.find_longest_match(0, len(page), 0, len(wanted))
    if anchor.size == 0:
        return []
    reach = max(len(wanted), 10)  # a row's or sentence's words lie within its own length of the anchor
    window = (max(anchor.a - reach, 0), min(anchor.a + anchor.size + reach, len(page)))
    taken = set(range(anchor.a, anchor.a + anchor.size))
    todo = [(0, anchor.b), (anchor.b + anchor.size, len(wanted))]
    while True:
        free = _free_spans(window, taken)
        best: tuple[int, int, int, int, int] | None = None  # size, -distance, page start, source start, todo index
        for number, (low, high) in enumerate(todo):
            for a_low, a_high in free:
                match = matcher.find_longest_match(a_low, a_high, low, high)
                if match.size == 0:
                    continue
                distance = min(abs(match.a - position) for position in taken)
                candidate = (match.size, -distance, match.a, match.b, number)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        if best is None:
            break
        size, _distance, a, b, number = best
        taken.update(range(a, a + size))
        low, high = todo.pop(number)
        todo += [span for span in ((low, b), (b + size, high)) if span[0] < span[1]]
    if len(taken) < max(2 if len(wanted) > 1 else 1, MIN_SHARE * len(wanted)):
        return []
    return sorted({flat[position][1] for position in taken})


def _free_spans(window: tuple[int, int], taken: set[int]) -> list[tuple[int, int]]:
    spans, start = [], window[0]
    for position in range(window[0], window[1] + 1):
        if position == window[1] or position in taken:
            if start < position:
                spans.append((start, position))
            start = position + 1
    return spans
