"""The web UI in a real browser: `dossier serve`'s app on loopback, Debian's Chromium via Playwright.

The store holds the bundled demo articles and a hostile article (script tags, on* attributes,
javascript: URLs, </style> breaks inside quotes, names and the title), analysed once per
module. Every page must load with no console error and no request leaving the server's
origin; nothing from the article may run.

Skipped when /usr/bin/chromium (or $DOSSIER_CHROMIUM) is absent, unless
DOSSIER_REQUIRE_BROWSER=1 (CI): then a missing browser or a missing front-end build fails.
With DOSSIER_SCREENSHOTS=DIR the tests save a PNG of each page there (the README's pictures:
`DOSSIER_SCREENSHOTS=docs/screenshots pytest tests/test_web_browser.py`).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from dossier.ingest.documents import InputDocument, prepare
from dossier.store.core import Store
from dossier.store.ingest import ingest, iter_corpus_documents
from dossier.web.app import STATIC
from dossier.web.demo import ARTICLES

CHROMIUM = Path(os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("DOSSIER_REQUIRE_BROWSER") == "1"
SHOTS = os.environ.get("DOSSIER_SCREENSHOTS")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser

# Written for these tests: every way article text could try to become markup or script.
HOSTILE_TITLE = "Raid report <script>window.__pwned='title'</script></title></style><b>bold</b>"
HOSTILE_TEXT = (
    "Fighting near <Valdoria> <script>window.__pwned='text'</script>\n\n"
    "General Karim <img src=x onerror=\"window.__pwned='img'\">Vossler said on Monday that "
    "Russian forces attacked the town of Kharkiv, killing three soldiers. "
    "\"We will answer </style><script>window.__pwned='quote'</script> every attack,\" "
    "Vossler told reporters in Kyiv.\n\n"
    "Ukraine accused Russia of shelling a hospital <a href=\"javascript:window.__pwned='a'\">"
    "here</a> in Kharkiv. Dmitry <svg onload=\"window.__pwned='svg'\">Peskov said the claims "
    'were false. "</textarea><iframe src=javascript:alert(1)>" was written on a wall, '
    "residents said.\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if REQUIRED:
            pytest.fail(f"{CHROMIUM} is missing (run scripts/install-chromium.sh)")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install-chromium.sh)")
    if not (STATIC / "graph.js").is_file():
        message = f"the web UI is not built ({STATIC}): run `make web`"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def web_store(analyzer: Any, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}")
    hostile = prepare(
        InputDocument(
            text=HOSTILE_TEXT,
            id="hostile-<script>",
            published="2024-12-20",
            url="javascript:window.__pwned='url'",
            title=HOSTILE_TITLE,
            origin="test",
        )
    )
    docs = [*iter_corpus_documents([ARTICLES]), hostile]
    report = ingest(store, docs, analyzer=analyzer)
    assert report.stored == len(docs), report.summary()
    return store


@pytest.fixture(scope="module")
def server(web_store: Store, browser: Any) -> Iterator[str]:
    import uvicorn

    from dossier.web.app import create_web_app

    port = _free_port()
    config = uvicorn.Config(
        create_web_app(web_store), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


class View:
    """A page with what the browser complained about and every request it made."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        # screenshots at 3/4 scale keep the README's pictures small
        self.context = browser.new_context(
            viewport={"width": 1200, "height": 800}, device_scale_factor=0.75 if SHOTS else 1
        )
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on(
            "console",
            lambda msg: self.errors.append(msg.text) if msg.type == "error" else None,
        )

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        origin = urlsplit(base)

        def route(r: Any) -> None:
            url = urlsplit(r.request.url)
            if (url.scheme, url.netloc) == (origin.scheme, origin.netloc) or url.scheme == "data":
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)

    def open(self, path: str, *, drawn: str | None = None) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response)
        csp = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        if drawn:
            self.page.wait_for_selector(f"{drawn}[data-status=drawn]", timeout=20_000)
        return self.page

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs
        assert self.outside == [], self.outside
        assert self.page.evaluate("() => window.__pwned === undefined")

    def shot(self, name: str) -> None:
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def view(browser: Any, server: str) -> Iterator[View]:
    v = View(browser, server)
    yield v
    v.close()


