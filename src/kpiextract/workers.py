"""Worker processes that a batch can always stop: one paper per worker, a deadline on each.

Why not `concurrent.futures.ProcessPoolExecutor` or `multiprocessing.Pool`:
- `ProcessPoolExecutor(max_tasks_per_child=...)` deadlocks on Python 3.11-3.13 when a worker
  is replaced while tasks are queued (CPython gh-115634): a batch stopped at "50/51" forever.
- `multiprocessing.Pool` loses a task whose worker dies (out of memory, a crash in a C
  library) and waits for its result forever.
- neither can stop one task that runs too long without stopping every other task.

So the parent is the only scheduler. Each worker has its own pipe and holds at most one job;
the parent waits on the pipes and on the workers' exit sentinels with the nearest deadline as
its timeout. A slow job is killed with its worker, a dead worker is seen at once, and there is
no shared queue, lock or feeder thread to deadlock on. Recycling is the parent sending "stop"
to a worker that is idle by construction, then starting a fresh one.

A batch recycles by memory, not by a count (batch.py's defaults): each answer carries the
worker's resident memory, and a worker above the bound is replaced. bench/bench_recycle.py
measured why: a worker's memory does not grow from paper to paper (flat over 100 papers read
again), but it keeps its largest paper's high-water mark for the rest of its life (freed pages
are not handed back), so a worker that met one pathological paper would hold that memory for
the whole batch. A fresh worker pays its imports and warm-up again (its first papers are
slower), so recycling by count costs time and buys nothing.

One job per message, not chunks of jobs: a round trip through the pipes costs about 0.1 ms
against a paper's 0.3 s and more, and one job per worker keeps a deadline for each paper and
the load balanced to the last paper.

Workers ignore SIGINT (the parent decides what Ctrl-C means and stops them) and exit by
themselves the moment the parent dies, even a SIGKILLed parent: a thread waits on the
parent's sentinel, a pipe whose write end only the parent holds.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

Key = TypeVar("Key")

# a worker that does not stop within this after SIGTERM is killed
_STOP_GRACE = 2.0
# a paper's clock starts when its worker is ready (imports done); starting gets this long on top
_START_GRACE = 60.0
_READY = "ready"


def resident_mb() -> float | None:
    """This process's resident memory in MiB: the current figure on Linux, else the peak (an upper
    bound, so a bound on it recycles early, never late); None where neither can be read."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


@dataclass(frozen=True)
class Failure:
    """A job that gave no result: its worker was stopped (timeout) or died (crash)."""

    kind: str
    """"timeout" or "crash"."""
    detail: str


@dataclass(frozen=True)
class _Answer:
    """A job's result and the worker's resident memory (MiB) after it, for memory-based recycling."""

    result: Any
    resident_mb: float | None


class _Raised:
    """What a worker sends back when the task raised: the task is meant never to."""

    def __init__(self, error: BaseException) -> None:
        self.text = f"{type(error).__name__}: {error}"


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)  # not sys.exit: the main thread may be deep in a paper and must not finish it

    threading.Thread(target=watch, name="kpiextract-parent-watch", daemon=True).start()


