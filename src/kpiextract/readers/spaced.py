"""Tables in plain text whose columns stand apart by runs of spaces, not tabs.

Text copied from a web page or printed by a layout-keeping PDF-to-text tool sets a table's cells
apart with two or more spaces:

    Measure   2022/23 result   2023/24 target
    Bins reported missed (Minimise)   512   400

Such lines are rewritten as tab rows so the text reader takes them as the table they are. Prose
also has double spaces (after a full stop), and a KPI card prints its figures spaced under their
labels, so a run of lines counts as a table only when it holds at least two rows that open with a
name in words and go on with short figure cells (and perhaps a status word or two: "Amber", "On
track"), all rows as wide as each other, and at most one header row of short word cells above them.
Between rows, a line of one cell that finishes the row's name (wrapped in its column: it opens in
lower case or the name stops on "of", "for"...) joins it, and a short title before a row is a
group's subheading row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from .structure import NUMBER, join_broken

HeaderCell = Callable[[str], str | None]
"""What a header cell names by the vocabulary (`cell_lines.HeaderCell`): 'indicator', 'figure', ..."""

GUTTER = re.compile(r"\s{2,}")
# a figure cell: a number with its sign, currency, percent, and at most two unit words ("2 days",
# "3.4 per 1,000"), or a mark that stands for no figure
FIGURE = re.compile(
    rf"^(?:{NUMBER}\s*%?(?:\s+[A-Za-z][\w,]*){{0,2}}"
    r"|n/?a|tbc|tba|nil|[-–—*])$",
    re.IGNORECASE)
WORD_CELL_WORDS = 6  # a header cell or status word is short; a longer cell is prose
STATUS_CELL = re.compile(r"^[A-Za-z][A-Za-z '&/-]*$")
STATUS_WORDS = 3
# words a wrapped name stops on before the rest of it goes on the next line
UNFINISHED = frozenset({"of", "for", "and", "or", "the", "to", "in", "with", "by", "from", "on", "at", "a", "an",
                        "per", "who", "which", "that", "as", "into", "within"})
SENTENCE_END = re.compile(r"[.;:!?]$")


def _cells(raw: str) -> list[str]:
    return [cell for cell in GUTTER.split(raw.strip()) if cell]


def _name(cell: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", cell)) and not FIGURE.match(cell) and not SENTENCE_END.search(cell)


def _status(cell: str) -> bool:
    """A status or trend word in its column: "Amber", "On track", "Not met"."""
    return bool(STATUS_CELL.match(cell)) and len(cell.split()) <= STATUS_WORDS


def _figure_row(cells: Sequence[str]) -> bool:
    """A name in words, then figure cells, with perhaps a status word or two among them."""
    return (len(cells) >= 2 and _name(cells[0]) and all(FIGURE.match(cell) or _status(cell) for cell in cells[1:])
            and any(FIGURE.match(cell) for cell in cells[1:]))


def _header_row(cells: Sequence[str]) -> bool:
    return len(cells) >= 2 and all(
        len(cell.split()) <= WORD_CELL_WORDS and not SENTENCE_END.search(cell) for cell in cells)


def _carries_on(line: str, name: str) -> bool:
    """A line of one cell that finishes the name of the row above, wrapped in its column: it opens
    in lower case, or the name stops on a word that leaves it unfinished ("sent for")."""
    cells = _cells(line)
    if len(cells) != 1 or not _name(cells[0]):
        return False
    return cells[0][:1].islower() or name.split()[-1].lower() in UNFINISHED


def _subheading(line: str) -> bool:
    """A line of one short cell in capitals' case between rows: a group's title ("Housing")."""
    cells = _cells(line)
    return (len(cells) == 1 and _name(cells[0]) and cells[0][:1].isupper()
            and len(cells[0].split()) <= WORD_CELL_WORDS)


def spaced_rows(lines: Sequence[str]) -> dict[int, str]:
    """Indexes of the lines that are rows of a space-set table, each with its tab-row text (an
    empty text for a line that only carried on a row's name)."""
    found: dict[int, str] = {}
    index = 0
    while index < len(lines):
        start = index
        rows: list[tuple[int, list[str]]] = []
        carried: list[int] = []
        titles: list[int] = []
        while index < len(lines) and "\t" not in lines[index]:
            cells = _cells(lines[index])
            if _figure_row(cells):
                rows.append((index, cells))
                index += 1
                continue
            following = _cells(lines[index + 1]) if index + 1 < len(lines) and "\t" not in lines[index + 1] else []
            if rows and _carries_on(lines[index], rows[-1][1][0]):
                rows[-1][1][0] = join_broken(rows[-1][1][0], cells[0])
                carried.append(index)
            elif rows and _subheading(lines[index]) and _figure_row(following):
                titles.append(index)
            else:
                break
            index += 1
        widths = {len(cells) for _, cells in rows}
        if len(rows) >= 2 and len(widths) == 1:
            [width] = widths
            header = _cells(lines[start - 1]) if start else []
            if header and "\t" not in lines[start - 1] and len(header) == width and _header_row(header):
                found[start - 1] = "\t".join(header)
            for number, cells in rows:
                found[number] = "\t".join(cells)
            found.update((number, "") for number in carried)
            found.update((number, "\t".join([lines[number].strip(), *[""] * (width - 1)])) for number in titles)
        index = max(index, start + 1)
    return found


# --- rows run on with single spaces under a header of periods -------------------------------------
#
# Text taken from a PDF without its layout keeps a row's cells apart by one space only:
#
#     Measure 2022/23 Outturn 2023/24 Outturn 2022/23 Target 2023/24 Target
#     Carer-reported quality of life 7.1 7.3 7.5 7.8
#
# The header gives the columns: its words up to the first period are the names' column, and each
# period opens a column of its own, with the role words after it ("Target", "England Average").
# A row is a name in words ending in figure tokens, one a column. Two things loosen that:
# - with the vocabulary's header reading (`HeaderCell`), words between the names' column and the
#   first period that name a figure's role ("Performance Indicator Target Q1 Q2 ...") are a column
#   of their own;
# - quarters not reached yet have no figure: when the header's last columns are quarters, every
#   row of the table may stop as many cells short (all rows alike, and at least one quarter given).

# the time unit a figure cell may carry ("35 weeks", "8.8 days"), glued to its number as one token
UNIT_WORD = r"(?:days?|weeks?|months?|hours?|hrs|mins?|minutes?)"
PERIOD_TOKEN = re.compile(
    r"^(?:(?:19|20)\d\d(?:[/-]\d{2,4}|~to~(?:19|20)\d\d)?|Q[1-4](?:~\([^()]*\))?|FY\d\d(?:/\d\d)?)$",
    re.IGNORECASE)
QUARTER_TOKEN = re.compile(r"^Q[1-4]\b", re.IGNORECASE)
VALUE_TOKEN = re.compile(rf"^(?:{NUMBER}%?(?:~{UNIT_WORD})?|n/?a|tbc|tba|nil|[-–—])$", re.IGNORECASE)
# a two-word mark for no figure, read as one token
NO_FIGURE = re.compile(r"\b(no|not)\s+(tgt|target|data|available)\b", re.IGNORECASE)
# a year span spelt out ("2016 to 2017") and a quarter's months in brackets after it ("Q1 (April to
# June 2019)"): one period each, read as one token
YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d) to ((?:19|20)\d\d)\b")
QUARTER_MONTHS = re.compile(r"\b(Q[1-4]) (\([^()]{1,40}\))", re.IGNORECASE)
# words a figure in a name follows: "within 2 months", "below 5%", "rate of 90%"
PREPOSITIONS = frozenset({"of", "within", "in", "under", "below", "above", "over", "than", "to", "by", "at",
                          "least", "from", "per", "for", "after", "before"})
