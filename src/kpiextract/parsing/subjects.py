"""The indicator a sentence is about: its subject, or the phrase after "X% of".

"The percentage of Early Help cases closed ... has increased" -> "percentage of Early Help cases closed ..."
"91.1% of schools were judged by Ofsted to be good or outstanding which is ..." ->
"schools judged by Ofsted to be good or outstanding"
"""

from __future__ import annotations

import re

from ..vocab import Vocabulary
from .numbers import Value
from .periods import find_periods

MAIN_VERB = re.compile(
    r"\s(?:is|was|are|were|has|have|had|remains?|remained|continues?|continued|equals?|stands?|stood|"
    r"shows?|showed|increased|decreased|improved|reduced|fell|rose|dropped|declined|reached|achieved|"
    r"compares?|compared|performs?|performed|went|gone|surpassed|exceeded|took|takes|averaged|averages|"
    r"totalled|totals|recorded|"
    r"did|does|will|can|should|saw|sees|reports?|reported)\b"
    r"|\s[–—]\s|\s-\s|-\s(?=\d)|:\s",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(
    r"\s(?:which|but|whereas|compared|against|above|below|up\s+from|down\s+from|this\s+is|with|than|"
    r"and\s+(?:is|was|are|remains?|has)|is\s+above|is\s+below)\b|[,;(]|\s[–—-]\s|\.(?:\s|$)",
    re.IGNORECASE,
)
AUXILIARY = re.compile(r"\b(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|had|have|has)\s+", re.IGNORECASE)
LEAD_NOISE = re.compile(
    r"^(?:(?:\d{1,2}\.){1,3}\d{0,2}\s+|[-•·]\s*|at\s+[\d.,]+\s*%?\s*,?\s*|(?:in|during|by|for|at|since)\s+(?:the\s+)?"
    r"(?:end\s+of\s+)?(?:Q[1-4]|quarter\s+\d|[A-Z][a-z]+(?:\s+\d{4})?|\d{4}(?:[/-]\d{2,4})?)\s*,?\s*"
    r"|(?:in\s+addition|similarly|however|also|furthermore|moreover|additionally|overall|again|likewise)\s*,?\s*)+",
    re.IGNORECASE,
)
# a verb straight after "who/which/that" belongs to a relative clause inside the subject
RELATIVE = re.compile(r"\b(?:who|which|that)(?:\s+\w+ly)?\s*$|\bwhose\s+\w+\s*$", re.IGNORECASE)
DETERMINER = re.compile(r"^(?:the|our|their|its|a|an|this|that|overall|latest|current|both)\s+", re.IGNORECASE)
THAT_CLAUSE = re.compile(r"\b(?:shows?|showed|reveals?|revealed|indicates?|indicated|demonstrates?)\s+that\s+",
                         re.IGNORECASE)
GENERIC = re.compile(
    r"^(?:this|it|these|those|there|we|they|which|performance|the\s+figure|this\s+figure|figures?|the\s+rate|rate|"
    r"data|the\s+data|this\s+data|result|results|the\s+service|service|target|the\s+target|target\s+we.*|"
    r"performance\s+(?:against|on|for)\s+this.*|latest\s+figures?|the\s+latest.*|number|percentage|proportion|"
    r"the\s+percentage|the\s+proportion|the\s+number|one|level|the\s+level|all)$",
    re.IGNORECASE,
)


def tidy(phrase: str, vocab: Vocabulary | None = None, council: str | None = None) -> str:
    """Strip determiners, periods and comparator tails from a candidate indicator phrase."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–—.")
    for period in sorted(find_periods(phrase), key=lambda p: -p.pos):
        before, after = phrase[:period.pos], phrase[period.end_pos:]
        before = re.sub(r"\s(?:in|for|at|during|of|as\s+at|by|to)(?:\s+the)?(?:\s+end\s+of)?\s*$", " ", before,
                        flags=re.IGNORECASE)
        phrase = (before + after).strip()
    if council:
        phrase = re.sub(rf"^{re.escape(council)}(?:['’]s)?\s+|\s+(?:for|in|at)\s+{re.escape(council)}\b", " ", phrase)
    if vocab is not None:
        phrase = re.sub(r"\s+for\s+(?:england|the\s+south\s+east|statistical\s+neighbours)\b", "", phrase,
                        flags=re.IGNORECASE)
    previous = None
    while previous != phrase:
        previous = phrase
        phrase = DETERMINER.sub("", phrase.strip())
    return re.sub(r"\s+", " ", phrase).strip(" ,;:-–—.()")


def is_generic(phrase: str | None) -> bool:
    if not phrase:
        return True
    words = phrase.split()
    return len(words) < 2 or bool(GENERIC.match(phrase.strip())) or not re.search(r"[A-Za-z]{3}", phrase)


LIST_AHEAD = re.compile(r",\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+\w")


def clause_end(text: str) -> int | None:
    """Where a noun phrase ends; a comma inside a list ("reading, writing and maths",
    "Education, Health and Care Plans") does not end it."""
    for match in CLAUSE_END.finditer(text):
        if match.group(0) == "," and LIST_AHEAD.match(text, match.start()):
            continue
        return match.start()
    return None


def after_value_of(text: str, value: Value) -> str | None:
    """'91.1% of schools were judged ... outstanding which is' -> 'schools judged ... outstanding'."""
    match = re.match(r"\s*(?:\(\s*[^)]*\))?\s*of\s+(?!which|whom|these|those|the\s+target|target)", text[value.end:],
                     re.IGNORECASE)
    if not match or value.unit != "%":
        return None
    rest = text[value.end + match.end():]
    end = clause_end(rest)
    phrase = rest[:end] if end is not None else rest
    phrase = AUXILIARY.sub("", phrase)
    phrase = tidy(phrase)
    return None if is_generic(phrase) or len(phrase.split()) < 2 else phrase


def subject_of(text: str, vocab: Vocabulary | None = None, council: str | None = None) -> str | None:
    """The words before the sentence's main verb, tidied: the thing the sentence measures."""
    body = LEAD_NOISE.sub("", text.strip())
    that = THAT_CLAUSE.search(body)
    if that:
        body = body[that.end():]
        body = re.sub(rf"^(?:in\s+{re.escape(council)}\s*,?\s*)", "", body, flags=re.IGNORECASE) if council else body
    verb = next((m for m in MAIN_VERB.finditer(body)
                 if not RELATIVE.search(body[:m.start()])), None)
    if verb is not None and verb.group(0).startswith(":") and vocab is not None:
        # "Placement stability: the proportion of children in care with ... was 8.9%": the label
        # names the KPI briefly; the clause after it, when it has a subject of its own, in full
        inner = subject_of(body[verb.end():], vocab, council)
        if inner and vocab.measure_words.search(inner):
            return inner
    phrase = body[:verb.start()] if verb else ""
    if not phrase or len(phrase.split()) > 30:
        return None
    phrase = tidy(phrase, vocab, council)
    if len(phrase.split()) == 1 and vocab is not None and not GENERIC.match(phrase) \
            and vocab.measure_words.fullmatch(phrase):
        return phrase  # "Turnover was 11.2%": one word can name a measure
    return None if is_generic(phrase) else phrase


COMPARATOR_WORDS = re.compile(r"\b(?:national(?:ly)?|england|statistical\s+neighbours?|regional|region)\b",
                              re.IGNORECASE)


def comparator_subject(text: str, vocab: Vocabulary) -> str | None:
    """The comparator a sentence is about, when its subject is national data, England, neighbours..."""
    body = LEAD_NOISE.sub("", text.strip())
    verb = next((m for m in MAIN_VERB.finditer(body) if not RELATIVE.search(body[:m.start()])), None)
    scope = body[:verb.start()] if verb else body
    that = THAT_CLAUSE.search(body)
    if that and (verb is None or that.start() <= verb.start() + 1):
        scope = body[:that.start()]
    if not COMPARATOR_WORDS.search(scope):
        return None
    return vocab.comparators.label(scope, min_length=2) or "National"
