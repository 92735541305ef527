"""Opening a PDF: what is not a PDF, encrypted, damaged, truncated or empty, each in one line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..text import ReadError

OCR_HINT = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"


def _check_bytes(path: Path) -> None:
    """Fail early, with a plain message, on what is not a PDF at all."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise ReadError(f"{path.name}: cannot read ({error.strerror or error})") from error
    if not head.strip():
        raise ReadError(f"{path.name}: the file is empty")
    if b"%PDF-" in head:
        return
    kind = _sniff(head)
    raise ReadError(f"{path.name}: not a PDF{f' (looks like {kind})' if kind else ''} despite its .pdf name")


def _sniff(head: bytes) -> str | None:
    lowered = head.lstrip().lower()
    if head.startswith(b"PK\x03\x04"):
        return "a Word/Excel file or a zip archive"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word/Excel file"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return "a web page"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "an image"
    return None


def _open_pdfium(path: Path, password: str | None) -> Any:
    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            if password is None:
                raise ReadError(f"{path.name}: the PDF is encrypted: pass its password with --password") \
                    from error
            raise ReadError(f"{path.name}: the PDF is encrypted and the password given is wrong "
                            "(pass the right one with --password)") from error
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReadError(f"{path.name}: the PDF uses an unsupported encryption scheme") from error
        if _has_no_pages(path, password):
            raise ReadError(f"{path.name}: the PDF has no pages") from error
        if _looks_truncated(path):
            raise ReadError(f"{path.name}: the PDF is truncated (it stops part way): download or copy it "
                            "again") from error
        raise ReadError(f"{path.name}: the PDF is damaged and cannot be read") from error


def _has_no_pages(path: Path, password: str | None) -> bool:
    """pdfium refuses a PDF with an empty page tree; pdfminer opens it and counts none."""
    import pdfplumber  # only for a PDF pdfium refused

    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            return len(pdf.pages) == 0
    except Exception:  # noqa: BLE001 - any failure here just means "not that case"
        return False


def _looks_truncated(path: Path) -> bool:
    """No %%EOF near the end: the download or copy stopped part way."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 2048))
        return b"%%EOF" not in handle.read()


def _pages(numbers: Sequence[int]) -> str:
    """[4] -> 'page 4'; [1, 2, 3, 7] -> 'pages 1-3, 7'."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    listed = ", ".join(str(s[0]) if len(s) == 1 else f"{s[0]}-{s[-1]}" for s in spans)
    return f"page {listed}" if len(numbers) == 1 else f"pages {listed}"
