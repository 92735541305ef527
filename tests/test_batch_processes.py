"""`kpiextract batch` as a user runs it, in a real process: it finishes, it stops cleanly on
Ctrl-C, it leaves no worker behind when killed, and a slow paper does not hold it up.

Every run has a timeout, so a hang fails the test instead of hanging CI.
"""

from __future__ import annotations

import csv
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent.parent / "samples"
SHORT_PAPER = SAMPLES / "buckinghamshire-portfolio-scorecard-2023-05.txt"

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc"),
]

# The CLI as a user's shell starts it: with SIGINT at its default. (A shell script's background
# job inherits SIGINT ignored, which would hide what Ctrl-C does.)
LAUNCHER = """
import signal, sys
if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from kpiextract.cli import main
    sys.argv[0] = "kpiextract"
    main()
"""


def kpiextract(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    launcher = tmp_path / "launch_kpiextract.py"
    launcher.write_text(LAUNCHER)
    return subprocess.Popen([sys.executable, str(launcher), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def papers(folder: Path, count: int, source: Path = SHORT_PAPER) -> Path:
    """`count` distinct papers: each copy reports one figure of its own (identical copies would be
    one paper read once, see renderings.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        own = (f"\nThe percentage of care leavers in touch with the council was {index % 100}% in Q4 2022/23, "
               "against a target of 90%.\n")
        (folder / f"paper-{index:03d}{source.suffix}").write_text(source.read_text(encoding="utf-8") + own,
                                                                   encoding="utf-8")
    return folder


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running or asleep: a zombie (dead, waiting to be reaped by init) does not count."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_until(condition: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path, set[int]]]:
    """A 2-worker batch over 60 papers, caught while its workers are busy."""
    folder = papers(tmp_path / "papers", 60)
    db = tmp_path / "kpis.db"
    process = kpiextract(tmp_path, "batch", str(folder), "-o", str(tmp_path / "kpis.xlsx"), "--store",
                         str(db), "--workers", "2", "--recycle", "2")
    workers: set[int] = set()

    def started() -> bool:
        workers.update(children(process.pid))
        return stored(db) >= 2 and len(workers) >= 2

    try:
        wait_until(started)
        yield process, db, workers
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def test_sixty_papers_with_two_recycled_workers_finish(tmp_path: Path) -> None:
    folder = papers(tmp_path / "papers", 60)
    out = tmp_path / "kpis.json"
    process = kpiextract(tmp_path, "batch", str(folder), "-o", str(out), "--workers", "2", "--recycle", "2")
    _, stderr = process.communicate(timeout=240)
    assert process.returncode == 0, stderr
    manifest = json.loads(out.read_text(encoding="utf-8"))
    assert len(manifest["papers"]) == 60 and all(p["status"] == "ok" for p in manifest["papers"])
    assert manifest["run"]["read"] == 60 and manifest["records"]


def test_ctrl_c_stops_cleanly_says_what_was_kept_and_leaves_no_worker(
        running: tuple[subprocess.Popen[str], Path, set[int]], tmp_path: Path) -> None:
    process, db, workers = running
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    kept = stored(db)
    assert f"kept in {db}: {kept} papers" in stderr
    assert f"not written: {tmp_path / 'kpis.xlsx'}" in stderr
    assert not (tmp_path / "kpis.xlsx").exists()
    wait_until(lambda: not any(alive(pid) for pid in workers), seconds=10)
    # the resume reads only what was not kept
    resumed = kpiextract(tmp_path, "batch", str(tmp_path / "papers"), "--store", str(db), "-w", "2")
    _, stderr = resumed.communicate(timeout=240)
    assert resumed.returncode == 0, stderr
    assert f"({kept} unchanged, from the store)" in stderr


def test_a_killed_batch_leaves_no_worker_behind(running: tuple[subprocess.Popen[str], Path, set[int]]) -> None:
    process, _, workers = running
    process.kill()
    process.wait(timeout=30)
    # the workers notice their parent is gone, even in the middle of a paper
    wait_until(lambda: not any(alive(pid) for pid in workers), seconds=10)


def test_a_paper_that_takes_too_long_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    # papers read in milliseconds, and tens of MB of text (an export gone wrong) that take minutes:
    # the margin either side of the deadline is wide, so a busy machine does not change the outcome
    for index in range(3):
        (folder / f"small-{index}.txt").write_text(f"Indicator\tValue\tTarget\nRe-referral rate\t2{index}%\t20%\n",
                                                   encoding="utf-8")
    (folder / "huge.txt").write_text(SHORT_PAPER.read_text(encoding="utf-8") * 4000, encoding="utf-8")
    out = tmp_path / "kpis.csv"
    process = kpiextract(tmp_path, "batch", str(folder), "-o", str(out), "--timeout", "5", "-w", "2")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 3, stderr
    assert "huge.txt: stopped after 5 s (--timeout 5): reading it took too long (" in stderr
    assert "MB)" in stderr
    with (tmp_path / "kpis.sources.csv").open(encoding="utf-8-sig", newline="") as handle:
        sources = list(csv.DictReader(handle))
    assert sum(row["status"] == "ok" for row in sources) == 3
    assert [row["status"] for row in sources if row["source_file"].endswith("huge.txt")] == ["error"]


def test_jsonl_without_output_streams_records_and_lists_failures(tmp_path: Path) -> None:
    folder = papers(tmp_path / "papers", 2)
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    process = kpiextract(tmp_path, "batch", str(folder), "-f", "jsonl", "-w", "1")
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 3
    records = [json.loads(line) for line in stdout.splitlines()]
    assert records and {r["source_file"] for r in records} == {"papers/paper-000.txt", "papers/paper-001.txt"}
    assert "papers/broken.txt: looks like a binary file" in stderr


def test_a_reader_that_stops_reading_ends_the_batch_quietly(tmp_path: Path) -> None:
    folder = papers(tmp_path / "papers", 8)
    process = kpiextract(tmp_path, "batch", str(folder), "-f", "jsonl", "-w", "1")
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # `| head -1`
    stderr = process.stderr.read()
    process.wait(timeout=120)
    assert "Traceback" not in stderr and "error" not in stderr


def test_cli_in_a_fresh_process_exits_on_sigterm_without_orphans(tmp_path: Path) -> None:
    folder = papers(tmp_path / "papers", 30)
    process = kpiextract(tmp_path, "batch", str(folder), "-f", "jsonl", "-w", "2")
    workers: set[int] = set()

    def busy() -> bool:
        workers.update(children(process.pid))
        return len(workers) >= 2

    wait_until(busy)
    process.terminate()
    process.communicate(timeout=60)
    wait_until(lambda: not any(alive(pid) for pid in workers), seconds=10)


def test_symlinked_folders_are_followed_once(tmp_path: Path) -> None:
    folder = papers(tmp_path / "papers", 2)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(SHORT_PAPER, tmp_path / "elsewhere" / "linked.txt")
    (folder / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    out = tmp_path / "kpis.json"
    process = kpiextract(tmp_path, "batch", str(folder), str(tmp_path / "missing"), "-o", str(out), "-w", "1")
    _, stderr = process.communicate(timeout=120)
    papers_read = json.loads(out.read_text(encoding="utf-8"))["papers"]
    names = sorted(p["source_file"] for p in papers_read)
    assert names == sorted([str(tmp_path / "missing"), "papers/link/linked.txt", "papers/paper-000.txt",
                            "papers/paper-001.txt"])
    assert f"{tmp_path / 'missing'}: no such file or folder" in stderr
    assert process.returncode == 3
