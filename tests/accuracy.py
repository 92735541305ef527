"""Score extracted records against the hand-checked gold records in tests/data/gold.

The rules follow the gold's own (tests/data/gold/SCHEMA.md): a record matches a gold record
when the indicator names are alike, the values agree and the periods do not contradict.
Only `required` gold records count for recall; predictions matching optional ones are neutral.
"""

from __future__ import annotations

import calendar
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from kpiextract.models import KPIRecord

GOLD_DIR = Path(__file__).parent / "data" / "gold"
MONTHS = [name.lower() for name in calendar.month_name[1:]]


def norm(text: str | None) -> str:
    text = (text or "").lower().replace("%", " percent ").replace("&", " and ")
    text = re.sub(r"\b(percentage|per cent|pct)\b", "percent", text)
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def period_tokens(period: str | None) -> set[str]:
    p = (period or "").lower()
    tokens = set(re.findall(r"\bq[1-4]\b", p)) | {f"q{n}" for n in re.findall(r"quarter\s*([1-4])", p)}
    words = re.findall(r"[a-z]+", p)
    for index, month in enumerate(MONTHS):
        if month in words or month[:3] in words:
            tokens |= {month, f"q{(index - 3) % 12 // 3 + 1}"}
    return tokens | {t for t in ("summer", "autumn", "spring") if t in words}


def compatible(a: set[str], b: set[str]) -> bool:
    for kind in (lambda t: re.fullmatch(r"q[1-4]", t), lambda t: t in MONTHS):
        ka, kb = {t for t in a if kind(t)}, {t for t in b if kind(t)}
        if ka and kb and not ka & kb:
            return False
    return True


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=0.051)


@dataclass
class Score:
    recall: float
    precision: float
    target: float
    benchmark: float
    matched: list[tuple[dict, KPIRecord]]
    missed: list[dict]
    extra: list[KPIRecord]

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(stem: str) -> list[dict]:
    lines = (GOLD_DIR / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(gold: list[dict], records: list[KPIRecord]) -> Score:
    pairs = []
    for i, g in enumerate(gold):
        gi = norm(g["indicator"])
        for j, r in enumerate(records):
            pi = norm(r.indicator)
            s = max(fuzz.token_set_ratio(gi, pi), fuzz.ratio(gi, pi))
            gt, pt = set(gi.split()), set(pi.split())
            if gt and len(gt & pt) / len(gt) < 0.5:
                s = min(s, 79)
            if g.get("code") and r.code and g["code"].lower() == r.code.lower():
                s = max(s, 95)
            if s < 80 or not same(g.get("value"), r.value):
                continue
            if not compatible(period_tokens(g.get("period")), period_tokens(r.period)):
                continue
            pairs.append((s, i, j))
    pairs.sort(reverse=True)
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in match and j not in used:
            match[i], _ = j, used.add(j)
    required = [i for i, g in enumerate(gold) if g.get("required", True)]
    optional_hits = sum(1 for i in match if not gold[i].get("required", True))
    tp = len(match) - optional_hits
    counted = len(records) - optional_hits
    targets = benches = target_ok = bench_ok = 0
    for i, j in match.items():
        g, r = gold[i], records[j]
        if g.get("target") is not None or g.get("target_range") or r.target is not None or r.target_range:
            targets += 1
            if g.get("target_range"):
                target_ok += bool(r.target_range) and all(
                    same(a, b) for a, b in zip(g["target_range"], r.target_range or (), strict=False))
            else:
                target_ok += same(g.get("target"), r.target) and not r.target_range
        gb = sorted(g.get("benchmarks", {}).values())
        pb = sorted(b.value for b in r.benchmarks if b.value is not None)
        if gb or pb:
            benches += 1
            bench_ok += len(gb) == len(pb) and all(same(a, b) for a, b in zip(gb, pb, strict=False))
    return Score(
        recall=sum(1 for i in required if i in match) / len(required) if required else 1.0,
        precision=tp / counted if counted else 1.0,
        target=target_ok / targets if targets else 1.0,
        benchmark=bench_ok / benches if benches else 1.0,
        matched=[(gold[i], records[j]) for i, j in match.items()],
        missed=[gold[i] for i in required if i not in match],
        extra=[records[j] for j in range(len(records)) if j not in used],
    )


STRUCTURE_PDFS = Path(__file__).parent / "data" / "pdf"


def load_expected(pdf: str) -> dict:
    """The hand-written expectations beside a structure PDF (tests/data/pdf/NAME.expected.json)."""
    return dict(json.loads((STRUCTURE_PDFS / pdf.replace(".pdf", ".expected.json")).read_text(encoding="utf-8")))
