"""What each number in a sentence about performance is: the value, a target, a comparator,
an earlier value, a change, or nothing to do with the KPI.

The roles are read from the words around each number, the phrases analysts read them by:
"target of 78%", "within the target range of 17.5% - 22.5%", "0.9 percentage points below the
target", "the England average of 458 days", "statistical neighbours (76%)", "from 56.0% in April",
"increased by 8.5%". Nothing here knows about any one council's wording.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from ..models import TIME_UNITS
from ..vocab import Vocabulary, normalise
from .numbers import Value, find_clock_durations, find_values, looks_like_year
from .periods import Period, find_periods
from .subjects import DEFINITION_CLAUSE, NUMBER_IN_NAME, named_topic, topic_named_again

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
WORD_NUMBER = "|".join(WORD_NUMBERS)

# --- cues read to the left of a number (the text since the previous number) -------------------
# a target judged ("the target was met with performance of 95%", "was missed as performance moved
# from 80%", "was exceeded at 97%"): a figure after the verdict is the performance (a target that
# moved, "the target was increased to 95%", still gives its own new figure)
TARGET_JUDGED = r"met|missed|achieved|exceeded|surpassed|beaten"
TARGET_LEFT = re.compile(
    rf"\b(?:target|goal|ambition)s?\b:?(?:\s+(?!(?:and|but|{TARGET_JUDGED})\b)[\w'’/-]+){{0,6}}?\s*"
    r"(?:of|is|was|at|=|:|–|—|-|set at|to be)?\s*$"
    # "the national target (90%)"; not "target achieved (95%)", where the figure is what was achieved
    r"|\btarget\s*\(\s*$"
    r"|\btarget(?:ed)?\s+(?:for\s+[\w/ -]+\s+)?(?:is|was|of)\s*$"
    # the target on a measure named in full: "the target on the percentage of lost calls per quarter was 12%"
    r"|\btargets?\s+(?:on|for)\s+(?:the\s+)?(?:percentage|proportion|number|rate|average|level)\s+of\b"
    r"[^.;:%\d]{0,120}?\s(?:is|was|were|of|at)\s*$"
    # a health service's standard is its target: "against a standard of 78%"
    r"|\b(?:a|the|its|our)\s+(?:(?:national|operational|constitutional)\s+)?standard\s+of\s*$",
    re.IGNORECASE,
)
# "just below target at 92%", "on target at 95%", "above target with 61 homes let", "on target (95%)": the figure is
# where performance stands, not the target
# and "performance against target was 81%": what was achieved, measured against the target
STANDING_LEFT = re.compile(r"\b(?:below|above|under|over|on|off|within)\s+target\s*(?:\s(?:at|with)|\()\s*$"
                           r"|\bperformance\s+against\s+(?:the\s+)?target\s+(?:(?:for|on)\s[^.;\d]{3,100}?\s)?"
                           r"(?:is|was|stands\s+at|stood\s+at)\s*$",
                           re.IGNORECASE)
# who set a target, or for when, said between its figure and the word: "the 90% national target"
# (a comparator's word there names the target's setter; the figure is still a target)
TARGET_SETTER = (r"(?:(?:national|regional|local|government|statutory|corporate|council|annual|quarterly|monthly|"
                 r"stretch|agreed|revised|new|internal|england|nhs)(?:['’]s)?|(?:nationally|locally)\s+(?:set|agreed))")
TARGET_RIGHT = re.compile(rf"^\s*(?:%\s*)?(?:{TARGET_SETTER}\s+){{0,2}}target\b|^\s*(?:is\s+)?the\s+target\b",
                          re.IGNORECASE)
RANGE_LEFT = re.compile(r"\btarget\s+(?:range|band)\s+(?:of\s+)?(?:between\s+)?$", re.IGNORECASE)
INTERVENTION_LEFT = re.compile(
    r"\b(?:intervention|tolerance|floor|threshold|trigger)(?:\s+(?:level|point|rate))?\s*(?:of|is|at|=|:)?\s*$",
    re.IGNORECASE,
)
PREVIOUS_LEFT = re.compile(
    r"(?:\b(?:up|down|rising|falling|increas\w*|decreas\w*|improv\w*|reduc\w*|fell|rose|dropp\w*|declin\w*|risen|"
    r"fallen|moved|changed|went)?\s*from(?:\s+(?:over|under|around|about|nearly|almost|just|approximately))?|\bcompared\s+(?:to|with)|\bpreviously\s+reported\s+(?:performance\s+)?(?:of|at)?|"
    r"\b(?:improvement|deterioration|increase|decrease|rise|fall|up|down)\s+on|\bbaseline\s+(?:of|was|is)?|"
    r"\blowest\s+(?:performance\s+)?(?:reported\s+)?(?:at|of|was)|\ba\s+low\s+of|\bprevious(?:ly)?\s+(?:year|quarter|month)?"
    r"\s*(?:of|was|at)?|\blast\s+year\s+(?:of|was)?|\bwhen\s+it\s+was)\s*$",
    re.IGNORECASE,
)
CHANGE_LEFT = re.compile(
    r"\b(?:by|of|up|down|increas\w*|decreas\w*|ris(?:e|en|ing)|rose|fell|fall(?:en|ing)?|dropp?\w*|reduc\w*|"
    r"declin\w*|grow\w*|grew|improv\w*)\s*(?:by|of)?\s*$",
    re.IGNORECASE,
)
CHANGE_RIGHT = re.compile(
    r"^\s*(?:percentage\s+points?|%?\s*points?|pp)?\s*(?:increase|decrease|rise|fall|reduction|improvement|"
    r"change|drop|decline|growth)\b|^\s*(?:more|fewer|less)\b(?!\s+than\s+(?:the\s+)?target)",
    re.IGNORECASE,
)
DERIVED_RIGHT = re.compile(
    r"^\s*(?:percentage\s+points?|%?\s*points?|pp)?\s*(?P<dir>below|above|lower\s+than|higher\s+than|under|over|"
    r"more\s+than|less\s+than|short\s+of|better\s+than|worse\s+than|adverse\s+to|away\s+from)\s+"
    r"(?:the\s+|its\s+|our\s+)?"
    r"(?:\w+\s+){0,2}?target\b",
    re.IGNORECASE,
)
DERIVED_WORDS = re.compile(
    rf"\b(?P<num>{WORD_NUMBER})\s+(?P<dir>higher|lower|more|fewer|above|below|less)\s+than\s+(?:the\s+)?target\b",
    re.IGNORECASE,
)
EQUALS_TARGET = re.compile(
    r"\b(?:equals?|matche[sd]|meets?|met|achieved|on|at|hit)\s+(?:the\s+|its\s+|our\s+)?target\b(?!\s+(?:of|range))",
    re.IGNORECASE,
)
VALUE_LEFT = re.compile(
    r"(?:\b(?:is|was|are|were|at|to|of|reaching|reached|stands?\s+at|stood\s+at|remain(?:s|ed)?\s+at|"
    r"reported\s+(?:as|at)|running\s+at|performance\s+(?:was|is|of)|rate\s+(?:was|is|of)|figure\s+(?:was|is|of))"
    r"|[–—:-])\s*(?:a\s+)?(?:(?:reported\s+)?(?:high|low|total|rate|figure|level)\s+of\s+)?(?:around|approximately|about|"
    r"nearly|almost|over|under|just|some|c\.)?\s*$",
    re.IGNORECASE,
)
# "4.1 New claims ...": a paragraph's number; "93.4 per cent of visits ..." opens with a figure
PARAGRAPH_NUMBER = re.compile(r"^\s*(?:\d{1,2}\.){1,3}\d{0,2}\s(?!\s*(?:per\s?cent|percent|pct)\b)", re.IGNORECASE)
PEOPLE_COUNT = re.compile(
    r"^\s*(?:\w+\s+)?(?:children|young people|pupils|people|families|staff|social workers?|posts|cases|"
    r"referrals|schools|households|assessments|applications|employees|members|officers|students|"
    r"hours|applications|places|settings|providers|visits|workers|fte)\b",
    re.IGNORECASE,
)
DEFINITION_LEFT = re.compile(
    r"\b(?:within|in\s+the\s+(?:last|past)|over|for\s+more\s+than|more\s+than|the\s+last|the\s+past|past|last|"
    r"aged|age|ages|year|key\s+stage|stage|level|under|top|first|every|after)\s*(?:the\s+)?(?:statutory\s+)?$",
    re.IGNORECASE,
)
TALLY = re.compile(
    r"\b(?:of|out\s+of)\s+(?:the|our|its|these)?\s*(?:\d+|\w+)\s+(?:key\s+)?(?:performance\s+)?"
    r"(?:measures|indicators|kpis|pis|targets|metrics)\b"
    r"|\b\d+\s+(?:key\s+)?(?:performance\s+)?(?:measures|indicators|kpis|pis|targets|metrics)\s+(?:are|were|have|met|missed)\b",
    re.IGNORECASE,
)
GROUP_PREFIX = re.compile(
    r"(?:all |other |similar )?(?:[a-z-]+ )?(?:authorities|councils|las|boroughs|counties|unitaries|areas) "
    r"(?:in |across )(?:the )?"
)
# a number that labels a part of the paper or one of its indicators: "page 4", "Appendix 2",
# "Indicator 21 (the percentage of ...)", "graph 1"
REFERENCE_LEFT = re.compile(r"\b(?:page|paragraph|appendix|annex|section|table|graph|chart|tel\w*|indicator|kpi|pi)"
                            r"\s*(?:no\.?\s*)?$", re.IGNORECASE)
TARGET_MAX = re.compile(r"(?:below|under|less\s+than|no\s+more\s+than|at\s+most|maximum\s+of|<|≤)\s*$", re.IGNORECASE)
TARGET_MIN = re.compile(r"(?:above|over|more\s+than|at\s+least|minimum\s+of|no\s+less\s+than|>|≥)\s*$", re.IGNORECASE)
AGAINST = re.compile(r"(?<!compared )(?<!measured )\bagainst\s*$", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
POLARITY_HINT = re.compile(r"\(\s*(high|higher|low|lower)\s+is\s+(?:good|better)\s*\)", re.IGNORECASE)


@dataclass
class Figure:
    """One number in a sentence and what it is."""

    value: Value
    role: str
    """value | target | range_low | range_high | derived_gap | intervention | benchmark | previous | change |
    count (a count of things beside the measure: "182 children") | ignore"""
    comparator: str | None = None
    period: Period | None = None
    derived_target: float | None = None
    polarity: str | None = None
    """For a target stated as a bound ("below 12%"): the direction it sets."""
    cue: str | None = None
    back: str | None = None
    """For an earlier figure with no period of its own: how far back the words after it say it
    is ("the previous year", "a year ago": "year"; "last quarter", "the previous month": "step")."""
    """The word that gave the role, where it matters later ("against")."""


@dataclass
class Reading:
    """A sentence read for a KPI: its figures by role, plus target words without a number."""

    text: str
    figures: list[Figure] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    equals_target: bool = False
    derived_target: float | None = None
    polarity: str | None = None

    def of(self, role: str) -> list[Figure]:
        return [f for f in self.figures if f.role == role]


def _word_before(text: str) -> str:
    match = re.search(r"([\w'’]+)\W*$", text)
    return match.group(1).lower() if match else ""


def _comparator_left(left: str, vocab: Vocabulary) -> str | None:
    # the comparator must be in the words just before the figure, after any target word
    tail = re.split(r"\btarget\b|[.;]", left, flags=re.IGNORECASE)[-1]
    # an aside in brackets is said of the figure before it: in "85% (on par with national rate),
    # improvement from 78%" the 78% is the council's own earlier figure, not the nation's
    tail = re.sub(r"\([^()]*\)", " ", tail)
    for period in find_periods(tail):
        tail = tail.replace(period.text, " ")
    tail_words = tail.split()[-12:]
    return vocab.comparators.label(" ".join(tail_words), min_length=2)


def _comparator_right(right: str, vocab: Vocabulary) -> str | None:
    """'21.5% nationally', '22.8% for our statistical neighbours', '58% in the North West'."""
    # "89% of schools in England": the whole a share is of may come between the figure and its place
    match = re.match(r"^\s*%?\s*\)?\s*(?:of\s+(?:all\s+|the\s+)?(?:[a-z][\w-]*\s+){1,3}?(?=(?:in|across)\s))?"
                     r"(?:(?:for|in|across|among|amongst)\s+(?:our|the|its|all|[\w-]+['’]s)?\s*)?"
                     r"((?:[\w'’-]+\s+){0,4}[\w'’-]+)", right, re.IGNORECASE)
    if not match:
        return None
    words = re.split(r"[,;.()]", match.group(1))[0]
    found = vocab.comparators.find(words, min_length=2)
    if not found:
        return None
    # the comparator must open the phrase ("21.5% nationally", not "21.5% of children ... national"),
    # or follow the councils it stands for ("96.0% for all billing authorities in England")
    before = normalise(words)[:found[1].start()]
    return found[0] if found[1].start() == 0 or GROUP_PREFIX.fullmatch(before) else None


def _own_council_right(right: str, council: str | None) -> bool:
    if not council:
        return False
    return re.match(rf"^\s*%?\s*(?:for|in|at)\s+(?:{re.escape(council)})\b", right, re.IGNORECASE) is not None


def _period_after(text: str, value: Value, periods: list[Period]) -> Period | None:
    for period in periods:
        gap = text[value.end:period.pos]
        if re.match(r"\s*:\s*[-−£]?\d", text[period.end_pos:]):
            continue  # "(Quarter 1: 61%)" labels the figure after it, not the one before
        if period.pos >= value.end and re.fullmatch(
            r"\s*(?:%\s*)?(?:\(?\s*)?(?:in|at|for|during|by|as\s+at|as\s+of|at\s+the\s+end\s+of|by\s+the\s+end\s+of|"
            r"the\s+end\s+of|between|over)?\s*(?:the\s+)?(?:\(\s*)?(?:[A-Za-z]+\s*-\s*)?", gap, re.IGNORECASE
        ) and len(gap) <= 30:
            return period
    return None


def read_sentence(text: str, vocab: Vocabulary, council: str | None = None) -> Reading:
    """Give every number in the sentence a role."""
    reading = Reading(text=text)
    reading.periods = find_periods(text)
    hint = POLARITY_HINT.search(text)
    if hint:
        reading.polarity = "higher" if hint.group(1).lower().startswith("high") else "lower"
    period_spans = [(p.pos, p.end_pos) for p in reading.periods]
    numbers = [
        v for v in find_values(text)
        if v.value is not None and not looks_like_year(v)
        and not any(s <= v.start and v.end <= e for s, e in period_spans)
    ]
    numbers = sorted([*numbers, *durations(text)], key=lambda v: v.start)
    lead = PARAGRAPH_NUMBER.match(text)
    if lead:
        numbers = [v for v in numbers if v.start >= lead.end() - 1]
    previous_end = lead.end() if lead else 0
    label_periods = {p.end_pos: p for p in reading.periods if re.match(r"\s*:\s*[-−£]?\s?\d", text[p.end_pos:])}
    for index, value in enumerate(numbers):
        left = text[previous_end:value.start]
        if reading.figures and reading.figures[-1].role == "target" and (word := TARGET_RIGHT.match(left)):
            # "against the 95% target for repairs ... was 92.3%": that "target" was the figure
            # before's; the words after it lead to this figure, as they would after "target of 95%"
            left = left[word.end():]
        full_left = text[max(0, value.start - 80):value.start]
        next_start = numbers[index + 1].start if index + 1 < len(numbers) else len(text)
        right = text[value.end:next_start]
        figure = _classify(value, left, full_left, right, vocab, council, text)
        if reading.figures and reading.figures[-1].role == "ignore" and re.fullmatch(r"\s*(?:-|–|to)?\s*", left) \
                and reading.figures[-1].value.unit in (None, value.unit) and value.unit in (None, "years"):
            figure.role = "ignore"  # the far end of an ignored span: "aged 19-21", "pages 5 to 7"
        if reading.figures and reading.figures[-1].role == "target" and re.fullmatch(r"\s*or\s*", left) \
                and figure.role == "value":
            figure.role = "ignore"  # "suggesting a target of 7 or 8 days": the other bound of one target
        figure.period = _period_after(text, value, reading.periods)
        if figure.role == "previous" and figure.period is None:
            figure.back = _how_far_back(right)
        for end, period in label_periods.items():
            if re.fullmatch(r"\s*:\s*", text[end:value.start]):
                figure.period = period  # "(Q2: 84.0%)": the period labels the figure after it
        reading.figures.append(figure)
        previous_end = value.end
    for clause in DEFINITION_CLAUSE.finditer(text):
        for figure in reading.figures:
            if clause.start() <= figure.value.start < clause.end() and figure.role != "target":
                figure.role = "ignore"
    if (topic := named_topic(text)) is not None:
        for figure in reading.figures:
            if topic[0] <= figure.value.start < topic[1]:
                figure.role = "ignore"  # "referred to CSP 21 - % complaints responded to in 20 working days"
    _pair_respectively(reading, vocab)
    _pair_ranges(reading)
    _changed_target(reading)
    targets = reading.of("target")
    if len(targets) >= 2 and targets[-1].cue == "against" and not reading.of("value"):
        # "short of the target: 517 visits ... against 600": the figure set against the later
        # one is the value, whatever "target:" before it suggested
        targets[0].role = "value"
    if TALLY.search(text):
        # "Of the 16 measures reported, 9 met target and 4 were within 5% of it": a sentence
        # counting the scorecard's KPIs is about the scorecard, and none of its figures is a KPI
        for figure in reading.figures:
            figure.role = "ignore"
    elif reading.of("target") and not reading.of("value"):
        # "there were 447 households in temporary accommodation against a target of 380": with a
        # target beside it, the counted thing is the measure
        counted = [f for f in reading.figures if f.role == "count"]
        if counted:
            counted[0].role = "value"
    if EQUALS_TARGET.search(text) and not reading.of("target"):
        reading.equals_target = True
    words = DERIVED_WORDS.search(text)
    if words:
        reading.derived_target = _derive(words.group("dir"), float(WORD_NUMBERS[words.group("num").lower()]),
                                         reading)
    return reading


# words that make a clock-like "2:45" a length of time: what the sentence measures is a time
DURATION_CUE = re.compile(r"\b(?:time|times|wait(?:s|ing)?|duration|length|answer(?:ed)?|respon(?:se|ded)|"
                          r"took|taken|minutes?|mins|seconds?|secs|mm:ss)\b", re.IGNORECASE)
# a time of day: "from 9:00", "until 17:00", "between 8:30 and 9:15", "9:00 to 17:00"
# and "at 10:30", unless a verb puts the figure there ("stood at 2:45")
CLOCK_LEFT = re.compile(r"\b(?:from|until|till|between|before|after|by|opens?|closes?|opening|closing)\s*$"
                        r"|(?<!\bstood)(?<!\bstands)(?<!\bwas)(?<!\bis)(?<!\bremained)(?<!\bremains)(?<!\brunning)"
                        r"\s+at\s*$", re.IGNORECASE)


def durations(text: str) -> list[Value]:
    """The clock-like lengths of time in a sentence about a time ('an average call answer time of
    2:45'): read as minutes, never a time of day."""
    if ":" not in text or not DURATION_CUE.search(text):
        return []
    return [v for v in find_clock_durations(text)
            if DURATION_CUE.search(text[max(0, v.start - 100):v.start]) and not CLOCK_LEFT.search(text[:v.start])
            and not re.match(r"\s*(?:-|–|to|and)\s*\d{1,2}:\d\d", text[v.end:])]


# "9.1 days the previous year", "from 88% a year ago", "from 41 last quarter": words after an
# earlier figure that date it from the figure it is set against
BACK_A_YEAR = re.compile(r"^\s*(?:[a-z%]+\s+){0,2}?(?:in\s+|at\s+|for\s+|during\s+)?(?:(?:the\s+)?(?:previous|prior)\s+"
                         r"year|last\s+year|(?:a|one)\s+year\s+(?:ago|earlier|before)|the\s+year\s+before|(?:the\s+)?"
                         r"same\s+(?:period|quarter|month|time)\s+(?:last|the\s+previous|a)\s+year(?:\s+ago)?)\b",
                         re.IGNORECASE)
BACK_A_STEP = re.compile(r"^\s*(?:[a-z%]+\s+){0,2}?(?:in\s+|at\s+|for\s+|during\s+)?(?:the\s+)?"
                         r"(?:previous|prior|last)\s+(?:quarter|month|period)\b", re.IGNORECASE)


def _how_far_back(right: str) -> str | None:
    if BACK_A_YEAR.match(right):
        return "year"
    return "step" if BACK_A_STEP.match(right) else None


def _derive(direction: str, gap: float, reading: Reading) -> float | None:
    values = reading.of("value")
    if not values or values[0].value.value is None:
        return None
    current = values[0].value.value
    below = direction.lower().split()[0] in ("below", "lower", "under", "less", "fewer", "short", "worse")
    target = current + gap if below else current - gap
    return round(target, 4)


AGE = re.compile(r"^\s*(?:[-–]\s*\d+\s*|\s+(?:to|-|–|and|or)\s*\d+\s*|\s*\d+\s*)?[- ]?years?[- ]olds?\b|^\+",
                 re.IGNORECASE)
CHANGE_NOUN_LEFT = re.compile(
    r"\b(?:increase|decrease|rise|fall|reduction|drop|change|growth|decline|improvement)\s+"
    r"(?:of\s*$|(?:in|of)\b[^.%]{0,60}\bof\s*$)",
    re.IGNORECASE,
)
NOT_A_VERB = {"is", "was", "has", "remains", "continues", "shows", "stays", "equals", "represents", "means", "does",
              "goes", "this", "plus", "less", "across", "its", "us", "as", "whereas", "yes"}


COUNT_STOP = {"of", "in", "to", "for", "at", "on", "by", "and", "or", "is", "was", "were", "are", "has", "have", "had",
              "this", "that", "the", "a", "an", "per", "than", "which", "who", "with", "from"}
# a share of a whole described, not measured: "making up a proportion of 29% of the caseload",
# "accounting for 12% of spend"
SHARE_LEFT = re.compile(
    r"\b(?:make|makes|made|making)\s+up\s+(?:a\s+(?:proportion|share)\s+of\s+|around\s+|about\s+|some\s+)?$"
    r"|\b(?:a|the)\s+(?:proportion|share)\s+of\s*$|\baccount(?:s|ed|ing)?\s+for\s+(?:around\s+|about\s+)?$",
    re.IGNORECASE,
)


def _counts_things(right: str) -> bool:
    """'182 children', '39 Social Workers', '17 of whom': a count of things, not a measurement."""
    if re.match(r"^\s*(?:of\s+(?:whom|which|these|those|them)|out\s+of)\b", right, re.IGNORECASE):
        return True
    match = re.match(r"^\s*\(?([A-Za-z][\w-]*)(?:\s+([a-z][\w-]*))?(?:\s+([a-z][\w-]*))?", right)
    if not match:
        return False
    words = [w.lower() for w in match.groups() if w]
    # "1,204 food hygiene inspections": the counted noun may come after two words describing it
    words = words[:next((i for i, w in enumerate(words) if w in COUNT_STOP), len(words))]
    return any(w.endswith("s") and len(w) > 3 and w not in NOT_A_VERB for w in words[:3]) or bool(
        PEOPLE_COUNT.match(right))


# a capitalised word mid-sentence names a thing a number completes ("the average Attainment 8
# score", "concluded Section 42 enquiries", "Year 6 pupils"); months and days are dates
NAME_WORD = re.compile(r"\b[a-z][\w'’-]*\s+(?P<word>[A-Z][a-z]{2,})\s*$")
CALENDAR_WORDS = {*(m.lower() for m in calendar.month_name if m), *(m.lower() for m in calendar.month_abbr if m),
                  *(d.lower() for d in calendar.day_name)}


def _names_a_thing(value: Value, left: str, right: str) -> bool:
    """A number that is part of a noun phrase, never the measure's value: a named score or
    section ('Attainment 8 score', 'Section 42 enquiries'), a number used as a noun's modifier
    ('a 101 non-emergency call'), or a time in the measure's definition ('91 days after discharge')."""
    if value.value is None:
        return False
    lower_after = re.match(r"^\s+[a-z]", right) is not None
    if value.unit is None and value.value.is_integer() and lower_after:
        named = NAME_WORD.search(left)
        if named and named.group("word").lower() not in CALENDAR_WORDS:
            return True
        if re.search(r"\b(?:a|an)\s+$", left, re.IGNORECASE):
            return True
    return value.unit in ("days", "weeks", "months", "years") and re.match(
        r"^\s+(?:after|following)\s+(?!\d)(?:the\s+|their\s+|a\s+|an\s+)?[a-z]", right, re.IGNORECASE) is not None


def _in_a_code(value: Value, left: str, after: str) -> bool:
    """The digits of a KPI's code in brackets ('(PAM/037)', '(HN04)', '(4B)') or before its name
    ('NI 191 – Residual waste'), never a figure."""
    if value.unit is not None:
        return False
    return re.search(r"\(\s*[A-Z]{1,5}[/ -]?$", left) is not None and re.match(r"^[a-z]?\s*\)", after) is not None \
        or re.search(r"\(\s*$", left) is not None and re.match(r"^[A-Z]{1,2}\d?\s*\)", after) is not None \
        or CODE_BEFORE_NAME.search(left) is not None and re.match(r"^[a-z]?\s*(?:[–—:-]\s|,)", after) is not None


RANK_LEFT = re.compile(r"\brank(?:s|ed|ing)?\s+(?:[A-Za-z]+\s+){0,3}(?:from|at|to|of|as)?\s*$", re.IGNORECASE)
RANK_RIGHT = re.compile(r"(?:st|nd|rd|th)?\s+(?:out\s+of|of\s+(?:the\s+)?(?:\d+|all))\b", re.IGNORECASE)
OR_MORE = re.compile(r"\s*(?:or|and)\s+(?:more|over|above|fewer|less|under|longer)\s+[a-z]", re.IGNORECASE)
# "in respect of NI 191 – Residual household waste ...", "BV 82a: ...": a code of capitals set
# before the name it labels
CODE_BEFORE_NAME = re.compile(r"(?:^|[\s(])(?!Q[1-4]\b)[A-Z]{2,5}[/ -]?$")


def _classify(value: Value, left: str, full_left: str, right: str, vocab: Vocabulary, council: str | None,
              text: str) -> Figure:
    after = text[value.end:value.end + 30]
    if value.unit in ("days", "weeks", "months", "years") and re.fullmatch(r"[\d.,]+\s*(?:day|week|month|year)",
                                                                        value.text, re.IGNORECASE) \
            and re.match(r"^[\s-]+[a-z]{3,}", after) and not re.match(r"^\s+(?:and|or|in|at|of|to|for)\b", after):
        return Figure(value, "ignore")  # "the 45 day assessment timeframe": part of a definition
    if value.unit is None and re.match(r"^[-–]\d", after):
        return Figure(value, "ignore")  # "1-3 preference", "16-18": a span in the KPI's definition
    if value.unit is None and OR_MORE.match(after):
        return Figure(value, "ignore")  # "3 or more placements", "for 2 or more years": the measure's threshold
    if re.match(r"^\s*(?:%|per\s*cent)?\s*of\s+(?:the\s+|its\s+|our\s+)?(?:[\w-]+\s+){0,3}target", after,
                re.IGNORECASE):
        return Figure(value, "ignore")  # "within 5% of the target", "95.7% of the six-month target"
    if AGE.match(after) or (re.match(r"^\s*%?\s*of\s+(?:those|these|them|which|whom)\b", after, re.IGNORECASE)
                            and topic_named_again(text, after) is None):
        return Figure(value, "ignore")  # a share of a subset said before ("of these, 23% ..."), not a KPI
    if _names_a_thing(value, left, right) or _in_a_code(value, full_left, after) \
            or NUMBER_IN_NAME.match(text, value.start):
        return Figure(value, "ignore")
    if value.unit == "pp":
        derived = DERIVED_RIGHT.match(right)
        return Figure(value, "derived_gap" if derived else "change")
    if value.unit is None and (RANK_LEFT.search(left) or RANK_RIGHT.match(right)):
        return Figure(value, "ignore")  # "improving our ranking from 65 to 45", "50th out of 152": a place
    if (value.unit == "£" and vocab.unit_cost.find(re.sub(r"per\s?cent", "", full_left, flags=re.IGNORECASE)) is None) \
            or REFERENCE_LEFT.search(full_left):
        # money is context ("£2.4m was spent"), unless the sentence measures a unit cost ("Cost per
        # visit to libraries decreased from £1.52 to £1.33")
        return Figure(value, "ignore")
    if RANGE_LEFT.search(left):
        return Figure(value, "range_low")
    if DERIVED_RIGHT.match(right):
        return Figure(value, "derived_gap")
    if INTERVENTION_LEFT.search(left):
        return Figure(value, "intervention")
    if AGAINST.search(left):
        comparator = _comparator_right(right, vocab)
        if comparator:
            return Figure(value, "benchmark", comparator=comparator)  # "against 88.1% in England"
        return Figure(value, "target", polarity=None, cue="against")  # "517 visits per 1,000 against 600"
    if (TARGET_LEFT.search(left) and not STANDING_LEFT.search(left)) or TARGET_RIGHT.match(right):
        # "target: below 12%", "a target of at least 95%": the target's bound says which way is good
        bound = "lower" if TARGET_MAX.search(left) else "higher" if TARGET_MIN.search(left) else None
        return Figure(value, "target", polarity=bound)
    # a comparator named straight after the figure is its own ("22.8% for our statistical
    # neighbours"), whatever comparator the words before it named for the figure before
    comparator = _comparator_right(right, vocab)
    if comparator:
        return Figure(value, "benchmark", comparator=comparator)
    comparator = _comparator_left(left, vocab)
    if comparator and not _own_council_right(right, council):
        return Figure(value, "benchmark", comparator=comparator)
    if PREVIOUS_LEFT.search(left):
        return Figure(value, "previous")
    if CHANGE_NOUN_LEFT.search(left):
        return Figure(value, "change")
    if CHANGE_RIGHT.match(right) or (CHANGE_LEFT.search(left) and not VALUE_LEFT.search(left)
                                     and not re.search(r"\bto\s*$", left)):
        return Figure(value, "change")
    if value.unit in TIME_UNITS and DEFINITION_LEFT.search(left):
        return Figure(value, "ignore")  # "answered within 3 minutes", "seen within 4 hours": the measure's limit
    if value.unit is None and DEFINITION_LEFT.search(left):
        return Figure(value, "ignore")
    if re.search(r"\b(?:equivalent|equal)\s+to\s*$", left, re.IGNORECASE):
        return Figure(value, "ignore")  # "£2.46m, equivalent to 5.8% of the pay bill": a ratio of a figure
    if re.search(r"\bof\s+(?:which|whom|these|those)\s*$|\bof\s+(?:which|whom)\s[^.;%\d]{0,40}$", left, re.IGNORECASE):
        # "of which 4 were allowed", "£68.4m, of which the council retains 11.2%": a part of a whole
        return Figure(value, "ignore")
    if value.unit == "%" and SHARE_LEFT.search(left):
        return Figure(value, "count")  # a share of a whole, a KPI only when a target is set beside it
    if value.unit is None and _counts_things(right) and (not re.search(
            r"\b(?:is|was|are|were|at|to|reaching|reached|stood\s+at|stands\s+at)\s*(?:around|about|approximately)?\s*$",
            left, re.IGNORECASE) or re.search(r"\bthere\s+(?:is|are|was|were|have\s+been|had\s+been)\s*$", left,
                                               re.IGNORECASE)):
        return Figure(value, "count")  # "182 children", "there were 412 children": what was counted
    if value.unit is None and re.match(r"^\s*(?:of|out of)\s+\d", right):
        return Figure(value, "ignore")  # "220 of 239 plans": the counts behind a percentage
    if value.unit in ("weeks", "months", "years"):
        return Figure(value, "ignore")
    return Figure(value, "value")


def _pair_respectively(reading: Reading, vocab: Vocabulary) -> None:
    """'the National and South East averages of 77% and 72% respectively': pair names and figures."""
    match = RESPECTIVELY.search(reading.text)
    if not match:
        return
    before = [f for f in reading.figures if f.value.end <= match.start()]
    if len(before) < 2:
        return
    group = before[-2:]
    # a comparator list ("National and South East") just before the figures names them in order
    lead = reading.text[max(0, group[0].value.start - 90):group[0].value.start]
    names: list[str] = []
    for chunk in re.split(r",|\band\b", lead.split(".")[-1]):
        found = vocab.comparators.label(chunk, min_length=2)
        if found and found not in names:
            names.append(found)
    if len(names) >= 2 and all(f.role in ("benchmark", "value") for f in group):
        for figure, name in zip(group, names[-2:], strict=False):
            figure.role, figure.comparator = "benchmark", name


# a target said to have changed: "the target was raised (upscaled) from 80% to 90%", "we increased
# the target from 80% to 90%", "the target of 80% has been raised to 90%". The figure it changed
# to is the target; the one it changed from is neither the target nor an earlier value
TARGET_CHANGE_VERB = (r"(?:raised|increased|lowered|reduced|revised|changed|moved|upscaled|downscaled|stretched|reset"
                      r"|amended|adjusted|tightened|relaxed|uplifted|updated)")
TARGET_CHANGED_FROM = re.compile(
    rf"\btargets?\s+(?:(?:for|of)\s+[^.;\d]{{1,40}}?\s+)?(?:(?:has|have|had|was|were|is|will)\s+)?(?:(?:been|be)\s+)?"
    rf"{TARGET_CHANGE_VERB}(?:\s+\([^)]{{1,30}}\))?\s+from\s*$"
    rf"|\b{TARGET_CHANGE_VERB}\s+(?:the|its|our|their|this)\s+(?:[a-z]+\s+)?targets?\s+from\s*$", re.IGNORECASE)
TARGET_CHANGED_TO = re.compile(
    rf"^\s*(?:%\s*)?(?:(?:has|have|had|was|were|is|will)\s+)?(?:(?:been|be)\s+)?{TARGET_CHANGE_VERB}"
    rf"(?:\s+\([^)]{{1,30}}\))?\s+to\s*$", re.IGNORECASE)


def _changed_target(reading: Reading) -> None:
    text = reading.text
    for index, (old, new) in enumerate(zip(reading.figures, reading.figures[1:], strict=False)):
        before = text[reading.figures[index - 1].value.end if index else 0:old.value.start]
        gap = text[old.value.end:new.value.start]
        from_to = TARGET_CHANGED_FROM.search(before) and re.fullmatch(r"\s*(?:%\s*)?to\s*", gap)
        if from_to or (old.role == "target" and TARGET_CHANGED_TO.match(gap)):
            old.role, new.role, new.polarity = "ignore", "target", None


def _pair_ranges(reading: Reading) -> None:
    for index, figure in enumerate(reading.figures):
        if figure.role == "range_low" and index + 1 < len(reading.figures):
            following = reading.figures[index + 1]
            gap = reading.text[figure.value.end:following.value.start]
            if re.fullmatch(r"\s*(?:-|–|—|to|and)?\s*", gap):
                following.role = "range_high"
            else:
                figure.role = "target"


def council_names(text: str, hint: str | None = None) -> list[str]:
    """Names the paper uses for its own council ('Kent', 'Buckinghamshire', 'BCP').

    `hint` is a word that may name the council (a file name's first word): it counts when the
    paper itself uses it often.
    """
    counts: dict[str, int] = {}
    if hint and len(hint) >= 3:
        uses = re.findall(rf"\b({re.escape(hint)})\b", text, re.IGNORECASE)
        proper = [u for u in uses if u[0].isupper()]
        if len(proper) >= 2:
            # the commonest spelling; of two as common, the one not in capitals, then the first used:
            # never a set's order, which changes with the interpreter's hash seed
            spelling = max(dict.fromkeys(proper), key=lambda use: (proper.count(use), not use.isupper()))
            counts[spelling] = len(proper)
    for match in re.finditer(r"\b([A-Z][A-Za-z]+(?:\s(?:and\s)?[A-Z][a-z]+){0,2})\s+(?:County\s+|Borough\s+|City\s+|"
                             r"District\s+|Metropolitan\s+)*Council\b", text):
        name = re.sub(r"(?:\s(?:County|Borough|City|District|Metropolitan))+$", "", match.group(1))
        if name.lower() in ("the", "full", "county", "borough", "city", "district", "local", "our"):
            continue
        counts[name] = counts.get(name, 0) + 1
    for match in re.finditer(r"\b([A-Z][A-Za-z]{2,})['’]s\s+(?:performance|statistical|children|schools)\b", text):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 2
    return sorted(counts, key=lambda n: -counts[n])[:3]


def mentions_target(text: str) -> bool:
    return re.search(r"\btarget", text, re.IGNORECASE) is not None


def normalised_words(text: str) -> set[str]:
    return set(normalise(text).split())
