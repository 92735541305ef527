"""Start-up stays light: `kpiextract --version` and `--help` must not load the PDF stack,
openpyxl or the worker machinery, which each cost tens of milliseconds on every command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("openpyxl", "pdfplumber", "pypdfium2", "multiprocessing", "pydantic", "rapidfuzz", "importlib.metadata",
         "rich")


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    output = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True,
                            timeout=120).stdout
    return set(output.split())


def test_importing_the_command_line_loads_none_of_the_heavy_libraries() -> None:
    assert loaded_after("import kpiextract.cli") & set(HEAVY) == set()


def test_reading_a_text_paper_loads_no_pdf_library_and_no_workbook_library() -> None:
    paper = Path(__file__).parent.parent / "samples" / "kent-cype-scorecard-2018-09.txt"
    loaded = loaded_after(f"from kpiextract import extract\nextract({str(paper)!r})")
    assert loaded & {"openpyxl", "pdfplumber", "pypdfium2", "multiprocessing"} == set()


def test_the_package_exposes_extract_and_its_version() -> None:
    import kpiextract

    assert kpiextract.__version__.count(".") == 2
    assert callable(kpiextract.extract) and kpiextract.Settings().password is None
    version = subprocess.run([sys.executable, "-m", "kpiextract", "--version"], check=True, capture_output=True,
                             text=True, timeout=60).stdout
    assert version.strip() == f"kpiextract {kpiextract.__version__}"


def test_a_pdf_without_ruling_lines_is_read_without_pdfplumber() -> None:
    """pdfplumber's table geometry is wanted only for ruled grids; pdfium reads everything else."""
    paper = Path(__file__).parent.parent / "samples" / "pdf" / "kent-cype-scorecard-2018-09.pdf"
    loaded = loaded_after(f"from kpiextract import extract\nassert extract({str(paper)!r}).records")
    assert "pypdfium2" in loaded and "pdfplumber" not in loaded and "pdfminer" not in loaded


def test_a_pdf_with_ruled_tables_loads_pdfplumber_for_them() -> None:
    paper = Path(__file__).parent.parent / "samples" / "printed" / "docx" / "bcp-childrens-scrutiny-q3-2023-24.pdf"
    loaded = loaded_after(f"from kpiextract import extract\nassert extract({str(paper)!r}).records")
    assert "pdfplumber" in loaded


def test_a_batchs_parent_starts_its_workers_without_the_extraction_pipeline() -> None:
    """The parent finds, hashes and writes; the workers read. Importing the pipeline (layouts, the PDF
    stack) in the parent cost every batch ~0.5 s before its first worker started."""
    loaded = loaded_after("import kpiextract.batch, kpiextract.cli")
    assert not {"kpiextract.api", "kpiextract.layouts", "pdfplumber", "pypdfium2"} & loaded
