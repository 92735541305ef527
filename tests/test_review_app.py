"""The review app's guards (issue 15), through Starlette's TestClient: the token, CSRF, the
origin and host checks, no path from the browser to a file, paper text escaped."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the review app needs the [review] extra (starlette)")
pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx")

import warnings  # noqa: E402

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2, which few have yet; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kpiextract.models import ExtractionResult, KPIRecord  # noqa: E402
from kpiextract.review.app import Config, create_app  # noqa: E402
from kpiextract.store import Store, file_hash  # noqa: E402

SAMPLES = Path(__file__).parent.parent / "samples"
HOSTILE = '<script>alert("x")</script> Re-referrals <img src=x onerror=alert(1)>'


@pytest.fixture
def papers(tmp_path: Path) -> tuple[Path, Path]:
    """A store with one sample PDF and one text paper whose text is hostile HTML."""
    pdf = tmp_path / "papers" / "kent.pdf"
    pdf.parent.mkdir()
    shutil.copy(SAMPLES / "pdf" / "kent-cype-scorecard-2018-09.pdf", pdf)
    text = tmp_path / "papers" / "hostile.txt"
    text.write_text(f"Performance report\n\n{HOSTILE} was 12% against a target of 10%.\n", encoding="utf-8")
    store = tmp_path / "kpis.db"
    from kpiextract.api import extract

    with Store(store) as opened:
        opened.put(file_hash(pdf), "v", "papers/kent.pdf", extract(pdf).model_copy(
            update={"source_file": "papers/kent.pdf"}))
        record = KPIRecord(indicator=HOSTILE, value=12.0, value_text="12%", target=10.0, layout="narrative",
                           source_file="papers/hostile.txt", source_text=f"{HOSTILE} was 12% against a target of 10%.",
                           confidence=0.5, page=1)
        opened.put(file_hash(text), "v", "papers/hostile.txt",
                   ExtractionResult(source_file="papers/hostile.txt", path=str(text), pages=1, records=[record]))
    return store, tmp_path


@pytest.fixture
def config(papers: tuple[Path, Path]) -> Config:
    return Config(store=papers[0], reviewer="ana")


@pytest.fixture
def client(config: Config) -> TestClient:
    return TestClient(create_app(config))


def form_of(page: str) -> dict[str, str]:
    """The hidden fields of the approve form on a served page."""
    form = page[page.index('id="approve-form"'):]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form[:form.index("</form>")]))


def test_nothing_is_served_without_the_token(client: TestClient, config: Config) -> None:
    for path in ("/", "/static/review.js", f"/{config.token[:-1]}/", f"/{config.token}x/", f"/x{config.token}/",
                 "/favicon.ico", f"/{config.csrf}/"):
        response = client.get(path)
        assert response.status_code == 404 and config.token not in response.text, path
    assert client.get(f"/{config.token}/").status_code == 200


def test_only_a_local_host_name_is_answered(config: Config) -> None:
    # DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends its own Host
    client = TestClient(create_app(config), base_url="http://evil.example")
    assert client.get(f"/{config.token}/").status_code == 400


def test_a_change_needs_the_csrf_token_and_the_apps_origin(client: TestClient, config: Config) -> None:
    page = client.get(f"/{config.token}/").text
    form = form_of(page)
    assert form["csrf"] == config.csrf and form["action"] == "approve"
    target = f"/{config.token}/decide/0"
    assert client.post(target, data={**form, "csrf": ""}, follow_redirects=False).status_code == 403
    assert client.post(target, data={**form, "csrf": config.token}, follow_redirects=False).status_code == 403
    assert client.post(target, data=form, headers={"Origin": "http://evil.example"},
                       follow_redirects=False).status_code == 403
    assert client.get(target).status_code == 405  # never a change by GET (a link, an <img>)
    with Store(config.store) as opened:
        assert opened.reviews() == {}
    response = client.post(target, data=form, headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith(f"/{config.token}/?")
    with Store(config.store) as opened:
        assert [state for _hash, state, *_rest in opened.reviews().values()] == ["approved"]


def test_a_decision_on_a_record_that_moved_is_refused(client: TestClient, config: Config) -> None:
    form = form_of(client.get(f"/{config.token}/").text)
    assert client.post(f"/{config.token}/decide/1", data=form, follow_redirects=False).status_code == 409
    assert client.post(f"/{config.token}/decide/999", data=form, follow_redirects=False).status_code == 409


@pytest.mark.parametrize("path", [
    "page/../../../../etc/passwd", "page/%2e%2e/%2e%2e/etc/passwd", "page/0/..%2f..%2fetc%2fpasswd.png",
    "static/../app.py", "static/%2e%2e/app.py", "static/..%2fapp.py", "page/5/1.png", "page/-1/1.png",
    "page/1/999.png", "page/0/1.png", "page/papers%2fkent.pdf/1.png",
])
def test_no_path_from_the_browser_reaches_a_file(client: TestClient, config: Config, path: str) -> None:
    # papers are numbered in path order: 0 is the text paper (no page image), 1 the PDF
    response = client.get(f"/{config.token}/{path}")
    assert response.status_code == 404, (path, response.status_code)
    assert "import" not in response.text and "root:" not in response.text


def test_a_page_is_drawn_once_and_kept_in_the_store(client: TestClient, config: Config) -> None:
    response = client.get(f"/{config.token}/page/1/1.png")
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    with Store(config.store) as opened:
        assert opened.db.execute("SELECT COUNT(*) FROM page_images").fetchone()[0] == 1
    assert client.get(f"/{config.token}/page/1/1.png").content == response.content


def test_paper_text_is_escaped_everywhere(client: TestClient, config: Config) -> None:
    page = client.get(f"/{config.token}/", params={"paper": "papers/hostile.txt"}).text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count('<span class="line marked">') == 1  # the source line, shown and highlighted
    assert client.get(f"/{config.token}/").headers["content-security-policy"].startswith("default-src 'self'")


def test_a_filter_value_cannot_break_out_of_the_page(client: TestClient, config: Config) -> None:
    page = client.get(f"/{config.token}/", params={"layout": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in page and "No records match" in page


def test_an_invalid_edit_is_shown_with_its_reason_and_nothing_is_stored(client: TestClient, config: Config) -> None:
    form = form_of(client.get(f"/{config.token}/").text)
    edit = {key: form[key] for key in ("csrf", "key", "back")}
    response = client.post(f"/{config.token}/edit/0", data={**edit, "value": "<b>lots</b>"})
    assert response.status_code == 400
    assert "value: not a number: &#39;&lt;b&gt;lots&lt;/b&gt;&#39;" in response.text
    with Store(config.store) as opened:
        assert opened.reviews() == {}
    response = client.post(f"/{config.token}/edit/0", data={**edit, "value": "61.5%", "rag": "green"},
                           follow_redirects=False)
    assert response.status_code == 303
    with Store(config.store) as opened:
        (_hash, state, correction, who, _when), = opened.reviews().values()
    assert (state, who) == ("corrected", "ana") and '"value": 61.5' in (correction or "")


def test_a_paper_changed_since_the_batch_is_not_drawn(client: TestClient, config: Config,
                                                      papers: tuple[Path, Path]) -> None:
    pdf = papers[1] / "papers" / "kent.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% changed\n")
    page = client.get(f"/{config.token}/", params={"paper": "papers/kent.pdf"}).text
    assert "has changed since the batch read it" in page and "<img" not in page
    assert client.get(f"/{config.token}/page/1/1.png").status_code == 404


def test_catalogue_search_answers_json(client: TestClient, config: Config) -> None:
    found = client.get(f"/{config.token}/catalogue", params={"q": "re-referrals to children's social care"}).json()
    assert found and {"id", "name"} <= set(found[0])
