"""Paper identity: which council a paper is from, for which committee, on what date, under what title.

Read from the paper itself: the title page ("Report to Cabinet", a "Meeting date | ..." table,
"To: ... Cabinet Committee – 25 September 2018", "Generated on: 26 May 2023"), running headers,
and the way a paper talks about its own council ("In Oldham we...", "Kent's statistical
neighbours"). The file name is used only as a last resort, and only when it starts with a
council's name: a ModernGov download (s12345.pdf) or "Appendix 1.pdf" gives no council rather
than a wrong one.

Council names come from councils.py (patterns/councils.toml).

    identify(document, file_name=..., council=None, patterns_dir=None) -> PaperIdentity
        each field with an Evidence (rule, text as printed, page); describe(identity) lists them
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from .councils import Council, CouncilCatalogue, load_councils, word_tokens
from .parsing.periods import find_periods
from .readers.document import Document

# ---------------------------------------------------------------------------------------------
# Paper identity


@dataclass(frozen=True)
class Evidence:
    """Where a field of the identity was read: the rule, the line or cell as printed, its page."""

    rule: str
    text: str
    page: int | None = None


@dataclass(frozen=True)
class PaperIdentity:
    council: str | None = None
    """The council's canonical name (or an override not in the catalogue, as given)."""
    council_type: str | None = None
    region: str | None = None
    council_in_catalogue: bool = False
    """False for an override naming no council of councils.toml (kept as given), or no council."""
    council_entry: Council | None = None
    committee: str | None = None
    date: date | None = None
    date_text: str | None = None
    date_kind: str | None = None
    """meeting, decision, report, published, generated, signed off or title page."""
    title: str | None = None
    council_from: Evidence | None = None
    committee_from: Evidence | None = None
    date_from: Evidence | None = None
    title_from: Evidence | None = None
    candidates: tuple[tuple[str, float], ...] = ()
    """The councils the paper's text pointed at, with their scores: what a reviewer checks."""

    def as_dict(self) -> dict[str, str | None]:
        """Flat text fields, for an export's columns."""
        return {
            "council": self.council, "council_type": self.council_type, "region": self.region,
            "committee": self.committee, "meeting_date": self.date.isoformat() if self.date else None,
            "date_kind": self.date_kind, "title": self.title,
        }


# How far into a paper its title page reaches: ModernGov packs put the report's own cover a
# page or two in, after the agenda item's header.
OPENING_BLOCKS = 30
OPENING_PAGES = 2
HEAD_LINES = 12
"""The lines a title page's header occupies: a council named there is named as the paper's own."""
_MAX_EVIDENCE = 200


@dataclass(frozen=True)
class _Line:
    text: str
    page: int
    block: int
    kind: str
    label: str | None = None
    value: str | None = None


_LABELLED = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 ’'()/&.-]{0,40}?)\s*:\s*(.*)$")
_DATE_LABELS = {
    "meeting date": "meeting", "date of meeting": "meeting", "committee date": "meeting",
    "date of committee": "meeting", "date": "meeting", "meeting": "meeting", "meeting held on": "meeting",
    "date of decision": "decision", "decision date": "decision",
    "report date": "report", "date of report": "report",
    "published": "published", "date published": "published", "publication date": "published",
    "generated on": "generated", "generated": "generated", "date generated": "generated",
    "produced on": "generated", "date produced": "generated",
}
_COMMITTEE_LABELS = frozenset({"report to", "to", "committee", "meeting", "name of committee", "decision maker",
                               "decision taker", "meeting of", "report for", "submitted to"})
_TITLE_LABELS = frozenset({"report subject", "subject", "title", "report title", "title of report", "report name",
                           "name of report", "report", "item", "agenda item", "subject matter", "report subject title"})
_MULTIWORD_LABELS = frozenset(name for name in {*_DATE_LABELS, *_COMMITTEE_LABELS, *_TITLE_LABELS} if " " in name)
# A committee's name ends with one of these ("... Overview and Scrutiny Committee", "Cabinet").
COMMITTEE_NOUNS = ("committee", "sub-committee", "cabinet", "board", "panel", "executive", "commission", "forum",
                   "council", "assembly", "scrutiny")
