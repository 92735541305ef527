"""Documentation generated from the code, so the README cannot drift from it.

    .venv/bin/python -m kpiextract.docs        # rewrite README.md's "Record fields" table

The table lies between two marker comments in README.md; tests/test_docs.py fails when the
README's table is not what the model gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .models import KPIRecord

START = "<!-- fields:start (written by `python -m kpiextract.docs` from models.KPIRecord) -->"
END = "<!-- fields:end -->"


def fields_table() -> str:
    """The README's table of record fields: one row per KPIRecord field, its description."""
    rows = ["| field | meaning |", "| --- | --- |"]
    for name, info in KPIRecord.model_fields.items():
        description = (info.description or "").replace("|", "\\|")
        rows.append(f"| `{name}` | {description} |")
    return "\n".join(rows)


def with_fields_table(readme: str) -> str:
    """The README text with its fields table replaced by the model's."""
    start, end = readme.index(START) + len(START), readme.index(END)
    return f"{readme[:start]}\n{fields_table()}\n{readme[end:]}"


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("README.md")
    text = path.read_text(encoding="utf-8")
    updated = with_fields_table(text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"{path}: fields table updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
