"""Paper identity: which council a paper is from, for which committee, on what date, under what title.

Read from the paper itself: the title page ("Report to Cabinet", a "Meeting date | ..." table,
"To: ... Cabinet Committee – 25 September 2018", "Generated on: 26 May 2023"), running headers,
and the way a paper talks about its own council ("In Oldham we...", "Kent's statistical
neighbours"). The file name is used only as a last resort, and only when it starts with a
council's name: a ModernGov download (s12345.pdf) or "Appendix 1.pdf" gives no council rather
than a wrong one.

Council names come from patterns/councils.toml (names, aliases, type, region, abolished
councils), which a user's --patterns folder can extend, as with the other vocabularies.

The public API:
    identify(document, file_name=..., council=None, patterns_dir=None) -> PaperIdentity
        each field with an Evidence (rule, text as printed, page); describe(identity) lists them
    load_councils(patterns_dir=None) -> CouncilCatalogue
        .get(name), .match(text), .lookup(name) (a whole name or alias), .find(text) (every mention)
    match_council(text, councils=None) -> Council | None
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, NamedTuple

from .parsing.periods import find_periods
from .readers.document import Document
from .vocab import bundled_dir

COUNCILS_FILE = "councils.toml"

TYPES = frozenset({"county", "district", "unitary", "metropolitan-borough", "london-borough", "city-of-london",
                   "welsh-principal", "scottish-council", "ni-district"})
REGIONS = frozenset({"North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
                     "East of England", "London", "South East", "South West", "Wales", "Scotland", "Northern Ireland"})

# ---------------------------------------------------------------------------------------------
# The catalogue


@dataclass(frozen=True)
class Council:
    """One council of patterns/councils.toml."""

    name: str
    type: str | None = None
    region: str | None = None
    aliases: tuple[str, ...] = ()
    county: str | None = None
    former: bool = False
    until: int | None = None
    """The year an abolished council went, on 1 April (the start of the local government year)."""
    successor: str | None = None
    since: int | None = None
    note: str | None = None

    def existed_on(self, day: date) -> bool:
        return not self.former or self.until is None or day < date(self.until, 4, 1)

    def all_aliases(self) -> tuple[str, ...]:
        """The name, "<name> Council" and the listed aliases: the file need not repeat the obvious two."""
        found = [self.name, f"{self.name} Council", *self.aliases]
        return tuple(dict.fromkeys(found))


class _Token(NamedTuple):
    norm: str
    start: int
    end: int
    text: str
    """The word as printed, without an apostrophe-s."""
    possessive: bool = False


# Words, with an apostrophe inside ("King's", "Children's") kept in one token; "&" is a token
# so that "Brighton & Hove" and "Brighton and Hove" give the same tokens.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&")


def _fold(word: str) -> str:
    """Lower case without accents: "Môn" and "Mon" are one word to a reader who types either."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _tokens(text: str) -> list[_Token]:
    """The words of `text`, normalised for matching; a paper is tokenised once per look-up, so this is kept lean."""
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        start = match.start()
        if raw == "&":
            tokens.append(_Token("and", start, start + 1, raw))
            continue
        possessive = raw[-2:] in ("'s", "’s", "'S", "’S")
        word = raw[:-2] if possessive else raw
        norm = _fold(word)
        if "'" in norm or "’" in norm:
            norm = norm.replace("'", "").replace("’", "")
        if norm == "saint":  # "Saint Helens", "St. Helens" and "St Helens" are one council
            norm = "st"
        tokens.append(_Token(norm, start, start + len(word), word, possessive))
    return tokens


def _key(alias: str) -> tuple[str, ...]:
    return tuple(token.norm for token in _tokens(alias))


def _keys(alias: str) -> list[tuple[str, ...]]:
    """The alias's words, and with "King's" also written "Kings" (both are common)."""
    tokens = _tokens(alias)
    keys = [tuple(token.norm for token in tokens)]
    if any(token.possessive for token in tokens):
        keys.append(tuple(token.norm + "s" if token.possessive else token.norm for token in tokens))
    return [key for key in keys if key]


