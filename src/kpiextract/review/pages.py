"""A PDF page as a PNG (pypdfium2), and the boxes of a record's source text on it: the page's
words as the PDF reader reads them (`readers.pdf.glyphs.pdfium_words`), in its coordinates.

Pages are drawn unrotated, as the reader measures them: a page printed sideways shows sideways,
with its highlights where its words are."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .locate import locate

WIDTH_PX = 1000
"""Pages are drawn this many pixels wide: a page's words readable beside the record."""


@dataclass(frozen=True)
class Box:
    """A highlighted region, in percent of the page's width and height (so it scales with the image)."""

    left: float
    top: float
    width: float
    height: float
    kind: str = "source"
    """"source" (the text the record was read from) or "value" (its figure within that text)."""


def render_png(path: Path, page: int, password: str | None = None) -> bytes:
    """Page `page` (1 = first) of the PDF, as PNG bytes."""
    import pypdfium2 as pdfium

    from ..readers.pdf.upright import as_read

    document = pdfium.PdfDocument(str(path), password=password)
    try:
        pdf_page = document[page - 1]
        as_read(pdf_page)  # the frame the word boxes are measured in: turned, if the text ran sideways
        left, _bottom, right, _top = pdf_page.get_bbox()
        scale = WIDTH_PX / (right - left)
        image = pdf_page.render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


@lru_cache(maxsize=32)
def _page_words(path: str, content_hash: str, page: int,
                password: str | None) -> tuple[float, float, tuple[tuple[str, float, float, float, float], ...]]:
    """The page's size and words, read once per paper version (`content_hash` keys the cache)."""
    import pypdfium2 as pdfium

    from ..readers.pdf.glyphs import page_box, pdfium_words

    document = pdfium.PdfDocument(path, password=password)
    try:
        if not 1 <= page <= len(document):
            raise IndexError(f"{path} has no page {page}")
        pdf_page = document[page - 1]
        words = tuple((w.text, w.x0, w.top, w.x1, w.bottom) for w in pdfium_words(pdf_page))
        left, bottom, right, top = page_box(pdf_page)  # after the words: a sideways page is turned to read them
        return right - left, top - bottom, words
    finally:
        document.close()


def _following_words(path: str, content_hash: str, page: int, password: str | None) -> list[str]:
    """The next page's words, or none after the last page."""
    try:
        return [word[0] for word in _page_words(path, content_hash, page + 1, password)[2]]
    except IndexError:
        return []


def source_boxes(path: Path, content_hash: str, page: int, source_text: str, value_text: str | None = None,
                 password: str | None = None) -> list[Box]:
    """Where `source_text` is printed on the page, a box per run of adjacent words of it, and the
    words that print `value_text` among them marked as the value; [] when it cannot be found."""
    width, height, words = _page_words(str(path), content_hash, page, password)
    texts = [word[0] for word in words]
    found = locate(texts, source_text)
    if not found:
        # A sentence or a table row carried over the page break: read on into the next page's words,
        # and mark the part printed on this one.
        following = _following_words(str(path), content_hash, page, password)
        found = [index for index in locate(texts + following, source_text) if index < len(texts)]
    value = (value_text or "").strip()
    runs: list[list[float]] = []  # [x0, top, x1, bottom], adjacent words on one line merged
    boxes: list[Box] = []
    for index in found:
        text, x0, top, x1, bottom = words[index]
        if value and text.strip(".,;:()") == value:
            boxes.append(_box(x0, top, x1, bottom, width, height, "value"))
        last = runs[-1] if runs else None
        if last is not None and abs(last[1] - top) < (bottom - top) * 0.5 and 0 <= x0 - last[2] < (bottom - top):
            last[2], last[1], last[3] = x1, min(last[1], top), max(last[3], bottom)
        else:
            runs.append([x0, top, x1, bottom])
    return [_box(run[0], run[1], run[2], run[3], width, height, "source") for run in runs] + boxes


def _box(x0: float, top: float, x1: float, bottom: float, width: float, height: float, kind: str) -> Box:
    pad = 1.0  # points: the mark sits around the letters, not on them
    return Box(left=100 * (x0 - pad) / width, top=100 * (top - pad) / height,
               width=100 * (x1 - x0 + 2 * pad) / width, height=100 * (bottom - top + 2 * pad) / height, kind=kind)


def source_lines(path: Path, source_text: str, context: int = 6) -> tuple[int, list[tuple[int, str, bool]]]:
    """For text input: the lines around `source_text` as (number, text, highlighted); the first
    number is 0 when the text cannot be found (the first lines are shown)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    # a table row is one line and a sentence a few: look in windows of lines no longer than the source
    found = locate(lines, source_text)
    if not found:
        return 0, [(number, text, False) for number, text in enumerate(lines[:2 * context], start=1)]
    first, last = max(found[0] - context, 0), min(found[-1] + context + 1, len(lines))
    marked = set(found)
    return found[0] + 1, [(index + 1, lines[index], index in marked) for index in range(first, last)]
