"""The review app in a real browser (issue 15): Playwright drives the system's Chromium through
`kpiextract review` as an analyst would, with the keyboard alone: open the queue, approve one
record, edit one, reject one, export, and check the workbook."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kpiextract.batch import BatchOptions, run_batch
from kpiextract.cli import app

pytest.importorskip("starlette", reason="the review app needs the [review] extra (starlette)")
playwright = pytest.importorskip("playwright.sync_api", reason="the browser test needs playwright (test extra)")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on PATH (Debian: apt-get install chromium); "
                                                "Playwright's own browser download is not used"),
    pytest.mark.timeout(300),
]
SAMPLES = Path(__file__).parent.parent / "samples"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sample PDFs and one text paper (its PDF left out), read by batch into a store."""
    papers = tmp_path_factory.mktemp("review") / "papers"
    papers.mkdir()
    shutil.copy(SAMPLES / "pdf" / "buckinghamshire-portfolio-scorecard-2023-05.pdf", papers)
    shutil.copy(SAMPLES / "pdf" / "kent-cype-scorecard-2018-09.pdf", papers)
    shutil.copy(SAMPLES / "oldham-childrens-performance-q2-2023-24.txt", papers)
    path = papers.parent / "kpis.db"
    report = run_batch([papers], options=BatchOptions(in_process=True, store=path))
    assert not report.failed and report.records > 10
    return path


@pytest.fixture(scope="module")
def address(store: Path) -> Iterator[str]:
    """`kpiextract review` running as an analyst starts it; its printed address."""
    server = subprocess.Popen([sys.executable, "-m", "kpiextract", "review", "--store", str(store), "--port", "0",
                               "--reviewer", "tester"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/[\w-]+/", line)
        assert found, f"no address printed: {line!r} {server.stderr.read() if server.poll() is not None else ''}"
        yield found.group(0)
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()


def states(page: object) -> list[str]:
    return page.locator("#queue li .state").all_inner_texts()  # type: ignore[attr-defined,no-any-return]


def test_review_with_the_keyboard_then_export(browser: object, address: str, store: Path, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(address)
    total = page.locator("#queue li").count()
    assert total > 10 and set(states(page)) == {"unreviewed"}
    first = page.locator("#record h1").inner_text()

    # the record beside its page, its source text highlighted on the drawn page
    image = page.locator("#page img")
    page.wait_for_function("document.querySelector('#page img').naturalWidth > 0")
    assert image.evaluate("img => img.naturalWidth") >= 900
    marks = page.locator("#page .mark.source")
    assert marks.count() >= 1
    box = marks.first.bounding_box()
    sheet = page.locator("#page .sheet").bounding_box()
    assert box is not None and sheet is not None and box["width"] > 5
    assert sheet["x"] <= box["x"] <= sheet["x"] + sheet["width"]
    assert sheet["y"] <= box["y"] <= sheet["y"] + sheet["height"]

    # a: approve the first record; the queue moves on to the next
    with page.expect_navigation():
        page.keyboard.press("a")
    assert states(page)[:2] == ["approved", "unreviewed"]
    assert page.locator("#record h1").inner_text() != first

    # e: edit the second, a new value typed, Enter saves
    page.keyboard.press("e")
    value = page.locator("#edit-form input[name=value]")
    assert value.is_visible() and value.evaluate("input => input === document.activeElement")
    value.fill("not a number")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "value: not a number" in page.locator("#edit-error").inner_text()
    page.locator("#edit-form input[name=value]").fill("99.5%")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert states(page)[:3] == ["approved", "corrected", "unreviewed"]

    # r: reject the third; k goes back to it, j forward again
    with page.expect_navigation():
        page.keyboard.press("r")
    assert states(page)[:4] == ["approved", "corrected", "rejected", "unreviewed"]
    with page.expect_navigation():
        page.keyboard.press("k")
    assert page.locator("#state").inner_text() == "rejected"
    with page.expect_navigation():
        page.keyboard.press("j")
    assert page.locator("#state").inner_text() == "unreviewed"

    # a text paper's record: its source lines, the line it was read from highlighted
    page.select_option("#filters select[name=paper]", label="papers/oldham-childrens-performance-q2-2023-24.txt")
    with page.expect_navigation():
        page.click("#filters button")
    assert page.locator("pre.lines .marked").count() >= 1
    assert page.locator("#queue li").count() < total

    # export from the app: the workbook shows the decisions and the correction
    with page.expect_download() as download:
        page.click("#export")
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(workbook["KPIs"].iter_rows(values_only=True))
    header = list(rows[0])
    kpis = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [row["Review"] for row in kpis[:4]] == ["approved", "corrected", "rejected", "unreviewed"]
    assert len(kpis) == total
    corrected = kpis[1]
    assert corrected["Value"] in (99.5, 0.995)  # a percentage is stored as Excel's 99.5%
    assert "by tester" in corrected["Review note"] and "-> 99.5" in corrected["Review note"]
    sources = list(workbook["Sources"].iter_rows(values_only=True))
    papers = [dict(zip(sources[0], row, strict=True)) for row in sources[1:]]
    assert [(p["Approved"], p["Corrected"], p["Rejected"]) for p in papers][0] == (1, 1, 1)

    # and the command line's export of the approved records only
    out = tmp_path / "approved.xlsx"
    result = CliRunner().invoke(app, ["export", "--store", str(store), "-o", str(out), "--approved-only"])
    assert result.exit_code == 0, result.output
    approved = list(openpyxl.load_workbook(out)["KPIs"].iter_rows(values_only=True))
    assert [row[approved[0].index("Review")] for row in approved[1:]] == ["approved", "corrected"]
    assert errors == []
    page.close()
