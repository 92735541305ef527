"""Run extraction over folders of papers: in worker processes, resumably, one bad file never stopping the rest.

The unit of work is `extract_one`, a pure top-level function of (path, settings), so the same
batch runs in a local process pool or on a dask.distributed cluster. Workers are recycled every
`recycle_after` files because pdfplumber's memory grows across documents.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .api import SUPPORTED_SUFFIXES, Settings, extract
from .models import ExtractionResult
from .store import Store, extractor_version, file_hash


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0
    """Worker processes; 0 means one per CPU core. 1 runs in this process."""
    recycle_after: int = 25
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

    @property
    def failed(self) -> list[ExtractionResult]:
        return [r for r in self.results if not r.ok]

    @property
    def records(self) -> int:
        return sum(len(r.records) for r in self.results)

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results)


Progress = Callable[[ExtractionResult], None]


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Papers under the given files and folders (recursively), and the problems with the paths."""
    found: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if candidate.suffix.lower() in SUPPORTED_SUFFIXES and not name.startswith((".", "~$")):
                        found.append(candidate)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for candidate in found:
        unique.setdefault(candidate.resolve(), candidate)
    return list(unique.values()), problems


def display_name(path: Path, roots: list[Path]) -> str:
    """The path an analyst will recognise: relative to the folder given, else the file name."""
    resolved = path.resolve()
    for root in roots:
        base = root.resolve()
        if root.is_dir() and resolved.is_relative_to(base):
            return str(resolved.relative_to(base.parent))
    return path.name


def extract_one(path: str, settings: Settings, display: str) -> ExtractionResult:
    """Extract one file, naming it as the batch shows it. Never raises: errors are in the result."""
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


def _run_local(jobs: list[Job], settings: Settings, options: BatchOptions) -> Iterator[tuple[Job, ExtractionResult]]:
    workers = min(_worker_count(options), max(1, len(jobs)))
    if workers == 1:
        for job in jobs:
            yield job, extract_one(str(job.path), settings, job.display)
        return
    queue = list(reversed(jobs))
    crashes: dict[str, int] = {}
    while queue:
        in_flight: dict[Future[ExtractionResult], Job] = {}
        try:
            yield from _pool_pass(queue, in_flight, workers, settings, options)
        except BrokenProcessPool:
            # a worker died hard (out of memory, a crash in a C library): the files it may have
            # held go round once more, each alone if need be; a file in two crashes is reported
            for job in in_flight.values():
                crashes[job.display] = crashes.get(job.display, 0) + 1
                if crashes[job.display] >= 2:
                    yield job, ExtractionResult(source_file=job.display,
                                                error=f"{job.display}: the worker reading it crashed")
                else:
                    queue.append(job)


def _pool_pass(queue: list[Job], in_flight: dict[Future[ExtractionResult], Job], workers: int,
               settings: Settings, options: BatchOptions) -> Iterator[tuple[Job, ExtractionResult]]:
    """Run queued jobs in one pool until the queue is empty (or the pool breaks)."""
    # spawn, not fork: forked workers would share the parent's pdfplumber caches and locks
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             max_tasks_per_child=max(1, options.recycle_after)) as pool:
        def submit() -> None:
            job = queue.pop()
            in_flight[pool.submit(extract_one, str(job.path), settings, job.display)] = job

        # a bounded number of files in flight, so a huge corpus never sits in memory at once
        while queue and len(in_flight) < workers * 4:
            submit()
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()  # BrokenProcessPool propagates to the caller
                job = in_flight.pop(future)
                yield job, result
                if queue:
                    submit()


def _run_dask(jobs: list[Job], settings: Settings, address: str) -> Iterator[tuple[Job, ExtractionResult]]:
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
    """Extract every paper under `paths`; results come back in input order."""
    settings = settings or Settings()
    options = options or BatchOptions()
    files, problems = discover(paths)
    report = BatchReport()
    for problem in problems:
        report.results.append(ExtractionResult(source_file=problem.split(":")[0], error=problem))
    jobs = [Job(path, display_name(path, paths)) for path in files]
    order = {job.display: index for index, job in enumerate(jobs)}
    store = Store(options.store) if options.store else None
    version = extractor_version(settings.patterns_dir)
    done: dict[str, ExtractionResult] = {}
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
            todo, settings, options)
        for job, result in runner:
            done[job.display] = result
            if store is not None and job.content_hash:
                store.put(job.content_hash, version, job.display, result)
            if progress:
                progress(result)
    finally:
        if store is not None:
            store.close()
    report.results.extend(sorted(done.values(), key=lambda r: order.get(r.source_file, len(order))))
    return report
