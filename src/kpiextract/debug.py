"""Draw what the PDF reader found on a page, to see why a table or layout was or was not recognised.

    from kpiextract.debug import render_page
    render_page(Path("paper.pdf"), 3, Path("page3.png"))

Colours: tables found in red, with pdfplumber's table-finder lines and cells (debug_tablefinder);
unruled-table candidates (column-aligned text) in orange; headings in green, paragraphs in blue.
A table that should be there but has no red box had no ruling lines and no column-aligned text
the reader trusted; an orange box without red inside is aligned text the reader rejected.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from .readers.pdf import analyse_page
from .readers.text import ReadError

TABLE = (220, 30, 30)
CANDIDATE = (245, 150, 20)
HEADING = (20, 150, 60)
PARAGRAPH = (40, 90, 220)


def _rgba(colour: tuple[int, int, int], alpha: int) -> tuple[int, int, int, int]:
    return (*colour, alpha)


def render_page(path: Path, page_number: int, out_png: Path, password: str | None = None,
                resolution: int = 110) -> None:
    """Save page `page_number` (1-based) of the PDF as a PNG with the reader's findings drawn on it."""
    path = Path(path)
    analysis = analyse_page(path, page_number, password)  # raises ReadError for a bad file or page
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as error:  # noqa: BLE001 - analyse_page opened it already; report, don't crash
        raise ReadError(f"{path.name}: cannot open the PDF to draw it ({type(error).__name__})") from error
    try:
        page = pdf.pages[page_number - 1]
        image = page.to_image(resolution=resolution)
        for region in analysis.regions:
            image.draw_rect(region, fill=_rgba(CANDIDATE, 25), stroke=CANDIDATE, stroke_width=2)
        drawn: set[int] = set()
        for table in analysis.content.tables:
            if table.finder is not None and id(table.finder) not in drawn:  # one finder may find several
                drawn.add(id(table.finder))
                image.debug_tablefinder(table.finder)
            image.draw_rect(table.bbox, fill=_rgba(TABLE, 20), stroke=TABLE, stroke_width=3)
        for block in analysis.blocks:
            if block.is_table or block.bbox is None:
                continue
            colour = HEADING if block.kind == "heading" else PARAGRAPH
            image.draw_rect(block.bbox, fill=_rgba(colour, 20), stroke=colour, stroke_width=1)
        out_png = Path(out_png)
        out_png.parent.mkdir(parents=True, exist_ok=True)
        image.save(out_png, format="PNG")
        page.close()
    finally:
        pdf.close()
