"""The grammar of a card's labelled figures: "Latest: 97%  Target: 97%", "Actual | Target | DoT"
over "34.1 days | 25 days | ↓", "Previous: 97% (Green)".

A label is a header word of patterns/headers.toml (value, target, intervention, previous,
benchmark, direction, status, polarity) standing before its figure; these functions read text
alone, with no knowledge of blocks or pages (reader.py places them on the paper).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...parsing.numbers import MISSING_WORDS, Value, find_clock_durations, find_values, parse_value
from ...parsing.periods import Period, find_periods, parse_period
from ...readers.document import Block
from ...vocab import Vocabulary, normalise

FIGURE_ROLES = ("value", "target", "intervention", "previous", "benchmark")
CARD_ROLES = (*FIGURE_ROLES, "trend", "status", "polarity", "period")
STATUS_IN_BRACKETS = re.compile(r"^\s*\(\s*(red|amber|green)\s*\)", re.IGNORECASE)
UNIT_WORDS = re.compile(r"^(?:days?|working\s+days?|weeks?|months?|hours?|hrs|mins?|minutes?|seconds?|secs?|kg|"
                        r"tonnes?|pts|points?|fte|%)$", re.IGNORECASE)
POLARITY_PHRASE = re.compile(r"\b\w+\s+is\s+(?:better|good)\b|\baim\s+to\s+\w+", re.IGNORECASE)
# chart labels glued to their legend ("2441.3%ActualTarget"): a number run straight into a word
GLUED_CHART = re.compile(r"\S*\d[%\d.,]*[A-Z][a-z]+\S*")



@dataclass
class Label:
    role: str
    """value, target, intervention, previous, benchmark, trend, status, polarity or period"""
    text: str
    comparator: str | None = None
    period: Period | None = None


_LABELS: dict[tuple[int, str, bool], Label | None] = {}
_LABELS_SIZE = 8192
"""Labels remembered at most: a paper repeats its labels on every card, but a long paper's
other texts are mostly new, and each would be held to the end of the run."""


def label_of(text: str, vocab: Vocabulary, dated: bool = False) -> Label | None:
    """What a figure's label says it is: 'Latest', 'Floor', 'Last quarter', 'England', 'DoT',
    'Latest (Sep-24)', 'Q3 2024/25'. The whole text must be the label."""
    key = (id(vocab), text, dated)
    if key not in _LABELS:
        if len(_LABELS) >= _LABELS_SIZE:
            _LABELS.clear()
        _LABELS[key] = _label_of(text, vocab, dated)
    found = _LABELS[key]
    return Label(found.role, found.text, found.comparator, found.period) if found else None


def _label_of(text: str, vocab: Vocabulary, dated: bool = False) -> Label | None:
    text = text.strip(" \t-–|")
    if not text:
        return None
    period = None
    bracket = re.search(r"\(([^()]{1,24})\)\s*$", text)
    if bracket and (found := parse_period(bracket.group(1))) is not None:
        period, text = found, text[:bracket.start()].strip()
    periods = find_periods(text)
    if len(periods) > 1 or (periods and dated) or (dated and re.search(r"\d", text)):
        return None  # a run of periods is a chart's time axis, not a label
    if periods:
        whole = periods[0]
        rest = normalise(text.replace(whole.text, " "))
        if not rest:
            return Label("value", text, period=whole)  # "Q3 2024/25: 97%": a figure labelled by its period
        inner = label_of(rest, vocab, dated=True)
        if inner is not None:
            inner.text, inner.period = text, inner.period or whole
        return inner
    role = vocab.headers.exact(text)
    comparator = vocab.comparators.exact(text)
    if comparator and role in (None, "value", "benchmark"):
        return Label("benchmark", text, comparator=comparator, period=period)
    if role in CARD_ROLES:
        return Label(role, text, period=period)
    return None


WORD = re.compile(r"[A-Za-z][\w'’&/+-]*|\([^()]{1,24}\)")


def _label_before(text: str, colon: int, floor: int, vocab: Vocabulary) -> tuple[int, Label] | None:
    """The label that ends at a colon: the longest run of words before it that reads as one."""
    words = [m for m in WORD.finditer(text, floor, colon)]
    for k in range(max(0, len(words) - 6), len(words)):
        start = words[k].start()
        if start > 0 and text[start - 1].isalpha():
            continue
        found = label_of(text[start:colon], vocab)
        if found is not None:
            return start, found
    return None


@dataclass
class Pair:
    """One labelled figure on a card."""

    label: Label
    raw: str
    """the text after the label, up to the next label"""
    values: list[Value] = field(default_factory=list)
    rag: str | None = None
    block: Block | None = None
    at: int = 0
    """where the figure starts in the text read"""
    lead: bool = False
    """an unlabelled figure printed before the labelled ones ('6.1%  Target: 6.5%')"""

    @property
    def role(self) -> str:
        return self.label.role

    @property
    def value(self) -> Value | None:
        return self.values[0] if self.values else None


def labelled_pairs(text: str, vocab: Vocabulary) -> list[Pair]:
    """'Latest: 45%  Target: 50%, Floor: 40%  Previous: 41% (Amber)' -> four labelled figures."""
    found: list[tuple[int, int, Label]] = []
    floor = 0
    for colon in re.finditer(r"[:=]", text):
        at = colon.start()
        if at > 0 and text[at - 1].isdigit() and text[at + 1:at + 2].isdigit():
            continue  # a time or a ratio
        before = _label_before(text, at, floor, vocab)
        if before is not None:
            found.append((before[0], colon.end(), before[1]))
            floor = colon.end()
    pairs = _lead_pairs(text, found)
    for index, (_, end, label) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(text)
        span = GLUED_CHART.sub(lambda m: " " * len(m.group(0)), text[end:stop])
        raw = span.strip(" ,;|")
        lead = len(span) - len(span.lstrip(" ,;|"))
        values = _leading_values(raw)
        marker = raw.split("(")[0].strip()
        if not values and marker and MISSING_WORDS.match(marker.split()[0]):
            values = [Value(None, None, raw.strip())]
        status = STATUS_IN_BRACKETS.search(raw[values[0].end:]) if values and values[0].value is not None else None
        pairs.append(Pair(label, raw, values, status.group(1).lower() if status else None, at=end + lead))
    return pairs


def period_line(text: str) -> Period | None:
    """'Quarter 2 2024/25', '30 September 2024', "Residents' Survey, June 2024": a card's own
    period, printed on a line of its own, perhaps after the source it comes from. A yearless
    period ('Q2 figure is provisional') is a note's, not a period line."""
    clean = text.strip(" ,;|")
    periods = find_periods(clean)
    if len(periods) != 1 or periods[0].start is None or len(clean.split()) > 8:
        return None
    rest = (clean[:periods[0].pos] + clean[periods[0].end_pos:]).strip(" ,;:-–()")
    if re.search(r"\d|[.!?;:]", rest) or len(rest.split()) > 4:
        return None
    return periods[0]