# "Scrutiny Committee – Children and Families": a short qualifier may follow the noun, after a dash.
_COMMITTEE_END = re.compile(rf"\b(?:{'|'.join(COMMITTEE_NOUNS)})(?:\s+[–—-]\s+[^–—-]{{1,60}})?\s*$", re.IGNORECASE)
_COMMITTEE_WORD = re.compile(rf"\b(?:{'|'.join(COMMITTEE_NOUNS)}"
                             r"|cabinet member|executive member|portfolio holder|leader)\b", re.IGNORECASE)
_WEEKDAY_ONLY = re.compile(r"^\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)?[\s,]*$", re.IGNORECASE)
_REPORT_TO = re.compile(r"\breport\s+to\s+(?:the\s+)?(.+)$", re.IGNORECASE)
# Title-page lines that are not the report's title.
_NOT_TITLE = re.compile(
    r"^(?:page\s+\d+|agenda\s+item\s*\d*|item\s+\d+|appendix\s*[\dA-Z]{0,3}|annex\s*[\dA-Z]{0,3}|part\s+(?:[1I]{1,2}|one|two)"
    r"|public|private|official(?:\s*-\s*sensitive)?|not\s+protectively\s+marked|open|exempt|summary|background"
    r"|introduction|purpose(?:\s+of\s+(?:the\s+)?report)?|recommendations?|executive\s+summary|contents|key\s+points"
    r"|decision|for\s+(?:information|decision)|classification|status)[\s.:]*$",
    re.IGNORECASE,
)
# A title page line that goes on to name a member: "... Portfolio Cllr Anita Cranmer".
_PERSON_TAIL = re.compile(r"(?:^|\s+)(?:cllr|councillor|portfolio holder|(?:cabinet|executive) member)\b.*$",
                          re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-z)])[.!?]\s+")
_SECTION_START = re.compile(r"^(?:\d{1,2}(?:\.\d+)*|[A-Z])[.)]\s")
_SIGNED_OFF = re.compile(r"\bsigned\s+off\s*(?:on|date)?\s*:?\s*", re.IGNORECASE)
# A mention in a sentence that compares with others is someone else's council ("statistical
# neighbours such as Surrey", "higher than Devon").
_COMPARING = re.compile(
    r"(?:statistical\s+neighbou?rs?|neighbou?ring|comparators?|compared\s+(?:to|with)|comparison\s+with|than"
    r"|such\s+as|similar\s+(?:authorities|councils|areas)|benchmark\w*|peers?|other\s+(?:local\s+)?authorit(?:y|ies)"
    r"|other\s+councils|versus|vs\.?)\W+(?:\w+\W+){0,6}$",
    re.IGNORECASE,
)
# "In Oldham we ...", "across Kent", "for Buckinghamshire": the paper speaking of its own area.
_OWN_AREA = re.compile(r"\b(?:in|across|for|within|throughout|of)\s+(?:the\s+)?$", re.IGNORECASE)
_SMALL_WORDS = frozenset({"and", "of", "the", "for", "on", "in", "to", "with", "a", "an", "at", "by", "or", "upon"})
_KEEP_UPPER = frozenset({"SEND", "NHS", "KPI", "KPIS", "CYP", "ICB", "UASC", "BCP", "OSC", "HR", "ICT", "SACRE"})


