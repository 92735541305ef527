"""Batch runs: folders of papers, bad files among them, the resumable store, workers, Dask."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kpiextract.api import Settings
from kpiextract.batch import BatchOptions, Job, _largest_first, discover, extract_one, run_batch
from kpiextract.cli import app
from kpiextract.models import ExtractionResult
from kpiextract.store import Store, extractor_version, file_hash

SAMPLES = Path(__file__).parent.parent / "samples"
TEXT_SAMPLES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.fixture
def papers(tmp_path: Path) -> Path:
    """A folder like an analyst's: good papers, a sub-folder, and broken files among them."""
    folder = tmp_path / "papers"
    (folder / "2023").mkdir(parents=True)
    for index, sample in enumerate(TEXT_SAMPLES):
        target = folder / ("2023" if index % 2 else "") / sample.name
        shutil.copy(sample, target)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "2023" / "garbage.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not a paper type we read")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "skip.txt").write_text("PI\tTarget\nX\t1\n")
    return folder


def test_discover_finds_papers_recursively_and_skips_other_files(papers: Path) -> None:
    found, problems = discover([papers, papers / "missing"])
    names = sorted(p.name for p in found)
    assert names == sorted([*(s.name for s in TEXT_SAMPLES), "empty.txt", "garbage.txt"])
    assert problems and "missing" in problems[0]


def test_one_bad_file_never_stops_the_others(papers: Path) -> None:
    report = run_batch([papers], Settings(), BatchOptions(in_process=True))
    good = [r for r in report.results if r.ok]
    assert len(good) == len(TEXT_SAMPLES)
    assert all(r.records for r in good)
    assert sorted(Path(r.source_file).name for r in report.failed) == ["empty.txt", "garbage.txt"]
    # every record is traceable to the file as the analyst's folder names it
    nested = next(r for r in good if r.source_file.startswith("papers/2023/"))
    assert all(rec.source_file == nested.source_file for rec in nested.records)


def test_two_workers_give_the_same_records_as_one(papers: Path) -> None:
    one = run_batch([papers], Settings(), BatchOptions(in_process=True))
    two = run_batch([papers], Settings(), BatchOptions(workers=2, recycle_after=1))
    dump = [[rec.model_dump() for rec in r.records] for r in one.results]
    assert [r.source_file for r in one.results] == [r.source_file for r in two.results]
    assert dump == [[rec.model_dump() for rec in r.records] for r in two.results]


@pytest.mark.timeout(300)
def test_workers_recycled_by_memory_read_every_paper_as_one_process_does(papers: Path) -> None:
    # a 1 MiB bound replaces the worker after every paper: the batch path for a worker left too large
    one = run_batch([papers], Settings(), BatchOptions(in_process=True))
    recycled = run_batch([papers], Settings(), BatchOptions(workers=2, recycle_above_mb=1))
    assert [(r.source_file, r.error, len(r.records)) for r in recycled.results] == [
        (r.source_file, r.error, len(r.records)) for r in one.results]


def test_workers_get_the_largest_papers_first_and_ties_keep_their_order(tmp_path: Path) -> None:
    sizes = {"a.txt": 10, "b.txt": 3000, "c.txt": 10, "d.txt": 200}
    for name, size in sizes.items():
        (tmp_path / name).write_text("x" * size)
    jobs = [Job(tmp_path / name, name) for name in [*sizes, "gone.txt"]]
    assert [jobs[index].display for index in _largest_first(jobs)] == ["b.txt", "d.txt", "a.txt", "c.txt",
                                                                       "gone.txt"]


def test_store_skips_unchanged_files_and_rereads_changed_ones(papers: Path, tmp_path: Path) -> None:
    db = tmp_path / "kpis.db"
    first = run_batch([papers], Settings(), BatchOptions(in_process=True, store=db))
    assert first.reused == 0
    again = run_batch([papers], Settings(), BatchOptions(in_process=True, store=db))
    assert again.reused == len(first.results)
    assert again.records == first.records
    changed = papers / TEXT_SAMPLES[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = run_batch([papers], Settings(), BatchOptions(in_process=True, store=db))
    assert third.reused == len(first.results) - 1


def test_an_interrupted_run_resumes_where_it_stopped(papers: Path, tmp_path: Path) -> None:
    db = tmp_path / "kpis.db"
    seen: list[str] = []

    def interrupt_after_two(result: ExtractionResult) -> None:
        seen.append(result.source_file)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([papers], Settings(), BatchOptions(in_process=True, store=db), progress=interrupt_after_two)
    with Store(db) as store:
        assert store.count() == 2
    resumed = run_batch([papers], Settings(), BatchOptions(in_process=True, store=db))
    assert resumed.reused == 2
    assert len(resumed.results) == 7


def test_store_keys_by_content_and_extractor_version(tmp_path: Path) -> None:
    paper = tmp_path / "a.txt"
    shutil.copy(TEXT_SAMPLES[0], paper)
    result = extract_one(str(paper), Settings(), "a.txt")
    with Store(tmp_path / "s.db") as store:
        store.put(file_hash(paper), extractor_version(), "a.txt", result)
        assert store.get(file_hash(paper), extractor_version(), "a.txt") == result
        assert store.get(file_hash(paper), "0.0.0+other", "a.txt") is None


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not sqlite at all " * 100)
    with pytest.raises(ValueError, match="not a kpiextract store"):
        Store(bogus)


def test_cli_batch_writes_the_workbook_and_exits_partial(papers: Path, tmp_path: Path) -> None:
    out = tmp_path / "kpis.xlsx"
    result = CliRunner().invoke(app, ["batch", str(papers), "-o", str(out), "-w", "1"])
    assert result.exit_code == 3, result.output
    assert out.is_file()
    assert "could not be read" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_cli_batch_all_good_exits_zero_and_export_rereads_the_store(tmp_path: Path) -> None:
    db, out = tmp_path / "kpis.db", tmp_path / "kpis.json"
    folder = tmp_path / "samples"
    folder.mkdir()
    for sample in TEXT_SAMPLES:
        shutil.copy(sample, folder / sample.name)
    shutil.copy(SAMPLES / "pdf" / "kent-cype-scorecard-2018-09.pdf", folder)  # read once, with its .txt
    runner = CliRunner()
    first = runner.invoke(app, ["batch", str(folder), "--store", str(db), "-w", "1"])
    assert first.exit_code == 0, first.stderr
    exported = runner.invoke(app, ["export", "--store", str(db), "-o", str(out)])
    assert exported.exit_code == 0, exported.stderr
    manifest = json.loads(out.read_text(encoding="utf-8"))
    assert len(manifest["records"]) == run_batch([folder], Settings(), BatchOptions(in_process=True)).records
    # the store keeps the papers read: the text export of the PDF beside it was not
    assert len(manifest["papers"]) == manifest["run"]["papers"] == len(discover([folder])[0]) - 1


def test_cli_batch_needs_somewhere_to_write(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(SAMPLES)])
    assert result.exit_code != 0
    assert result.stderr.strip().startswith("error:") and len(result.stderr.strip().splitlines()) == 1


