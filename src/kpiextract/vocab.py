"""Load the vocabularies in patterns/ (data, not code) and answer questions with them.

The data ships inside the installed package (kpiextract/patterns); in a source checkout it is
read from the top-level patterns/ folder. A user can point KPIEXTRACT_PATTERNS (or the CLI's
--patterns) at a folder of their own: its files extend the bundled ones, alias by alias.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent / "patterns"
SOURCE_DIR = Path(__file__).resolve().parents[2] / "patterns"


def bundled_dir() -> Path:
    return PACKAGE_DIR if PACKAGE_DIR.is_dir() else SOURCE_DIR


def sources(file_name: str, extra: str | None) -> list[Path]:
    """The files a vocabulary is read from: the bundled one, then the user's of the same name in
    `extra` if it has one. A missing `extra` folder is an error, not an empty extension."""
    found = [bundled_dir() / file_name]
    if extra:
        if not Path(extra).is_dir():
            raise FileNotFoundError(f"patterns folder not found: {extra}")
        if (Path(extra) / file_name).is_file():
            found.append(Path(extra) / file_name)
    return found


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', punctuation to spaces, single spaces: the form aliases are matched in."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9%+'/-]+", " ", text)
    text = re.sub(r"(?<![a-z0-9])[-/']|[-/'](?![a-z0-9])", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_SOFT_BREAK = re.compile(r"(?<=[a-z])-(?=[a-z])")
_BROKEN_WORDS = 4
"""The most words a text may have for its words to be tried joined: a header cell or a status,
never a sentence (a join per space of a long text would cost a lookup each)."""


def _unbroken(norm: str) -> list[str]:
    """Readings of normalised text whose words a narrow column broke at a line's end: without
    hyphens inside words ("Am-" / "ber"), and, for a short text, with one break closed ("Comparato"
    / "r group", "Measur" / "e"). Only a fallback, for a text that names nothing as printed, since
    most hyphens and spaces are the words' own ("re-referrals", "long-term")."""
    whole = _SOFT_BREAK.sub("", norm) if "-" in norm else norm
    found = [whole] if whole != norm else []
    words = whole.split(" ")
    if 1 < len(words) <= _BROKEN_WORDS:
        found += [" ".join([*words[:i], words[i] + words[i + 1], *words[i + 2:]]) for i in range(len(words) - 1)]
    return found


_RUN = re.compile(r"[a-z0-9]+")
"""A run of letters and digits: an alias matches only where such runs start and end."""
_MEMO_SIZE = 4096
"""Texts a phrasebook remembers its answer for: a table's header cells are looked up by every
layout that considers the table."""


