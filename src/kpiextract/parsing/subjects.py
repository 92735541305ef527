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
AUXILIARY = re.compile(r"\b(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been)\s+"
                       r"|\b(?:had|have|has)\s+(?=\w+(?:ed|en)\b)", re.IGNORECASE)
# "45% of children had a health assessment": what they had is what the share is of
POSSESSIVE = re.compile(r"\b(?:had|have|has)\s+(?=(?:a|an|the|their|his|her|its|[a-z]+s)\b)", re.IGNORECASE)
# "31.5% of carers reported that they were satisfied": a survey's answer is the measure
REPORTED = re.compile(r"\b(?:reported|said|told\s+us|stated|felt|indicated|agreed|considered)\s+(?:that\s+)?"
                      r"(?:they|it)\s+(?:were|was|are|is|felt|feel|had\s+been|have\s+been)\s+", re.IGNORECASE)
# "satisfied with", "living with": a "with" that is part of the measure's name, not a new clause
NAME_WITH = re.compile(r"\b(?:satisfied|dissatisfied|happy|unhappy|pleased|content|living|diagnosed|registered|"
                       r"engaged|involved|in\s+contact)\s+$", re.IGNORECASE)
LEAD_NOISE = re.compile(
    r"^(?:(?:\d{1,2}\.){1,3}\d{0,2}\s+|[-•·]\s*|at\s+[\d.,]+\s*%?\s*,?\s*"
    # a list's letter or numeral: "a) BV 012 – ...", "(ii) the percentage ..."
    r"|\(?(?:[a-h]|i{1,3}|iv|vi{0,3}|ix|x)\)\s+"
    # a stage or group the sentence is set in: "At Key Stage 4, the average ...", "For Year 6, ..."
    r"|(?:at|in|for|across)\s+(?:[A-Z][\w-]*\s+){1,3}\d{1,2}\s*,\s*"
    r"|(?:in|during|by|for|at|since)\s+(?:the\s+)?"
    # a capitalised word, as case-sensitive as written: "In March", "In Kent", never "In respect of"
    r"(?:end\s+of\s+)?(?:Q[1-4]|quarter\s+\d|(?-i:[A-Z][a-z]+)(?:\s+\d{4})?|\d{4}(?:[/-]\d{2,4})?)\s*,?\s*"
    r"|(?:in\s+addition|similarly|however|also|furthermore|moreover|additionally|again|likewise|elsewhere"
    r"|meanwhile|currently|separately|finally)\b\s*,?\s*"  # a whole word: "Against" is not "again"
    r"|overall\s*,\s*)+",  # "Overall, ..." links; "Overall absence" names
    re.IGNORECASE,
)
# a verb straight after "who/which/that" belongs to a relative clause inside the subject
RELATIVE = re.compile(r"\b(?:who|which|that)(?:\s+\w+ly)?\s*$|\bwhose\s+\w+\s*$", re.IGNORECASE)
DETERMINER = re.compile(r"^(?:the|our|their|its|a|an|this|that|overall|latest|current|both)\s+", re.IGNORECASE)
# (a speaker's verb too, as minutes write: "The Director stated that ..."; not "reported", which
# a survey's figures use: "45% reported that they were satisfied")
THAT_CLAUSE = re.compile(r"\b(?:shows?|showed|reveals?|revealed|indicates?|indicated|demonstrates?|stated|advised"
                         r"|commented|explained|noted|confirmed|said|added|highlighted|emphasised|emphasized|mentioned"
                         r"|acknowledged|informed\s+(?:the\s+)?\w+)\s+that\b[\s,]*",
                         re.IGNORECASE)
GENERIC = re.compile(
    r"^(?:this|it|these|those|there|we|they|which|performance|the\s+figure|this\s+figure|figures?|the\s+rate|rate|"
    r"data|the\s+data|this\s+data|result|results|the\s+service|service|target|the\s+target|target\s+we.*|"
    r"performance\s+(?:against|on|for)\s+this.*|performance\s+against\s+(?:the\s+)?target|latest\s+figures?|the\s+latest.*|number|percentage|proportion|"
    r"the\s+percentage|the\s+proportion|the\s+number|one|level|the\s+level|all)$",
    re.IGNORECASE,
)


# "... cleared within two days, which has seen steady gains and now": a comment on the measure's
# trend, then the adverb of the verb that follows; neither is part of its name
TREND_CLAUSE = re.compile(
    r",?\s+(?:which|that)\s+(?:has|have|had)\s+(?:shown|seen|made|experienced)\b.*$"
    r"|\s+and\s+(?:currently|now|still)$", re.IGNORECASE)
# a figure given for an example of what the sentence says: "such as the proportion of licences
# renewed on time which stands at 96%", "including the rate of ... which stood at 4.1"
EXAMPLE_AT = re.compile(
    r"\b(?:as\s+with|such\s+as|including|for\s+example|for\s+instance),?\s+"
    r"(?P<name>(?:the\s+)?(?:percentage|proportion|number|rate|average)\b[^,;]{6,160}?),?\s+"
    r"(?:which|that)\s+(?:currently\s+|now\s+)?(?:stands?|stood)\s+at\s+[£$€]?\d", re.IGNORECASE)

# "Performance against the target of 90% for processing ...", "Performance against the 95% target
# for repairs ...": the target said inside the name
TARGET_INSIDE = re.compile(
    r"\s+(?:against|versus|vs\.?|compared\s+(?:with|to))\s+(?:the|a|an|its|our)?\s*(?:annual\s+)?target"
    r"(?:\s+(?:of|at))?\s+[<>≤≥]?[£$]?\d[\d,.]*\s*%?(?=\s|$)|\s*\(\s*target[:\s]+[£$]?\d[\d,.]*\s*%?\s*\)"
    r"|\s+(?:against|versus|vs\.?|compared\s+(?:with|to))\s+(?:the|a|an|its|our)\s+[<>≤≥]?[£$]?\d[\d,.]*\s*%?"
    r"(?:\s+(?:annual|national|local|corporate|stretch))?\s+target\b|\s+against\s+(?:the\s+)?target(?=\s+(?:for|on)\s)",
    re.IGNORECASE)


