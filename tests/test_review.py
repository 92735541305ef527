"""The analyst's decisions (issue 15), without the web app: kept in the store beside what was
extracted, applied by export, kept over a re-run of an unchanged paper, flagged on a changed one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kpiextract.batch import BatchOptions, run_batch
from kpiextract.cli import app
from kpiextract.export.sources import SOURCES_HEADER, source_row
from kpiextract.review import decisions
from kpiextract.review.locate import locate
from kpiextract.store import Store

SAMPLES = Path(__file__).parent.parent / "samples"
KENT = "kent-cype-scorecard-2018-09.txt"
BUCKS = "buckinghamshire-portfolio-scorecard-2023-05.txt"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    papers = tmp_path / "papers"
    papers.mkdir()
    for name in (KENT, BUCKS):
        shutil.copy(SAMPLES / name, papers / name)
    path = tmp_path / "kpis.db"
    run_batch([papers], options=BatchOptions(in_process=True, store=path))
    return path


def decide(path: Path, item: decisions.Item, state: str, correction: dict[str, object] | None = None) -> None:
    with Store(path) as opened:
        opened.add_review(item.paper.result.source_file, item.key, item.paper.content_hash, state,
                          json.dumps(correction) if correction else None, "ana")


def items(path: Path) -> list[decisions.Item]:
    with Store(path) as opened:
        return decisions.load(opened)


# --- locating the source text -------------------------------------------------------------------


def words(text: str) -> list[str]:
    """A page's words in reading order, as the PDF reader gives them (split at spaces)."""
    return text.split(" ")


def test_locate_takes_the_sentence_not_the_same_words_above_it() -> None:
    page = words("is above the target of 80%. • 3.7 The percentage of assessments completed has increased "
                 "to 63.0% and is now above the target of 60%. • 3.8 The number")
    found = locate(page, "3.7 The percentage of assessments completed has increased to 63.0% and is now above "
                         "the target of 60%.")
    assert [page[i] for i in found][0] == "3.7" and [page[i] for i in found][-1] == "60%."
    assert "80%." not in [page[i] for i in found] and "3.8" not in [page[i] for i in found]


def test_locate_finds_a_table_row_whose_name_wraps_below_its_figures() -> None:
    # reading order of a row whose first cell wraps: first line of the name, the figures, then the rest
    page = words("Measure Target Actual Percentage of children 90% 79.3% in care at good schools Number of carers 12")
    found = [page[i] for i in locate(page, "Percentage of children in care at good schools | 90% | 79.3%")]
    assert found == words("Percentage of children 90% 79.3% in care at good schools")


def test_locate_shows_nothing_rather_than_a_guess() -> None:
    page = words("The number of carers rose to 12 in the quarter")
    assert locate(page, "Percentage of children in care at good schools | 90% | 79.3%") == []
    assert locate(page, "") == []


# --- decisions ------------------------------------------------------------------------------------


def test_a_store_without_decisions_exports_every_record_unreviewed(store: Path) -> None:
    with Store(store) as opened:
        results, records = decisions.reviewed_results(opened)
    assert records and {record.review_state for record in records} == {"unreviewed"}
    row = dict(zip(SOURCES_HEADER, source_row(results[0]), strict=True))
    assert (row["approved"], row["corrected"], row["rejected"]) == (0, 0, 0)