@dataclass
class Phrasebook:
    """Labels with aliases, matched as whole words; the longest alias found wins.

    Aliases are indexed by their first run of letters and digits: an alias that starts with one
    can only match where the text has that very run (its match starts where a run starts and,
    the run in the alias being followed by a space or its end, stops where the run stops), so a
    lookup tries only the aliases whose first run the text contains, in the longest-first order.
    """

    aliases: dict[str, list[str]] = field(default_factory=dict)
    _compiled: list[tuple[str, str, int]] = field(default_factory=list, repr=False)
    """each normalised alias, its label and its length, longest first"""
    _patterns: dict[int, re.Pattern[str]] = field(default_factory=dict, repr=False)
    """the aliases' patterns, compiled when a lookup first tries them: most never are in a run"""
    _whole: dict[str, str] = field(default_factory=dict, repr=False)
    """each normalised alias and its label, for `exact` (the longest alias's label first, as `find`)"""
    _by_run: dict[str, list[int]] = field(default_factory=dict, repr=False)
    """positions in `_compiled` of the aliases opening with each run"""
    _unindexed: list[int] = field(default_factory=list, repr=False)
    """positions of the aliases opening with a mark ('%', '+'): tried on every text"""
    _memo: dict[tuple[str, int], tuple[str, re.Match[str]] | None] = field(default_factory=dict, repr=False)

    def compile(self) -> Phrasebook:
        entries = []
        for label, words in self.aliases.items():
            for alias in words:
                norm = normalise(alias)
                if norm:
                    entries.append((norm, label, len(norm)))
        entries.sort(key=lambda e: -e[2])
        self._compiled = entries
        self._whole, self._patterns = {}, {}
        self._by_run, self._unindexed, self._memo = {}, [], {}
        for position, (norm, label, _) in enumerate(entries):
            self._whole.setdefault(norm, label)
            first = _RUN.match(norm)
            if first:
                self._by_run.setdefault(first.group(), []).append(position)
            else:
                self._unindexed.append(position)
        return self

    def find(self, text: str, min_length: int = 1) -> tuple[str, re.Match[str]] | None:
        """The label of the longest alias in the text, with where it matched (in normalised text).
        A word a narrow column broke at a line's end ("Ac-tual", "Comparato r") is tried whole as well."""
        key = (text, min_length)
        if key in self._memo:
            return self._memo[key]
        norm = normalise(text)
        found = self._search(norm, min_length)
        for reading in _unbroken(norm) if found is None else ():
            found = self._search(reading, min_length)
            if found is not None:
                break
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = found
        return found

    def _search(self, norm: str, min_length: int) -> tuple[str, re.Match[str]] | None:
        candidates = set(self._unindexed)
        for run in set(_RUN.findall(norm)):
            candidates.update(self._by_run.get(run, ()))
        found = None
        for position in sorted(candidates):
            alias, label, length = self._compiled[position]
            if length < min_length:
                continue
            match = self._pattern(position, alias).search(norm)
            if match:
                found = label, match
                break
        return found

    def _pattern(self, position: int, alias: str) -> re.Pattern[str]:
        pattern = self._patterns.get(position)
        if pattern is None:
            pattern = self._patterns[position] = re.compile(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])")
        return pattern

    def label(self, text: str, min_length: int = 1) -> str | None:
        found = self.find(text, min_length)
        return found[0] if found else None

    def exact(self, text: str) -> str | None:
        """The label whose alias is the whole text (status cells, 'Aim to' cells)."""
        norm = normalise(text)
        found = self._whole.get(norm)
        for reading in _unbroken(norm) if found is None else ():
            found = self._whole.get(reading)
            if found is not None:
                break
        return found


@dataclass
class Vocabulary:
    headers: Phrasebook
    comparators: Phrasebook
    polarity: Phrasebook
    rag: Phrasebook
    source: Path
    measure_words: re.Pattern[str] = re.compile(r"(?!x)x")
    """Words that mark a phrase as naming a measure ("percentage of", "average", "caseload")."""
    rag_symbols: dict[str, str] = field(default_factory=dict)
    """Status marks that are not words ("✓" green, "✗" red)."""
    direction: Phrasebook = field(default_factory=Phrasebook)
    """Direction-of-travel words: improving, worsening, unchanged."""
    arrows: dict[str, str] = field(default_factory=dict)
    """Arrow marks and what they point: up, down or level ("↑" up, "⇩" down, "→" level)."""
    activity: Phrasebook = field(default_factory=Phrasebook)
    """Words that mark a figure as activity (demand, context) rather than a KPI: "activity indicator"."""
    activity_tags: Phrasebook = field(default_factory=Phrasebook)
    """The short tags that say so in brackets after a name: "(activity)", "(contextual)"."""
    chart_notes: Phrasebook = field(default_factory=Phrasebook)
    """How small print under a chart opens ("No data for", "Source:"): never a KPI's name."""
    previous_spans: Phrasebook = field(default_factory=Phrasebook)
    """How far back a previous-value column looks: "year" (same period last year) or "step"."""
    current_period: Phrasebook = field(default_factory=Phrasebook)
    """Value headers that mean the reporting period: "quarter", "month", "year" or "any" ("Latest")."""
    unit_cost: Phrasebook = field(default_factory=Phrasebook)
    """Words that make a sum of money a measure: "per", "average" ("Cost per library visit")."""
    whole_headers: Phrasebook = field(default_factory=Phrasebook)
    """Roles a word names only as a whole header ("Plan" is a target; "Plan priority" is not)."""


