"""Read a sample text paper (samples/*.txt, *.md) into a neutral block structure, and write it as HTML.

    .venv/bin/python tools/paper_markup.py samples/kent-cype-scorecard-2018-09.txt   # print the blocks
    .venv/bin/python tools/paper_markup.py --html samples/kent-cype-scorecard-2018-09.txt

Standalone on purpose: it does NOT import kpiextract, so the documents printed from it
(tools/print_papers.py) are not shaped by the reader they are meant to test. The reading is
deliberately simple and faithful (every word of the paper is kept, in order):

- tab-separated lines are table rows; consecutive rows (blank lines and "Page N" lines between
  them allowed) form one table whose first row is the header; a later row identical to the
  header (the header repeated on the original paper's next page) is dropped, since the printed
  document repeats (or not) its own header;
- lines starting "- ", "* ", "+ ", "• " (and similar) are bullet items, nested by their indent
  (two spaces a level); two or more consecutive lines "N. text" with consecutive numbers are a
  numbered list that starts at the first number; a single "N. text" line stays a paragraph;
- markdown "#" headings keep their level (the shallowest level in the paper becomes 1); a short
  all-caps or title-like line with no sentence punctuation is a heading;
- "**bold**", "__bold__", "<b>", "<strong>" become bold runs, "*italic*" italic runs; links keep
  their text; other HTML tags are dropped;
- "Page N" / "Page N of M" lines (the original paper's page markers) and "---" rules are dropped.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PAGE_MARKER = re.compile(r"^\s*page\s+\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
HRULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
BULLET = re.compile(r"^(\s*)(?:[-*+•·▪◦‣–])\s+(?=\S)")
NUMBERED = re.compile(r"^(\s*)(\d{1,2})\.\s+(?=\S)")
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
TRIPLE = re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*")
BOLD_TAG = re.compile(r"<\s*/?\s*(?:b|strong)\s*>", re.IGNORECASE)
ITALIC_TAG = re.compile(r"<\s*/?\s*(?:i|em)\s*>", re.IGNORECASE)
MARKERS = re.compile(r"([\x01-\x05])")
ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
BREAK_TAG = re.compile(r"<\s*/?\s*(?:br|p|div|li|td|th|tr)\b[^<>]*>", re.IGNORECASE)
FUNCTION_WORDS = {"and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "on", "by", "at", "from", "–", "-"}
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


Cell = list[Run]


@dataclass
class Heading:
    level: int
    runs: list[Run]

    @property
    def text(self) -> str:
        return runs_text(self.runs)


@dataclass
class Paragraph:
    runs: list[Run]

    @property
    def text(self) -> str:
        return runs_text(self.runs)


@dataclass
class ListItem:
    runs: list[Run]
    level: int = 0


@dataclass
class ListBlock:
    items: list[ListItem]
    numbered: bool = False
    start: int = 1


@dataclass
class Table:
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.header)


Block = Heading | Paragraph | ListBlock | Table


@dataclass
class Paper:
    stem: str
    blocks: list[Block]

    @property
    def title(self) -> str:
        for block in self.blocks:
            if isinstance(block, Heading):
                return block.text
        return self.stem

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def runs_text(runs: list[Run]) -> str:
    return "".join(run.text for run in runs).strip()


def _squash(runs: list[Run]) -> list[Run]:
    """Merge neighbouring runs of one style, collapse whitespace, drop empty runs."""
    out: list[Run] = []
    for run in runs:
        text = re.sub(r"\s+", " ", run.text)
        if not text:
            continue
        if out and out[-1].bold == run.bold and out[-1].italic == run.italic:
            out[-1].text += text
        else:
            out.append(Run(text, run.bold, run.italic))
    if out:
        out[0].text = out[0].text.lstrip()
        out[-1].text = out[-1].text.rstrip()
    return [run for run in out if run.text]


def inline(text: str) -> list[Run]:
    """One line of markup -> runs (bold, italic), links reduced to their text, tags dropped."""
    text = MD_LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = BREAK_TAG.sub(" ", text)
    # markers: \x03 toggles bold, \x04/\x05 bold on/off, \x01/\x02 italic on/off
    text = TRIPLE.sub("\x03\x01\\1\x02\x03", text)
    text = text.replace("**", "\x03").replace("__", "\x03")
    text = BOLD_TAG.sub(lambda m: "\x05" if "/" in m.group(0) else "\x04", text)
    text = ITALIC_TAG.sub(lambda m: "\x02" if "/" in m.group(0) else "\x01", text)
    text = ITALIC.sub("\x01\\1\x02", text)
    runs: list[Run] = []
    bold = italic = False
    for piece in MARKERS.split(text):
        if piece == "\x03":
            bold = not bold
        elif piece in ("\x04", "\x05"):
            bold = piece == "\x04"
        elif piece in ("\x01", "\x02"):
            italic = piece == "\x01"
        elif piece:
            clean = html.unescape(HTML_TAG.sub("", piece)).replace("\xa0", " ").replace("\u200b", "")
            runs.append(Run(clean, bold, italic))
    return _squash(runs)


def _is_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 12 or len(text) > 90:
        return False
    if not re.search(r"[A-Za-z]{2}", text) or "@" in text:
        return False
    if text.endswith((".", ",", ";", "!", "?")) or text[0].islower():
        return False
    if words[-1].lower() in FUNCTION_WORDS:
        return False  # a line broken mid-sentence
    if re.search(r":\s*\S", text):
        return False  # "Label: value" is a line of text
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(letters) >= 3 and letters.isupper():
        return True
    if text.endswith(":"):
        return len(words) <= 6
    long_words = [w for w in words if len(re.sub(r"[^A-Za-z]", "", w)) >= 4]
    if not long_words:
        return False
    capitalised = sum(1 for w in long_words if w.lstrip("('\"‘“")[:1].isupper())
    return capitalised / len(long_words) >= 0.5


def _heading_level(text: str) -> int:
    letters = re.sub(r"[^A-Za-z]", "", text)
    if letters.isupper():
        return 1
    if re.match(r"^\d+\.\d+", text):
        return 3
    return 2


def _row(raw: str) -> list[Cell]:
    return [inline(cell) for cell in raw.split("\t")]


def _same_row(a: list[Cell], b: list[Cell]) -> bool:
    def key(row: list[Cell]) -> list[str]:
        texts = [runs_text(cell) for cell in row]
        while texts and not texts[-1]:
            texts.pop()
        return texts
    return key(a) == key(b)


def _finish_table(rows: list[list[Cell]]) -> Table:
    width = max(len(row) for row in rows)
    rows = [row + [[] for _ in range(width - len(row))] for row in rows]
    # drop columns that are empty in every row (trailing tabs)
    keep = [j for j in range(width) if any(row[j] for row in rows)]
    rows = [[row[j] for j in keep] for row in rows]
    header, body = rows[0], rows[1:]
    body = [row for row in body if not _same_row(row, header)]
    return Table(header=header, rows=body)


def parse(text: str, stem: str = "paper") -> Paper:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = [line.rstrip(" \r") for line in text.split("\n")]

    def blank(line: str) -> bool:
        return (not line.strip() or bool(PAGE_MARKER.match(line)) or bool(HRULE.match(line))
                or not runs_text(inline(line)))

    def is_row(line: str) -> bool:
        return "\t" in line and bool(line.strip("\t ").strip())

    hashes = [len(m.group(1)) for line in lines if (m := MD_HEADING.match(line))]
    top = min(hashes) if hashes else 1
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if blank(line):
            i += 1
            continue
        if is_row(line):
            rows: list[list[Cell]] = []
            while i < n:
                if is_row(lines[i]):
                    rows.append(_row(lines[i]))
                    i += 1
                elif blank(lines[i]):
                    j = i
                    while j < n and blank(lines[j]):
                        j += 1
                    if j < n and is_row(lines[j]):
                        i = j
                    else:
                        break
                else:
                    break
            blocks.append(_finish_table(rows))
            continue
        heading = MD_HEADING.match(line)
        if heading:
            runs = inline(heading.group(2))
            blocks.append(Heading(level=min(3, len(heading.group(1)) - top + 1), runs=runs))
            i += 1
            continue
        numbered = NUMBERED.match(line)
        if numbered:
            run_end = i + 1
            expect = int(numbered.group(2)) + 1
            while run_end < n and (m := NUMBERED.match(lines[run_end])) and int(m.group(2)) == expect:
                run_end += 1
                expect += 1
            if run_end - i >= 2:
                items = [ListItem(inline(lines[k][NUMBERED.match(lines[k]).end():]))  # type: ignore[union-attr]
                         for k in range(i, run_end)]
                blocks.append(ListBlock(items=items, numbered=True, start=int(numbered.group(2))))
                i = run_end
                continue
        if BULLET.match(line):
            items = []
            while i < n:
                m = BULLET.match(lines[i])
                if m:
                    level = min(2, len(m.group(1).expandtabs(4)) // 2)
                    items.append(ListItem(inline(lines[i][m.end():]), level=level))
                    i += 1
                    continue
                if blank(lines[i]):
                    j = i
                    while j < n and blank(lines[j]):
                        j += 1
                    if j < n and BULLET.match(lines[j]) and j - i <= 2:
                        i = j
                        continue
                break
            # a list cannot open on a nested item
            base = items[0].level
            for item in items:
                item.level = max(0, item.level - base)
            blocks.append(ListBlock(items=items))
            continue
        runs = inline(line)
        plain = runs_text(runs)
        if _is_heading(plain):
            blocks.append(Heading(level=_heading_level(plain), runs=runs))
        else:
            blocks.append(Paragraph(runs=runs))
        i += 1
    return Paper(stem=stem, blocks=blocks)


def read_paper(path: Path) -> Paper:
    return parse(path.read_text(encoding="utf-8-sig"), stem=path.stem)


def paper_words(paper: Paper) -> list[str]:
    """Every word of the paper's blocks in document order (list numbers included)."""
    out: list[str] = []
    for block in paper.blocks:
        if isinstance(block, (Heading, Paragraph)):
            out += block.text.split()
        elif isinstance(block, ListBlock):
            for k, item in enumerate(block.items):
                if block.numbered:
                    out.append(f"{block.start + k}.")
                out += runs_text(item.runs).split()
        else:
            for row in [block.header, *block.rows]:
                for cell in row:
                    out += runs_text(cell).split()
    return out