def identify(document: Document, *, file_name: str, council: str | None = None,
             patterns_dir: str | None = None) -> PaperIdentity:
    """Council, committee, date and title of a paper, each with where it was found.

    `council`, if given (a --council override), wins over anything the paper says; a name the
    catalogue does not know is kept as given with council_in_catalogue False.
    """
    catalogue = load_councils(patterns_dir)
    lines = _lines(document)
    # pages as printed: a paper cut from an agenda pack starts on "Page 119"
    first_pages = sorted({line.page for line in lines})[:OPENING_PAGES]
    opening = _join_continued([line for line in lines if line.block < OPENING_BLOCKS and line.page in first_pages])

    committee, committee_from, committee_date = _committee(opening, catalogue)
    day, day_text, day_kind, day_from = _date(opening, lines, committee_date)
    title, title_from = _title(opening, catalogue)

    if council is not None and council.strip():
        entry = catalogue.lookup(council)
        given = council.strip()
        return _identity(entry, given, Evidence("override", given), committee, committee_from, day, day_text,
                         day_kind, day_from, title, title_from, ())

    found, council_from, scores = _council_in_text(lines, opening, catalogue, day, file_name)
    if found is None:
        found = _council_from_file_name(file_name, catalogue)
        if found is not None:
            council_from = Evidence("file name", PurePath(file_name).name)
    return _identity(found, None, council_from, committee, committee_from, day, day_text, day_kind, day_from, title,
                     title_from, scores)


def _identity(entry: Council | None, given: str | None, council_from: Evidence | None, committee: str | None,
              committee_from: Evidence | None, day: date | None, day_text: str | None, day_kind: str | None,
              day_from: Evidence | None, title: str | None, title_from: Evidence | None,
              scores: tuple[tuple[str, float], ...]) -> PaperIdentity:
    return PaperIdentity(
        council=entry.name if entry else given, council_type=entry.type if entry else None,
        region=entry.region if entry else None, council_in_catalogue=entry is not None, council_entry=entry,
        committee=committee, date=day, date_text=day_text, date_kind=day_kind, title=title,
        council_from=council_from if (entry or given) else None, committee_from=committee_from, date_from=day_from,
        title_from=title_from, candidates=scores,
    )


def _evidence(rule: str, line: _Line, at: int = 0) -> Evidence:
    """The line as evidence; a long one cut to the sentence holding position `at`."""
    text = line.text
    if len(text) > _MAX_EVIDENCE:
        start = _sentence_start(text, at)
        text = text[start:start + _MAX_EVIDENCE].strip()
        if start + _MAX_EVIDENCE < len(line.text):
            text = text[:-1] + "…"
    return Evidence(rule, text, line.page)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _norm_label(label: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[:()*]", " ", label)).strip().lower()


def _lines(document: Document) -> list[_Line]:
    """Every line of the paper in reading order; a two-cell table row is a label and its value."""
    lines: list[_Line] = []
    for index, block in enumerate(document.iter_blocks()):
        if block.is_table:
            for row_index, row in enumerate(block.rows):
                cells = [_clean(cell) for cell in row if _clean(cell)]
                if not cells:
                    continue
                page = block.row_pages[row_index] if row_index < len(block.row_pages) else block.page
                label = cells[0] if len(cells) >= 2 else None
                value = " ".join(cells[1:]) if len(cells) >= 2 else None
                lines.append(_Line(" | ".join(cells), page, index, "table", label, value))
            continue
        for raw in block.text.splitlines():
            text = _clean(raw)
            if not text:
                continue
            labelled = _LABELLED.match(_last_sentence_before_colon(text))
            label, value = (labelled.group(1), labelled.group(2)) if labelled else (None, None)
            lines.append(_Line(text, block.page, index, block.kind, label, value))
    return lines


def _last_sentence_before_colon(text: str) -> str:
    """"Report of the Chief Executive. Meeting date: 24 October 2023.": a label starts the last
    sentence before its colon, not the line."""
    colon = text.find(":")
    if colon < 0:
        return text
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, colon)]
    return text[starts[-1]:] if starts else text


def _short(text: str, words: int) -> bool:
    return len(text.split()) <= words


def _join_continued(lines: list[_Line]) -> list[_Line]:
    """A title page's labelled line wrapped onto the next: "Subject: ... Performance" + "Scorecard".

    Only a labelled line continues, and only into short unlabelled lines that start no section,
    so a heading after the header block ("Background") stays a heading.
    """
    joined: list[_Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.label is not None and previous.kind != "table"
                and line.kind != "table" and line.label is None and line.page == previous.page
                and _short(line.text, 5) and not _SECTION_START.match(line.text)
                and not _NOT_TITLE.match(line.text) and not line.text.endswith(".")
                and _short(previous.text, 24)):
            value = f"{previous.value} {line.text}".strip()
            joined[-1] = _Line(f"{previous.text} {line.text}", previous.page, previous.block, previous.kind,
                               previous.label, value)
            continue
        joined.append(line)
    return joined


