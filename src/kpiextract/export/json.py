"""JSON and JSONL export: the records exactly as the model defines them.

Unlike CSV/XLSX, text is kept raw by default: JSON feeds pipelines, which want what the paper
said, not a spreadsheet display fix. Pass ``safe=True`` when the JSON will end up in a
spreadsheet anyway; every string then goes through ``safe.neutralise``.

Non-finite floats (NaN, infinity) are written as ``null``: they are not valid JSON and mean
"no number" here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kpiextract import __version__
from kpiextract.export.atomic import PathArg, atomic_write
from kpiextract.export.safe import neutralise
from kpiextract.export.sources import paper_dict
from kpiextract.models import ExtractionResult, KPIRecord, RunSummary


def _clean(value: Any, safe: bool) -> Any:
    if isinstance(value, dict):
        return {key: _clean(item, safe) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item, safe) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if safe:
        return neutralise(value)
    return value


def record_dict(record: KPIRecord, safe: bool = False) -> dict[str, Any]:
    """One record as a JSON-ready dict (``model_dump(mode="json")``, cleaned)."""
    cleaned: dict[str, Any] = _clean(record.model_dump(mode="json"), safe)
    return cleaned


def write_json(records: Iterable[KPIRecord], path: PathArg, *, safe: bool = False) -> None:
    """Write a JSON array of records to ``path`` (``"-"``/``None``: stdout).

    One record at a time, laid out as ``json.dump(..., indent=2)`` lays out the array: a long
    paper's records are never all held as dicts and text at once.
    """
    with atomic_write(path) as handle:
        opening = "[\n  "
        for record in records:
            text = json.dumps(record_dict(record, safe), ensure_ascii=False, indent=2, allow_nan=False)
            handle.write(opening + text.replace("\n", "\n  "))  # JSON escapes a newline inside a string
            opening = ",\n  "
        handle.write("[]\n" if opening == "[\n  " else "\n]\n")


def write_json_manifest(records: Iterable[KPIRecord], results: Sequence[ExtractionResult],
                        run: Mapping[str, Any], path: PathArg, *, safe: bool = False) -> None:
    """Write the records with the run and every paper (read or not) as one JSON object.

    ``{"kpiextract": version, "run": {...}, "papers": [...], "records": [...]}``: a pipeline
    reading it sees the failed papers beside the records, not only a shorter list.
    """
    data = {
        "kpiextract": __version__,
        "run": _clean(RunSummary.model_validate(dict(run)).model_dump(mode="json", exclude_none=True), safe),
        "papers": [_clean(paper_dict(result), safe) for result in results],
        "records": [record_dict(record, safe) for record in records],
    }
    with atomic_write(path) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, allow_nan=False)
        handle.write("\n")


def jsonl_line(record: KPIRecord, safe: bool = False) -> str:
    """One record as a JSON Lines line, newline included."""
    return json.dumps(record_dict(record, safe), ensure_ascii=False, allow_nan=False) + "\n"


def write_jsonl(records: Iterable[KPIRecord], path: PathArg, *, safe: bool = False) -> None:
    """Write one JSON object per line to ``path`` (``"-"``/``None``: stdout)."""
    with atomic_write(path) as handle:
        for record in records:
            handle.write(jsonl_line(record, safe))
