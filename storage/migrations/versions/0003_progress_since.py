"""progress since: when a penugasan's progress last changed (the digest's stalled sign)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 13:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place
    with op.batch_alter_table("penugasan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("progress_since", sa.DateTime(timezone=True), nullable=True))
    # what the history already says: the latest kept report that changed the progress
    op.execute(
        """
        UPDATE penugasan SET progress_since = (
            SELECT MAX(laporan.created_at) FROM laporan
            WHERE laporan.penugasan_id = penugasan.id
              AND laporan.withdrawn_at IS NULL
              AND laporan.progress IS NOT NULL
              AND (laporan.progress_from IS NULL OR laporan.progress <> laporan.progress_from)
        )
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("penugasan", schema=None) as batch_op:
        batch_op.drop_column("progress_since")
