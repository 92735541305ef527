"""Run extraction over folders of papers: in worker processes, resumably, one bad file never stopping the rest.

The unit of work is `extract_one`, a pure top-level function of (path, settings), so the same
batch runs in local worker processes (`workers.py`: a deadline per paper, crash isolation,
recycling) or on a dask.distributed cluster.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .models import ExtractionResult
from .renderings import duplicate, pair_renderings, same_records
from .settings import SUPPORTED_SUFFIXES, Settings
from .store import Store, extractor_version, file_hash
from .workers import Failure, WorkerPool


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0
    """Worker processes; 0 means one per CPU core."""
    recycle_after: int = 0
    """Start a fresh worker after this many papers (0: never). Off by default: measured over 200
    papers (bench/bench_recycle.py), a worker's memory does not grow from paper to paper, and a
    fresh worker pays its imports and warm-up again."""
    recycle_above_mb: float = 256
    """Start a fresh worker after a paper that leaves it above this much resident memory (MiB; 0:
    never). A worker keeps its largest paper's high-water mark (measured: 68 MiB after ordinary
    papers, 89 MiB after a 700-page one), so this only replaces a worker that a pathological
    paper left holding about three times that, which would otherwise hold it for the whole batch."""
    timeout: float | None = 300.0
    """Stop a paper after this many seconds in a worker (None or 0: no limit)."""
    in_process: bool = False
    """Read the papers in this process, one after another: no workers, so no timeout and no
    protection from a crash; for debugging and for library callers that want no subprocesses."""
    store: Path | None = None
    scheduler: str | None = None
    """A dask.distributed scheduler address; when given, the cluster does the work."""


@dataclass
class Job:
    path: Path
    display: str
    content_hash: str = ""


@dataclass
class BatchReport:
    results: list[ExtractionResult] = field(default_factory=list)
    reused: int = 0
    """Files whose result came from the store unchanged."""
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    seconds: float = 0.0
    not_read: list[str] = field(default_factory=list)
    """Papers an interrupted run never reached (or was reading when it stopped)."""

    @property
    def failed(self) -> list[ExtractionResult]:
        return [r for r in self.results if not r.ok]

    @property
    def duplicates(self) -> list[ExtractionResult]:
        return [r for r in self.results if r.duplicate_of]

    @property
    def records(self) -> int:
        return sum(len(r.records) for r in self.results)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results)


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: the workers are stopped; `report` holds what was read before."""

    def __init__(self, report: BatchReport) -> None:
        super().__init__()
        self.report = report