def _tidy(text: str) -> str:
    """Trim a name, and undo a title page's capitals ("CHILDREN'S SERVICES" -> "Children's Services")."""
    text = _clean(text).strip(" \t–—-:;,|.")
    if not any(ch.islower() for ch in text) and sum(ch.isalpha() for ch in text) > 4:
        words = []
        for position, word in enumerate(text.split()):
            bare = re.sub(r"[^A-Za-z]", "", word)
            if any(ch.isdigit() for ch in word) or bare in _KEEP_UPPER:
                words.append(word)
            elif position > 0 and word.lower() in _SMALL_WORDS:
                words.append(word.lower())
            else:
                words.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
        text = " ".join(words)
    return text


def _strip_date(text: str) -> tuple[str, str | None, date | None]:
    """A committee line without its trailing date: "Cabinet – 19 March 2024" -> ("Cabinet", the date)."""
    for period in find_periods(text):
        if period.kind == "date" and period.start and not text[period.end_pos:].strip(" .,)"):
            return text[:period.pos].rstrip(" \t–—-,:(").strip(), period.text, period.start
    return text, None, None


def _council_only(text: str, catalogue: CouncilCatalogue) -> bool:
    """The line is a council's name and nothing more ("Kent County Council", "BCP Council"), perhaps
    in two languages ("Cyngor Sir Ynys Môn / Isle of Anglesey County Council")."""
    if not _short(text, 16):
        return False
    mentions = catalogue.find(text)
    named = {m.council.name if m.council else None for m in mentions}
    if len(named) != 1 or None in named:
        return False
    rest = "".join(text[end:start] for end, start in zip([0, *[m.end for m in mentions]],
                                                          [*[m.start for m in mentions], len(text)], strict=True))
    return not re.sub(r"\b(?:the|council|borough|county|city|district|metropolitan)\b|[^a-z]", "", rest.lower())


def _committee_heading(text: str, catalogue: CouncilCatalogue) -> bool:
    """A short line naming a meeting: "CHILDREN'S SERVICES OVERVIEW AND SCRUTINY COMMITTEE", "Cabinet".

    Not a report's title that names a body ("Annual Report of the Corporate Parenting Board"), not
    a member ("Cabinet Member for Children"), not the council's own name ("Kent County Council").
    """
    if not _short(text, 14) or text.endswith("."):
        return False
    name = _strip_date(text)[0]
    return bool(_COMMITTEE_END.search(name) and not re.search(r"\b(?:report|minutes|agenda)\b", name, re.I)
                and not re.search(r"\b(?:cabinet|executive) member\b", name, re.I)
                and not _council_only(name, catalogue))


