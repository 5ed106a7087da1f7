"""The questions the web pages ask the store, beyond `dossier.store.queries`.

Each function returns plain rows ready for a template or JSON: the overview's lists, an
actor's profile, the statement explorer, and the data behind the graph, map and timeline,
all filtered the same way (`ViewFilter`: period, event type, actor, country).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select

from dossier.store import queries
from dossier.store import schema as t
from dossier.store.core import Store

MAX_GRAPH_EDGES = 10_000
MAX_PLACES = 3_000


@dataclass(frozen=True)
class ViewFilter:
    """What the graph, map and timeline are narrowed to (all optional)."""

    since: str | None = None
    until: str | None = None
    type: str | None = None
    actor: str | None = None
    country: str | None = None

    def checked(self) -> ViewFilter:
        since = queries._day(self.since, "since")
        until = queries._day(self.until, "until")
        return ViewFilter(
            since=since,
            until=until,
            type=self.type.upper() if self.type else None,
            actor=self.actor or None,
            country=self.country.upper() if self.country else None,
        )


def _rows(store: Store, query: Select[Any]) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _event_conditions(f: ViewFilter) -> list[ColumnElement[bool]]:
    """Conditions on `events` for a filter (asserted events only)."""
    e, ea, a = t.events.c, t.event_actors.c, t.actors.c
    conds: list[ColumnElement[bool]] = [
        e.negated == literal(False),
        e.hypothetical == literal(False),
    ]
    if f.since:
        conds.append(e.date >= f.since)
    if f.until:
        conds.append(e.date <= f.until)
    if f.type:
        conds.append(e.type == f.type)
    if f.actor:
        conds.append(
            e.id.in_(
                select(ea.event_id).where(
                    ea.actor_id.in_(select(a.id).where(queries.actor_filter(f.actor)))
                )
            )
        )
    if f.country:
        conds.append(
            e.id.in_(
                select(ea.event_id)
                .join(t.actors, a.id == ea.actor_id)
                .where(a.country == f.country)
            )
        )
    return conds


# ----------------------------------------------------------------------------- overview
def event_types(store: Store) -> list[str]:
    e = t.events.c
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(e.type).distinct().order_by(e.type)) if r[0]]


def countries(store: Store) -> list[str]:
    a = t.actors.c
    with store.engine.connect() as conn:
        query = select(a.country).where(a.country.is_not(None)).distinct().order_by(a.country)
        return [r[0] for r in conn.execute(query) if r[0]]


def document_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())


# ----------------------------------------------------------------------------- reader
def document_links(store: Store, document_id: int) -> dict[str, dict[str, int]]:
    """Record ids of one document → store ids: entities → actors, events → events, places."""
    am, em, pm = t.actor_mentions.c, t.event_mentions.c, t.place_mentions.c
    with store.engine.connect() as conn:
        entities = {
            str(r[0]): int(r[1])
            for r in conn.execute(
                select(am.entity_id, am.actor_id).where(am.document_id == document_id).distinct()
            )
            if r[0]
        }
        events = {
            str(r[0]): int(r[1])
            for r in conn.execute(
                select(em.event_ref, em.event_id).where(em.document_id == document_id)
            )
            if r[0]
        }
        places = {
            str(r[0]): int(r[1])
            for r in conn.execute(
                select(pm.place_ref, pm.place_id).where(pm.document_id == document_id).distinct()
            )
            if r[0]
        }
    return {"entities": entities, "events": events, "places": places}


# ----------------------------------------------------------------------------- actor
def actor_profile(store: Store, actor_id: int, *, limit: int = 100) -> dict[str, Any] | None:
    """An actor with aliases, dated roles, statements by and about it, events and ties."""
    row = queries.actor(store, actor_id, mentions=limit)
    if row is None:
        return None
    m, d, s, ac = t.actor_mentions.c, t.documents.c, t.statements.c, t.actors.c
    aliases: dict[str, int] = defaultdict(int)
    for mention in row["mentions"]:
        if mention["kind"] in (None, "name", "NAME", "alias", "proper"):
            aliases[" ".join(str(mention["text"] or "").split())] += 1
    row["aliases"] = sorted(
        ((name, n) for name, n in aliases.items() if name), key=lambda x: (-x[1], x[0])
    )[:20]
    # dated roles: the role the records give the actor's entity, by document date
    docs = _rows(
        store,
        select(m.document_id, m.entity_id, d.published, d.record)
        .join(t.documents, d.id == m.document_id)
        .where(m.actor_id == actor_id)
        .distinct()
        .order_by(d.published.desc(), m.document_id)
        .limit(50),
    )
    roles: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        try:
            record = json.loads(doc["record"] or "{}")
        except ValueError:
            continue
        for ent in record.get("entities") or []:
            if isinstance(ent, dict) and ent.get("id") == doc["entity_id"] and ent.get("role"):
                roles[str(ent["role"])].append(doc["published"] or "")
    row["roles"] = [
        {"role": role, "first": min(days), "last": max(days), "n": len(days)}
        for role, days in sorted(roles.items())
    ]
    statement_cols = (
        s.id,
        s.published,
        s.kind,
        s.cue,
        s.content,
        s.document_id,
        s.speaker_actor_id,
        func.coalesce(ac.name, s.speaker_name).label("speaker"),
        d.title,
    )
    row["statements_by"] = _rows(
        store,
        select(*statement_cols)
        .join(t.documents, d.id == s.document_id)
        .outerjoin(t.actors, ac.id == s.speaker_actor_id)
        .where(s.speaker_actor_id == actor_id)
        .order_by(s.published.desc(), s.id)
        .limit(limit),
    )
    name_like = f"%{queries._escape_like(str(row['name']).lower())}%"
    row["statements_about"] = _rows(
        store,
        select(*statement_cols)
        .join(t.documents, d.id == s.document_id)
        .outerjoin(t.actors, ac.id == s.speaker_actor_id)
        .where(
            func.lower(s.content).like(name_like, escape="\\"),
            or_(s.speaker_actor_id.is_(None), s.speaker_actor_id != actor_id),
        )
        .order_by(s.published.desc(), s.id)
        .limit(limit),
    )
    e, ea, p = t.events.c, t.event_actors.c, t.places.c
    row["events"] = _rows(
        store,
        select(
            e.id,
            e.date,
            e.type,
            e.cameo,
            e.quad_class,
            ea.role,
            e.source_names.label("source"),
            e.target_names.label("target"),
            p.name.label("place"),
            e.n_mentions,
        )
        .join(t.event_actors, ea.event_id == e.id)
        .outerjoin(t.places, p.id == e.place_id)
        .where(ea.actor_id == actor_id)
        .order_by(e.date.desc(), e.id.desc())
        .limit(limit),
    )
    by_period: dict[str, dict[str, int]] = defaultdict(lambda: {"source": 0, "target": 0})
    for ev in row["events"]:
        by_period[(ev["date"] or "undated")[:7]][ev["role"]] += 1
    row["events_by_month"] = [{"period": k, **v} for k, v in sorted(by_period.items())]
    row["ties"] = ties(store, actor_id, limit=limit)
    return row


def ties(store: Store, actor_id: int, *, limit: int = 200) -> list[dict[str, Any]]:
    """The actor's relations (both directions) with the documents that evidence them."""
    r = t.relations.c
    a_src, a_tgt = t.actors.alias("a_src"), t.actors.alias("a_tgt")
    rows = _rows(
        store,
        select(
            r.id,
            r.type,
            r.weight,
            r.n_events,
            r.n_evidence,
            r.cooperation,
            r.conflict,
            r.first_date,
            r.last_date,
            r.source_actor_id,
            r.target_actor_id,
            a_src.c.name.label("source"),
            a_tgt.c.name.label("target"),
        )
        .join(a_src, a_src.c.id == r.source_actor_id)
        .join(a_tgt, a_tgt.c.id == r.target_actor_id)
        .where(or_(r.source_actor_id == actor_id, r.target_actor_id == actor_id))
        .order_by(r.weight.desc(), r.id)
        .limit(limit),
    )
    if not rows:
        return rows
    ev, d = t.relation_evidence.c, t.documents.c
    evidence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ids = [row["id"] for row in rows]
    for item in _rows(
        store,
        select(ev.relation_id, ev.document_id, ev.event_id, ev.rule, d.title, d.published)
        .join(t.documents, d.id == ev.document_id)
        .where(ev.relation_id.in_(ids))
        .order_by(ev.id)
        .limit(limit * 5),
    ):
        if len(evidence[item["relation_id"]]) < 5:
            evidence[item["relation_id"]].append(item)
    for row in rows:
        row["evidence"] = evidence.get(row["id"], [])
    return rows


