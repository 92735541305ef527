"""The indicator catalogue (patterns/catalogue.toml): canonical KPIs, and matching a paper's name to one.

Councils name the same KPI in many ways ("Repeat referrals", "percentage of referrals to
Children's Social Care within 12 months of a previous referral"); the catalogue gives each KPI a
stable id so figures from different papers line up. Matching must never guess: a name that is
close to two entries, or only generically close to one, is left unmatched. So before any fuzzy
score counts, an alias must pass hard checks: its numbers are in the name ("within 12 months" is
not "within 2 years"), no contrast set tells them apart ("primary" vs "secondary"), qualifiers
agree ("no re-referral" vs "re-referral"), and most of the alias's words are in the name and
most of the name's words in the alias. The vocabulary for all of this is data, in the
[matching] table of catalogue.toml, so a user extends it without touching code.

The bundled catalogue.toml is found like vocab.py's files; a catalogue.toml in the user's
patterns folder (--patterns / KPIEXTRACT_PATTERNS) adds indicators, or aliases to existing ids.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from .buildcache import cached
from .models import KPIRecord, Polarity
from .vocab import bundled_dir, normalise, sources

CATALOGUE_FILE = "catalogue.toml"

THRESHOLD = 70.0
"""Least score (0-100) that counts as a match; below it the record stays blank. The hard checks,
not the score, keep wrong entries out (on the sample papers no wrong entry passes them). Correct
matches there score 79.6 or more; the lowest are short aliases inside wordier names ("Percentage
of children in care who are NEET" for "children in care who are NEET"). 70 keeps those and drops
a name that shares little of its wording with any alias."""

MIN_ALIAS_COVERAGE = 0.8
"""Share of an alias's words that must be in the name: a specific alias cannot match a
generic name ("permanent exclusions primary" is not "permanent exclusion rate")."""

COMMON_IN = 10
"""A word in at least this many entries is common enough ("children", "percentage") that an
alias may leave it out of the name it matches."""

MIN_TEXT_COVERAGE = 0.6
"""Share of the name's words that must be in the alias: a short generic alias cannot claim a
long specific name."""

UNITS = frozenset({"%", "days", "weeks", "count", "rate", "score", "£", "kg"})
POLARITIES = frozenset({"higher", "lower"})

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "sixty": "60", "ninety": "90",
}
_NUMBER_WORD_RE = re.compile(rf"\b({'|'.join(_NUMBER_WORDS)})\b")
_NUMBER_TOKEN = re.compile(r"^\d+(?:p\d+)?$")
# Parenthesised exclusions ("(excluding exceptions)") qualify how a KPI is counted, not which KPI it is.
_EXCLUDING = re.compile(r"\((?:excl|incl)[^)]*\)?", re.IGNORECASE)
# Calendar and financial years say when, not which: "by September 2023", "2023/24".
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?(?!\d)")
# A percentage at the end of a name ("settings good or outstanding at 96.5%") is a reading that
# leaked into it, not part of the name.
_TRAILING_FIGURE = re.compile(r"(?:\bat\s+)?\d+(?:\.\d+)?\s*%\s*$")
_SUFFIXES = (
    ("ies", "y"), ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""),
    ("ed", ""), ("s", ""),
)


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None
    polarity: Polarity | None = None
    topic: str | None = None


@dataclass(frozen=True)
class Match:
    """The catalogue entry a name matched, how well, and through which alias."""

    id: str
    name: str
    score: float
    unit: str | None
    polarity: Polarity | None
    topic: str | None
    alias: str


def _prepare(text: str) -> str:
    """Normalised text with numbers made comparable, before synonyms are applied."""
    text = _EXCLUDING.sub(" ", _TRAILING_FIGURE.sub(" ", text.lower()))
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    text = re.sub(r"(?<=\d)\.(?=\d)", "p", text)  # "2.5" stays one number through normalise()
    text = _YEARS.sub(" ", text)
    text = text.replace("%", " percentage ")
    text = normalise(text)
    text = re.sub(r"'s\b", "", text).replace("'", "")
    text = re.sub(r"[-/+]", " ", text)
    text = re.sub(r"(?<=\d)(?!p\d)(?=[a-z])", " ", text)  # "16-18yrs" -> "18 yrs"
    text = _NUMBER_WORD_RE.sub(lambda m: _NUMBER_WORDS[m.group(1)], text)
    text = re.sub(r"(?<=\d) (?:and over|or over|and above|plus)\b", " ", text)  # "65 and over" is "65+"
    return re.sub(r"\s+", " ", text).strip()


def _stem(word: str) -> str:
    """Crude suffix stripping, so "exclusions", "completed" and "completion" meet their stems."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
            word = word[: -len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@dataclass(frozen=True)
class _Form:
    """A name or alias in matching form."""

    tokens: tuple[str, ...]
    token_set: frozenset[str]
    numbers: frozenset[str]
    string: str


_PLURAL_ENDINGS = ("es", "s")


@dataclass(frozen=True)
class _Phrase:
    """A synonym or noise phrase in matching form, and the canonical words it stands for."""

    words: tuple[str, ...]
    canonical: str

    @property
    def length(self) -> int:
        return sum(map(len, self.words)) + len(self.words) - 1

    def matches(self, words: list[str], at: int) -> bool:
        end = at + len(self.words)
        if end > len(words) or tuple(words[at:end - 1]) != self.words[:-1]:
            return False
        last, have = self.words[-1], words[end - 1]
        return have == last or any(have == last + ending for ending in _PLURAL_ENDINGS)


@dataclass
class Rules:
    """The [matching] vocabulary: stopwords, noise phrases, synonyms, contrasts and qualifiers."""

    stopwords: frozenset[str] = frozenset()
    noise: tuple[str, ...] = ()
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    contrasts: tuple[frozenset[str], ...] = ()
    qualifiers: tuple[frozenset[str], ...] = ()
    _phrases: dict[str, list[_Phrase]] = field(default_factory=dict, repr=False)
    """the synonyms and noise by their first word: a word index, not one regex alternation of every
    phrase, which took longer to compile (~16 ms a process) than all the lookups of a paper"""

    def compile(self) -> Rules:
        replace: dict[str, str] = {}
        for canonical, variants in self.synonyms.items():
            for variant in [canonical, *variants]:
                replace.setdefault(_prepare(variant), canonical)
        for phrase in self.noise:
            replace.setdefault(_prepare(phrase), "")
        replace.pop("", None)
        # Longest first, so "initial child protection conference" wins over "child protection".
        phrases: dict[str, list[_Phrase]] = {}
        for variant in sorted(replace, key=len, reverse=True):
            words = tuple(variant.split())
            phrases.setdefault(words[0], []).append(_Phrase(words, replace[variant]))
        self._phrases = phrases
        # Groups are written as words ("adults", "stage 1"); compare them in token form.
        self.contrasts = tuple(self._terms(group) for group in self.contrasts)
        self.qualifiers = tuple(self._terms(group) for group in self.qualifiers)
        return self

    def _canonical(self, words: list[str]) -> list[str]:
        """The words with each synonym or noise phrase replaced by its canonical words (none for
        noise). At each word the longest phrase that starts there wins; a phrase's last word may
        carry a plural ending the phrase does not ("looked after child" in "looked after children"
        is not one, "care leaver" in "care leavers" is)."""
        out: list[str] = []
        at = 0
        while at < len(words):
            phrase = self._phrase_at(words, at)
            if phrase is None:
                out.append(words[at])
                at += 1
            else:
                out.extend(phrase.canonical.split())
                at += len(phrase.words)
        return out

    def _phrase_at(self, words: list[str], at: int) -> _Phrase | None:
        word = words[at]
        # a one-word phrase may be the word less its plural ending; a longer one starts with the word
        keys = [word] + [word[: -len(end)] for end in _PLURAL_ENDINGS if word.endswith(end) and len(word) > len(end)]
        best: _Phrase | None = None
        for key in keys:
            for phrase in self._phrases.get(key, ()):
                if (best is None or phrase.length > best.length) and phrase.matches(words, at):
                    best = phrase
                    break  # each list is longest first
        return best

    def _terms(self, group: Iterable[str]) -> frozenset[str]:
        return frozenset(token for term in group for token in self.form(term).tokens)

    def form(self, text: str) -> _Form:
        protected = self.synonyms.keys()
        tokens: list[str] = []
        for word in self._canonical(_prepare(text).split()):
            if word in self.stopwords:
                continue
            token = word if word in protected else _stem(word)
            if token not in tokens:
                tokens.append(token)
        return _Form(
            tokens=tuple(tokens),
            token_set=frozenset(tokens),
            numbers=frozenset(t for t in tokens if _NUMBER_TOKEN.match(t)),
            string=" ".join(tokens),
        )

    def conflict(self, text: _Form, alias: _Form) -> bool:
        """True when a hard rule says the two name different indicators."""
        if not alias.numbers <= text.numbers or (text.numbers and not alias.numbers):
            return True
        for group in self.contrasts:
            in_text, in_alias = group & text.token_set, group & alias.token_set
            if in_text and in_alias and not in_text & in_alias:
                return True
        return any(bool(group & text.token_set) != bool(group & alias.token_set) for group in self.qualifiers)


@dataclass
class Catalogue:
    indicators: tuple[Indicator, ...]
    rules: Rules
    source: Path
    _forms: list[tuple[Indicator, str, _Form]] = field(default_factory=list, repr=False)
    _index: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _idf: dict[str, float] = field(default_factory=dict, repr=False)
    light: float = field(default=0.0, repr=False)

    def compile(self) -> Catalogue:
        self.rules.compile()
        self._forms, self._index = [], {}
        for indicator in self.indicators:
            for alias in (indicator.name, *indicator.aliases):
                form = self.rules.form(alias)
                if not form.tokens:
                    raise ValueError(f"catalogue: alias {alias!r} of {indicator.id!r} has no meaningful words")
                position = len(self._forms)
                self._forms.append((indicator, alias, form))
                for token in form.tokens:
                    self._index.setdefault(token, []).append(position)
        spread: dict[str, set[str]] = {}
        for indicator, _, form in self._forms:
            for token in form.tokens:
                spread.setdefault(token, set()).add(indicator.id)
        count = len(self.indicators)
        self._idf = {token: math.log(1 + count / len(ids)) for token, ids in spread.items()}
        self.light = math.log(1 + count / COMMON_IN)
        return self

    def weight(self, token: str) -> float:
        """How specific a word is: rare in the catalogue (or absent from it) weighs most."""
        return self._idf.get(token, math.log(1 + len(self.indicators)))

    def get(self, indicator_id: str) -> Indicator | None:
        return next((entry for entry in self.indicators if entry.id == indicator_id), None)

    def candidates(self, text: str, limit: int = 5) -> list[Match]:
        """The best-scoring entries that pass the hard checks, best first, whatever their score."""
        return self._rank(text)[0][:limit]

    def best(self, text: str) -> Match | None:
        """The one entry `text` names, or None when none does or when it also names another."""
        ranked, contained = self._rank(text)
        if not ranked:
            return None
        winner = ranked[0]
        said = frozenset().union(*(form.token_set for form in contained[winner.id]))
        for other_id, forms in contained.items():
            # A name that also contains another entry's alias, with a specific word the winner's
            # aliases lack, names two indicators ("X and Y"): which one is meant is a guess.
            if other_id != winner.id and any(self._says_more(form, said) for form in forms):
                return None
        return winner

    def _says_more(self, alias: _Form, said: frozenset[str]) -> bool:
        return any(self.weight(t) > self.light and not _found(t, said) for t in alias.tokens)

    def _rank(self, text: str) -> tuple[list[Match], dict[str, list[_Form]]]:
        name = self.rules.form(text)
        best: dict[str, Match] = {}
        contained: dict[str, list[_Form]] = {}
        for position in sorted({p for token in name.tokens for p in self._index.get(token, ())}):
            indicator, alias, form = self._forms[position]
            if not self._covers(name, form):
                continue
            # Kept before the hard rules: "X and Y" names Y even when X's words rule Y out.
            contained.setdefault(indicator.id, []).append(form)
            if self.rules.conflict(name, form):
                continue
            score = self._score(name, form)
            if score is None:
                continue
            previous = best.get(indicator.id)
            if previous is None or score > previous.score:
                best[indicator.id] = Match(
                    id=indicator.id, name=indicator.name, score=score, unit=indicator.unit,
                    polarity=indicator.polarity, topic=indicator.topic, alias=alias,
                )
        return sorted(best.values(), key=lambda m: -m.score), contained

    def _covers(self, name: _Form, alias: _Form) -> bool:
        """Whether the alias's words are in the name, bar a few common ones ("children",
        "completed"): a missing specific word ("first", "adoption", "EET") means another indicator."""
        missing = [t for t in alias.tokens if not _found(t, name.token_set)]
        covered = len(alias.tokens) - len(missing)
        return covered + 1e-9 >= MIN_ALIAS_COVERAGE * len(alias.tokens) and all(
            self.weight(t) <= self.light for t in missing
        )

    def _score(self, name: _Form, alias: _Form) -> float | None:
        """The alias's score for a name that contains it (0-100), or None when the name says much more."""
        # The name's words count by how rare they are in the catalogue: a name may carry common words
        # ("percentage", "children") the alias leaves out, but not specific ones ("seen", "KCC").
        total = sum(self.weight(t) for t in name.tokens)
        if sum(self.weight(t) for t in name.tokens if _found(t, alias.token_set)) < MIN_TEXT_COVERAGE * total:
            return None
        # token_set forgives extra words in the name; token_sort does not: the mean prefers the
        # alias that says the same thing and no more.
        set_ratio = fuzz.token_set_ratio(name.string, alias.string)
        return round((set_ratio + fuzz.token_sort_ratio(name.string, alias.string)) / 2, 1)


def _found(token: str, have: frozenset[str]) -> bool:
    """Whether `token` is in `have`, allowing near-identical long words (typos, spelling)."""
    if token in have:
        return True
    if len(token) < 6 or not token.isalpha():
        return False
    # 90 keeps "permanent" and "permanenc" (permanence) apart while "benefitt" meets "benefit".
    return process.extractOne(token, have, scorer=fuzz.ratio, score_cutoff=90) is not None


# ---------------------------------------------------------------------------------------------
# Loading


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _indicator(raw: dict[str, Any], where: Path) -> Indicator:
    if not raw.get("id") or not raw.get("name"):
        raise ValueError(f"{where}: every [[indicator]] needs an id and a name (got {raw!r})")
    polarity = raw.get("polarity")
    if polarity is not None and polarity not in POLARITIES:
        raise ValueError(f"{where}: indicator {raw['id']!r}: polarity must be 'higher' or 'lower', not {polarity!r}")
    return Indicator(
        id=str(raw["id"]), name=str(raw["name"]), aliases=tuple(str(a) for a in raw.get("aliases", [])),
        unit=raw.get("unit"), polarity=polarity, topic=raw.get("topic"),
    )


def _extend(entries: dict[str, Indicator], raw: dict[str, Any], where: Path) -> None:
    """Add a user entry: a new id is a new indicator; a known id gains aliases (and given fields)."""
    known = entries.get(str(raw.get("id", "")))
    if known is None:
        entry = _indicator(raw, where)
        entries[entry.id] = entry
        return
    aliases = list(known.aliases)
    aliases.extend(a for a in raw.get("aliases", []) if a not in aliases)
    merged = {**asdict(known), **{k: v for k, v in raw.items() if k != "aliases"}, "aliases": aliases}
    entries[known.id] = _indicator(merged, where)


def _merge_rules(rules: dict[str, Any], extra: dict[str, Any]) -> None:
    for key in ("stopwords", "noise", "contrasts", "qualifiers"):
        rules.setdefault(key, [])
        rules[key].extend(v for v in extra.get(key, []) if v not in rules[key])
    synonyms = rules.setdefault("synonyms", {})
    for canonical, variants in extra.get("synonyms", {}).items():
        synonyms.setdefault(canonical, [])
        synonyms[canonical].extend(v for v in variants if v not in synonyms[canonical])


def load(extra_dir: str | None = None) -> Catalogue:
    """The bundled catalogue, extended by `extra_dir`'s catalogue.toml, else $KPIEXTRACT_PATTERNS's."""
    return _load(extra_dir or os.environ.get("KPIEXTRACT_PATTERNS") or None)


@lru_cache(maxsize=8)
def _load(extra: str | None) -> Catalogue:
    return cached("catalogue", sources(CATALOGUE_FILE, extra), Catalogue, lambda: _build(extra))


def _build(extra: str | None) -> Catalogue:
    base = bundled_dir()
    data = _read(base / CATALOGUE_FILE)
    entries: dict[str, Indicator] = {}
    for raw in data.get("indicator", []):
        entry = _indicator(raw, base / CATALOGUE_FILE)
        if entry.id in entries:
            raise ValueError(f"{base / CATALOGUE_FILE}: duplicate indicator id {entry.id!r}")
        entries[entry.id] = entry
    matching: dict[str, Any] = {}
    _merge_rules(matching, data.get("matching", {}))
    if extra:
        folder = Path(extra)
        if not folder.is_dir():
            raise FileNotFoundError(f"patterns folder not found: {folder}")
        path = folder / CATALOGUE_FILE
        if path.is_file():
            user = _read(path)
            for raw in user.get("indicator", []):
                _extend(entries, raw, path)
            _merge_rules(matching, user.get("matching", {}))
    rules = Rules(
        stopwords=frozenset(matching["stopwords"]),
        noise=tuple(matching["noise"]),
        synonyms={key: list(values) for key, values in matching["synonyms"].items()},
        contrasts=tuple(frozenset(group) for group in matching["contrasts"]),
        qualifiers=tuple(frozenset(group) for group in matching["qualifiers"]),
    )
    return Catalogue(indicators=tuple(entries.values()), rules=rules, source=base).compile()


# ---------------------------------------------------------------------------------------------
# The API


def entries(catalogue: Catalogue | None = None) -> list[Indicator]:
    """Every indicator in the catalogue, in file order."""
    return list((catalogue or load()).indicators)


def candidates(text: str, catalogue: Catalogue | None = None, limit: int = 5) -> list[Match]:
    """The closest entries to `text` that pass the hard checks, best first, below the threshold too."""
    return (catalogue or load()).candidates(text, limit)


def match(text: str, catalogue: Catalogue | None = None, threshold: float = THRESHOLD) -> Match | None:
    """The catalogue entry `text` names, or None when none is close enough: blank beats a wrong guess."""
    found = (catalogue or load()).best(text)
    return found if found is not None and found.score >= threshold else None


# units that measure the same kind of thing; a record and an entry in different families differ
UNIT_FAMILIES = {"%": "share", "rate": "rate", "days": "time", "weeks": "time", "hours": "time",
                 "minutes": "time", "seconds": "time", "months": "time", "£": "money", "score": "score"}


def units_agree(record_unit: str | None, entry_unit: str | None) -> bool:
    """True unless both units are known measurements of different kinds (a count or a bare
    number can be printed for anything, so it never rules a match out)."""
    a, b = UNIT_FAMILIES.get(record_unit or ""), UNIT_FAMILIES.get(entry_unit or "")
    return a is None or b is None or a == b


def annotate(records: Iterable[KPIRecord], catalogue: Catalogue | None = None) -> None:
    """Fill each record's canonical_id, canonical_name and catalogue_score; and its polarity from
    the catalogue when the paper did not give one (the paper's own word always wins)."""
    catalogue = catalogue or load()
    seen: dict[str, Match | None] = {}  # a paper repeats each name once per period
    for record in records:
        if record.indicator not in seen:
            seen[record.indicator] = match(record.indicator, catalogue)
        found = seen[record.indicator]
        if found is not None and not units_agree(record.unit, found.unit):
            found = None  # "average time to answer a call" in seconds is not "% of calls answered"
        record.canonical_id = found.id if found else None
        record.canonical_name = found.name if found else None
        record.catalogue_score = found.score if found else None
        if found and record.polarity is None and found.polarity is not None:
            record.polarity = found.polarity
