"""Reading KPIs out of prose: shared by the narrative layout and the comment cells of KPI tables.

A paragraph is read sentence by sentence. A sentence with a value and a subject opens a
"mention" of a KPI; later sentences without a new subject add to it (its target, its
comparators, the date "these figures" are as at). Comparator-only sentences ("the national
data showed ... 0.08%") hold their figures for the next mention in the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import TIME_UNITS, Benchmark, PreviousValue
from ..parsing.numbers import Value
from ..parsing.periods import Period
from ..parsing.sentences import split_sentences
from ..parsing.statements import Figure, Reading, read_sentence
from ..parsing.subjects import (
    MEASURE_HEAD,
    after_value_of,
    comparator_subject,
    complement_of,
    done_count,
    is_generic,
    measure_with,
    name_problem,
    named_before,
    names_a_measure,
    numbered_kpi,
    rate_of_count,
    restates,
    share_deed,
    strip_lead,
    subject_names_a_figure,
    subject_of,
    target_for,
    tidy,
)
from ..vocab import Vocabulary
from .timing import merge_quarter_with_dates

# units a printed figure carries that name what it measures (a bare number may be anything)
MEASURED_UNITS = ("%", "days", "£", "rate", "hours", "minutes", "seconds", "weeks", "kg", "tonnes")
# a status said in words: "(Amber)", "rated Amber", "RAG rated Green", "rated as Red", "a RAG status
# of Amber", and "ragged Red" (councils' verb for giving a RAG status); "marked with a red flag",
# "flagged as amber", and the status before the verb: "red rated", "a red-rated indicator"
STATUS_WORD = re.compile(
    r"\(\s*(red|amber|green)\s*\)|\b(?:(?:rag[- ]?)?rated(?:\s+as)?|ragged|(?:rag\s+)?status(?:\s+(?:is|of))?"
    r"|rag(?:\s+rating)?(?:\s+(?:is|of))?|(?:marked|flagged)(?:\s+(?:with|as))?(?:\s+an?)?)\s+(red|amber|green)\b"
    r"|\b(red|amber|green)[- ]rated\b", re.IGNORECASE
)
AS_AT = re.compile(r"^(?:these|those|the|all|both)\s+(?:figures|rates|data|numbers|results)\b", re.IGNORECASE)
NATIONAL_SUBJECT = re.compile(r"\b(?:national|nationally|england|statistical\s+neighbours?|regional)\b",
                              re.IGNORECASE)


@dataclass
class Mention:
    """One KPI in one period as a piece of prose states it."""

    indicator: str | None
    value: Value | None = None
    period: Period | None = None
    target: Value | None = None
    target_range: tuple[Value, Value] | None = None
    derived_target: float | None = None
    benchmarks: list[Benchmark] = field(default_factory=list)
    intervention: Value | None = None
    previous: PreviousValue | None = None
    polarity: str | None = None
    rag: str | None = None
    sentences: list[str] = field(default_factory=list)
    subject_from_text: bool = True
    previous_back: str | None = None
    """How far back the previous value is said to be, when no period is printed for it (`Figure.back`)."""

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def fitting_target(self) -> Value | None:
        """The target, unless it counts time against a share: in "decisions made in target of
        8 weeks ... was 81.2%" the 8 weeks is the measure's timescale, not what 81.2% aims at."""
        if self.target is not None and self.value is not None and self.value.unit == "%" \
                and self.target.unit in TIME_UNITS:
            return None
        return self.target

    def has_support(self) -> bool:
        """A target, comparator or threshold: what makes a figure a performance measure."""
        return bool(self.fitting_target() or self.target_range or self.derived_target is not None or self.benchmarks
                    or self.intervention)

    def target_fields(self) -> dict[str, object]:
        """The record fields this mention's target fills: printed, derived or a range, and the threshold."""
        fitting = self.fitting_target()
        target = fitting.value if fitting else None
        derived = target is None and self.derived_target is not None
        low, high = self.target_range or (None, None)
        return {
            "target": self.derived_target if derived else target,
            "target_text": fitting.text if fitting else None,
            "target_derived": derived,
            "target_range": (low.value, high.value) if low and high and low.value is not None
            and high.value is not None else None,
            "intervention": self.intervention.value if self.intervention else None,
        }

    def speaks_of_target(self) -> bool:
        """'within the target tolerance', 'worse than target': judged against a target, figure or not."""
        return any(re.search(r"\btarget", sentence, re.IGNORECASE) for sentence in self.sentences)