PERFORMANCE_FOR = re.compile(r"^(?:our\s+|the\s+)?performance\s+(?:for|on)\s+(?=[\w'’-]+\s+[\w'’-]+)", re.IGNORECASE)


def tidy(phrase: str, vocab: Vocabulary | None = None, council: str | None = None) -> str:
    """Strip determiners, periods, a target said inside the name, a comment on its trend and
    comparator tails from a candidate indicator phrase."""
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–—.")
    phrase = TREND_CLAUSE.sub("", phrase)
    without_target = TARGET_INSIDE.sub("", phrase)
    if without_target != phrase:
        # "Performance against the 95% target for repairs completed on time": what the
        # performance is for names the measure
        without_target = PERFORMANCE_FOR.sub("", without_target)
    phrase = without_target
    for period in sorted(find_periods(phrase), key=lambda p: -p.pos):
        before, after = phrase[:period.pos], phrase[period.end_pos:]
        before = re.sub(r"\s(?:in|for|at|during|of|as\s+at|by|to)(?:\s+the)?(?:\s+end\s+of)?\s*$", " ", before,
                        flags=re.IGNORECASE)
        phrase = (before + after).strip()
    if council:
        # "Overall absence in Fenmoor schools": the council (and what of it) is the scope, not the measure
        phrase = re.sub(rf"^{re.escape(council)}(?:['’]s)?\s+|\s+(?:for|in|at|across)\s+(?:the\s+)?{re.escape(council)}"
                        rf"(?:['’]s)?(?:\s+[a-z]+s\b)?", " ", phrase)
    if vocab is not None:
        phrase = re.sub(r"\s+for\s+(?:england|the\s+south\s+east|statistical\s+neighbours)\b", "", phrase,
                        flags=re.IGNORECASE)
    previous = None
    while previous != phrase:
        previous = phrase
        stripped = DETERMINER.sub("", phrase.strip())
        if len(stripped.split()) < 2 <= len(phrase.split()) and not re.match(r"(?:the|a|an)\s", phrase, re.I):
            break  # "Overall absence", "Current caseload": the word is part of a two-word name
        phrase = stripped
    return re.sub(r"\s+", " ", phrase).strip(" ,;:-–—.()")


def without_comparator(phrase: str, vocab: Vocabulary) -> str:
    """'all-Wales recycling rate' -> 'recycling rate': the place a comparator's figure is for is
    not part of the measure's name (the figure itself is read as that comparator's)."""
    words = phrase.split()
    for size in (3, 2, 1):
        if len(words) > size + 1 and vocab.comparators.exact(" ".join(words[:size]).replace("-", " ")):
            return " ".join(words[size:])
    return phrase


def is_generic(phrase: str | None) -> bool:
    if not phrase:
        return True
    words = phrase.split()
    return len(words) < 2 or bool(GENERIC.match(phrase.strip())) or names_a_figure(phrase) \
        or not re.search(r"[A-Za-z]{3}", phrase)


# what a sentence calls its figure when the measure was named elsewhere: "the year to date total",
# "the provisional outturn", "the current position" name no measure
# ("the outturn figure", "the full year achievement": a figure named by two such words)
A_FIGURE = re.compile(r"(?:the\s+|this\s+|our\s+)?(?:(?:year[- ]to[- ]date|ytd|cumulative|current|latest|reported|"
                      r"actual|annual|final|provisional|end\s+of\s+year|year[- ]end|quarterly|monthly|overall|"
                      r"full[- ]year|(?:quarter|month|year)(?:['’]s)?|out[- ]?turn|"
                      r"performance|running)\s+)*(?:total|out[- ]?turn|figure|result|position|performance|level|score|"
                      r"achievement)\b",
                      re.IGNORECASE)
# the time such a figure is for, after it: "for the year", "this quarter", "at the end of March 2023"
TIME_TAIL = re.compile(r"(?:\s*\b(?:for|in|during|at|over|across|as|to|up|this|last|the|end|of|year|quarter|month|"
                       r"period|week|so|far|date|financial|academic|reporting))*\s*", re.IGNORECASE)


def names_a_figure(phrase: str) -> bool:
    """'the provisional outturn', 'actual performance this quarter', 'the outturn for 2022/23': a
    figure's name, perhaps with the time it is for, and no measure's ('the level of arrears')."""
    phrase = phrase.strip()
    figure = A_FIGURE.match(phrase)
    if figure is None:
        return False
    tail = phrase[figure.end():]
    for period in reversed(find_periods(tail)):
        tail = tail[:period.pos] + " " + tail[period.end_pos:]
    return TIME_TAIL.fullmatch(tail) is not None


def subject_names_a_figure(text: str) -> bool:
    """Is the sentence's subject a word for its figure ("The outturn figure reported was 11.09
    days", "the actual performance across the year to date had been 10.9%"), a label whose
    measure is named elsewhere: in the heading above, or in a sentence before?"""
    body = strip_lead(text)
    verb = next((m for m in MAIN_VERB.finditer(body) if not RELATIVE.search(body[:m.start()])), None)
    return verb is not None and names_a_figure(tidy(body[:verb.start()]))


# a verb between a list line's name and its figure makes it a sentence: "Re-referral rate 20.1%"
# has none ("- December 2019" after the figure is its date)
VERBLESS = re.compile(r"[^\W\d_][\w'’/&-]*(?:\s+(?:[–—-]\s+)?[\w'’/&-]+){1,11}")


