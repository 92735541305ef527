"""The worker pool under a batch: every job answered once, whatever its worker does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kpiextract.workers import Failure, WorkerPool, resident_mb

from . import pool_tasks

pytestmark = pytest.mark.timeout(120)
measures_memory = pytest.mark.skipif(resident_mb() is None, reason="no way to read resident memory here")


def run(pool: WorkerPool[int], args: list[tuple[object, ...]]) -> dict[int, object]:
    answers = list(pool.run(enumerate(args)))
    keys = [key for key, _ in answers]
    assert sorted(keys) == list(range(len(args))), "every job answered exactly once"
    return dict(answers)


def test_results_come_back_for_every_job() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.double, workers=2)
    assert run(pool, [(n,) for n in range(10)]) == {n: 2 * n for n in range(10)}


def test_recycling_starts_fresh_workers_and_never_stalls() -> None:
    # gh-115634: ProcessPoolExecutor(max_tasks_per_child) hung here when tasks were queued
    pool: WorkerPool[int] = WorkerPool(pool_tasks.pid_after, workers=2, recycle_after=2)
    pids = run(pool, [(0.01,)] * 21)
    assert len(set(pids.values())) >= 10  # at most two jobs per worker process


def test_workers_are_kept_without_a_recycle_bound() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.pid_after, workers=1)
    assert len(set(run(pool, [(0.0,)] * 6).values())) == 1


def test_a_worker_is_replaced_after_recycle_after_jobs() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.pid_after, workers=1, recycle_after=3)
    pids = run(pool, [(0.0,)] * 7)
    assert [pids[n] == pids[0] for n in range(7)] == [True] * 3 + [False] * 4
    assert pids[3] == pids[5] != pids[6]


@measures_memory
def test_a_worker_left_above_the_memory_bound_is_replaced_and_the_others_are_kept() -> None:
    baseline = WorkerPool(pool_tasks.resident, workers=1)
    idle = run(baseline, [()])[0]
    assert isinstance(idle, float) and idle > 0
    # 120 MiB held by job 2 puts its worker over a bound 60 MiB above an idle worker
    pool: WorkerPool[int] = WorkerPool(pool_tasks.hold_then_pid, workers=1, recycle_above_mb=idle + 60)
    pids = run(pool, [(0,), (0,), (120,), (0,), (0,)])
    assert pids[0] == pids[1] == pids[2]
    assert pids[3] == pids[4] != pids[2]


@measures_memory
def test_a_tiny_memory_bound_gives_every_job_a_fresh_worker_and_loses_none() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.pid_after, workers=2, recycle_above_mb=1)
    pids = run(pool, [(0.0,)] * 6)
    assert len(set(pids.values())) == 6


def test_a_crashing_job_is_reported_and_the_others_finish() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.crash_on, workers=2)
    answers = run(pool, [(n, 3) for n in range(8)])
    failure = answers.pop(3)
    assert isinstance(failure, Failure) and failure.kind == "crash"
    assert "exit status 3" in failure.detail
    assert answers == {n: n for n in range(8) if n != 3}


def test_a_job_whose_worker_crashed_once_is_retried(tmp_path: Path) -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.crash_once, workers=1)
    assert run(pool, [(n, str(tmp_path / "crashed")) for n in range(3)]) == {0: 0, 1: 1, 2: 2}


def test_a_slow_job_is_stopped_at_its_deadline() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.pid_after, workers=2, timeout=1)
    answers = run(pool, [(0.01,), (60,), (0.01,), (0.01,)])
    assert isinstance(answers[1], Failure) and answers[1].kind == "timeout"
    assert all(isinstance(answers[n], int) for n in (0, 2, 3))


def test_a_task_that_raises_is_a_failure_not_a_lost_job() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.raise_on, workers=1)
    answers = run(pool, [(0,), (1,), (2,)])
    assert isinstance(answers[1], Failure) and "RuntimeError: a bug" in answers[1].detail
    assert answers[0] == 0 and answers[2] == 2


def test_stopping_early_stops_the_workers() -> None:
    pool: WorkerPool[int] = WorkerPool(pool_tasks.pid_after, workers=2)
    answers = pool.run(enumerate([(0.01,)] + [(30,)] * 3))
    _, pid = next(answers)
    answers.close()  # what a KeyboardInterrupt or a failing consumer does to the generator
    assert not pool._live and not pool._retiring
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_worker_does_not_import_the_parents_main_script(tmp_path: Path) -> None:
    """The `kpiextract` command's script imports the whole CLI; a worker needs only its task."""
    import subprocess
    import sys

    script = tmp_path / "main.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent.parent)!r})\n"
        "import email.mime.text  # stands for the CLI's heavy imports\n"
        "from kpiextract.workers import WorkerPool\n"
        "from tests import pool_tasks\n"
        "if __name__ == '__main__':\n"
        "    pool = WorkerPool(pool_tasks.loaded, 1)\n"
        "    print(dict(pool.run([(0, ('email.mime.text',)), (1, ('tests.pool_tasks',))])))\n"
        "    pool.close()\n")
    output = subprocess.run([sys.executable, str(script)], check=True, capture_output=True, text=True,
                            timeout=100).stdout
    assert output.strip() in ("{0: False, 1: True}", "{1: True, 0: False}")


def test_ctrl_c_while_a_worker_starts_is_raised_once_it_has_started() -> None:
    """Regression: Ctrl-C landing while the parent wrote a worker's start-up data left the child
    half of it (a "Ran out of input" traceback on the batch's stderr) and the pool unaware of it."""
    import signal
    import time

    from kpiextract.workers import _interrupts_held

    reached_the_end = False
    with pytest.raises(KeyboardInterrupt), _interrupts_held():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # the signal is delivered here, and held
        reached_the_end = True
    assert reached_the_end
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