def test_decisions_are_applied_and_the_extracted_record_is_kept(store: Path) -> None:
    first, second, third = items(store)[:3]
    decide(store, first, "approved")
    decide(store, second, "corrected", {"value": 61.5, "value_text": "61.5%", "rag": "green"})
    decide(store, third, "rejected")
    with Store(store) as opened:
        results, records = decisions.reviewed_results(opened)
        _, approved = decisions.reviewed_results(opened, approved_only=True)
        stored = next(result for _hash, result in opened.current()
                      if result.source_file == second.paper.result.source_file)
    states = [record.review_state for record in records]
    assert states[:3] == ["approved", "corrected", "rejected"] and set(states[3:]) == {"unreviewed"}
    fixed = records[1]
    assert (fixed.value, fixed.value_text, fixed.rag) == (61.5, "61.5%", "green")
    assert fixed.review_note is not None and fixed.review_note.startswith("corrected by ana at ")
    assert f"value {decisions._number_text(second.extracted.value)} -> 61.5" in fixed.review_note
    # what was extracted is still in the store, untouched
    assert second.extracted in stored.records and fixed not in stored.records
    assert [record.review_state for record in approved] == ["approved", "corrected"]
    paper = next(result for result in results if result.source_file == first.paper.result.source_file)
    row = dict(zip(SOURCES_HEADER, source_row(paper), strict=True))
    assert (row["approved"], row["corrected"], row["rejected"]) == (1, 1, 1)


def test_the_latest_decision_counts_and_the_earlier_ones_are_kept(store: Path) -> None:
    first = items(store)[0]
    decide(store, first, "rejected")
    decide(store, first, "approved")
    assert items(store)[0].state == "approved"
    with Store(store) as opened:
        assert opened.db.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 2


def test_a_correction_recomputes_the_status_it_decides() -> None:
    record = decisions.KPIRecord(indicator="Care leavers in EET", value=50.0, target=60.0, polarity="higher",
                                 layout="scorecard", source_file="x.txt", source_text="x", confidence=0.9)
    from kpiextract.status import compute_status

    compute_status(record)
    assert record.target_status == "missed"
    assert decisions.corrected(record, {"value": 65.0}).target_status == "met"


def test_rerun_keeps_decisions_on_an_unchanged_paper_and_flags_a_changed_one(store: Path, tmp_path: Path) -> None:
    before = items(store)
    kent = next(item for item in before if item.paper.result.source_file.endswith(KENT))
    bucks = next(item for item in before if item.paper.result.source_file.endswith(BUCKS))
    decide(store, kent, "corrected", {"value": 1.0})
    decide(store, bucks, "approved")
    paper = tmp_path / "papers" / KENT
    # the council re-issues the paper with one figure changed
    text = paper.read_text(encoding="utf-8")
    changed = text.replace("63.0%", "64.0%", 1)
    assert changed != text
    paper.write_text(changed, encoding="utf-8")
    run_batch([tmp_path / "papers"], options=BatchOptions(in_process=True, store=store))
    after = {(item.paper.result.source_file, item.key): item for item in items(store)}
    assert after[(bucks.paper.result.source_file, bucks.key)].state == "approved"
    flagged = after[(kent.paper.result.source_file, kent.key)]
    assert flagged.state == "paper changed"
    assert flagged.shown == flagged.extracted  # a decision on another version is shown, not applied
    new = [item for item in after.values() if item.changed]
    assert new and all(item.paper.result.source_file.endswith(KENT) for item in new)
    assert any(item.shown.value_text == "64.0%" for item in new)


def test_decisions_follow_a_paper_into_a_batch_run_from_another_folder(store: Path, tmp_path: Path) -> None:
    kent = next(item for item in items(store) if item.paper.result.source_file.endswith(KENT))
    decide(store, kent, "corrected", {"value": 1.0})
    moved = tmp_path / "archive" / "2018"
    moved.mkdir(parents=True)
    shutil.copy(tmp_path / "papers" / KENT, moved / KENT)
    with Store(store) as opened:  # the analyst's store, read by a batch over another folder tree
        opened.db.execute("DELETE FROM results")
    run_batch([tmp_path / "archive"], options=BatchOptions(in_process=True, store=store))
    again = [item for item in items(store) if item.key == kent.key]
    assert [item.paper.result.source_file for item in again] == [f"archive/2018/{KENT}"]
    assert again[0].state == "corrected" and again[0].shown.value == 1.0


