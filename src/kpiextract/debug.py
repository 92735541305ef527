"""Draw what the PDF reader found on a page, to see why a table or layout was or was not recognised.

    from kpiextract.debug import render_page
    render_page(Path("paper.pdf"), 3, Path("page3.png"))

Colours: tables found in red, with pdfplumber's table-finder lines and cells (debug_tablefinder);
unruled-table candidates (column-aligned text) in orange; headings in green, paragraphs in blue.
A table that should be there but has no red box had no ruling lines and no column-aligned text
the reader trusted; an orange box without red inside is aligned text the reader rejected.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .readers.pdf import analyse_page
from .readers.pdf.model import BBox
from .readers.text import ReadError

TABLE = (220, 30, 30)
CANDIDATE = (245, 150, 20)
HEADING = (20, 150, 60)
PARAGRAPH = (40, 90, 220)
EDGE = (200, 30, 200)


def render_page(path: Path, page_number: int, out_png: Path, password: str | None = None,
                resolution: int = 110) -> None:
    """Save page `page_number` (1-based) of the PDF as a PNG with the reader's findings drawn on it,
    in the frame the reader reads the page in (a page whose text runs sideways turned upright)."""
    from PIL import Image, ImageDraw

    path = Path(path)
    analysis = analyse_page(path, page_number, password)  # raises ReadError for a bad file or page
    scale = resolution / 72
    image = _page_image(path, page_number, password, scale).convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)

    def rect(box: BBox, colour: tuple[int, int, int], alpha: int, width: int) -> None:
        draw.rectangle([value * scale for value in box], fill=(*colour, alpha), outline=(*colour, 255), width=width)

    for region in analysis.regions:
        rect(region, CANDIDATE, 25, 2)
    for table in analysis.content.tables:
        if table.finder is not None:  # pdfplumber's table-finder: its ruling edges and cells
            _finder(draw, table.finder, scale)
        rect(table.bbox, TABLE, 20, 3)
    for block in analysis.blocks:
        if not block.is_table and block.bbox is not None:
            rect(block.bbox, HEADING if block.kind == "heading" else PARAGRAPH, 20, 1)
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    Image.alpha_composite(image, overlay).convert("RGB").save(out_png, format="PNG")


def _page_image(path: Path, page_number: int, password: str | None, scale: float) -> Any:
    import pypdfium2 as pdfium

    from .readers.pdf.upright import as_read

    try:
        document = pdfium.PdfDocument(str(path), password=password)
    except Exception as error:  # noqa: BLE001 - analyse_page opened it already; report, don't crash
        raise ReadError(f"{path.name}: cannot open the PDF to draw it ({type(error).__name__})") from error
    try:
        page = document[page_number - 1]
        as_read(page)
        return page.render(scale=scale).to_pil()
    finally:
        document.close()


def _finder(draw: Any, finder: Any, scale: float) -> None:
    for cell in _cells(finder):
        draw.rectangle([value * scale for value in cell], outline=(*TABLE, 160), width=1)
    for edge in finder.edges:
        draw.line([edge["x0"] * scale, edge["top"] * scale, edge["x1"] * scale, edge["bottom"] * scale],
                  fill=(*EDGE, 200), width=1)


def _cells(finder: Any) -> Sequence[BBox]:
    return [cell for table in finder.tables for cell in table.cells]
