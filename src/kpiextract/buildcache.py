"""Built vocabularies kept on disk between runs.

The indicator catalogue's matching forms and the councils' word index take longer to build
(about 60 ms of stemming, synonym rewriting and indexing) than a short text paper takes to
read, yet they change only when their TOML files or kpiextract's code change. So the first run
builds them and keeps a pickle; later runs load it in a few milliseconds.

A build is stored under a key made of the kind of build, the bytes of every file it was built
from, and the size and modification time of every module of the package, so an edited
vocabulary, a user's --patterns folder or a changed kpiextract never meets a stale build.

The folder is $KPIEXTRACT_CACHE_DIR, else $XDG_CACHE_HOME/kpiextract, else ~/.cache/kpiextract;
KPIEXTRACT_CACHE_DIR=off turns caching off. The files are the user's own, in the user's own
cache folder, so they are trusted as the vocabulary files themselves are. A folder that cannot
be written or a file that cannot be read costs only the build, never the run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from . import __version__

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent
OFF = "off"
KEEP = 8
"""Builds kept per kind: enough for a few --patterns folders, not one per edit of the code."""


def cache_dir() -> Path | None:
    """Where builds are kept; None when caching is turned off."""
    chosen = os.environ.get("KPIEXTRACT_CACHE_DIR")
    if chosen:
        return None if chosen.lower() == OFF else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kpiextract"


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """The package's modules by name, size and modification time: a changed module is a new build."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for module in sorted(PACKAGE.rglob("*.py")):
        stat = module.stat()
        digest.update(f"{module.relative_to(PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.digest()


def _key(kind: str, sources: Sequence[Path]) -> str:
    digest = hashlib.blake2b(_code_fingerprint(), digest_size=20)
    digest.update(kind.encode())
    for source in sources:
        digest.update(f"\0{source.name}\0".encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cached(kind: str, sources: Sequence[Path], expected: type[T], build: Callable[[], T]) -> T:
    """`build()`, or what an earlier run built from the same sources with the same code."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{kind}-{_key(kind, sources)}.pickle"
    except OSError:
        return build()  # a source the build itself will report on, in its own words
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, expected):
            return value
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: any of them means build afresh
        pass
    value = build()
    _store(folder, path, value)
    return value


def _store(folder: Path, path: Path, value: object) -> None:
    """Written to a temporary file and renamed: a reader never sees half a build."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
            _prune(folder, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError):
        pass  # a read-only home or a full disk: the next run builds again


def _prune(folder: Path, kept: Path) -> None:
    """The oldest builds of the same kind beyond KEEP: left by earlier code or vocabularies."""
    kind = kept.name.rsplit("-", 1)[0]
    builds = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in builds[KEEP:]:
        if old != kept:
            old.unlink(missing_ok=True)
