"""Export records to CSV, XLSX, JSON or JSONL, picking the format from the file extension.

CSV and XLSX share the flat row in ``columns.py`` (every record field, nested ones flattened,
plus ``council`` guessed from the file name) and neutralise formula-like text (``safe.py``);
JSON/JSONL keep the model's own shape and raw text. XLSX adds the Benchmarks, Compare and
Sources sheets (``excel.py``). Every writer is atomic (``atomic.py``): an export that fails
leaves the previous file untouched.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from kpiextract.export.atomic import PathArg, atomic_write, atomic_write_bytes, is_stdout
from kpiextract.export.columns import council_of, flat_rows
from kpiextract.export.csv import write_csv
from kpiextract.export.json import write_json, write_json_manifest, write_jsonl
from kpiextract.export.safe import neutralise
from kpiextract.export.sources import sources_path, write_sources_csv
from kpiextract.models import ExtractionResult, KPIRecord

FORMATS = ("csv", "xlsx", "json", "jsonl")

_EXTENSIONS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The export format a file name asks for, from its extension."""
    if is_stdout(path):
        raise ValueError(f"writing to stdout needs an explicit format: one of {', '.join(FORMATS)}")
    suffix = PurePath(path).suffix.lower()
    try:
        return _EXTENSIONS[suffix]
    except KeyError:
        known = ", ".join(_EXTENSIONS)
        raise ValueError(
            f"unknown output extension {suffix or '(none)'!r} for {os.fspath(path)}: use one of {known}"
        ) from None


def _check_format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}: use one of {', '.join(FORMATS)}")
    return fmt


def write(
    records: Iterable[KPIRecord],
    path: PathArg,
    fmt: str | None = None,
    results: Sequence[ExtractionResult] | None = None,
    run: Mapping[str, Any] | None = None,
) -> None:
    """Write ``records`` to ``path`` in ``fmt`` (default: from the extension).

    ``results`` adds the "Sources" sheet to XLSX. With ``run`` (a run's description), JSON is
    the manifest object (run, papers, records) instead of a bare list of records; CSV and
    JSONL have nowhere to put the papers: see ``write_sources_csv``.
    CSV has the same columns as the XLSX "KPIs" sheet.
    ``path`` "-" or ``None`` means stdout, which needs ``fmt``.
    """
    if fmt is None:
        if path is None:
            raise ValueError(f"writing to stdout needs an explicit format: one of {', '.join(FORMATS)}")
        fmt = format_for_path(path)
    fmt = _check_format(fmt)
    if fmt == "csv":
        write_csv(records, path)
    elif fmt == "xlsx":
        from kpiextract.export.workbook import write_xlsx  # openpyxl only when a workbook is written

        write_xlsx(records, path, results)
    elif fmt == "json" and run is not None:
        write_json_manifest(records, results or [], run, path)
    elif fmt == "json":
        write_json(records, path)
    else:
        write_jsonl(records, path)


def __getattr__(name: str) -> Any:
    if name == "write_xlsx":
        from kpiextract.export.workbook import write_xlsx

        return write_xlsx
    raise AttributeError(f"module 'kpiextract.export' has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "PathArg",
    "atomic_write",
    "atomic_write_bytes",
    "council_of",
    "flat_rows",
    "format_for_path",
    "neutralise",
    "sources_path",
    "write",
    "write_csv",
    "write_json",
    "write_json_manifest",
    "write_jsonl",
    "write_sources_csv",
    "write_xlsx",
]
