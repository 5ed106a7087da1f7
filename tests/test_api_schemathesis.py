"""schemathesis over the API's own OpenAPI, on a small store: for requests generated from the
schema, never a 5xx, only documented statuses and content types, bodies as documented.

Bounded (a few operations, a few examples each, no shrinking) so it runs in seconds; the
full run over every operation is a command in docs/corpus.md.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings

from corpus_fixtures import FakeAnalyzer, strike_record, talks_record
from dossier.store.core import Store
from dossier.web.app import create_web_app

# the operations with the most parameters (filters, dates, free text, ids) and the graph
OPERATIONS = r"^/(events|statements|search|graph|documents/\{document_id\}|views/graph)$"


def _app() -> Any:
    folder = Path(tempfile.mkdtemp(prefix="dossier-schemathesis-"))
    store = Store(f"sqlite:///{folder / 'store.db'}")
    store.add_record(strike_record("a", published="2024-03-04"))
    store.add_record(strike_record("b", published="2024-03-05", verb="bombed", site="b.org"))
    store.add_record(talks_record("t", published="2024-03-06"))
    return create_web_app(store, analyzer_factory=FakeAnalyzer, require_assets=False)


# built when the module is collected: schemathesis makes one test per operation from it
schema = schemathesis.openapi.from_asgi("/api/openapi.json", _app()).include(path_regex=OPERATIONS)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_openapi(case: Any) -> None:
    case.call_and_validate()


def _date_parameters(openapi: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (path, param["name"], param["schema"]["anyOf"][0]["pattern"])
        for path, item in openapi["paths"].items()
        for param in item.get("get", {}).get("parameters", [])
        if param["name"] in ("since", "until")
    ]


def test_what_the_openapi_calls_a_date_the_server_takes() -> None:
    """Found by schemathesis: /views/* documented any NNNN-NN-NN as a date and answered 400
    for it; every date parameter now shares one calendar pattern, and a day the calendar
    does not have (a pattern cannot say so) is 422, as for any invalid parameter."""
    client = TestClient(_app(), raise_server_exceptions=False)
    dates = _date_parameters(client.get("/api/openapi.json").json())
    assert len(dates) >= 12
    for path, name, pattern in dates:
        assert re.fullmatch(pattern, "2024-02-29") and not re.fullmatch(pattern, "0000-00-00")
        url = "/api" + path
        other = {"q": "talks"} if path == "/search" else {}  # its required parameter
        assert client.get(url, params={**other, name: "2024-02-29"}).status_code == 200, path
        assert client.get(url, params={**other, name: "2023-02-29"}).status_code == 422, path