# ---------------------------------------------------------------------------------------------
# HTML


@dataclass(frozen=True)
class HtmlLook:
    """How one table is written in HTML."""

    ruled: bool = False
    repeat_header: bool = True
    """Header row in <thead> (browsers and LibreOffice repeat it on each page) or in <tbody>."""
    valign_middle: bool = False
    shaded_header: bool = False
    widths: tuple[float, ...] | None = None
    """Column widths in percent, or None to let the layout engine decide."""
    wide: bool = False
    """Printed on landscape pages where the producer supports named pages."""
    cell_font_pt: float | None = None
    """A font size written on every cell (LibreOffice does not inherit a table's CSS font size)."""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def render_runs(runs: list[Run], escape: Callable[[str], str], italic: Callable[[str], str],
                bold: Callable[[str], str]) -> str:
    """A paragraph's runs in a producer's markup: each escaped, then set in italic and bold."""
    out = []
    for run in runs:
        text = escape(run.text)
        if run.italic:
            text = italic(text)
        if run.bold:
            text = bold(text)
        out.append(text)
    return "".join(out)


def runs_html(runs: list[Run]) -> str:
    return render_runs(runs, _esc, lambda text: f"<i>{text}</i>", lambda text: f"<b>{text}</b>")


def _list_html(block: ListBlock) -> str:
    tag = "ol" if block.numbered else "ul"
    start = f' start="{block.start}"' if block.numbered and block.start != 1 else ""
    out = [f"<{tag}{start}>"]
    level = 0
    open_li = False
    for item in block.items:
        while item.level > level:
            out.append("<ul>")
            level += 1
            open_li = False
        while item.level < level:
            out.append("</li></ul>")
            level -= 1
            open_li = True
        if open_li:
            out.append("</li>")
        out.append(f"<li>{runs_html(item.runs)}")
        open_li = True
    while level > 0:
        out.append("</li></ul>")
        level -= 1
    out.append(f"</li></{tag}>")
    return "\n".join(out)


