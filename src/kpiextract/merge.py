"""One record per KPI per period per paper: a table row and a paragraph about the same figure merge.

Papers repeat themselves: the appendix scorecard gives 25% for Q3, section 4.3 says "25% in Q3,
above the national 21.5%". The analyst wants one row holding both, with both places cited.
Two records are the same KPI when their figures agree (allowing the prose to round the table's
44.4% to 44%), their periods agree, and their names are alike; the more alike the names, the
less the periods must prove.
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz

from .layouts.registry import LAYOUTS
from .models import Benchmark, KPIRecord
from .vocab import normalise

# a table row or a card is a record in its own right; prose is folded into rows and cards, a card
# into the row of the same KPI, never rows into each other nor cards into each other
READS = {name: layout.reads for name, layout in LAYOUTS.items()}
RANK = {"rows": 0, "cards": 1, "prose": 2}
TABLE_LAYOUTS = tuple(name for name, reads in READS.items() if reads in ("rows", "cards"))
MONTH_QUARTER = {m: (m - 4) % 12 // 3 + 1 for m in range(1, 13)}


def similarity(a: str, b: str) -> float:
    na, nb = normalise(a), normalise(b)
    return max(fuzz.token_set_ratio(na, nb) * 0.9, fuzz.token_sort_ratio(na, nb))


def _quarter_marks(text: str | None) -> set[int]:
    marks = {int(q) for q in re.findall(r"\bQ([1-4])\b|quarter\s+([1-4])", text or "", re.IGNORECASE) for q in q if q}
    return marks


def _dates(record: KPIRecord) -> tuple[date, date] | None:
    if record.period_start and record.period_end:
        return date.fromisoformat(record.period_start), date.fromisoformat(record.period_end)
    return None


def period_match(a: KPIRecord, b: KPIRecord) -> str:
    """'same' (the dates agree), 'loose' (nothing contradicts) or 'differ'."""
    da, db = _dates(a), _dates(b)
    if da and db:
        if da[0] <= db[1] and db[0] <= da[1]:
            return "same"
        qa = _quarter_marks(a.period) or {MONTH_QUARTER[da[1].month]}
        qb = _quarter_marks(b.period) or {MONTH_QUARTER[db[1].month]}
        return "loose-year" if qa & qb and da[1].year != db[1].year else "differ"
    qa, qb = _quarter_marks(a.period), _quarter_marks(b.period)
    if qa and qb and not qa & qb:
        return "differ"
    return "loose"


def values_agree(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    if abs(a - b) <= 1e-6 * max(1.0, abs(a)):
        return True
    # prose rounds the table's figure: 44.4% reported as 44%, 88.7% as 89%
    return any(float(whole).is_integer() and abs(whole - precise) < 0.5 for whole, precise in ((a, b), (b, a)))


def _code_key(code: str) -> str:
    """'CLM/ 03' (a PDF's spacing), 'CLM/03' and 'clm-03' are one code."""
    return re.sub(r"[\s/._-]+", "", code).lower()


def _score(keep: KPIRecord, new: KPIRecord) -> float:
    if not values_agree(keep.value, new.value):
        return 0.0
    periods = period_match(keep, new)
    if periods == "differ":
        return 0.0
    name = similarity(keep.indicator, new.indicator)
    needed = {"same": 45.0, "loose": 60.0, "loose-year": 90.0}[periods]
    if keep.layout not in TABLE_LAYOUTS:
        # two passages of prose with the same figure are often two KPIs that happen to agree
        # (100% of reviews on time, 100% of plans reviewed): only near-identical names merge
        needed = max(needed, 85.0)
    if keep.code and new.code and _code_key(keep.code) == _code_key(new.code):
        name = max(name, 100.0)
    if name < needed and _restates(keep, new):
        name = needed
    return name if name >= needed else 0.0


# the kind of figure a name gives, not what it counts: "recycling rate" counts recycling
FIGURE_KIND = frozenset({"rate", "rates", "percentage", "percent", "proportion", "number", "level", "average",
                         "total", "figure", "the", "a", "an", "of", "our", "this", "its"})


def _restates(table: KPIRecord, prose: KPIRecord) -> bool:
    """Prose telling a table's figure again under a short name of its own: "Overall satisfaction
    rose to 68.9%" beside the row "Proportion of respondents ... satisfied with the overall service
    ... 68.9%". The same exact figure, with a decimal so that it is no coincidence, and every word
    the prose counts by is one of the row's (or shares its stem: satisfaction, satisfied)."""
    if table.layout not in TABLE_LAYOUTS or prose.layout in TABLE_LAYOUTS:
        return False
    if table.value is None or prose.value is None or table.value != prose.value or float(table.value).is_integer():
        return False
    words = [w for w in normalise(prose.indicator).split() if w not in FIGURE_KIND]
    row = normalise(table.indicator).split()
    return bool(words) and len(words) <= 4 and all(any(_same_stem(word, other) for other in row) for word in words)


def _same_stem(a: str, b: str) -> bool:
    if a == b:
        return True
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return common >= 6 or (common >= 5 and min(len(a), len(b)) - common <= 4)


def _said_already(benchmark: Benchmark, kept: list[Benchmark]) -> bool:
    """A comparator the kept record has, or the same figure under another name: a table's
    "England 73%" told again in the text as "the national figure of 73%" is one comparator."""
    return any(b.name.lower() == benchmark.name.lower() or
               (b.value == benchmark.value and (b.period is None or benchmark.period is None or
                                                b.period == benchmark.period)) for b in kept)


def _absorb(keep: KPIRecord, new: KPIRecord) -> None:
    """Fill what the kept record lacks from the other, and cite the other's place."""
    for field in ("code", "period", "period_start", "period_end", "unit", "target_text", "intervention", "previous",
                  "next_target", "polarity", "rag", "commentary", "value_text"):
        if getattr(keep, field) is None and getattr(new, field) is not None:
            setattr(keep, field, getattr(new, field))
    if keep.target is None and keep.target_range is None:
        if new.target is not None:
            keep.target, keep.target_derived = new.target, new.target_derived
            keep.target_text = new.target_text
        elif new.target_range is not None:
            keep.target_range = new.target_range
    keep.benchmarks.extend(b for b in new.benchmarks if not _said_already(b, keep.benchmarks))
    keep.also_from.append(new.provenance())
    keep.also_from.extend(new.also_from)
    keep.confidence = max(keep.confidence, new.confidence)


def merge_records(records: list[KPIRecord]) -> list[KPIRecord]:
    """Merge records of the same KPI and period; tables are kept first, prose folds into them."""
    ordered = sorted(range(len(records)), key=lambda i: (RANK[READS.get(records[i].layout, "prose")], i))
    kept: list[KPIRecord] = []
    copied: set[int] = set()  # kept records copied before their first change: the input is left as it was
    for index in ordered:
        record = records[index]
        best: tuple[float, KPIRecord] | None = None
        for candidate in kept:
            if READS.get(candidate.layout) == READS.get(record.layout) != "prose":
                continue  # two table rows are two rows, two cards two cards, even when alike
            score = _score(candidate, record)
            if score and (best is None or score > best[0]):
                best = (score, candidate)
        if best is None:
            kept.append(record)  # copied only if it absorbs another: a long paper's records are not held twice
            continue
        keep = best[1]
        if id(keep) not in copied:
            at = next(i for i, other in enumerate(kept) if other is keep)
            keep = kept[at] = keep.model_copy(deep=True)
            copied.add(id(keep))
        _absorb(keep, record)
    position = {id(r): i for i, r in enumerate(kept)}
    return sorted(kept, key=lambda r: (r.page or 0, position[id(r)]))
