"""Initial tables of the corpus store (generated from dossier.store.schema, then frozen).

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "key", sa.String(length=500), nullable=False, comment="kb:ID or name:NAME|COUNTRY"
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("sector", sa.String(length=16), nullable=True),
        sa.Column("actor_code", sa.String(length=32), nullable=True),
        sa.Column("kb_id", sa.String(length=300), nullable=True),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_actor_code"), ["actor_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_actors_kb_id"), ["kb_id"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=300), nullable=False, comment="the record's id"),
        sa.Column(
            "content_hash", sa.String(length=64), nullable=False, comment="SHA-256 of the text"
        ),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column(
            "source", sa.String(length=300), nullable=True, comment="site (URL host) or input file"
        ),
        sa.Column(
            "origin",
            sa.Text(),
            nullable=True,
            comment="where it was read: path, path:line, warc#uri",
        ),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False, comment="ok, skipped, failed"),
        sa.Column("reason", sa.Text(), nullable=True, comment="why it was skipped or failed"),
        sa.Column("warnings", sa.Text(), nullable=True, comment="JSON list"),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("n_entities", sa.Integer(), nullable=False),
        sa.Column("n_statements", sa.Integer(), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column(
            "record", sa.Text(), nullable=True, comment="the analysis record as JSON, without text"
        ),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_doc_id"), ["doc_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_status"), ["status"], unique=False)

    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "key", sa.String(length=500), nullable=False, comment="gn:ID or name:NAME|COUNTRY"
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_country"), ["country"], unique=False)

    op.create_table(
        "actor_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column(
            "entity_id",
            sa.String(length=32),
            nullable=True,
            comment="the entity's id in its record",
        ),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("start_char", sa.Integer(), nullable=True),
        sa.Column("end_char", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("actor_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actor_mentions_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_actor_mentions_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=32), nullable=True),
        sa.Column("cameo", sa.String(length=8), nullable=True),
        sa.Column(
            "quad_class",
            sa.Integer(),
            nullable=True,
            comment="1 verbal coop, 2 material coop, 3 verbal/4 material conflict",
        ),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        sa.Column(
            "source_names", sa.Text(), nullable=True, comment="source actors' names, '; '-joined"
        ),
        sa.Column(
            "target_names", sa.Text(), nullable=True, comment="target actors' names, '; '-joined"
        ),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.String(length=10), nullable=True),
        sa.Column("last_seen", sa.String(length=10), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_date", ["date"], unique=False)
        batch_op.create_index("ix_events_type_date", ["type", "date"], unique=False)

    op.create_table(
        "place_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column(
            "place_ref", sa.String(length=32), nullable=True, comment="the place's id in its record"
        ),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("start_char", sa.Integer(), nullable=True),
        sa.Column("end_char", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("place_mentions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_place_mentions_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_place_mentions_place_id"), ["place_id"], unique=False)

    op.create_table(
        "relation_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_actor_id", sa.Integer(), nullable=False),
        sa.Column("target_actor_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False, comment="YYYY-MM"),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("cooperation", sa.Integer(), nullable=False),
        sa.Column("conflict", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_actor_id"],
            ["actors.id"],
        ),
        sa.ForeignKeyConstraint(
            ["target_actor_id"],
            ["actors.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "source_actor_id", "target_actor_id", "period", name="uq_relation_periods"
        ),
    )
    with op.batch_alter_table("relation_periods", schema=None) as batch_op:
        batch_op.create_index("ix_relation_periods_period", ["period"], unique=False)

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_actor_id", sa.Integer(), nullable=False),
        sa.Column("target_actor_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.String(length=32),
            nullable=False,
            comment="'interaction' (events) or a tie type",
        ),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("n_evidence", sa.Integer(), nullable=False),
        sa.Column("cooperation", sa.Integer(), nullable=False),
        sa.Column("conflict", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.String(length=10), nullable=True),
        sa.Column("last_date", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_actor_id"],
            ["actors.id"],
        ),
        sa.ForeignKeyConstraint(
            ["target_actor_id"],
            ["actors.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_actor_id", "target_actor_id", "type", name="uq_relations_pair"),
    )
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relations_source_actor_id"), ["source_actor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_relations_target_actor_id"), ["target_actor_id"], unique=False
        )

    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column(
            "statement_id",
            sa.String(length=32),
            nullable=True,
            comment="the statement's id in its record",
        ),
        sa.Column("kind", sa.String(length=10), nullable=True),
        sa.Column("speaker_actor_id", sa.Integer(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True, comment="content spans joined"),
        sa.Column(
            "spans", sa.Text(), nullable=True, comment="JSON: speaker, cue and content spans"
        ),
        sa.Column("reported_by", sa.String(length=32), nullable=True),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["speaker_actor_id"],
            ["actors.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statements_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_statements_published"), ["published"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_statements_speaker_actor_id"), ["speaker_actor_id"], unique=False
        )

    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=6), nullable=False, comment="source or target"),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.PrimaryKeyConstraint("event_id", "actor_id", "role"),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_actors_actor_id"), ["actor_id"], unique=False)

    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column(
            "event_ref", sa.String(length=32), nullable=True, comment="the event's id in its record"
        ),
        sa.Column("type", sa.String(length=16), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("trigger", sa.Text(), nullable=True),
        sa.Column("trigger_start", sa.Integer(), nullable=True),
        sa.Column("trigger_end", sa.Integer(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=True),
        sa.Column("sentence_start", sa.Integer(), nullable=True),
        sa.Column("sentence_end", sa.Integer(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        sa.Column("attributed_to", sa.String(length=32), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column(
            "source", sa.String(length=300), nullable=True, comment="the document's site or input"
        ),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column(
            "merge_rule", sa.Text(), nullable=True, comment="why this mention joined its event"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_mentions_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_event_mentions_event_id"), ["event_id"], unique=False)

    op.create_table(
        "passages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False, comment="sentence or quote"),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("start_char", sa.Integer(), nullable=True),
        sa.Column("end_char", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("passages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passages_document_id"), ["document_id"], unique=False)

    op.create_table(
        "relation_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column(
            "evidence", sa.Text(), nullable=True, comment="JSON list of the record's evidence ids"
        ),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("relation_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relation_evidence_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_relation_evidence_relation_id"), ["relation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("relation_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relation_evidence_relation_id"))
        batch_op.drop_index(batch_op.f("ix_relation_evidence_document_id"))

    op.drop_table("relation_evidence")
    with op.batch_alter_table("passages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passages_document_id"))

    op.drop_table("passages")
    with op.batch_alter_table("event_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_mentions_event_id"))
        batch_op.drop_index(batch_op.f("ix_event_mentions_document_id"))

    op.drop_table("event_mentions")
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_actors_actor_id"))

    op.drop_table("event_actors")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_speaker_actor_id"))
        batch_op.drop_index(batch_op.f("ix_statements_published"))
        batch_op.drop_index(batch_op.f("ix_statements_document_id"))

    op.drop_table("statements")
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relations_target_actor_id"))
        batch_op.drop_index(batch_op.f("ix_relations_source_actor_id"))

    op.drop_table("relations")
    with op.batch_alter_table("relation_periods", schema=None) as batch_op:
        batch_op.drop_index("ix_relation_periods_period")

    op.drop_table("relation_periods")
    with op.batch_alter_table("place_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_mentions_place_id"))
        batch_op.drop_index(batch_op.f("ix_place_mentions_document_id"))

    op.drop_table("place_mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_type_date")
        batch_op.drop_index("ix_events_date")

    op.drop_table("events")
    with op.batch_alter_table("actor_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actor_mentions_document_id"))
        batch_op.drop_index(batch_op.f("ix_actor_mentions_actor_id"))

    op.drop_table("actor_mentions")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_country"))

    op.drop_table("places")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_status"))
        batch_op.drop_index(batch_op.f("ix_documents_published"))
        batch_op.drop_index(batch_op.f("ix_documents_doc_id"))

    op.drop_table("documents")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_kb_id"))
        batch_op.drop_index(batch_op.f("ix_actors_country"))
        batch_op.drop_index(batch_op.f("ix_actors_actor_code"))

    op.drop_table("actors")
