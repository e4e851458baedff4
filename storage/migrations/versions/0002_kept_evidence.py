"""kept evidence: the bot's own copy of each bukti (where, how big, whether kept)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 13:14:18.256309
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place; existing evidence starts "antri"
    # (to be downloaded), so what was reported before this version is kept too
    with op.batch_alter_table("bukti", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("stored_state", sa.String(length=16), server_default="antri", nullable=False)
        )
        batch_op.add_column(sa.Column("stored_path", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("stored_size", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("store_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("store_after", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("store_error", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_bukti_stored_state"), ["stored_state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bukti", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bukti_stored_state"))
        batch_op.drop_column("store_error")
        batch_op.drop_column("store_after")
        batch_op.drop_column("store_attempts")
        batch_op.drop_column("stored_at")
        batch_op.drop_column("stored_size")
        batch_op.drop_column("stored_path")
        batch_op.drop_column("stored_state")