def named_before(text: str, value: Value, measure_words: re.Pattern[str]) -> str | None:
    """The name a list line sets straight before its figure, with no verb between ("Re-referral
    rate 20.1% - December 2019", "Timeliness – 6 month rate 85% (...)"): a noun phrase holding a
    measure's word, the whole of the line before the figure."""
    before = text[:value.start]
    if re.search(r"\S\s{2,}\S|\t", before) or not re.match(r"\s*(?:$|[.,;(]|[-–—]\s*\D)", text[value.end:]):
        # the figure ends the line's statement: not a table's row laid out in text ("... in time
        # 94% 97.0% 95.4%"), nor a number inside the name ("... rated 3 or above 96.8%")
        return None
    bullet = re.match(r"\s*(?:[-•·*]\s+)?", before)
    phrase = before[bullet.end() if bullet else 0:].strip()
    if not VERBLESS.fullmatch(phrase) or FINITE.search(phrase) or MAIN_VERB.search(
            re.sub(r"\s[–—-]\s", " ", phrase)):
        return None
    name = tidy(phrase)
    if is_generic(name) or name_problem(name) is not None or measure_words.search(name) is None:
        return None
    return name


LIST_AHEAD = re.compile(r",\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+\w")


def clause_end(text: str) -> int | None:
    """Where a noun phrase ends; a comma inside a list ("reading, writing and maths",
    "Education, Health and Care Plans") does not end it."""
    for match in CLAUSE_END.finditer(text):
        if match.group(0) == "," and LIST_AHEAD.match(text, match.start()):
            continue
        if match.group(0).strip().lower() == "with" and NAME_WITH.search(text[:match.start() + 1]):
            continue
        return match.start()
    return None


def first_clause(text: str) -> str:
    """The text up to where its noun phrase ends (`clause_end`), or all of it."""
    end = clause_end(text)
    return text[:end] if end is not None else text


def _opens_main_clause(text: str, value: Value) -> bool:
    """Does the figure open the sentence's main clause ("23% were re-referrals", not "..., 23% were")?"""
    body = strip_lead(text)
    opens = text.rfind(body[:20]) if body else -1
    return opens >= 0 and not text[opens:value.start].strip()


# "of these plans": a share of what the sentence's opening topic named
ANAPHOR = re.compile(r"\s*of\s+(?:these|those)\s+(?P<noun>[A-Za-z][\w'’-]*)\s+", re.IGNORECASE)


def after_value_of(text: str, value: Value) -> str | None:
    """'91.1% of schools were judged ... outstanding which is' -> 'schools judged ... outstanding'."""
    if value.unit != "%":
        return None
    anaphor = ANAPHOR.match(text[value.end:])
    if anaphor:
        topic = topic_named_again(text, text[value.end:])
        counted = _what_the_share_counts(text[value.end + anaphor.end():])
        return f"{topic} {counted}" if topic and counted else None
    # "of all collections", "of the total": the whole the share is of, not what it measures
    match = re.match(r"\s*(?:\(\s*[^)]*\))?\s*of\s+(?!which|whom|these|those|the\s+target|target|all\b|the\s+total\b)",
                     text[value.end:],
                     re.IGNORECASE)
    if not match:
        return None
    phrase = _what_the_share_counts(text[value.end + match.end():])
    if is_generic(phrase) or len(phrase.split()) < 2:
        return None
    phrase = _with_deed(phrase, text[:value.start])
    setting = SETTING.fullmatch(strip_lead(re.sub(r"^[^:,.]{1,60}:\s+", "", text[:value.start])))
    if setting and not re.search(r"\d", setting.group("clause")):
        # "the risk was reduced or removed in 91% of enquiries": the share is of enquiries where it was
        clause = setting.group("clause")
        phrase = f"{phrase} where {clause[0].lower() + clause[1:] if DETERMINER.match(clause) else clause}"
    return phrase


# "The council processed 88% of ...": the deed done to the share, a past tense just before it;
# not a verb that reports or compares the share ("reported 31% of carers", "increased 5% of")
DEED_BEFORE = re.compile(r"\b(?P<deed>[a-z]{3,}ed)\s+$")
NOT_A_DEED = frozenset({"reported", "showed", "recorded", "estimated", "represented", "accounted", "compared",
                        "increased", "decreased", "improved", "reduced", "exceeded", "achieved", "reached",
                        "missed", "rated", "ranked", "placed", "surveyed", "sampled", "measured", "needed"})
# where what the share counts ends and how it was done begins: "calls | within 10 seconds"
QUALIFIER = re.compile(r"\s(?=(?:within|in|on|by|before|under|over|after|at|to)\s)", re.IGNORECASE)


def _with_deed(phrase: str, before: str) -> str:
    """'emergency calls within 10 seconds' after 'The Force answered' -> 'emergency calls answered
    within 10 seconds': a share of things something was done to is named by that deed."""
    deed = DEED_BEFORE.search(before)
    if deed is None or deed["deed"] in NOT_A_DEED:
        return phrase
    cut = QUALIFIER.search(phrase)
    if cut is None:
        return f"{phrase} {deed['deed']}"
    return f"{phrase[:cut.start()]} {deed['deed']}{phrase[cut.start():]}"


def _what_the_share_counts(rest: str) -> str:
    """'schools were judged good or outstanding, against ...' -> 'schools judged good or outstanding'."""
    phrase = first_clause(REPORTED.sub("", rest, count=1))
    return tidy(POSSESSIVE.sub("with ", AUXILIARY.sub("", phrase)))


def topic_named_again(text: str, after_figure: str) -> str | None:
    """The sentence's opening topic when the words after a figure name it again ("In relation to
    Education, Health and Care Plans, 76% of these plans were issued ..."): the share is of the
    topic, and the topic's name the measure's. None when "these" points further back than the
    sentence can tell: no opening topic, or one without the noun ("plans")."""
    anaphor = ANAPHOR.match(after_figure)
    topic = opening_topic(strip_lead(text)) if anaphor else None
    if anaphor is None or topic is None:
        return None
    name = tidy(topic[0])
    stem = anaphor["noun"].lower().rstrip("s")
    if len(stem) < 3 or is_generic(name) or not any(
            word.lower().rstrip("s") == stem for word in re.findall(r"[\w'’-]+", name)):
        return None
    return name


# a clause stating what happened, before "in X% of ...": "the risk was reduced or removed in"
SETTING = re.compile(r"(?P<clause>(?:the\s+|a\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}\s+"
                     r"(?:was|were|is|are|has\s+been|have\s+been)\s+[a-z][\w'’ -]{2,60}?)\s+in\s*", re.IGNORECASE)