def _first_value(reading: Reading) -> Figure | None:
    values = reading.of("value")
    return values[0] if values else None


DEADLINE_LEFT = re.compile(r"\b(?:by|before|until|till)\s+(?:the\s+)?(?:end\s+of\s+)?$", re.IGNORECASE)


def _period_for(reading: Reading, figure: Figure) -> Period | None:
    """The period a value is for: named right after it, else the nearest free one before it."""
    if figure.period is not None:
        if figure.period.kind == "range" and figure.period.end and reading.of("previous"):
            return _range_end(figure.period)
        return figure.period
    owned = {id(f.period) for f in reading.figures
             if f.period is not None and f.role not in ("ignore", "count", "change")}
    # "since Quarter 1", "from April": where a change started, never the value's own period
    baseline = {id(p) for p in reading.periods
                if re.search(r"\b(?:since|from)\s+(?:the\s+)?(?:end\s+of\s+)?$", reading.text[:p.pos], re.IGNORECASE)}
    before = [p for p in reading.periods
              if p.pos < figure.value.start and id(p) not in owned and id(p) not in baseline]
    if before:
        return merge_quarter_with_dates([before[-1], *[p for p in reading.periods if p is not before[-1]]])
    ranges = [p for p in reading.periods if p.kind == "range" and p.start and p.end]
    if ranges and reading.of("previous"):
        # "improved from 89.8% to 91.5% between June and July 2018": the value is the range's end
        return _range_end(ranges[0])
    # a period after another figure belongs to that figure ("... an improvement on 58 seconds in Quarter 1"),
    # and a deadline after the figure ("the target would be met by March") is no period of it
    after = [p for p in reading.periods if p.pos > figure.value.end and id(p) not in owned
             and not DEADLINE_LEFT.search(reading.text[:p.pos])
             and not any(figure.value.end <= f.value.start < p.pos for f in reading.figures
                         if f is not figure and f.role not in ("ignore", "count", "change"))]
    if after:
        return after[0]
    # "not reached its target of 3.5% in the Summer Term, instead reaching 5.2%": a target is
    # for the period its value is for
    targets = [f.period for f in reading.figures if f.role == "target" and f.period is not None]
    return targets[0] if targets else None


def _range_end(rng: Period) -> Period:
    """'from 89.8% to 91.5% between June and July 2018': 91.5% is July 2018's figure."""
    assert rng.end is not None
    return Period(rng.end.strftime("%B %Y"), "month", rng.end.replace(day=1), rng.end, None, rng.pos)


def _apply(mention: Mention, reading: Reading) -> None:
    """Add what a sentence says about targets, comparators and earlier values to a mention."""
    for figure in reading.figures:
        if figure.role == "target" and mention.target is None:
            mention.target = figure.value
            mention.polarity = mention.polarity or figure.polarity
        elif figure.role == "intervention" and mention.intervention is None:
            mention.intervention = figure.value
        elif figure.role == "benchmark" and figure.comparator:
            if all(b.name != figure.comparator for b in mention.benchmarks):
                periods = [p for p in reading.periods if p.pos > figure.value.end]
                mention.benchmarks.append(Benchmark(name=figure.comparator, value=figure.value.value,
                                                    text=figure.value.text,
                                                    period=periods[0].text if periods else None))
        elif figure.role == "previous" and mention.previous is None:
            mention.previous = PreviousValue(value=figure.value.value, text=figure.value.text,
                                             period=figure.period.text if figure.period else None)
            mention.previous_back = figure.back
    low = [f for f in reading.figures if f.role == "range_low"]
    high = [f for f in reading.figures if f.role == "range_high"]
    if low and high and mention.target_range is None:
        mention.target_range = (low[0].value, high[0].value)
    gaps = reading.of("derived_gap")
    if mention.value is not None and mention.value.value is not None and mention.derived_target is None:
        if gaps:
            gap_figure = gaps[0]
            direction = reading.text[gap_figure.value.end:gap_figure.value.end + 40]
            below = re.search(r"\b(?:below|lower|under|less|short|worse)\b", direction, re.IGNORECASE) is not None
            gap = gap_figure.value.value or 0.0
            mention.derived_target = round(mention.value.value + gap if below else mention.value.value - gap, 4)
        elif reading.derived_target is not None:
            mention.derived_target = reading.derived_target
        elif reading.equals_target and mention.target is None:
            mention.derived_target = mention.value.value
    mention.polarity = mention.polarity or reading.polarity
    status = STATUS_WORD.search(reading.text)
    if status:
        mention.rag = next(word for word in status.groups() if word).lower()
    if reading.text not in mention.sentences:
        mention.sentences.append(reading.text)


