"""Benchmark kpiextract's PDF reading against raw pdfplumber on the same PDFs, in the same run.

    .venv/bin/python bench/bench_pdf.py                 # samples/pdf/*.pdf, 5 repetitions
    .venv/bin/python bench/bench_pdf.py --repeat 20
    .venv/bin/python bench/bench_pdf.py --long 300      # also a 300-page paper, for memory
    .venv/bin/python bench/bench_pdf.py some/*.pdf

Modes, each in its own subprocess so that peak memory (ru_maxrss) belongs to that mode alone:
- pdfplumber: open, then `extract_text()` and `extract_tables()` on every page (closing each
  page after use) - what a script using pdfplumber directly would do;
- read_pdf: kpiextract's reader alone - words, tables, text blocks, page joins (the Document);
- kpiextract: `read_pdf()` and `extract_document()` - the Document and its KPI records (the
  layouts' time is in this figure, not the reader's).
Each worker reads every file once to warm up (imports, caches, the OS page cache), then times
N repetitions. Pages/s is total pages over total time; peak RSS is the worker's high-water mark,
with what the interpreter and imports alone took shown as the baseline.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MODES = ("pdfplumber", "read_pdf", "kpiextract")


def _rss_mb() -> float:
    # Linux reports ru_maxrss in KiB, macOS in bytes
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _read_pdfplumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def _read_only(path: Path) -> int:
    from kpiextract.readers.pdf import read_pdf

    return read_pdf(path).page_count


def _read_kpiextract(path: Path) -> int:
    from kpiextract.api import extract_document
    from kpiextract.readers.pdf import read_pdf

    document = read_pdf(path)
    extract_document(document)
    return document.page_count


def worker(mode: str, files: list[Path], repeat: int) -> dict[str, Any]:
    """Runs in the subprocess: warm up, then time `repeat` passes over every file."""
    read = {"pdfplumber": _read_pdfplumber, "read_pdf": _read_only, "kpiextract": _read_kpiextract}[mode]
    import pdfplumber  # noqa: F401 - both modes pay for their imports before the baseline

    import kpiextract.api  # noqa: F401
    import kpiextract.readers.pdf  # noqa: F401

    baseline = _rss_mb()
    for path in files:
        read(path)
    pages = 0
    started = time.perf_counter()
    for _ in range(repeat):
        for path in files:
            pages += read(path)
    seconds = time.perf_counter() - started
    return {"mode": mode, "pages": pages, "seconds": seconds, "baseline_mb": baseline, "peak_mb": _rss_mb()}


def run_mode(mode: str, files: list[Path], repeat: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", mode, "--repeat", str(repeat), *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"the {mode} worker failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def make_long_pdf(files: list[Path], pages: int, folder: Path) -> Path:
    """A long paper made of the samples' pages over and over (pdfium copies pages, no re-render)."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(path)) for path in files]
    while len(target) < pages:
        for source in sources:
            if len(target) >= pages:
                break
            target.import_pages(source, list(range(min(len(source), pages - len(target)))))
    out = folder / f"long-{pages}.pdf"
    target.save(str(out))
    target.close()
    for source in sources:
        source.close()
    return out


def report(title: str, results: dict[str, dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"{'mode':<12} {'pages':>6} {'seconds':>9} {'pages/s':>9} {'peak RSS MB':>12} {'(imports)':>10}")
    for mode in MODES:
        r = results[mode]
        rate = r["pages"] / r["seconds"] if r["seconds"] else float("inf")
        print(f"{mode:<12} {r['pages']:>6} {r['seconds']:>9.2f} {rate:>9.1f} {r['peak_mb']:>12.1f} "
              f"{r['baseline_mb']:>10.1f}")
    theirs = results["pdfplumber"]
    for mode in ("read_pdf", "kpiextract"):
        ours = results[mode]
        ratio = (ours["pages"] / ours["seconds"]) / (theirs["pages"] / theirs["seconds"])
        grew, theirs_grew = ours["peak_mb"] - ours["baseline_mb"], theirs["peak_mb"] - theirs["baseline_mb"]
        print(f"{mode}: {ratio:.2f}x raw pdfplumber's pages/s; peak memory {grew:.1f} MB above imports "
              f"vs pdfplumber's {theirs_grew:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="PDFs to read (default: samples/pdf/*.pdf)")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the files (default 5)")
    parser.add_argument("--long", type=int, default=0, metavar="PAGES",
                        help="also read one long PDF of this many pages, built from the files")
    parser.add_argument("--worker", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    if args.worker:
        print(json.dumps(worker(args.worker, files, args.repeat)))
        return 0
    if not files:
        parser.error("no PDFs found (run tools/make_sample_pdfs.py first)")
    count = sum(_page_count(path) for path in files)
    print(f"{len(files)} PDFs, {count} pages, {args.repeat} timed passes after one warm-up pass; "
          f"Python {sys.version.split()[0]}")
    report("Sample PDFs", {mode: run_mode(mode, files, args.repeat) for mode in MODES})
    if args.long:
        with tempfile.TemporaryDirectory() as folder:
            long_pdf = make_long_pdf(files, args.long, Path(folder))
            report(f"One {args.long}-page PDF (1 timed pass)",
                   {mode: run_mode(mode, [long_pdf], 1) for mode in MODES})
    return 0


def _page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


if __name__ == "__main__":
    raise SystemExit(main())
