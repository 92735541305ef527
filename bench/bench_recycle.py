"""Does a batch worker's memory grow from paper to paper? The measurement behind the recycle policy.

    .venv/bin/python bench/bench_recycle.py [--papers 200] [--long-pages 700] [--long-at 100]

One worker process (the batch's own WorkerPool, never recycled) reads every PDF in the repository
(samples/ and tests/data/), round after round until `--papers` have been read, with a
`--long-pages` paper (the sample PDFs concatenated) at position `--long-at`. After each paper the
worker reports its resident memory (VmRSS) and high-water mark (VmHWM) from /proc (Linux).

What it shows decides `BatchOptions.recycle_after` and `recycle_above_mb` (see batch.py): the
growth per paper over the later rounds (papers the worker has already read once: a cache that grows
shows there; a leak grows without end) and what one long paper leaves behind. Figures go in the
README; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted({*ROOT.joinpath("samples").rglob("*.pdf"), *ROOT.joinpath("tests", "data").rglob("*.pdf")})


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def read_and_measure(path: str, display: str) -> tuple[int, bool, float, float]:
    """A worker's task: read one paper as the batch does, then report (pages, read, RSS, peak) in MiB."""
    from kpiextract.api import Settings
    from kpiextract.batch import extract_one

    result = extract_one(path, Settings(), display)
    return result.pages, result.ok, _status_kib("VmRSS") / 1024, _status_kib("VmHWM") / 1024


def cost(count: int, repeat: int, every: int = 5) -> None:
    """What one fresh worker costs a batch: its imports and its warm-up (a worker's first papers
    are slower) again. One worker, so the figure is not hidden behind another worker's papers."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_all import KPIEXTRACT, alternate, papers, run

    with tempfile.TemporaryDirectory() as tmp:
        folder = papers(count, Path(tmp) / "papers")
        out = Path(tmp) / "out.csv"
        contenders = {recycle: lambda recycle=recycle: run(
            [KPIEXTRACT, "--quiet", "batch", str(folder), "-o", str(out), "--workers", "1",
             "--recycle", recycle, "--recycle-above", "0"]).seconds for recycle in (str(every), "0")}
        times = alternate(contenders, repeat)
    fresh = (count - 1) // every
    print(f"batch of {count} papers, 1 worker, medians of {repeat} alternated runs: --recycle {every} "
          f"{times[str(every)]:.1f} s, --recycle 0 {times['0']:.1f} s: "
          f"{(times[str(every)] - times['0']) / fresh:.2f} s for each of {fresh} fresh workers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=200, help="papers read by the one worker")
    parser.add_argument("--long-pages", type=int, default=700, help="pages of the long paper (0: none)")
    parser.add_argument("--long-at", type=int, nargs="+", default=[100],
                        help="where in the run the long paper comes (several: it comes again)")
    parser.add_argument("--every", type=int, default=10, help="print one line per this many papers")
    parser.add_argument("--cost", type=int, nargs="?", const=60, metavar="PAPERS",
                        help="instead: time `batch` on PAPERS papers with --recycle 5 against --recycle 0")
    parser.add_argument("--repeat", type=int, default=3, help="with --cost: runs of each (median reported)")
    args = parser.parse_args()
    if args.cost:
        cost(args.cost, args.repeat)
        return
    if not Path("/proc/self/status").exists():
        sys.exit("needs Linux's /proc to read a worker's resident memory")
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_all import long_pdf

    from kpiextract.workers import Failure, WorkerPool

    with tempfile.TemporaryDirectory() as tmp:
        order = [PDFS[index % len(PDFS)] for index in range(args.papers)]
        long_at = sorted({min(at, args.papers) for at in args.long_at}) if args.long_pages else []
        if long_at:
            long = long_pdf(args.long_pages, Path(tmp) / "long.pdf")
            for shift, at in enumerate(long_at):
                order.insert(at + shift, long)
            long_at = [at + shift for shift, at in enumerate(long_at)]
        print(f"one worker, {len(order)} papers ({len(PDFS)} distinct PDFs in rounds"
              f"{f', a {args.long_pages}-page paper at {[at + 1 for at in long_at]}' if long_at else ''})")
        print(f"{'paper':>6} {'pages':>6} {'RSS MiB':>8} {'peak MiB':>9}  file")
        pool: WorkerPool[int] = WorkerPool(read_and_measure, workers=1, recycle_after=0, timeout=None)
        rss: list[float] = []
        started = time.perf_counter()
        for index, answer in pool.run((i, (str(path), path.name)) for i, path in enumerate(order)):
            if isinstance(answer, Failure):
                sys.exit(f"{order[index]}: {answer.detail}")
            pages, _, resident, peak = answer
            rss.append(resident)
            if index % args.every == 0 or pages >= 100 or index == len(order) - 1:
                print(f"{index + 1:>6} {pages:>6} {resident:>8.1f} {peak:>9.1f}  {order[index].name}")
        seconds = time.perf_counter() - started

    distinct = len(PDFS)
    first_round = rss[:distinct]
    print(f"\n{len(order)} papers in {seconds:.0f} s")
    print(f"RSS after the first paper {rss[0]:.1f} MiB, after {len(first_round)} papers (a round) "
          f"{first_round[-1]:.1f} MiB, at the end {rss[-1]:.1f} MiB, highest {max(rss):.1f} MiB")
    for at in long_at:
        if 0 < at < len(rss):
            print(f"the long paper, paper {at + 1}: RSS {rss[at - 1]:.1f} -> {rss[at]:.1f} MiB")
    later = [value for index, value in enumerate(rss) if index >= distinct and index not in long_at]
    if len(later) > 2:
        steps = len(later) - 1
        print(f"after the first round: {later[0]:.1f} -> {later[-1]:.1f} MiB over {steps} papers, "
              f"{(later[-1] - later[0]) * 1024 / steps:.1f} KiB a paper; median {statistics.median(later):.1f} MiB")


if __name__ == "__main__":
    main()
