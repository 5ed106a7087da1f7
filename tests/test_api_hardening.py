"""Server hardening: body limit before reading, parameter bounds, control characters,
empty tokens, security headers, documented statuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from corpus_fixtures import FakeAnalyzer, strike_record
from dossier.api.app import create_app
from dossier.cli import cli
from dossier.store.core import Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    store = Store(store_url)
    store.add_record(strike_record("a", published="2024-03-04"))
    yield store
    store.close()


def _client(store: Store, token: str | None = None, max_body: int = 10_000) -> TestClient:
    app = create_app(store, token=token, analyzer_factory=FakeAnalyzer, max_body=max_body)
    return TestClient(app, raise_server_exceptions=False)


def test_a_body_over_the_limit_is_refused_before_it_is_read(store: Store) -> None:
    c = _client(store)
    r = c.post("/analyze", content=b"x" * 20_000, headers={"Content-Type": "application/json"})
    assert r.status_code == 413

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(100):
            yield b"y" * 1000

    c = _client(store, token="s3cret-token")
    r = c.post(
        "/analyze",
        content=chunks(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret-token"},
    )
    assert r.status_code == 413


@pytest.mark.parametrize(
    "url",
    [
        "/statements?document=9223372036854775808",
        "/statements?document=-1",
        "/documents?offset=99999999999999999999",
        "/graph?min_weight=nan",
        "/graph?min_weight=inf",
        "/events/0",
        "/search?q=a%00",
        "/actors?name=%00",
        "/search?q=%ff%fe",
        "/events?since=2024-13-45",
    ],
)
def test_bad_parameters_are_4xx_never_5xx(store: Store, url: str) -> None:
    r = _client(store).get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text)


def test_empty_tokens_are_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        create_app("sqlite:///:memory:", token="")
    with pytest.raises(ValueError, match="empty"):
        create_app("sqlite:///:memory:", token="   ")
    result = CliRunner().invoke(cli, ["serve", "--token", "", "--db", "sqlite:///:memory:"])
    assert result.exit_code == 2 and "empty" in result.output


def test_security_headers_on_every_response(store: Store) -> None:
    c = _client(store)
    for url in ["/health", "/documents/999", "/search?q=a%00", "/docs"]:
        r = c.get(url)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert "server" not in r.headers


def test_openapi_documents_the_statuses_it_returns(store: Store) -> None:
    spec = _client(store, token="s3cret-token").get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            assert {"200", "400", "413", "503"} <= codes, (path, method, codes)
            if "{" in path:
                assert "404" in codes
    assert {"401", "403"} <= set(spec["paths"]["/analyze"]["post"]["responses"])


def test_cached_answers_follow_the_store(store: Store) -> None:
    import time

    c = _client(store, token="s3cret-token")
    assert len(c.get("/documents").json()) == 1
    store.add_record(strike_record("b", published="2024-03-05", verb="bombed"))
    time.sleep(1.1)  # another process's write is seen within a second
    assert len(c.get("/documents").json()) == 2
    r = c.post(
        "/analyze",
        json={"text": "Alpha struck Bravo on Monday.", "id": "c"},
        headers={"Authorization": "Bearer s3cret-token"},
    )
    assert r.status_code == 200
    assert len(c.get("/documents").json()) == 3  # a write through this server: at once
