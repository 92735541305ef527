"""The same paper twice in one batch: read it once, and say which file was left out.

A council's papers folder often holds a report and its text export side by side (report.pdf,
report.txt), or the same PDF saved under two names; reading both doubles every figure in the
workbook. Two files are one paper when they share a folder and a name but not a format (the
PDF is read: its pages are the paper's own), or when they give exactly the same records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .models import ExtractionResult

PREFERRED = (".pdf",)
"""Of two renderings of one paper, the one read: the PDF, whose pages are the paper's own."""


def pair_renderings(files: Sequence[Path]) -> tuple[list[Path], dict[Path, Path]]:
    """The files to read, and each file left out mapped to the rendering read instead."""
    groups: dict[tuple[Path, str], list[Path]] = {}
    for path in files:
        groups.setdefault((path.parent, path.stem.casefold()), []).append(path)
    skipped: dict[Path, Path] = {}
    for group in groups.values():
        if len({path.suffix.lower() for path in group}) < 2:
            continue
        kept = min(group, key=lambda path: (path.suffix.lower() not in PREFERRED, str(path)))
        for path in group:
            if path != kept:
                skipped[path] = kept
    return [path for path in files if path not in skipped], skipped


def duplicate(display: str, original: str, why: str) -> ExtractionResult:
    """The result that lists a paper left out, so every output still names it."""
    return ExtractionResult(source_file=display, duplicate_of=original, warnings=[f"{why} {original}"])


Fingerprint = tuple[tuple[str, str, str], ...]


def _fingerprint(result: ExtractionResult) -> Fingerprint:
    return tuple(sorted((record.indicator.casefold(), repr(record.value), record.period or "")
                        for record in result.records))


def same_records(results: Iterable[ExtractionResult]) -> list[ExtractionResult]:
    """The results, with a paper whose records are exactly an earlier paper's turned into a
    duplicate of it (the same report saved twice under different names)."""
    seen: dict[Fingerprint, str] = {}
    out: list[ExtractionResult] = []
    for result in results:
        key = _fingerprint(result) if result.ok and result.records else None
        if key is not None and key in seen:
            left_out = duplicate(result.source_file, seen[key], "records left out: the same records as")
            out.append(left_out.model_copy(update={"pages": result.pages, "path": result.path,
                                                   "paper": result.paper}))
            continue
        if key is not None:
            seen[key] = result.source_file
        out.append(result)
    return out
