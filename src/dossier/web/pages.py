"""The HTML pages (server-rendered with autoescaping Jinja2 templates in ``templates/``).

Every listed item carries ``data-kind`` and ``data-id``. Query strings are validated by
FastAPI and only ever reach a page through the templates' escaping.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier import __version__
from dossier.api.params import Country, Day, EventType
from dossier.record import CUE_CLASSES
from dossier.store import queries
from dossier.store.core import Store
from dossier.web import views
from dossier.web.reader import read, record_of

TEMPLATES = FilePath(__file__).parent / "templates"
PAGE_SIZE = 50
Page = Annotated[int, Query(ge=1, le=100_000)]
Text = Annotated[str | None, Query(max_length=300)]

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals["version"] = __version__
QUAD = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
env.globals["quad_name"] = lambda q: QUAD.get(q, "") if isinstance(q, int) else ""


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(env.get_template(template).render(**context), status_code=status)


def pager(request: Request, page: int, shown: int) -> dict[str, str | None]:
    """Links to the previous and next page, keeping the other query parameters."""
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}

    def link(n: int) -> str:
        return "?" + urlencode({**params, "page": n})

    return {
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if shown >= PAGE_SIZE else None,
        "page": str(page),
    }


def _clean(**values: str | None) -> dict[str, str]:
    return {k: v for k, v in values.items() if v}


def router(db: Store) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def filters_context(request: Request, current: dict[str, str], view: str) -> dict[str, Any]:
        query = urlencode(current)
        return {
            "filters": current,
            "query": query,
            "types": views.event_types(db),
            "countries": views.countries(db),
            "view": view,
        }

    @r.get("/", response_class=HTMLResponse)
    def overview(request: Request, page: Page = 1) -> HTMLResponse:
        docs = queries.documents(db, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return render(
            "overview.html",
            stats=queries.summary(db)["tables"],
            actors=queries.actors(db, limit=15),
            events=queries.events(db, limit=15),
            documents=docs,
            pager=pager(request, page, len(docs)),
            title="Overview",
        )

    @r.get("/documents", response_class=HTMLResponse)
    def documents(request: Request, page: Page = 1) -> HTMLResponse:
        docs = queries.documents(db, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        return render(
            "documents.html",
            documents=docs,
            pager=pager(request, page, len(docs)),
            title="Documents",
        )

    @r.get("/documents/{document_id}", response_class=HTMLResponse)
    def reader(document_id: Annotated[int, Path(ge=1, le=2**62)]) -> HTMLResponse:
        row = queries.document(db, document_id)
        if row is None:
            raise HTTPException(404, f"no document {document_id}")
        record = record_of(row)
        text = row.get("text") or ""
        reading = read(record, text, views.document_links(db, document_id)) if record else None
        return render(
            "reader.html",
            doc=row,
            record=record,
            text=text,
            reading=reading,
            title=row.get("title") or row.get("doc_id") or f"Document {document_id}",
        )

    @r.get("/actors", response_class=HTMLResponse)
    def actors(
        request: Request, name: Text = None, country: Country = None, page: Page = 1
    ) -> HTMLResponse:
        rows = queries.actors(
            db, name=name, country=country, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        return render(
            "actors.html",
            actors=rows,
            name=name or "",
            country=country or "",
            pager=pager(request, page, len(rows)),
            title="Actors",
        )

    @r.get("/actors/{actor_id}", response_class=HTMLResponse)
    def actor(actor_id: Annotated[int, Path(ge=1, le=2**62)]) -> HTMLResponse:
        profile = views.actor_profile(db, actor_id)
        if profile is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return render("actor.html", actor=profile, title=profile["name"])

    @r.get("/statements", response_class=HTMLResponse)
    def statements(
        request: Request,
        speaker: Text = None,
        kind: Annotated[str | None, Query(pattern="^[a-z_]{1,20}$")] = None,
        cue_class: Annotated[
            str | None, Query(alias="class", pattern="^(speech|thought|intention|evidence)$")
        ] = None,
        text: Text = None,
        page: Page = 1,
    ) -> HTMLResponse:
        rows = views.statement_rows(
            db,
            speaker=speaker,
            kind=kind,
            cue_class=cue_class,
            text=text,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        return render(
            "statements.html",
            statements=rows,
            kinds=views.statement_kinds(db),
            form=_clean(speaker=speaker, kind=kind, cue_class=cue_class, text=text),
            classes=CUE_CLASSES,
            pager=pager(request, page, len(rows)),
            title="Statements",
        )

    @r.get("/search", response_class=HTMLResponse)
    def search(
        request: Request,
        q: Annotated[str | None, Query(max_length=1000)] = None,
        kind: Annotated[str | None, Query(pattern="^(sentence|quote)$")] = None,
        page: Page = 1,
    ) -> HTMLResponse:
        hits: list[dict[str, Any]] = []
        error = ""
        if q and q.strip():
            try:
                hits = queries.search(
                    db, q, kind=kind, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
                )
            except queries.QueryError as err:
                error = str(err)
        return render(
            "search.html",
            q=q or "",
            kind=kind or "",
            hits=hits,
            error=error,
            pager=pager(request, page, len(hits)),
            title="Search",
        )

    for view in ("graph", "map", "timeline"):

        def shell(
            request: Request,
            since: Day = None,
            until: Day = None,
            type: EventType = None,
            actor: Text = None,
            country: Country = None,
            min_weight: Annotated[float | None, Query(ge=0, le=1e9)] = None,
            _view: str = view,
        ) -> HTMLResponse:
            current = _clean(
                since=since,
                until=until,
                type=type.upper() if type else None,
                actor=actor,
                country=country.upper() if country else None,
                min_weight=f"{min_weight:g}"
                if min_weight is not None and _view == "graph"
                else None,
            )
            return render(
                f"{_view}.html",
                title={"graph": "Actor network", "map": "Map", "timeline": "Timeline"}[_view],
                **filters_context(request, current, _view),
            )

        r.add_api_route(f"/{view}", shell, methods=["GET"], response_class=HTMLResponse)
    return r


def install_error_pages(app: FastAPI) -> None:
    """Pages answer bad requests and missing rows with an HTML page (the API keeps JSON)."""

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": err.detail}, status_code=err.status_code)
        return render(
            "error.html",
            status=err.status_code,
            message=str(err.detail),
            title="Not found" if err.status_code == 404 else "Error",
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', [])[1:])}: {e.get('msg', '')}"
            for e in err.errors()
        )
        return render(
            "error.html", status=422, message=f"bad request: {problems}", title="Bad request"
        )

    @app.exception_handler(queries.QueryError)
    async def _query(request: Request, err: queries.QueryError) -> Response:
        return render("error.html", status=400, message=str(err), title="Bad request")
