"""JSON for the graph, map and timeline pages: /api/views/graph, /api/views/map, /api/views/timeline.

All three take the same filters (period, PLOVER type, actor, country), so a period chosen on
the timeline narrows the graph and the map alike.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from dossier.api.params import Country, Day, EventType, Name, Weight
from dossier.store.core import Store
from dossier.web import views


def view_filter(
    since: Day = None,
    until: Day = None,
    type: EventType = None,
    actor: Name = None,
    country: Country = None,
) -> views.ViewFilter:
    return views.ViewFilter(since=since, until=until, type=type, actor=actor, country=country)


Filter = Annotated[views.ViewFilter, Depends(view_filter)]


def router(db: Store) -> APIRouter:
    r = APIRouter(tags=["views"])

    @r.get("/graph")
    def graph(
        f: Filter,
        min_weight: Weight = 1.0,
        limit: Annotated[int, Query(ge=1, le=views.MAX_GRAPH_EDGES)] = 2000,
    ) -> dict[str, Any]:
        """The actor network under the filters: nodes and weighted, typed edges."""
        return views.graph(db, f, min_weight=min_weight, limit=limit)

    @r.get("/map")
    def places(
        f: Filter, limit: Annotated[int, Query(ge=1, le=views.MAX_PLACES)] = views.MAX_PLACES
    ) -> list[dict[str, Any]]:
        """Located places with their number of matching events."""
        return views.map_places(db, f, limit=limit)

    @r.get("/timeline")
    def timeline(f: Filter, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
        """Events per month (`period`, YYYY-MM) and type, and the latest matching events."""
        return views.timeline(db, f, limit=limit)

    return r