COLUMN_WORDS = 4  # a column's header: its period and a role of a few words


def _tokens(line: str) -> list[str]:
    line = NO_FIGURE.sub(lambda m: f"{m.group(1)}~{m.group(2)}", line)
    line = YEAR_SPAN.sub(r"\1~to~\2", line)
    line = QUARTER_MONTHS.sub(lambda m: f"{m.group(1)}~{m.group(2).replace(' ', '~')}", line)
    line = re.sub(rf"(?<![\w.,])({NUMBER}%?) ({UNIT_WORD})\b", r"\1~\2", line, flags=re.IGNORECASE)
    return line.split()


def _cell(token: str) -> str:
    return token.replace("~", " ")


def _period_columns(line: str, header_cell: HeaderCell | None) -> tuple[list[str], int] | None:
    """The header's cells (the names' column, then the figures' columns), and how many of the
    figures' columns come before the first period."""
    tokens = _tokens(line)
    starts = [i for i, token in enumerate(tokens) if PERIOD_TOKEN.match(token)]
    if len(starts) < 2 or starts[0] == 0 or any(VALUE_TOKEN.match(t) and not PERIOD_TOKEN.match(t) for t in tokens):
        return None
    bounds = [*starts, len(tokens)]
    columns = [_cell(" ".join(tokens[a:b])) for a, b in itertools.pairwise(bounds)]
    if any(b - a > COLUMN_WORDS for a, b in itertools.pairwise(bounds)) or SENTENCE_END.search(line.strip()):
        return None
    names = _cell(" ".join(tokens[:starts[0]]))
    lead = _leading_role(tokens[:starts[0]], header_cell)
    if lead is not None:
        return [lead[0], lead[1], *columns], 1
    return [names, *columns], 0