def _split_clauses(sentence: str) -> list[str]:
    """', and the average Social Worker vacancy rates ...': two KPIs in one sentence, two clauses."""
    parts = [p for p in re.split(r"(?:,|;)\s+and\s+(?=the\s+\w+)", sentence) if p.strip()] or [sentence]
    # '... is 1.150 against a target of 1,215 and the percentage of ... is 20%': with no comma, a new
    # measure after 'and' starts a clause only when both sides state a figure
    # '92.5 per cent of conferences were held ...; 85.8 per cent of children received ...': a minute's
    # list of highlights, one measure a clause; a semicolon parts clauses only when each states a figure
    parts = [piece for part in parts for piece in _semicolon_clauses(part)]
    split: list[str] = []
    for part in parts:
        pieces = MEASURE_AFTER_AND.split(part)
        if len(pieces) > 1 and all(re.search(r"\d", piece) for piece in pieces):
            split.extend(pieces)
        else:
            split.append(part)
    return split


def _semicolon_clauses(text: str) -> list[str]:
    # "...; and c) NI 192 – the percentage ...": the list's last item after its "and"
    pieces = [p for p in re.split(r"\s*;\s+(?:(?:and|or)\s+)?", text) if p.strip()]
    # (the paragraph's number, "3.4 The number of exclusions continues to fall; ...", is no figure)
    first = re.sub(r"^\s*(?:\d{1,2}\.){1,3}\d{0,2}\s", "", pieces[0])
    if len(pieces) > 1 and all(re.search(r"\d", piece) for piece in [first, *pieces[1:]]):
        return pieces
    return [text]


MEASURE_AFTER_AND = re.compile(
    r"\s+and\s+(?=the\s+(?:percentage|proportion|number|rate|average|total|level|share)\s+of\b)", re.IGNORECASE)


def _respectively_split(indicator: str | None, reading: Reading) -> list[tuple[str | None, Figure, Period | None]]:
    """'at 95% and 100% respectively' over 'July and August', or over 'primary and secondary'."""
    values = reading.of("value")
    if len(values) < 2 or not re.search(r"\brespectively\b", reading.text, re.IGNORECASE):
        return []
    before_values = [p for p in reading.periods if p.pos < values[0].value.start]
    if len(before_values) >= len(values):
        return [(indicator, figure, period) for figure, period in zip(values, before_values[-len(values):],
                                                                        strict=False)]
    if indicator:
        match = re.search(r"\b(?:both\s+)?(\w+)\s+and\s+(\w+)\s+(\w+(?:\s+\w+)?)", indicator)
        if match and len(values) == 2:
            first, second, head = match.group(1), match.group(2), match.group(3)
            names = [indicator.replace(match.group(0), f"{first} {head}"),
                     indicator.replace(match.group(0), f"{second} {head}")]
            return [(name, figure, figure.period) for name, figure in zip(names, values, strict=False)]
    return []


