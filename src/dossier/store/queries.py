"""Questions to the store. Every function returns plain rows (dicts) ready for JSON or tables.

Filters that name an actor (`actor`, `speaker`) match an actor's name (case-insensitive,
substring), its ISO3 country, its CAMEO actor code or its knowledge-base id.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select, text

from dossier.store import schema as t
from dossier.store.core import Store
from dossier.store.merge import parse_day

MAX_LIMIT = 10_000


class QueryError(ValueError):
    """A question that cannot be asked as given (bad date, empty search ...)."""


class NoWords(QueryError):
    """A search without a single letter or digit: nothing to look for."""


def _day(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    day = parse_day(value)
    if day is None or len(value) != 10:
        raise QueryError(f"{name} must be a date YYYY-MM-DD, got {value!r}")
    return day.isoformat()


def _limit(limit: int) -> int:
    if limit < 1 or limit > MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


def _rows(store: Store, query: Select[Any]) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def actor_filter(name: str) -> ColumnElement[bool]:
    """Actors matching `name`: name substring (any case), country, actor code or kb id."""
    a = t.actors.c
    like = f"%{_escape_like(name.lower())}%"
    conditions = [func.lower(a.name).like(like, escape="\\"), a.kb_id == name]
    if re.fullmatch(r"[A-Za-z]{3}", name):
        conditions.append(a.country == name.upper())
    if re.fullmatch(r"[A-Za-z]{3,}", name):
        conditions.append(a.actor_code == name.upper())
    return or_(*conditions)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# ----------------------------------------------------------------------------- documents
def documents(
    store: Store, *, status: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    d = t.documents.c
    q = select(
        d.id,
        d.doc_id,
        d.published,
        d.title,
        d.url,
        d.source,
        d.status,
        d.reason,
        d.n_entities,
        d.n_statements,
        d.n_events,
    ).order_by(d.id)
    if status:
        q = q.where(d.status == status)
    return _rows(store, q.limit(_limit(limit)).offset(max(offset, 0)))


def document(store: Store, document_id: int, *, include_text: bool = True) -> dict[str, Any] | None:
    d = t.documents.c
    rows = _rows(store, select(t.documents).where(d.id == document_id))
    if not rows:
        return None
    row = rows[0]
    row["warnings"] = json.loads(row["warnings"] or "[]")
    row["record"] = json.loads(row["record"] or "null")
    row["ingested_at"] = str(row["ingested_at"])
    if not include_text:
        row.pop("text", None)
    return row


# ----------------------------------------------------------------------------- actors
def actors(
    store: Store,
    *,
    name: str | None = None,
    country: str | None = None,
    type: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    a = t.actors.c
    q = select(
        a.id,
        a.name,
        a.type,
        a.country,
        a.sector,
        a.actor_code,
        a.kb_id,
        a.n_mentions,
        a.n_documents,
    ).order_by(a.n_mentions.desc(), a.id)
    if name:
        q = q.where(actor_filter(name))
    if country:
        q = q.where(a.country == country.upper())
    if type:
        q = q.where(a.type == type.upper())
    return _rows(store, q.limit(_limit(limit)).offset(max(offset, 0)))


def actor(store: Store, actor_id: int, *, mentions: int = 50) -> dict[str, Any] | None:
    rows = _rows(store, select(t.actors).where(t.actors.c.id == actor_id))
    if not rows:
        return None
    row = rows[0]
    m, d = t.actor_mentions.c, t.documents.c
    row["mentions"] = _rows(
        store,
        select(m.document_id, d.doc_id, m.entity_id, m.text, m.start_char, m.end_char, m.kind)
        .join(t.documents, d.id == m.document_id)
        .where(m.actor_id == actor_id)
        .order_by(m.id)
        .limit(_limit(mentions)),
    )
    return row


# ----------------------------------------------------------------------------- statements
def statements(
    store: Store,
    *,
    speaker: str | None = None,
    text: str | None = None,
    since: str | None = None,
    until: str | None = None,
    document_id: int | None = None,
    cue_class: str | None = None,
    kind: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Statements, newest first; `cue_class` keeps one class of claim (speech, thought,
    intention, evidence), `kind` one form (direct, indirect, mixed)."""
    s, d, a = t.statements.c, t.documents.c, t.actors.c
    q = (
        select(
            s.id,
            s.published,
            func.coalesce(a.name, s.speaker_name).label("speaker"),
            s.speaker_actor_id,
            s.speaker_text,
            s.kind,
            s.cue_class,
            s.cue,
            s.content,
            s.document_id,
            d.title,
            d.url,
            d.source,
        )
        .join(t.documents, d.id == s.document_id)
        .outerjoin(t.actors, a.id == s.speaker_actor_id)
        .order_by(s.published.desc(), s.id)
    )
    if speaker:
        like = f"%{_escape_like(speaker.lower())}%"
        matching = select(t.actors.c.id).where(actor_filter(speaker))
        q = q.where(
            or_(
                s.speaker_actor_id.in_(matching),
                func.lower(s.speaker_name).like(like, escape="\\"),
                func.lower(s.speaker_text).like(like, escape="\\"),
            )
        )
    if text:
        q = q.where(func.lower(s.content).like(f"%{_escape_like(text.lower())}%", escape="\\"))
    if since := _day(since, "since"):
        q = q.where(s.published >= since)
    if until := _day(until, "until"):
        q = q.where(s.published <= until)
    if document_id is not None:
        q = q.where(s.document_id == document_id)
    if cue_class:
        q = q.where(s.cue_class == cue_class)
    if kind:
        q = q.where(s.kind == kind)
    return _rows(store, q.limit(_limit(limit)).offset(max(offset, 0)))