def measure_pattern(words: list[str]) -> re.Pattern[str]:
    """Whole-word alternatives; 'plan*' matches plan, plans, planned."""
    parts = []
    for word in words:
        stem = word.rstrip("*")
        body = re.escape(stem).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
        edge = r"\w*" if word.endswith("*") else r"(?!\w)"
        parts.append(rf"(?<!\w){body}{edge}" if stem[:1].isalnum() else rf"{body}")
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _merge_lists(base: dict[str, list[str]], extra: dict[str, list[str]]) -> dict[str, list[str]]:
    merged = {key: list(values) for key, values in base.items()}
    for key, values in extra.items():
        merged.setdefault(key, [])
        merged[key].extend(v for v in values if v not in merged[key])
    return merged


def _comparators(data: dict[str, Any]) -> dict[str, list[str]]:
    return {entry["name"]: [entry["name"], *entry.get("aliases", [])] for entry in data.get("comparator", [])}


def _load_dir(folder: Path) -> dict[str, dict[str, list[str]]]:
    tables: dict[str, dict[str, list[str]]] = {"headers": {}, "comparators": {}, "polarity": {}, "rag": {},
                                                "measure_words": {}, "rag_symbols": {}, "direction": {},
                                                "arrows": {}, "activity": {}, "activity_tags": {}, "chart_notes": {},
                                                "previous_spans": {}, "current_period": {},
                                                "unit_cost": {}, "whole_headers": {}}
    if (folder / "headers.toml").is_file():
        data = _read(folder / "headers.toml")
        tables["headers"] = data.get("roles", {})
        tables["previous_spans"] = data.get("previous_spans", {})
        tables["current_period"] = data.get("current_period", {})
        tables["whole_headers"] = data.get("whole_header", {})
    if (folder / "comparators.toml").is_file():
        tables["comparators"] = _comparators(_read(folder / "comparators.toml"))
    if (folder / "vocabulary.toml").is_file():
        data = _read(folder / "vocabulary.toml")
        tables["polarity"] = data.get("polarity", {})
        tables["rag"] = data.get("rag", {})
        tables["measure_words"] = {"words": data.get("measure_words", {}).get("words", [])}
        tables["rag_symbols"] = data.get("rag_symbols", {})
        tables["direction"] = data.get("direction", {})
        tables["arrows"] = data.get("direction_arrows", {})
        tables["activity"] = {"activity": data.get("activity", {}).get("words", [])}
        tables["activity_tags"] = {"activity": data.get("activity", {}).get("tags", [])}
        tables["chart_notes"] = {"note": data.get("chart_notes", {}).get("words", [])}
        tables["unit_cost"] = {"unit_cost": data.get("unit_cost", {}).get("words", [])}
    return tables


def load(extra_dir: str | None = None) -> Vocabulary:
    """The bundled vocabulary, extended by `extra_dir` or else $KPIEXTRACT_PATTERNS if set."""
    return _load(extra_dir or os.environ.get("KPIEXTRACT_PATTERNS") or None)


@lru_cache(maxsize=8)
def _load(extra: str | None) -> Vocabulary:
    base = bundled_dir()
    tables = _load_dir(base)
    if extra:
        folder = Path(extra)
        if not folder.is_dir():
            raise FileNotFoundError(f"patterns folder not found: {folder}")
        for key, values in _load_dir(folder).items():
            tables[key] = _merge_lists(tables[key], values)
    return Vocabulary(
        headers=Phrasebook(tables["headers"]).compile(),
        comparators=Phrasebook(tables["comparators"]).compile(),
        polarity=Phrasebook(tables["polarity"]).compile(),
        rag=Phrasebook(tables["rag"]).compile(),
        source=base,
        measure_words=measure_pattern(tables["measure_words"].get("words", [])),
        rag_symbols={mark: label for label, marks in tables["rag_symbols"].items() for mark in marks},
        direction=Phrasebook(tables["direction"]).compile(),
        arrows={mark: label for label, marks in tables["arrows"].items() for mark in marks},
        activity=Phrasebook(tables["activity"]).compile(),
        activity_tags=Phrasebook(tables["activity_tags"]).compile(),
        chart_notes=Phrasebook(tables["chart_notes"]).compile(),
        previous_spans=Phrasebook(tables["previous_spans"]).compile(),
        current_period=Phrasebook(tables["current_period"]).compile(),
        unit_cost=Phrasebook(tables["unit_cost"]).compile(),
        whole_headers=Phrasebook(tables["whole_headers"]).compile(),
    )
