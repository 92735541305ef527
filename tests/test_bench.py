"""The one-run benchmark's own pieces work: made-up long papers and paper folders, medians of
alternated runs. (Its figures are not asserted: timings on a shared machine are noise.)"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pypdfium2 as pdfium

BENCH = Path(__file__).parent.parent / "bench" / "bench_all.py"


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_all", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_all"] = module
    spec.loader.exec_module(module)
    return module


def test_a_long_paper_has_the_pages_asked_for(tmp_path: Path) -> None:
    pdf = bench().long_pdf(9, tmp_path / "long.pdf")
    document = pdfium.PdfDocument(pdf)
    try:
        assert len(document) == 9
    finally:
        document.close()


def test_batch_papers_are_distinct_files(tmp_path: Path) -> None:
    folder = bench().papers(3, tmp_path / "papers")
    contents = [path.read_bytes() for path in sorted(folder.iterdir())]
    assert len(contents) == 3 and len(set(contents)) == 3


def test_alternated_runs_give_each_contender_its_median() -> None:
    runs = iter([3.0, 10.0, 1.0, 30.0, 2.0, 20.0])
    assert bench().alternate({"a": lambda: next(runs), "b": lambda: next(runs)}, 3) == {"a": 2.0, "b": 20.0}


def test_the_library_floor_runs_its_command() -> None:
    """The floor is a real typer command run to its end (typer builds its parameters' adapters
    then), not an import: else it would understate what the libraries cost."""
    result = subprocess.run([sys.executable, "-c", bench().LIBRARY_FLOOR], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '{"name":"paper.txt","value":1.0}'