def tile_parts(text: str) -> list[str]:
    """'6,842  Quarter 2 2024/25' -> the figure and its period line, as a tile prints them on two
    lines; any other text whole."""
    values = find_values(text)
    if values and values[0].start == 0 and values[0].value is not None and period_line(text[values[0].end:]):
        return [text[:values[0].end], text[values[0].end:]]
    return [text]


def _lead_pairs(text: str, found: list[tuple[int, int, Label]]) -> list[Pair]:
    """'6.1%  Target: 6.5%  Last year: 5.8%': a figure printed before labelled ones, with no
    label of its own, is the card's latest figure; a period line before the labels ('63%
    Residents' Survey, June 2024  Target: 60%') is the card's period, not the target's."""
    if not found or any(label.role == "value" for _, _, label in found):
        return []
    first = found[0][2]
    head = text[:found[0][0]]
    # the label reader may take a period line's date for the label's own ("June 2024 Target")
    moved = first.period is not None and first.text.startswith(first.period.text)
    if moved and first.period is not None:
        head = f"{head.rstrip()} {first.period.text}"
    values = [v for v in find_values(head) if v.value is not None]
    value = values[0] if values and not head[:values[0].start].strip(" |") else None
    rest = head[value.end:].strip(" ,;|") if value is not None else head.strip(" ,;|")
    period = period_line(rest) if rest else None
    if (rest and period is None) or (value is None and period is None):
        return []
    if moved and first.period is not None:
        first.text, first.period = first.text[len(first.period.text):].strip(), None
    pairs = []
    if value is not None:
        pairs.append(Pair(Label("value", ""), value.text, [Value(value.value, value.unit, value.text, 0,
                                                                 len(value.text))], at=value.start, lead=True))
    if period is not None:
        pairs.append(Pair(Label("period", rest, period=period), rest, at=value.end if value else 0))
    return pairs