# the prepositions that put a sentence's opening period before its subject ("As at 31 December
# 2024, there were ...", "On 30 September 2024, 312 children ...", "In the year to March, ...")
PERIOD_LEAD = re.compile(
    r"^(?:(?:as\s+(?:at|of)|on|in|during|by|for|at|since|up\s+to|over|throughout|to|from|until|"
    r"in\s+the\s+(?:year|quarter|month|period|twelve\s+months|12\s+months)\s+(?:to|ending|up\s+to)|"
    r"(?:at|by|to)\s+the\s+end\s+of)\s+)+(?:the\s+)?$",
    re.IGNORECASE,
)
# "At the end of the quarter, ...", "During the year ...": a time with no date in it
TIME_LEAD = re.compile(
    r"^(?:(?:at|by|to)\s+the\s+end\s+of|during|in|over|throughout|for|across)\s+(?:the|this|that|each|every)\s+"
    r"(?:quarter|month|year|period|reporting\s+period|financial\s+year|academic\s+year|term|week|summer|winter|"
    r"spring|autumn)\b\s*,?\s*",
    re.IGNORECASE,
)
# a subordinate clause before the main one: "While the service has worked hard ..., delayed
# transfers of care remain high at 14.2"; "Of the 1,207 referrals in the quarter, 23% were ..."
SUBORDINATE = re.compile(
    r"^(?:(?:while|whilst|although|though|despite|following|because|since|after|before|when|where|whereas|if|as)\b"
    r"[^,]{3,160}|of\s+(?:the|these|those|all|our)\s+[\d,.]+\s+[^,]{1,80}),\s*",
    re.IGNORECASE,
)


def strip_lead(text: str) -> str:
    """A sentence without what comes before its subject: a paragraph number, a bullet, a period
    ("As at 31 December 2024,"), a time ("At the end of the quarter"), a linking word, or a
    subordinate clause ("While ..., "; "Of the 1,207 referrals in the quarter, ")."""
    body = text.strip()
    previous = None
    while previous != body:
        previous = body
        body = TIME_LEAD.sub("", body)
        body = LEAD_NOISE.sub("", body)
        periods = find_periods(body[:60])
        if periods and PERIOD_LEAD.match(body[:periods[0].pos]) and periods[0].pos <= 40:
            body = re.sub(r"^[\s,]+", "", body[periods[0].end_pos:])
        subordinate = SUBORDINATE.match(body)
        if subordinate and MAIN_VERB.search(body[subordinate.end():]):
            body = body[subordinate.end():]
    return body


# a definition set off by commas after a measure's name: "Persistent absence, where a pupil misses
# 10% or more of sessions, was 23.1%". Its figures define the measure; they are never its value.
DEFINITION_CLAUSE = re.compile(r",\s*(?:where|defined\s+as|i\.e\.?|that\s+is|meaning)\s[^,;]{3,120},", re.IGNORECASE)
# a comparison set off by commas between a measure's name and its verb: "the amount of overpayments
# recovered, when compared to the same period last year, has dropped from 77.35% to 73.82%"
COMPARED_ASIDE = re.compile(r",\s*(?:when\s+|as\s+)?compared\s+(?:to|with)\s[^,;]{3,80},", re.IGNORECASE)


def _lower_first(phrase: str) -> str:
    """'New claims' -> 'new claims'; an acronym ('CLA reviews') keeps its capitals."""
    return phrase[0].lower() + phrase[1:] if len(phrase) > 1 and phrase[1].islower() else phrase


# "X took an average of 23.4 days to process", "X take on average 31 days to re-let"
TOOK_AVERAGE = re.compile(r"\s*(?:took|take|takes|have\s+taken|has\s+taken)\s+(?:an\s+average\s+of|on\s+average)\s+"
                          r"[\d.,]+\s*(?P<unit>(?:working\s+|calendar\s+)?(?:days|weeks|hours|minutes))\s+to\s+"
                          r"(?P<verb>[a-z][\w-]+)", re.IGNORECASE)


# a measure named as the topic before the clause that gives its figure: "in respect of NI 192 –
# Percentage of household waste recycled, the outturn was ...", "With regard to rent collected, ..."
TOPIC_LEAD = re.compile(
    r"^[\s,]*(?:in\s+respect\s+of|with\s+(?:regard|respect)\s+to|regarding|in\s+relation\s+to|as\s+regards"
    r"|turning\s+to)\s+(?:the\s+(?:indicator|measure|kpi)\s+)?",
    re.IGNORECASE)


# minutes: a member names the measure, then what was said of it: "Councillor X drew attention to
# RB07 – Average days to process claims and noted that the target was 18 days and ..."
# (or "... referred to CSP 21 - % Stage 3 complaints responded to in 20 working days and noted the
# outturn of 53% against a target of 100%": what was noted is the figure itself)
REFERRED_TOPIC = re.compile(
    r"\b(?:referred\s+to|drew\s+attention\s+to|made\s+reference\s+to|asked\s+about|queried)\s+"
    r"(?P<topic>[^,;]{6,160}?)\s+and\s+(?:commented|stated|noted|said|advised|explained|added|reported)\s+"
    r"(?:that\s+|(?=the\s+(?:outturn|performance|result|figure|position)\s+(?:of|was|is|at)\s))",
    re.IGNORECASE)


# "the target for first time fix was 45% and the result was 96%": what the target is for names the measure
TARGET_FOR = re.compile(r"\btarget\s+for\s+(?P<measure>[A-Za-z][\w'’ -]{2,60}?)\s+(?:was|is|had\s+been|has\s+been)\s+"
                        r"(?:set\s+at\s+|at\s+)?[-−£]?\d", re.IGNORECASE)


def target_for(text: str) -> str | None:
    """The measure a target is said to be for, when the words are a measure's and not a time
    ("the target for this year was 45%", "the target for 2023/24 is 90%")."""
    found = TARGET_FOR.search(text)
    if found is None:
        return None
    measure = found.group("measure").strip()
    if TIME_TAIL.fullmatch(f" {measure}") or re.search(r"\d", measure) or is_generic(measure) or re.search(
            r"\b(?:year|quarter|month|period|term|week)s?$", measure, re.IGNORECASE):
        return None  # "the target for next year", "for the coming quarter": a time, not a measure
    return measure


