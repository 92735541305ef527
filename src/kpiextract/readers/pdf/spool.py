"""Pages read but not yet built into blocks, held as compressed bytes.

The passes over the whole paper (running lines, the paper's style) must see every page before
the first page's blocks can be built. Held as objects, a page's words and lines cost about 40 KB;
pickled and compressed they cost about 3 KB, so a 700-page paper is read in the memory of a
70-page one.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable, Collection, Iterator

from .model import PageContent


class PageSpool(Collection[PageContent]):
    """Pages in reading order; each iteration decodes them one at a time, `prepare`d as they come."""

    def __init__(self) -> None:
        self._pages: list[bytes] = []
        self.prepare: Callable[[PageContent], None] | None = None
        """What to do to every page as it is decoded (furniture dropped, once it is known)."""

    def append(self, page: PageContent) -> None:
        # level 1: the text compresses 3x at once; higher levels cost time for little more
        self._pages.append(zlib.compress(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL), 1))

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[PageContent]:
        for blob in self._pages:
            page: PageContent = pickle.loads(zlib.decompress(blob))
            if self.prepare is not None:
                self.prepare(page)
            yield page

    def drain(self) -> Iterator[PageContent]:
        """The pages for the last time, each let go of as it is given out."""
        self._pages.reverse()
        while self._pages:
            page: PageContent = pickle.loads(zlib.decompress(self._pages.pop()))
            if self.prepare is not None:
                self.prepare(page)
            yield page

    def __contains__(self, page: object) -> bool:
        return any(page == other for other in self)
