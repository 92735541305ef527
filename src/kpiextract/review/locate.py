"""Where a record's source text sits among a page's words (PDF) or a file's lines (text).

The source text is what a layout read: a table row's cells joined by " | ", or a sentence. The
longest run of the page's words (in reading order) that reads as the source does anchors it;
the run then grows over neighbouring words the source still has unused, so a table row whose
cells wrap over several lines is found whole, while the same common words ("the target of") in
the sentence above are not taken. Less than half the source's words found is not shown: a
highlight in the wrong place is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

_WORD = re.compile(r"\w+")
MIN_SHARE = 0.5
"""The least share of the source text's distinct words a run must hold to be shown."""


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


MAX_GAP = 3
"""Words not in the source the run may step over while growing (a footnote mark, a cell left out)."""


def locate(pieces: Sequence[str], source: str) -> list[int]:
    """The indices of the pieces (page words, or lines) that show `source`, in order; [] if not found."""
    wanted = words_of(source)
    if not wanted:
        return []
    flat = [(word, index) for index, piece in enumerate(pieces) for word in words_of(piece)]
    page = [word for word, _index in flat]
    anchor = SequenceMatcher(None, page, wanted, autojunk=False).find_longest_match(0, len(page), 0, len(wanted))
    if anchor.size == 0:
        return []
    unused = Counter(wanted)
    unused.subtract(wanted[anchor.b:anchor.b + anchor.size])
    taken = list(range(anchor.a, anchor.a + anchor.size))
    # grow both ways a word at a time, so the nearer of two copies of a word is the one taken
    ends = {1: anchor.a + anchor.size, -1: anchor.a - 1}
    gaps = {1: 0, -1: 0}
    while any(0 <= ends[step] < len(page) and gaps[step] <= MAX_GAP for step in (1, -1)):
        for step in (1, -1):
            position = ends[step]
            if not (0 <= position < len(page) and gaps[step] <= MAX_GAP):
                continue
            if unused[page[position]] > 0:
                unused[page[position]] -= 1
                taken.append(position)
                gaps[step] = 0
            else:
                gaps[step] += 1
            ends[step] = position + step
    if len(taken) < max(2 if len(wanted) > 1 else 1, MIN_SHARE * len(wanted)):
        return []
    return sorted({flat[position][1] for position in taken})