def _committee(opening: Sequence[_Line], catalogue: CouncilCatalogue) -> tuple[
        str | None, Evidence | None, tuple[str, date, _Line] | None]:
    """The meeting a paper goes to: a labelled line, then "Report to X", then a committee heading.

    Returns the committee, where it was found, and a date printed with it ("... – 25 September 2018").
    """
    labelled: tuple[str, Evidence, _Line] | None = None
    report_to: tuple[str, Evidence, _Line] | None = None
    heading: tuple[str, Evidence, _Line] | None = None
    for line in opening:
        label = _norm_label(line.label) if line.label else None
        if labelled is None and label in _COMMITTEE_LABELS and line.value:
            value = _REPORT_TO.sub(r"\1", line.value)
            name, _, _ = _strip_date(value)
            name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
            # "To: Cllr X, Cabinet Member for Y" is a decision by one member: name the office
            office = re.search(r"\b(?:cabinet|executive) member\b.*$", name, re.IGNORECASE)
            if office and not _COMMITTEE_END.search(name):
                name = office.group(0)
            if name and _COMMITTEE_WORD.search(name) and not _council_only(name, catalogue):
                labelled = (_tidy(name), _evidence(f"label '{line.label}'", line), line)
            continue
        if line.label is not None or line.kind == "table":
            continue
        if report_to is None:
            found = _REPORT_TO.search(line.text)
            if found and _short(line.text, 16):
                name, _, _ = _strip_date(found.group(1))
                if name and not _council_only(name, catalogue):
                    report_to = (_tidy(name), _evidence("report to", line), line)
                continue
        if heading is None and _committee_heading(line.text, catalogue):
            heading = (_tidy(_strip_date(line.text)[0]), _evidence("committee heading", line), line)
    for choice in (labelled, report_to, heading):
        if choice is not None:
            name, evidence, line = choice
            _, date_text, day = _strip_date(line.value or line.text)
            if date_text and day:
                return name, evidence, (date_text, day, line)
            # the meeting's date on a line of its own under the committee's name
            position = next(i for i, other in enumerate(opening) if other is line)
            after = opening[position + 1] if position + 1 < len(opening) else None
            if after is not None and after.label is None and after.kind != "table":
                rest, date_text, day = _strip_date(after.text)
                if date_text and day and _WEEKDAY_ONLY.match(rest):
                    return name, evidence, (date_text, day, after)
            return name, evidence, None
    return None, None, None


def _first_date(text: str) -> tuple[str, date] | None:
    for period in find_periods(text):
        if period.kind == "date" and period.start:
            return period.text, period.start
    return None


def _date(opening: Sequence[_Line], lines: Sequence[_Line], with_committee: tuple[str, date, _Line] | None) -> tuple[
        date | None, str | None, str | None, Evidence | None]:
    """The meeting date, else the date the paper was produced, each from a labelled line first.

    Order: a meeting or decision date by its label; a date printed with the committee's name;
    a report, publication or "Generated on" date; a date standing alone on the title page; and
    last a "Signed off:" date anywhere (a scorecard's sign-off is the only date some carry).
    """
    ranked: list[tuple[int, str, date, str, Evidence]] = []
    order = {"meeting": 0, "decision": 1, "report": 3, "published": 3, "generated": 3}
    for line in opening:
        if line.label is None or not line.value:
            continue
        label = _norm_label(line.label)
        kind = _DATE_LABELS.get(label)
        found = _first_date(line.value)
        if kind is None:
            merged = _merged_label(label, _DATE_LABELS)
            kind = _DATE_LABELS[merged] if merged else None
        if kind is not None and found is not None:
            ranked.append((order[kind], kind, found[1], found[0], _evidence(f"label '{line.label}'", line)))
    if with_committee is not None:
        text, day, line = with_committee
        ranked.append((2, "meeting", day, text, _evidence("date with the committee", line)))
    if not ranked:
        for line in opening:
            if line.kind == "table" or line.label is not None or not _short(line.text, 8):
                continue
            found = _first_date(line.text)
            if found is not None:
                ranked.append((4, "title page", found[1], found[0], _evidence("date on the title page", line)))
                break
    if not ranked:
        for line in lines:
            signed = _SIGNED_OFF.search(line.text)
            found = _first_date(line.text[signed.end():]) if signed else None
            if found is not None:
                ranked.append((5, "signed off", found[1], found[0], _evidence("signed off", line)))
                break
    if not ranked:
        return None, None, None, None
    _, kind, day, text, evidence = min(ranked, key=lambda r: r[0])
    return day, text, kind, evidence


def _merged_label(label: str, known: Iterable[str]) -> str | None:
    """A known label inside a cell that merged several ("Report subject Meeting date Status", as one
    PDF producer prints BCP's cover table); None for an ordinary label."""
    inside = [name for name in _MULTIWORD_LABELS if re.search(rf"\b{re.escape(name)}\b", label)]
    if len(inside) == 1 and label.startswith(f"{inside[0]} ") and len(label[len(inside[0]):].split()) <= 2:
        # a label cell run into the next, short one ("Meeting date Status")
        return inside[0] if inside[0] in known else None
    if len(inside) < 2:
        return None
    return next((name for name in sorted(known, key=len, reverse=True) if name in inside), None)


