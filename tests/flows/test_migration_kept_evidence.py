"""Migration 0002 (kept evidence) on a database that already holds evidence, on SQLite and
PostgreSQL: every earlier bukti is queued for the keeper, and nothing else changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from sqlalchemy import Connection, text

from storage.db import Database
from storage.migrate import alembic_config, upgrade_to_head

ROWS = [
    "INSERT INTO opd (id, kode, nama, klaster, created_at, updated_at)"
    " VALUES (1, 'DINKES', 'Dinas Kesehatan', 1, :now, :now)",
    "INSERT INTO arahan (id, nomor, teks, tenggat, prioritas, status, created_by, created_at)"
    " VALUES (1, 1, 'Validasi data', :tenggat, 'sedang', 'terbit', 1001, :now)",
    "INSERT INTO penugasan (id, arahan_id, opd_id, kedudukan, urutan, status, progress,"
    " updated_at) VALUES (1, 1, 1, 'penanggung_jawab', 0, 'selesai', 100, :now)",
    "INSERT INTO laporan (id, penugasan_id, status_from, status_to, source, tidak_dapat,"
    " created_at) VALUES (1, 1, 'baru', 'selesai', 'balasan', false, :now)",
    "INSERT INTO bukti (id, laporan_id, file_id, file_unique_id, jenis, size, caption)"
    " VALUES (1, 1, 'AgAC-foto', 'u1', 'foto', 2048, 'foto kegiatan')",
]


async def test_upgrade_keeps_evidence_and_queues_it(database_url: str) -> None:
    db = Database(database_url)
    try:

        def to_0001(connection: Connection) -> None:
            command.downgrade(alembic_config(connection), "0001")

        async with db.engine.begin() as conn:
            await conn.run_sync(to_0001)
            for statement in ROWS:
                values = {
                    "now": datetime(2026, 11, 23, 1, tzinfo=UTC),
                    "tenggat": date(2026, 12, 31),
                }
                await conn.execute(
                    text(statement), {k: v for k, v in values.items() if f":{k}" in statement}
                )
        await upgrade_to_head(db.engine)
        async with db.engine.connect() as conn:
            row = (
                await conn.execute(
                    text(
                        "SELECT file_id, size, caption, stored_state, stored_path,"
                        " store_attempts, store_after FROM bukti"
                    )
                )
            ).one()
        assert tuple(row) == ("AgAC-foto", 2048, "foto kegiatan", "antri", None, 0, None)
    finally:
        await db.dispose()
