"""Pages read but not yet built into blocks, stored away (readers/spill.py).

The passes over the whole paper (running lines, the paper's style) must see every page before
the first page's blocks can be built. Held as objects, a page's words and lines cost about 40 KB;
stored, they cost nothing much, so a 700-page paper is read in the memory of a 70-page one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

from ..spill import Spill
from .model import PageContent


class PageSpool(Collection[PageContent]):
    """Pages in reading order; each iteration decodes them one at a time, `prepare`d as they come."""

    def __init__(self) -> None:
        self._pages: Spill[PageContent] = Spill()
        self.prepare: Callable[[PageContent], None] | None = None
        """What to do to every page as it is decoded (furniture dropped, once it is known)."""

    def append(self, page: PageContent) -> None:
        self._pages.append(page)

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[PageContent]:
        for page in self._pages:
            if self.prepare is not None:
                self.prepare(page)
            yield page

    def drain(self) -> Iterator[PageContent]:
        """The pages for the last time: let go of once all are given out."""
        yield from self
        self._pages.close()

    def __contains__(self, page: object) -> bool:
        return any(page == other for other in self)
