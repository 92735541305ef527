"""Shared fixtures: where the bundled sample papers are.

Tests read only the copies in the repository's samples/ folder, never anything outside the
checkout, so a fresh clone runs the whole suite.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Built vocabularies go to a folder of the test run's own, not the user's ~/.cache (buildcache.py)."""
    folder = tmp_path_factory.mktemp("build-cache")
    before = os.environ.get("KPIEXTRACT_CACHE_DIR")
    os.environ["KPIEXTRACT_CACHE_DIR"] = str(folder)  # subprocesses (the CLI tests) inherit it
    yield folder
    if before is None:
        os.environ.pop("KPIEXTRACT_CACHE_DIR", None)
    else:
        os.environ["KPIEXTRACT_CACHE_DIR"] = before
SAMPLES_DIR = REPO_ROOT / "samples"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's top folder (README.md, pyproject.toml, .ci/)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The bundled sample papers (samples/ in the checkout)."""
    assert SAMPLES_DIR.is_dir(), f"samples folder missing: {SAMPLES_DIR}"
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def sample(samples_dir: Path) -> Callable[[str], Path]:
    """``sample("kent-cype-scorecard-2018-09.txt")``: the path of one sample, which must exist."""

    def path(name: str) -> Path:
        found = samples_dir / name
        have = sorted(p.name for p in samples_dir.iterdir())
        assert found.is_file(), f"no such sample: {name} (have: {have})"
        return found

    return path