def read_prose(text: str, vocab: Vocabulary, council: str | None = None, lead: str | None = None,
               topic: str | None = None, heading: str | None = None,
               bracketed: Period | None = None) -> list[Mention]:
    """Mentions of KPIs in a paragraph.

    `lead` is an indicator name the paragraph opens with (in bold); `topic` a measure the
    paragraph before was about, for "Kent's data for 2016/17 is 0.14%" sentences; `heading` a
    measure the section's heading names, for "Performance in Q2 of 212 was inside the target";
    `bracketed` the period the paper's key gives figures in brackets ("2017/18 figures in brackets").
    """
    mentions: list[Mention] = []
    current: Mention | None = None
    pending: list[Benchmark] = []
    last_subject: str | None = lead
    antecedent: str | None = None
    # the last measure a sentence of the paragraph named without a figure ("The percentage of older
    # people ... still at home 91 days after discharge is another key performance measure."): what
    # a later sentence's word for its figure is the figure of, when it says what the figure counts
    # in the measure's words ("Our 2016/17 performance showed that 87.2 percent were still at home")
    named: str | None = None
    for sentence in split_sentences(text):
        clauses = _split_clauses(sentence.text)
        # what "It" or "This" opening this sentence stands for: the measure the sentence before
        # named without giving a figure of its own
        referred, antecedent = antecedent, None
        for clause in clauses:
            reading = read_sentence(clause, vocab, council)
            value = _first_value(reading)
            subject = subject_of(clause, vocab, council)
            if subject and lead and subject.lower() in lead.lower():
                subject = None
            if value is None:
                if len(clauses) == 1:
                    antecedent = _antecedent(clause, subject, reading, vocab)
                    named = antecedent or named
                topic = topic or topic_of(clause)
                if subject and not reading.figures and not is_generic(subject) and not comparator_subject(
                        clause, vocab):
                    last_subject = subject if current is None or current.value is not None else last_subject
                if current is None and _supports(reading) and not reading.of("benchmark"):
                    current = Mention(indicator=lead or subject or last_subject)
                    mentions.append(current)
                if current is not None:
                    _apply(current, reading)
                    if AS_AT.match(clause.strip()) and reading.periods:
                        for mention in mentions:
                            mention.period = mention.period or reading.periods[-1]
                elif reading.of("benchmark"):
                    holder = Mention(indicator=None)
                    _apply(holder, reading)
                    pending.extend(holder.benchmarks)
                continue
            comparator = comparator_subject(clause, vocab)
            own = council is not None and re.search(rf"\b{re.escape(council)}\b", clause) is not None
            # a sentence whose figures are all the subject comparator's, not one that sets the
            # council's figure against comparators of its own ("above the national average (74%)")
            others = {f.comparator for f in reading.of("benchmark")} - {comparator}
            if comparator and not own and not others:
                # "the national data showed ... 0.08%": a comparator for the figure that follows
                when = _period_for(reading, value)
                pending.append(Benchmark(name=comparator, value=value.value.value, text=value.value.text,
                                         period=when.text if when else None))
                if subject:
                    last_subject = re.sub(NATIONAL_SUBJECT, "", subject).strip() or last_subject
                continue
            # what the figure counts, said after it: "78% of calls ...", "there were 447 households ...",
            # or by the count before it: "412 children on a plan, a rate of 41.2 per 10,000"
            counts = [f.value for f in reading.figures if f.role == "count" and f.value.end <= value.value.start]
            of_phrase = after_value_of(clause, value.value) or complement_of(clause, value.value) or rate_of_count(
                clause, value.value, counts[-1] if counts else None)
            if of_phrase is None and reading.of("target"):
                # "64 affordable homes were delivered, against a target of 75": a count set against
                # its target is the measure, named by what was done
                of_phrase = done_count(clause, value.value)
            if subject is None and council and re.match(rf"\W*{re.escape(council)}\b", clause):
                # "Buckinghamshire data for 2016/17 is 0.14%": the council's figure for the rate in hand
                subject = topic
            if of_phrase is None and subject is not None and (deed := share_deed(clause, value.value)):
                subject = f"{subject} {deed}"  # "Minor applications: 84% decided within 8 weeks"
            # "Timeliness – 6 month rate 85%": a list line's whole name, where a sentence's subject
            # would stop at the dash
            listed = None if (lead or of_phrase) else named_before(clause, value.value, vocab.measure_words)
            name = lead or of_phrase or listed or measure_with(clause, value.value) or subject
            if not (lead or of_phrase or listed) and (measure := target_for(clause)) and (
                    subject is None or name_problem(subject) is not None or not vocab.measure_words.search(subject)):
                # "The IT helpdesk ...; the target for first time fix was 45% and the result was
                # 96%": the target's measure, of the service the sentence is about
                name = f"{subject} {measure}" if subject else measure
            if name is None and (numbered := numbered_kpi(clause)):
                name = numbered  # "one red-rated indicator – (KPI 10 Recycling) – against a target of 60%, 54% ..."
            fallback = last_subject
            if name is None and clause is clauses[0] and PRONOUN_SUBJECT.match(clause):
                # "It stood at 54%": the measure the sentence just before named, or none known
                name = referred if POINTS_BACK.match(clause) else None
                fallback = None
            if named and not (lead or of_phrase or listed) and subject_names_a_figure(clause) and (
                    subject is None or is_generic(subject) or name_problem(subject) is not None) \
                    and restates(clause[value.value.end:], named):
                # the words after the figure say it again ("... were still at home"): a bare
                # "Performance stood at 61%" may be of anything
                name = named
            elif heading and not (lead or of_phrase or listed) and (
                    THE_MEASURE_IN_HAND.match(strip_lead(clause)) or subject_names_a_figure(clause)) and (
                    subject is None or is_generic(subject) or name_problem(subject) is not None):
                # "Performance in Q2 of 212 was ...", "The outturn figure reported was 11.09 days":
                # the figure of the measure the heading names
                name = heading
            elif heading and not (lead or of_phrase or listed) and subject is not None and reading.of("target") \
                    and names_a_measure(heading) and not names_a_measure(subject) and restates(subject, heading):
                # under a KPI's title, a figure set against its target is that KPI's, whatever the
                # sentence's shorter words for it ("the benefits speed of processing ... was 11.2 days")
                name = heading
            split = _respectively_split(name, reading)
            if split:
                for split_name, figure, period in split:
                    mention = Mention(indicator=split_name or last_subject, value=figure.value,
                                      period=period or _period_for(reading, figure))
                    _apply(mention, reading)
                    mentions.append(mention)
                current = mentions[-1]
                continue
            starts_new = current is None or (
                current.value is not None and not lead and (subject is not None or of_phrase is not None)
            )
            if current is not None and current.value is None:
                current.value = value.value
                current.period = _period_for(reading, value)
                if current.indicator is None or (of_phrase and not lead):
                    current.indicator = of_phrase or subject or current.indicator
                _apply(current, reading)
                _bracketed_previous(current, reading, value, bracketed)
            elif starts_new:
                current = Mention(indicator=name or fallback, value=value.value,
                                  period=_period_for(reading, value), subject_from_text=name is not None)
                current.benchmarks.extend(pending)
                pending = []
                _apply(current, reading)
                _bracketed_previous(current, reading, value, bracketed)
                mentions.append(current)
            elif current is not None and not current.has_support() and _supports(reading) and (
                    lead or subject is None) and _same_kind(value, reading, current):
                # a figure stated against its target outranks a passing figure stated before it
                current.value, current.period = value.value, _period_for(reading, value)
                _apply(current, reading)
            else:
                assert current is not None
                later = _period_for(reading, value)
                if later is not None and current.period is not None and later.text != current.period.text \
                        and _is_later(later, current.period):
                    # "in Q1 ... 43.5%. In Q2 ... stable at 43.4%": the latest figure is the value
                    current.previous = PreviousValue(value=current.value.value if current.value else None,
                                                     period=current.period.text, text=current.value.text
                                                     if current.value else "")
                    current.value, current.period = value.value, later
                    if reading.of("target"):
                        # the later figure's own target: the earlier figure's was for its own period
                        current.target, current.derived_target = None, None
                _apply(current, reading)
            if subject and not is_generic(subject):
                last_subject = subject
    for mention in mentions:
        if pending and mention.value is not None and not mention.benchmarks:
            mention.benchmarks.extend(pending)
    return mentions


