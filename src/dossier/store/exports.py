"""Exports: PLOVER JSON Lines, a GDELT-style events CSV, Parquet tables, the actor graph.

Column meanings are documented in docs/corpus.md. Every export reads only the store.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from dossier.record import Record
from dossier.store import schema as t
from dossier.store.core import Store
from dossier.store.queries import graph

GDELT_COLUMNS = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
    "PloverType",
    "PloverMode",
    "Negated",
    "Hypothetical",
]
_GEO_TYPE = {"country": 1, "admin": 2, "city": 3, "region": 2, "other": 4}


def iter_events(store: Store) -> Iterator[dict[str, Any]]:
    """Every merged event with its actors, place and mentions, oldest first."""
    e, p = t.events.c, t.places.c
    with store.engine.connect() as conn:
        actor_rows = conn.execute(
            select(
                t.event_actors.c.event_id,
                t.event_actors.c.role,
                t.actors.c.name,
                t.actors.c.country,
                t.actors.c.actor_code,
                t.actors.c.kb_id,
            )
            .join(t.actors, t.actors.c.id == t.event_actors.c.actor_id)
            .order_by(t.event_actors.c.event_id, t.actors.c.name)
        )
        by_event: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(
            lambda: {"source": [], "target": []}
        )
        for arow in actor_rows:
            by_event[arow.event_id][arow.role].append(
                {
                    "name": arow.name,
                    "country": arow.country,
                    "code": arow.actor_code,
                    "kb_id": arow.kb_id,
                }
            )
        m, d = t.event_mentions.c, t.documents.c
        mentions: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in conn.execute(
            select(
                m.event_id,
                d.doc_id,
                m.url,
                m.source,
                d.published,
                m.trigger,
                m.sentence,
                m.trigger_start,
                m.trigger_end,
                m.merge_rule,
            )
            .join(t.documents, d.id == m.document_id)
            .order_by(m.event_id, m.id)
        ):
            mentions[row.event_id].append(
                {
                    "doc_id": row.doc_id,
                    "url": row.url,
                    "source": row.source,
                    "published": row.published,
                    "trigger": row.trigger,
                    "trigger_start": row.trigger_start,
                    "trigger_end": row.trigger_end,
                    "sentence": row.sentence,
                    "merge_rule": row.merge_rule,
                }
            )
        query = (
            select(
                t.events,
                p.name.label("place_name"),
                p.country.label("place_country"),
                p.kind.label("place_kind"),
                p.lat,
                p.lon,
                p.geonameid,
            )
            .outerjoin(t.places, p.id == e.place_id)
            .order_by(e.date, e.id)
        )
        for row in conn.execute(query):
            data = dict(row._mapping)
            data["actors"] = by_event[data["id"]]
            data["mentions"] = mentions[data["id"]]
            yield data


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """One event in PLOVER's JSON shape (with Dossier's provenance fields)."""
    sources, targets = event["actors"]["source"], event["actors"]["target"]
    place = None
    if event["place_name"] is not None:
        place = {
            "name": event["place_name"],
            "country": event["place_country"],
            "kind": event["place_kind"],
            "lat": event["lat"],
            "lon": event["lon"],
            "geonameid": event["geonameid"],
        }
    return {
        "id": f"dossier-{event['id']}",
        "date": event["date"],
        "event_type": event["type"],
        "mode": event["mode"],
        "context": [],
        "quad_class": event["quad_class"],
        "cameo": event["cameo"],
        "actor1": sources[0]["name"] if sources else None,
        "actor1_country": sources[0]["country"] if sources else None,
        "actor1_code": sources[0]["code"] if sources else None,
        "actor2": targets[0]["name"] if targets else None,
        "actor2_country": targets[0]["country"] if targets else None,
        "actor2_code": targets[0]["code"] if targets else None,
        "source_actors": sources,
        "target_actors": targets,
        "location": place,
        "negated": bool(event["negated"]),
        "hypothetical": bool(event["hypothetical"]),
        "num_mentions": event["n_mentions"],
        "num_sources": event["n_sources"],
        "num_articles": event["n_documents"],
        "first_seen": event["first_seen"],
        "last_seen": event["last_seen"],
        "mentions": event["mentions"],
    }


def write_plover_jsonl(store: Store, fh: IO[str]) -> int:
    n = 0
    for event in iter_events(store):
        fh.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        n += 1
    return n


def gdelt_row(event: dict[str, Any]) -> dict[str, Any]:
    sources, targets = event["actors"]["source"], event["actors"]["target"]
    a1 = sources[0] if sources else {}
    a2 = targets[0] if targets else {}
    day = (event["date"] or "").replace("-", "")
    cameo = event["cameo"] or ""
    first_url = next((m["url"] for m in event["mentions"] if m["url"]), "")
    return {
        "GlobalEventID": event["id"],
        "Day": day,
        "MonthYear": day[:6],
        "Year": day[:4],
        "Actor1Code": a1.get("code") or a1.get("country") or "",
        "Actor1Name": a1.get("name") or "",
        "Actor1CountryCode": a1.get("country") or "",
        "Actor2Code": a2.get("code") or a2.get("country") or "",
        "Actor2Name": a2.get("name") or "",
        "Actor2CountryCode": a2.get("country") or "",
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2],
        "QuadClass": event["quad_class"] or "",
        "NumMentions": event["n_mentions"],
        "NumSources": event["n_sources"],
        "NumArticles": event["n_documents"],
        "ActionGeo_Type": _GEO_TYPE.get(event["place_kind"] or "", "")
        if event["place_name"]
        else "",
        "ActionGeo_FullName": event["place_name"] or "",
        "ActionGeo_CountryCode": event["place_country"] or "",
        "ActionGeo_Lat": "" if event["lat"] is None else event["lat"],
        "ActionGeo_Long": "" if event["lon"] is None else event["lon"],
        "ActionGeo_FeatureID": event["geonameid"] or "",
        "DATEADDED": (event["first_seen"] or "").replace("-", ""),
        "SOURCEURL": first_url,
        "PloverType": event["type"],
        "PloverMode": event["mode"] or "",
        "Negated": int(bool(event["negated"])),
        "Hypothetical": int(bool(event["hypothetical"])),
    }


def write_gdelt_csv(store: Store, fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=GDELT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in iter_events(store):
        writer.writerow(gdelt_row(event))
        n += 1
    return n


def stored_records(store: Store, batch: int = 500) -> Iterator[Record]:
    """The analysis records kept in the store, in the order they were stored (the record of
    every document, as `dossier analyze` made it; the text only where it was stored)."""
    d = t.documents.c
    last = 0
    while True:
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(d.id, d.record, d.text)
                .where(d.id > last, d.record.is_not(None))
                .order_by(d.id)
                .limit(batch)
            ).all()
        if not rows:
            return
        for row_id, data, text in rows:
            record = Record.model_validate_json(data)
            if text and record.text is None:
                record.text = text
            yield record
            last = row_id


def to_tables(store: Store, folder: Path, include_text: bool = False) -> dict[str, int]:
    """The stored records as the tables of `dossier analyze --format parquet` (and of
    `dossier.to_frames`): `<folder>/<table>.parquet` for documents, entities, statements,
    events, places and relations. Returns the rows written per table."""
    from dossier.tables import write_parquet

    return write_parquet(stored_records(store), folder, include_text)


def to_parquet(store: Store, folder: Path) -> list[Path]:
    """One Parquet file per table (`documents.parquet`, `events.parquet` ...)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with store.engine.connect() as conn:
        for table in t.TABLES:
            columns = [c.name for c in table.columns]
            rows = [
                dict(r._mapping) for r in conn.execute(select(table).order_by(*table.primary_key))
            ]
            arrays = {c: [r[c] for r in rows] for c in columns}
            schema = pa.schema([(c.name, _arrow_type(c.type)) for c in table.columns])
            pq.write_table(pa.table(arrays, schema=schema), folder / f"{table.name}.parquet")
            written.append(folder / f"{table.name}.parquet")
    return written


