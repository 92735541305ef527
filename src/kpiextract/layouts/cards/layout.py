"""The card layout: one card, found by reader.py, becomes one record."""

from __future__ import annotations

import re

from ...models import Benchmark, KPIRecord, PreviousValue, Rag
from ...parsing.charts import is_axis_text, last_time_label
from ...parsing.direction import arrow_direction, direction_word
from ...parsing.indicators import clean_name, split_code, unit_from_name
from ...parsing.numbers import Value
from ...parsing.period_shifts import earlier
from ...parsing.periods import Period, parse_period
from ...parsing.statements import read_sentence
from ...parsing.subjects import split_tail_code
from ...readers.document import Block
from ...vocab import Vocabulary
from ..base import Layout
from ..context import DocumentContext
from ..prose import MEASURED_UNITS, infer_polarity
from ..timing import complete, paper_period, period_fields
from .labels import POLARITY_PHRASE, Pair, strip_status
from .reader import Card, CardReader, block_text, cards_of, is_polarity_line, is_status

PREVIOUS_YEAR = re.compile(r"\b(?:same|this\s+time)\b.*\blast\s+year\b|\blast\s+year\b|\bprevious\s+year\b",
                           re.IGNORECASE)



def _rag(label: str | None) -> Rag | None:
    return label if label in ("red", "amber", "green") else None  # type: ignore[return-value]


def _previous_period(period: Period | None, label: str, vocab: Vocabulary) -> str | None:
    """The period a previous value's label looks back to, by the `[previous_spans]` words of
    patterns/headers.toml as a table's header is read: 'Last quarter' of Q2 2024/25 is Q1
    2024/25, 'Same quarter last year' Q2 2023/24; 'Last month' of November 2024 is October 2024.
    A label that names a kind of period other than the card's ('Last month' on a quarter's card)
    says nothing of it."""
    if period is None:
        return None
    span = vocab.previous_spans.label(label)
    lower = label.lower()
    if span is None or any(kind in lower and period.kind != kind for kind in ("quarter", "month")):
        return None
    return earlier(period, span)


def _second_code(code: str, name: str) -> bool:
    """Does the name hold another code of the title's family ('CP09 Residents ... CP10 Working days ...')?"""
    prefix = re.match(r"[A-Za-z]+", code)
    return prefix is not None and re.search(rf"\b{re.escape(prefix.group(0))}\s?\d{{1,4}}[a-z]?\b", name) is not None


