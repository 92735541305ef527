"""Read PDF papers into a Document: the same blocks the text reader makes from the same paper.

The reader, module by module, in the order a page goes through it:
- opening.py: what is not a PDF, encrypted, damaged, truncated or empty, in one line;
- glyphs.py: pdfium's words (character boxes, sizes, fonts) and ruling lines (vector paths);
- model.py: words, lines and a page's content;
- tables.py: ruled tables (pdfplumber's TableFinder on pdfium's lines);
- unruled.py: tables of aligned text with no lines drawn;
- furniture.py: running headers, footers and page numbers;
- blocks.py: lines to paragraphs, bullets and headings;
- joins.py: what a page break cut in two (tables, paragraphs);
- reader.py: the whole paper, page by page, then the passes over all pages.
"""

from .reader import PageAnalysis, analyse_page, build_pages, page_content, read_pdf

__all__ = ["PageAnalysis", "analyse_page", "build_pages", "page_content", "read_pdf"]
