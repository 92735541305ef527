"""What a run is asked to do, apart from the pipeline that does it: the settings of an extraction
and the file types it reads. Light on purpose: a batch's parent process and its workers import
this before (or without) the extraction pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = PDF_SUFFIXES + TEXT_SUFFIXES


@dataclass(frozen=True)
class Settings:
    patterns_dir: str | None = None
    """A folder of extra vocabulary (headers, comparators...) extending the bundled patterns/."""
    layouts: tuple[str, ...] | None = None
    """Restrict extraction to these layout names; None uses every layout."""
    password: str | None = None
    """The password of encrypted PDFs."""
    council: str | None = None
    """The council the papers are from, when the papers do not say (or say it badly)."""
