"""Running headers, footers and page numbers: printed on every page, part of no paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Line, PageContent

PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
MARGIN_ZONE = 0.09
"""Share of the page height at the top and bottom where running headers and footers sit."""


def _zone(line: Line, page: PageContent) -> str | None:
    if line.bottom <= page.height * MARGIN_ZONE:
        return "top"
    if line.top >= page.height * (1 - MARGIN_ZONE):
        return "bottom"
    return None


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


def drop_running_lines(pages: Sequence[PageContent]) -> None:
    """Page numbers, and lines repeated at the same place in the margin of many pages, are furniture."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for page in pages:
        if len(page.lines) < 2:  # a page's only line is its content
            continue
        for line in page.lines:
            for zone, text, offset in _margin_keys(line, page):
                seen.setdefault((zone, text), []).append((page.number, offset))
    text_pages = sum(1 for page in pages if page.lines)
    needed = max(2, round(text_pages * 0.3))
    running: RunningLines = {}
    for key, hits in seen.items():
        for _, offset in hits:
            if len({number for number, other in hits if abs(other - offset) <= 4}) >= needed:
                running.setdefault(key, []).append(offset)
    for page in pages:
        if len(page.lines) > 1:
            page.lines = [line for line in page.lines if not _is_furniture(line, page, running)]


def _is_furniture(line: Line, page: PageContent, running: RunningLines) -> bool:
    keys = _margin_keys(line, page)
    if keys and PAGE_NUMBER.match(line.text.strip()):
        return True
    return any(abs(offset - other) <= 4 for zone, text, offset in keys for other in running.get((zone, text), []))