def test_a_decision_made_at_a_path_on_this_paper_wins_over_one_made_elsewhere(store: Path) -> None:
    kent = next(item for item in items(store) if item.paper.result.source_file.endswith(KENT))
    with Store(store) as opened:
        opened.add_review("another/copy.txt", kent.key, kent.paper.content_hash, "rejected", None, "bo")
    decide(store, kent, "approved")
    with Store(store) as opened:  # the other path's decision is the later one
        opened.add_review("another/copy.txt", kent.key, kent.paper.content_hash, "rejected", None, "bo")
    assert next(item for item in items(store) if item.key == kent.key).state == "approved"


# --- the edit form --------------------------------------------------------------------------------


def form_of(record: decisions.KPIRecord, **changes: str) -> dict[str, str]:
    form = {"indicator": record.indicator, "value": record.value_text or "", "unit": record.unit or "",
            "target": decisions._number_text(record.target), "period": record.period or "",
            "rag": record.rag or "", "polarity": record.polarity or "",
            "benchmarks": decisions.bench_lines(record), "canonical_id": record.canonical_id or "",
            "commentary": record.commentary or ""}
    return {**form, **changes}


def test_an_unchanged_form_is_no_correction(store: Path) -> None:
    for item in items(store):
        assert decisions.correction_from_form(item.extracted, form_of(item.extracted), {}) == {}, item.extracted


@pytest.mark.parametrize(("field", "text", "reason"), [
    ("value", "sixty", "value: not a number"),
    ("rag", "purple", "rag: Input should be 'red', 'amber' or 'green'"),
    ("canonical_id", "no-such-kpi", "canonical_id: no catalogue entry"),
    ("indicator", "", "indicator: a record needs a name"),
    ("benchmarks", "England 79%", "benchmarks: write each as 'Name: value'"),
])
def test_an_invalid_edit_is_refused_with_its_reason(store: Path, field: str, text: str, reason: str) -> None:
    record = items(store)[0].extracted
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decisions.correction_from_form(record, form_of(record, **{field: text}), {})


def test_an_edit_keeps_only_what_changed_and_what_follows_from_it(store: Path) -> None:
    record = items(store)[0].extracted
    form = form_of(record, value="12.5%", period="Q3 2023/24", benchmarks="England: 40\nSouth East: 41.5",
                   canonical_id="x-1")
    change = decisions.correction_from_form(record, form, {"x-1": "An indicator"})
    assert change["value"] == 12.5 and change["value_text"] == "12.5%"
    assert (change["period_start"], change["period_end"], change["period_key"]) == (
        "2023-10-01", "2023-12-31", "2023/24 Q3")
    assert [(b["name"], b["value"]) for b in change["benchmarks"]] == [("England", 40.0), ("South East", 41.5)]
    assert (change["canonical_id"], change["canonical_name"]) == ("x-1", "An indicator")
    assert "indicator" not in change and "rag" not in change


# --- export ---------------------------------------------------------------------------------------


def test_export_approved_only_writes_the_corrections_and_the_counts(store: Path, tmp_path: Path) -> None:
    first, second, third = items(store)[:3]
    decide(store, first, "approved")
    decide(store, second, "corrected", {"indicator": "Renamed by the analyst"})
    decide(store, third, "rejected")
    out = tmp_path / "approved.xlsx"
    result = CliRunner().invoke(app, ["export", "--store", str(store), "-o", str(out), "--approved-only"])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    kpis = list(workbook["KPIs"].iter_rows(values_only=True))
    header = list(kpis[0])
    rows = [dict(zip(header, row, strict=True)) for row in kpis[1:]]
    assert [(row["Indicator"] == "Renamed by the analyst", row["Review"]) for row in rows] == [
        (False, "approved"), (True, "corrected")]
    sources = list(workbook["Sources"].iter_rows(values_only=True))
    counts = [dict(zip(sources[0], row, strict=True)) for row in sources[1:]]
    paper = next(row for row in counts if row["Source file"] == first.paper.result.source_file)
    assert (paper["Approved"], paper["Corrected"], paper["Rejected"]) == (1, 1, 1)
    # CSV too has the review column; without --approved-only every record is there
    csv_out = tmp_path / "all.csv"
    assert CliRunner().invoke(app, ["export", "--store", str(store), "-o", str(csv_out)]).exit_code == 0
    text = csv_out.read_text(encoding="utf-8-sig")
    assert "review_state" in text.splitlines()[0] and text.count("unreviewed") == len(items(store)) - 3