def _bracketed_previous(mention: Mention, reading: Reading, value: Figure, bracketed: Period | None) -> None:
    """'... was 95.6% (97.6%)' under the key '2017/18 figures in brackets': the figure in brackets
    straight after the value is the value of the period the key names. Without such a key a
    bracketed figure may be anything (a target, a count), and is left alone."""
    if bracketed is None or mention.previous is not None:
        return
    text = reading.text
    for figure in reading.figures:
        gap = text[value.value.end:figure.value.start]
        if figure.value.start > value.value.end and re.fullmatch(r"\s*\(\s*", gap) \
                and re.match(r"\s*\)", text[figure.value.end:]) and figure.value.unit == value.value.unit:
            figure.role = "previous"
            mention.previous = PreviousValue(value=figure.value.value, text=figure.value.text, period=bracketed.text)
            return


# a sentence whose subject is "It" or "This" ("This quarter ..." is a time, not a pronoun)
PRONOUN_SUBJECT = re.compile(r"\s*(?:it|this)(?:\s+(?:figure|measure|rate))?\s+(?!(?:year|quarter|month|period|week|"
                             r"term|time|financial|academic|autumn|spring|summer|winter)\b)", re.IGNORECASE)
# a sentence opening with a word that stands for the measure named just before it
# ("It was noted that ...", "It is expected to reach ..." say something else: no figure of the measure)
POINTS_BACK = re.compile(r"\s*(?:it|this)\s+(?:figure\s+|measure\s+|rate\s+)?(?:is|was|has\s+been|had\s+been|"
                         r"stood|stands|remained|remains|rose|fell|reached|increased|decreased|improved|dropped|declined|came\s+in|"
                         r"ended)\b(?!\s+(?:[\w-]+\s+){0,2}that\b)(?!\s+(?:expected|forecast|projected|anticipated|"
                         r"hoped|aimed|planned|likely|due|not|unlikely)\b)", re.IGNORECASE)
