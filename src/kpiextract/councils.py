"""The councils a paper may be from: patterns/councils.toml as a catalogue, and matching names in text.

Every principal council of England, Wales, Scotland and Northern Ireland (and councils abolished
since 2019, with their successors), each with its kind of authority, region and aliases; a
user's --patterns folder adds names as for the other vocabularies. Matching prefers the longest
alias, at word boundaries, so "North Yorkshire" never matches "North Somerset"; a name must be
printed as a name ("Reading", not "reading").

    load_councils(patterns_dir=None) -> CouncilCatalogue
        .get(name), .match(text), .lookup(name) (a whole name or alias), .find(text) (every mention)
    match_council(text, councils=None) -> Council | None
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .buildcache import cached
from .vocab import bundled_dir, sources

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


def word_tokens(text: str) -> list[_Token]:
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
    return tuple(token.norm for token in word_tokens(alias))


def _keys(alias: str) -> list[tuple[str, ...]]:
    """The alias's words, and with "King's" also written "Kings" (both are common)."""
    tokens = word_tokens(alias)
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
        tokens = word_tokens(text)
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
        wanted = [t for t in word_tokens(name) if t.norm != "the"]
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
    return cached("councils", sources(COUNCILS_FILE, extra), CouncilCatalogue, lambda: _build(extra))


def _build(extra: str | None) -> CouncilCatalogue:
    """The catalogue with its word index built, so that a cached copy carries the index too."""
    catalogue = _read_councils(extra)
    _ = catalogue.index  # the property builds it
    return catalogue


def _read_councils(extra: str | None) -> CouncilCatalogue:
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


