"""A resumable store of extraction results (SQLite, from the standard library).

Results are keyed by the file's content hash and the extractor version, so a re-run skips
files that have not changed since they were read by this same extractor, and a run stopped
half-way resumes where it stopped: each file's result is committed as soon as it arrives.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import __version__
from .models import ExtractionResult
from .vocab import bundled_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    content_hash TEXT NOT NULL,
    extractor TEXT NOT NULL,
    path TEXT NOT NULL,
    ok INTEGER NOT NULL,
    records INTEGER NOT NULL,
    result TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    PRIMARY KEY (content_hash, extractor, path)
);
CREATE INDEX IF NOT EXISTS results_path ON results (path);
CREATE TABLE IF NOT EXISTS superseded (
    path TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    extractor TEXT NOT NULL,
    result TEXT NOT NULL,
    extracted_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    record_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    correction TEXT,
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_record ON reviews (path, record_key);
CREATE TABLE IF NOT EXISTS page_images (
    content_hash TEXT NOT NULL,
    page INTEGER NOT NULL,
    png BLOB NOT NULL,
    PRIMARY KEY (content_hash, page)
);
"""
# superseded: each paper's result before its latest re-read, so a review can tell which records a
# re-run changed. reviews: append-only, the latest row per record counts and the rest is history;
# the extracted record itself is never rewritten. page_images: rendered pages for `review`.


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=4)
def extractor_version(patterns_dir: str | None = None) -> str:
    """The package version plus a hash of the vocabulary: new words can change the records."""
    digest = hashlib.sha256(__version__.encode())
    folders = [bundled_dir()] + ([Path(patterns_dir)] if patterns_dir else [])
    for folder in folders:
        for data in sorted(folder.glob("*.toml")):
            digest.update(data.name.encode())
            digest.update(data.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path)
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as error:
            raise ValueError(f"{path}: not a kpiextract store ({error})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, content_hash: str, extractor: str, path: str) -> ExtractionResult | None:
        row = self.db.execute(
            "SELECT result FROM results WHERE content_hash = ? AND extractor = ? AND path = ?",
            (content_hash, extractor, path),
        ).fetchone()
        return ExtractionResult.model_validate_json(row[0]) if row else None

    def put(self, content_hash: str, extractor: str, path: str, result: ExtractionResult) -> None:
        with self.db:  # one transaction per file: an interruption loses at most the file in hand
            self.db.execute(
                "INSERT OR REPLACE INTO superseded SELECT path, content_hash, extractor, result, extracted_at "
                "FROM results WHERE path = ? ORDER BY extracted_at DESC LIMIT 1", (path,))
            self.db.execute("DELETE FROM results WHERE path = ? AND extractor = ?", (path, extractor))
            self.db.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                (content_hash, extractor, path, int(result.ok), len(result.records), result.model_dump_json(),
                 datetime.now(UTC).isoformat(timespec="seconds")),
            )

    def results(self, extractor: str | None = None) -> Iterator[ExtractionResult]:
        """Every stored result (of one extractor version, or the newest per file)."""
        if extractor:
            rows = self.db.execute("SELECT result FROM results WHERE extractor = ? ORDER BY path", (extractor,))
        else:
            rows = self.db.execute(
                "SELECT result FROM results r WHERE extracted_at = "
                "(SELECT MAX(extracted_at) FROM results WHERE path = r.path) ORDER BY path"
            )
        for (text,) in rows:
            yield ExtractionResult.model_validate_json(text)

    def current(self) -> Iterator[tuple[str, ExtractionResult]]:
        """The newest result of every file, with the content hash of the file it was read from."""
        rows = self.db.execute(
            "SELECT content_hash, result FROM results r WHERE extracted_at = "
            "(SELECT MAX(extracted_at) FROM results WHERE path = r.path) ORDER BY path"
        )
        for content_hash, text in rows:
            yield content_hash, ExtractionResult.model_validate_json(text)

    def previous(self, path: str) -> ExtractionResult | None:
        """The result a file had before its latest re-read, if it was read before."""
        row = self.db.execute("SELECT result FROM superseded WHERE path = ?", (path,)).fetchone()
        return ExtractionResult.model_validate_json(row[0]) if row else None

    def add_review(self, path: str, record_key: str, content_hash: str, state: str, correction: str | None,
                   reviewer: str) -> str:
        """Record an analyst's decision on one record; returns when (UTC, ISO)."""
        when = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db:
            self.db.execute(
                "INSERT INTO reviews (path, record_key, content_hash, state, correction, reviewer, reviewed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (path, record_key, content_hash, state, correction, reviewer, when))
        return when

    def reviews(self) -> dict[tuple[str, str], tuple[str, str, str | None, str, str]]:
        """The latest decision per (path, record key): (content hash, state, correction JSON, who, when)."""
        return self._latest_reviews("path")

    def reviews_by_content(self) -> dict[tuple[str, str], tuple[str, str, str | None, str, str]]:
        """The latest decision per (content hash, record key), whatever path the paper had: a batch run
        from another folder, or a paper moved, names the same paper by another path."""
        return self._latest_reviews("content_hash")

    def _latest_reviews(self, paper: Literal["path", "content_hash"]) -> dict[
            tuple[str, str], tuple[str, str, str | None, str, str]]:
        """The latest decision per (paper, record key), the paper known by its path or its content."""
        rows = self.db.execute(  # `paper` is one of two column names, never user text
            "SELECT path, record_key, content_hash, state, correction, reviewer, reviewed_at FROM reviews "
            f"WHERE id IN (SELECT MAX(id) FROM reviews GROUP BY {paper}, record_key)")
        return {(path if paper == "path" else content_hash, key): (content_hash, state, correction, who, when)
                for path, key, content_hash, state, correction, who, when in rows}

    def page_image(self, content_hash: str, page: int) -> bytes | None:
        row = self.db.execute("SELECT png FROM page_images WHERE content_hash = ? AND page = ?",
                              (content_hash, page)).fetchone()
        return bytes(row[0]) if row else None

    def put_page_image(self, content_hash: str, page: int, png: bytes) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO page_images VALUES (?, ?, ?)", (content_hash, page, png))

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