# Words of a council's formal style: an alias with one is a name only the council itself uses.
_OFFICIAL_WORDS = frozenset({"council", "borough", "county", "city", "corporation", "district", "comhairle", "cyngor"})
# Lower-case words inside names ("Stoke-on-Trent", "Na h-Eileanan Siar", "Sir y Fflint").
_CONNECTORS = frozenset({"and", "of", "upon", "on", "under", "the", "with", "in", "y", "ar", "nan", "na", "h", "le"})
# A surname that is also a place ("Cllr Jane Hart", "Mr Preston") names no council.
_HONORIFICS = frozenset({"cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady",
                         "prof", "professor", "rev", "baroness", "baron"})


def _is_acronym(alias: str) -> bool:
    """KCC, BCP, B&NES, IoW: letters that only mean the council when printed in capitals."""
    letters = alias.replace("&", "")
    return (" " not in alias and letters.isalnum() and len(letters) <= 6
            and sum(ch.isupper() for ch in letters) >= 2)


@dataclass(frozen=True)
class _Alias:
    key: tuple[str, ...]
    alias: str
    council: Council | None
    """None for an ambiguous alias or a not-a-council phrase."""
    candidates: tuple[Council, ...] = ()
    """The councils an ambiguous alias may mean."""
    blocker: bool = False
    acronym: bool = False
    official: bool = False


@dataclass(frozen=True)
class CouncilMention:
    """A council named in a text: which alias, where, and how it was printed."""

    council: Council | None
    """None when the alias is ambiguous (see candidates)."""
    alias: str
    text: str
    start: int
    end: int
    possessive: bool = False
    official: bool = False
    candidates: tuple[Council, ...] = ()
    length: int = 1
    """Words in the alias: the longer match is the more specific one."""