def _arrow_type(sql_type: Any) -> Any:
    import pyarrow as pa
    from sqlalchemy import Boolean, DateTime, Float, Integer

    if isinstance(sql_type, Boolean):
        return pa.bool_()
    if isinstance(sql_type, Integer):
        return pa.int64()
    if isinstance(sql_type, Float):
        return pa.float64()
    if isinstance(sql_type, DateTime):
        return pa.timestamp("us")
    return pa.string()


def to_networkx(store: Store, **filters: Any) -> Any:
    """The actor graph as a networkx DiGraph (node and edge attributes without None)."""
    import networkx as nx

    data = graph(store, limit=10_000, **filters)
    g = nx.DiGraph()
    for node in data["nodes"]:
        attrs = {k: ("" if v is None else v) for k, v in node.items() if k != "id"}
        attrs["label"] = node["name"]
        g.add_node(str(node["id"]), **attrs)
    for edge in data["edges"]:
        g.add_edge(
            str(edge["source_id"]),
            str(edge["target_id"]),
            weight=edge["weight"],
            n_events=edge["n_events"],
            n_evidence=edge["n_evidence"],
            cooperation=edge["cooperation"],
            conflict=edge["conflict"],
            balance=edge["balance"],
            types=edge["types"],
        )
    return g


def write_graph(g: Any, path: Path, fmt: str) -> None:
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(g, path)
    elif fmt == "gexf":
        nx.write_gexf(g, path)
    else:
        raise ValueError(f"unknown graph format {fmt!r}")
