"""Read PDF papers into a Document: the same blocks the text reader makes from the same paper.

Structure comes from typographic evidence measured in the page's own units (its modal font
size, baseline pitch and word space: `model.Metrics`), never from one producer's constants.
The reader, module by module, in the order a page goes through it:
- opening.py: what is not a PDF, encrypted, damaged, truncated or empty, in one line;
- glyphs.py: pdfium's words (character boxes, drawn size, baseline, font), ruling lines (vector
  paths), small shapes (drawn bullets) and images;
- model.py: words, lines, a page's content and its Metrics;
- tables.py, grids.py, banded.py: ruled tables (pdfplumber's TableFinder on pdfium's lines),
  stacked grids cut apart, grids the page frame left open closed, Word's banded tables;
- unruled.py, gutters.py, cellrows.py, alignment.py, bands.py: tables of aligned text with no
  lines, from whitespace gutters; rows from each column's cells, whatever their alignment;
  shaded header rows stacked on the rows under them;
- panels.py: cards or tiles set side by side (headline figures across a gutter): each column
  of such a band is read on its own, one after another;
- lists.py: list items (bullet glyphs, numbers before a hanging indent, drawn bullets);
- furniture.py: running headers, footers and page numbers;
- blocks.py: lines to paragraphs, bullets and headings; tentative tables settled;
- joins.py: what a page break cut in two (tables, their rows, paragraphs);
- reader.py: the whole paper, page by page, then the passes over all pages.
The rules both readers share (list labels, paragraph continuation, a token a line break cut)
are in readers/structure.py.
"""

from .reader import PageAnalysis, analyse_page, build_pages, page_content, read_pdf

__all__ = ["PageAnalysis", "analyse_page", "build_pages", "page_content", "read_pdf"]