def _leading_role(words: list[str], header_cell: HeaderCell | None) -> tuple[str, str] | None:
    """The names' column and a figure's column before the first period, when the vocabulary
    reads the first words as the indicator's column and the rest as a figure's role."""
    if header_cell is None:
        return None
    for split in range(len(words) - 1, 0, -1):
        names, role = " ".join(words[:split]), " ".join(words[split:])
        if len(words) - split <= 2 and header_cell(names) == "indicator" and header_cell(role) == "figure":
            return names, role
    return None


def _row_widths(line: str, width: int) -> tuple[str, list[str]] | None:
    """A row's tokens split into the name's words and its trailing figure tokens (as many as
    there are, up to `width`), or None when it has no name or no figure."""
    tokens = _tokens(line)
    values: list[str] = []
    while tokens and len(values) < width and _value(tokens[-1]):
        values.insert(0, tokens.pop())
    name = " ".join(tokens)
    if not values or len(name.split()) < 2 or not _name(_cell(name)):
        return None
    return name, values


def _value(token: str) -> bool:
    return bool(VALUE_TOKEN.match(token) or NO_FIGURE.fullmatch(_cell(token)))


def _fits(row: tuple[str, list[str]], count: int) -> list[str] | None:
    """The row as a name and `count` figure cells, when it has that many trailing figure tokens and
    what stays before them is still a name. A figure left over before them belongs to the name
    only as the object of a preposition ("within 2 months", "rate of 90%"); "decided in time 90%"
    is a row with a cell too many."""
    name, values = row
    if count > len(values):
        return None
    kept, moved = values[len(values) - count:], values[:len(values) - count]
    if moved and (len(moved) > 1 or name.split()[-1].lower() not in PREPOSITIONS):
        return None
    full = _cell(" ".join([name, *moved]))
    if not _name(full):
        return None
    return [full, *(_cell(value) for value in kept)]


def run_on_rows(lines: Sequence[str], header_cell: HeaderCell | None = None) -> dict[int, str]:
    """Indexes of the lines that are a period-headed table's header and rows, as tab rows."""
    found: dict[int, str] = {}
    for index, line in enumerate(lines):
        if "\t" in line or index in found:
            continue
        read = _period_columns(line, header_cell)
        if read is None:
            continue
        header, lead = read
        width = len(header) - 1
        # the fewest cells a row may hold: every column up to the first of the trailing quarters, and one of them
        trailing = 0
        while trailing < width - 1 and QUARTER_TOKEN.match(header[-1 - trailing]):
            trailing += 1
        least = width - trailing + 1 if trailing else width
        candidates: list[tuple[int, str, list[str]]] = []
        counts = set(range(least, width + 1))
        for number in range(index + 1, len(lines)):
            if "\t" in lines[number]:
                break
            split = _row_widths(lines[number], width)
            fitting = {count for count in counts if split is not None and _fits(split, count) is not None}
            if not fitting:
                break
            counts = fitting
            assert split is not None
            candidates.append((number, *split))
        if len(candidates) < 2 or lead >= max(counts, default=0):
            continue
        count = max(counts)
        found[index] = "\t".join(header)
        for number, name, values in candidates:
            row = _fits((name, values), count)
            assert row is not None
            found[number] = "\t".join([*row, *[""] * (width - count)])
    return found
