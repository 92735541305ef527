"""Built vocabularies kept on disk: a later run gets the same build, and never a stale one."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from kpiextract import buildcache, catalogue, councils


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KPIEXTRACT_CACHE_DIR", str(folder))
    return folder


def _words(source: Path) -> list[str]:
    return source.read_text().split()


def test_the_second_call_loads_what_the_first_built(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("alpha beta")
    calls: list[int] = []

    def build() -> list[str]:
        calls.append(1)
        return _words(source)

    assert buildcache.cached("words", [source], list, build) == ["alpha", "beta"]
    assert buildcache.cached("words", [source], list, build) == ["alpha", "beta"]
    assert len(calls) == 1
    assert len(list(cache.glob("words-*.pickle"))) == 1


def test_an_edited_source_is_built_again(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("alpha")
    assert buildcache.cached("words", [source], list, lambda: _words(source)) == ["alpha"]
    source.write_text("gamma")
    assert buildcache.cached("words", [source], list, lambda: _words(source)) == ["gamma"]


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps({"a": "dict, not a list"})])
def test_a_damaged_or_foreign_file_is_rebuilt_and_replaced(cache: Path, tmp_path: Path, damage: bytes) -> None:
    source = tmp_path / "words.txt"
    source.write_text("alpha")
    buildcache.cached("words", [source], list, lambda: _words(source))
    [stored] = cache.glob("words-*.pickle")
    stored.write_bytes(damage)
    assert buildcache.cached("words", [source], list, lambda: _words(source)) == ["alpha"]
    assert pickle.loads(stored.read_bytes()) == ["alpha"]


def test_off_builds_every_time_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPIEXTRACT_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    calls: list[int] = []
    for _ in range(2):
        buildcache.cached("words", [], list, lambda: calls.append(1) or ["x"])
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_costs_only_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("KPIEXTRACT_CACHE_DIR", str(blocker / "cache"))
    assert buildcache.cached("words", [], list, lambda: ["built"]) == ["built"]


def test_old_builds_of_a_kind_are_pruned(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.txt"
    for index in range(buildcache.KEEP + 3):
        source.write_text(f"version {index}")
        buildcache.cached("words", [source], list, lambda: _words(source))
    assert len(list(cache.glob("words-*.pickle"))) == buildcache.KEEP


def test_cached_catalogue_and_councils_answer_as_freshly_built(cache: Path) -> None:
    # through the functions lru_cache wraps: the process-wide answers other tests hold stay as they are
    load_catalogue, load_councils = catalogue._load.__wrapped__, councils._load.__wrapped__
    fresh_catalogue, fresh_councils = catalogue._build(None), councils._build(None)
    for _ in range(2):  # the first call stores, the second loads
        loaded, found = load_catalogue(None), load_councils(None)
        for name in ("Percentage of children looked after with three or more placements",
                     "Number of households in temporary accommodation", "Rate of referrals per 10,000"):
            assert loaded.candidates(name) == fresh_catalogue.candidates(name)
        text = "A report to Kent County Council's cabinet, with figures from Medway and the North West."
        assert found.find(text) == fresh_councils.find(text)
    assert {p.name.split("-")[0] for p in cache.glob("*.pickle")} == {"catalogue", "councils"}


def test_a_missing_patterns_folder_is_still_an_error(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        catalogue._load.__wrapped__(str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError):
        councils._load.__wrapped__(str(tmp_path / "missing"))
