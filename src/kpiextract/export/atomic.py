"""Write an output file all at once or not at all.

A crash, a bad record or Ctrl-C halfway through an export must not leave an analyst with a
truncated spreadsheet where yesterday's good one was. So every writer writes to a temporary
file in the target's directory (same filesystem, so the final rename is atomic), fsyncs it and
only then ``os.replace``-s it onto the target. On any exception the temporary file is removed
and the existing target is left exactly as it was.

``"-"`` or ``None`` as the path means standard output, which is written directly.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO, TypeAlias

PathArg: TypeAlias = str | os.PathLike[str] | None

STDOUT = "-"


def is_stdout(path: PathArg) -> bool:
    return path is None or os.fspath(path) == STDOUT


def _current_umask() -> int:
    # Linux can report the umask without changing it; elsewhere reading it means setting it,
    # which is briefly visible to other threads, so that is only the fallback.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _default_mode() -> int:
    # mkstemp makes files 0600; a new export should get the permissions any other new file would.
    return 0o666 & ~_current_umask()


def _target_mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777  # keep an existing file's permissions
    except FileNotFoundError:
        return _default_mode()


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable on POSIX. Windows cannot open a directory, so this is
    # best effort: the file's own data was already fsynced.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def _temp_beside(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path next to ``path``; move it onto ``path`` if the block succeeds."""
    # Replace the file a symlink points at, not the link, so links users made keep working.
    target = Path(os.path.realpath(path))
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)  # callers reopen by name with the mode and encoding they need
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _target_mode(target))
        os.replace(tmp, target)
    except BaseException:
        # BaseException too: Ctrl-C mid-export must not leave a stray temp file behind.
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)


@contextlib.contextmanager
def atomic_write(path: PathArg, *, encoding: str = "utf-8", newline: str | None = None) -> Iterator[TextIO]:
    """Open ``path`` for writing text; the target only changes if the block finishes.

    ``newline`` is passed to ``open`` (use ``""`` for the csv module). For stdout the
    encoding is whatever stdout already has.
    """
    if path is None or is_stdout(path):
        yield sys.stdout
        sys.stdout.flush()
        return
    with _temp_beside(path) as tmp, open(tmp, "w", encoding=encoding, newline=newline) as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_write_bytes(path: PathArg) -> Iterator[BinaryIO]:
    """Binary twin of :func:`atomic_write`, for formats such as XLSX."""
    if path is None or is_stdout(path):
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with _temp_beside(path) as tmp, open(tmp, "wb") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
