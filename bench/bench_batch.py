"""Batch throughput: files/s and pages/s for 1 and 2 workers, peak memory per worker, and the
store's re-run speed-up, on the sample PDFs copied N times.

    .venv/bin/python bench/bench_batch.py [--copies 8] [--workers 1 2] [--repeat 1]
    .venv/bin/python bench/bench_batch.py --schedule   # the order papers are sent in, on a busy machine

Each measurement runs in a fresh interpreter so imports, caches and memory start equal.
Figures go in issue notes; nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import heapq
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDFS = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))


def make_corpus(folder: Path, copies: int) -> None:
    for copy in range(copies):
        target = folder / f"set{copy:02d}"
        target.mkdir(parents=True, exist_ok=True)
        for pdf in SAMPLE_PDFS:
            # a byte appended makes each copy a distinct file to the store's content hash
            target.joinpath(pdf.name).write_bytes(pdf.read_bytes() + f"\n%copy {copy}\n".encode())


def child(corpus: str, workers: int, store: str | None) -> None:
    """One measured run, in its own process: prints a JSON line."""
    from kpiextract.api import Settings
    from kpiextract.batch import BatchOptions, run_batch

    started = time.perf_counter()
    report = run_batch([Path(corpus)], Settings(),
                       BatchOptions(workers=workers, store=Path(store) if store else None))
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({
        "files": len(report.results), "pages": report.pages, "records": report.records,
        "failed": len(report.failed), "reused": report.reused, "seconds": seconds,
        # with one worker the work is done in this process; with more, the peak of any worker
        "peak_worker_mb": (own if workers == 1 else children) / 1024,
    }))


def measure(corpus: Path, workers: int, store: Path | None = None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", str(corpus), "--workers", str(workers)]
    if store:
        command += ["--store", str(store)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def row(label: str, figures: dict[str, float]) -> str:
    seconds = figures["seconds"]
    return (f"{label:<26} {int(figures['files']):>6} {int(figures['pages']):>6} {seconds:>8.2f} "
            f"{figures['files'] / seconds:>8.1f} {figures['pages'] / seconds:>8.1f} {figures['peak_worker_mb']:>9.0f}")


def makespan(seconds: list[float], workers: int = 2) -> float:
    """When the last of `workers` finishes, each taking the next paper as soon as it is free."""
    free = [0.0] * workers
    for duration in seconds:
        heapq.heappush(free, heapq.heappop(free) + duration)
    return max(free)


def schedule() -> None:
    """Two workers' finishing time for papers sent in input order and largest file first, from
    each paper's CPU seconds in one warm process. CPU time barely moves when other work shares the
    machine, so this compares the orders where wall-clock runs of 1 and 2 workers cannot."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_all import long_pdf, papers

    from kpiextract.api import Settings
    from kpiextract.batch import extract_one

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        mixed = papers(15, work / "mixed")
        long_pdf(70, mixed / "zz-long.pdf")
        folders = {"16 papers": papers(16, work / "p16"), "15 papers + 70 pages last": mixed,
                   "60 papers": papers(60, work / "p60")}
        files = sorted(folders["16 papers"].iterdir())
        extract_one(str(files[0]), Settings(), "warm-up")
        for label, folder in folders.items():
            cpu: dict[Path, float] = {}
            for path in sorted(folder.iterdir()):
                started = time.process_time()
                extract_one(str(path), Settings(), path.name)
                cpu[path] = time.process_time() - started
            total = sum(cpu.values())
            given = makespan(list(cpu.values()))
            largest = makespan([cpu[path] for path in sorted(cpu, key=lambda path: -path.stat().st_size)])
            print(f"{label}: {total:.1f} CPU s; 2 workers in input order {given:.1f} s ({total / given:.2f}x), "
                  f"largest first {largest:.1f} s ({total / largest:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=8, help="copies of the sample PDFs (5 files, 37 pages each)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting; the fastest is reported")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--schedule", action="store_true", help="instead: compare the orders papers are sent in")
    args = parser.parse_args()
    if args.schedule:
        schedule()
        return
    if args.child:
        child(args.child, args.workers[0], args.store)
        return
    if not SAMPLE_PDFS:
        sys.exit("no sample PDFs: run tools/make_sample_pdfs.py first")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(corpus, args.copies)
        print(f"{'run':<26} {'files':>6} {'pages':>6} {'seconds':>8} {'files/s':>8} {'pages/s':>8} {'peak MB':>9}")
        timings: dict[int, float] = {}
        for workers in args.workers:
            best = min((measure(corpus, workers) for _ in range(args.repeat)), key=lambda f: f["seconds"])
            timings[workers] = best["seconds"]
            print(row(f"{workers} worker(s)", best))
        if 1 in timings:
            for workers, seconds in timings.items():
                if workers != 1:
                    print(f"speed-up {workers} vs 1 worker: {timings[1] / seconds:.2f}x")
        store = Path(tmp) / "kpis.db"
        most = max(args.workers)
        first = measure(corpus, most, store)
        again = measure(corpus, most, store)
        print(row(f"store, first run ({most}w)", first))
        print(row(f"store, re-run ({most}w)", again))
        print(f"re-run with the store: {first['seconds'] / again['seconds']:.1f}x faster "
              f"({int(again['reused'])} of {int(again['files'])} papers reused)")
        shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    main()
