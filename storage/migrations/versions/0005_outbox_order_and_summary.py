"""outbox order and summary: answers before fan-out, each chat's queue head, reported rows

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prioritas", sa.SmallInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("dilaporkan_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_outbox_chat", ["chat_id", "state", "id"], unique=False)
    # rows of unknown fate or given up from before: reported (or not) the old way already
    op.execute(
        "UPDATE outbox SET dilaporkan_at = created_at WHERE state IN ('tidak_pasti', 'gagal')"
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_chat")
        batch_op.drop_column("dilaporkan_at")
        batch_op.drop_column("prioritas")
