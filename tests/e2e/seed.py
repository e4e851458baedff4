"""Seeding a bot database before the process starts, and reading it while it runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from storage.db import Database
from storage.migrate import upgrade_to_head
from storage.models import Arahan, Member, MessageLink, Opd, OutboxMessage, Penugasan, Rakor

BOT_ID = 999000


async def seed_pemda(url: str, opds: int, members_per_opd: int) -> list[int]:
    """OPDs with heads and operators, one open directive each; returns member chat ids."""
    db = Database(url)
    await upgrade_to_head(db.engine)
    now = datetime.now(UTC)
    chats: list[int] = []
    async with db.engine.begin() as conn:
        await conn.execute(
            insert(Opd),
            [
                {
                    "id": i,
                    "kode": f"OPD{i:02d}",
                    "nama": f"Dinas {i}",
                    "klaster": i % 3 + 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(1, opds + 1)
            ],
        )
        rows = []
        for i in range(1, opds + 1):
            for k in range(members_per_opd):
                chat = 200_000 + i * 100 + k
                chats.append(chat)
                rows.append(
                    {
                        "telegram_id": chat,
                        "nama": f"Pejabat {i}-{k}",
                        "peran": "kepala_opd" if k == 0 else "operator",
                        "opd_id": i,
                        "active": True,
                        "via_admin_ids": False,
                        "reachable": True,
                        "joined_at": now,
                    }
                )
        await conn.execute(insert(Member), rows)
        await conn.execute(
            insert(Rakor),
            [
                {
                    "id": 1,
                    "judul": "Rakor Evaluasi",
                    "tanggal": now.date(),
                    "created_by": 1,
                    "created_at": now,
                }
            ],
        )
        await conn.execute(
            insert(Arahan),
            [
                {
                    "id": i,
                    "nomor": i,
                    "rakor_id": 1,
                    "teks": f"Arahan untuk Dinas {i}",
                    "tenggat": date.today() + timedelta(days=20),
                    "prioritas": "sedang",
                    "status": "terbit",
                    "created_by": 1,
                    "created_at": now,
                    "published_at": now,
                }
                for i in range(1, opds + 1)
            ],
        )
        await conn.execute(
            insert(Penugasan),
            [
                {
                    "id": i,
                    "arahan_id": i,
                    "opd_id": i,
                    "urutan": 0,
                    "kedudukan": "penanggung_jawab",
                    "status": "diterima",
                    "progress": 0,
                    "updated_at": now,
                }
                for i in range(1, opds + 1)
            ],
        )
    await db.dispose()
    return chats


async def link_directive_message(url: str, chat_id: int, message_id: int) -> dict[str, Any]:
    """Pretend the bot sent directive 1 to ``chat_id`` as ``message_id``; returns the Message
    dict an official can reply to."""
    db = Database(url)
    async with db.engine.begin() as conn:
        await conn.execute(
            insert(MessageLink),
            [{"chat_id": chat_id, "message_id": message_id, "arahan_id": 1, "penugasan_id": 1}],
        )
    await db.dispose()
    return {
        "message_id": message_id,
        "date": int(datetime.now(UTC).timestamp()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Pejabat"},
        "from": {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Tindak Lanjut",
            "username": "TindakLanjutBot",
        },
        "text": "📌 Arahan No. 1",
    }


async def count(url: str, model: type[Any], *where: Any) -> int:
    """Rows of a table, read while the bot may be running."""
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            return int(
                await conn.scalar(select(func.count()).select_from(model).where(*where)) or 0
            )
    finally:
        await db.dispose()


async def outbox_states(url: str) -> dict[str, int]:
    """How many outbox rows are in each state."""
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
                )
            ).all()
        return {state: int(n) for state, n in rows}
    finally:
        await db.dispose()


async def unknown_chats(url: str) -> set[int]:
    """Chats whose message is 'tidak pasti' (the call started when the process died)."""
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            rows = await conn.scalars(
                select(OutboxMessage.chat_id).where(OutboxMessage.state == "tidak_pasti")
            )
            return set(rows.all())
    finally:
        await db.dispose()
