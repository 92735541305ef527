"""The README's screenshots of `kpiextract review` (docs/review-queue.png, docs/review-record.png).

Reads the sample PDFs into a fresh store, starts the review app, decides a few records with the
keyboard in the system's Chromium (Playwright), and photographs the queue and one record beside
its highlighted page with the edit form open.

    .venv/bin/python tools/review_screenshots.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kpiextract.batch import BatchOptions, run_batch

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


def main() -> int:
    if CHROMIUM is None:
        print("no chromium on PATH", file=sys.stderr)
        return 1
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        papers = Path(folder) / "council-papers"
        shutil.copytree(ROOT / "samples" / "pdf", papers)
        store = Path(folder) / "kpis.db"
        run_batch([papers], options=BatchOptions(in_process=True, store=store))
        server = subprocess.Popen([sys.executable, "-m", "kpiextract", "review", "--store", str(store), "--port", "0",
                                   "--reviewer", "analyst"], stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            found = re.search(r"http://\S+/", server.stdout.readline())
            assert found, "the review app printed no address"
            shoot(found.group(0))
        finally:
            server.terminate()
            server.wait(timeout=20)
    return 0


def shoot(address: str) -> None:
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 860})
        page.goto(address + "?sel=3")
        for key in ("a", "a", "r", "a"):
            with page.expect_navigation():
                page.keyboard.press(key)
        page.wait_for_function("document.querySelector('#page img') && document.querySelector('#page img').complete")
        page.screenshot(path=str(DOCS / "review-queue.png"))
        # a narrative paper's sentence, with the edit form open
        page.select_option("#filters select[name=paper]", label="council-papers/kent-cype-scorecard-2018-09.pdf")
        with page.expect_navigation():
            page.click("#filters button")
        for _ in range(4):
            with page.expect_navigation():
                page.keyboard.press("j")
        page.keyboard.press("e")
        page.wait_for_function("document.querySelector('#page img').complete")
        page.screenshot(path=str(DOCS / "review-record.png"))
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