# a KPI named in brackets by its number and name: "one red-rated indicator – (KPI 10 Recycling) –"
NUMBERED_KPI = re.compile(r"\(\s*(?P<code>(?:KPI|PI)\s?\d{1,3}[a-z]?)\s*[-–:]?\s*(?P<name>[A-Za-z][^()\d]{2,80}?)\s*\)")


def numbered_kpi(text: str) -> str | None:
    """The name of a KPI a sentence gives in brackets with its number, the number after it as a
    code ("Recycling (KPI 10)"), when the sentence names just one."""
    found = list(NUMBERED_KPI.finditer(text))
    if len(found) != 1:
        return None
    return f"{found[0].group('name').strip()} ({found[0].group('code')})"


# a figure set beside its measure in a "with" clause: "... improved, with collection rates for
# Council Tax now at 99.14%", "with the average wait standing at 12 days"
WITH_AT = re.compile(r"\bwith\s+(?P<measure>[A-Za-z][\w'’ -]{3,80}?)\s+(?:(?:now|currently|standing|stood|still)\s+)*"
                     r"at\s+(?:just\s+|around\s+|about\s+)?$", re.IGNORECASE)


def measure_with(text: str, value: Value) -> str | None:
    """The measure a "with ... at" clause sets its figure beside, if the words name a measure."""
    found = WITH_AT.search(text[:value.start])
    if found is None:
        return None
    measure = tidy(found.group("measure"))
    return None if not measure or is_generic(measure) or name_problem(measure) is not None else measure


def named_topic(text: str) -> tuple[int, int] | None:
    """Where a sentence names an indicator before what is said of it (`opening_topic`): the
    figures inside that span ("in 20 working days") are the name's, not the measure's."""
    found = BRACKETED_TOPIC.search(text) or REFERRED_TOPIC.search(text)
    return found.span("topic") if found else None


# an indicator named in brackets after its number, then what was said of it: "Indicator 21 (the
# percentage of licence applications decided in 28 days) for which performance against target was 81%"
BRACKETED_TOPIC = re.compile(
    r"\b(?:indicator|kpi|pi|measure)\s+[A-Z]{0,4}\d{1,3}[a-z]?\s+\("
    r"(?P<topic>(?:the\s+)?(?:percentage|proportion|number|rate|average)\b[^()]{4,160})\)\s+"
    r"(?:where|in\s+which|for\s+which)\s+", re.IGNORECASE)


def opening_topic(text: str) -> tuple[str, str] | None:
    """(the topic, the clause after it) when a sentence opens by naming its topic; the topic ends at
    the first comma that does not separate the items of a list ("reuse, recycling and composting")."""
    bracketed = BRACKETED_TOPIC.search(text)
    if bracketed:
        return bracketed.group("topic"), text[bracketed.end():]
    referred = REFERRED_TOPIC.search(text)
    if referred:
        # what was said of it up to the next thing said ("... and commented that if ...")
        rest = re.split(r"\s+and\s+(?:commented|stated|noted|said|advised|explained|added|questioned|asked)\b",
                        text[referred.end():], maxsplit=1)[0]
        return referred.group("topic"), rest
    lead = TOPIC_LEAD.match(text)
    if lead is None:
        return None
    after = text[lead.end():]
    for comma in re.finditer(",", after):
        if LIST_AHEAD.match(after, comma.start()):
            continue
        name, rest = after[:comma.start()], after[comma.end():].strip()
        return (name, rest) if 6 <= len(name) <= 160 and ";" not in name and rest else None
    return None


def subject_of(text: str, vocab: Vocabulary | None = None, council: str | None = None) -> str | None:
    """The words before the sentence's main verb, tidied: the thing the sentence measures."""
    body = COMPARED_ASIDE.sub("", DEFINITION_CLAUSE.sub("", strip_lead(text), count=1), count=1)
    that = THAT_CLAUSE.search(body)
    if that and not REFERRED_TOPIC.search(body):
        body = body[that.end():]
        body = re.sub(rf"^(?:in\s+{re.escape(council)}\s*,?\s*)", "", body, flags=re.IGNORECASE) if council else body
    topic = opening_topic(body)
    if topic:
        # "in respect of NI 191 – Residual household waste per household, the reported outturn for
        # the year was 474kg": the clause's own subject is only "the outturn"; the topic names it
        inner = subject_of(topic[1], vocab, council)
        if inner is None or is_generic(inner):
            name = tidy(topic[0], vocab, council)
            return name if name and not is_generic(name) else None
        return inner
    example = EXAMPLE_AT.search(body)
    if example:
        # "several measures did well, such as the proportion of taxi licences renewed on time
        # which stands at 96%": the measure the figure is for is the example's
        name = tidy(example.group("name"), vocab, council)
        if name and not is_generic(name):
            return name
    verb = next((m for m in MAIN_VERB.finditer(body)
                 if not RELATIVE.search(body[:m.start()])), None)
    if verb is not None and verb.group(0).startswith(":") and vocab is not None:
        # "Placement stability: the proportion of children in care with ... was 8.9%": the label
        # names the KPI briefly; the clause after it, when it has a subject of its own, in full
        inner = subject_of(body[verb.end():], vocab, council)
        # a clause that opens with the figure ("Recycling: 46.2% against ... (last year: 44.9%)")
        # has no subject of its own: the label is the name
        if inner and vocab.measure_words.search(inner) and not re.match(r"[-+−£]?\d", inner):
            return inner
    if verb is not None and verb.group(0).strip() in ("–", "—", "-", ":") \
            and LEAD_CODE.fullmatch(body[:verb.start()].strip()):
        # "BV 012 – the number of working days lost ... has increased from 6.71 to 7.84 days": a
        # code labels the clause after it, whose own subject names the measure
        return subject_of(body[verb.end():], vocab, council)
    phrase = body[:verb.start()] if verb else ""
    if not phrase or len(phrase.split()) > 30:
        return None
    # "the ... CKPI CDCS2 target on the percentage of lost calls was 12%": the figure is the
    # target, and the measure is what the target is on
    target_on = TARGET_ON.search(phrase)
    if target_on:
        # a code just before "target" is the measure's ("CKPI CDCS2 target on ..."): it leads the
        # name, where the record takes its code from
        code = re.search(r"\b([A-Z]{2,6}\s?\d{1,4}[a-z]?)\s+targets?\b", phrase[:target_on.end()])
        phrase = (f"{code.group(1)} " if code else "") + DETERMINER.sub("", phrase[target_on.end():])
    phrase = tidy(phrase, vocab, council)
    took = TOOK_AVERAGE.match(body[verb.start():]) if verb else None
    if took and phrase and not is_generic(phrase):
        # "New claims took an average of 23.4 days to process": the measure is the average time
        return f"average {took.group('unit').lower()} to {took.group('verb')} {_lower_first(phrase)}"
    if vocab is not None:
        phrase = without_comparator(phrase, vocab)
    if len(phrase.split()) == 1 and vocab is not None and not GENERIC.match(phrase) \
            and vocab.measure_words.fullmatch(phrase):
        return phrase  # "Turnover was 11.2%": one word can name a measure
    return None if is_generic(phrase) else phrase


