"""Narrative papers: KPIs reported in paragraphs and bullets.

Sources it reads: numbered paragraphs under "Green indicators" / "Red indicators" headings,
bullets of a "Key Performance Summary", bold KPI names followed by "- 44% at the end of Q3",
and labelled-value lines ("Latest: 45%  Target: 50%, Floor: 40%  Previous: 41% (Amber)").
"""

from __future__ import annotations

import re

from ..models import Benchmark, KPIRecord, PreviousValue
from ..parsing.indicators import clean_name, split_code, unit_from_name
from ..parsing.numbers import find_values, looks_like_year, parse_value
from ..parsing.periods import Period, parse_period
from ..parsing.statements import read_sentence
from ..readers.document import Block
from .base import Layout
from .context import DocumentContext
from .prose import MEASURED_UNITS, Mention, first_topic, infer_polarity, read_prose
from .timing import complete, period_fields

LABELLED = re.compile(
    r"(?P<label>[A-Za-z][\w /&()'’.-]{0,40}?)\s*[:=]\s*(?P<value>[-−£]?\s?\d[\d,.]*\s*%?|n/?a|tbc|not avail\w*)"
    r"(?:\s*\((?P<rag>red|amber|green)\))?",
    re.IGNORECASE,
)
LABEL_ROLES = ("value", "target", "intervention", "previous")
INLINE_STATUS = re.compile(r"\b(?:rag|status|rating)\s*[:=–-]?\s*(red|amber|green)\b", re.IGNORECASE)


def _lead_name(block: Block) -> str | None:
    """A bold phrase the paragraph opens with: the KPI it is about ('**Number of ...** – Q3 ...')."""
    if not block.bold:
        return None
    first = block.bold[0].strip(" :-–")
    start = block.text.find(block.bold[0])
    if start < 0 or start > 12 or len(first.split()) < 2:
        return None
    return first


def _labelled_pairs(text: str, context: DocumentContext) -> list[tuple[str, str, Period | None, str]]:
    pairs = []
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
            pairs.append((role, match.group("value"), period, match.group("rag") or ""))
    return pairs


META = re.compile(
    r"\b(?P<key>(?:reporting\s+)?period|good\s+is|better\s+is|aim(?:\s+to)?|polarity|direction)\s*:\s*"
    r"(?P<value>.+?)(?=\s{2,}|\s+(?:reporting\s+)?period\s*:|\s+good\s+is\s*:|\s+aim\s*:|$)",
    re.IGNORECASE,
)


def _meta(text: str, context: DocumentContext) -> dict[str, object]:
    """'Period: Q2 2023/24  Good is: High': the period and direction of the KPI above it."""
    found: dict[str, object] = {}
    for match in META.finditer(text):
        key, value = match.group("key").lower(), match.group("value").strip()
        if "period" in key:
            period = parse_period(value)
            if period is not None:
                found["period"] = period
        else:
            polarity = context.vocab.polarity.label(value)
            if polarity:
                found["polarity"] = polarity
    return found


def _in_run(block: Block, context: DocumentContext) -> bool:
    return not block.is_table and bool(_labelled_pairs(block.text, context) or _meta(block.text, context))