def _known_label(label: str | None) -> bool:
    """A label the title page uses for its facts; any other "Words: words" line is plain text
    ("Quarterly Performance Report: Q2 2023/24" is a title)."""
    if label is None:
        return False
    name = _norm_label(label)
    known = (*_DATE_LABELS, *_COMMITTEE_LABELS, *_TITLE_LABELS)
    return name in known or _merged_label(name, known) is not None


def _title(opening: Sequence[_Line], catalogue: CouncilCatalogue) -> tuple[str | None, Evidence | None]:
    """The report's title: a labelled subject or title, else the first title-like line of the title page."""
    for line in opening:
        if line.label is None or not line.value:
            continue
        label = _norm_label(line.label)
        value = line.value
        if label not in _TITLE_LABELS:
            merged = _merged_label(label, _TITLE_LABELS)
            if merged is None or not label.startswith(merged):
                continue
            # cells merged by the PDF producer: the title runs up to the next label's value (a date)
            found = _first_date(value)
            value = value[:value.find(found[0])] if found else value
        title = _tidy(value)
        if sum(ch.isalpha() for ch in title) >= 3 and len(title.split()) >= 2:
            return title, _evidence(f"label '{line.label}'", line)
    for line in opening:
        text = line.text
        if (_known_label(line.label) or line.kind == "table" or not _short(text, 20) or text.endswith(".")
                or _NOT_TITLE.match(text) or _REPORT_TO.search(text) or _council_only(text, catalogue)):
            continue
        if _committee_heading(text, catalogue):
            continue
        title = _tidy(_strip_date(_PERSON_TAIL.sub("", text))[0])
        if len(title.split()) >= 2 and sum(ch.isalpha() for ch in title) >= 6:
            return title, _evidence("first line of the title page", line)
    return None, None


# ---------------------------------------------------------------------------------------------
# Which council: evidence from the whole paper, weighed


MIN_SCORE = 2.0
"""Less than this is a council named in passing, not the paper's own."""
MARGIN = 1.5
"""The leading council must outweigh the next by this factor, else the paper is not clear."""


def _running_lines(lines: Sequence[_Line]) -> set[str]:
    """Short lines printed on several pages (a running header or footer that the reader kept)."""
    pages: dict[str, set[int]] = {}
    for line in lines:
        if line.kind != "table" and _short(line.text, 12):
            key = re.sub(r"\d+", "#", line.text.lower())
            pages.setdefault(key, set()).add(line.page)
    total = len({line.page for line in lines})
    needed = max(2, round(total * 0.3))
    return {key for key, seen in pages.items() if total >= 2 and len(seen) >= needed}


def _sentence_start(text: str, position: int) -> int:
    cut = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position), text.rfind("|", 0, position))
    return cut + 1 if cut >= 0 else 0


def _resolve(council: Council, day: date | None, catalogue: CouncilCatalogue) -> Council | None:
    """An abolished council named in a paper written after it went is a place in its successor's area."""
    seen = set()
    while day is not None and not council.existed_on(day):
        if council.successor is None or council.name in seen:
            return None
        seen.add(council.name)
        successor = catalogue.get(council.successor)
        if successor is None:
            return None
        council = successor
    return council