# two measures joined in one subject: "It" could stand for either
TWO_MEASURES = re.compile(r"\band\s+(?:the\s+)?(?:percentage|proportion|number|rate|average|total|level)\b",
                          re.IGNORECASE)


def _antecedent(clause: str, subject: str | None, reading: Reading, vocab: Vocabulary) -> str | None:
    """The measure a sentence names without a figure ("The percentage of EHCPs issued within 20
    weeks was reported to committee."): what a pronoun opening the next sentence stands for. None
    unless the sentence names exactly one measure, by a measure's head word ("percentage of",
    "number of", "average"; not "the strategy for care plans"), and states no figure of its own."""
    if subject is None or is_generic(subject) or name_problem(subject) is not None \
            or any(f.role != "ignore" for f in reading.figures) or TWO_MEASURES.search(subject) \
            or not MEASURE_HEAD.match(subject) or comparator_subject(clause, vocab):
        return None
    return subject


TOPIC = re.compile(
    r"\b((?:[A-Za-z][\w-]*\s+){0,4}(?:rate|percentage|proportion|timeliness|level)"
    r"(?:\s+of\s+(?:[A-Za-z][\w-]*\s+){0,5}?[A-Za-z][\w-]*)?)(?=\s+(?:of\s+\d|is|was|has|in|for|at)\b|[,.;]|$)",
    re.IGNORECASE,
)


# a sentence's subject that stands for the measure the section is about
THE_MEASURE_IN_HAND = re.compile(
    r"(?:our\s+|the\s+)?(?:performance|outturn|figure|result)\s+(?:at|in|for|as\s+at|was|is)\b", re.IGNORECASE)


def first_topic(text: str) -> str | None:
    topics = [t for sentence in split_sentences(text) if (t := topic_of(sentence.text))]
    return topics[0] if topics else None


def topic_of(text: str) -> str | None:
    """A measure a sentence talks about without giving its value ('the overall permanent exclusion rate')."""
    match = TOPIC.search(text)
    if not match:
        return None
    phrase = re.sub(r"^(?:(?:in|of|small|large|increase|decrease)\s+)+", "", match.group(1), flags=re.IGNORECASE)
    phrase = tidy(phrase)
    return phrase if len(phrase.split()) >= 2 else None


def _same_kind(value: Figure, reading: Reading, current: Mention) -> bool:
    """Does the new figure measure what the sentence's target measures? A backlog count of 388
    beside "the target of 85 per cent" does not replace a 58 per cent value."""
    targets = reading.of("target")
    unit = targets[0].value.unit if targets else None
    if unit is None or current.value is None:
        return True
    return value.value.unit == unit or current.value.unit != unit


def _supports(reading: Reading) -> bool:
    return bool(reading.of("target") or reading.of("derived_gap") or reading.of("range_low")
                or reading.derived_target is not None or reading.polarity)


def _is_later(a: Period, b: Period) -> bool:
    if a.start and b.start:
        return a.start > b.start
    if a.kind == b.kind == "quarter" and a.quarter and b.quarter:
        return a.quarter > b.quarter
    return False


def infer_polarity(value: float | None, target: float | None, rag: str | None) -> str | None:
    """Which way is good, from where the value sits against its target and the status it was given.

    Green above target, or red/amber below it, means higher is better; the mirror cases mean lower.
    """
    if value is None or target is None or rag is None or value == target:
        return None
    if rag == "green" and abs(value - target) < 0.02 * abs(target):
        # green a whisker on either side of target is "within tolerance": it shows no direction,
        # whereas red or amber is always on the wrong side
        return None
    if rag == "green":
        return "higher" if value > target else "lower"
    return "higher" if value < target else "lower"
