"""An analyst's decisions on a store's records: approve, reject, correct; never a rewrite.

Each record is known by a key made from what was extracted (paper, indicator, period, page,
source text), so a decision survives a re-run that reads the same paper the same way, from
whatever folder the batch was run (a decision follows the paper's content, not only its path). A decision
remembers the content hash of the paper it was made on: when the paper has changed since, the
decision is not applied but flagged ("paper changed"), for the analyst to check again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from ..models import Benchmark, ExtractionResult, KPIRecord, ReviewState
from ..parsing.periods import parse_period
from ..renderings import same_records
from ..store import Store

Decision = Literal["approved", "rejected", "corrected", "unreviewed"]
StoredDecision = tuple[str, str, str | None, str, str]
"""As the store keeps it: (content hash of the paper decided on, state, correction JSON, who, when)."""
DECISIONS: tuple[Decision, ...] = ("approved", "rejected", "corrected", "unreviewed")
APPROVED: frozenset[ReviewState] = frozenset({"approved", "corrected"})
EDITABLE = ("indicator", "value", "unit", "target", "period", "rag", "polarity", "benchmarks",
            "canonical_id", "commentary")
"""The fields the edit form offers; the rest follow from them (period dates, status) or are provenance."""
LOW_CONFIDENCE = 0.6
"""Below this a layout was unsure of its reading: the queue can show these first."""


def record_keys(records: list[KPIRecord]) -> list[str]:
    """A key per record, stable across re-runs that read the same paper the same way."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for record in records:
        identity = json.dumps([record.indicator, record.period, record.page, record.layout, record.source_text])
        key = hashlib.sha256(identity.encode()).hexdigest()[:16]
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}-{seen[key]}")  # the same row read twice
    return keys


@dataclass
class Review:
    state: Decision
    correction: dict[str, Any]
    reviewer: str
    when: str
    stale: bool
    """Made on an earlier version of the paper: shown, not applied."""


@dataclass
class Paper:
    index: int
    result: ExtractionResult
    content_hash: str


@dataclass
class Item:
    """One record in the queue: as extracted, with its review, and as the analyst corrected it."""

    number: int
    paper: Paper
    key: str
    extracted: KPIRecord
    review: Review | None = None
    changed: bool = False
    """New or different since the paper's previous read (a re-run of batch)."""
    shown: KPIRecord = field(init=False)

    def __post_init__(self) -> None:
        self.shown = self.extracted
        if self.review is not None and self.review.correction and not self.review.stale:
            self.shown = corrected(self.extracted, self.review.correction)

    @property
    def state(self) -> ReviewState:
        if self.review is None or self.review.state == "unreviewed":
            return "unreviewed"
        if self.review.stale:
            return "paper changed"
        return self.review.state


def corrected(record: KPIRecord, correction: Mapping[str, Any]) -> KPIRecord:
    """The record with the analyst's values, validated by the model; its computed status follows them."""
    from ..status import compute_status

    fixed = KPIRecord.model_validate({**record.model_dump(), **correction})
    fixed.target_status, fixed.vs_england, fixed.rag_disagrees = None, None, False
    compute_status(fixed)
    return fixed


def papers(store: Store) -> list[Paper]:
    """The store's papers, newest result of each, a paper that repeats another's records left out
    as a duplicate (as batch and export leave it out)."""
    current = list(store.current())
    marked = same_records(result for _hash, result in current)
    return [Paper(index, result, content_hash) for index, ((content_hash, _), result)
            in enumerate(zip(current, marked, strict=True))]


def load(store: Store) -> list[Item]:
    """Every record of the store's current results, with the latest decision on it."""
    by_path, by_content = store.reviews(), store.reviews_by_content()
    items: list[Item] = []
    for paper in papers(store):
        result = paper.result
        earlier = store.previous(result.source_file)
        before = set(record_keys(earlier.records)) if earlier is not None else None
        for key, record in zip(record_keys(result.records), result.records, strict=True):
            found = _decision(by_path.get((result.source_file, key)), by_content.get((paper.content_hash, key)),
                              paper.content_hash)
            review = None
            if found is not None:
                made_on, state, correction, who, when = found
                review = Review(state, json.loads(correction) if correction else {}, who, when,  # type: ignore[arg-type]
                                stale=made_on != paper.content_hash)
            items.append(Item(len(items), paper, key, record, review, changed=before is not None and key not in before))
    return items


def _decision(on_path: StoredDecision | None, on_content: StoredDecision | None,
              content_hash: str) -> StoredDecision | None:
    """The decision that applies to a record: the one made at this path on this very paper, else the
    latest made on this paper under any path (a batch run from another folder), else the one made
    at this path on an earlier version (shown as such, not applied)."""
    if on_path is not None and on_path[0] == content_hash:
        return on_path
    return on_content or on_path


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def describe(extracted: KPIRecord, correction: Mapping[str, Any]) -> str:
    """"value 58 -> 60; rag amber -> green": what the analyst changed, from the values extracted."""
    parts = []
    for name, new in correction.items():
        old = getattr(extracted, name, None)
        if name == "benchmarks":
            old = "; ".join(_bench_line(b) for b in extracted.benchmarks)
            new = "; ".join(_bench_line(Benchmark.model_validate(b)) for b in new)
        elif isinstance(old, float) or isinstance(new, float):
            old, new = _number_text(old), _number_text(new)
        parts.append(f"{name} {_shown(old)} -> {_shown(new)}")
    return "; ".join(parts)


