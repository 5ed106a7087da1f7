"""Indexes for the web views' aggregations (measured on the 10,000-document bench store).

* ``ix_event_actors_role_event`` (role, event_id, actor_id): the actor graph joins each
  event to its source and its target side; the index covers both look-ups.
* ``ix_events_flags_date`` (negated, hypothetical, date, type): the timeline counts
  asserted events per month and type from the index alone.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_event_actors_role_event", "event_actors", ["role", "event_id", "actor_id"])
    op.create_index("ix_events_flags_date", "events", ["negated", "hypothetical", "date", "type"])


def downgrade() -> None:
    op.drop_index("ix_events_flags_date", table_name="events")
    op.drop_index("ix_event_actors_role_event", table_name="event_actors")
