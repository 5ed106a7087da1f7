"""The cue class of each statement: speech, thought, intention or evidence.

Rows stored before this migration get NULL (their records did not say); the readable view
``statement_summary`` is left as it was.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "cue_class",
                sa.String(length=12),
                nullable=True,
                comment="speech, thought, intention or evidence (migration 0003)",
            )
        )
        batch_op.create_index(batch_op.f("ix_statements_cue_class"), ["cue_class"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_cue_class"))
        batch_op.drop_column("cue_class")
