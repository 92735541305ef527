"""Narrative papers: KPIs reported in paragraphs and bullets.

Sources it reads: numbered paragraphs under "Green indicators" / "Red indicators" headings,
bullets of a "Key Performance Summary", bold KPI names followed by "- 44% at the end of Q3".
Labelled-value lines ("Latest: 45%  Target: 50%, Floor: 40%  Previous: 41% (Amber)") are a
card's figures: the card layout reads them with the KPI's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..models import KPIRecord
from ..parsing.charts import is_axis_text
from ..parsing.direction import arrow_direction
from ..parsing.indicators import split_code, unit_from_name
from ..parsing.numbers import find_values, looks_like_year
from ..parsing.period_shifts import earlier
from ..parsing.periods import parse_period
from ..parsing.sentences import footnote_marks, is_footnote, without_footnote_marks, without_glued_numbering
from ..parsing.statements import durations
from ..parsing.subjects import name_problem, split_tail_code, trim_name
from ..readers.document import Block
from .base import Layout
from .cells import as_direction, paper_arrow_key
from .context import DocumentContext
from .prose import MEASURED_UNITS, Mention, first_topic, infer_polarity, read_prose
from .timing import complete, period_fields, title_period

# (a colon between digits, "2:45", is a clock's, not a label's: "Q2: 45%" and "Q2:45%" are labels)
LABELLED = re.compile(
    r"(?P<label>[A-Za-z][\w /&()'’.-]{0,40}?)\s*(?:=|(?<!\d):|:(?![0-5]\d(?:[^\d,%.]|\.(?!\d)|$)))\s*"
    r"(?P<value>[-−£]?\s?\d[\d,.]*(?::[0-5]\d){0,2}\s*%?|n/?a|tbc|not avail\w*)"
    r"(?:\s*\((?P<rag>red|amber|green)\))?",
    re.IGNORECASE,
)
LABEL_ROLES = ("value", "target", "intervention", "previous")


def _lead_name(block: Block) -> str | None:
    """A bold phrase the paragraph opens with: the KPI it is about ('**Number of ...** – Q3 ...')."""
    if not block.bold:
        return None
    first = block.bold[0].strip(" :-–")
    start = block.text.find(block.bold[0])
    if start < 0 or start > 12 or len(first.split()) < 2:
        return None
    return first


def _labelled_figures(text: str, context: DocumentContext) -> list[tuple[str, int, int]]:
    """The figures a label names the role of ("Target: 50%", "National average: 88%"): each role,
    with where its label and figure stand in the text."""
    found: list[tuple[str, int, int]] = []
    if ":" not in text and "=" not in text:
        return found  # no label without its colon: spare a long paragraph the pattern's backtracking
    for match in LABELLED.finditer(text):
        label = match.group("label").strip()
        period = parse_period(label)
        rest = label
        if period is not None:
            rest = label.replace(period.text, " ")
        role = context.vocab.headers.label(rest)
        comparator = context.vocab.comparators.label(rest, min_length=2)
        if comparator and role not in ("target", "intervention"):
            role = f"benchmark:{comparator}"  # "National average: 88%"
        if role is not None and (role in LABEL_ROLES or role.startswith("benchmark:")):
            found.append((role, match.start(), match.end()))
    return found


def _unlabelled_figure(text: str, labelled: list[tuple[str, int, int]]) -> bool:
    """Does the text state a figure no label names ("Recycling: 46.2% against a target of 50%
    (last year: 44.9%)")? Then it is a sentence that also gives a labelled figure, not a line of
    a card's labelled figures."""
    return any(not looks_like_year(value) and not any(start <= value.start < end for _, start, end in labelled)
               for value in find_values(text))


def _named(mention: Mention) -> bool:
    """Has the mention a figure and a noun phrase naming its measure (trimmed of its figure)?"""
    if mention.indicator is None or mention.value is None or mention.value.value is None:
        return False
    mention.indicator = trim_name(mention.indicator)
    # better no record than a fragment; a code after the name ("(PAM/037)") is no part of it
    return name_problem(split_tail_code(mention.indicator)[1]) is None


def _tracked(mention: Mention, kpi_like: bool) -> bool:
    """'NI 192 – the percentage of household waste recycled has dropped from 28.68% to 27.6%': a
    measured figure set against its own earlier one is followed as a KPI, wherever the paragraph says it."""
    return kpi_like and mention.previous is not None and mention.value is not None \
        and mention.value.unit in MEASURED_UNITS and mention.previous.value is not None


def _paper_marks(context: DocumentContext) -> set[str]:
    """The footnote marks the paper's words carry, found once per paper."""
    if "footnote_marks" not in context.memo:
        context.memo["footnote_marks"] = footnote_marks(_texts(context.paper_blocks()))
    marks = context.memo["footnote_marks"]
    return marks if isinstance(marks, set) else set()


def _texts(blocks: Iterable[Block]) -> Iterator[str]:
    """Every cell of every table and the text of every other block."""
    for block in blocks:
        yield from (cell for row in block.rows for cell in row)
        if not block.is_table:
            yield block.text


STATUS_KEY = re.compile(r"^\s*[-•·]?\s*\**(?P<label>[A-Za-z][A-Za-z /-]{1,40}?)\**\s*(?:[:=–—]|\s-\s)\s*(?P<rest>.*)$")


def _is_status_key(text: str, context: DocumentContext) -> bool:
    """'Slightly off target: performance is below target but within the 5% tolerance',
    'Amber = within 5% of target': a line of the paper's key to its statuses."""
    match = STATUS_KEY.match(text)
    if not match:
        return False
    rag = context.vocab.rag
    return rag.exact(match.group("label")) is not None or rag.exact(match.group("rest").strip(" .")) is not None


class NarrativeLayout(Layout):
    name = "narrative"
    handles = ("paragraph",)

    def detect(self, block: Block, context: DocumentContext) -> float:
        if block.kind != "paragraph" or is_axis_text(block.text):
            return 0.0  # a chart's labels ("100%  75%  50%") are never a KPI
        values = [v for v in find_values(block.text) if not looks_like_year(v)] or durations(block.text)
        if not values:
            return 0.0
        return 0.6 if any(v.unit in ("%", "days") for v in values) or "target" in block.text.lower() else 0.4

    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        if is_footnote(block.text, _paper_marks(context)) or _is_status_key(block.text, context):
            return []  # a note on the figures, or the key to the paper's statuses: no KPI
        text = without_glued_numbering(without_footnote_marks(block.text))
        # "▲ Rent arrears: 2.1% (target 2.5%)": an arrow before the name is the line's direction
        # of travel, no part of its words
        arrow = text.lstrip()[:1] if text.lstrip()[:1] in context.vocab.arrows else None
        if arrow is not None:
            text = text.lstrip()[1:].lstrip()
        labelled = [found for found in _labelled_figures(text, context) if found[0] in LABEL_ROLES]
        # a dashboard line is short and made of its labelled figures; a sentence that happens to
        # hold "England: 10%" is prose. Dashboard lines belong to a card (the card layout reads
        # them with the KPI's title); one no card claims has no name to give a record
        dashboard = (len(text) <= 200 or len(labelled) >= 3) and not _unlabelled_figure(text, labelled)
        if labelled and dashboard:
            return []
        before = context.neighbour(block, -1)
        topic = first_topic(before.text) if before is not None and before.kind == "paragraph" else None
        lead = _lead_name(block)
        records: list[KPIRecord] = []
        first = True
        section = context.section(block)
        for mention in read_prose(text, context.vocab, context.council, lead=lead, topic=topic, heading=section.measure,
                                  bracketed=section.bracketed):
            if not _named(mention):
                continue  # a figure with no name to give does not stop the next being the headline
            record = self._to_record(mention, block, context, first, lead is not None)
            first = False
            if record is not None:
                records.append(record)
        if arrow is not None and records and records[0].direction is None:
            headline = records[0]
            previous = headline.previous.value if headline.previous is not None else None
            headline.direction = as_direction(arrow_direction(arrow, context.vocab, paper_arrow_key(context),
                                                              headline.value, previous, headline.polarity))
        return records

    def _to_record(self, mention: Mention, block: Block, context: DocumentContext,
                   first: bool, lead: bool = False) -> KPIRecord | None:
        assert mention.indicator is not None and mention.value is not None and mention.value.value is not None
        section = context.section(block)
        kpi_like = context.vocab.measure_words.search(mention.indicator) is not None
        # A figure becomes a KPI record when it is judged against something (a target, a comparator,
        # a status). Otherwise the paragraph's first figure may stand on KPI wording alone, and a
        # bare count only when it is named as one ("the number of ..."): most counts in prose are
        # context (staff recruited, schools inspected), not measures.
        # a paragraph that opens with a KPI's name in bold presents that KPI: its figure is one
        supported = mention.has_support() or mention.speaks_of_target() or bool(mention.rag) or (
            first and lead) or _tracked(mention, kpi_like)
        if not supported:
            # a figure printed bare is a count unless its name says otherwise ("rate of ... per 10,000")
            is_count = mention.value.unit is None and unit_from_name(mention.indicator) in (None, "count")
            named_count = re.search(r"\b(?:number|count|total)\s+of\b", mention.indicator, re.IGNORECASE)
            # a heading's status rates the measure a paragraph opens with, not a count it tells
            # of ("places increased from 12 to 18"): a bare count needs naming as one
            rated = bool(section.rag) and first and (not is_count or named_count or kpi_like)
            if not (rated or (first and kpi_like and (not is_count or named_count))):
                return None
        period = mention.period or section.period or title_period(context)
        if period is not None:
            period = complete(period, block, context)
            if mention.previous is not None and mention.previous.period is None and mention.previous_back:
                # "up from 9.1 days the previous year": the year before the figure's own period
                mention.previous.period = earlier(period, mention.previous_back)
        unit = mention.value.unit if mention.value.unit in MEASURED_UNITS else None
        unit = unit or unit_from_name(mention.indicator) or ("count" if mention.value.value.is_integer() else None)
        targets = mention.target_fields()
        target = targets["target"]
        polarity = mention.polarity or infer_polarity(
            mention.value.value, target if isinstance(target, float) else None, mention.rag or section.rag)
        confidence = 0.5 + (0.25 if mention.has_support() else 0.0) + (0.1 if section.rag else 0.0) + (
            0.1 if kpi_like else 0.0)
        code, indicator = split_code(mention.indicator)
        if code is None:
            code, indicator = split_tail_code(indicator)
        return self.record(
            block, context, source_text=mention.text, confidence=min(confidence, 0.9),
            indicator=indicator, code=code, **period_fields(period),
            value=mention.value.value, value_text=mention.value.text, unit=unit, **targets,
            benchmarks=mention.benchmarks, previous=mention.previous, polarity=polarity, rag=mention.rag,
        )

