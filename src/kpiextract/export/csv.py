"""CSV export: the flat row, ready for Excel; the same columns as the XLSX "KPIs" sheet.

UTF-8 with a byte-order mark (``utf-8-sig``) because Excel otherwise reads a CSV in the
machine's legacy code page and mangles "£", "–" and names with accents. Every text cell is
neutralised against formula injection (see ``safe.py``): a CSV is exactly the file an analyst
double-clicks.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from kpiextract.export.atomic import PathArg, atomic_write, is_stdout
from kpiextract.export.columns import Cell, flat_rows, number_text
from kpiextract.export.safe import neutralise
from kpiextract.models import KPIRecord

ENCODING = "utf-8-sig"


def csv_cell(value: Cell) -> Cell:
    """A cell as written to CSV: safe text, and whole floats without a trailing ".0"."""
    if isinstance(value, float):
        return number_text(value)
    return neutralise(value)


def write_csv(records: Iterable[KPIRecord], path: PathArg) -> None:
    """Write ``records`` as CSV to ``path`` (``"-"``/``None``: stdout, where no BOM is written)."""
    header, rows = flat_rows(records)
    # RFC 4180 line ends for files; stdout is a text stream that already translates "\n".
    terminator = "\n" if is_stdout(path) else "\r\n"
    with atomic_write(path, encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator=terminator)
        writer.writerow([neutralise(name) for name in header])
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