def _council_in_text(lines: Sequence[_Line], opening: Sequence[_Line],
                     catalogue: CouncilCatalogue, day: date | None, file_name: str) -> tuple[
        Council | None, Evidence | None, tuple[tuple[str, float], ...]]:
    """The council the paper is from, by weighing every mention of one.

    A name alone on the title page or in a running header outweighs everything; the paper's
    way of speaking of its own area ("In Oldham we", "Kent's") counts double; a name in a
    comparison ("statistical neighbours such as Surrey") or in a list of several councils
    counts for little.
    """
    scores: dict[str, float] = {}
    best: dict[str, tuple[float, Evidence]] = {}
    councils: dict[str, Council] = {}
    ambiguous: list[tuple[Council, ...]] = []
    first_page = opening[0].page if opening else None
    head = {id(line) for line in opening[:HEAD_LINES] if line.page == first_page}
    running = _running_lines(lines)
    credited_running: set[str] = set()

    for line in _joined_for_scoring(lines, opening):
        mentions = catalogue.find(line.text)
        if not mentions:
            continue
        distinct = {m.council.name for m in mentions if m.council is not None}
        in_head = id(line) in head
        is_running = re.sub(r"\d+", "#", line.text.lower()) in running
        for mention in mentions:
            if mention.council is None:
                ambiguous.append(mention.candidates)
                continue
            council = _resolve(mention.council, day, catalogue)
            if council is None:
                continue
            weight = 3.0 if mention.official else 1.0
            rule = "mentions"
            start = _sentence_start(line.text, mention.start)
            before = line.text[start:mention.start]
            if mention.possessive or _OWN_AREA.search(before) or re.match(r"\s+we\b", line.text[mention.end:]):
                weight *= 2
            if _COMPARING.search(before):
                weight *= 0.2
            elif len(distinct) >= 3:
                weight *= 0.3
            if council is not mention.council:
                weight *= 0.5  # a place in the area, not the council by name
            if in_head:
                weight *= 3
            if in_head and _council_only(line.text, catalogue):
                weight += 10
                rule = "title page"
            if is_running and council.name not in credited_running:
                credited_running.add(council.name)
                weight += 8
                rule = "running header"
            councils[council.name] = council
            scores[council.name] = scores.get(council.name, 0.0) + weight
            if weight > best.get(council.name, (0.0, None))[0]:
                best[council.name] = (weight, _evidence(rule, line, mention.start))
    for candidates in ambiguous:  # "BCC" supports Buckinghamshire only if the paper names it otherwise
        for council in candidates:
            if council.name in scores:
                scores[council.name] += 0.5
    from_name = _council_from_file_name(file_name, catalogue)
    if from_name is not None and from_name.name in scores:
        scores[from_name.name] += 2.0  # the file agrees with one the paper names: a tie-breaker
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    top = tuple((name, round(score, 2)) for name, score in ranked[:3])
    if not ranked or ranked[0][1] < MIN_SCORE:
        return None, None, top
    if len(ranked) > 1 and ranked[0][1] < MARGIN * ranked[1][1]:
        return None, None, top
    name = ranked[0][0]
    return councils[name], best[name][1], top


def _joined_for_scoring(lines: Sequence[_Line], opening: Sequence[_Line]) -> list[_Line]:
    """The opening as joined (wrapped header lines made whole), then the rest of the paper."""
    last = max((line.block for line in opening), default=-1)
    rest = [line for line in lines if line.block > last]
    return [*opening, *rest]


def _council_from_file_name(file_name: str, catalogue: CouncilCatalogue) -> Council | None:
    """A council whose name opens the file name ("north-yorkshire-childrens-2023.pdf"), or None.

    Only a whole alias at the start (after a leading date) counts: "s12345.pdf" and
    "Appendix 1 - Performance.pdf" name no council, and "north-..." alone is not enough.
    """
    stem = PurePath(file_name).stem if file_name else ""
    words = word_tokens(stem)
    skip = 0
    while skip < len(words) and words[skip].norm.isdigit():
        skip += 1
    if skip >= len(words):
        return None
    mentions = catalogue.find(stem[words[skip].start:], strict_case=False)
    first = mentions[0] if mentions else None
    return first.council if first is not None and first.start == 0 else None


def describe(identity: PaperIdentity) -> list[str]:
    """One line per field, with where it came from: for a debug listing or a log."""
    out = []
    for label, value, evidence in (
        ("council", identity.council, identity.council_from),
        ("committee", identity.committee, identity.committee_from),
        ("date", f"{identity.date.isoformat()} ({identity.date_kind})" if identity.date else None, identity.date_from),
        ("title", identity.title, identity.title_from),
    ):
        where = f"  [{evidence.rule}, page {evidence.page}: {evidence.text!r}]" if evidence else ""
        out.append(f"{label}: {value if value is not None else '-'}{where}")
    if identity.council is not None and not identity.council_in_catalogue:
        out.append("council: not in councils.toml")
    return out

