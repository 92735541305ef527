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
"""


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

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0])
