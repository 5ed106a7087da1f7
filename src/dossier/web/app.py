"""The web application `dossier serve` runs: the pages, their data, and the JSON API at /api.

    /            overview           /documents/{id}  reader       /actors/{id}  actor profile
    /graph       actor network      /map             places       /timeline     events over time
    /statements  quote explorer     /search?q=       full text    /api/...      the JSON API

Pages are rendered on the server (Jinja2, autoescaped); the graph, map and timeline are
JavaScript modules (built from ``web/`` by Vite into ``dossier/web/static``) that fetch
``/api/views/...``. Every response carries a Content-Security-Policy of ``default-src
'self'`` with no inline script, so nothing an article says can run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from dossier import __version__
from dossier.api.app import DEFAULT_MAX_BODY, create_app
from dossier.store.core import Store
from dossier.store.ingest import AnalyzerLike
from dossier.web import api_views, docs, pages

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class AssetsMissing(RuntimeError):
    """The built front-end is not in the package (run `make setup` or `npm run build`)."""


def create_web_app(
    store: Store | str,
    *,
    token: str | None = None,
    analyzer_factory: Callable[[], AnalyzerLike] | None = None,
    require_assets: bool = True,
    max_body: int = DEFAULT_MAX_BODY,
    preload: bool = False,
) -> FastAPI:
    """Pages over `store` with the JSON API (`dossier.api.app.create_app`) mounted at /api;
    `token`, `max_body` and `preload` are the API's (see `create_app`)."""
    if require_assets and not (STATIC / "graph.js").is_file():
        raise AssetsMissing(
            f"the web UI's built assets are missing from {STATIC}: run `make setup` "
            "(or `cd web && npm ci && npm run build`)"
        )
    db = store if isinstance(store, Store) else Store(store)
    api = create_app(
        db, token=token, analyzer_factory=analyzer_factory, max_body=max_body, preload=preload
    )
    docs.self_hosted(api)
    api.include_router(api_views.router(db), prefix="/views")
    app = FastAPI(
        title="Dossier", version=__version__, docs_url=None, redoc_url=None, openapi_url=None
    )

    @app.middleware("http")
    async def _headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=308)

    app.mount("/api", api)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    app.include_router(pages.router(db))
    pages.install_error_pages(app)
    return app


def web_app_from_env() -> FastAPI:
    """The web application for `uvicorn --factory` (`dossier serve --workers N`): the store
    from DOSSIER_DB, the token from DOSSIER_API_TOKEN (unset: read-only), the body limit from
    DOSSIER_API_MAX_BODY."""
    import os

    from dossier.store.engine import DEFAULT_URL

    return create_web_app(
        os.environ.get("DOSSIER_DB", DEFAULT_URL),
        token=os.environ.get("DOSSIER_API_TOKEN"),
        max_body=int(os.environ.get("DOSSIER_API_MAX_BODY", DEFAULT_MAX_BODY)),
        preload=True,
    )