TARGET_ON = re.compile(r"\btargets?\s+(?:on|for)\s+(?=(?:the\s+)?(?:percentage|proportion|number|rate|average|level)"
                       r"\s+of\b)", re.IGNORECASE)


COMPARATOR_WORDS = re.compile(r"\b(?:national(?:ly)?|england|statistical\s+neighbours?|regional|region)\b",
                              re.IGNORECASE)


EXISTENTIAL = re.compile(r"\bthere\s+(?:is|are|was|were|have\s+been|has\s+been|had\s+been|remains?|remained)\s+"
                         r"(?:a\s+total\s+of\s+|some\s+|around\s+|about\s+|approximately\s+|over\s+|nearly\s+)?$",
                         re.IGNORECASE)
COPULA = re.compile(r"^\s*(?:%\s*)?(?:of\s+(?:them|these|those)\s+)?(?:were|was|are|is)\s+", re.IGNORECASE)


def complement_of(text: str, value: Value) -> str | None:
    """What a figure counts when the sentence says so after it.

    "there were 447 households in temporary accommodation against ..." -> "households in
    temporary accommodation"; "Of the 1,207 referrals, 23% were re-referrals within 12 months"
    -> "re-referrals within 12 months".
    """
    rest = text[value.end:]
    group = None
    if EXISTENTIAL.search(text[:value.start]):
        phrase = rest
    else:
        copula = COPULA.match(rest)
        group = GROUP_LEAD.fullmatch(text[:value.start])
        if group is not None and (len(group["group"].split()) < 2 or find_periods(group["group"]) or re.search(
                r"\b(?:year|quarter|month|period|week|term)s?\b", group["group"], re.IGNORECASE)):
            group = None  # "For the year, 59% were ...": a time, not a group
        if not copula or not (group or _opens_main_clause(text, value)):
            return None  # "..., 23% were re-referrals": the figure is in a clause of its own
        phrase = rest[copula.end():]
    phrase = tidy(first_clause(phrase))
    if group is not None and not is_generic(phrase):
        # "For care leavers aged 19 to 21, 59 per cent were in EET": a share of the group named first
        phrase = f"{tidy(group['group'])} {phrase}"
    return None if is_generic(phrase) else phrase


# the group a share is of, named before it: "For care leavers aged 19 to 21, 59 per cent were ..."
GROUP_LEAD = re.compile(r"\s*(?:for|among|amongst)\s+(?:the\s+|our\s+)?(?P<group>[a-z][\w'’ -]{3,80}?)\s*,\s*",
                        re.IGNORECASE)


RATE_OF = re.compile(r"\b(?:a|the|at\s+a)\s+rate\s+of\s*(?:just\s+|around\s+|about\s+)?$", re.IGNORECASE)


def counted_phrase(text: str, value: Value) -> str | None:
    """What a count counts: '312 children were subject to a plan, ...' -> 'children subject to a plan'."""
    phrase = tidy(AUXILIARY.sub("", first_clause(text[value.end:])))
    return None if is_generic(phrase) else phrase


# a share's deed after its figure: "84% decided within 8 weeks", "97% paid on time"
SHARE_DEED = re.compile(r"\s+(?P<deed>(?:[a-z]+ed|paid|seen|met|made|held|taken|given|sent|kept|built|done)\b"
                        r"(?:\s+[\w'’-]+){0,8})")


def share_deed(text: str, value: Value) -> str | None:
    """What a labelled share counts when the words after it say ("Minor planning applications:
    84% decided within 8 weeks, against ..."): the deed, which belongs to the measure's name."""
    if value.unit != "%" or not re.search(r"[A-Za-z]\s*:\s*$", text[:value.start]):
        return None
    clause = first_clause(text[value.end:])
    match = SHARE_DEED.match(clause)
    if match is None or match.end() < len(clause.rstrip(" .")):
        return None  # the deed must be the whole clause after the figure, not the start of another
    return match.group("deed")


def done_count(text: str, value: Value) -> str | None:
    """What a count opening its clause says was done: '64 affordable homes were delivered in the
    half year' -> 'affordable homes delivered in the half year'. Only the passive form (a noun
    phrase, then 'were' or 'have been' and the deed), so '64 staff joined' names nothing."""
    if not _opens_main_clause(text, value):
        return None
    clause = first_clause(text[value.end:])
    passive = AUXILIARY.search(clause)
    if passive is None or not re.match(r"\s*[a-z][\w-]*(?:ed|en|t)\b", clause[passive.end():]) or \
            not re.match(r"\s*(?:[A-Za-z][\w'’-]*\s+){1,5}$", clause[:passive.start()]):
        return None
    return counted_phrase(text, value)


