"""Golden output: the full JSON records of every sample paper (syrupy snapshots).

A change in any field of any record shows up here as a diff to review. After an intended
change, refresh with `pytest tests/test_snapshots.py --snapshot-update` and read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from kpiextract.api import extract

SAMPLES = sorted(p for p in (Path(__file__).parent.parent / "samples").iterdir() if p.suffix in (".txt", ".md"))


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_records(path: Path, snapshot_json: SnapshotAssertion) -> None:
    result = extract(path)
    assert result.error is None
    assert [record.model_dump(mode="json") for record in result.records] == snapshot_json
