"""Tasks for the worker-pool tests: top-level functions, so spawned workers can import them."""

from __future__ import annotations

import os
import time


def double(n: int) -> int:
    return n * 2


def pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def crash_on(n: int, bad: int) -> int:
    if n == bad:
        os._exit(3)  # a worker dying hard, as on a segfault in a C library or the OOM killer
    return n


def crash_once(n: int, marker: str) -> int:
    """Dies the first time it meets `n` == 0 (a neighbour's doing), succeeds on the retry."""
    if n == 0 and not os.path.exists(marker):
        open(marker, "w").close()
        os._exit(9)
    return n


def raise_on(n: int) -> int:
    if n == 1:
        raise RuntimeError("a bug")
    return n


def loaded(name: str) -> bool:
    """Is module `name` imported in the worker?"""
    import sys

    return name in sys.modules


_held: list[bytes] = []


def hold_then_pid(megabytes: int) -> int:
    """Keeps `megabytes` of touched memory for the worker's life (as a paper that leaves its
    worker large would), then answers with the worker's pid."""
    if megabytes:
        _held.append(b"\x01" * (megabytes * 2**20))
    return os.getpid()


def resident() -> float | None:
    from kpiextract.workers import resident_mb

    return resident_mb()
