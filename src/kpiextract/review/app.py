"""The review web app (Starlette, Jinja2 templates, a little plain JavaScript; no build step).

For one analyst on one machine: it binds to 127.0.0.1, every URL carries a random token (any
other path is 404), every change is a POST carrying a second random token (CSRF) from a page
the app served, with a same-origin check, and the browser names records and papers only by
their number in the store: no path from the browser reaches a file. Paper text is escaped by
Jinja's autoescape.
"""

from __future__ import annotations

import getpass
import io
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ..store import Store, file_hash
from . import decisions
from .decisions import Item
from .pages import render_png, source_boxes, source_lines

FILTERS = ("paper", "council", "layout", "rag", "low", "changed", "state")
"""The queue's filters, as query parameters: the only ones a redirect carries back."""
STATES = ("unreviewed", "approved", "corrected", "rejected", "paper changed")
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "testserver"]


@dataclass
class Config:
    store: Path
    reviewer: str = field(default_factory=lambda: _login_name())
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    password: str | None = None
    patterns: str | None = None
    hosts: list[str] = field(default_factory=list)
    """Host names the app answers to besides the loopback ones (when bound elsewhere)."""
    hashes: dict[str, str] = field(default_factory=dict)
    """Each paper file's content hash by path, time and size, to tell a file changed since the batch."""


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container: say so rather than fail
        return "unknown reviewer"


