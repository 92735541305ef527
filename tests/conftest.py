"""Shared fixtures: where the bundled sample papers are.

Tests read only the copies in the repository's samples/ folder, never anything outside the
checkout, so a fresh clone runs the whole suite.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
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
