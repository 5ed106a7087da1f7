"""The corpus store: opens a database and writes analysis records into it, merged.

>>> store = Store("sqlite:///dossier.db")
>>> store.add_records([(record, DocumentMeta(content_hash=..., origin="a.txt"))])

Every call of `add_records` is one transaction: all of its documents are stored, with their
merged actors, events and relations, or none is. See `dossier.store.merge` for the rules.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    String,
    and_,
    bindparam,
    case,
    func,
    insert,
    select,
    text,
    update,
)

from dossier.record import Event, Record
from dossier.store import schema as t
from dossier.store.engine import DEFAULT_URL, open_engine
from dossier.store.merge import (
    MERGE_WINDOW,
    EventShape,
    PlaceInfo,
    actor_key,
    event_quad,
    is_conflict,
    is_cooperation,
    parse_day,
    place_key,
    same_event,
    shared_actors,
)
from dossier.store.text import content_hash, source_of, split_sentences


@dataclass
class DocumentMeta:
    """What the store knows about a document besides its record."""

    content_hash: str
    origin: str = ""


def meta_for(record: Record, origin: str = "") -> DocumentMeta:
    """The hash of the record's text, or of the record itself when it carries no text."""
    basis = record.text if record.text else json.dumps(record.to_dict(), sort_keys=True)
    return DocumentMeta(content_hash=content_hash(basis), origin=origin)


@dataclass
class _Pending:
    """Deltas collected during a batch and applied at its end."""

    actor_counts: dict[int, list[int]]
    place_counts: dict[int, list[int]]
    relations: dict[tuple[int, int, str], dict[str, Any]]
    periods: dict[tuple[int, int, str], list[int]]
    events: set[int]
    rows: dict[str, list[dict[str, Any]]]
    shapes: dict[int, EventShape]
    # (type, negated, hypothetical, role, actor id) -> ids in `shapes` with that actor
    by_actor: dict[tuple[str, bool, bool, str, int], set[int]]
    new_events: dict[int, dict[str, Any]]


def _new_pending() -> _Pending:
    return _Pending(
        actor_counts=defaultdict(lambda: [0, 0]),
        place_counts=defaultdict(lambda: [0, 0]),
        relations={},
        periods=defaultdict(lambda: [0, 0, 0]),
        events=set(),
        rows=defaultdict(list),
        shapes={},
        by_actor={},
        new_events={},
    )