# ----------------------------------------------------------------------------- statements
def statement_rows(
    store: Store,
    *,
    speaker: str | None = None,
    kind: str | None = None,
    cue_class: str | None = None,
    text: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Statements as `queries.statements` gives them, with their reporting chain."""
    rows = queries.statements(
        store,
        speaker=speaker,
        text=text,
        kind=kind,
        cue_class=cue_class,
        limit=limit,
        offset=offset,
    )
    if not rows:
        return rows
    s = t.statements.c
    ids = [r["id"] for r in rows]
    extra = {
        r["id"]: r
        for r in _rows(store, select(s.id, s.statement_id, s.reported_by).where(s.id.in_(ids)))
    }
    doc_ids = sorted({r["document_id"] for r in rows})
    reporters = {
        (r["document_id"], r["statement_id"]): r
        for r in _rows(
            store,
            select(s.document_id, s.statement_id, s.speaker_name, s.reported_by).where(
                s.document_id.in_(doc_ids), s.statement_id.is_not(None)
            ),
        )
    }
    for row in rows:
        chain: list[str] = []
        ref = extra.get(row["id"], {}).get("reported_by")
        seen: set[str] = set()
        while ref and ref not in seen and len(chain) < 6:
            seen.add(ref)
            up = reporters.get((row["document_id"], ref))
            if up is None:
                break
            chain.append(str(up["speaker_name"] or "unattributed"))
            ref = up["reported_by"]
        row["chain"] = chain
    return rows


def statement_kinds(store: Store) -> list[str]:
    s = t.statements.c
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(s.kind).distinct().order_by(s.kind)) if r[0]]


# ----------------------------------------------------------------------------- graph
def graph(
    store: Store, f: ViewFilter, *, min_weight: float = 1.0, limit: int = 2000
) -> dict[str, Any]:
    """Actor network: event interactions (filtered) and, without a type filter, typed ties.

    An edge per ordered actor pair and kind (``interaction`` or a tie type), weighted by its
    events (or evidence); `balance` is (cooperation - conflict) / (cooperation + conflict).
    """
    f = f.checked()
    e, a = t.events.c, t.actors.c
    src_t, tgt_t = t.event_actors.alias("src"), t.event_actors.alias("tgt")
    src, tgt = src_t.c, tgt_t.c
    coop = func.sum(case((e.quad_class.in_([1, 2]), 1), else_=0))
    conflict = func.sum(case((e.quad_class.in_([3, 4]), 1), else_=0))
    q = (
        select(
            src.actor_id.label("source_id"),
            tgt.actor_id.label("target_id"),
            # one row per event and pair: (event, actor, role) is the key of event_actors
            func.count().label("n_events"),
            coop.label("cooperation"),
            conflict.label("conflict"),
        )
        .select_from(t.events)
        .join(src_t, and_(src.event_id == e.id, src.role == "source"))
        .join(tgt_t, and_(tgt.event_id == e.id, tgt.role == "target"))
        .where(
            *_event_conditions(ViewFilter(f.since, f.until, f.type)), src.actor_id != tgt.actor_id
        )
        .group_by(src.actor_id, tgt.actor_id)
    )
    edges: list[dict[str, Any]] = []
    for row in _rows(store, q):
        edges.append(
            {
                **row,
                "kind": "interaction",
                "weight": float(row["n_events"]),
                "cooperation": int(row["cooperation"] or 0),
                "conflict": int(row["conflict"] or 0),
            }
        )
    if not f.type:
        r = t.relations.c
        tq = select(
            r.source_actor_id.label("source_id"),
            r.target_actor_id.label("target_id"),
            r.type.label("kind"),
            r.n_evidence,
        ).where(r.type != "interaction", r.n_evidence > 0)
        if f.since:
            tq = tq.where(or_(r.last_date.is_(None), r.last_date >= f.since))
        if f.until:
            tq = tq.where(or_(r.first_date.is_(None), r.first_date <= f.until))
        for row in _rows(store, tq):
            edges.append(
                {
                    "source_id": row["source_id"],
                    "target_id": row["target_id"],
                    "kind": row["kind"],
                    "n_events": 0,
                    "cooperation": 0,
                    "conflict": 0,
                    "weight": float(row["n_evidence"]),
                }
            )
    edges = [x for x in edges if x["weight"] >= min_weight]
    ids = sorted({x["source_id"] for x in edges} | {x["target_id"] for x in edges})
    nodes: dict[int, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            for node in conn.execute(
                select(a.id, a.name, a.type, a.country, a.sector, a.actor_code, a.n_mentions).where(
                    a.id.in_(ids[i : i + 500])
                )
            ):
                nodes[node.id] = dict(node._mapping)
    if f.country:
        edges = [
            x
            for x in edges
            if f.country in (nodes[x["source_id"]]["country"], nodes[x["target_id"]]["country"])
        ]
    if f.actor:
        keep = {r["id"] for r in _rows(store, select(a.id).where(queries.actor_filter(f.actor)))}
        edges = [x for x in edges if x["source_id"] in keep or x["target_id"] in keep]
    edges.sort(key=lambda x: (-x["weight"], x["source_id"], x["target_id"], x["kind"]))
    edges = edges[: max(1, min(limit, MAX_GRAPH_EDGES))]
    for x in edges:
        c, k = x["cooperation"], x["conflict"]
        x["balance"] = round((c - k) / (c + k), 4) if c + k else 0.0
        x["source"] = nodes[x["source_id"]]["name"]
        x["target"] = nodes[x["target_id"]]["name"]
        x["id"] = f"{x['source_id']}-{x['target_id']}-{x['kind']}"
    used = {x["source_id"] for x in edges} | {x["target_id"] for x in edges}
    return {"nodes": [nodes[i] for i in sorted(used)], "edges": edges}


# ----------------------------------------------------------------------------- map
def map_places(store: Store, f: ViewFilter, *, limit: int = MAX_PLACES) -> list[dict[str, Any]]:
    """Places with coordinates and their matching events; filtered places need an event.

    Without a filter every located place shows (sized by mentions); with one, the places of
    the matching events (and, for a country filter, the places in that country).
    """
    f = f.checked()
    e, p = t.events.c, t.places.c
    n_events = (
        select(e.place_id, func.count().label("n_events"))
        .where(*_event_conditions(f), e.place_id.is_not(None))
        .group_by(e.place_id)
        .subquery()
    )
    q = (
        select(
            p.id,
            p.name,
            p.country,
            p.kind,
            p.lat,
            p.lon,
            p.n_mentions,
            func.coalesce(n_events.c.n_events, 0).label("n_events"),
        )
        .outerjoin(n_events, n_events.c.place_id == p.id)
        .where(p.lat.is_not(None), p.lon.is_not(None))
        .order_by(func.coalesce(n_events.c.n_events, 0).desc(), p.n_mentions.desc(), p.id)
    )
    filtered = any((f.since, f.until, f.type, f.actor, f.country))
    if filtered:
        with_events = n_events.c.n_events > 0
        if f.country and not (f.since or f.until or f.type or f.actor):
            q = q.where(or_(with_events, p.country == f.country))
        else:
            q = q.where(with_events)
    return _rows(store, q.limit(limit))


# ----------------------------------------------------------------------------- timeline
def timeline(store: Store, f: ViewFilter, *, limit: int = 200) -> dict[str, Any]:
    """Events per month and type (for the chart) and the latest matching events (the list)."""
    f = f.checked()
    e, p = t.events.c, t.places.c
    month = func.substr(e.date, 1, 7)
    counts = _rows(
        store,
        select(month.label("period"), e.type, func.count().label("n"))
        .where(*_event_conditions(f), e.date.is_not(None))
        .group_by(month, e.type)
        .order_by(month, e.type),
    )
    events = _rows(
        store,
        select(
            e.id,
            e.date,
            e.type,
            e.cameo,
            e.quad_class,
            e.source_names.label("source"),
            e.target_names.label("target"),
            p.name.label("place"),
            e.n_mentions,
        )
        .outerjoin(t.places, p.id == e.place_id)
        .where(*_event_conditions(f))
        .order_by(e.date.desc(), e.id.desc())
        .limit(limit),
    )
    return {"counts": counts, "events": events}
