"""An OPD's open penugasan, most urgent first (overdue, then by deadline): the query shared with
the reminders, and `/tugas` (how such a list reads: ``bot.features.reporting.views``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, select

from bot.domain.errors import Ditolak
from bot.env import Env
from bot.features import work
from bot.features.people.access import Actor
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, Penugasan


async def open_work(
    uow: UnitOfWork, env: Env, opd_id: int, *, waiting: bool = True
) -> list[tuple[Penugasan, Arahan]]:
    """Open penugasan of published directives of one OPD, overdue first, then by deadline
    (``waiting=False`` leaves out those waiting for verification)."""
    today = env.today()
    overdue_first = case((Arahan.tenggat < today, 0), else_=1)
    rows = (
        await uow.session.execute(
            select(Penugasan, Arahan)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .where(
                Penugasan.opd_id == opd_id,
                work.published(),
                work.open_work(with_waiting=waiting),
            )
            .order_by(overdue_first, Arahan.tenggat, Arahan.nomor)
        )
    ).all()
    return [(row[0], row[1]) for row in rows]


@dataclass(frozen=True)
class DaftarTugas:
    """`/tugas`: an OPD's open work (waiting for verification included), most urgent first."""

    opd_id: int
    work: list[tuple[Penugasan, Arahan]]


async def my_open_work(uow: UnitOfWork, env: Env, actor: Actor) -> DaftarTugas:
    """`/tugas`: the open penugasan of the actor's OPD (an acting official without an OPD of
    their own: the OPD they stand in for), most urgent first (refused to anyone who reports
    for no OPD)."""
    if not actor.opd_ids:
        raise Ditolak(Teks("penugasan.bukan_opd_anda"))
    opd_id = actor.opd_ids[0]
    return DaftarTugas(opd_id, await open_work(uow, env, opd_id))
