"""Read .txt/.md papers (usually text already extracted from a PDF) into a Document.

What the text carries and how it is read:
- tab-separated lines are table rows, and so are lines whose columns stand apart by runs of
  spaces (`spaced.py`); rows separated only by blank lines belong to one table,
  and a repeated header row (a table continued on a new page) is dropped, unless a blank line
  is followed by another table's header (`_heads_another_table`);
- markdown headings, bold, bullets, links and stray HTML tags (<b>, <sup>, <i>) are reduced
  to plain text, bold phrases kept aside because papers often bold the KPI name;
- "Page N" lines and form feeds mark pages;
- a paragraph cut mid-sentence by a page break is joined back together.

Bytes are decoded as UTF-8 (with or without BOM, or UTF-16 with a BOM), else Windows-1252;
an empty file or one that looks binary (a PDF or Office file with the wrong extension,
NUL or control bytes) is a ReadError rather than a page of garbage.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .cell_lines import HeaderCell, cell_tables
from .document import Block, Document, Page
from .spaced import run_on_rows, spaced_rows
from .structure import BULLET, BULLET_GLYPHS, NUMBER, YEAR, paragraph_goes_on

PAGE_MARKER = re.compile(r"^\s*page\s+(\d{1,4})(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^)]*)\)")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|<b>(.*?)</b>|<strong>(.*?)</strong>", re.IGNORECASE)
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Tags that break a line or a block: they stand between words, so they become a space.
BREAK_TAG = re.compile(r"<\s*/?\s*(?:br|p|div|li|td|th|tr)\b[^<>]*>", re.IGNORECASE)
EMPHASIS = re.compile(r"(?<![\w*])\*{1,3}(?=\S)(.+?)(?<=\S)\*{1,3}(?![\w*])")
HRULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")
PIPE_ROW = re.compile(r"^\s*\|(?:[^|\n]*\|){2,}\s*$")
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
TAB_BULLET = re.compile(rf"^\t+[ ]*(?:[{re.escape(BULLET_GLYPHS)}]|\d{{1,2}}[.)])\s+\S")
# C0 control characters other than tab, line feed, carriage return and form feed.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_SIGNATURES = {
    b"%PDF-": "a PDF",
    b"PK\x03\x04": "a zip archive (a .docx/.xlsx?)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Office document (.doc/.xls?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF document",
}


class ReadError(Exception):
    """The file cannot be read as a paper; the message is one line for the user."""


_BOMS = (  # UTF-32's little-endian mark starts with UTF-16's, so it is tried first
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """By byte-order mark (UTF-32, UTF-16), else UTF-8, else Windows-1252, else Latin-1.

    UTF-16 and UTF-32 are only recognised by their mark (Notepad's "Unicode"); without one
    they look binary. A mark followed by bytes that are not that encoding is a ReadError.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise NotText(f"a {encoding.upper()} byte-order mark followed by bytes that are not "
                              f"{encoding.upper()} text") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


class NotText(ValueError):
    """Bytes that decode to no text a person wrote; the message says what they look like."""


def clean_inline(text: str) -> tuple[str, list[str]]:
    """Strip markdown/HTML markup from one line; return the text and its bold phrases."""
    text = MD_LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = BREAK_TAG.sub(" ", text)
    bold: list[str] = []

    def keep_bold(match: re.Match[str]) -> str:
        inner = next(g for g in match.groups() if g is not None)
        inner_clean = EMPHASIS.sub(r"\1", HTML_TAG.sub("", inner)).strip(" *_")
        if inner_clean:
            bold.append(inner_clean)
        return inner

    text = BOLD.sub(keep_bold, text)
    text = HTML_TAG.sub("", text)
    text = EMPHASIS.sub(r"\1", text)
    text = html.unescape(text).replace("\xa0", " ").replace("\u200b", "")
    return text, [html.unescape(b) for b in bold]


@dataclass
class _Line:
    raw: str
    number: int
    page: int


@dataclass
class _Builder:
    source: str
    pages: dict[int, Page] = field(default_factory=dict)

    def see(self, page: int) -> None:
        """A page with text on it, even if every block on it started on an earlier page."""
        self.pages.setdefault(page, Page(number=page))

    def add(self, block: Block) -> None:
        self.pages.setdefault(block.page, Page(number=block.page)).blocks.append(block)

    def document(self) -> Document:
        return Document(source=self.source, pages=[self.pages[n] for n in sorted(self.pages)])


def _page_marker(raw: str) -> re.Match[str] | None:
    """'Page 3', 'Page 3 of 12', also as the last cell of a running footer ('Council - Cabinet<TAB>Page 3')."""
    for cell in reversed(raw.split("\t")):
        if cell.strip():
            return PAGE_MARKER.match(cell)
    return None


def _footer_style(lines: list[str]) -> bool:
    """Do the paper's "Page N" lines close their pages (footers) rather than open them (headers)?

    "Page N of M" is a footer's wording; a bare "Page N" is a footer when a page's worth of
    text comes before the first one.
    """
    before = 0
    for raw in lines:
        marker = _page_marker(raw)
        if marker:
            return "of" in marker.group(0).lower() or before > 8
        if raw.strip():
            before += 1
    return False


def _paginate(text: str) -> tuple[list[_Line], dict[int, str], bool]:
    """Number every line with its page, from form feeds and "Page N" markers.

    Returns the lines, the printed label of each page that has one, and whether the numbers are
    already physical (form feeds: page k is the k-th in the file) or the printed ones, to be
    renumbered in order (a pack's "Page 119" is this file's first page).
    """
    lines: list[_Line] = []
    labels: dict[int, str] = {}
    physical = text.split("\f")
    footers = len(physical) == 1 and _footer_style(physical[0].split("\n"))
    page = 1
    first_marker_seen = False
    pending: list[_Line] = []  # lines before the first marker take that marker's page
    for index, chunk in enumerate(physical):
        if index:
            page += 1
        for raw in chunk.split("\n"):
            marker = _page_marker(raw)
            if marker:
                number = int(marker.group(1))
                if len(physical) == 1:
                    labels[number] = str(number)
                    if footers:
                        # the lines above a footer are its page's; what follows starts the next
                        for line in pending:
                            line.page = number
                        pending = []
                        page = number + 1
                    else:
                        page = number
                        if not first_marker_seen:
                            for line in pending:
                                line.page = number
                else:
                    labels.setdefault(page, str(number))
                first_marker_seen = True
                continue
            line = _Line(raw=raw, number=len(lines) + 1, page=page)
            lines.append(line)
            if footers or not first_marker_seen:
                pending.append(line)
    return lines, labels, len(physical) > 1 or not labels


def _physical_pages(document: Document, labels: dict[int, str], physical: bool) -> Document:
    """Pages numbered as they stand in the file (1, 2, 3...), the printed number kept as a label."""
    if physical:
        for page in document.pages:
            page.label = labels.get(page.number)
        return document
    order = {printed: index for index, printed in enumerate(sorted(p.number for p in document.pages), start=1)}
    for page in document.pages:
        page.label = labels.get(page.number, str(page.number))
        page.number = order[page.number]
        for block in page.blocks:
            block.page = order.get(block.page, block.page)
            block.row_pages = [order.get(number, number) for number in block.row_pages]
    return document


def _is_heading(text: str) -> bool:
    words = text.split()
    if not words or len(text) > 100 or len(words) > 14:
        return False
    if not re.search(r"[A-Za-z]{2}", text):
        return False
    if text.endswith((".", ",", ";")):
        return False
    if STATES_A_FIGURE.search(text):
        return False  # "Tonnes of waste recycled is 16,313 against a target of 13,110": a sentence
    figures = sum(1 for word in words if FIGURE_CELL.match(word) and not YEAR.fullmatch(word))
    if figures >= 2 and figures >= len(words) - figures:
        return False  # "28 days 30 days 31 days": a row of figures, as a card prints them under their labels
    return not (text.endswith(":") and len(words) > 8)


# a verb stating a figure (not a year): what a sentence without its full stop does, and a heading never
STATES_A_FIGURE = re.compile(
    r"\b(?:is|was|are|were|stands?|stood|remains?|remained|rose|fell|increased|decreased|reached)\s+"
    r"(?:at\s+|to\s+|by\s+)?[£$€]?(?!(?:19|20)\d\d\b)\d[\d,]*(?:\.\d+)?",
    re.IGNORECASE)


def _table_row(raw: str) -> list[str]:
    cells = [clean_inline(cell)[0].strip() for cell in raw.split("\t")]
    return [re.sub(r"\s+", " ", cell) for cell in cells]


FIGURE_CELL = re.compile(rf"^\s*{NUMBER}\s*%?\s*$")


def _heads_another_table(row: list[str], header: list[str], below: list[str] | None,
                         any_width: bool = False) -> bool:
    """After a blank line, the header of a second table set under the first, not a row of it: a
    row of words alone (no cell a bare figure), as wide as the row under it, which holds figures,
    and of another width than the first table's header (of any width under a title of its own)."""
    cells = _trimmed(row)
    if below is None or len(_trimmed(below)) != len(cells):
        return False
    if len(cells) == len(_trimmed(header)) and not any_width:
        return False
    return (sum(1 for cell in cells if cell.strip()) >= 2 and not any(FIGURE_CELL.match(cell) for cell in cells)
            and any(FIGURE_CELL.match(cell) for cell in below))


def _next_row(lines: list[_Line], index: int) -> list[str] | None:
    """The table row on the next line with text after `index`, if that line is one; a section's
    row (its first cell alone) is passed over for the row under it."""
    for line in lines[index + 1:]:
        raw = line.raw.rstrip(" \r\n")
        if raw.strip():
            if "\t" not in raw:
                return None
            row = _table_row(raw)
            if not _lone(row):
                return row
    return None


def _lone(row: list[str]) -> bool:
    """A row whose first cell alone holds text: a title or a section's name set in a table's first
    column (a spreadsheet's merged cell copied as text keeps the tabs of the cells it covers)."""
    return bool(row and row[0]) and not any(row[1:])


def _titles_over_another_table(lines: list[_Line], index: int, header: list[str]) -> bool:
    """After a blank line, lone rows (a sheet's title block) over the header of another table: the
    lines down to a row with more cells are titles, and that row heads a table of its own."""
    for at in range(index, len(lines)):
        raw = lines[at].raw.rstrip(" \r\n")
        if not raw.strip():
            continue
        if "\t" not in raw:
            return False
        row = _table_row(raw)
        if not _lone(row):
            below = _next_row(lines, at)
            return (below is not None and _trimmed(row) != _trimmed(header)
                    and _heads_another_table(row, header, below, any_width=True))
    return False


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


def _binary_kind(data: bytes) -> str | None:
    """What a file's bytes look like when they are a known binary format, else None."""
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return None


# control, unassigned and surrogate code points: rare in text, common in decoded binary (not private
# use: Word exports its bullets as U+F0B7)
_NOT_TEXT_CATEGORIES = frozenset({"Cc", "Cn", "Cs"})


def _garbled(text: str) -> bool:
    """True when decoded text is not text: NULs, or more than 5% odd code points at the start."""
    head = text[:8192]
    if "\x00" in head:
        return True
    odd = sum(1 for char in head if char not in "\t\n\r\f\v" and unicodedata.category(char) in _NOT_TEXT_CATEGORIES)
    return odd > len(head) * 0.05


def read_text(path: Path, header_cell: HeaderCell | None = None) -> Document:
    data = path.read_bytes()
    if not data.strip():
        raise ReadError(f"{path.name}: the file is empty")
    kind = _binary_kind(data)
    if kind is not None:
        raise ReadError(f"{path.name}: looks like {kind}, not text")
    try:
        text = decode(data)
    except NotText as error:
        raise ReadError(f"{path.name}: not text: {error}") from None
    if _garbled(text):
        raise ReadError(f"{path.name}: looks like a binary file, not text (NUL bytes or control characters)")
    if not text.lstrip("\ufeff").strip():
        raise ReadError(f"{path.name}: the file is empty")
    return parse_text(text, source=path.name, header_cell=header_cell)


def _one_row_a_line(lines: list[_Line], header_cell: HeaderCell) -> list[_Line]:
    """A table set one cell a line (`cell_lines.py`) as tab rows, one line each: each row takes
    its first cell's line, and the table's other lines go."""
    tables = cell_tables([line.raw for line in lines], header_cell)
    if not tables:
        return lines
    dropped: set[int] = set()
    for table in tables:
        dropped.update(range(table.first, table.last + 1))
        for number, row in enumerate(table.rows):
            cells = table.cells[number] if table.cells is not None else [lines[index].raw.strip() for index in row]
            lines[row[0]].raw = "\t".join(cells)
            dropped.discard(row[0])
    return [line for index, line in enumerate(lines) if index not in dropped]


def parse_text(text: str, source: str = "<text>", header_cell: HeaderCell | None = None) -> Document:
    """`header_cell` reads a header cell by the vocabulary, for tables set one cell a line;
    without it they stay lines."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
    text = CONTROL.sub("", text)
    lines, labels, physical = _paginate(text)
    if header_cell is not None:
        lines = _one_row_a_line(lines, header_cell)
    raws = [line.raw for line in lines]
    for index, tab_row in {**run_on_rows(raws, header_cell), **spaced_rows(raws)}.items():
        lines[index].raw = tab_row  # a table set out with spaces reads as one set out with tabs
    builder = _Builder(source=source)
    table: Block | None = None
    last_paragraph: Block | None = None
    blank_run = 0
    previous_page: int | None = None

    for index, line in enumerate(lines):
        if previous_page is not None and line.page != previous_page:
            blank_run += 1  # a page break separates like a blank line
        previous_page = line.page
        raw = line.raw.rstrip(" \r\n")
        if not raw.strip() or HRULE.match(raw):
            blank_run += 1
            continue
        builder.see(line.page)
        if PIPE_RULE.match(raw) and (table is not None or "|" in raw):
            continue  # a markdown table's |---|---| line: the table goes on
        if PIPE_ROW.match(raw):
            # a markdown pipe table: its cells become a tab row, read like any other table row
            raw = "\t".join(cell.strip() for cell in raw.strip().strip("|").split("|"))
        tab_bullet = table is None and bool(TAB_BULLET.match(raw)) and "\t" not in raw.lstrip("\t")
        if "\t" in raw and not tab_bullet and raw.strip("\t ").strip() and _lone(_table_row(raw)) and (
                table is None or blank_run and _titles_over_another_table(lines, index, table.rows[0])):
            raw = _table_row(raw)[0]  # a title over a table, not its row: read as a line of text
            table = None
        if "\t" in raw and not tab_bullet and raw.strip("\t ").strip():
            row = _table_row(raw)
            if table is not None and _trimmed(row) == _trimmed(table.rows[0]):
                blank_run = 0
                continue  # a repeated header: the same table goes on
            if table is not None and blank_run and _heads_another_table(row, table.rows[0], _next_row(lines, index)):
                table = None
            if table is None:
                table = Block(kind="table", page=line.page, line=line.number)
                builder.add(table)
            table.rows.append(row)
            table.row_pages.append(line.page)
            blank_run = 0
            last_paragraph = None
            continue
        if tab_bullet:
            raw = raw.expandtabs(2)  # one tab, one level of nesting
        if not clean_inline(raw)[0].strip():
            blank_run += 1  # only markup (&nbsp;, <br>): a blank line
            continue
        table = None

        heading = MD_HEADING.match(raw)
        stripped, bold = clean_inline(raw)
        if heading:
            title, bold = clean_inline(heading.group(2))
            title = title.strip().strip("*").strip()
            builder.add(Block(kind="heading", page=line.page, text=title, level=len(heading.group(1)),
                              bold=bold, line=line.number))
            last_paragraph = None
            blank_run = 0
            continue

        bullet = BULLET.match(stripped)
        body = stripped[bullet.end():] if bullet else stripped
        body = re.sub(r"\s+", " ", body).strip()
        if not body:
            continue
        whole_line_bold = bool(bold) and re.sub(r"[\s:*]", "", body) == re.sub(r"[\s:*]", "", "".join(bold))

        joinable = (
            last_paragraph is not None
            and not bullet
            and paragraph_goes_on(last_paragraph.text, body)
            and (blank_run > 0 or body[:1].islower())
        )
        if joinable and last_paragraph is not None:
            last_paragraph.text = f"{last_paragraph.text} {body}"
            last_paragraph.bold.extend(bold)
            blank_run = 0
            continue

        numbered = bullet is not None and bullet.group(0).strip()[:1].isdigit()
        if (not bullet or numbered) and (whole_line_bold or _is_heading(body)):
            # a numbered heading keeps its number: "4. Education" opens a new top-level section
            title = body.strip("*: ").strip() or body
            if numbered and bullet is not None:
                title = f"{bullet.group(0).strip()} {title}"
            builder.add(Block(kind="heading", page=line.page, text=title, level=0, bold=bold, line=line.number))
            last_paragraph = None
        else:
            depth = len(bullet.group(1).expandtabs(4)) // 2 if bullet else 0
            last_paragraph = Block(kind="paragraph", page=line.page, text=body, bullet=bool(bullet),
                                   level=depth, bold=bold, line=line.number)
            builder.add(last_paragraph)
        blank_run = 0

    return _physical_pages(builder.document(), labels, physical)