class TokenGate:
    """Everything lives under /<token>/: a request without the token learns nothing, not even a 403."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.prefix = app, f"/{token}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            head = path[:len(self.prefix)]
            if not (secrets.compare_digest(head, self.prefix) and path[len(self.prefix):len(self.prefix) + 1] in
                    ("", "/")):
                await PlainTextResponse("not found", status_code=404)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("kpiextract.review", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["number"] = lambda value: "" if value is None else decisions._number_text(value)
    return env


def _filtered(items: list[Item], query: Mapping[str, str]) -> list[Item]:
    shown = []
    for item in items:
        record = item.shown
        if query.get("paper") and item.paper.result.source_file != query["paper"]:
            continue
        if query.get("council") and (record.council or "") != query["council"]:
            continue
        if query.get("layout") and record.layout != query["layout"]:
            continue
        if query.get("rag") and (record.rag or "none") != query["rag"]:
            continue
        if query.get("low") and record.confidence >= decisions.LOW_CONFIDENCE:
            continue
        if query.get("changed") and not item.changed:
            continue
        if query.get("state") and item.state != query["state"]:
            continue
        shown.append(item)
    return shown


def _filters_of(query: Mapping[str, str]) -> dict[str, str]:
    return {name: query[name] for name in FILTERS if query.get(name)}


def create_app(config: Config) -> Starlette:
    env = _environment()
    static = Path(__file__).parent / "static"

    def open_store() -> Store:
        return Store(config.store)

    def items() -> list[Item]:
        with open_store() as store:
            return decisions.load(store)

    def catalogue_names() -> dict[str, str]:
        from .. import catalogue

        return {entry.id: entry.name for entry in catalogue.entries(catalogue.load(config.patterns))}

    def url(path: str, **query: str) -> str:
        tail = f"?{urlencode(query)}" if query else ""
        return f"/{config.token}/{path}{tail}"

    def file_state(item: Item) -> tuple[Path | None, str | None]:
        """The paper's file, or why it cannot be shown: missing, or changed since it was read."""
        result = item.paper.result
        if not result.path:
            return None, "the store does not say where this paper's file is"
        path = Path(result.path)
        if not path.is_file():
            return None, f"{result.source_file}: the file is no longer where the batch read it"
        info = path.stat()
        seen = f"{result.path}\0{info.st_mtime_ns}\0{info.st_size}"  # hashed again once the file is touched
        if seen not in config.hashes:
            config.hashes[seen] = file_hash(path)
        if config.hashes[seen] != item.paper.content_hash:
            return None, f"{result.source_file} has changed since the batch read it: run batch again"
        return path, None

    def page_view(item: Item) -> dict[str, Any]:
        record = item.shown
        path, problem = file_state(item)
        if path is None:
            return {"problem": problem}
        if path.suffix.lower() == ".pdf":
            if record.page is None:
                return {"problem": "the record has no page"}
            try:
                boxes = source_boxes(path, item.paper.content_hash, record.page, item.extracted.source_text,
                                     item.extracted.value_text, config.password)
            except Exception as error:  # noqa: BLE001 - an unreadable page: say so beside the record
                return {"problem": f"cannot read page {record.page}: {type(error).__name__}"}
            return {"image": url(f"page/{item.paper.index}/{record.page}.png"), "boxes": boxes,
                    "found": any(box.kind == "source" for box in boxes)}
        first, lines = source_lines(path, item.extracted.source_text)
        return {"lines": lines, "found": bool(first)}

    def render(query: Mapping[str, str], error: str | None = None, editing: bool = False,
               form: Mapping[str, str] | None = None, status: int = 200) -> HTMLResponse:
        everything = items()
        queue = _filtered(everything, query)
        filters = _filters_of(query)
        selected = None
        if queue:
            wanted = query.get("sel", "")
            selected = next((item for item in queue if str(item.number) == wanted), queue[0])
        position = queue.index(selected) if selected is not None else 0
        neighbours = {
            "next": queue[position + 1].number if selected is not None and position + 1 < len(queue) else None,
            "prev": queue[position - 1].number if selected is not None and position > 0 else None,
        }
        options = {
            "paper": sorted({item.paper.result.source_file for item in everything}),
            "council": sorted({item.shown.council for item in everything if item.shown.council}),
            "layout": sorted({item.shown.layout for item in everything}),
            "rag": ["red", "amber", "green", "none"],
            "state": list(STATES),
        }
        counts = {state: sum(item.state == state for item in everything) for state in STATES}
        values: dict[str, str] = {}
        if selected is not None:
            record = selected.shown
            values = {
                "indicator": record.indicator, "value": record.value_text or decisions._number_text(record.value),
                "unit": record.unit or "", "target": decisions._number_text(record.target),
                "period": record.period or "", "rag": record.rag or "", "polarity": record.polarity or "",
                "benchmarks": decisions.bench_lines(record), "canonical_id": record.canonical_id or "",
                "commentary": record.commentary or "",
            }
            values.update(form or {})
        template = env.get_template("queue.html")
        html = template.render(
            token=config.token, csrf=config.csrf, url=url, queue=queue, total=len(everything), selected=selected,
            filters=filters, back=urlencode(filters), options=options, counts=counts, neighbours=neighbours,
            page=page_view(selected) if selected is not None else None, error=error, editing=editing,
            values=values, note=decisions.note(selected) if selected is not None else None,
            reviewer=config.reviewer, low=decisions.LOW_CONFIDENCE,
            qs=lambda **extra: urlencode({**filters, **{k: v for k, v in extra.items() if v is not None}}),
        )
        return HTMLResponse(html, status_code=status, headers=_HEADERS)

    async def queue_page(request: Request) -> Response:
        return render(request.query_params)

    async def checked_form(request: Request) -> tuple[dict[str, str], Item] | Response:
        """The POSTed form, once its CSRF token, origin and record are checked; else the refusal."""
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
            return PlainTextResponse("refused: the request came from another site", status_code=403)
        form = {key: value for key, value in (await request.form()).items() if isinstance(value, str)}
        if not secrets.compare_digest(form.get("csrf", ""), config.csrf):
            return PlainTextResponse("refused: missing or wrong CSRF token", status_code=403)
        everything = items()
        number = request.path_params["item"]
        if not 0 <= number < len(everything) or everything[number].key != form.get("key"):
            return PlainTextResponse("that record is not in the store any more: reload the queue", status_code=409)
        return form, everything[number]

    def back_to(form: Mapping[str, str], sel: int | None) -> RedirectResponse:
        # only the known filters travel back: the redirect cannot be pointed anywhere else
        filters = {name: value for name, value in parse_qsl(form.get("back", "")) if name in FILTERS}
        if sel is not None:
            filters["sel"] = str(sel)
        return RedirectResponse(url("", **filters), status_code=303)

    def next_after(form: Mapping[str, str], item: Item) -> int:
        filters = {name: value for name, value in parse_qsl(form.get("back", "")) if name in FILTERS}
        queue = _filtered(items(), filters)
        later = [other.number for other in queue if other.number > item.number]
        return later[0] if later else item.number

    async def decide(request: Request) -> Response:
        checked = await checked_form(request)
        if isinstance(checked, Response):
            return checked
        form, item = checked
        action = form.get("action", "")
        if action not in ("approve", "reject", "reset"):
            return PlainTextResponse("unknown action", status_code=400)
        kept = item.review.correction if item.review is not None and not item.review.stale else {}
        state = {"approve": "corrected" if kept else "approved", "reject": "rejected", "reset": "unreviewed"}[action]
        correction = json.dumps(kept) if kept and action != "reset" else None
        with open_store() as store:
            store.add_review(item.paper.result.source_file, item.key, item.paper.content_hash, state, correction,
                             config.reviewer)
        return back_to(form, next_after(form, item) if action != "reset" else item.number)

    async def edit(request: Request) -> Response:
        checked = await checked_form(request)
        if isinstance(checked, Response):
            return checked
        form, item = checked
        try:
            correction = decisions.correction_from_form(item.extracted, form, catalogue_names())
        except ValueError as error:
            # the same page again, the form open with what was typed and why it was refused
            query = {**{name: value for name, value in parse_qsl(form.get("back", "")) if name in FILTERS},
                     "sel": str(item.number)}
            return render(query, error=str(error), editing=True,
                          form={k: v for k, v in form.items() if k in decisions.EDITABLE}, status=400)
        state = "corrected" if correction else "approved"
        with open_store() as store:
            store.add_review(item.paper.result.source_file, item.key, item.paper.content_hash, state,
                             json.dumps(correction) if correction else None, config.reviewer)
        return back_to(form, next_after(form, item))

    async def page_image(request: Request) -> Response:
        paper, page = request.path_params["paper"], request.path_params["page"]
        chosen = next((item for item in items() if item.paper.index == paper), None)
        if chosen is None or not 1 <= page <= max(chosen.paper.result.pages, 1):
            return PlainTextResponse("no such page", status_code=404)
        path, problem = file_state(chosen)
        if path is None or path.suffix.lower() != ".pdf":
            return PlainTextResponse(problem or "not a PDF", status_code=404)
        with open_store() as store:
            png = store.page_image(chosen.paper.content_hash, page)
            if png is None:
                png = render_png(path, page, config.password)
                store.put_page_image(chosen.paper.content_hash, page, png)
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    async def catalogue_search(request: Request) -> Response:
        from .. import catalogue

        text = request.query_params.get("q", "")[:200]
        cat = catalogue.load(config.patterns)
        found = [{"id": m.id, "name": m.name} for m in catalogue.candidates(text, cat, limit=8)] if text else []
        return JSONResponse(found)

    async def export(request: Request) -> Response:
        from ..export.workbook import build_workbook

        approved_only = request.query_params.get("approved_only") == "1"
        with open_store() as store:
            results, records = decisions.reviewed_results(store, approved_only=approved_only)
        out = io.BytesIO()
        build_workbook(records, results).save(out)
        name = f"{config.store.stem}{'-approved' if approved_only else ''}.xlsx"
        return Response(out.getvalue(), headers={"Content-Disposition": f'attachment; filename="{name}"'},
                        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    routes = [
        Route(f"/{config.token}/", queue_page),
        Route(f"/{config.token}", lambda request: RedirectResponse(url(""), status_code=307)),
        Route(f"/{config.token}/decide/{{item:int}}", decide, methods=["POST"]),
        Route(f"/{config.token}/edit/{{item:int}}", edit, methods=["POST"]),
        Route(f"/{config.token}/page/{{paper:int}}/{{page:int}}.png", page_image),
        Route(f"/{config.token}/catalogue", catalogue_search),
        Route(f"/{config.token}/export.xlsx", export),
        Mount(f"/{config.token}/static", app=StaticFiles(directory=static), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=[*LOCAL_HOSTS, *config.hosts]),
                  Middleware(TokenGate, token=config.token)]
    return Starlette(routes=routes, middleware=middleware)


_HEADERS = {
    # the page's own script and styles only; images from the app; nothing framed, nothing sniffed
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" would send "Origin: null" with every form
}


def serve(config: Config, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False) -> None:
    """Serve until Ctrl-C. The socket is bound before the address is printed: a port in use is an
    OSError here, not a link to someone else's server; port 0 takes any free port."""
    import socket

    import uvicorn

    if host not in LOCAL_HOSTS and host not in ("0.0.0.0", "::"):
        config.hosts.append(host)
    app = create_app(config)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    port = sock.getsockname()[1]
    address = f"[{host}]" if ":" in host else host
    link = f"http://{address}:{port}/{config.token}/"
    print(f"kpiextract review: {link}  (Ctrl-C to stop)", flush=True)
    if open_browser:
        import webbrowser

        webbrowser.open(link)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])
