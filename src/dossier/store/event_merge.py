"""Cross-document merging as the store writes it: event mentions joined to stored events
(rules in `dossier.store.merge`), the actor relations they feed, and the end-of-batch flush
of everything a batch collected. A mixin of `dossier.store.core.Store`."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, func, insert, select, text, update

from dossier.record import Event, Record
from dossier.store import schema as t
from dossier.store.batch import Pending, bind, insert_rows
from dossier.store.limits import fit
from dossier.store.merge import (
    MERGE_WINDOW,
    EventShape,
    PlaceInfo,
    event_quad,
    is_conflict,
    is_cooperation,
    parse_day,
    same_event,
    shared_actors,
)


class EventMerging:
    """Event merging, relations and the batch flush; the store supplies the caches."""

    _place_info: dict[int, PlaceInfo]
    _relation_ids: dict[tuple[int, int, str], int]
    _period_ids: dict[tuple[int, int, str], int]

    def _place(self, conn: Connection, place_id: int | None) -> PlaceInfo | None:
        if place_id is None:
            return None
        info = self._place_info.get(place_id)
        if info is None:
            row = conn.execute(
                select(t.places.c.country, t.places.c.kind).where(t.places.c.id == place_id)
            ).first()
            info = PlaceInfo(place_id, row[0] if row else None, row[1] if row else None)
            self._place_info[place_id] = info
        return info

    # events ----------------------------------------------------------------
    def _shape(
        self,
        conn: Connection,
        ev: Event,
        record: Record,
        entity_actor: dict[str, int],
        place_ids: dict[str, int],
    ) -> EventShape:
        return EventShape(
            type=ev.type,
            day=parse_day(ev.date) or parse_day(record.published),
            sources={entity_actor[e] for e in ev.source if e in entity_actor},
            targets={entity_actor[e] for e in ev.target if e in entity_actor},
            place=self._place(conn, place_ids.get(ev.place or "")),
            negated=ev.negated,
            hypothetical=ev.hypothetical,
        )

    def _stored_candidates(
        self, conn: Connection, shapes: list[EventShape]
    ) -> dict[int, EventShape]:
        """Stored events that may be one of a record's event mentions: within the date window
        of one of them and sharing at least one of their actors, with all their actors. One
        query per record; `_candidates` applies the exact rule per mention."""
        days = [s.day for s in shapes if s.day is not None and (s.sources or s.targets)]
        actors = sorted({a for s in shapes if s.day is not None for a in s.sources | s.targets})
        if not days or not actors:
            return {}
        rows = conn.execute(
            _CANDIDATE_QUERY,
            {
                "lo": (min(days) - MERGE_WINDOW).isoformat(),
                "hi": (max(days) + MERGE_WINDOW).isoformat(),
                "types": sorted({s.type for s in shapes}),
                "actors": actors,
            },
        ).all()
        found: dict[int, EventShape] = {}
        for event_id, type_, negated, hypothetical, day, place_id, actor_id, role in rows:
            shape = found.get(int(event_id))
            if shape is None:
                shape = found[int(event_id)] = EventShape(
                    type=type_,
                    day=parse_day(day),
                    place=self._place(conn, place_id),
                    negated=bool(negated),
                    hypothetical=bool(hypothetical),
                )
            (shape.sources if role == "source" else shape.targets).add(int(actor_id))
        return found

    @staticmethod
    def _candidates(
        shape: EventShape, stored: dict[int, EventShape], pending: Pending
    ) -> list[tuple[int, EventShape]]:
        """Events that may be `shape`: same type and flags, within the date window, and
        sharing at least one actor in the same role (the rule needs one). Events changed
        earlier in this batch are taken from memory, the others from `stored`."""
        if shape.day is None or not (shape.sources or shape.targets):
            return []
        kind = (shape.type, shape.negated, shape.hypothetical)
        ids: set[int] = set()
        for role, actors in (("source", shape.sources), ("target", shape.targets)):
            for actor in actors:
                ids |= pending.by_actor.get((*kind, role, actor), set())
        shapes = {i: pending.shapes[i] for i in ids}
        for event_id, known in stored.items():
            if (
                event_id not in pending.shapes
                and (known.type, known.negated, known.hypothetical) == kind
                and (known.sources & shape.sources or known.targets & shape.targets)
            ):
                shapes[event_id] = known
        return sorted(
            (i, s)
            for i, s in shapes.items()
            if s.day is not None and abs(s.day - shape.day) <= MERGE_WINDOW
        )

    def _write_events(
        self,
        conn: Connection,
        record: Record,
        doc_id: int,
        source: str | None,
        entity_actor: dict[str, int],
        place_ids: dict[str, int],
        pending: Pending,
    ) -> dict[str, int]:
        mapping: dict[str, int] = {}
        doc_events: set[int] = set()
        shapes = [self._shape(conn, ev, record, entity_actor, place_ids) for ev in record.events]
        stored_pool = self._stored_candidates(conn, shapes)
        for ev, shape in zip(record.events, shapes, strict=True):
            quad = event_quad(ev.type, ev.quad_class)
            best: tuple[int, EventShape] | None = None
            merge_rule = "new event"
            best_rank: tuple[int, int, int, int] | None = None
            for event_id, stored in self._candidates(shape, stored_pool, pending):
                if event_id in doc_events:
                    continue
                reason = same_event(stored, shape)
                if reason is None:
                    continue
                gap = abs((stored.day - shape.day).days) if stored.day and shape.day else 9
                rank = (-shared_actors(stored, shape), gap, *_age(event_id))
                if best_rank is None or rank < best_rank:
                    best, best_rank, merge_rule = (event_id, stored), rank, reason
            place_id = place_ids.get(ev.place or "")
            if best is None:
                # a temporary (negative) id until the batch's events are inserted together
                event_id = -(len(pending.new_events) + 1)
                pending.new_events[event_id] = {
                    "type": ev.type,
                    "mode": ev.mode,
                    "cameo": ev.cameo,
                    "quad_class": quad,
                    "date": shape.day.isoformat() if shape.day else None,
                    "place_id": place_id,
                    "negated": ev.negated,
                    "hypothetical": ev.hypothetical,
                    "n_mentions": 0,
                    "n_documents": 0,
                    "n_sources": 0,
                    "confidence": ev.confidence,
                }
                stored = EventShape(
                    type=ev.type,
                    day=shape.day,
                    place=shape.place,
                    negated=ev.negated,
                    hypothetical=ev.hypothetical,
                )
            else:
                event_id, stored = best
                fill: dict[str, Any] = {}
                if stored.place is None and place_id is not None:
                    fill["place_id"] = place_id
                if fill and event_id < 0:
                    pending.new_events[event_id].update(fill)
                elif fill:
                    conn.execute(update(t.events).where(t.events.c.id == event_id).values(**fill))
            old_pairs = _pairs(stored)
            new_rows = [
                {"event_id": event_id, "actor_id": a, "role": "source"}
                for a in shape.sources - stored.sources
            ] + [
                {"event_id": event_id, "actor_id": a, "role": "target"}
                for a in shape.targets - stored.targets
            ]
            pending.rows["event_actors"].extend(new_rows)
            union = EventShape(
                type=ev.type,
                day=stored.day,
                sources=stored.sources | shape.sources,
                targets=stored.targets | shape.targets,
                place=stored.place or shape.place,
                negated=ev.negated,
                hypothetical=ev.hypothetical,
            )
            pending.shapes[event_id] = union
            for role, actors in (("source", union.sources), ("target", union.targets)):
                for actor in actors:
                    key = (union.type, union.negated, union.hypothetical, role, actor)
                    pending.by_actor.setdefault(key, set()).add(event_id)
            if not ev.negated and not ev.hypothetical:
                day = stored.day or shape.day
                for pair in _pairs(union) - old_pairs:
                    self._count_interaction(pair, quad, day, pending)
            pending.rows["event_mentions"].append(
                {
                    "event_id": event_id,
                    "document_id": doc_id,
                    "event_ref": ev.id,
                    "type": ev.type,
                    "date": ev.date[:10] if ev.date else None,
                    "trigger": ev.trigger.text,
                    "trigger_start": ev.trigger.start,
                    "trigger_end": ev.trigger.end,
                    "sentence": ev.sentence.text,
                    "sentence_start": ev.sentence.start,
                    "sentence_end": ev.sentence.end,
                    "place_id": place_id,
                    "negated": ev.negated,
                    "hypothetical": ev.hypothetical,
                    "attributed_to": ev.attributed_to,
                    "confidence": ev.confidence,
                    "rule": ev.rule,
                    "source": source,
                    "url": record.url,
                    "merge_rule": merge_rule,
                }
            )
            doc_events.add(event_id)
            mapping[ev.id] = event_id
            pending.events.add(event_id)
        return mapping

    # relations ---------------------------------------------------------------
    def _relation_delta(self, pending: Pending, key: tuple[int, int, str]) -> dict[str, Any]:
        return pending.relations.setdefault(
            key,
            {"n_events": 0, "n_evidence": 0, "cooperation": 0, "conflict": 0, "dates": []},
        )

    def _count_interaction(
        self,
        pair: tuple[int, int],
        quad: int | None,
        day: Any,
        pending: Pending,
    ) -> None:
        delta = self._relation_delta(pending, (pair[0], pair[1], "interaction"))
        coop, conflict = int(is_cooperation(quad)), int(is_conflict(quad))
        delta["n_events"] += 1
        delta["cooperation"] += coop
        delta["conflict"] += conflict
        if day is not None:
            delta["dates"].append(day.isoformat())
            counts = pending.periods.setdefault((pair[0], pair[1], day.isoformat()[:7]), [0, 0, 0])
            counts[0] += 1
            counts[1] += coop
            counts[2] += conflict

    def _resolve(
        self,
        conn: Connection,
        table: Any,
        third: str,
        keys: Iterable[tuple[int, int, str]],
        cache: dict[tuple[int, int, str], int],
        defaults: dict[str, Any],
    ) -> None:
        """Fill `cache` with row ids for (source actor, target actor, `third`) keys."""
        missing = [k for k in dict.fromkeys(keys) if k not in cache]
        if not missing:
            return
        c = table.c
        sources = sorted({k[0] for k in missing})
        for i in range(0, len(sources), 500):
            for row_id, src, tgt, value in conn.execute(
                select(c.id, c.source_actor_id, c.target_actor_id, c[third]).where(
                    c.source_actor_id.in_(sources[i : i + 500])
                )
            ):
                cache[(int(src), int(tgt), str(value))] = int(row_id)
        new = [k for k in missing if k not in cache]
        if new:
            rows = [
                {"source_actor_id": k[0], "target_actor_id": k[1], third: k[2], **defaults}
                for k in new
            ]
            result = conn.execute(
                insert(table).returning(c.id, sort_by_parameter_order=True),
                [fit(table.name, row) for row in rows],
            ).all()
            for key, (row_id,) in zip(new, result, strict=True):
                cache[key] = int(row_id)

    def _write_relations(
        self,
        conn: Connection,
        record: Record,
        doc_id: int,
        entity_actor: dict[str, int],
        event_ids: dict[str, int],
        pending: Pending,
    ) -> None:
        for rel in record.relations:
            source, target = entity_actor.get(rel.source), entity_actor.get(rel.target)
            if source is None or target is None or source == target:
                continue
            key = (source, target, rel.type)
            delta = self._relation_delta(pending, key)
            delta["n_evidence"] += 1
            if record.published:
                delta["dates"].append(record.published[:10])
            event_id = next((event_ids[e] for e in rel.evidence if e in event_ids), None)
            pending.rows["relation_evidence"].append(
                {
                    "relation_id": key,
                    "document_id": doc_id,
                    "event_id": event_id,
                    "evidence": json.dumps(rel.evidence, ensure_ascii=False),
                    "confidence": rel.confidence,
                    "rule": rel.rule,
                }
            )

    # end of batch -------------------------------------------------------------
    def _flush(self, conn: Connection, pending: Pending) -> None:
        zero = {"n_events": 0, "cooperation": 0, "conflict": 0}
        self._resolve(
            conn,
            t.relations,
            "type",
            pending.relations,
            self._relation_ids,
            {**zero, "n_evidence": 0, "weight": 0.0},
        )
        self._resolve(conn, t.relation_periods, "period", pending.periods, self._period_ids, zero)
        for row in pending.rows.get("relation_evidence", []):
            row["relation_id"] = self._relation_ids[row["relation_id"]]
        if pending.new_events:
            temp = list(pending.new_events)
            result = conn.execute(
                insert(t.events).returning(t.events.c.id, sort_by_parameter_order=True),
                [fit("events", pending.new_events[k]) for k in temp],
            ).all()
            real = {k: int(r[0]) for k, r in zip(temp, result, strict=True)}
            for name in ("event_actors", "event_mentions", "relation_evidence"):
                for row in pending.rows.get(name, []):
                    if row.get("event_id") is not None and row["event_id"] < 0:
                        row["event_id"] = real[row["event_id"]]
            pending.events = {real.get(e, e) for e in pending.events}
        statements = pending.rows.pop("statements", [])
        if statements:
            quotes = [row.pop("_quotes") for row in statements]
            ids = conn.execute(
                insert(t.statements).returning(t.statements.c.id, sort_by_parameter_order=True),
                [fit("statements", row) for row in statements],
            ).all()
            for row, spans, (row_id,) in zip(statements, quotes, ids, strict=True):
                pending.rows["passages"].extend(
                    {
                        "document_id": row["document_id"],
                        "kind": "quote",
                        "statement_id": int(row_id),
                        "start_char": start,
                        "end_char": end,
                        "text": quote,
                    }
                    for start, end, quote in spans
                    if quote.strip()
                )
        for name in (
            "event_actors",
            "actor_mentions",
            "place_mentions",
            "passages",
            "event_mentions",
            "relation_evidence",
        ):
            rows = pending.rows.get(name)
            if rows:
                insert_rows(conn, name, rows)
        for table, counts in ((t.actors, pending.actor_counts), (t.places, pending.place_counts)):
            if counts:
                c = table.c
                conn.execute(
                    update(table)
                    .where(c.id == bind("row_id"))
                    .values(
                        n_mentions=c.n_mentions + bind("dm"),
                        n_documents=c.n_documents + bind("dd"),
                    ),
                    [{"row_id": k, "dm": v[0], "dd": v[1]} for k, v in counts.items()],
                )
        r = t.relations.c
        if pending.relations:
            rel_rows = []
            for key, delta in pending.relations.items():
                dates = delta["dates"]
                rel_rows.append(
                    {
                        "rid": self._relation_ids[key],
                        "ne": delta["n_events"],
                        "nv": delta["n_evidence"],
                        "co": delta["cooperation"],
                        "cf": delta["conflict"],
                        "w": float(delta["n_events"] + delta["n_evidence"]),
                        "fd": min(dates) if dates else None,
                        "ld": max(dates) if dates else None,
                    }
                )
            fd, ld = bind("fd"), bind("ld")
            conn.execute(
                update(t.relations)
                .where(r.id == bind("rid"))
                .values(
                    n_events=r.n_events + bind("ne"),
                    n_evidence=r.n_evidence + bind("nv"),
                    cooperation=r.cooperation + bind("co"),
                    conflict=r.conflict + bind("cf"),
                    weight=r.weight + bind("w"),
                    first_date=case(
                        (r.first_date.is_(None), fd),
                        (and_(fd.is_not(None), fd < r.first_date), fd),
                        else_=r.first_date,
                    ),
                    last_date=case(
                        (r.last_date.is_(None), ld),
                        (and_(ld.is_not(None), ld > r.last_date), ld),
                        else_=r.last_date,
                    ),
                ),
                rel_rows,
            )
        pr = t.relation_periods.c
        if pending.periods:
            conn.execute(
                update(t.relation_periods)
                .where(pr.id == bind("rid"))
                .values(
                    n_events=pr.n_events + bind("n"),
                    cooperation=pr.cooperation + bind("co"),
                    conflict=pr.conflict + bind("cf"),
                ),
                [
                    {"rid": self._period_ids[k], "n": v[0], "co": v[1], "cf": v[2]}
                    for k, v in pending.periods.items()
                ],
            )
        if pending.events:
            self._refresh_events(conn, sorted(pending.events))

    def _refresh_events(self, conn: Connection, event_ids: list[int]) -> None:
        m, d = t.event_mentions.c, t.documents.c
        for i in range(0, len(event_ids), 500):
            chunk = event_ids[i : i + 500]
            stats = conn.execute(
                select(
                    m.event_id,
                    func.count(),
                    func.count(func.distinct(m.document_id)),
                    func.count(func.distinct(m.source)),
                    func.min(d.published),
                    func.max(d.published),
                    func.max(m.confidence),
                )
                .join(t.documents, d.id == m.document_id)
                .where(m.event_id.in_(chunk))
                .group_by(m.event_id)
            ).all()
            names: dict[tuple[int, str], list[str]] = defaultdict(list)
            ea, ac = t.event_actors.c, t.actors.c
            for event_id, role, name in conn.execute(
                select(ea.event_id, ea.role, ac.name)
                .join(t.actors, ac.id == ea.actor_id)
                .where(ea.event_id.in_(chunk))
                .order_by(ea.event_id, ac.name)
            ):
                names[(event_id, role)].append(name)
            rows = [
                {
                    "eid": s[0],
                    "nm": s[1],
                    "nd": s[2],
                    "ns": s[3],
                    "fs": s[4],
                    "ls": s[5],
                    "conf": s[6],
                    "src": "; ".join(names.get((s[0], "source"), [])) or None,
                    "tgt": "; ".join(names.get((s[0], "target"), [])) or None,
                }
                for s in stats
            ]
            e = t.events.c
            if rows:
                conn.execute(
                    update(t.events)
                    .where(e.id == bind("eid"))
                    .values(
                        n_mentions=bind("nm"),
                        n_documents=bind("nd"),
                        n_sources=bind("ns"),
                        first_seen=bind("fs"),
                        last_seen=bind("ls"),
                        confidence=bind("conf"),
                        source_names=bind("src"),
                        target_names=bind("tgt"),
                    ),
                    rows,
                )


_CANDIDATE_QUERY = text(
    "SELECT e.id, e.type, e.negated, e.hypothetical, e.date, e.place_id, x.actor_id, x.role "
    "FROM events e JOIN event_actors x ON x.event_id = e.id "
    "WHERE e.type IN :types AND e.date >= :lo AND e.date <= :hi AND e.id IN "
    "(SELECT ea.event_id FROM event_actors ea WHERE ea.actor_id IN :actors)"
).bindparams(bindparam("types", expanding=True), bindparam("actors", expanding=True))


def _age(event_id: int) -> tuple[int, int]:
    """Creation order of an event: stored ones by id, then the ones created in this batch
    (temporary ids -1, -2 ...) in the order they were made, which is the order their ids
    will have. So "the oldest wins a tie" means the same whatever the batch size."""
    return (0, event_id) if event_id > 0 else (1, -event_id)


def _pairs(shape: EventShape) -> set[tuple[int, int]]:
    return {(s, g) for s in shape.sources for g in shape.targets if s != g}