def _ids(page: Any, selector: str) -> list[str]:
    return list(page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.id)"))


def _doc_id(store: Store, doc_id: str) -> int:
    for row in store.engine.connect().exec_driver_sql(
        "SELECT id, doc_id FROM documents ORDER BY id"
    ):
        if row[1] == doc_id:
            return int(row[0])
    raise AssertionError(f"{doc_id} not stored")


def test_every_page_loads_clean(view: View, web_store: Store) -> None:
    page = view.open("/")
    view.shot("overview")
    documents = _ids(page, "[data-kind=document]")
    assert len(documents) == 6
    assert len(_ids(page, "[data-kind=actor]")) >= 5
    assert len(_ids(page, "[data-kind=event]")) >= 5
    actor = _ids(page, "[data-kind=actor]")[0]
    pages = [
        "/documents",
        *(f"/documents/{d}" for d in documents),
        "/actors",
        f"/actors/{actor}",
        "/statements",
        "/statements?speaker=Peskov",
        "/search?q=talks",
        "/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        "/graph?actor=%3Cscript%3E",
    ]
    for path in pages:
        view.open(path)
        view.clean()
    # a query string is never echoed unescaped
    page = view.open("/search?q=%3Cb+id%3Decho%3Ebold%3C%2Fb%3E")
    assert page.locator("#echo").count() == 0
    assert page.get_by_text("<b id=echo>bold</b>", exact=False).count() >= 1
    view.open(f"/actors/{actor}")
    view.shot("actor")
    view.open("/statements?speaker=Peskov")
    view.shot("statements")
    view.open("/search?q=talks")
    view.shot("search")
    page = view.open("/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    view.clean()  # the self-hosted Swagger UI runs under the same policy


def test_reader_shows_highlights_and_explains(view: View, web_store: Store) -> None:
    page = view.open(f"/documents/{_doc_id(web_store, 'demo-ceasefire-talks')}")
    article = page.locator("article")
    assert len(_ids(page, "article [data-kind=entity]")) >= 5
    assert len(_ids(page, "article [data-kind=event]")) >= 2
    assert page.locator("article .stm").count() >= 2
    assert len(_ids(page, "aside [data-kind=place]")) >= 3
    assert len(_ids(page, "aside [data-kind=statement]")) >= 3
    # the highlighted text is the article, character for character
    assert "Hakan Fidan met his Iraqi counterpart" in " ".join(article.inner_text().split())
    fidan = page.locator("aside [data-kind=entity]", has_text="Fidan").first
    fidan.click()
    assert page.locator("article .hl").count() >= 2  # every mention of him lights up
    detail = page.locator("#detail-text").inner_text()
    assert "PERSON" in detail and "rule" in detail
    onward = page.locator("#detail-link a")
    assert onward.count() == 1
    href = onward.get_attribute("href")
    assert href is not None and re.fullmatch(r"/actors/\d+", href)
    page.locator("article .trg").first.click()
    assert "Event" in page.locator("#detail-text").inner_text()
    view.shot("reader")
    view.clean()


def test_hostile_article_stays_text(view: View, web_store: Store) -> None:
    doc = _doc_id(web_store, "hostile-<script>")
    for path in (f"/documents/{doc}", "/", "/documents", "/statements", "/search?q=Vossler"):
        page = view.open(path)
        view.clean()
        handlers = page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(el =>
                [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"""
        )
        assert handlers == []
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.locator("main script, main img, main iframe, main svg").count() == 0
    page = view.open(f"/documents/{doc}")
    text = page.locator("article").inner_text()
    assert "<script>window.__pwned='text'</script>" in text  # shown, not run
    assert "</style><script>" in text
    assert page.title().startswith("Raid report <script>")
    assert page.locator("article [data-kind=entity]").count() >= 3
    view.clean()


def test_graph_draws_filters_and_opens_actors(view: View) -> None:
    page = view.open("/graph", drawn="#graph")
    nodes = _ids(page, "#graph-nodes [data-kind=actor]")
    edges = _ids(page, "#graph-edges [data-kind=edge]")
    assert len(nodes) >= 5 and len(edges) >= 3
    painted = page.evaluate(
        """() => { const c = document.getElementById('graph-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"""
    )
    assert painted > 500
    view.shot("graph")
    view.clean()
    # a filter changes what the graph shows
    page = view.open("/graph?type=CONSULT", drawn="#graph")
    filtered = _ids(page, "#graph-edges [data-kind=edge]")
    assert 0 < len(filtered) < len(edges) and set(filtered) <= set(edges)
    assert page.locator("select[name=type]").input_value() == "CONSULT"
    page = view.open("/graph?min_weight=2", drawn="#graph")
    assert len(_ids(page, "#graph-edges [data-kind=edge]")) < len(edges)
    # clicking a node (where its table row says it is drawn) opens its actor page
    page = view.open("/graph", drawn="#graph")
    row = page.locator("#graph-nodes [data-kind=actor]").first
    actor_id = row.get_attribute("data-id")
    x, y = float(row.get_attribute("data-x") or 0), float(row.get_attribute("data-y") or 0)
    with page.expect_navigation():
        page.locator("#graph-canvas").click(position={"x": x, "y": y})
    assert page.url.endswith(f"/actors/{actor_id}")
    assert page.locator(f".actor-head[data-kind=actor][data-id='{actor_id}']").count() == 1
    view.clean()


def test_map_and_timeline_follow_the_filters(view: View) -> None:
    page = view.open("/map", drawn="#map")
    places = _ids(page, "#map-places [data-kind=place]")
    assert len(places) >= 5
    assert int(page.locator("#map").get_attribute("data-clusters") or 0) >= 3
    view.shot("map")
    page = view.open("/map?type=ASSAULT", drawn="#map")
    assault = _ids(page, "#map-places [data-kind=place]")
    assert 0 < len(assault) < len(places)
    view.clean()

    page = view.open("/timeline", drawn="#timeline")
    events = int(page.locator("#timeline").get_attribute("data-events") or 0)
    assert events >= 5 and len(_ids(page, "#timeline-events [data-kind=event]")) >= 5
    assert page.locator("#timeline-chart rect[data-month]").count() >= 3
    view.shot("timeline")
    page = view.open("/timeline?country=UKR", drawn="#timeline")
    assert 0 < int(page.locator("#timeline").get_attribute("data-events") or 0) < events
    # choosing a period on the chart carries it to the timeline, the graph and the map
    page = view.open("/timeline", drawn="#timeline")
    bars = page.locator("#timeline-chart rect[data-month]")
    first, last = bars.first.bounding_box(), bars.last.bounding_box()
    assert first and last
    month = bars.last.get_attribute("data-month") or ""
    page.mouse.move(last["x"] + 1, last["y"] + last["height"] / 2)
    with page.expect_navigation():
        page.mouse.down()
        page.mouse.move(last["x"] + 2, last["y"] + last["height"] / 2)
        page.mouse.up()
    assert f"since={month}-01" in page.url
    page.wait_for_selector("#timeline[data-status=drawn]")
    narrowed = int(page.locator("#timeline").get_attribute("data-events") or 0)
    assert 0 < narrowed < events
    graph_link = page.locator("p.views a", has_text="graph").get_attribute("href") or ""
    map_link = page.locator("p.views a", has_text="map").get_attribute("href") or ""
    assert f"since={month}-01" in graph_link and f"since={month}-01" in map_link
    page = view.open(graph_link, drawn="#graph")
    assert len(_ids(page, "#graph-edges [data-kind=edge]")) >= 1
    view.clean()


def test_statements_by_speaker_and_class(view: View) -> None:
    page = view.open("/statements?speaker=Peskov")
    mine = _ids(page, "[data-kind=statement]")
    assert len(mine) >= 2
    assert all("Peskov" in t for t in page.locator("ol.statements .meta").all_inner_texts())
    every = _ids(view.open("/statements"), "[data-kind=statement]")
    page = view.open("/statements?kind=direct")
    direct = _ids(page, "[data-kind=statement]")
    assert 0 < len(direct) < len(every)
    page = view.open("/search?q=%22Red+Sea%22")
    assert page.locator("ol.hits li").count() >= 2
    view.clean()