class Store:
    """A corpus store on SQLite or PostgreSQL (migrated to the newest schema when opened)."""

    def __init__(self, url: str = DEFAULT_URL, *, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or open_engine(url)
        self.dialect = self.engine.dialect.name
        self._reset_caches()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _reset_caches(self) -> None:
        self._actor_ids: dict[str, int] = {}
        self._actor_names: dict[int, str] = {}
        self._place_ids: dict[str, int] = {}
        self._place_info: dict[int, PlaceInfo] = {}
        self._relation_ids: dict[tuple[int, int, str], int] = {}
        self._period_ids: dict[tuple[int, int, str], int] = {}

    # ----------------------------------------------------------------- reading helpers
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored already."""
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                rows = conn.execute(
                    select(t.documents.c.content_hash).where(t.documents.c.content_hash.in_(chunk))
                )
                found.update(r[0] for r in rows)
        return found

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.engine.connect() as conn:
            return {
                table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for table in t.TABLES
            }

    # ----------------------------------------------------------------- writing
    def add_record(self, record: Record, meta: DocumentMeta | None = None) -> int:
        return self.add_records([(record, meta or meta_for(record))])[0]

    def add_records(self, items: Sequence[tuple[Record, DocumentMeta]]) -> list[int]:
        """Store records in one transaction; returns the documents' row ids.

        A record whose content hash is already stored is not stored again (its existing id
        is returned), so retrying a batch is safe.
        """
        ids: list[int] = []
        try:
            with self.engine.begin() as conn:
                pending = _new_pending()
                seen: dict[str, int] = {}
                existing = self._existing(conn, [m.content_hash for _, m in items])
                fresh: list[tuple[Record, DocumentMeta]] = []
                for record, meta in items:
                    if meta.content_hash not in existing and meta.content_hash not in seen:
                        seen[meta.content_hash] = -1
                        fresh.append((record, meta))
                new_ids = self._insert_documents(conn, fresh)
                seen.update({m.content_hash: i for (_, m), i in zip(fresh, new_ids, strict=True)})
                self._actor_ids_for(conn, _batch_actors(fresh))
                for (record, meta), doc_id in zip(fresh, new_ids, strict=True):
                    self._write_record(conn, record, meta, doc_id, pending)
                ids = [existing.get(m.content_hash) or seen[m.content_hash] for _, m in items]
                self._flush(conn, pending)
        except BaseException:
            self._reset_caches()  # ids cached during the failed transaction are gone
            raise
        return ids

    def _existing(self, conn: Connection, hashes: list[str]) -> dict[str, int]:
        if not hashes:
            return {}
        rows = conn.execute(
            select(t.documents.c.content_hash, t.documents.c.id).where(
                t.documents.c.content_hash.in_(hashes)
            )
        )
        return {h: i for h, i in rows}

    def _insert_documents(
        self, conn: Connection, items: list[tuple[Record, DocumentMeta]]
    ) -> list[int]:
        if not items:
            return []
        rows = []
        now = datetime.now(UTC).replace(tzinfo=None)
        for record, meta in items:
            reason = None
            if record.status != "ok":
                reason = "; ".join(record.warnings) or record.status
            rows.append(
                {
                    "doc_id": record.id,
                    "content_hash": meta.content_hash,
                    "url": record.url,
                    "title": record.title,
                    "source": source_of(record.url, meta.origin),
                    "origin": meta.origin or None,
                    "published": record.published[:10] if record.published else None,
                    "status": record.status,
                    "reason": reason,
                    "warnings": json.dumps(record.warnings, ensure_ascii=False),
                    "text": record.text,
                    "n_entities": len(record.entities),
                    "n_statements": len(record.statements),
                    "n_events": len(record.events),
                    "record": record.model_dump_json(exclude={"text"}),
                    "ingested_at": now,
                }
            )
        result = conn.execute(
            insert(t.documents).returning(t.documents.c.id, sort_by_parameter_order=True), rows
        ).all()
        return [int(r[0]) for r in result]

    def _write_record(
        self,
        conn: Connection,
        record: Record,
        meta: DocumentMeta,
        doc_id: int,
        pending: _Pending,
    ) -> None:
        source = source_of(record.url, meta.origin)
        entity_actor = self._write_actors(conn, record, doc_id, pending)
        place_ids = self._write_places(conn, record, doc_id, pending)
        self._write_statements(record, doc_id, entity_actor, pending)
        self._write_passages(record, doc_id, pending)
        event_ids = self._write_events(
            conn, record, doc_id, source, entity_actor, place_ids, pending
        )
        self._write_relations(conn, record, doc_id, entity_actor, event_ids, pending)

    # actors ----------------------------------------------------------------
    def _actor_ids_for(self, conn: Connection, wanted: dict[str, dict[str, Any]]) -> dict[str, int]:
        """Actor ids for these keys, creating the missing actors (3 statements at most)."""
        missing = [k for k in wanted if k not in self._actor_ids]
        if missing:
            a = t.actors.c
            for i in range(0, len(missing), 500):
                for actor_id, key, name in conn.execute(
                    select(a.id, a.key, a.name).where(a.key.in_(missing[i : i + 500]))
                ):
                    self._actor_ids[key] = int(actor_id)
                    self._actor_names[int(actor_id)] = name
            new = [k for k in missing if k not in self._actor_ids]
            if new:
                rows = [{**wanted[k], "key": k, "n_mentions": 0, "n_documents": 0} for k in new]
                result = conn.execute(
                    insert(t.actors).returning(t.actors.c.id, sort_by_parameter_order=True),
                    rows,
                )
                for key, (actor_id,) in zip(new, result.all(), strict=True):
                    self._actor_ids[key] = int(actor_id)
                    self._actor_names[int(actor_id)] = wanted[key]["name"]
        return {k: self._actor_ids[k] for k in wanted}

    def _write_actors(
        self, conn: Connection, record: Record, doc_id: int, pending: _Pending
    ) -> dict[str, int]:
        mapping: dict[str, int] = {}
        mentions = pending.rows["actor_mentions"]
        in_doc: set[int] = set()
        keys = {ent.id: actor_key(ent.name, ent.country, ent.kb_id) for ent in record.entities}
        wanted: dict[str, dict[str, Any]] = {}
        for ent in record.entities:
            wanted.setdefault(
                keys[ent.id],
                {
                    "name": ent.name,
                    "type": ent.type,
                    "country": ent.country,
                    "sector": ent.sector,
                    "actor_code": ent.actor_code,
                    "kb_id": ent.kb_id,
                },
            )
        ids = self._actor_ids_for(conn, wanted)
        for ent in record.entities:
            actor_id = ids[keys[ent.id]]
            mapping[ent.id] = actor_id
            pending.actor_counts[actor_id][0] += len(ent.mentions)
            if actor_id not in in_doc:
                pending.actor_counts[actor_id][1] += 1
                in_doc.add(actor_id)
            for n, span in enumerate(ent.mentions):
                kind = ent.mention_kinds[n] if n < len(ent.mention_kinds) else None
                mentions.append(
                    {
                        "actor_id": actor_id,
                        "document_id": doc_id,
                        "entity_id": ent.id,
                        "text": span.text,
                        "start_char": span.start,
                        "end_char": span.end,
                        "kind": kind,
                    }
                )
        return mapping

    # places ----------------------------------------------------------------
    def _write_places(
        self, conn: Connection, record: Record, doc_id: int, pending: _Pending
    ) -> dict[str, int]:
        mapping: dict[str, int] = {}
        mentions = pending.rows["place_mentions"]
        in_doc: set[int] = set()
        for place in record.places:
            key = place_key(place.name, place.country, place.geonameid)
            place_id = self._place_ids.get(key)
            if place_id is None:
                found = conn.execute(select(t.places.c.id).where(t.places.c.key == key)).first()
                if found is not None:
                    place_id = int(found[0])
                else:
                    place_id = int(
                        conn.execute(
                            insert(t.places).returning(t.places.c.id),
                            {
                                "key": key,
                                "name": place.name,
                                "geonameid": place.geonameid,
                                "country": place.country,
                                "kind": place.kind,
                                "lat": place.lat,
                                "lon": place.lon,
                                "n_mentions": 0,
                                "n_documents": 0,
                            },
                        ).scalar_one()
                    )
                self._place_ids[key] = place_id
                self._place_info[place_id] = PlaceInfo(place_id, place.country, place.kind)
            mapping[place.id] = place_id
            pending.place_counts[place_id][0] += len(place.mentions)
            if place_id not in in_doc:
                pending.place_counts[place_id][1] += 1
                in_doc.add(place_id)
            mentions.extend(
                {
                    "place_id": place_id,
                    "document_id": doc_id,
                    "place_ref": place.id,
                    "text": span.text,
                    "start_char": span.start,
                    "end_char": span.end,
                }
                for span in place.mentions
            )
        return mapping

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

    # statements and passages -----------------------------------------------
    def _write_statements(
        self,
        record: Record,
        doc_id: int,
        entity_actor: dict[str, int],
        pending: _Pending,
    ) -> None:
        names = {e.id: e.name for e in record.entities}
        rows = []
        for st in record.statements:
            spans = {
                "speaker": st.speaker_span.model_dump() if st.speaker_span else None,
                "cue": st.cue.model_dump() if st.cue else None,
                "content": [s.model_dump() for s in st.content],
            }
            rows.append(
                {
                    "document_id": doc_id,
                    "statement_id": st.id,
                    "kind": st.kind,
                    "cue_class": st.cue_class,
                    "speaker_actor_id": entity_actor.get(st.speaker) if st.speaker else None,
                    "speaker_name": names.get(st.speaker or "")
                    or (st.speaker_span.text if st.speaker_span else None),
                    "speaker_text": st.speaker_span.text if st.speaker_span else None,
                    "cue": st.cue.text if st.cue else None,
                    "content": " … ".join(s.text for s in st.content),
                    "spans": json.dumps(spans, ensure_ascii=False),
                    "reported_by": st.reported_by,
                    "published": record.published[:10] if record.published else None,
                    "confidence": st.confidence,
                    "rule": st.rule,
                }
            )
        # written at the end of the batch; their quotes become passages then
        for st, row in zip(record.statements, rows, strict=True):
            row["_quotes"] = [(s.start, s.end, s.text) for s in st.content]
        pending.rows["statements"].extend(rows)

    def _write_passages(self, record: Record, doc_id: int, pending: _Pending) -> None:
        """Sentences of the text (else the event sentences); quotes are added with their
        statements at the end of the batch."""
        rows = pending.rows["passages"]
        if record.text:
            for start, end in split_sentences(record.text):
                rows.append(
                    {
                        "document_id": doc_id,
                        "kind": "sentence",
                        "statement_id": None,
                        "start_char": start,
                        "end_char": end,
                        "text": record.text[start:end],
                    }
                )
        else:  # no text stored: the event sentences are what we have
            seen: set[tuple[int, int]] = set()
            for ev in record.events:
                key = (ev.sentence.start, ev.sentence.end)
                if key not in seen and ev.sentence.text.strip():
                    seen.add(key)
                    rows.append(
                        {
                            "document_id": doc_id,
                            "kind": "sentence",
                            "statement_id": None,
                            "start_char": ev.sentence.start,
                            "end_char": ev.sentence.end,
                            "text": ev.sentence.text,
                        }
                    )

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
        shape: EventShape, stored: dict[int, EventShape], pending: _Pending
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
        pending: _Pending,
    ) -> dict[str, int]:
        mapping: dict[str, int] = {}
        doc_events: set[int] = set()
        shapes = [self._shape(conn, ev, record, entity_actor, place_ids) for ev in record.events]
        stored_pool = self._stored_candidates(conn, shapes)
        for ev, shape in zip(record.events, shapes, strict=True):
            quad = event_quad(ev.type, ev.quad_class)
            best: tuple[int, EventShape] | None = None
            merge_rule = "new event"
            best_rank: tuple[int, int, int] | None = None
            for event_id, stored in self._candidates(shape, stored_pool, pending):
                if event_id in doc_events:
                    continue
                reason = same_event(stored, shape)
                if reason is None:
                    continue
                gap = abs((stored.day - shape.day).days) if stored.day and shape.day else 9
                # "then the oldest": stored events (positive ids) before this batch's new
                # ones (temporary ids -1, -2, ... in creation order), so that the result
                # does not depend on where the batches are cut
                age = event_id if event_id > 0 else _NEW_EVENT_AGE - event_id
                rank = (-shared_actors(stored, shape), gap, age)
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
    def _relation_delta(self, pending: _Pending, key: tuple[int, int, str]) -> dict[str, Any]:
        return pending.relations.setdefault(
            key,
            {"n_events": 0, "n_evidence": 0, "cooperation": 0, "conflict": 0, "dates": []},
        )

    def _count_interaction(
        self,
        pair: tuple[int, int],
        quad: int | None,
        day: Any,
        pending: _Pending,
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
                insert(table).returning(c.id, sort_by_parameter_order=True), rows
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
        pending: _Pending,
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
    def _flush(self, conn: Connection, pending: _Pending) -> None:
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
                [pending.new_events[k] for k in temp],
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
                statements,
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
                _insert_rows(conn, name, rows)
        for table, counts in ((t.actors, pending.actor_counts), (t.places, pending.place_counts)):
            if counts:
                c = table.c
                conn.execute(
                    update(table)
                    .where(c.id == _bind("row_id"))
                    .values(
                        n_mentions=c.n_mentions + _bind("dm"),
                        n_documents=c.n_documents + _bind("dd"),
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
            fd, ld = _bind("fd"), _bind("ld")
            conn.execute(
                update(t.relations)
                .where(r.id == _bind("rid"))
                .values(
                    n_events=r.n_events + _bind("ne"),
                    n_evidence=r.n_evidence + _bind("nv"),
                    cooperation=r.cooperation + _bind("co"),
                    conflict=r.conflict + _bind("cf"),
                    weight=r.weight + _bind("w"),
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
                .where(pr.id == _bind("rid"))
                .values(
                    n_events=pr.n_events + _bind("n"),
                    cooperation=pr.cooperation + _bind("co"),
                    conflict=pr.conflict + _bind("cf"),
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
                    .where(e.id == _bind("eid"))
                    .values(
                        n_mentions=_bind("nm"),
                        n_documents=_bind("nd"),
                        n_sources=_bind("ns"),
                        first_seen=_bind("fs"),
                        last_seen=_bind("ls"),
                        confidence=_bind("conf"),
                        source_names=_bind("src"),
                        target_names=_bind("tgt"),
                    ),
                    rows,
                )


def _batch_actors(items: Sequence[tuple[Record, DocumentMeta]]) -> dict[str, dict[str, Any]]:
    wanted: dict[str, dict[str, Any]] = {}
    for record, _ in items:
        for ent in record.entities:
            wanted.setdefault(
                actor_key(ent.name, ent.country, ent.kb_id),
                {
                    "name": ent.name,
                    "type": ent.type,
                    "country": ent.country,
                    "sector": ent.sector,
                    "actor_code": ent.actor_code,
                    "kb_id": ent.kb_id,
                },
            )
    return wanted


_CANDIDATE_QUERY = text(
    "SELECT e.id, e.type, e.negated, e.hypothetical, e.date, e.place_id, x.actor_id, x.role "
    "FROM events e JOIN event_actors x ON x.event_id = e.id "
    "WHERE e.type IN :types AND e.date >= :lo AND e.date <= :hi AND e.id IN "
    "(SELECT ea.event_id FROM event_actors ea WHERE ea.actor_id IN :actors)"
).bindparams(bindparam("types", expanding=True), bindparam("actors", expanding=True))


# older than this: events created in the current batch (see `_write_events`)
_NEW_EVENT_AGE = 1 << 62


def _insert_rows(conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Plain bulk INSERT through the driver's executemany: these tables hold only ints,
    strings, floats and booleans, which both drivers bind natively, and SQLAlchemy's
    per-row parameter processing would cost more than the database work."""
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(tuple(row.values()))
    for columns, values in groups.items():
        sql = (
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join([mark] * len(columns))})"
        )
        conn.exec_driver_sql(sql, values)


def _bind(name: str) -> Any:
    if name in ("fd", "ld"):
        return bindparam(name, type_=String(10))
    return bindparam(name)


def _pairs(shape: EventShape) -> set[tuple[int, int]]:
    return {(s, g) for s in shape.sources for g in shape.targets if s != g}