def rate_of_count(text: str, value: Value, count: Value | None) -> str | None:
    """'412 children subject to a plan, a rate of 41.2 per 10,000 children': the rate is named by
    what the count before it counts -> 'rate of children subject to a plan per 10,000 children'."""
    if count is None or not RATE_OF.search(text[:value.start]):
        return None
    counted = counted_phrase(text, count)
    if counted is None:
        return None
    base = re.search(r"\bper\s+[\d,]+(?:\s+[a-z]+)?", value.text + text[value.end:value.end + 30], re.IGNORECASE)
    return f"rate of {counted}" + (f" {base.group(0)}" if base else "")


# words that make a phrase a clause: a finite verb outside a relative clause ("who have ...")
FINITE = re.compile(r"(?<!who )(?<!which )(?<!that )\b(?:is|are|was|were|has|have|had|will|would|can|could|should|"
                    r"may|might|must|did|does|do|saw|shows?|showed)\b", re.IGNORECASE)
NOT_A_START = re.compile(
    # "It" the pronoun, not "IT" the service ("IT helpdesk first time fix")
    r"^(?:as|on|in|at|by|since|during|of|and|or|but|there|here|which|that|who|(?-i:[Ii]t)|this|these|those|we|they|our|"
    r"while|whilst|although|though|following|because|if|when|with|without|from|to|for|so|also|however|than)\b",
    re.IGNORECASE,
)
NOT_AN_END = re.compile(r"\b(?:of|to|for|in|at|by|on|and|or|the|a|an|with|from|than|as|is|was|were|are|there)$",
                        re.IGNORECASE)
MEASURE_HEAD = re.compile(r"^(?:the\s+)?(?:percentage|proportion|number|average|mean|median|rate|ratio|total|"
                          r"timeliness|time\s+taken|%)\b", re.IGNORECASE)
ORGANISATION = re.compile(r"\b(?:council|authority|borough|partnership|trust|board|committee|cabinet)$",
                          re.IGNORECASE)


# a KPI's code printed after its name: "... (HN04)", "... (4B)", "... (1C(2A))", "... (PAM/010)", "... - HN04"
_CODE = r"(?:[A-Z]{1,5}[/ -]?\d{1,4}[a-z]?|\d{1,2}[A-Z]{1,2}\d?)(?:\(\s*[0-9A-Z]{1,3}\s*\))?"
# (a name cut at the sentence's verb may have lost the closing bracket: "... receive (4B")
TAIL_CODE = re.compile(rf"\s*\(\s*(?P<code>{_CODE})\s*\)?\s*$|\s+[-–]\s+(?P<code2>[A-Z]{{1,5}}\d{{1,4}})$")
# a code alone before the name it labels: "BV 012", "NI 192", "BV 079b(i)", "RB07"
LEAD_CODE = re.compile(r"(?!Q[1-4]\b)[A-Z]{1,5}[/ -]?\d{1,4}[a-z]?(?:\(\s*[0-9A-Za-z]{1,4}\s*\))?")
NOT_A_CODE = re.compile(r"Q[1-4]|KS\s?[1-5]|(?:19|20)\d\d", re.IGNORECASE)


def split_tail_code(name: str) -> tuple[str | None, str]:
    """'Feeling safe because of services (4B)' -> ('4B', 'Feeling safe because of services').
    A quarter or key stage in brackets ('(Q3)', '(KS2)') is not a code."""
    match = TAIL_CODE.search(name)
    if not match:
        return None, name.strip()
    code = (match.group("code") or match.group("code2")).strip()
    if NOT_A_CODE.fullmatch(code):
        return None, name.strip()
    return code, name[:match.start()].strip()


def trim_name(name: str) -> str:
    """A name without its own figure on the end: '... Good or Outstanding at 96.5%' -> '... Outstanding'
    ('... answer time of 2:45' -> '... answer time'),
    nor a bracket the sentence's verb cut open: '... training (for those that the authority' -> '... training'."""
    opened = name.rfind("(")
    if opened > 0 and ")" not in name[opened:] and split_tail_code(name)[0] is None:
        name = name[:opened].rstrip(" ,;:-–")
    return re.sub(r"\s+(?:at|of|to|was|is|were|are|stood\s+at|reached|reaching)\s+[£]?[\d.,]+(?::\d\d){0,2}\s*%?\s*$",
                  "", name.strip())


# a number that is part of a noun phrase, never a figure of its own: an age group ("16-18 year
# olds", "2 year olds", "19+ learners") or a public phone line named by its number ("999 calls",
# "111 service", "101 non-emergency calls")
NUMBER_IN_NAME = re.compile(
    r"(?:\d{1,2}(?:\s*(?:-|–|to|and)\s*\d{1,2})?[- ]?years?[- ]olds?|\d{1,2}\+)(?![\w%])"
    r"|(?:999|111|101|112|119)(?=\s+(?:[a-z-]+\s+)?(?:calls?|services?|lines?|contacts?)\b)", re.IGNORECASE)


