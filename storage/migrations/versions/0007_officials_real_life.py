"""officials' real life: acting officials (Plh), leave (cuti), extension requests
(perpanjangan) and the versions of a changed directive (arahan_versi)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "plh",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opd_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("dari", sa.Date(), nullable=False),
        sa.Column("sampai", sa.Date(), nullable=False),
        sa.Column("ended_at", WHEN, nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(["opd_id"], ["opd.id"], name=op.f("fk_plh_opd_id_opd")),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_plh_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plh")),
    )
    op.create_index(op.f("ix_plh_opd_id"), "plh", ["opd_id"])
    op.create_index(op.f("ix_plh_member_id"), "plh", ["member_id"])
    op.create_table(
        "cuti",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("dari", sa.Date(), nullable=False),
        sa.Column("sampai", sa.Date(), nullable=False),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("ended_at", WHEN, nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_cuti_member_id_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cuti")),
    )
    op.create_index(op.f("ix_cuti_member_id"), "cuti", ["member_id"])
    op.create_table(
        "perpanjangan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("penugasan_id", sa.Integer(), nullable=False),
        sa.Column("tenggat_lama", sa.Date(), nullable=False),
        sa.Column("tenggat_baru", sa.Date(), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("requested_by", sa.BigInteger(), nullable=False),
        sa.Column("requested_at", WHEN, nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", WHEN, nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["penugasan_id"],
            ["penugasan.id"],
            name=op.f("fk_perpanjangan_penugasan_id_penugasan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_perpanjangan")),
    )
    op.create_index(op.f("ix_perpanjangan_penugasan_id"), "perpanjangan", ["penugasan_id"])
    op.create_table(
        "arahan_versi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arahan_id", sa.Integer(), nullable=False),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("teks", sa.Text(), nullable=False),
        sa.Column("prioritas", sa.String(length=10), nullable=False),
        sa.Column("tenggat", sa.Date(), nullable=False),
        sa.Column("opd", sa.JSON(), nullable=False),
        sa.Column("alasan", sa.Text(), nullable=True),
        sa.Column("changed_by", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["arahan_id"], ["arahan.id"], name=op.f("fk_arahan_versi_arahan_id_arahan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arahan_versi")),
        sa.UniqueConstraint("arahan_id", "versi", name=op.f("uq_arahan_versi_arahan_id")),
    )
    op.create_index(op.f("ix_arahan_versi_arahan_id"), "arahan_versi", ["arahan_id"])


def downgrade() -> None:
    op.drop_table("arahan_versi")
    op.drop_table("perpanjangan")
    op.drop_table("cuti")
    op.drop_table("plh")
