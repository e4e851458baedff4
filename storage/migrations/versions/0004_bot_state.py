"""bot state: the bot's own persistent values (callback signing secret, first start)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bot_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_bot_state")),
    )
    # the signing secret is made here, once per database (migrations run under the start-up
    # lock); a database already in use keeps accepting the buttons it sent before, which were
    # signed with a key derived from the bot token
    state = sa.table(
        "bot_state",
        sa.column("key", sa.String),
        sa.column("value", sa.Text),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    bind = op.get_bind()
    now = datetime.now(UTC)
    if bind.dialect.name == "sqlite":  # kept naive there, like every UTC column
        now = now.replace(tzinfo=None)
    rows = [{"key": "callback_secret", "value": secrets.token_hex(32), "created_at": now}]
    in_use = bind.execute(sa.text("SELECT 1 FROM member LIMIT 1")).first()
    if in_use is not None:
        rows.append({"key": "callback_token_lama", "value": "1", "created_at": now})
    op.bulk_insert(state, rows)


def downgrade() -> None:
    op.drop_table("bot_state")