@dataclass
class CouncilCatalogue:
    councils: tuple[Council, ...]
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_councils: tuple[str, ...] = ()
    source: Path | None = None
    _by_name: dict[str, Council] = field(default_factory=dict, repr=False)
    _index: dict[str, list[_Alias]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {_fold(council.name): council for council in self.councils}

    def get(self, name: str) -> Council | None:
        """The council whose canonical name this is (any case)."""
        return self._by_name.get(_fold(name.strip()))

    def _build(self) -> dict[str, list[_Alias]]:
        """One token index over every alias, built once: a look-up per word of text, not a regex per council."""
        entries: dict[tuple[str, ...], _Alias] = {}
        owners: dict[tuple[str, ...], set[str]] = {}
        for council in self.councils:
            for alias in council.all_aliases():
                for key in _keys(alias):
                    owners.setdefault(key, set()).add(council.name)
                    if key not in entries:
                        entries[key] = _Alias(key, alias, council, acronym=_is_acronym(alias),
                                              official=bool(_OFFICIAL_WORDS & set(key)))
        for key, names in owners.items():
            if len(names) > 1:  # two councils claim one alias: it proves neither
                found = tuple(c for c in (self.get(n) for n in sorted(names)) if c is not None)
                entries[key] = _Alias(key, entries[key].alias, None, candidates=found)
        for alias, meant in self.ambiguous.items():
            found = tuple(c for c in (self.get(n) for n in meant) if c is not None)
            for key in _keys(alias):
                entries[key] = _Alias(key, alias, None, candidates=found, acronym=_is_acronym(alias))
        for phrase in self.not_councils:
            for key in _keys(phrase):
                entries[key] = _Alias(key, phrase, None, blocker=True)
        index: dict[str, list[_Alias]] = {}
        for entry in entries.values():
            index.setdefault(entry.key[0], []).append(entry)
        for candidates in index.values():
            candidates.sort(key=lambda e: (-len(e.key), -len(e.alias)))
        return index

    @property
    def index(self) -> dict[str, list[_Alias]]:
        if self._index is None:
            self._index = self._build()
        return self._index

    def find(self, text: str, *, strict_case: bool = True) -> list[CouncilMention]:
        """Every council named in `text`, left to right; at each place the longest alias wins.

        strict_case (for a paper's prose): a name must be printed as a name ("Reading", not
        "reading"; "KCC", not "kcc") and not follow a title ("Cllr Jane Hart"). Without it (a
        name typed by a user, a file name) any case matches.
        """
        tokens = _tokens(text)
        mentions: list[CouncilMention] = []
        index = self.index
        i = 0
        while i < len(tokens):
            matched: _Alias | None = None
            for entry in index.get(tokens[i].norm, ()):
                n = len(entry.key)
                if (i + n <= len(tokens) and all(tokens[i + k].norm == entry.key[k] for k in range(1, n))
                        and _adjacent(text, tokens, i, n)
                        and (not strict_case or entry.blocker or _printed_as_name(entry, text, tokens, i, n))):
                    matched = entry
                    break
            if matched is None:
                i += 1
                continue
            n = len(matched.key)
            if not matched.blocker:
                first, last = tokens[i], tokens[i + n - 1]
                mentions.append(CouncilMention(
                    council=matched.council, alias=matched.alias, text=text[first.start:last.end], start=first.start,
                    end=last.end, possessive=last.possessive, official=matched.official,
                    candidates=matched.candidates, length=n,
                ))
            i += n
        return mentions

    def match(self, text: str) -> Council | None:
        """The council `text` names, by its longest alias; None if none, or only an ambiguous one."""
        found = [m for m in self.find(text, strict_case=False) if m.council is not None]
        if not found:
            return None
        best = max(found, key=lambda m: (m.length, len(m.alias), -m.start))
        return best.council

    def lookup(self, name: str) -> Council | None:
        """The council `name` is a name or alias of, as a whole ("the" and punctuation aside)."""
        wanted = [t for t in _tokens(name) if t.norm != "the"]
        for mention in self.find(name, strict_case=False):
            if mention.council is None:
                continue
            covered = [t for t in wanted if mention.start <= t.start and t.end <= mention.end]
            if len(covered) == len(wanted):
                return mention.council
        return None


def _adjacent(text: str, tokens: Sequence[_Token], i: int, n: int) -> bool:
    """The words of a many-word alias follow each other: no table cell ("|") or paragraph between."""
    for k in range(i, i + n - 1):
        gap = text[tokens[k].end:tokens[k + 1].start]
        if tokens[k].possessive:
            gap = gap[2:]
        if len(gap) > 6 or gap.count("\n") > 1 or not re.fullmatch(r"[\s,.\-–'’]*", gap):
            return False
    return True


def _printed_as_name(entry: _Alias, text: str, tokens: Sequence[_Token], i: int, n: int) -> bool:
    words = tokens[i:i + n]
    if entry.acronym:
        printed = "".join(t.text for t in words)
        return printed == entry.alias.replace("&", "") or not any(ch.islower() for ch in printed)
    for word in words:
        if word.norm in _CONNECTORS or not word.text[:1].isalpha():
            continue
        # after a hyphen a name goes on in lower case: "Pen-y-bont", "Barrow-in-Furness"
        if not word.text[:1].isupper() and text[word.start - 1:word.start] != "-":
            return False
    before = [t for t in tokens[max(0, i - 2):i]]
    if before and before[-1].norm in _HONORIFICS:
        return False
    # "Cllr Jane Hart": a title, a capitalised given name, then the surname
    return not (len(before) == 2 and before[0].norm in _HONORIFICS and before[1].text[:1].isupper())


# ---------------------------------------------------------------------------------------------
# Loading


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _council(raw: dict[str, Any], where: Path) -> Council:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ValueError(f"{where}: every council needs a name (got {raw!r})")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list):
        raise ValueError(f"{where}: council {raw['name']!r}: aliases must be a list")
    if raw.get("type") is not None and raw["type"] not in TYPES:
        raise ValueError(f"{where}: council {raw['name']!r}: type must be one of {', '.join(sorted(TYPES))}")
    if raw.get("region") is not None and raw["region"] not in REGIONS:
        raise ValueError(f"{where}: council {raw['name']!r}: region must be one of {', '.join(sorted(REGIONS))}")
    until, since = raw.get("until"), raw.get("since")
    return Council(
        name=str(raw["name"]), type=raw.get("type"), region=raw.get("region"),
        aliases=tuple(str(a) for a in aliases), county=raw.get("county"), former=bool(raw.get("former", False)),
        until=int(until) if until is not None else None, successor=raw.get("successor"),
        since=int(since) if since is not None else None, note=raw.get("note"),
    )


