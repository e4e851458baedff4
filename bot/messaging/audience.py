"""Who a fan-out reaches: the members of OPDs, the OPDs' groups and the Rakor group, found in
one place for publishing, announcements, verification notices and reminders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from bot.domain.lifecycle import Status
from bot.features.acting import aktif
from storage import repo
from storage.db import UnitOfWork
from storage.models import Arahan, Member, Penugasan


@dataclass(frozen=True)
class Recipient:
    """One chat a fan-out reaches, and what the message there is about (kept on its outbox
    row: delivery reports name the member, replies map back to the penugasan)."""

    chat_id: int
    slot: str  # this recipient's part of the outbox key: `anggota:12`, `grup:-100…`, `rakor`
    member: Member | None = None
    penugasan_id: int | None = None
    # set for a message about an OPD's whole work list (a reply to it reports by number)
    opd_id: int | None = None
    # set for an acting official (Plh): the OPD they receive this for, not their own
    plh_untuk: int | None = None

    @property
    def member_id(self) -> int | None:
        """The member's id for a private chat, None for a group."""
        return self.member.id if self.member is not None else None


def member(row: Member, penugasan_id: int | None = None) -> Recipient:
    """A member in their private chat."""
    return Recipient(row.telegram_id, f"anggota:{row.id}", row, penugasan_id)


def acting(row: Member, opd_id: int, penugasan_id: int | None = None) -> Recipient:
    """An acting official (Plh) of ``opd_id`` in their private chat: a slot of its own, so
    someone who also belongs to another OPD gets both OPDs' messages."""
    return Recipient(
        row.telegram_id, f"anggota:{row.id}:plh:{opd_id}", row, penugasan_id, plh_untuk=opd_id
    )


async def members(
    uow: UnitOfWork, opd_ids: Iterable[int], *, hari: date | None = None
) -> list[Recipient]:
    """Every active head and operator of these OPDs (heads first), privately; with ``hari``
    (the Pemda's date), each OPD's acting official (Plh) in force that day too."""
    ids = list(opd_ids)
    found = [member(m) for m in await repo.active_members_of(uow.session, ids)]
    if hari is not None:
        found += [
            acting(m, plh.opd_id)
            for plh, m in await aktif.plh_on(uow.session, hari, ids)
            if m.opd_id != plh.opd_id  # an operator standing in for the head has it already
        ]
    return found


async def reminded(uow: UnitOfWork, opd_ids: Iterable[int], hari: date) -> list[Recipient]:
    """Who a reminder or the weekly push about these OPDs reaches on ``hari``: the members
    and acting officials, without anyone on leave (cuti) that day. While the head is away
    and a Plh stands in, the Plh gets it."""
    found = await members(uow, opd_ids, hari=hari)
    away = await aktif.away_on(uow.session, hari, {p.member_id for p in found if p.member_id})
    return [p for p in found if p.member_id not in away]


async def leaders(uow: UnitOfWork, roles: Iterable[str]) -> list[Member]:
    """Active members holding one of ``roles`` (Asisten, Sekda, Kepala Daerah), oldest first."""
    rows = await uow.session.scalars(
        select(Member)
        .where(Member.active.is_(True), Member.peran.in_(list(roles)))
        .order_by(Member.id)
    )
    return list(rows.all())


@dataclass(frozen=True)
class Khalayak:
    """Everyone a directive concerns: the members of its OPDs, their groups, the Rakor group."""

    members: list[Recipient]
    groups: list[Recipient]
    rakor: Recipient | None

    def all(self) -> list[Recipient]:
        """Members, then OPD groups, then the Rakor group."""
        return [*self.members, *self.groups, *([self.rakor] if self.rakor else [])]


async def of_directive(
    uow: UnitOfWork,
    arahan: Arahan,
    tugas: Iterable[Penugasan] | None = None,
    *,
    hari: date | None = None,
) -> Khalayak:
    """The audience of ``arahan``: each active member of each assigned OPD privately (with
    their OPD's penugasan), with ``hari`` each OPD's acting official (Plh) in force that
    day, each assigned OPD's group, and the Rakor group."""
    assigned = (
        list(tugas) if tugas is not None else list(await repo.penugasan_of(uow.session, arahan.id))
    )
    # a penugasan withdrawn by /arahan_ubah: its OPD is told nothing more about the directive
    assigned = [t for t in assigned if t.status != Status.DICABUT.value]
    by_opd = {t.opd_id: t for t in assigned}
    people = [
        member(m, by_opd[m.opd_id].id)
        for m in await repo.active_members_of(uow.session, by_opd)
        if m.opd_id is not None
    ]
    if hari is not None:
        people += [
            acting(m, plh.opd_id, by_opd[plh.opd_id].id)
            for plh, m in await aktif.plh_on(uow.session, hari, by_opd)
            if m.opd_id != plh.opd_id
        ]
    groups = []
    for t in assigned:
        group = await repo.group_of_opd(uow.session, t.opd_id)
        if group is not None:
            groups.append(Recipient(group.chat_id, f"grup:{group.chat_id}", None, t.id))
    rakor_group = await repo.rakor_group(uow.session)
    rakor = Recipient(rakor_group.chat_id, "rakor") if rakor_group is not None else None
    return Khalayak(people, groups, rakor)