def _shown(value: Any) -> str:
    return "(blank)" if value in (None, "") else str(value)


def note(item: Item) -> str | None:
    review = item.review
    if review is None or review.state == "unreviewed":
        return None
    text = f"{review.state} by {review.reviewer} at {review.when}"
    if review.correction:
        text += f": {describe(item.extracted, review.correction)}"
    if review.stale:
        text += " (on an earlier version of the paper: check it again)"
    return text


def reviewed_results(store: Store, approved_only: bool = False) -> tuple[list[ExtractionResult], list[KPIRecord]]:
    """The store's results with every record as reviewed (corrections applied, review state and note
    set), and the records to export: all of them, or only those approved (as extracted or corrected)."""
    by_paper: dict[int, list[Item]] = {}
    for item in load(store):
        by_paper.setdefault(item.paper.index, []).append(item)
    results: list[ExtractionResult] = []
    exported: list[KPIRecord] = []
    for paper in papers(store):
        result = paper.result
        records = []
        for item in by_paper.get(paper.index, []):
            record = item.shown.model_copy(update={"review_state": item.state, "review_note": note(item)})
            records.append(record)
            if not approved_only or item.state in APPROVED:
                exported.append(record)
        results.append(result.model_copy(update={"records": records}))
    return results, exported


# --- the edit form ----------------------------------------------------------------------------

_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$|^[-+]?\.\d+$")


def _number(name: str, text: str) -> float | None:
    cleaned = text.strip().rstrip("%").replace("£", "").strip()
    if not cleaned:
        return None
    if not _NUMBER.match(cleaned):
        raise ValueError(f"{name}: not a number: {text.strip()!r}")
    return float(cleaned.replace(",", ""))


def _bench_line(bench: Benchmark) -> str:
    shown = bench.text or _number_text(bench.value)
    return f"{bench.name}: {shown}" if shown else bench.name


def bench_lines(record: KPIRecord) -> str:
    """The benchmarks as the edit form shows them: one "Name: value" a line."""
    return "\n".join(_bench_line(bench) for bench in record.benchmarks)


def _benchmarks(text: str, before: list[Benchmark]) -> list[dict[str, Any]]:
    periods = {bench.name: bench.period for bench in before}
    unchanged = {_bench_line(bench): bench.model_dump() for bench in before}
    benches = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.strip() in unchanged:  # as extracted: keep its text, value and period as they were
            benches.append(unchanged[line.strip()])
            continue
        name, sep, shown = line.rpartition(":")
        if not sep or not name.strip():
            raise ValueError(f"benchmarks: write each as 'Name: value', not {line.strip()!r}")
        value = _number(f"benchmark {name.strip()}", shown) if shown.strip() else None
        benches.append({"name": name.strip(), "value": value, "text": shown.strip(),
                        "period": periods.get(name.strip())})
    return benches


def correction_from_form(record: KPIRecord, form: Mapping[str, str],
                         catalogue_names: Mapping[str, str]) -> dict[str, Any]:
    """The fields the analyst changed, validated by the model; ValueError says what is wrong."""
    wanted: dict[str, Any] = {}
    for name in EDITABLE:
        if name not in form:
            continue
        text = form[name].replace("\r\n", "\n").strip()
        if name in ("value", "target"):
            if name == "value" and text == (record.value_text or "").strip():
                wanted[name] = record.value  # as printed ("58%", "n/a"): the value extracted from it
            else:
                wanted[name] = _number(name, text)
        elif name == "benchmarks":
            wanted[name] = _benchmarks(text, record.benchmarks)
        else:
            wanted[name] = text or None
    if not wanted.get("indicator", record.indicator):
        raise ValueError("indicator: a record needs a name")
    changes = {name: value for name, value in wanted.items() if value != _current(record, name)}
    if "canonical_id" in changes:
        new_id = changes["canonical_id"]
        if new_id is not None and new_id not in catalogue_names:
            raise ValueError(f"canonical_id: no catalogue entry {new_id!r}")
        changes["canonical_name"] = catalogue_names.get(new_id) if new_id else None
        changes["catalogue_score"] = None  # chosen by the analyst, not matched
    if "period" in changes:
        period = parse_period(changes["period"])
        changes["period_start"] = period.start.isoformat() if period and period.start else None
        changes["period_end"] = period.end.isoformat() if period and period.end else None
        from ..parsing.period_keys import period_key

        changes["period_key"] = period_key(changes["period_start"], changes["period_end"], changes["period"])
    if "value" in changes:
        changes["value_text"] = form.get("value", "").strip() or None
    try:
        corrected(record, changes)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        raise ValueError(problems) from None
    return changes


def _current(record: KPIRecord, name: str) -> Any:
    if name == "benchmarks":
        return [bench.model_dump() for bench in record.benchmarks]
    return getattr(record, name)
