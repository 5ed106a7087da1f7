"""The HTTP API: every endpoint, the token rule, malformed requests (4xx, never 500).

The API is served under /api by the web application; the client's base URL carries the
prefix, so the paths below are the API's own.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from corpus_fixtures import FakeAnalyzer, strike_record, talks_record
from dossier.store.core import Store
from dossier.web.app import create_web_app


@pytest.fixture
def filled(store_url: str) -> Store:
    store = Store(store_url)
    store.add_record(strike_record("a", published="2024-03-04"))
    store.add_record(strike_record("b", published="2024-03-05", verb="bombed", site="b.org"))
    store.add_record(talks_record("t", published="2024-03-06"))
    return store


def client(store: Store, token: str | None = None) -> TestClient:
    app = create_web_app(store, token=token, analyzer_factory=FakeAnalyzer, require_assets=False)
    return TestClient(app, base_url="http://testserver/api/")


def test_read_endpoints(filled: Store) -> None:
    c = client(filled)
    assert c.get("/health").json()["read_only"] is True
    assert c.get("/stats").json()["tables"]["documents"] == 3
    docs = c.get("/documents").json()
    assert [d["doc_id"] for d in docs] == ["a", "b", "t"]
    one = c.get(f"/documents/{docs[0]['id']}").json()
    assert one["text"].startswith("Israel struck") and one["record"]["id"] == "a"
    assert "text" not in c.get(f"/documents/{docs[0]['id']}?text=false").json()
    actors = c.get("/actors", params={"name": "hez"}).json()
    assert [a["name"] for a in actors] == ["Hezbollah"]
    assert c.get("/entities", params={"country": "irn"}).json()[0]["name"] == "Iran"
    actor = c.get(f"/actors/{actors[0]['id']}").json()
    assert len(actor["mentions"]) == 4
    assert c.get(f"/entities/{actors[0]['id']}").json()["name"] == "Hezbollah"
    st = c.get("/statements", params={"speaker": "Hezbollah"}).json()
    assert len(st) == 2 and st[0]["cue"] == "told"
    events = c.get("/events", params={"actor": "Israel", "type": "ASSAULT"}).json()
    assert len(events) == 1 and events[0]["n_mentions"] == 2
    detail = c.get(f"/events/{events[0]['id']}").json()
    assert len(detail["mentions"]) == 2 and {a["role"] for a in detail["actors"]} == {
        "source",
        "target",
    }
    assert {p["name"] for p in c.get("/places").json()} == {"Beirut", "Tehran"}
    graph = c.get("/graph").json()
    assert len(graph["edges"]) == 2 and len(graph["nodes"]) == 4
    balance = c.get("/graph/balance", params={"a": "Iran", "b": "Oman"}).json()
    assert balance == [
        {"period": "2024-03", "n_events": 1, "cooperation": 1, "conflict": 0, "balance": 1.0}
    ]
    hits = c.get("/search", params={"q": "aggression", "kind": "quote"}).json()
    assert len(hits) == 2 and all(h["speaker"] == "Hezbollah" for h in hits)
    assert c.get("/openapi.json").json()["info"]["title"] == "Dossier corpus API"
    docs = c.get("/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()  # nothing from outside the server
    assert c.get("/redoc").status_code == 404


def test_api_lives_under_api(filled: Store) -> None:
    app = create_web_app(filled, analyzer_factory=FakeAnalyzer, require_assets=False)
    c = TestClient(app)
    assert c.get("/api/health").json()["status"] == "ok"
    docs = c.get("/api/documents").json()
    assert {"id", "source", "title", "published"} <= set(docs[0])
    assert c.get("/health").status_code == 404  # the pages own the root
    assert c.get("/api/openapi.json").json()["paths"]["/documents"]


@pytest.mark.parametrize(
    "url",
    [
        "/documents/999999",
        "/actors/999999",
        "/events/999999",
        "/entities/424242",
    ],
)
def test_missing_rows_are_404(filled: Store, url: str) -> None:
    r = client(filled).get(url)
    assert r.status_code == 404 and "no " in r.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/documents/abc",
        "/documents/0",
        "/documents/99999999999999999999999",
        "/documents?limit=0",
        "/documents?limit=-5",
        "/documents?limit=many",
        "/documents?status=lost",
        "/events?since=March",
        "/events?since=2024-13-45",
        "/events?type=DROP%20TABLE",
        "/statements?until=tomorrow",
        "/search",
        "/search?q=",
        "/search?q=x&kind=poem",
        "/graph?min_weight=-1",
        "/graph/balance?a=Iran",
        "/actors?country=IRAN",
        "/places?limit=100000",
    ],
)
def test_malformed_requests_are_4xx(filled: Store, url: str) -> None:
    r = client(filled).get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text)
    assert r.json()["detail"]


def test_a_search_without_words_finds_nothing(filled: Store) -> None:
    # the OpenAPI cannot say which characters are letters in every script (`\w` is ASCII in
    # JSON Schema), so any plain text is a valid search; one without words finds nothing
    c = client(filled)
    for q in ['"" ()', "!!!", "\u2014", "\U0001d47b\U0001d489\U0001d486"]:
        r = c.get("/search", params={"q": q})
        assert r.status_code == 200, (q, r.text)
        assert r.json() == [] or q.startswith("\U0001d47b")


def test_search_with_fts_operators_is_not_an_error(filled: Store) -> None:
    c = client(filled)
    for q in ['Israel AND "', "NEAR(", "aggres*", "-Israel", "OR"]:
        assert c.get("/search", params={"q": q}).status_code == 200


def test_write_endpoint_needs_the_token(filled: Store) -> None:
    body = {
        "text": "Israel struck Hezbollah positions near Beirut on Friday, the army said "
        "in a statement released to the press.",
        "published": "2024-03-08",
    }
    read_only = client(filled)
    r = read_only.post("/analyze", json=body)
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    c = client(filled, token="s3cret")
    assert c.get("/health").json()["read_only"] is False
    assert c.post("/analyze", json=body).status_code == 401
    r = c.post("/analyze", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert c.post("/analyze", json=body, headers={"Authorization": "s3cret"}).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    r = c.post("/analyze", json=body, headers=auth)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["record"]["events"][0]["type"] == "ASSAULT" and data["document_id"]
    assert c.get(f"/documents/{data['document_id']}").json()["published"] == "2024-03-08"
    again = c.post("/analyze", json=body, headers=auth).json()
    assert again["document_id"] == data["document_id"]  # idempotent by content
    r = c.post(
        "/analyze", json={**body, "store": False, "text": body["text"] + " More."}, headers=auth
    )
    assert r.json()["document_id"] is None
    assert c.get("/stats").json()["tables"]["documents"] == 4


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": ""},
        {"text": 5},
        {"text": "x", "published": "last week"},
        {"text": "x", "unknown": 1},
        [1, 2],
    ],
)
def test_malformed_analyze_bodies_are_422(filled: Store, body: object) -> None:
    c = client(filled, token="t")
    r = c.post("/analyze", json=body, headers={"Authorization": "Bearer t"})
    assert r.status_code == 422, r.text


def test_non_json_body_is_4xx(filled: Store) -> None:
    c = client(filled, token="t")
    r = c.post(
        "/analyze",
        content=b"{not json",
        headers={"Authorization": "Bearer t", "Content-Type": "application/json"},
    )
    assert 400 <= r.status_code < 500
