"""Direction of travel: what an arrow or a word beside a figure says about how it moved.

One definition for every layout (a card's "DoT" cell, a scorecard's "Trend" column): a word
("improving", "no change") says it outright; an arrow means what the paper's key says ("↑
improving"), else what the figures show, since whether "up" means "improving" or "the figure
went up" is the paper's convention. The words and arrows are data ([direction] and
[direction_arrows] in patterns/vocabulary.toml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..vocab import Vocabulary


def arrow_key(texts: Iterable[str], vocab: Vocabulary) -> dict[str, str]:
    """'Key: ↑ improving  ↓ worsening  → no change': what the paper's arrows mean, from any text
    that prints two arrows or more each followed by a direction word."""
    key: dict[str, str] = {}
    if not vocab.arrows:
        return key
    marks = re.compile("|".join(re.escape(a) for a in vocab.arrows))
    for text in texts:
        if sum(1 for ch in text if ch in vocab.arrows) < 2:
            continue
        for match in marks.finditer(text):
            after = text[match.end():match.end() + 30]
            words = re.split(r"[,;.]|\s{2,}", after.strip(" :=-–"))[0]
            found = vocab.direction.find(words)
            if found is not None and found[1].start() == 0:
                key.setdefault(match.group(0), found[0])
    return key


def direction_word(text: str, vocab: Vocabulary) -> str | None:
    """A cell or label that is a direction word ("Improving", "↑ Improving", "No change")."""
    return vocab.direction.exact(text.strip(" ."))


def arrow_direction(text: str, vocab: Vocabulary, key: dict[str, str], value: float | None = None,
                    previous: float | None = None, polarity: str | None = None) -> str | None:
    """The direction an arrow in the text gives: the paper's key first; a level arrow is
    unchanged; else an arrow against the move from the previous figure speaks of performance,
    one with it of the figure (improving or worsening when the polarity says which way is good)."""
    arrow = next((ch for ch in text if ch in vocab.arrows), None)
    if arrow is None:
        return None
    if arrow in key:
        return key[arrow]
    points = vocab.arrows[arrow]
    if points == "level":
        return "unchanged"
    if previous is None or value is None or previous == value:
        return points
    moved = "up" if value > previous else "down"
    if moved != points:
        return "improving" if points == "up" else "worsening"  # the arrow speaks of performance
    if polarity is None:
        return points
    return "improving" if (moved == "up") == (polarity == "higher") else "worsening"
