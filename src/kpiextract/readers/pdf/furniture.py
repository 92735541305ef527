"""Running headers, footers and page numbers: printed on every page, part of no paragraph."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .model import Line, PageContent

PAGE_NUMBER = re.compile(r"^(?:page\s*)?(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
MARGIN_ZONE = 0.09
"""Share of the page height at the top and bottom where running headers and footers sit."""


def _zone(line: Line, page: PageContent) -> str | None:
    return _margin(line, page.height)


def _margin(line: Line, height: float) -> str | None:
    if line.bottom <= height * MARGIN_ZONE:
        return "top"
    if line.top >= height * (1 - MARGIN_ZONE):
        return "bottom"
    return None


def page_number_lines(lines: Sequence[Line], height: float) -> list[Line]:
    """The page's first and last lines where each is only its page number ("Page 6 of 10", "6") in
    the margin: furniture, never a table's row, even when a table runs down to just above it (its
    words would add a column where the number stands). Known from the page alone, before the
    running lines are."""
    ends = [lines[0], lines[-1]] if len(lines) > 1 else []
    return [line for line in ends if _margin(line, height) is not None and PAGE_NUMBER.match(line.text.strip())]


def _margin_keys(line: Line, page: PageContent) -> list[tuple[str, str, float]]:
    """(zone, text, distance from the page edge), as printed and with the page's number as '#'."""
    zone = _zone(line, page)
    if zone is None:
        return []
    text = re.sub(r"\s+", " ", line.text.lower()).strip()
    numbered = re.sub(rf"(?<!\d){page.number}(?!\d)", "#", text)
    offset = line.top if zone == "top" else page.height - line.bottom
    return [(zone, text, offset), (zone, numbered, offset)] if numbered != text else [(zone, text, offset)]


RunningLines = dict[tuple[str, str], list[float]]


class RunningLineFinder:
    """Running lines gathered page by page as the pages are read, so a long paper's pages need
    not all be held to find them: what is kept per page is its margin lines' keys and line sizes."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
        self.sizes: Counter[float] = Counter()
        self.text_pages = 0

    def see(self, page: PageContent) -> None:
        self.sizes.update(line.size for line in page.lines)
        self.text_pages += bool(page.lines)
        if not _has_content_besides(page):
            return
        for line in page.lines:
            for zone, text, offset in _margin_keys(line, page):
                self.seen.setdefault((zone, text), []).append((page.number, offset))

    def running(self) -> RunningLines:
        """The lines repeated at the same place in the margin of many pages (30% of those with text)."""
        needed = max(2, round(self.text_pages * 0.3))
        slack = SAME_PLACE_EM * _median(self.sizes)
        running: RunningLines = {}
        for key, hits in self.seen.items():
            for _, offset in hits:
                if len({number for number, other in hits if abs(other - offset) <= slack}) >= needed:
                    running.setdefault(key, []).append(offset)
        return running


def drop_furniture(page: PageContent, running: RunningLines) -> None:
    """The page's printed number taken as its label (when the PDF gives none), and its page
    numbers and running lines dropped."""
    if not _has_content_besides(page):
        return
    for line in page.lines:
        number = _printed_number(line, page)
        if number and not page.label:
            page.label = number
    page.lines = [line for line in page.lines if not _is_furniture(line, page, running)]


def drop_running_lines(pages: Sequence[PageContent]) -> None:
    """Page numbers, and lines repeated at the same place in the margin of many pages, are furniture."""
    finder = RunningLineFinder()
    for page in pages:
        finder.see(page)
    running = finder.running()
    for page in pages:
        drop_furniture(page, running)


def _printed_number(line: Line, page: PageContent) -> str | None:
    """The page number a margin line prints: "Page 5 of 12" or "5" gives "5"."""
    match = PAGE_NUMBER.match(line.text.strip()) if _margin_keys(line, page) else None
    return match.group(1) if match else None


SAME_PLACE_EM = 0.4
"""A running line stands at the same distance from the page edge, to within this share of a size."""


def _has_content_besides(page: PageContent) -> bool:
    """More than one line, or a line and a table: a page whose only text is one line has that
    line as its content, but a page number under a page-filling table is still a page number."""
    return len(page.lines) + len(page.tables) > 1


def _median(sizes: Counter[float]) -> float:
    """The median line size (the upper one of an even count), 10 with no lines."""
    middle = sum(sizes.values()) // 2
    for size in sorted(sizes):
        middle -= sizes[size]
        if middle < 0:
            return size
    return 10.0


def _is_furniture(line: Line, page: PageContent, running: RunningLines) -> bool:
    keys = _margin_keys(line, page)
    if keys and PAGE_NUMBER.match(line.text.strip()):
        return True
    slack = SAME_PLACE_EM * line.size
    return any(abs(offset - other) <= slack for zone, text, offset in keys for other in running.get((zone, text), []))