def _leading_values(raw: str) -> list[Value]:
    """The figures a label's text opens with: '81.6% 79.0%' (a data label printed beside the
    figure), never the numbers of a sentence ('Time between ... increased by 12 days')."""
    values = []
    last = 0
    # a label's figure may be a length of time printed as a clock ("Latest: 2:45  Target: 3:00"):
    # after a label it is a figure, never the time of day
    clocks = find_clock_durations(raw)
    found = [v for v in find_values(raw) if not any(c.start < v.end and v.start < c.end for c in clocks)]
    for value in sorted([*found, *clocks], key=lambda v: v.start):
        if value.value is None:
            continue
        if not re.fullmatch(r"[\s(),;~≈]*(?:c\.)?\s*", raw[last:value.start]):
            break
        values.append(value)
        last = value.end
    return values


def colonless_pairs(text: str, vocab: Vocabulary) -> list[Pair]:
    """'Target 96%', 'Target 85%  Last month 86.1%': labels printed without a colon, each straight
    before its figure. The line must open with a label; it ends at the first word that is neither
    a label nor a figure (a chart's glued labels, a sentence)."""
    tokens = [m for m in re.finditer(r"\S+", text)]
    pairs: list[Pair] = []
    i = 0
    while i < len(tokens):
        for k in range(min(4, len(tokens) - i - 1), 0, -1):
            words = " ".join(t.group(0) for t in tokens[i:i + k])
            label = label_of(words, vocab)
            if label is None or label.period is not None or label.role not in FIGURE_ROLES:
                continue
            value = parse_value(tokens[i + k].group(0))
            if value.value is None and not MISSING_WORDS.match(tokens[i + k].group(0)):
                continue
            if GLUED_CHART.fullmatch(tokens[i + k].group(0)):
                continue
            start = tokens[i + k].start()
            pairs.append(Pair(label, tokens[i + k].group(0), [Value(value.value, value.unit, value.text,
                                                                      start - start, len(value.text))],
                              at=start))
            i += k + 1
            break
        else:
            break
        if not pairs:
            break
    return pairs


def label_runs(words: list[str], vocab: Vocabulary) -> list[tuple[int, list[Label]]]:
    """Where a line's leading labels end: each (cut, labels) with words[:cut] wholly labels."""
    runs: list[tuple[int, list[Label]]] = []
    labels: list[Label] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 6), i, -1):
            label = label_of(" ".join(words[i:j]), vocab)
            if label is not None:
                labels = [*labels, label]
                i = j
                runs.append((i, labels))
                break
        else:
            break
    return runs


def split_labels(text: str, vocab: Vocabulary) -> list[Label] | None:
    """'Current Target Last quarter Same quarter last year England DoT' -> six labels, longest first.
    None unless every word belongs to a label."""
    words = text.split()
    runs = label_runs(words, vocab)
    if not words:
        return []
    return runs[-1][1] if runs and runs[-1][0] == len(words) else None


def value_cells(text: str, vocab: Vocabulary) -> list[str] | None:
    """'34.1 days 25 days 30 days ↓' -> ['34.1 days', '25 days', '30 days', '↓']: a row of figures,
    missing marks ('–', 'n/a'), arrows and status words; None when anything else is in it."""
    cells: list[str] = []
    for token in text.split():
        if UNIT_WORDS.match(token) and cells and parse_value(cells[-1]).value is not None:
            cells[-1] = f"{cells[-1]} {token}"
        elif parse_value(token).value is not None or MISSING_WORDS.match(token) or token in vocab.arrows \
                or vocab.rag.exact(token) or vocab.direction.exact(token):
            cells.append(token)
        else:
            return None
    return cells or None


def grid_pairs(labels: list[Label], cells: list[str], vocab: Vocabulary) -> list[Pair] | None:
    """A header of labels over a row of cells: the labelled figures of a mini-table."""
    if len(cells) != len(labels) and not (len(cells) == len(labels) - 1 and labels[-1].role in ("trend", "status")):
        return None
    pairs = []
    for label, cell in zip(labels, cells, strict=False):
        value = parse_value(cell)
        status = STATUS_IN_BRACKETS.search(cell[len(value.text):]) if value.value is not None else None
        pairs.append(Pair(label, cell, [value] if value.value is not None or value.missing else [],
                          status.group(1).lower() if status else None))
    if not any(p.role == "value" and p.value is not None and p.value.value is not None for p in pairs):
        return None
    return pairs


def strip_status(text: str, vocab: Vocabulary) -> str:
    """A title without the RAG chip or status phrase printed beside it ('... collected GREEN')."""
    text = text.strip()
    match = re.search(r"\s+(?:[A-Z]{3,5}|[A-Z][a-z]+(?:\s+[a-z]+){0,3})\s*$", text)
    if match and (label := vocab.rag.exact(match.group(0).strip())) is not None and (
            match.group(0).strip().isupper() or label in normalise(match.group(0)) or len(match.group(0).split()) > 1):
        return text[:match.start()].strip()
    return text