class NarrativeLayout(Layout):
    name = "narrative"
    handles = ("paragraph", "heading")

    def detect(self, block: Block, context: DocumentContext) -> float:
        if block.kind == "heading":
            return 0.5 if _labelled_pairs(block.text, context) else 0.0
        values = [v for v in find_values(block.text) if not looks_like_year(v)]
        if not values:
            return 0.0
        return 0.6 if any(v.unit in ("%", "days") for v in values) or "target" in block.text.lower() else 0.4

    def extract(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        labelled = [pair for pair in _labelled_pairs(block.text, context) if pair[0] in LABEL_ROLES]
        # a dashboard line is short and made of its labelled figures; a sentence that happens to
        # hold "England: 10%" is prose
        dashboard = len(block.text) <= 200 or len(labelled) >= 3
        if labelled and dashboard and (len(labelled) >= 2 or self._is_labelled_run(block, context)
                                       or self._is_lone_latest(block, labelled, context)):
            return self._labelled(block, context)
        if block.kind == "heading":
            return []
        before = context.neighbour(block, -1)
        topic = first_topic(before.text) if before is not None and before.kind == "paragraph" else None
        lead = _lead_name(block)
        mentions = read_prose(block.text, context.vocab, context.council, lead=lead, topic=topic)
        return [r for i, m in enumerate(mentions)
                if (r := self._to_record(m, block, context, i == 0, lead is not None)) is not None]

    def _is_lone_latest(self, block: Block, labelled: list[tuple[str, str, Period | None, str]],
                        context: DocumentContext) -> bool:
        """'Latest: 84%' or 'Performance: 3.9 (target 3.5)  RAG: Red' straight under the KPI's name."""
        before = context.neighbour(block, -1)
        return (len(labelled) == 1 and labelled[0][0] == "value" and before is not None
                and before.kind == "heading" and LABELLED.match(block.text.strip()) is not None
                and len(block.text) <= 160)

    def _is_labelled_run(self, block: Block, context: DocumentContext) -> bool:
        for offset in (-1, 1):
            other = context.neighbour(block, offset)
            if other is not None and not other.is_table and _labelled_pairs(other.text, context):
                return True
        return False

    def _labelled(self, block: Block, context: DocumentContext) -> list[KPIRecord]:
        """'Latest: 45%  Target: 50%' lines: one record for the KPI named above them."""
        previous_block = context.neighbour(block, -1)
        if previous_block is not None and not previous_block.is_table and _labelled_pairs(previous_block.text,
                                                                                           context):
            return []  # the first line of a run reads the whole run
        lines = [block]
        offset = 1
        while (nxt := context.neighbour(block, offset)) is not None and _in_run(nxt, context):
            lines.append(nxt)
            offset += 1
        name = None
        offset = -1
        while (before := context.neighbour(block, offset)) is not None and offset > -4:
            if not before.is_table and re.search(r"[A-Za-z]{3}", before.text) and not before.text.endswith(":") \
                    and not _in_run(before, context):
                name = before.text
                break
            offset -= 1
        if name is None:
            return []
        fields: dict[str, object] = {}
        benchmarks: list[Benchmark] = []
        period: Period | None = None
        rag = None
        for line in lines:
            for role, raw, label_period, status in _labelled_pairs(line.text, context):
                parsed = parse_value(raw)
                if role == "value" and "value" not in fields:
                    fields["value"], fields["value_text"] = parsed.value, parsed.text
                    period = period or label_period
                elif role == "target" and "target" not in fields:
                    fields["target"], fields["target_text"] = parsed.value, parsed.text
                elif role == "intervention" and "intervention" not in fields:
                    fields["intervention"] = parsed.value
                elif role == "previous" and "previous" not in fields:
                    fields["previous"] = PreviousValue(value=parsed.value, text=parsed.text,
                                                       period=label_period.text if label_period else None)
                elif role.startswith("benchmark:"):
                    benchmarks.append(Benchmark(name=role.split(":", 1)[1], value=parsed.value, text=line.text,
                                                period=label_period.text if label_period else None))
                rag = rag or (status.lower() or None)
            meta = _meta(line.text, context)
            period = period or meta.get("period")  # type: ignore[assignment]
            fields.setdefault("polarity", meta.get("polarity"))
            # the rest of the line may say it in words: "(target 3.5)", "against a target of 90%", "RAG: Red"
            reading = read_sentence(line.text, context.vocab, context.council)
            targets = reading.of("target")
            if targets and "target" not in fields:
                fields["target"], fields["target_text"] = targets[0].value.value, targets[0].value.text
            inline = INLINE_STATUS.search(line.text)
            rag = rag or (inline.group(1).lower() if inline else None)
        if "value" not in fields:
            return []
        code, rest = split_code(name)
        indicator, category = clean_name(rest)
        fields["code"] = code
        if not fields.get("polarity"):
            value, target = fields.get("value"), fields.get("target")
            fields["polarity"] = infer_polarity(value if isinstance(value, float) else None,
                                                target if isinstance(target, float) else None, rag)
        period = complete(period, block, context) if period else context.section(block).period
        source = " / ".join([name, *[line.text for line in lines]])
        value_unit = parse_value(str(fields.get("value_text") or "")).unit
        fields["unit"] = value_unit if value_unit in MEASURED_UNITS else unit_from_name(indicator)
        if category:
            fields["section"] = category
        fields["benchmarks"] = benchmarks
        return [self.record(block, context, source_text=source, confidence=0.75, indicator=indicator.strip(),
                            **period_fields(period),
                            rag=rag, **fields)]

    def _to_record(self, mention: Mention, block: Block, context: DocumentContext,
                   first: bool, lead: bool = False) -> KPIRecord | None:
        if mention.indicator is None or mention.value is None or mention.value.value is None:
            return None
        section = context.section(block)
        kpi_like = context.vocab.measure_words.search(mention.indicator) is not None
        # A figure becomes a KPI record when it is judged against something (a target, a comparator,
        # a status). Otherwise the paragraph's first figure may stand on KPI wording alone, and a
        # bare count only when it is named as one ("the number of ..."): most counts in prose are
        # context (staff recruited, schools inspected), not measures.
        # a paragraph that opens with a KPI's name in bold presents that KPI: its figure is one
        supported = mention.has_support() or mention.speaks_of_target() or bool(mention.rag) or (
            first and lead)
        if not supported:
            rated = bool(section.rag) and first
            is_count = mention.value.unit is None
            named_count = re.search(r"\b(?:number|count|total)\s+of\b", mention.indicator, re.IGNORECASE)
            if not (rated or (first and kpi_like and (not is_count or named_count))):
                return None
        period = mention.period or section.period
        if period is not None:
            period = complete(period, block, context)
        unit = mention.value.unit if mention.value.unit in MEASURED_UNITS else None
        unit = unit or unit_from_name(mention.indicator) or ("count" if mention.value.value.is_integer() else None)
        targets = mention.target_fields()
        target = targets["target"]
        polarity = mention.polarity or infer_polarity(
            mention.value.value, target if isinstance(target, float) else None, mention.rag or section.rag)
        confidence = 0.5 + (0.25 if mention.has_support() else 0.0) + (0.1 if section.rag else 0.0) + (
            0.1 if kpi_like else 0.0)
        code, indicator = split_code(mention.indicator)
        return self.record(
            block, context, source_text=mention.text, confidence=min(confidence, 0.9),
            indicator=indicator, code=code, **period_fields(period),
            value=mention.value.value, value_text=mention.value.text, unit=unit, **targets,
            benchmarks=mention.benchmarks, previous=mention.previous, polarity=polarity, rag=mention.rag,
        )

