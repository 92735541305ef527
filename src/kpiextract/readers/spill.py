"""Objects kept pickled and compressed: in memory while they are few, in a temporary file after.

A long paper's pages are read, or built, well before they are used, and then used one at a time.
Held as objects a page costs tens of KB; pickled and compressed, a few KB; in a temporary file,
only its place in the file. So a 700-page paper is read in the memory of a 70-page one, whatever
its length, and a short paper never touches the disk.
"""

from __future__ import annotations

import io
import pickle
import tempfile
import zlib
from array import array
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

IN_MEMORY = 256 * 1024
"""Bytes kept in memory before the rest goes to a temporary file (about a hundred pages)."""


class Spill(Generic[T]):
    """Items in the order appended, each decoded anew whenever it is read."""

    def __init__(self, in_memory: int = IN_MEMORY) -> None:
        self._in_memory = in_memory
        self._file: Any = _new_file(in_memory)
        self._ends = array("q")
        """where each item's bytes end in the file"""

    def append(self, item: T) -> None:
        # level 1: text compresses 3x at once; higher levels cost time for little more
        blob = zlib.compress(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL), 1)
        end = self._ends[-1] if self._ends else 0
        self._write(end, blob)
        self._ends.append(end + len(blob))

    def _write(self, at: int, blob: bytes) -> None:
        self._file.seek(at)
        try:
            self._file.write(blob)
        except OSError:
            # no temporary folder to write to (read-only, full, missing): the paper stays in
            # memory, as a short one does, rather than failing to read
            self._file = self._in_memory_copy(at)
            self._file.write(blob)

    def _in_memory_copy(self, end: int) -> io.BytesIO:
        self._file.seek(0)
        copy = io.BytesIO(self._file.read(end))
        copy.seek(end)
        return copy

    def __len__(self) -> int:
        return len(self._ends)

    def get(self, index: int) -> T:
        start = self._ends[index - 1] if index else 0
        self._file.seek(start)
        item: T = pickle.loads(zlib.decompress(self._file.read(self._ends[index] - start)))
        return item

    def __iter__(self) -> Iterator[T]:
        # by position, not by one stream through the file: another reading may be under way
        return (self.get(index) for index in range(len(self._ends)))

    def close(self) -> None:
        """Let go of every item (and of the file)."""
        self._file.close()
        self._file = _new_file(self._in_memory)
        self._ends = array("q")

    def __getstate__(self) -> dict[str, Any]:
        # a file cannot be pickled: its bytes go instead
        self._file.seek(0)
        return {"in_memory": self._in_memory, "data": self._file.read(self._ends[-1] if self._ends else 0),
                "ends": self._ends}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._in_memory = state["in_memory"]
        self._file = _new_file(self._in_memory)
        self._write(0, state["data"])
        self._ends = state["ends"]


def _new_file(in_memory: int) -> Any:
    # the file lives as long as its Spill (no `with`): it is closed by `close` or when the Spill goes
    return tempfile.SpooledTemporaryFile(max_size=in_memory)  # noqa: SIM115