# ----------------------------------------------------------------------------- events
def events(
    store: Store,
    *,
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    include_negated: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    e, p = t.events.c, t.places.c
    q = (
        select(
            e.id,
            e.date,
            e.type,
            e.mode,
            e.cameo,
            e.quad_class,
            e.source_names.label("source"),
            e.target_names.label("target"),
            p.name.label("place"),
            e.n_mentions,
            e.n_documents,
            e.n_sources,
            e.negated,
            e.hypothetical,
        )
        .outerjoin(t.places, p.id == e.place_id)
        .order_by(e.date.desc(), e.id.desc())
    )
    ea = t.event_actors.c
    for value, role in ((actor, None), (source, "source"), (target, "target")):
        if value:
            sub = select(ea.event_id).where(
                ea.actor_id.in_(select(t.actors.c.id).where(actor_filter(value)))
            )
            if role:
                sub = sub.where(ea.role == role)
            q = q.where(e.id.in_(sub))
    if type:
        q = q.where(e.type == type.upper())
    if since := _day(since, "since"):
        q = q.where(e.date >= since)
    if until := _day(until, "until"):
        q = q.where(e.date <= until)
    if place:
        q = q.where(
            or_(
                func.lower(p.name) == place.lower(),
                p.country == place.upper(),
            )
        )
    if not include_negated:
        q = q.where(and_(e.negated == literal(False), e.hypothetical == literal(False)))
    return _rows(store, q.limit(_limit(limit)).offset(max(offset, 0)))


def event(store: Store, event_id: int) -> dict[str, Any] | None:
    rows = _rows(store, select(t.events).where(t.events.c.id == event_id))
    if not rows:
        return None
    row = rows[0]
    m, d = t.event_mentions.c, t.documents.c
    row["mentions"] = _rows(
        store,
        select(
            m.id,
            m.document_id,
            d.doc_id,
            d.title,
            d.published,
            m.source,
            m.url,
            m.event_ref,
            m.trigger,
            m.trigger_start,
            m.trigger_end,
            m.sentence,
            m.date,
            m.confidence,
            m.rule,
            m.merge_rule,
        )
        .join(t.documents, d.id == m.document_id)
        .where(m.event_id == event_id)
        .order_by(m.id),
    )
    ea, a = t.event_actors.c, t.actors.c
    row["actors"] = _rows(
        store,
        select(ea.role, a.id, a.name, a.country, a.actor_code)
        .join(t.actors, a.id == ea.actor_id)
        .where(ea.event_id == event_id)
        .order_by(ea.role, a.name),
    )
    return row


# ----------------------------------------------------------------------------- places
def places(
    store: Store,
    *,
    name: str | None = None,
    country: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    p = t.places.c
    q = select(
        p.id, p.name, p.geonameid, p.country, p.kind, p.lat, p.lon, p.n_mentions, p.n_documents
    ).order_by(p.n_mentions.desc(), p.id)
    if name:
        q = q.where(func.lower(p.name).like(f"%{_escape_like(name.lower())}%", escape="\\"))
    if country:
        q = q.where(p.country == country.upper())
    return _rows(store, q.limit(_limit(limit)).offset(max(offset, 0)))


# ----------------------------------------------------------------------------- graph
def graph(
    store: Store,
    *,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_weight: float = 1.0,
    limit: int = 1000,
) -> dict[str, Any]:
    """The actor graph: edges (one per ordered pair, all tie types summed) and their nodes.

    Without dates, edges come from ``relations`` (events and typed evidence). With
    `since`/`until`, from the monthly interaction counts in ``relation_periods`` (months
    overlapping the range). `balance` is (cooperation - conflict) / (cooperation + conflict).
    """
    since, until = _day(since, "since"), _day(until, "until")
    with store.engine.connect() as conn:
        if since or until:
            pr = t.relation_periods.c
            q = select(
                pr.source_actor_id,
                pr.target_actor_id,
                func.sum(pr.n_events).label("weight"),
                func.sum(pr.n_events).label("n_events"),
                literal(0).label("n_evidence"),
                func.sum(pr.cooperation).label("cooperation"),
                func.sum(pr.conflict).label("conflict"),
                literal("interaction").label("types"),
            ).group_by(pr.source_actor_id, pr.target_actor_id)
            if since:
                q = q.where(pr.period >= since[:7])
            if until:
                q = q.where(pr.period <= until[:7])
            rows = [dict(r._mapping) for r in conn.execute(q)]
        else:
            r = t.relations.c
            q2 = select(
                r.source_actor_id,
                r.target_actor_id,
                r.type,
                r.weight,
                r.n_events,
                r.n_evidence,
                r.cooperation,
                r.conflict,
            )
            merged: dict[tuple[int, int], dict[str, Any]] = {}
            for row in conn.execute(q2):
                key = (row.source_actor_id, row.target_actor_id)
                edge = merged.setdefault(
                    key,
                    {
                        "source_actor_id": key[0],
                        "target_actor_id": key[1],
                        "weight": 0.0,
                        "n_events": 0,
                        "n_evidence": 0,
                        "cooperation": 0,
                        "conflict": 0,
                        "types": [],
                    },
                )
                for field in ("weight", "n_events", "n_evidence", "cooperation", "conflict"):
                    edge[field] += getattr(row, field)
                edge["types"].append(row.type)
            rows = list(merged.values())
            for edge in rows:
                edge["types"] = ",".join(sorted(edge["types"]))
        rows = [e for e in rows if float(e["weight"] or 0) >= min_weight]
        ids = {e["source_actor_id"] for e in rows} | {e["target_actor_id"] for e in rows}
        a = t.actors.c
        nodes: dict[int, dict[str, Any]] = {}
        id_list = sorted(ids)
        for i in range(0, len(id_list), 500):
            for node in conn.execute(
                select(a.id, a.name, a.type, a.country, a.sector, a.actor_code, a.n_mentions).where(
                    a.id.in_(id_list[i : i + 500])
                )
            ):
                nodes[node.id] = dict(node._mapping)
        if actor:
            keep = {
                int(r[0]) for r in conn.execute(select(t.actors.c.id).where(actor_filter(actor)))
            }
            rows = [e for e in rows if e["source_actor_id"] in keep or e["target_actor_id"] in keep]
    edges = []
    for e in sorted(
        rows, key=lambda e: (-float(e["weight"]), e["source_actor_id"], e["target_actor_id"])
    )[: _limit(limit)]:
        coop, conflict = int(e["cooperation"] or 0), int(e["conflict"] or 0)
        edges.append(
            {
                "source_id": e["source_actor_id"],
                "source": nodes[e["source_actor_id"]]["name"],
                "target_id": e["target_actor_id"],
                "target": nodes[e["target_actor_id"]]["name"],
                "weight": float(e["weight"]),
                "n_events": int(e["n_events"] or 0),
                "n_evidence": int(e["n_evidence"] or 0),
                "cooperation": coop,
                "conflict": conflict,
                "balance": round((coop - conflict) / (coop + conflict), 4)
                if coop + conflict
                else 0.0,
                "types": e["types"],
            }
        )
    used = {e["source_id"] for e in edges} | {e["target_id"] for e in edges}
    return {"nodes": [nodes[i] for i in sorted(used)], "edges": edges}


def balance(store: Store, actor_a: str, actor_b: str) -> list[dict[str, Any]]:
    """Cooperation and conflict between two actors (both directions), month by month."""
    pr, a = t.relation_periods.c, t.actors.c
    ids_a = select(a.id).where(actor_filter(actor_a))
    ids_b = select(a.id).where(actor_filter(actor_b))
    q = (
        select(
            pr.period,
            func.sum(pr.n_events).label("n_events"),
            func.sum(pr.cooperation).label("cooperation"),
            func.sum(pr.conflict).label("conflict"),
        )
        .where(
            or_(
                and_(pr.source_actor_id.in_(ids_a), pr.target_actor_id.in_(ids_b)),
                and_(pr.source_actor_id.in_(ids_b), pr.target_actor_id.in_(ids_a)),
            )
        )
        .group_by(pr.period)
        .order_by(pr.period)
    )
    out = []
    for row in _rows(store, q):
        coop, conflict = int(row["cooperation"] or 0), int(row["conflict"] or 0)
        row["balance"] = round((coop - conflict) / (coop + conflict), 4) if coop + conflict else 0.0
        out.append(row)
    return out


# ----------------------------------------------------------------------------- search
_TOKEN = re.compile(r'"[^"]*"|[\w][\w\'’-]*', re.UNICODE)


def fts5_query(query: str) -> str:
    """A user's words as a safe FTS5 query: every word (or "quoted phrase") must occur."""
    parts = []
    for token in _TOKEN.findall(query):
        words = re.findall(r"\w+", token, re.UNICODE)
        if not words:
            continue
        if token.startswith('"'):
            parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{w}"' for w in words)
    if not parts:
        raise NoWords("the search has no words")
    return " AND ".join(parts)


def search(
    store: Store,
    query: str,
    *,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Sentences and quotes matching all words of `query` (stemmed), best first.

    Words are ANDed; "double quotes" make a phrase. Returns the passage, its document and,
    for quotes, the speaker.
    """
    if kind not in (None, "sentence", "quote"):
        raise QueryError(f"kind must be sentence or quote, got {kind!r}")
    since, until = _day(since, "since"), _day(until, "until")
    limit = _limit(limit)
    filters = []
    params: dict[str, Any] = {"limit": limit, "offset": max(offset, 0)}
    if kind:
        filters.append("p.kind = :kind")
        params["kind"] = kind
    if since:
        filters.append("d.published >= :since")
        params["since"] = since
    if until:
        filters.append("d.published <= :until")
        params["until"] = until
    extra = "".join(f" AND {f}" for f in filters)
    columns = (
        "p.id, p.kind, p.text, p.start_char, p.end_char, p.document_id, d.doc_id, d.title, "
        "d.url, d.published, d.source, COALESCE(a.name, s.speaker_name) AS speaker"
    )
    joins = (
        "JOIN documents d ON d.id = p.document_id "
        "LEFT JOIN statements s ON s.id = p.statement_id "
        "LEFT JOIN actors a ON a.id = s.speaker_actor_id"
    )
    if store.dialect == "sqlite":
        params["q"] = fts5_query(query)
        if filters:
            sql = (
                f"SELECT {columns}, passages_fts.rank AS score FROM passages_fts "
                f"JOIN passages p ON p.id = passages_fts.rowid {joins} "
                f"WHERE passages_fts MATCH :q{extra} ORDER BY score, p.id "
                "LIMIT :limit OFFSET :offset"
            )
        else:  # rank inside FTS5 first, then join only the page of hits
            sql = (
                f"SELECT {columns}, f.score AS score FROM (SELECT rowid AS pid, rank AS score "
                "FROM passages_fts WHERE passages_fts MATCH :q ORDER BY rank "
                "LIMIT :limit OFFSET :offset) f "
                f"JOIN passages p ON p.id = f.pid {joins} ORDER BY f.score, p.id"
            )
    else:
        if not re.search(r"\w", query):
            raise NoWords("the search has no words")
        params["q"] = query
        tsquery = "websearch_to_tsquery('english', :q)"
        if since or until:
            sql = (
                f"SELECT {columns}, ts_rank(p.tsv, {tsquery}) AS score "
                f"FROM passages p {joins} WHERE p.tsv @@ {tsquery}{extra} "
                "ORDER BY score DESC, p.id LIMIT :limit OFFSET :offset"
            )
        else:  # rank inside the passages table first, then join only the page of hits
            kind_filter = " AND kind = :kind" if kind else ""
            sql = (
                f"SELECT {columns}, f.score AS score FROM (SELECT id, "
                f"ts_rank(tsv, {tsquery}) AS score FROM passages "
                f"WHERE tsv @@ {tsquery}{kind_filter} ORDER BY score DESC, id "
                "LIMIT :limit OFFSET :offset) f "
                f"JOIN passages p ON p.id = f.id {joins} ORDER BY f.score DESC, p.id"
            )
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(text(sql), params)]
    for row in rows:
        row["score"] = round(float(row["score"]), 6)
    return rows


def summary(store: Store) -> dict[str, Any]:
    counts = store.counts()
    by_status: dict[str, int] = defaultdict(int)
    with store.engine.connect() as conn:
        for status, n in conn.execute(
            select(t.documents.c.status, func.count()).group_by(t.documents.c.status)
        ):
            by_status[status] = int(n)
    return {"tables": counts, "documents_by_status": dict(by_status)}


def version(store: Store) -> tuple[int, int]:
    """What changes whenever the store does: (documents, highest document id). Every write
    adds documents (a retried failure is deleted and added again, with a new id)."""
    d = t.documents.c
    with store.engine.connect() as conn:
        n, top = conn.execute(select(func.count(), func.max(d.id))).one()
    return int(n or 0), int(top or 0)
