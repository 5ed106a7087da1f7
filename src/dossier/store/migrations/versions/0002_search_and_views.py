"""Full-text search over passages and readable views (for Datasette and SQL users).

SQLite: an FTS5 table ``passages_fts`` (external content = ``passages``, porter stemming) kept
in step by triggers. PostgreSQL: a stored ``tsvector`` column ``passages.tsv`` with a GIN index.

Views: ``event_summary`` (one row per merged event with actor and place names),
``statement_summary`` (who said what, where and when), ``actor_graph`` (the weighted actor
graph, one row per ordered pair with its cooperation/conflict balance).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

VIEWS = {
    "event_summary": """
        SELECT e.id, e.date, e.type, e.mode, e.cameo, e.quad_class,
               e.source_names AS source, e.target_names AS target,
               p.name AS place, p.country AS place_country,
               e.n_mentions, e.n_documents, e.n_sources, e.first_seen, e.last_seen,
               e.negated, e.hypothetical
        FROM events e LEFT JOIN places p ON p.id = e.place_id
    """,
    "statement_summary": """
        SELECT s.id, d.published, COALESCE(a.name, s.speaker_name) AS speaker, s.kind,
               s.cue, s.content, d.title, d.url, d.source, s.document_id
        FROM statements s
        JOIN documents d ON d.id = s.document_id
        LEFT JOIN actors a ON a.id = s.speaker_actor_id
    """,
    "actor_graph": """
        SELECT r.source_actor_id, sa.name AS source, r.target_actor_id, ta.name AS target,
               SUM(r.weight) AS weight, SUM(r.n_events) AS n_events,
               SUM(r.n_evidence) AS n_evidence, SUM(r.cooperation) AS cooperation,
               SUM(r.conflict) AS conflict,
               CASE WHEN SUM(r.cooperation) + SUM(r.conflict) = 0 THEN 0.0
                    ELSE (SUM(r.cooperation) - SUM(r.conflict)) * 1.0
                         / (SUM(r.cooperation) + SUM(r.conflict)) END AS balance,
               MIN(r.first_date) AS first_date, MAX(r.last_date) AS last_date
        FROM relations r
        JOIN actors sa ON sa.id = r.source_actor_id
        JOIN actors ta ON ta.id = r.target_actor_id
        GROUP BY r.source_actor_id, sa.name, r.target_actor_id, ta.name
    """,
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE passages_fts USING fts5("
            'text, content="passages", content_rowid="id", tokenize="porter unicode61")'
        )
        op.execute(
            "CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN "
            "INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN "
            "INSERT INTO passages_fts(passages_fts, rowid, text) "
            "VALUES ('delete', old.id, old.text); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE passages ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"
        )
        op.execute("CREATE INDEX ix_passages_tsv ON passages USING GIN (tsv)")
        op.execute("CREATE INDEX ix_actors_lower_name ON actors (lower(name))")
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS passages_ad")
        op.execute("DROP TRIGGER IF EXISTS passages_ai")
        op.execute("DROP TABLE IF EXISTS passages_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_actors_lower_name")
        op.execute("DROP INDEX IF EXISTS ix_passages_tsv")
        op.execute("ALTER TABLE passages DROP COLUMN IF EXISTS tsv")