def test_cli_batch_with_no_papers_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert "no papers" in result.stderr


def test_dask_local_cluster_runs_the_same_extraction(papers: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        report = run_batch([papers], Settings(), BatchOptions(scheduler=cluster.scheduler_address))
    local = run_batch([papers], Settings(), BatchOptions(in_process=True))
    assert [r.source_file for r in report.results] == [r.source_file for r in local.results]
    assert report.records == local.records
    assert len(report.failed) == 2


def test_failed_papers_reach_every_output(papers: Path, tmp_path: Path) -> None:
    # a file, given by itself, whose name a spreadsheet would run as a formula
    formula = tmp_path / "=HYPERLINK(1).txt"
    formula.write_bytes(b"\x00\x00")
    runner = CliRunner()
    expected = {"papers/empty.txt", "papers/2023/garbage.txt", "=HYPERLINK(1).txt"}
    for name in ("kpis.csv", "kpis.jsonl"):
        result = runner.invoke(app, ["batch", str(papers), str(formula), "-o", str(tmp_path / name), "-w", "1"])
        assert result.exit_code == 3, result.stderr
        with (tmp_path / "kpis.sources.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        failed = {row["source_file"].lstrip("'") for row in rows if row["status"] == "error"}
        assert failed == expected
        assert all(row["error"] for row in rows if row["status"] == "error")
        assert any(row["source_file"].startswith("'=") for row in rows)  # neutralised
        (tmp_path / "kpis.sources.csv").unlink()
    result = runner.invoke(app, ["batch", str(papers), str(formula), "-o", str(tmp_path / "kpis.json"), "-w", "1"])
    manifest = json.loads((tmp_path / "kpis.json").read_text(encoding="utf-8"))
    assert {p["source_file"] for p in manifest["papers"] if p["status"] == "error"} == expected
    assert manifest["run"]["failed"] == 3 and manifest["run"]["read"] == len(TEXT_SAMPLES)
    assert manifest["run"]["timeout"] == 300


def test_parse_json_is_a_bare_list_unless_a_manifest_is_asked(sample: object) -> None:
    paper = str(SAMPLES / TEXT_SAMPLES[0].name)
    bare = json.loads(CliRunner().invoke(app, ["parse", paper, "-f", "json"]).stdout)
    assert isinstance(bare, list) and bare
    manifest = json.loads(CliRunner().invoke(app, ["parse", paper, "-f", "json", "--manifest"]).stdout)
    assert manifest["records"] == bare
    assert manifest["papers"][0]["source_file"] == TEXT_SAMPLES[0].name


def test_the_same_paper_twice_is_read_once_and_named_in_every_output(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    kent = SAMPLES / "kent-cype-scorecard-2018-09.txt"
    shutil.copy(kent, folder / kent.name)  # a report and its text export, side by side
    shutil.copy(SAMPLES / "printed" / "docx" / f"{kent.stem}.pdf", folder / f"{kent.stem}.pdf")
    oldham = SAMPLES / "oldham-childrens-performance-q2-2023-24.txt"
    shutil.copy(oldham, folder / oldham.name)
    shutil.copy(oldham, folder / "Appendix 1.txt")  # the same report saved under another name
    report = run_batch([folder], Settings(), BatchOptions(in_process=True))
    by_name = {Path(r.source_file).name: r for r in report.results}
    assert by_name["kent-cype-scorecard-2018-09.txt"].duplicate_of == "papers/kent-cype-scorecard-2018-09.pdf"
    assert by_name["kent-cype-scorecard-2018-09.pdf"].records  # the PDF is read: its pages are the paper's
    copies = [by_name["Appendix 1.txt"], by_name[oldham.name]]
    assert sorted(bool(r.duplicate_of) for r in copies) == [False, True]
    assert report.records == len(by_name["kent-cype-scorecard-2018-09.pdf"].records) + len(
        next(r for r in copies if not r.duplicate_of).records)
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "k.csv"), "-w", "1"])
    assert result.exit_code == 0 and "another rendering of" in result.stderr
    sources = (tmp_path / "k.sources.csv").read_text(encoding="utf-8-sig")
    assert sources.count(",duplicate,") == 2