class CardLayout(Layout):
    name = "card"
    handles = ("table", "heading", "paragraph")
    reads = "cards"

    def detect(self, block: Block, context: DocumentContext) -> float:
        return 0.95 if context.ordinal(block) in cards_of(context).owner else 0.0

    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        reader = cards_of(context)
        ordinal = context.ordinal(block)
        records = [self._read(card, reader, context) for card in reader.emits.get(ordinal, [])] \
            if ordinal is not None else []
        return [record for record in records if record is not None]

    def _read(self, card: Card, reader: CardReader, context: DocumentContext) -> KPIRecord | None:
        vocab = context.vocab
        pairs = card.figures.pairs
        chosen: dict[str, Pair] = {}
        for pair in pairs:
            if pair.role == "previous" and "previous" in chosen:
                # the last period beats the same period a year ago
                if PREVIOUS_YEAR.search(chosen["previous"].label.text) and not PREVIOUS_YEAR.search(pair.label.text):
                    chosen["previous"] = pair
                continue
            if pair.role != "benchmark":
                chosen.setdefault(pair.role, pair)
        value_pair = chosen.get("value")
        if value_pair is None or value_pair.value is None or value_pair.value.value is None:
            return None
        value = value_pair.value

        def figure(role: str) -> Value | None:
            pair = chosen.get(role)
            if pair is None or not pair.values:
                return None
            # a second number under one label is the chart's data label repeating the latest figure
            others = [v for v in pair.values if v.value is not None and v.value != value.value]
            pick = others[0] if len(pair.values) > 1 and others else pair.values[0]
            return pick if pick.value is not None else None

        target, intervention, previous = figure("target"), figure("intervention"), figure("previous")
        text_lines = [strip_status(card.name, vocab)]
        seen: set[int] = set()
        for pair in pairs:
            if pair.block is not None and id(pair.block) not in seen:
                seen.add(id(pair.block))
                text_lines.append(block_text(pair.block))
        figures_text = " ".join(text_lines[1:])
        if target is None and "target" not in chosen:
            targets = read_sentence(figures_text, vocab, context.council).of("target")
            target = targets[0].value if targets else None  # "Performance: 3.9 (target 3.5)"

        # everything else the card says: status, polarity, direction, period, activity
        extra = [block_text(b) for b in card.inside + card.after if not b.is_table or reader._noise(b)]
        rag = value_pair.rag or self._status(chosen.get("status"), vocab)
        if rag is None:
            rag = self._rag_around(card, extra, vocab)
        polarity = self._polarity(chosen.get("polarity"), extra + [figures_text], vocab)
        code, name = self._name(card.name, vocab)
        if code is not None and _second_code(code, name):
            return None  # two cards' titles run together (side-by-side cards read as one line)
        period = value_pair.label.period
        meta = chosen.get("period")
        if period is None and meta is not None:
            period = parse_period(meta.raw)
        section_block = card.section
        if period is None:
            # the period of the section the card sits in, as its heading left it: a heading inside
            # another card (a chart's note) says nothing of this one
            section = context.section(section_block).period if section_block is not None else None
            if section is not None and section.text in reader.card_periods:
                section = None  # a card's own period line ("Residents' Survey, June 2024") is no section's
            period = section if section is not None else paper_period(context)
        if period is None:
            period = last_time_label([block_text(b) for b in card.inside + card.after
                                      if is_axis_text(block_text(b)) or b.is_table])
        if period is not None:
            period = complete(period, card.origin, context)

        benchmarks = [Benchmark(name=p.label.comparator or p.label.text, value=p.value.value, text=p.raw,
                                period=p.label.period.text if p.label.period else None)
                      for p in pairs if p.role == "benchmark" and p.value is not None and p.value.value is not None]
        previous_field = None
        if previous is not None:
            prev_pair = chosen["previous"]
            label_period = prev_pair.label.period.text if prev_pair.label.period else None
            previous_field = PreviousValue(value=previous.value, text=previous.text, rag=_rag(prev_pair.rag),
                                           period=label_period or _previous_period(period, prev_pair.label.text,
                                                                                           context.vocab))
        if polarity is None and target is not None and intervention is not None and target.value != intervention.value:
            assert target.value is not None and intervention.value is not None
            polarity = "higher" if intervention.value < target.value else "lower"
        if polarity is None:
            polarity = infer_polarity(value.value, target.value if target else None, rag)
        direction = self._direction(chosen.get("trend"), pairs, value, previous, polarity, reader)
        if direction is None:
            direction = self._moved(card, extra + [figures_text], polarity, reader)
        unit = value.unit if value.unit in MEASURED_UNITS else unit_from_name(name)
        unit = unit or ("count" if value.value is not None and value.value.is_integer() and not re.search(
            r"\b(?:average|mean|median|ratio|index|score)\b", name, re.IGNORECASE) else None)
        section_title = section_block.text if section_block is not None else None
        tag = re.search(r"\(([^()]*)\)\s*$", strip_status(card.name, vocab))
        marked = any(vocab.activity.find(t) for t in [card.name, *extra, figures_text]) or bool(
            tag and vocab.activity_tags.exact(tag.group(1))) or (
            section_title is not None and vocab.activity.find(section_title) is not None)
        judged = target is not None or intervention is not None or rag is not None
        kind = "activity" if not judged and (marked or (unit == "count" and not benchmarks)) else "kpi"
        fields: dict[str, object] = dict(
            indicator=name, code=code, **period_fields(period), value=value.value, value_text=value.text,
            unit=unit, target=target.value if target else None, target_text=target.text if target else None,
            intervention=intervention.value if intervention else None, previous=previous_field,
            polarity=polarity, benchmarks=benchmarks, direction=direction, kind=kind,
            commentary=" ".join(card.commentary) or None,
        )
        if section_title:
            fields["section"] = section_title
        page = value_pair.block.page if value_pair.block is not None else card.title.page
        record = self.record(card.origin or card.title, context, source_text=" / ".join(text_lines), confidence=0.8,
                             page=page,
                             **fields)
        record.rag = _rag(rag)  # the card's own status, never a heading's above it
        return record

    def _name(self, title: str, vocab: Vocabulary) -> tuple[str | None, str]:
        text = strip_status(title, vocab)
        # "(activity indicator)", "(contextual measure)": what kind of figure it is, not its name
        bracket = re.search(r"\s*\(([^()]*)\)\s*$", text)
        if bracket and (vocab.activity.find(bracket.group(1)) or vocab.activity_tags.exact(bracket.group(1))):
            text = text[:bracket.start()]
        code, rest = split_code(text)
        if code is None:
            code, rest = split_tail_code(rest)
        rest = re.sub(r"^\s*[-–:]\s*", "", rest)
        name, _ = clean_name(rest)
        return code, name.strip() or rest.strip()

    def _status(self, pair: Pair | None, vocab: Vocabulary) -> str | None:
        if pair is None:
            return None
        text = pair.raw.split("  ")[0].strip(" .")
        return vocab.rag_symbols.get(text) or vocab.rag.exact(text) or vocab.rag.label(text, min_length=3)

    def _rag_around(self, card: Card, extra: list[str], vocab: Vocabulary) -> str | None:
        """A chip in the title bar or a status line of its own."""
        title = card.name.strip()
        stripped = strip_status(title, vocab)
        if stripped != title:
            return vocab.rag.exact(title[len(stripped):].strip())
        for text in extra:
            clean = text.strip(" .:-–")
            if is_status(clean, vocab):
                found = vocab.rag.exact(clean) or vocab.rag_symbols.get(clean)
                if found:
                    return found
        return None

    def _polarity(self, pair: Pair | None, texts: list[str], vocab: Vocabulary) -> str | None:
        if pair is not None:
            found = vocab.polarity.label(pair.raw)
            if found:
                return found
        for text in texts:
            for line in re.split(r"\s{2,}", text):
                if is_polarity_line(line, vocab):
                    return vocab.polarity.exact(line.strip(" ."))
            for phrase in POLARITY_PHRASE.findall(text):
                found = vocab.polarity.exact(phrase)
                if found:
                    return found
        return None

    def _direction(self, pair: Pair | None, pairs: list[Pair], value: Value, previous: Value | None,
                   polarity: str | None, reader: CardReader) -> str | None:
        vocab = reader.vocab
        texts = [pair.raw] if pair is not None else []
        texts += [p.raw for p in pairs if p.role != "trend"]
        for text in texts:
            word = direction_word(text, vocab) if pair is not None and text is pair.raw else None
            if word:
                return word
            found = arrow_direction(text, vocab, reader.key, value.value,
                                    previous.value if previous is not None else None, polarity)
            if found:
                return found
        return None

    def _moved(self, card: Card, texts: list[str], polarity: str | None, reader: CardReader) -> str | None:
        """'▼ 1.3 pts on last quarter': the arrow says which way the figure moved."""
        for text in texts:
            for line in re.split(r"(?=[" + re.escape("".join(reader.vocab.arrows)) + r"]\s*[-+]?\d)", text):
                if not reader._change_line(line):
                    continue
                points = reader.vocab.arrows[line.strip()[0]]
                if points == "level":
                    return "unchanged"
                if polarity is None:
                    return points
                return "improving" if (points == "up") == (polarity == "higher") else "worsening"
        return None