def name_problem(name: str | None) -> str | None:
    """Why a phrase cannot be a KPI's name, or None when it reads as one: a noun phrase naming a
    measure, not a sentence, a fragment left when a date was cut out, or a body's name."""
    if not name or not name.strip():
        return "no name"
    text = name.strip()
    words = text.split()
    if len(words) > 30 or (len(words) > 16 and not MEASURE_HEAD.match(text)):
        return "a sentence, not a name"
    if re.search(r"\s,|,\s*$|^\W|,\s+(?:and|but|which|with)\s", text):
        return "a fragment"
    if re.search(r"\d\s*%|(?<!per )\b\d{1,3}(?:,\d{3})+\b"
                 r"|\b(?:total|sum|high|low|maximum|minimum|rate|level|score|average)\s+of\s+[\d,.]+",
                 text, re.IGNORECASE):
        return "a figure, not a name"  # "1,204 food hygiene inspections", "and 96% of premises"
    if NOT_A_START.match(text) or NOT_AN_END.search(text):
        return "a fragment"
    # (a number that is part of the noun phrase may open it: "999 calls answered ...")
    if re.match(r"^[\d£$€]", text) and not NUMBER_IN_NAME.match(text) or re.search(
            r"\d[\d,.]*\s*%?\s*\)?$", text) and not re.search(
            r"\b(?:within|over|under|aged?|per|after|in|for|at)\s+[\d,.]+\s*\S*$", text, re.IGNORECASE):
        return "a figure, not a name"
    # a verb in the name's head makes it a clause; one in a relative clause ("children who are
    # placed ...", "plans whose reviews are completed ...") belongs to the name
    head = re.split(r"\b(?:who|whom|whose|which|that|where)\b", text, maxsplit=1)[0]
    if FINITE.search(head):
        return "a clause, not a name"
    if ORGANISATION.search(text) and len(words) <= 4:
        return "a body's name, not a measure"
    if GENERIC.match(text):
        return "a word for any figure, not a measure's name"  # "Performance in Q2 of 212 was ..."
    if ABOUT_THE_INDICATORS.match(text):
        return "the paper's indicators counted, not a measure"  # "40% of indicators were rated Green"
    return None


def names_a_measure(text: str) -> bool:
    """A heading that is a KPI's full name ("Rate of permanent admissions to care homes ...")."""
    return bool(MEASURE_HEAD.match(text.strip())) and len(text.split()) >= 4 and name_problem(text) is None


# the unit a KPI's title ends with: "Time taken to process Housing Benefit ... - Days"
UNIT_SUFFIX = re.compile(r"\s+[-–—]\s+(?:days|weeks|months|hours|minutes|%|percent(?:age)?|number|count)\s*$"
                         r"|\s*\(\s*(?:days|weeks|months|hours|minutes|%|percent(?:age)?|number|count)\s*\)\s*$",
                         re.IGNORECASE)
# a paper's title that names the one measure it reports on: "[Annual] <measure> [Performance]
# [Management] Report [2022-23]"; its frequency and its kind of paper are no part of the name
REPORT_TITLE = re.compile(r"^(?:(?:annual|quarterly|monthly|yearly|half[- ]yearly)\s+)?(?P<topic>.+?)\s+"
                          r"(?:performance\s+)?(?:management\s+|monitoring\s+)?(?:report|update)$", re.IGNORECASE)


def heading_measure(text: str, measure_words: re.Pattern[str]) -> str | None:
    """The measure a heading names: a KPI's full title, less the unit it ends with, or the topic
    of a report on one measure ("Annual Employee Sickness Absence Performance Management Report
    2022-23" -> "Employee Sickness Absence"). None for a heading that names a paper, a service or
    a part of the paper ("Corporate Performance Report": no measure's word in "Corporate")."""
    name = UNIT_SUFFIX.sub("", text.strip())
    if names_a_measure(name):
        return name
    for period in reversed(find_periods(name)):
        name = name[:period.pos] + " " + name[period.end_pos:]
    title = REPORT_TITLE.match(re.sub(r"\s+", " ", name).strip(" -–—:"))
    if title is None:
        return None
    topic = tidy(title.group("topic"))
    if len(topic.split()) < 2 or measure_words.search(topic) is None or name_problem(topic) is not None:
        return None
    return topic


def restates(subject: str, measure: str) -> bool:
    """Does a sentence's subject speak of the measure a heading names, in words of its own
    ("the overall benefits speed of processing" under "Time taken to process Housing Benefit
    ...")? Two content words in common, matched by their stems: one alone may name a part of the
    measure ("dry recycling" under "Percentage of household waste recycled")."""
    def stems(text: str) -> set[str]:
        return {word[:5].lower() for word in re.findall(r"[A-Za-z]{4,}", text)} - STEM_STOP
    return len(stems(subject) & stems(measure)) >= 2


STEM_STOP = {"with", "from", "that", "this", "thes", "thos", "whic", "were", "have", "been", "over", "under",
             "perfo", "overa", "total", "numbe", "perce", "propo", "avera", "rate"}


# a share of the paper's own indicators by status: the report's summary, not a service's measure
# ("the majority of measures", "a few indicators" too)
ABOUT_THE_INDICATORS = re.compile(r"^(?:the\s+|our\s+|all\s+|a\s+)?"
                                  r"(?:(?:majority|minority|most|many|some|several|few|half|rest|remainder|bulk"
                                  r"|(?:small\s+|large\s+)?number|handful)"
                                  r"\s+(?:of\s+)?(?:the\s+|our\s+|these\s+|its\s+)?)?"
                                  r"(?:key\s+|corporate\s+|performance\s+)*"
                                  r"(?:indicators?|measures?|kpis?|pis?|targets?)\b"
                                  r"(?!\s+(?:of|for)\b)", re.IGNORECASE)


def comparator_subject(text: str, vocab: Vocabulary) -> str | None:
    """The comparator a sentence is about, when its subject is national data, England, neighbours..."""
    body = strip_lead(text)
    verb = next((m for m in MAIN_VERB.finditer(body) if not RELATIVE.search(body[:m.start()])), None)
    scope = body[:verb.start()] if verb else body
    that = THAT_CLAUSE.search(body)
    if that and (verb is None or that.start() <= verb.start() + 1):
        scope = body[:that.start()]
    # the comparator is the subject only when named before the sentence's first figure
    # ("In the academic year 2015/16 the national data showed ..."): a year is no figure
    figure = re.search(r"\d", re.sub(r"\b(?:19|20)\d\d(?:[/-]\d{2,4})?\b", lambda m: "Y" * len(m.group()), scope))
    scope = scope[:figure.start()] if figure else scope
    if not COMPARATOR_WORDS.search(scope):
        # a subject that opens with a group of two words or more set beside the council ("Public
        # sector sickness was generally higher than in the private sector") is that group's
        opening = vocab.comparators.find(DETERMINER.sub("", scope.strip()), min_length=2)
        if opening is None or opening[1].start() != 0 or " " not in opening[1].group(0).strip():
            return None
        return opening[0]
    return vocab.comparators.label(scope, min_length=2) or "National"