@contextlib.contextmanager
def _main_hidden(hide: bool) -> Iterator[None]:
    """A spawned worker imports the parent's `__main__` again before it runs anything: for the
    `kpiextract` command that is the whole CLI (typer, rich, every command's options), on every
    worker start and recycle. The task's own module is all a worker needs, so unless the task
    lives in `__main__`, spawn is not told where `__main__` came from."""
    main = sys.modules.get("__main__")
    if not hide or main is None:
        yield
        return
    saved = {name: main.__dict__[name] for name in ("__file__", "__spec__") if name in main.__dict__}
    main.__spec__ = None
    if "__file__" in saved:
        del main.__file__
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C waits until the block is done, then is raised. Interrupted while it starts a
    worker, the parent would leave the child half of its start-up data (it dies printing a
    traceback, "Ran out of input") and the pool without a record of the child. Signal handlers
    belong to the main thread: elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def serve(conn: Connection, task: Callable[..., Any]) -> None:
    """A worker's life: run `task(*args)` for each message until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    try:
        conn.send(_READY)
    except OSError:
        return
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        if args is None:
            return
        try:
            result: Any = task(*args)
        except Exception as error:  # noqa: BLE001 - reported to the parent as this job's failure
            result = _Raised(error)
        try:
            conn.send(_Answer(result, resident_mb()))
        except (OSError, ValueError):
            return


@dataclass
class _Worker(Generic[Key]):
    process: BaseProcess
    conn: Connection
    ready: bool = False
    done: int = 0
    resident_mb: float | None = None
    key: Key | None = None
    args: tuple[Any, ...] = ()
    deadline: float | None = None

    @property
    def busy(self) -> bool:
        return self.key is not None


class WorkerPool(Generic[Key]):
    """Run `task(*args)` for each job in up to `workers` processes; see the module docstring.

    Keys identify jobs (hashable, unique). A worker is replaced after `recycle_after` jobs, or
    after a job that leaves it above `recycle_above_mb` of resident memory (0: never).
    `run` yields `(key, result)` as jobs finish, where result is what the task returned or a
    `Failure`. A job whose worker crashes is tried once more in a fresh worker before it is
    reported, because the crash may have been its neighbour's doing (memory).
    """

    def __init__(self, task: Callable[..., Any], workers: int, recycle_after: int = 0,
                 timeout: float | None = None, start_method: str = "spawn",
                 recycle_above_mb: float = 0) -> None:
        self.task = task
        self.workers = max(1, workers)
        self.recycle_after = recycle_after
        self.recycle_above_mb = recycle_above_mb
        self.timeout = timeout if timeout and timeout > 0 else None
        # spawn, not fork: a forked worker would inherit the parent's threads' locks and caches
        self.context: Any = multiprocessing.get_context(start_method)
        self._live: list[_Worker[Key]] = []
        self._retiring: list[BaseProcess] = []

    # --- workers ------------------------------------------------------------------------------

    def start(self, count: int) -> None:
        """Start workers ahead of their first jobs: their imports overlap the caller's own work
        (hashing papers, reading the store), which small batches otherwise wait for."""
        while len(self._live) < min(count, self.workers):
            self._start()

    def _start(self) -> _Worker[Key]:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(target=serve, args=(child_end, self.task), daemon=True,
                                       name="kpiextract-worker")
        with _interrupts_held():
            with _main_hidden(self.task.__module__ != "__main__"):
                process.start()
            child_end.close()  # the child's copy lives on in the child; ours would hide its exit
            worker: _Worker[Key] = _Worker(process, parent_end)
            self._live.append(worker)
        return worker

    def _assign(self, worker: _Worker[Key], key: Key, args: tuple[Any, ...]) -> None:
        worker.key, worker.args = key, args
        self._set_deadline(worker)
        # a worker that died while idle cannot take it: its sentinel says so, and the job goes round again
        with contextlib.suppress(OSError):
            worker.conn.send(args)

    def _set_deadline(self, worker: _Worker[Key]) -> None:
        if self.timeout is None:
            worker.deadline = None
        else:
            worker.deadline = time.monotonic() + self.timeout + (0.0 if worker.ready else _START_GRACE)

    def _release(self, worker: _Worker[Key], resident_mb: float | None) -> None:
        worker.key, worker.args, worker.deadline = None, (), None
        worker.done += 1
        worker.resident_mb = resident_mb
        if self._worn(worker):
            self._retire(worker)

    def _worn(self, worker: _Worker[Key]) -> bool:
        if self.recycle_after and worker.done >= self.recycle_after:
            return True
        return bool(self.recycle_above_mb and worker.resident_mb is not None
                    and worker.resident_mb > self.recycle_above_mb)

    def _retire(self, worker: _Worker[Key]) -> None:
        """Ask an idle worker to stop; it is joined later, without waiting for it now."""
        self._let_go(worker, stop=True)
        self._reap(block=False)

    def _kill(self, worker: _Worker[Key]) -> None:
        self._live.remove(worker)
        worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def _reap(self, block: bool) -> None:
        for process in list(self._retiring):
            process.join(_STOP_GRACE if block else 0)
            if process.is_alive() and block:
                process.kill()
                process.join()
            if not process.is_alive():
                self._retiring.remove(process)

    def close(self) -> None:
        """Stop every worker now: idle ones are told to, busy ones are terminated."""
        for worker in list(self._live):
            if worker.busy:
                worker.process.terminate()
            self._let_go(worker, stop=not worker.busy)
        self._reap(block=True)

    def _let_go(self, worker: _Worker[Key], stop: bool) -> None:
        """Drop a worker from the pool, telling it to stop if it is listening; joined by _reap."""
        self._live.remove(worker)
        if stop:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        worker.conn.close()
        self._retiring.append(worker.process)

    # --- scheduling ---------------------------------------------------------------------------

    def run(self, jobs: Iterable[tuple[Key, tuple[Any, ...]]]) -> Iterator[tuple[Key, Any]]:
        pending: deque[tuple[Key, tuple[Any, ...]]] = deque(jobs)
        crashes: dict[Key, int] = {}
        try:
            while pending or any(w.busy for w in self._live):
                while pending:
                    idle = next((w for w in self._live if not w.busy), None)
                    if idle is None:
                        if len(self._live) >= self.workers:
                            break
                        idle = self._start()
                    key, args = pending.popleft()
                    self._assign(idle, key, args)
                yield from self._collect(pending, crashes)
        finally:
            self._with_sigint_ignored(self.close)

    def _collect(self, pending: deque[tuple[Key, tuple[Any, ...]]],
                 crashes: dict[Key, int]) -> Iterator[tuple[Key, Any]]:
        busy = [w for w in self._live if w.busy]
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        now = time.monotonic()
        for worker in busy:
            key, args = worker.key, worker.args
            assert key is not None
            if worker.conn in ready:
                try:
                    result = worker.conn.recv()
                except (EOFError, OSError):
                    pass  # died while answering: a crash, handled below
                else:
                    if isinstance(result, str) and result == _READY:
                        worker.ready = True
                        self._set_deadline(worker)
                        continue
                    assert isinstance(result, _Answer)
                    self._release(worker, result.resident_mb)
                    result = result.result
                    if isinstance(result, _Raised):
                        result = Failure("crash", f"internal error ({result.text})")
                    yield key, result
                    continue
            if worker.conn in ready or worker.process.sentinel in ready:
                worker.process.join()
                code = worker.process.exitcode
                self._live.remove(worker)
                worker.conn.close()
                tries = crashes[key] = crashes.get(key, 0) + 1
                if tries < 2:
                    pending.appendleft((key, args))
                else:
                    yield key, Failure("crash", f"the worker reading it died ({_describe_exit(code)})")
            elif worker.deadline is not None and now >= worker.deadline:
                self._kill(worker)
                yield key, Failure("timeout", f"stopped after {self.timeout:g} s")

    @staticmethod
    def _with_sigint_ignored(action: Callable[[], None]) -> None:
        """Run clean-up that a second Ctrl-C must not cut short (and leave workers behind)."""
        if threading.current_thread() is not threading.main_thread():
            action()
            return
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            action()
        finally:
            signal.signal(signal.SIGINT, previous)


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"
