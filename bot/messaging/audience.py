"""Who a fan-out reaches: the members of OPDs, the OPDs' groups and the Rakor group, found in
one place for publishing, announcements, verification notices and reminders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

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

    @property
    def member_id(self) -> int | None:
        """The member's id for a private chat, None for a group."""
        return self.member.id if self.member is not None else None


def member(row: Member, penugasan_id: int | None = None) -> Recipient:
    """A member in their private chat."""
    return Recipient(row.telegram_id, f"anggota:{row.id}", row, penugasan_id)


async def members(uow: UnitOfWork, opd_ids: Iterable[int]) -> list[Recipient]:
    """Every active head and operator of these OPDs (heads first), privately."""
    return [member(m) for m in await repo.active_members_of(uow.session, opd_ids)]


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
    uow: UnitOfWork, arahan: Arahan, tugas: Iterable[Penugasan] | None = None
) -> Khalayak:
    """The audience of ``arahan``: each active member of each assigned OPD privately (with
    their OPD's penugasan), each assigned OPD's group, and the Rakor group."""
    assigned = (
        list(tugas) if tugas is not None else list(await repo.penugasan_of(uow.session, arahan.id))
    )
    by_opd = {t.opd_id: t for t in assigned}
    people = [
        member(m, by_opd[m.opd_id].id)
        for m in await repo.active_members_of(uow.session, by_opd)
        if m.opd_id is not None
    ]
    groups = []
    for t in assigned:
        group = await repo.group_of_opd(uow.session, t.opd_id)
        if group is not None:
            groups.append(Recipient(group.chat_id, f"grup:{group.chat_id}", None, t.id))
    rakor_group = await repo.rakor_group(uow.session)
    rakor = Recipient(rakor_group.chat_id, "rakor") if rakor_group is not None else None
    return Khalayak(people, groups, rakor)
