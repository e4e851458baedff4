"""Migration 0003 (progress since) on a database with history, on SQLite and PostgreSQL: each
penugasan learns when its progress last changed from its kept reports."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from alembic import command
from sqlalchemy import Connection, select, text

from storage.db import Database
from storage.migrate import alembic_config, upgrade_to_head
from storage.models import Penugasan

NOW = datetime(2026, 11, 23, 1, tzinfo=UTC)


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


ROWS: list[tuple[str, dict[str, Any]]] = [
    (
        "INSERT INTO opd (id, kode, nama, klaster, created_at, updated_at)"
        " VALUES (1, 'DINKES', 'Dinas Kesehatan', 1, :now, :now),"
        " (2, 'DISDIK', 'Dinas Pendidikan', 1, :now, :now)",
        {"now": NOW},
    ),
    (
        "INSERT INTO arahan (id, nomor, teks, tenggat, prioritas, status, created_by,"
        " created_at) VALUES (1, 1, 'Validasi data', :tenggat, 'sedang', 'terbit', 1001, :now)",
        {"now": NOW, "tenggat": date(2026, 12, 31)},
    ),
    *[
        (
            "INSERT INTO penugasan (id, arahan_id, opd_id, kedudukan, urutan, status, progress,"
            f" updated_at) VALUES ({pid}, 1, {pid}, 'penanggung_jawab', 0, 'dalam_proses', 40,"
            " :now)",
            {"now": NOW},
        )
        for pid in (1, 2)
    ],
    *[
        (
            "INSERT INTO laporan (penugasan_id, status_from, status_to, progress_from, progress,"
            " source, tidak_dapat, created_at, withdrawn_at) VALUES (1, 'dalam_proses',"
            " 'dalam_proses', :a, :b, 'balasan', false, :at, :withdrawn)",
            {"a": a, "b": b, "at": ago(days), "withdrawn": withdrawn},
        )
        for a, b, days, withdrawn in (
            (0, 40, 10, None),  # the last real change
            (40, 40, 2, None),  # the same progress again
            (40, 70, 1, ago(1)),  # a change taken back
        )
    ],
]


async def test_upgrade_finds_when_progress_last_changed(database_url: str) -> None:
    db = Database(database_url)
    try:

        def to_0002(connection: Connection) -> None:
            command.downgrade(alembic_config(connection), "0002")

        async with db.engine.begin() as conn:
            await conn.run_sync(to_0002)
            for statement, values in ROWS:
                await conn.execute(text(statement), values)
        await upgrade_to_head(db.engine)
        async with db.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(Penugasan.id, Penugasan.progress_since).order_by(Penugasan.id)
                )
            ).all()
        assert [tuple(r) for r in rows] == [(1, ago(10)), (2, None)]
    finally:
        await db.dispose()