def _extend(councils: dict[str, Council], raw: dict[str, Any], where: Path) -> None:
    """A user's entry: a known name gains aliases (and replaces fields it gives); a new name is added."""
    known = councils.get(_fold(str(raw.get("name", ""))))
    if known is None:
        entry = _council(raw, where)
        councils[_fold(entry.name)] = entry
        return
    aliases = list(known.aliases)
    aliases.extend(str(a) for a in raw.get("aliases", []) if a not in aliases)
    fields = {name: getattr(known, name) for name in Council.__dataclass_fields__}
    merged = {**fields, **{k: v for k, v in raw.items() if k not in ("aliases", "name")}, "aliases": aliases}
    councils[_fold(known.name)] = _council(merged, where)


def _add_lists(data: dict[str, Any], ambiguous: dict[str, tuple[str, ...]], not_councils: list[str]) -> None:
    for entry in data.get("ambiguous", []):
        alias = str(entry["alias"])
        ambiguous[alias] = tuple(dict.fromkeys([*ambiguous.get(alias, ()), *map(str, entry["councils"])]))
    not_councils.extend(str(p) for p in data.get("not_councils", []) if p not in not_councils)


def load_councils(patterns_dir: str | None = None) -> CouncilCatalogue:
    """The bundled councils, extended by `patterns_dir`'s councils.toml, else $KPIEXTRACT_PATTERNS's."""
    return _load(patterns_dir or os.environ.get("KPIEXTRACT_PATTERNS") or None)


@lru_cache(maxsize=8)
def _load(extra: str | None) -> CouncilCatalogue:
    base = bundled_dir()
    path = base / COUNCILS_FILE
    data = _read(path)
    councils: dict[str, Council] = {}
    for raw in data.get("council", []):
        entry = _council(raw, path)
        if _fold(entry.name) in councils:
            raise ValueError(f"{path}: duplicate council name {entry.name!r}")
        councils[_fold(entry.name)] = entry
    ambiguous: dict[str, tuple[str, ...]] = {}
    not_councils: list[str] = []
    _add_lists(data, ambiguous, not_councils)
    if extra:
        folder = Path(extra)
        if not folder.is_dir():
            raise FileNotFoundError(f"patterns folder not found: {folder}")
        user_path = folder / COUNCILS_FILE
        if user_path.is_file():
            user = _read(user_path)
            for raw in user.get("council", []):
                _extend(councils, raw, user_path)
            _add_lists(user, ambiguous, not_councils)
    return CouncilCatalogue(tuple(councils.values()), ambiguous, tuple(not_councils), source=base)


def match_council(text: str, councils: CouncilCatalogue | None = None) -> Council | None:
    """The council a name or phrase names ("Kent County Council", "Bucks", "north-somerset"), or None.

    Whole words, any case, "&" as "and", "St." as "St", hyphens as spaces; the longest alias wins,
    so "North Yorkshire" is never "North Somerset" and "City of York" is York. An ambiguous
    alias alone ("Newcastle") matches nothing.
    """
    return (councils or load_councils()).match(text)


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
# "Scrutiny Committee – Children and Families": a short qualifier may follow the noun, after a dash.
_COMMITTEE_END = re.compile(r"\b(?:committee|sub-committee|cabinet|board|panel|executive|commission|forum|council"
                            r"|assembly|scrutiny)(?:\s+[–—-]\s+[^–—-]{1,60})?\s*$", re.IGNORECASE)
_COMMITTEE_WORD = re.compile(r"\b(?:committee|cabinet|board|panel|executive|commission|forum|council|assembly"
                             r"|scrutiny|cabinet member|executive member|portfolio holder|leader)\b", re.IGNORECASE)
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
    for index, block in enumerate(document.blocks()):
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
            labelled = _LABELLED.match(text)
            label, value = (labelled.group(1), labelled.group(2)) if labelled else (None, None)
            lines.append(_Line(text, block.page, index, block.kind, label, value))
    return lines


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
    if len(inside) < 2:
        return None
    return next((name for name in sorted(known, key=len, reverse=True) if name in inside), None)


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
        if (line.label is not None or line.kind == "table" or not _short(text, 20) or text.endswith(".")
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
    tokens = _tokens(stem)
    skip = 0
    while skip < len(tokens) and tokens[skip].norm.isdigit():
        skip += 1
    if skip >= len(tokens):
        return None
    mentions = catalogue.find(stem[tokens[skip].start:], strict_case=False)
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

