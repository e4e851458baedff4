"""Finding the penugasan a report is about, for the reporter's own OPD only."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import CLOSED, Status
from bot.features.people.access import Actor
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, MessageLink, Penugasan
from storage.states import ArahanState

_NOMOR = re.compile(r"^(?:[A-Za-z]{1,3}-?)?(\d{1,9})$")
DIBATALKAN = "dibatalkan"  # the status word of a cancelled directive (`status.dibatalkan`)


class PenugasanDitutup(InputTidakValid):
    """No report can be taken any more: the directive is cancelled or the penugasan closed."""

    def __init__(self, nomor: int | None, status: str) -> None:
        super().__init__(Teks("penugasan.ditutup", nomor=nomor, status=Teks(f"status.{status}")))
        self.nomor = nomor
        self.status = status


def parse_nomor(text: str) -> int | None:
    """A directive number as people type it: `12`, `No.12` or `A-12`."""
    cleaned = text.strip().lower().removeprefix("no.").removeprefix("no").strip()
    match = _NOMOR.match(cleaned)
    return int(match.group(1)) if match else None


async def for_opd(uow: UnitOfWork, actor: Actor, arahan_id: int) -> tuple[Penugasan, Arahan]:
    """This actor's OPD's penugasan of a directive, locked; refused if their OPD has none.
    An acting official (Plh) reports for the OPD they stand in for; their own OPD's part
    comes first when the directive concerns both."""
    found = {
        t.opd_id: t
        for t in (
            await uow.session.scalars(
                select(Penugasan)
                .where(
                    Penugasan.arahan_id == arahan_id,
                    Penugasan.opd_id.in_(actor.opd_ids or (0,)),
                )
                .with_for_update()
            )
        ).all()
    }
    tugas = next((found[o] for o in actor.opd_ids if o in found), None)
    return await _own(uow, actor, tugas)


async def _own(uow: UnitOfWork, actor: Actor, tugas: Penugasan | None) -> tuple[Penugasan, Arahan]:
    """The penugasan with its directive, if it is the actor's OPD's; a refusal otherwise."""
    if tugas is None or not actor.may_act_for_opd(tugas.opd_id):
        raise Ditolak(Teks("penugasan.bukan_opd_anda"))
    arahan = await uow.session.get(Arahan, tugas.arahan_id)
    assert arahan is not None
    return tugas, arahan


async def by_id(uow: UnitOfWork, actor: Actor, penugasan_id: int) -> tuple[Penugasan, Arahan]:
    """A penugasan by id, locked, only if it belongs to the actor's OPD (its directive comes
    in the same query)."""
    found = (
        await uow.session.execute(
            select(Penugasan, Arahan)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .where(Penugasan.id == penugasan_id)
            .with_for_update(of=Penugasan)
            # locked now: what another transaction committed before the lock counts
            .execution_options(populate_existing=True)
        )
    ).first()
    return await _own(uow, actor, found[0] if found is not None else None)


async def by_nomor(uow: UnitOfWork, actor: Actor, nomor: int) -> tuple[Penugasan, Arahan]:
    """The actor's OPD's penugasan of directive ``nomor``."""
    arahan = (await uow.session.scalars(select(Arahan).where(Arahan.nomor == nomor))).first()
    if arahan is None:
        raise InputTidakValid(Teks("arahan.nomor_tidak_ada", nomor=nomor))
    return await for_opd(uow, actor, arahan.id)


async def by_message(
    uow: UnitOfWork, actor: Actor, chat_id: int, message_id: int
) -> tuple[Penugasan, Arahan] | None:
    """The penugasan a bot message is about (None if the message is about no directive)."""
    link = await uow.session.get(MessageLink, (chat_id, message_id))
    if link is None or link.arahan_id is None:
        return None
    if link.penugasan_id is not None:
        return await by_id(uow, actor, link.penugasan_id)
    # a message for the whole directive (the Rakor group): the reporter's own OPD's part
    return await for_opd(uow, actor, link.arahan_id)


def ensure_open(tugas: Penugasan, arahan: Arahan) -> Status:
    """The current status, or a refusal naming why no report can be taken any more."""
    current = Status(tugas.status)
    if arahan.status == ArahanState.DIBATALKAN:
        raise PenugasanDitutup(arahan.nomor, DIBATALKAN)
    if current in CLOSED:
        raise PenugasanDitutup(arahan.nomor, current.value)
    return current
