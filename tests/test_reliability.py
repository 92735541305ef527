"""Reliability: whatever a paper holds, extraction never crashes, and a big batch with broken
files among it keeps every good record.

Hypothesis writes papers from the pieces real ones are made of (headings, RAG headings, KPI
tables with odd cells, performance sentences with stray numbers, markup), so the layouts meet
shapes no sample has.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpiextract.api import Settings, extract, extract_document
from kpiextract.batch import BatchOptions, run_batch
from kpiextract.readers.text import parse_text

WORDS = ["percentage", "of", "children", "target", "national", "England", "average", "Q3", "2023/24", "red",
         "amber", "green", "Successes", "Areas for Development", "statistical neighbours", "within", "days",
         "respectively", "from", "to", "below", "above", "the", "was", "is", "increased", "by", "n/a", "tbc",
         "(high is good)", "–", "-", ":", "•", "**", "<b>", "</b>", "£", "%", "Page 3", "equals", "range"]
CELLS = st.one_of(
    st.sampled_from(["58%", "n/a", "tbc", "", "-13.7", "0.05", "1,234", "£2.5m", "Aim to Maximise 57", "7.4",
                     "Target", "Q1 Actual 2023/24", "England 79%, South East 79%", "None available", "90%",
                     "Status", "Red", "Data:", "M711 Percentage of plans Data: 8.8%", "Measure", "PI"]),
    st.text(max_size=30),
)
SENTENCE = st.lists(st.one_of(st.sampled_from(WORDS), st.floats(-1e6, 1e6, allow_nan=False).map(
    lambda x: f"{x:.1f}%"), st.integers(0, 5000).map(str)), max_size=25).map(" ".join)
ROW = st.lists(CELLS, min_size=1, max_size=12).map("\t".join)
LINE = st.one_of(SENTENCE, ROW, st.sampled_from(["", "Green indicators", "## Red", "Page 12", "\f",
                                                 "KPIs\tComments", "PI\tAim to:\tCurrent Value\tTarget",
                                                 "Measure\tQ1 Target 2023/24\tQ1 Actual 2023/24"]))
PAPER = st.lists(LINE, max_size=40).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAPER)
def test_generated_papers_never_crash_the_layouts(text: str) -> None:
    document = parse_text(text, source="generated.txt")
    for record in extract_document(document, Settings()):
        assert record.indicator.strip()
        assert record.source_text.strip()
        assert 0.0 <= record.confidence <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_result_not_an_exception(data: bytes) -> None:
    # one file per example, so each run sees a fresh path
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "paper.txt"
        path.write_bytes(data)
        result = extract(path)
        assert result.error is None or result.error.startswith("paper.txt:")


def _good_paper(index: int) -> str:
    value, target = 40 + index % 50, 60
    return (f"Performance report {index}\n\nPI\tCurrent Value\tTarget\n"
            f"Percentage of reviews completed on time (site {index})\t{value}%\t{target}%\n")


def test_a_thousand_file_batch_with_a_tenth_broken_keeps_every_good_record(tmp_path: Path) -> None:
    rng = random.Random(7)
    broken = set(rng.sample(range(1000), 100))
    for index in range(1000):
        path = tmp_path / f"batch{index // 100}" / f"paper{index:04d}.txt"
        path.parent.mkdir(exist_ok=True)
        if index in broken:
            path.write_bytes(rng.choice([b"", bytes(range(256)) * 4, b"\x00\x01\x02" * 100]))
        else:
            path.write_text(_good_paper(index), encoding="utf-8")
    report = run_batch([tmp_path], Settings(), BatchOptions(in_process=True))
    assert len(report.results) == 1000
    assert len(report.failed) == 100
    good = [r for r in report.results if r.ok]
    assert all(len(r.records) == 1 for r in good)
    values = {(r.source_file, r.records[0].value) for r in good}
    expected = {(f"{tmp_path.name}/batch{i // 100}/paper{i:04d}.txt", float(40 + i % 50))
                for i in range(1000) if i not in broken}
    assert values == expected


PDF_SAMPLES = sorted((Path(__file__).parent.parent / "samples" / "pdf").glob("*.pdf"))


def _mutations(data: bytes, rng: random.Random) -> list[bytes]:
    """Truncations at several depths and random byte flips: what a failed download leaves."""
    cuts = [len(data) // d for d in (2, 3, 5, 10, 50)] + [len(data) - 10]
    flipped = []
    for _ in range(6):
        mutable = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            mutable[rng.randrange(len(mutable))] = rng.randrange(256)
        flipped.append(bytes(mutable))
    return [data[:cut] for cut in cuts] + flipped


def test_mutated_pdfs_never_raise(tmp_path: Path) -> None:
    rng = random.Random(11)
    source = PDF_SAMPLES[0].read_bytes()
    for index, data in enumerate(_mutations(source, rng)):
        path = tmp_path / f"mutant{index}.pdf"
        path.write_bytes(data)
        result = extract(path)  # must return, whatever the damage
        assert result.error is None or (result.error.startswith(path.name) and "\n" not in result.error)


def test_a_pdf_batch_with_broken_files_keeps_every_good_record_and_lists_the_broken(tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for pdf in PDF_SAMPLES:
        shutil.copy(pdf, folder / pdf.name)
    good = PDF_SAMPLES[0].read_bytes()
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "not-a-pdf.pdf").write_bytes(b"<html><body>Council website error page</body></html>")
    (folder / "empty.pdf").write_bytes(b"")
    report = run_batch([folder], Settings(), BatchOptions(workers=2))
    expected = {pdf.name: len(extract(pdf).records) for pdf in PDF_SAMPLES}
    got = {Path(r.source_file).name: len(r.records) for r in report.results if r.ok}
    assert got == expected
    assert sorted(Path(r.source_file).name for r in report.failed) == ["empty.pdf", "not-a-pdf.pdf",
                                                                       "truncated.pdf"]
