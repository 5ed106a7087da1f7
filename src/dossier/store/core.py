"""The corpus store: opens a database and writes analysis records into it, merged.

>>> store = Store("sqlite:///dossier.db")
>>> store.add_records([(record, DocumentMeta(content_hash=..., origin="a.txt"))])

Every call of `add_records` is one transaction: all of its documents are stored, with their
merged actors, events and relations, or none is. See `dossier.store.merge` for the rules.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    func,
    insert,
    select,
    text,
    update,
)

from dossier.record import Record
from dossier.store import schema as t
from dossier.store.batch import Pending, new_pending
from dossier.store.engine import DEFAULT_URL, StoreError, open_engine
from dossier.store.event_merge import EventMerging
from dossier.store.limits import fit
from dossier.store.merge import (
    PlaceInfo,
    actor_key,
    place_key,
)
from dossier.store.text import content_hash, source_of, split_sentences

# the PostgreSQL advisory lock that writers take in turn ("DOSSIER" in ASCII)
WRITE_LOCK = 0x444F5353494552


@dataclass
class DocumentMeta:
    """What the store knows about a document besides its record."""

    content_hash: str
    origin: str = ""


def meta_for(record: Record, origin: str = "") -> DocumentMeta:
    """The hash of the record's text, or of the record itself when it carries no text."""
    basis = record.text if record.text else json.dumps(record.to_dict(), sort_keys=True)
    return DocumentMeta(content_hash=content_hash(basis), origin=origin)


class Store(EventMerging):
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
            with self._one_writer(), self.engine.begin() as conn:
                if self.dialect == "postgresql":
                    # writers take turns (released at commit): each sees what the other wrote
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                pending = new_pending()
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

    @contextlib.contextmanager
    def _one_writer(self) -> Iterator[None]:
        """One writing transaction at a time, across processes: merging reads the events
        stored so far and adds to them, so two writers interleaved would each miss the
        other's events (lost merges, or two rows for one actor). SQLite: an exclusive lock on
        a file beside the database, taken before the transaction starts; PostgreSQL: an
        advisory lock taken first thing in the transaction."""
        path = self._lock_path()
        if path is None:
            yield
            return
        try:
            handle = open(path, "a+b")  # noqa: SIM115
        except OSError:
            yield  # a folder we cannot write: the write itself will say so
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _lock_path(self) -> str | None:
        if self.dialect != "sqlite":
            return None
        database = self.engine.url.database
        if not database or database == ":memory:":
            return None
        return f"{database}.lock"

    def check_writable(self) -> None:
        """Raise StoreError unless a write would succeed (tried and rolled back), so that an
        ingest into a read-only store stops before analysing anything."""
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    update(t.documents).where(t.documents.c.id == -1).values(status="failed")
                )
                conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
                conn.rollback()
        except Exception as err:
            raise StoreError(
                f"the store {self.url} cannot be written ({_first_line(err)}); "
                "check the file's permissions and free space"
            ) from err

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
            insert(t.documents).returning(t.documents.c.id, sort_by_parameter_order=True),
            [fit("documents", row) for row in rows],
        ).all()
        return [int(r[0]) for r in result]

    def _write_record(
        self,
        conn: Connection,
        record: Record,
        meta: DocumentMeta,
        doc_id: int,
        pending: Pending,
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
                    [fit("actors", row) for row in rows],
                )
                for key, (actor_id,) in zip(new, result.all(), strict=True):
                    self._actor_ids[key] = int(actor_id)
                    self._actor_names[int(actor_id)] = wanted[key]["name"]
        return {k: self._actor_ids[k] for k in wanted}

    def _write_actors(
        self, conn: Connection, record: Record, doc_id: int, pending: Pending
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
        self, conn: Connection, record: Record, doc_id: int, pending: Pending
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
                            fit(
                                "places",
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
                            ),
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

    # statements and passages -----------------------------------------------
    def _write_statements(
        self,
        record: Record,
        doc_id: int,
        entity_actor: dict[str, int],
        pending: Pending,
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

    def _write_passages(self, record: Record, doc_id: int, pending: Pending) -> None:
        """Sentences of the text (else the event sentences); quotes are added with their
        statements at the end of the batch."""
        rows = pending.rows["passages"]
        if record.text:
            # the parser's sentences; a record without them (not analysed, or made before
            # they were recorded) is split by the regular expression
            size = len(record.text)
            bounds = [b for b in record.sentences if 0 <= b[0] < b[1] <= size]
            bounds = bounds or split_sentences(record.text)
            for start, end in bounds:
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


def _first_line(err: BaseException) -> str:
    message = str(getattr(err, "orig", None) or err)
    return message.splitlines()[0] if message else type(err).__name__
