"""The kept versions of a changed directive, as `/arahan_info` lists them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from storage.db import UnitOfWork
from storage.models import ArahanVersi, Member


@dataclass(frozen=True)
class Versi:
    """One kept version: its number, when, by whom (the member's name when known) and why
    (None for the original)."""

    versi: int
    waktu: datetime
    oleh: str
    alasan: str | None


async def versions(uow: UnitOfWork, arahan_id: int) -> list[Versi]:
    """The directive's versions, oldest first (empty while it was never changed)."""
    rows = (
        await uow.session.execute(
            select(ArahanVersi, Member.nama)
            .outerjoin(Member, Member.telegram_id == ArahanVersi.changed_by)
            .where(ArahanVersi.arahan_id == arahan_id)
            .order_by(ArahanVersi.versi)
        )
    ).all()
    return [Versi(v.versi, v.changed_at, nama or str(v.changed_by), v.alasan) for v, nama in rows]
