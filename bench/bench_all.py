"""Every performance figure of issue 14 in one run: start-up, parse per process and in process
against raw pdfplumber, peak memory on a long paper, and batch scaling.

    .venv/bin/python bench/bench_all.py              # the full run (several minutes)
    .venv/bin/python bench/bench_all.py --repeat 5   # more runs per figure on a noisy machine
    .venv/bin/python bench/bench_all.py --tiny       # a few seconds: checks the script works

Long papers are made by concatenating the sample PDFs (samples/printed/*) with pypdfium2, in a
temporary folder. Each timed figure alternates its contenders run by run (A, B, A, B...) and
reports the median, so a machine busy with other work slows both alike. Peak memory is the
child process's high-water mark (ru_maxrss from wait4). Nothing here is asserted: the figures
go in notes and the README.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_PRODUCERS = ("chromium", "docx", "latex", "lo-html", "lo-html-ruled", "reportlab")
"""The producers whose prints the long papers and batches are made of: fixed, so that a producer
added to the corpus (abiword sorts first) does not change what the figures measure."""
PRINTED = sorted(pdf for producer in BENCH_PRODUCERS for pdf in (ROOT / "samples" / "printed" / producer).glob("*.pdf"))
SHORT = ROOT / "samples" / "pdf" / "kent-cype-scorecard-2018-09.pdf"  # 4 pages
SHORT_TEXT = ROOT / "samples" / "kent-cype-scorecard-2018-09.txt"  # the same paper as text
BIN = Path(sys.executable).parent
KPIEXTRACT = str(BIN / "kpiextract")

RAW_PDFPLUMBER = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text(); page.extract_tables(); page.close()
"""

# What no one-process-per-paper run can go under: the interpreter, the command line library
# running a command with the parameter kinds of `parse` (typer builds a pydantic adapter for each
# when the command runs), the record library with one model built and used, and the PDF
# library, with none of kpiextract.
LIBRARY_FLOOR = """
import enum, pathlib, pydantic, pypdfium2, typer
from typing import Annotated
class Record(pydantic.BaseModel):
    name: str
    value: float | None = None
class Format(str, enum.Enum):
    json = "json"
    csv = "csv"
app = typer.Typer()
@app.command()
def parse(file: Annotated[pathlib.Path, typer.Argument()],
          output: Annotated[pathlib.Path | None, typer.Option("-o")] = None,
          output_format: Annotated[Format | None, typer.Option("--format")] = None,
          patterns: Annotated[pathlib.Path | None, typer.Option("--patterns")] = None,
          password: Annotated[str | None, typer.Option("--password")] = None,
          council: Annotated[str | None, typer.Option("--council")] = None,
          manifest: Annotated[bool, typer.Option("--manifest")] = False) -> None:
    print(Record(name=str(file), value=1).model_dump_json())
@app.command()
def version() -> None:
    pass
app(["parse", "paper.txt", "--format", "json"], standalone_mode=False)
"""


@dataclass
class Run:
    seconds: float
    peak_mib: float


