"""Pass PDFs through a PDF re-writer, as a council's print driver or document system would.

    .venv/bin/python tools/rewrite_pdfs.py gs OUT_DIR a.pdf b.pdf ...
    .venv/bin/python tools/rewrite_pdfs.py --list

Each input `NAME.pdf` is written to `OUT_DIR/NAME-REWRITER.pdf` (a paper "kent.docx.pdf" through
gs becomes "kent.docx-gs.pdf"). Published papers have often been through one of these
re-writers, and each rewrites fonts, text encodings and drawing on its own terms: Ghostscript
re-subsets fonts, writes its own /StemV and ToUnicode CMaps; mutool and qpdf restructure the
file (object streams, decompression) and mostly keep the content. The tests read the committed
output (tests/data/rewritten/); the re-writers are needed only to make it again.

Versions used for tests/data/rewritten/: Ghostscript 10.00.0 (Debian 12).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

GS = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite"]
REWRITERS: dict[str, list[str]] = {
    # Ghostscript's pdfwrite, as `ps2pdf` and many print-to-PDF drivers run it
    "gs": [*GS, "-sOutputFile={out}", "{src}"],
    "gs-printer": [*GS, "-dPDFSETTINGS=/printer", "-sOutputFile={out}", "{src}"],
    "gs-ebook": [*GS, "-dPDFSETTINGS=/ebook", "-sOutputFile={out}", "{src}"],
    "gs-14": [*GS, "-dCompatibilityLevel=1.4", "-sOutputFile={out}", "{src}"],
    "mutool-clean": ["mutool", "clean", "-gggg", "-z", "{src}", "{out}"],
    "mutool-convert": ["mutool", "convert", "-F", "pdf", "-o", "{out}", "{src}"],
    "qpdf": ["qpdf", "--object-streams=generate", "{src}", "{out}"],
    "pdftocairo": ["pdftocairo", "-pdf", "{src}", "{out}"],
}


def rewrite(rewriter: str, source: Path, out_dir: Path) -> Path:
    """`source` rewritten by `rewriter` into `out_dir`; CalledProcessError if the tool fails."""
    out = out_dir / f"{source.stem}-{rewriter}.pdf"
    command = [part.format(src=source, out=out) for part in REWRITERS[rewriter]]
    subprocess.run(command, check=True, timeout=300, capture_output=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rewriter", nargs="?", choices=sorted(REWRITERS))
    parser.add_argument("out_dir", nargs="?", type=Path)
    parser.add_argument("sources", nargs="*", type=Path)
    parser.add_argument("--list", action="store_true", help="list the re-writers and their commands")
    args = parser.parse_args()
    if args.list or not args.rewriter:
        for name, command in REWRITERS.items():
            print(f"{name:15} {' '.join(command)}")
        return 0
    if args.out_dir is None or not args.sources:
        parser.error("give an output folder and at least one PDF")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for source in args.sources:
        print(rewrite(args.rewriter, source, args.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
