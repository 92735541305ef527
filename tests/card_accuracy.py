"""Score the records read from the card corpus (tests/data/cards) against its hand-written expectations.

`python -m tests.card_accuracy [--show]` prints a table per file; tests/test_cards.py holds the bars.
Beyond the gold fields scored by tests/accuracy.py (indicator, value, period, target,
benchmarks), a card's expected record lists intervention, previous value and its rating, RAG,
polarity, direction, kind and page: each is checked on the matched records where it is given.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from kpiextract.api import extract
from kpiextract.models import KPIRecord

from .accuracy import period_tokens, score

CARDS = Path(__file__).parent / "data" / "cards"
FIELDS = ("period", "unit", "target", "intervention", "previous", "previous_rag", "polarity", "rag", "direction",
          "kind", "page", "code", "benchmarks")


def expected(stem: str) -> dict:
    return dict(json.loads((CARDS / f"{stem}.expected.json").read_text(encoding="utf-8")))


def inputs(stem: str) -> list[Path]:
    return sorted(p for p in CARDS.glob(f"{stem}.*") if p.suffix in (".pdf", ".txt", ".md"))


def years(period: str | None) -> set[str]:
    """'2024/25' and 'Sep-24' both name their years: {'2024', '2025'}, {'2024'}."""
    found: set[str] = set()
    for first, second in re.findall(r"((?:19|20)\d\d)(?:\s*[/-]\s*(\d{2,4}))?", period or ""):
        found |= {first, first[:2] + second[-2:]} if second else {first}
    for short in re.findall(r"(?<![\d/])[A-Za-z]{3}[-\s'’](\d{2})\b|\b(\d{2})/(\d{2})\b", period or ""):
        found |= {"20" + part for part in short if part}
    return found


def same_period(expect: str | None, got: str | None) -> bool:
    """The same month or quarter of the same year, however it is written ('Sep-24', 'September 2024')."""
    if expect is None or got is None:
        return expect is got
    return period_tokens(expect) == period_tokens(got) and bool(years(expect) & years(got))


def _close(a: object, b: object) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int):
        return math.isclose(float(a), float(b), abs_tol=0.051)
    return a == b


def actual(record: KPIRecord, name: str, producer: str) -> object:
    if name == "previous":
        return record.previous.value if record.previous else None
    if name == "previous_rag":
        return record.previous.rag if record.previous else None
    if name == "benchmarks":
        return {b.name: b.value for b in record.benchmarks if b.value is not None}
    if name == "page":
        return record.page
    return getattr(record, name)


def want(gold: dict, name: str, producer: str) -> object:
    value = gold[name]
    if name == "page" and isinstance(value, dict):
        return value.get(producer)
    return value


@dataclass
class CardScore:
    path: Path
    recall: float
    precision: float
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def field_accuracy(self) -> float:
        return 1.0 - len(self.wrong) / self.checked if self.checked else 1.0


def score_file(path: Path) -> CardScore:
    stem = path.name.split(".")[0]
    gold = expected(stem)["records"]
    producer = path.name.split(".")[1]
    records = extract(path).records
    found = score(gold, records)
    result = CardScore(path, found.recall, found.precision,
                       missed=[f"{g['indicator']} = {g['value']}" for g in found.missed],
                       extra=[f"{r.indicator!r} = {r.value_text} (p{r.page})" for r in found.extra])
    for g, record in found.matched:
        for name in FIELDS:
            if name not in g:
                continue
            result.checked += 1
            expect, got = want(g, name, producer), actual(record, name, producer)
            if name == "benchmarks":
                ok = set(expect) == set(got) and all(_close(expect[k], got[k]) for k in expect)
            elif name == "period":
                ok = same_period(expect, got)  # type: ignore[arg-type]
            else:
                ok = _close(expect, got)
            if not ok:
                result.wrong.append(f"{g['indicator'][:50]}: {name} {expect!r} != {got!r}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    totals = [0.0, 0.0, 0.0, 0]
    for gold in sorted(CARDS.glob("*.expected.json")):
        for path in inputs(gold.name.split(".")[0]):
            result = score_file(path)
            totals[0] += result.recall
            totals[1] += result.precision
            totals[2] += result.field_accuracy
            totals[3] += 1
            print(f"{path.name:52} recall={result.recall:.2f} precision={result.precision:.2f} "
                  f"fields={result.field_accuracy:.2f}")
            if args.show:
                for line in result.missed:
                    print("    MISS ", line)
                for line in result.extra:
                    print("    EXTRA", line)
                for line in result.wrong:
                    print("    WRONG", line)
    n = max(1, int(totals[3]))
    print(f"MEAN recall={totals[0] / n:.3f} precision={totals[1] / n:.3f} fields={totals[2] / n:.3f} files={n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