def test_review_says_what_is_missing_in_one_line(tmp_path: Path) -> None:
    missing = CliRunner().invoke(app, ["review", "--store", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "--store: no such file" in missing.output
    empty = tmp_path / "empty.db"
    Store(empty).close()
    result = CliRunner().invoke(app, ["review", "--store", str(empty)])
    assert result.exit_code == 1 and "no papers in the store: run batch --store" in " ".join(result.output.split())


def test_every_record_of_a_sample_pdf_is_highlighted_on_its_page(tmp_path: Path) -> None:
    from kpiextract.api import extract
    from kpiextract.review.pages import WIDTH_PX, render_png, source_boxes

    paper = SAMPLES / "pdf" / "kent-cype-scorecard-2018-09.pdf"
    result = extract(paper)
    assert len(result.records) > 20
    for record in result.records:
        assert record.page is not None
        boxes = source_boxes(paper, "kent", record.page, record.source_text, record.value_text)
        sources = [box for box in boxes if box.kind == "source"]
        assert sources, record.source_text
        assert all(0 <= box.left < 100 and 0 <= box.top < 100 and 0 < box.width <= 100 for box in boxes)
        # the figure is outlined inside the highlighted text
        for value in (box for box in boxes if box.kind == "value"):
            assert any(s.top - 0.5 <= value.top <= s.top + s.height for s in sources)
    png = render_png(paper, 1)
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == WIDTH_PX


def test_a_turned_page_is_drawn_as_it_is_read_and_its_records_highlighted_on_it() -> None:
    import io

    from PIL import Image

    from kpiextract.api import extract
    from kpiextract.review.pages import render_png, source_boxes

    paper = SAMPLES.parent / "tests" / "data" / "turned" / "sidewaystable.pdf"  # a table turned on a tall page
    image = Image.open(io.BytesIO(render_png(paper, 2)))
    assert image.width > image.height  # drawn turned, as the reader reads it
    records = extract(paper).records
    assert len(records) == 3
    for record in records:
        boxes = [box for box in source_boxes(paper, "side", 2, record.source_text) if box.kind == "source"]
        assert boxes and all(0 <= box.left < 100 and 0 <= box.top < 100 for box in boxes), record.source_text


def test_a_sentence_carried_over_a_page_break_is_highlighted_where_it_starts() -> None:
    from kpiextract.api import extract
    from kpiextract.review.pages import source_boxes

    paper = SAMPLES / "printed" / "lo-html" / "buckinghamshire-cabinet-childrens-update-2017-11.pdf"
    records = extract(paper).records
    carried = next(r for r in records if r.source_text.startswith("The proportion of pupils who are attending"))
    assert carried.page == 9 and "compared to a target of 87%" in carried.source_text  # printed on page 10
    boxes = [box for box in source_boxes(paper, "bucks", 9, carried.source_text) if box.kind == "source"]
    assert boxes and min(box.top for box in boxes) > 50  # the foot of page 9, where the sentence starts
    for record in records:  # and every other record of the paper still on its own page
        assert any(box.kind == "source" for box in source_boxes(paper, "bucks", record.page or 1,
                                                                 record.source_text)), record.source_text


def test_after_the_last_page_there_are_no_more_words() -> None:
    from kpiextract.review.pages import _following_words

    paper = SAMPLES / "pdf" / "kent-cype-scorecard-2018-09.pdf"
    assert _following_words(str(paper), "kent", 3, None) and _following_words(str(paper), "kent", 4, None) == []
