"""The corpus store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Tables are named for what they hold so the SQLite file reads well in Datasette:
``documents``, ``actors``, ``actor_mentions``, ``places``, ``place_mentions``, ``statements``,
``events``, ``event_actors``, ``event_mentions``, ``relations``, ``relation_periods``,
``relation_evidence`` and ``passages`` (sentences and quotes, full-text indexed).
The migrations under ``dossier/store/migrations`` create them; this module is what the code
queries. Character offsets are ``start_char``/``end_char`` into ``documents.text``.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", String(300), nullable=False, index=True, comment="the record's id"),
    Column("content_hash", String(64), nullable=False, unique=True, comment="SHA-256 of the text"),
    Column("url", Text),
    Column("title", Text),
    Column("source", String(300), comment="site (URL host) or input file"),
    Column("origin", Text, comment="where it was read: path, path:line, warc#uri"),
    Column("published", String(10), index=True),
    Column("status", String(10), nullable=False, index=True, comment="ok, skipped, failed"),
    Column("reason", Text, comment="why it was skipped or failed"),
    Column("warnings", Text, comment="JSON list"),
    Column("text", Text),
    Column("n_entities", Integer, nullable=False, default=0),
    Column("n_statements", Integer, nullable=False, default=0),
    Column("n_events", Integer, nullable=False, default=0),
    Column("record", Text, comment="the analysis record as JSON, without text"),
    Column("ingested_at", DateTime, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(500), nullable=False, unique=True, comment="kb:ID or name:NAME|COUNTRY"),
    Column("name", Text, nullable=False),
    Column("type", String(16)),
    Column("country", String(3), index=True),
    Column("sector", String(16)),
    Column("actor_code", String(32), index=True),
    Column("kb_id", String(300), index=True),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_documents", Integer, nullable=False, default=0),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("entity_id", String(32), comment="the entity's id in its record"),
    Column("text", Text),
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("kind", String(16)),
)

places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(500), nullable=False, unique=True, comment="gn:ID or name:NAME|COUNTRY"),
    Column("name", Text, nullable=False),
    Column("geonameid", Integer),
    Column("country", String(3), index=True),
    Column("kind", String(16)),
    Column("lat", Float),
    Column("lon", Float),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_documents", Integer, nullable=False, default=0),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("place_id", Integer, ForeignKey("places.id"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("place_ref", String(32), comment="the place's id in its record"),
    Column("text", Text),
    Column("start_char", Integer),
    Column("end_char", Integer),
)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("statement_id", String(32), comment="the statement's id in its record"),
    Column("kind", String(10)),
    Column(
        "cue_class",
        String(12),
        index=True,
        comment="speech, thought, intention or evidence (migration 0003)",
    ),
    Column("speaker_actor_id", Integer, ForeignKey("actors.id"), index=True),
    Column("speaker_name", Text),
    Column("speaker_text", Text),
    Column("cue", Text),
    Column("content", Text, comment="content spans joined"),
    Column("spans", Text, comment="JSON: speaker, cue and content spans"),
    Column("reported_by", String(32)),
    Column("published", String(10), index=True),
    Column("confidence", Float),
    Column("rule", Text),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("cameo", String(8)),
    Column(
        "quad_class",
        Integer,
        comment="1 verbal coop, 2 material coop, 3 verbal/4 material conflict",
    ),
    Column("date", String(10)),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hypothetical", Boolean, nullable=False, default=False),
    Column("source_names", Text, comment="source actors' names, '; '-joined"),
    Column("target_names", Text, comment="target actors' names, '; '-joined"),
    Column("n_mentions", Integer, nullable=False, default=0),
    Column("n_documents", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    Column("confidence", Float),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_date", "date"),
    # the timeline's counts per month and type (migration 0004)
    Index("ix_events_flags_date", "negated", "hypothetical", "date", "type"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True, index=True),
    Column("role", String(6), primary_key=True, comment="source or target"),
    # the graph joins an event to its source side and its target side (migration 0004)
    Index("ix_event_actors_role_event", "role", "event_id", "actor_id"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("event_ref", String(32), comment="the event's id in its record"),
    Column("type", String(16)),
    Column("date", String(10)),
    Column("trigger", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("sentence", Text),
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hypothetical", Boolean, nullable=False, default=False),
    Column("attributed_to", String(32)),
    Column("confidence", Float),
    Column("rule", Text),
    Column("source", String(300), comment="the document's site or input"),
    Column("url", Text),
    Column("merge_rule", Text, comment="why this mention joined its event"),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("target_actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
    Column("type", String(32), nullable=False, comment="'interaction' (events) or a tie type"),
    Column("weight", Float, nullable=False, default=0.0),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_evidence", Integer, nullable=False, default=0),
    Column("cooperation", Integer, nullable=False, default=0),
    Column("conflict", Integer, nullable=False, default=0),
    Column("first_date", String(10)),
    Column("last_date", String(10)),
    UniqueConstraint("source_actor_id", "target_actor_id", "type", name="uq_relations_pair"),
)

relation_periods = Table(
    "relation_periods",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("target_actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("period", String(7), nullable=False, comment="YYYY-MM"),
    Column("n_events", Integer, nullable=False, default=0),
    Column("cooperation", Integer, nullable=False, default=0),
    Column("conflict", Integer, nullable=False, default=0),
    UniqueConstraint("source_actor_id", "target_actor_id", "period", name="uq_relation_periods"),
    Index("ix_relation_periods_period", "period"),
)

relation_evidence = Table(
    "relation_evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("relation_id", Integer, ForeignKey("relations.id"), nullable=False, index=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("event_id", Integer, ForeignKey("events.id")),
    Column("evidence", Text, comment="JSON list of the record's evidence ids"),
    Column("confidence", Float),
    Column("rule", Text),
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False, comment="sentence or quote"),
    Column("statement_id", Integer, ForeignKey("statements.id")),
    Column("start_char", Integer),
    Column("end_char", Integer),
    Column("text", Text, nullable=False),
)

TABLES = [
    documents,
    actors,
    actor_mentions,
    places,
    place_mentions,
    statements,
    events,
    event_actors,
    event_mentions,
    relations,
    relation_periods,
    relation_evidence,
    passages,
]