def run(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """One child process: its wall time and its peak resident memory."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child cannot block on it
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"failed ({status}): {' '.join(command)}\n{errors.read().decode(errors='replace')}")
    # Linux reports ru_maxrss in KiB, macOS in bytes
    return Run(seconds, usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024))


def alternate(contenders: dict[str, Callable[[], float]], repeat: int) -> dict[str, float]:
    """Each contender `repeat` times, interleaved; the median of each."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, measure in contenders.items():
            times[name].append(measure())
    return {name: statistics.median(values) for name, values in times.items()}


def long_pdf(pages: int, out: Path) -> Path:
    """A paper of `pages` pages: the sample papers one after another, as often as needed."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    index = 0
    while len(merged) < pages:
        source = pdfium.PdfDocument(PRINTED[index % len(PRINTED)])
        merged.import_pages(source, list(range(min(len(source), pages - len(merged)))))
        source.close()
        index += 1
    merged.save(out)
    merged.close()
    return out


def papers(count: int, folder: Path) -> Path:
    """`count` distinct sample papers (a byte appended to each copy, so the content hashes differ)."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        source = PRINTED[index % len(PRINTED)]
        folder.joinpath(f"{index:03d}-{source.parent.name}-{source.name}").write_bytes(
            source.read_bytes() + f"\n%copy {index}\n".encode())
    return folder


def prepare() -> None:
    """What an installed kpiextract has before its first timed run.

    pip compiles a wheel's modules to bytecode when it installs them; an editable install under
    PYTHONDONTWRITEBYTECODE (set on some CI machines and sandboxes) would instead compile every
    module from source on every run, ~0.15 s that no user pays. And the first run after an
    install or a vocabulary edit builds the catalogue and council index (buildcache.py): one
    untimed run does it, and a cold-cache run is reported on its own.
    """
    spec = importlib.util.find_spec("kpiextract")
    if spec is not None and spec.origin:
        compileall.compile_dir(Path(spec.origin).parent, quiet=1)
    run([KPIEXTRACT, "parse", str(SHORT_TEXT), "--format", "json"])


def in_process(mode: str, path: Path) -> float:
    """Seconds to read `path` in this process, after a warm-up read (imports, caches)."""
    if mode == "kpiextract":
        from kpiextract import extract

        def read() -> None:
            result = extract(path)
            if result.error:
                raise SystemExit(result.error)
    elif mode == "pdfplumber":
        import pdfplumber

        def read() -> None:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
                    page.close()
    else:  # pypdfium2's text: the floor no reader that looks at every character can go under
        import pypdfium2 as pdfium

        def read() -> None:
            document = pdfium.PdfDocument(path)
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            document.close()
    read()
    started = time.perf_counter()
    read()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timed figure (median reported)")
    parser.add_argument("--tiny", action="store_true", help="small inputs and one run: checks the script works")
    parser.add_argument("--in-process", nargs=2, metavar=("MODE", "PDF"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        print(in_process(args.in_process[0], Path(args.in_process[1])))
        return
    repeat = 1 if args.tiny else args.repeat
    long_pages, memory_pages, batch_sizes = (8, (4, 8), (2, 4)) if args.tiny else (70, (70, 700), (16, 60))
    print(f"kpiextract bench, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
          f"medians of {repeat} run(s), contenders alternated")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        long = long_pdf(long_pages, work / f"long-{long_pages}.pdf")

        prepare()
        version = alternate({"version": lambda: run([KPIEXTRACT, "--version"]).seconds}, repeat)["version"]
        floor = alternate({"floor": lambda: run([sys.executable, "-c", LIBRARY_FLOOR]).seconds}, repeat)["floor"]
        print(f"\nstart-up: kpiextract --version {version:.2f} s")
        print(f"  the libraries' floor (a typer command with parse's options that does nothing but dump one "
              f"pydantic model, pypdfium2 imported): {floor:.2f} s")
        text = alternate({"text": lambda: run([KPIEXTRACT, "parse", str(SHORT_TEXT), "--format", "json"]).seconds},
                         repeat)["text"]
        print(f"parse of a short text paper ({SHORT_TEXT.name}): {text:.2f} s")
        cold = run([KPIEXTRACT, "parse", str(SHORT_TEXT), "--format", "json"],
                   env={**os.environ, "KPIEXTRACT_CACHE_DIR": str(work / "cold-cache")}).seconds
        print(f"  the same with an empty build cache (the first run after installing): {cold:.2f} s")

        print("\nparse, one process per paper (kpiextract parse --format json vs a pdfplumber script "
              "calling extract_text + extract_tables)")
        for label, pdf in ((f"short ({SHORT.name}, 4 pages)", SHORT), (f"long ({long_pages} pages)", long)):
            times = alternate({
                "kpiextract": lambda pdf=pdf: run([KPIEXTRACT, "parse", str(pdf), "--format", "json"]).seconds,
                "pdfplumber": lambda pdf=pdf: run([sys.executable, "-c", RAW_PDFPLUMBER, str(pdf)]).seconds,
            }, repeat)
            print(f"  {label}: kpiextract {times['kpiextract']:.2f} s, pdfplumber {times['pdfplumber']:.2f} s, "
                  f"{times['pdfplumber'] / times['kpiextract']:.1f}x")

        print(f"\nin process, warm, on the long paper ({long_pages} pages): pages/s")
        modes = ("kpiextract", "pdfplumber", "pypdfium2-text")
        times = alternate({mode: lambda mode=mode: float(subprocess.run(
            [sys.executable, __file__, "--in-process", mode, str(long)], check=True, capture_output=True,
            text=True).stdout) for mode in modes}, repeat)
        for mode in modes:
            print(f"  {mode:<15} {long_pages / times[mode]:7.1f} pages/s")
        print(f"  kpiextract is {times['pdfplumber'] / times['kpiextract']:.1f}x raw pdfplumber; pypdfium2's text "
              f"alone is {times['kpiextract'] / times['pypdfium2-text']:.1f}x faster than kpiextract")

        print("\npeak memory of kpiextract parse (one run each)")
        peaks: dict[int, float] = {}
        for pages in memory_pages:
            pdf = long if pages == long_pages else long_pdf(pages, work / f"long-{pages}.pdf")
            measured = run([KPIEXTRACT, "parse", str(pdf), "--format", "json"])
            peaks[pages] = measured.peak_mib
            print(f"  {pages:>4} pages: {measured.peak_mib:6.1f} MiB ({measured.seconds:.1f} s)")
        low, high = memory_pages
        print(f"  {high} pages / {low} pages: {peaks[high] / peaks[low]:.2f}")

        print("\nbatch: kpiextract batch --workers 1 vs 2")
        # the last: short papers and a long one that sorts last, the case for sending the largest first
        mixed = papers(batch_sizes[0] - 1, work / "papers-mixed")
        long_pdf(long_pages, mixed / "zz-long.pdf")
        folders = {f"{count:>3} papers": papers(count, work / f"papers-{count}") for count in batch_sizes}
        folders[f"{batch_sizes[0] - 1} papers + {long_pages} pages"] = mixed
        for label, folder in folders.items():
            out = work / "out.csv"
            times = alternate({str(workers): lambda workers=workers, folder=folder, out=out: run(
                [KPIEXTRACT, "--quiet", "batch", str(folder), "-o", str(out), "--workers", str(workers)]).seconds
                for workers in (1, 2)}, repeat)
            print(f"  {label}: 1 worker {times['1']:.1f} s, 2 workers {times['2']:.1f} s, "
                  f"speed-up {times['1'] / times['2']:.2f}x")
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
