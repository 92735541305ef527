"""Open a workbook in LibreOffice and render its first printed page to PNG: what an analyst sees first.

    .venv/bin/kpiextract batch samples/ -o /tmp/kpis.xlsx
    .venv/bin/python tools/render_workbook.py /tmp/kpis.xlsx docs/workbook-kpis.png

The page is rendered from LibreOffice's own PDF of the workbook, so the number formats, column
widths, fills and frozen panes are a real spreadsheet application's reading of the file, not ours.
tests/test_workbook.py checks the same first page's text.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2


def render(workbook: Path, png: Path, scale: float = 1.5) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("error: LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", tmp, str(workbook)],
                       check=True, capture_output=True, timeout=180)
        document = pypdfium2.PdfDocument(Path(tmp) / f"{workbook.stem}.pdf")
        try:
            page = document[0]
            page.render(scale=scale).to_pil().save(png)
            page.close()
        finally:
            document.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("png", type=Path)
    args = parser.parse_args(argv)
    render(args.workbook, args.png)
    print(f"{args.png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
