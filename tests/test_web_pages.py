"""The web pages and the graph/map/timeline data without a browser, on SQLite and PostgreSQL.

Records are built by hand (corpus_fixtures), so these tests need no analyser; the browser
tests (test_web_browser.py) drive the same pages in Chromium.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from corpus_fixtures import entity, strike_record, talks_record
from dossier.record import Record
from dossier.store.core import Store
from dossier.web import app as web_app
from dossier.web.app import AssetsMissing, create_web_app

NASTY = "<script>alert('x')</script>"


def hostile_record() -> Record:
    text = f'Vossler said "{NASTY}" in Beirut.'
    return Record(
        id="h<1>",
        published="2024-03-07",
        title=f"Title {NASTY}",
        url="javascript:alert(1)",
        text=text,
        entities=[
            entity(text, "E1", "Vossler </style><b onclick=alert(1)>", "PERSON", ["Vossler"])
        ],
    )


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    store = Store(store_url)
    store.add_record(strike_record("a", published="2024-03-04"))
    store.add_record(strike_record("b", published="2024-03-05", verb="bombed", site="b.org"))
    store.add_record(talks_record("t", published="2024-03-06"))
    store.add_record(hostile_record())
    yield TestClient(create_web_app(store, require_assets=False))
    store.close()  # the PostgreSQL server's connections are shared


def items(page: str, kind: str) -> list[str]:
    return re.findall(rf'data-kind="{kind}" data-id="([^"]*)"', page)


def doc_ids(c: TestClient) -> dict[str, int]:
    return {d["doc_id"]: d["id"] for d in c.get("/api/documents").json()}


def test_every_page_renders_its_items(client: TestClient) -> None:
    c = client
    home = c.get("/")
    assert home.status_code == 200
    csp = home.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "inline" not in csp
    assert len(items(home.text, "document")) == 4
    assert set(items(home.text, "actor")) >= {str(a["id"]) for a in c.get("/api/actors").json()[:3]}
    docs = doc_ids(c)
    reader = c.get(f"/documents/{docs['a']}").text
    assert {"E1", "E2"} <= set(items(reader, "entity"))
    assert "V1" in items(reader, "event") and "S1" in items(reader, "statement")
    assert "P1" in items(reader, "place")
    article = re.search(r'<article id="text"[^>]*>(.*?)</article>', reader, re.S)
    assert article is not None
    text = c.get(f"/api/documents/{docs['a']}").json()["text"]
    assert html.unescape(re.sub(r"<[^>]+>", "", article.group(1))) == text
    hezbollah = c.get("/api/actors", params={"name": "Hezbollah"}).json()[0]["id"]
    assert f'href="/actors/{hezbollah}"' in reader  # entities link onward to their actor
    actor = c.get(f"/actors/{hezbollah}").text
    assert len(items(actor, "statement")) == 2  # both quotes of its spokesman
    assert any(e.endswith("-adversary") for e in items(actor, "edge"))
    assert items(actor, "event")
    statements = c.get("/statements", params={"speaker": "Hezbollah"}).text
    assert len(items(statements, "statement")) == 2
    assert len(items(c.get("/statements", params={"kind": "indirect"}).text, "statement")) == 1
    # the class of claim (the fixture's statements are all speech)
    every = items(c.get("/statements").text, "statement")
    assert items(c.get("/statements", params={"class": "speech"}).text, "statement") == every
    assert items(c.get("/statements", params={"class": "thought"}).text, "statement") == []
    assert c.get("/statements", params={"class": "gossip"}).status_code == 422
    search = c.get("/search", params={"q": "aggression"}).text
    assert len(items(search, "statement")) == 2
    for path in ("/documents", "/actors", "/graph", "/map", "/timeline", "/api/docs"):
        r = c.get(path)
        assert r.status_code == 200 and "content-security-policy" in r.headers, path


def test_graph_map_and_timeline_follow_the_filters(client: TestClient) -> None:
    c = client

    def graph(**params: Any) -> set[tuple[str, str, str]]:
        data = c.get("/api/views/graph", params=params).json()
        return {(e["source"], e["kind"], e["target"]) for e in data["edges"]}

    everything = graph()
    assert {
        ("Israel", "interaction", "Hezbollah"),
        ("Israel", "adversary", "Hezbollah"),
        ("Iran", "interaction", "Oman"),
    } <= everything
    assert graph(type="CONSULT") == {("Iran", "interaction", "Oman")}
    assert graph(country="omn") == {("Iran", "interaction", "Oman")}
    assert ("Iran", "interaction", "Oman") not in graph(until="2024-03-05")
    assert graph(min_weight=3) == set()
    assert graph(actor="Israel") == {
        ("Israel", "interaction", "Hezbollah"),
        ("Israel", "adversary", "Hezbollah"),
    }
    balance = {
        (e["source"], e["target"]): e["balance"]
        for e in c.get("/api/views/graph").json()["edges"]
        if e["kind"] == "interaction"
    }
    assert balance == {("Israel", "Hezbollah"): -1.0, ("Iran", "Oman"): 1.0}

    def places(**params: Any) -> set[str]:
        return {p["name"] for p in c.get("/api/views/map", params=params).json()}

    assert places() == {"Beirut", "Tehran"}
    assert places(type="ASSAULT") == {"Beirut"}
    assert places(since="2024-03-06") == {"Tehran"}
    assert places(country="IRN") == {"Tehran"}

    def timeline(**params: Any) -> dict[tuple[str, str], int]:
        data = c.get("/api/views/timeline", params=params).json()
        return {(x["period"], x["type"]): x["n"] for x in data["counts"]}

    assert timeline() == {("2024-03", "ASSAULT"): 1, ("2024-03", "CONSULT"): 1}
    assert timeline(actor="Oman") == {("2024-03", "CONSULT"): 1}
    assert timeline(since="2024-04-01") == {}
    listed = c.get("/api/views/timeline", params={"type": "assault"}).json()["events"]
    assert [e["type"] for e in listed] == ["ASSAULT"]
    # the pages carry the same filters into their links and their data source
    page = c.get("/graph", params={"since": "2024-03-01", "type": "ASSAULT"}).text
    assert 'data-api="/api/views/graph?since=2024-03-01&amp;type=ASSAULT"' in page
    assert 'href="/map?since=2024-03-01&amp;type=ASSAULT"' in page


def test_untrusted_values_are_escaped_everywhere(client: TestClient) -> None:
    c = client
    docs = doc_ids(c)
    hostile = docs["h<1>"]
    vossler = c.get("/api/actors", params={"name": "Vossler"}).json()[0]["id"]
    pages = [
        "/",
        "/documents",
        f"/documents/{hostile}",
        f"/actors/{vossler}",
        "/actors",
        "/statements",
        "/search?q=Vossler",
        f"/search?q={NASTY}",
        f"/statements?speaker={NASTY}",
        f"/actors?name={NASTY}",
        f"/graph?actor={NASTY}",
    ]
    for path in pages:
        body = c.get(path).text
        assert "<script>alert" not in body and "<b onclick" not in body, path
        assert "</style>" not in body, path
        assert "javascript:" not in body.replace("javascript:alert(1)</span>", ""), path
    reader = c.get(f"/documents/{hostile}").text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in reader
    assert "<script" not in reader.replace('<script type="module" src="/static/reader.js">', "")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/documents/abc", 422),
        ("/documents/0", 422),
        ("/documents/999999", 404),
        ("/actors/999999", 404),
        ("/graph?since=March", 422),
        ("/timeline?type=DROP%20TABLE", 422),
        ("/statements?page=0", 422),
        ("/no/such/page", 404),
    ],
)
def test_bad_page_requests_get_an_html_page(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text and "Traceback" not in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/views/graph?since=2024-02-31",
        "/api/views/map?country=IRAN",
        "/api/views/graph?limit=0",
    ],
)
def test_bad_view_requests_are_json_4xx(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert 400 <= r.status_code < 500 and r.json()["detail"]


def test_missing_front_end_build_is_a_clear_error(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.cli import cli

    monkeypatch.setattr(web_app, "STATIC", tmp_path / "nothing")
    with pytest.raises(AssetsMissing, match="make setup"):
        create_web_app(sqlite_url)
    result = CliRunner().invoke(cli, ["serve", "--db", sqlite_url])
    assert result.exit_code == 1 and "make setup" in result.output
    assert "Traceback" not in result.output


def test_serve_runs_the_web_app(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    from dossier.cli import cli

    (tmp_path / "graph.js").write_text("", encoding="utf-8")  # a build, as far as serve checks
    monkeypatch.setattr(web_app, "STATIC", tmp_path)
    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append((app, kw)))
    result = CliRunner().invoke(cli, ["serve", "--db", sqlite_url, "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert options == {
        "host": "127.0.0.1",
        "port": 8123,
        "log_level": "info",
        "server_header": False,
    }
    c = TestClient(app)
    assert c.get("/api/health").json()["read_only"] is True
    assert c.get("/").status_code == 200


def test_demo_articles_fill_a_store(analyzer: Any, sqlite_url: str) -> None:
    from dossier.web.demo import load_demo

    store = Store(sqlite_url)
    report = load_demo(store, analyzer=analyzer)
    assert report.stored == 5 and report.failed == 0
    counts = store.counts()
    assert counts["events"] >= 10 and counts["statements"] >= 10 and counts["places"] >= 10
    store.close()
