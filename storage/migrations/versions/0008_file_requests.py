"""file requests: exports and Rakor reports are made by the file desk, outside the update's
unit of work (a province's export takes seconds; other updates do not wait for it)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "permintaan_berkas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("isian", sa.JSON(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("taken_at", WHEN, nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("done_at", WHEN, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permintaan_berkas")),
    )
    op.create_index("ix_permintaan_berkas_state", "permintaan_berkas", ["state", "id"])


def downgrade() -> None:
    op.drop_index("ix_permintaan_berkas_state", table_name="permintaan_berkas")
    op.drop_table("permintaan_berkas")