def _table_html(table: Table, look: HtmlLook) -> str:
    attrs = (' border="1" cellspacing="0" cellpadding="4"' if look.ruled
             else ' border="0" cellspacing="0" cellpadding="3"')
    classes = ["ruled" if look.ruled else "plain"]
    if look.valign_middle:
        classes.append("middle")
    if look.shaded_header:
        classes.append("shaded")
    if look.wide:
        classes.append("wide")
    valign = "middle" if look.valign_middle else "top"
    if look.cell_font_pt:
        valign += f'" style="font-size: {look.cell_font_pt:g}pt'
    out = [f'<table class="{" ".join(classes)}"{attrs} width="100%">']
    if look.widths:
        out.append("<colgroup>" + "".join(f'<col width="{w:.0f}%">' for w in look.widths) + "</colgroup>")
    shade = ' bgcolor="#d9e2f3"' if look.shaded_header else ""
    header = f"<tr{shade}>" + "".join(f'<th valign="{valign}">{runs_html(cell)}</th>' for cell in table.header)
    header += "</tr>"
    if look.repeat_header:
        out.append(f"<thead>{header}</thead>")
        out.append("<tbody>")
    else:
        out.append("<tbody>")
        out.append(header)
    for row in table.rows:
        out.append("<tr>" + "".join(f'<td valign="{valign}">{runs_html(cell)}</td>' for cell in row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def to_html(paper: Paper, looks: list[HtmlLook], css: str = "", title: str | None = None) -> str:
    """The paper as a semantic HTML page; looks[k] styles the k-th table."""
    body = []
    table_index = 0
    for block in paper.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{runs_html(block.runs)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{runs_html(block.runs)}</p>")
        elif isinstance(block, ListBlock):
            body.append(_list_html(block))
        else:
            look = looks[table_index] if table_index < len(looks) else HtmlLook()
            table_index += 1
            table_html = _table_html(block, look)
            if look.wide:
                table_html = f'<div class="wide">\n{table_html}\n</div>'
            body.append(table_html)
    head_title = _esc(title or paper.title)
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{head_title}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("papers", nargs="+", type=Path)
    parser.add_argument("--html", action="store_true", help="print the HTML instead of the blocks")
    args = parser.parse_args(argv)
    for path in args.papers:
        paper = read_paper(path)
        if args.html:
            sys.stdout.write(to_html(paper, []))
            continue
        print(f"== {path} ({len(paper.blocks)} blocks, {len(paper_words(paper))} words)")
        for block in paper.blocks:
            if isinstance(block, Heading):
                print(f"H{block.level}  {block.text}")
            elif isinstance(block, Paragraph):
                bold = [r.text for r in block.runs if r.bold]
                print(f"P   {block.text[:100]}" + (f"   [bold: {'; '.join(bold)[:60]}]" if bold else ""))
            elif isinstance(block, ListBlock):
                kind = f"OL start={block.start}" if block.numbered else "UL"
                print(f"{kind}")
                for item in block.items:
                    print(f"    {'  ' * item.level}- {runs_text(item.runs)[:90]}")
            else:
                print(f"T   {block.columns} cols x {len(block.rows)} rows: "
                      + " | ".join(runs_text(c)[:20] for c in block.header))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
