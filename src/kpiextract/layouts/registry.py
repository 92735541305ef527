"""Every layout, registered in one place, and the choice of layout for each block."""

from __future__ import annotations

from ..readers.document import Block
from .base import Layout
from .cards import CardLayout
from .context import DocumentContext
from .flatrows import FlatRowsLayout
from .narrative import NarrativeLayout
from .scorecard import ScorecardLayout, WideScorecardLayout
from .successes import SuccessesLayout

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        ScorecardLayout(),
        WideScorecardLayout(),
        SuccessesLayout(),
        NarrativeLayout(),
        CardLayout(),
        FlatRowsLayout(),
    )
}

MIN_CONFIDENCE = 0.3


def choose(block: Block, context: DocumentContext, allowed: tuple[str, ...] | None = None) -> Layout | None:
    """The layout most sure it can read the block, if any is sure enough."""
    best: tuple[float, Layout] | None = None
    for name, layout in LAYOUTS.items():
        if allowed is not None and name not in allowed:
            continue
        if block.kind not in layout.handles:
            continue
        score = layout.detect(block, context)
        if score >= MIN_CONFIDENCE and (best is None or score > best[0]):
            best = (score, layout)
    return best[1] if best else None