Progress = Callable[[ExtractionResult], None]


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Papers under the given files and folders (recursively), and the problems with the paths.

    Symbolic links to folders are followed, each real folder once, so a link back up the tree
    cannot loop; hidden folders and files, and Office lock files ("~$..."), are skipped.
    """
    found: list[Path] = []
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path, seen))
        elif path.is_file():
            found.append(path)
        elif path.is_symlink():
            problems.append(f"{path}: a link to something that does not exist")
        else:
            problems.append(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for candidate in found:
        unique.setdefault(candidate.resolve(), candidate)
    return list(unique.values()), problems


def _walk(top: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    for root, dirs, files in os.walk(top, followlinks=True):
        try:
            info = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if candidate.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith((".", "~$")):
                yield candidate


def display_name(path: Path, roots: list[Path]) -> str:
    """The path an analyst will recognise: from the folder given (its name included), else the file name.

    Worked out on the paths as walked, not resolved, so a paper in a linked folder keeps the
    link's name, as the analyst's file browser shows it.
    """
    for root in roots:
        if root.is_dir() and path.is_relative_to(root):
            return str(Path(Path(os.path.abspath(root)).name) / path.relative_to(root))
    return path.name


def extract_one(path: str, settings: Settings, display: str) -> ExtractionResult:
    """Extract one file, naming it as the batch shows it. Never raises: errors are in the result."""
    # The pipeline is imported by the process that reads papers, on its first paper: a batch's
    # parent, which only finds, hashes and writes, starts its workers without paying for it.
    from .api import extract

    try:
        result = extract(Path(path), settings)
    except Exception as error:  # noqa: BLE001 - a bug on one paper must not end the batch
        result = ExtractionResult(source_file=Path(path).name,
                                  error=f"{Path(path).name}: internal error ({type(error).__name__}: {error})")
    name = Path(path).name
    if result.error and result.error.startswith(f"{name}:") and display != name:
        result.error = display + result.error[len(name):]
    result.source_file = display
    for record in result.records:
        record.source_file = display
        for place in record.also_from:
            place.source_file = display
    return result


def _worker_count(options: BatchOptions) -> int:
    return options.workers if options.workers > 0 else (os.cpu_count() or 1)


def _failure_result(job: Job, failure: Failure, timeout: float | None) -> ExtractionResult:
    if failure.kind == "timeout":
        size = _size_text(job.path)
        error = (f"{job.display}: {failure.detail} (--timeout {timeout:g}): reading it took too long"
                 f"{f' ({size})' if size else ''}; the batch went on without it")
    else:
        error = f"{job.display}: {failure.detail}"
    return ExtractionResult(source_file=job.display, path=str(job.path.resolve()), error=error)


def _size_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"


def _pool(options: BatchOptions, papers: int) -> WorkerPool[int] | None:
    """The worker pool for a local run, its workers already starting; None in process or on Dask."""
    if options.in_process or options.scheduler or not papers:
        return None
    workers = min(_worker_count(options), papers)
    pool: WorkerPool[int] = WorkerPool(extract_one, workers, recycle_after=options.recycle_after,
                                       recycle_above_mb=options.recycle_above_mb, timeout=options.timeout)
    pool.start(workers)
    return pool


def _run_local(jobs: list[Job], settings: Settings, options: BatchOptions,
               pool: WorkerPool[int] | None) -> Generator[tuple[Job, ExtractionResult]]:
    if pool is None:
        for job in jobs:
            yield job, extract_one(str(job.path), settings, job.display)
        return
    order = range(len(jobs)) if pool.workers == 1 else _largest_first(jobs)
    tasks = ((index, (str(jobs[index].path), settings, jobs[index].display)) for index in order)
    for index, outcome in pool.run(tasks):
        job = jobs[index]
        if isinstance(outcome, Failure):
            outcome = _failure_result(job, outcome, options.timeout)
        yield job, outcome


def _largest_first(jobs: Sequence[Job]) -> list[int]:
    """Jobs in the order that lets workers finish together: the largest files first, so a long
    paper is not started last while the other workers sit idle (the batch's results are put
    back in input order at the end). File size stands for the work; one worker keeps the input
    order, which is then also the order papers are streamed in."""
    def size(index: int) -> int:
        try:
            return jobs[index].path.stat().st_size
        except OSError:
            return 0  # fails at once in its worker, wherever it comes

    return sorted(range(len(jobs)), key=lambda index: -size(index))


def _run_dask(jobs: list[Job], settings: Settings, address: str) -> Generator[tuple[Job, ExtractionResult]]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise RuntimeError("--scheduler needs dask.distributed: pip install 'kpiextract[dask]'") from None
    with Client(address) as client:
        futures = {client.submit(extract_one, str(job.path), settings, job.display, pure=False): job
                   for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - a lost worker takes only its file
                result = ExtractionResult(source_file=job.display,
                                          error=f"{job.display}: cluster task failed ({type(error).__name__})")
            yield job, result


def run_batch(paths: list[Path], settings: Settings | None = None, options: BatchOptions | None = None,
              progress: Progress | None = None) -> BatchReport:
    """Extract every paper under `paths`; results come back in input order.

    Ctrl-C raises `BatchInterrupted` once the workers are stopped, carrying the partial report;
    with a store, every paper read before it is kept for the resume.
    """
    settings = settings or Settings()
    options = options or BatchOptions()
    report = BatchReport()
    clock = time.perf_counter()
    files, problems = discover(paths)
    for problem in problems:
        report.results.append(ExtractionResult(source_file=problem.split(": ")[0], error=problem))
        if progress:
            progress(report.results[-1])
    files, renderings = pair_renderings(files)
    jobs = [Job(path, display_name(path, paths)) for path in files]
    order = {job.display: index for index, job in enumerate(jobs)}
    store = Store(options.store) if options.store else None
    version = extractor_version(settings.patterns_dir)
    done: dict[str, ExtractionResult] = {}
    for path, kept in renderings.items():
        result = duplicate(display_name(path, paths), display_name(kept, paths), "not read: another rendering of")
        result.path = str(path.resolve())
        report.results.append(result)
        if progress:
            progress(result)
    pool = _pool(options, len(jobs))
    try:
        todo: list[Job] = []
        for job in jobs:
            if store is None:
                todo.append(job)
                continue
            try:
                job.content_hash = file_hash(job.path)
            except OSError as error:
                done[job.display] = ExtractionResult(source_file=job.display,
                                                     error=f"{job.display}: cannot read ({error.strerror})")
                continue
            cached = store.get(job.content_hash, version, job.display)
            if cached is not None:
                done[job.display] = cached
                report.reused += 1
                if progress:
                    progress(cached)
            else:
                todo.append(job)
        runner = _run_dask(todo, settings, options.scheduler) if options.scheduler else _run_local(
            todo, settings, options, pool)
        # closing: whatever stops this loop (Ctrl-C, a failing callback) stops the workers now
        with contextlib.closing(runner):
            for job, result in runner:
                done[job.display] = result
                if store is not None and job.content_hash:
                    store.put(job.content_hash, version, job.display, result)
                if progress:
                    progress(result)
    except KeyboardInterrupt:
        report.not_read = [job.display for job in jobs if job.display not in done]
        raise BatchInterrupted(_finish(report, done, order, clock)) from None
    finally:
        if pool is not None:
            pool.close()  # idle when every paper came from the store; stopped at once on Ctrl-C
        if store is not None:
            store.close()
    return _finish(report, done, order, clock)


def run_summary(report: BatchReport, paths: Sequence[Path], options: BatchOptions,
                settings: Settings) -> dict[str, object]:
    """The "run" of a JSON manifest: what was asked, when, and how it went."""
    return {
        "started": report.started.isoformat(timespec="seconds"),
        "seconds": round(report.seconds, 3),
        "paths": [str(path) for path in paths],
        "extractor": extractor_version(settings.patterns_dir),
        "patterns": settings.patterns_dir,
        "workers": _worker_count(options) if not options.scheduler else None,
        "scheduler": options.scheduler,
        "timeout": options.timeout,
        "store": str(options.store) if options.store else None,
        "papers": len(report.results),
        "read": len(report.results) - len(report.failed),
        "failed": len(report.failed),
        "reused": report.reused,
        "pages": report.pages,
        "records": report.records,
    }


def _finish(report: BatchReport, done: dict[str, ExtractionResult], order: dict[str, int],
            clock: float) -> BatchReport:
    report.results.extend(same_records(sorted(done.values(), key=lambda r: order.get(r.source_file, len(order)))))
    report.seconds = time.perf_counter() - clock
    return report
