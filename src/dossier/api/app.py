"""FastAPI application over the corpus store; OpenAPI docs at /docs and /openapi.json.

Read endpoints are open. Write endpoints (``POST /analyze``, which analyses one document and
stores it) exist only when the server was started with a token, and then need
``Authorization: Bearer <token>``; without a token the server is read-only (403).
Malformed requests get a 4xx with a message, never a 500.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from sqlalchemy.exc import OperationalError

from dossier import __version__
from dossier.api.cache import ResponseCache
from dossier.api.guards import DEFAULT_MAX_BODY, Guard
from dossier.api.params import (
    DATE,
    PLAIN,
    Country,
    Day,
    EventType,
    Limit,
    Name,
    Offset,
    RowId,
    Weight,
    calendar_day,
)
from dossier.ingest.documents import InputDocument, prepare
from dossier.record import CueClass
from dossier.store import queries
from dossier.store.core import DocumentMeta, Store
from dossier.store.ingest import AnalyzerLike, document_hash


class AnalyzeRequest(BaseModel):
    # strict: `"store": 0` or `"text": 5` are refused, not coerced
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(min_length=1, max_length=1_000_000, description="the article text")
    id: str | None = Field(None, max_length=300)
    published: Annotated[str | None, AfterValidator(calendar_day)] = Field(None, pattern=DATE)
    url: str | None = Field(None, max_length=4000)
    title: str | None = Field(None, max_length=4000)
    store: bool = Field(True, description="also add the document to the store")


def _described(text: str) -> dict[str, Any]:
    return {"description": text, "model": ErrorBody}


class ErrorBody(BaseModel):
    detail: Any = Field(description="what was wrong")


COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _described("a parameter the store cannot use, or a control character in the query"),
    413: _described("request body too large"),
    503: _described("the store is unavailable or busy"),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _described("no such row")}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _described("missing or wrong bearer token"),
    403: _described("the server is read-only (started without a token)"),
}


def check_token(token: str | None) -> None:
    """Refuse an empty or blank write token."""
    if token is not None and not token.strip():
        raise ValueError("the write token is empty: give a real token, or none for read-only")


def app_from_env() -> FastAPI:
    """The app for `uvicorn --factory` (used by `dossier serve --workers N`): the store from
    DOSSIER_DB, the token from DOSSIER_API_TOKEN (unset: read-only)."""
    from dossier.store.engine import DEFAULT_URL

    return create_app(
        os.environ.get("DOSSIER_DB", DEFAULT_URL),
        token=os.environ.get("DOSSIER_API_TOKEN"),
        max_body=int(os.environ.get("DOSSIER_API_MAX_BODY", DEFAULT_MAX_BODY)),
        preload=True,
    )


def create_app(
    store: Store | str,
    *,
    token: str | None = None,
    analyzer_factory: Callable[[], AnalyzerLike] | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    preload: bool = False,
) -> FastAPI:
    """The API for `store`; `analyzer_factory` builds the analyser on first use.

    `token` enables the write endpoint; an empty or blank token is refused (ValueError), as
    it would let anyone write with an empty bearer.
    """
    check_token(token)
    db = store if isinstance(store, Store) else Store(store)
    app = FastAPI(
        title="Dossier corpus API",
        version=__version__,
        description="Documents, actors, statements, PLOVER events, places and the actor graph "
        "of a Dossier store. Read-only unless the server was started with a token.",
        responses=COMMON_RESPONSES,
    )
    app.add_middleware(ResponseCache, version=lambda: queries.version(db))
    app.add_middleware(Guard, max_body=max_body)  # added last: runs first
    lock = threading.RLock()
    holder: list[AnalyzerLike] = []

    def analyzer() -> AnalyzerLike:
        with lock:
            if not holder:
                if analyzer_factory is not None:
                    holder.append(analyzer_factory())
                else:
                    from dossier.analyzer import Analyzer

                    holder.append(Analyzer())
            return holder[0]

    if preload and token is not None:
        analyzer()  # load the pipeline now, not during the first request

    def require_write(authorization: Annotated[str | None, Header()] = None) -> None:
        if token is None:
            raise HTTPException(403, "this server is read-only: start it with --token to write")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(
            given.strip().encode(), token.encode()
        ):
            raise HTTPException(
                401,
                "write endpoints need 'Authorization: Bearer <token>'",
                headers={"WWW-Authenticate": "Bearer"},
            )

    @app.exception_handler(queries.QueryError)
    async def _query_error(_request: Request, err: queries.QueryError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(err)})

    @app.exception_handler(OperationalError)
    async def _store_busy(_request: Request, err: OperationalError) -> JSONResponse:
        # a locked, unreachable or full database: the request may succeed later
        return JSONResponse(
            status_code=503,
            content={"detail": "the store is unavailable or busy; try again"},
            headers={"Retry-After": "1"},
        )

    def found(row: Any, what: str, ident: int) -> Any:
        if row is None:
            raise HTTPException(404, f"no {what} {ident}")
        return row

    @app.get("/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "backend": db.dialect, "read_only": token is None}

    @app.get("/stats", tags=["meta"])
    def stats() -> dict[str, Any]:
        return queries.summary(db)

    @app.get("/documents", tags=["documents"])
    def list_documents(
        status: Annotated[str | None, Query(pattern="^(ok|skipped|failed)$")] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return queries.documents(db, status=status, limit=limit, offset=offset)

    @app.get("/documents/{document_id}", responses=NOT_FOUND, tags=["documents"])
    def get_document(document_id: RowId, text: bool = True) -> dict[str, Any]:
        return found(queries.document(db, document_id, include_text=text), "document", document_id)

    @app.get("/actors", tags=["actors"])
    @app.get("/entities", tags=["actors"], summary="Entities (the same as /actors)")
    def list_actors(
        name: Name = None,
        country: Country = None,
        type: Annotated[str | None, Query(max_length=16, pattern=PLAIN)] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return queries.actors(db, name=name, country=country, type=type, limit=limit, offset=offset)

    @app.get("/actors/{actor_id}", responses=NOT_FOUND, tags=["actors"])
    @app.get(
        "/entities/{actor_id}",
        responses=NOT_FOUND,
        tags=["actors"],
        summary="Entity (the same as /actors/ID)",
    )
    def get_actor(actor_id: RowId) -> dict[str, Any]:
        return found(queries.actor(db, actor_id), "actor", actor_id)

    @app.get("/statements", tags=["statements"])
    def list_statements(
        speaker: Name = None,
        text: Annotated[str | None, Query(max_length=1000, pattern=PLAIN)] = None,
        since: Day = None,
        until: Day = None,
        document: Annotated[int | None, Query(ge=1, le=2**62)] = None,
        cue_class: Annotated[
            CueClass | None,
            Query(alias="class", description="speech, thought, intention or evidence"),
        ] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return queries.statements(
            db,
            speaker=speaker,
            text=text,
            since=since,
            until=until,
            document_id=document,
            cue_class=cue_class,
            limit=limit,
            offset=offset,
        )

    @app.get("/events", tags=["events"])
    def list_events(
        actor: Name = None,
        source: Name = None,
        target: Name = None,
        type: EventType = None,
        since: Day = None,
        until: Day = None,
        place: Name = None,
        include_negated: bool = False,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return queries.events(
            db,
            actor=actor,
            source=source,
            target=target,
            type=type,
            since=since,
            until=until,
            place=place,
            include_negated=include_negated,
            limit=limit,
            offset=offset,
        )

    @app.get("/events/{event_id}", responses=NOT_FOUND, tags=["events"])
    def get_event(event_id: RowId) -> dict[str, Any]:
        return found(queries.event(db, event_id), "event", event_id)

    @app.get("/places", tags=["places"])
    def list_places(
        name: Name = None,
        country: Country = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return queries.places(db, name=name, country=country, limit=limit, offset=offset)

    @app.get("/graph", tags=["graph"])
    def get_graph(
        actor: Name = None,
        since: Day = None,
        until: Day = None,
        min_weight: Weight = 1.0,
        limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
    ) -> dict[str, Any]:
        return queries.graph(
            db, actor=actor, since=since, until=until, min_weight=min_weight, limit=limit
        )

    @app.get("/graph/balance", tags=["graph"])
    def get_balance(
        a: Annotated[str, Query(min_length=1, max_length=300, pattern=PLAIN)],
        b: Annotated[str, Query(min_length=1, max_length=300, pattern=PLAIN)],
    ) -> list[dict[str, Any]]:
        return queries.balance(db, a, b)

    @app.get("/search", tags=["search"])
    def search(
        q: Annotated[
            str,
            Query(
                min_length=1,
                max_length=1000,
                pattern=PLAIN,
                description='words or "a phrase"; a search without any letter or digit finds '
                "nothing",
            ),
        ],
        kind: Annotated[str | None, Query(pattern="^(sentence|quote)$")] = None,
        since: Day = None,
        until: Day = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        # Which characters are letters is left out of the OpenAPI on purpose: `\w` means
        # ASCII in the JSON Schema's regular expressions and every script here, so a client
        # could not tell from the schema which searches would be refused.
        try:
            return queries.search(
                db, q, kind=kind, since=since, until=until, limit=limit, offset=offset
            )
        except queries.NoWords:
            return []

    @app.post(
        "/analyze", tags=["write"], dependencies=[Depends(require_write)], responses=WRITE_RESPONSES
    )
    def analyze(request: AnalyzeRequest) -> dict[str, Any]:
        """Analyse one document; with `store` (the default) add it to the store too."""
        doc = prepare(
            InputDocument(
                text=request.text,
                id=request.id or "",
                published=request.published,
                url=request.url,
                title=request.title,
                origin="api",
            )
        )
        engine = analyzer()
        with lock:  # one analysis and one write at a time (the store is a single writer)
            record = next(iter(engine.analyze_documents([doc])))
            result: dict[str, Any] = {"record": record.to_dict(), "document_id": None}
            if request.store:
                meta = DocumentMeta(content_hash=document_hash(doc), origin="api")
                result["document_id"] = db.add_records([(record, meta)])[0]
        return result

    return app
