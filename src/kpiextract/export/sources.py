"""The list of papers a run read, or failed to: one definition for every output.

A paper that yielded nothing, timed out or could not be read must be visible in whatever the
analyst opens, not silently missing: the workbook's "Sources" sheet, the JSON manifest's
"papers", and the ``<out>.sources.csv`` written beside a CSV or JSONL output.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kpiextract.export.atomic import PathArg, atomic_write
from kpiextract.export.columns import Cell
from kpiextract.export.safe import neutralise
from kpiextract.models import ExtractionResult, PaperSummary

SOURCES_HEADER = ("source_file", "status", "council", "committee", "date", "title", "pages", "records", "layouts",
                  "warnings", "error", "approved", "corrected", "rejected", "path")
ENCODING = "utf-8-sig"  # as the records' CSV: Excel opens both the same way


def source_row(result: ExtractionResult) -> list[Cell]:
    """One paper as a spreadsheet row, in SOURCES_HEADER order."""
    paper = PaperSummary.of(result)
    return [
        paper.source_file,
        paper.status,
        paper.council,
        paper.committee,
        paper.date,
        paper.title,
        paper.pages,
        paper.records,
        "; ".join(paper.layouts) or None,
        "\n".join(paper.warnings) or None,
        paper.error,
        paper.approved,
        paper.corrected,
        paper.rejected,
        paper.path,
    ]


def paper_dict(result: ExtractionResult) -> dict[str, Any]:
    """One paper as the JSON manifest lists it."""
    return PaperSummary.of(result).model_dump(mode="json")


def sources_path(output: str | Path) -> Path:
    """Where the paper list of a CSV or JSONL output goes: ``kpis.csv`` -> ``kpis.sources.csv``."""
    output = Path(output)
    return output.with_name(f"{output.stem}.sources.csv")


def write_sources_csv(results: Sequence[ExtractionResult], path: PathArg) -> None:
    with atomic_write(path, encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(SOURCES_HEADER)
        for result in results:
            writer.writerow([neutralise(cell) if isinstance(cell, str) else cell for cell in source_row(result)])
