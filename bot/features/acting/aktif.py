"""Who stands in and who is away on a given day: the queries the audiences, the permission
check, the digest and the reminders share.

Nothing here runs on a schedule: an acting official (Plh) or a leave (cuti) is in force on a
day when ``dari <= day <= sampai``, computed when it is asked, so a range starts and ends by
itself. Ending one early moves its ``sampai`` to the day before (and stamps ``ended_at``);
a range ended before it began is void (``sampai < dari``) and matches no day.

Only storage is imported here, so :mod:`bot.messaging.audience` and
:mod:`bot.features.people.access` can use it without an import cycle."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Cuti, Member, Plh


async def plh_on(
    session: AsyncSession, hari: date, opd_ids: Iterable[int] | None = None
) -> list[tuple[Plh, Member]]:
    """The acting officials in force on ``hari`` (active members only), by OPD then start;
    only for ``opd_ids`` when given."""
    query = (
        select(Plh, Member)
        .join(Member, Member.id == Plh.member_id)
        .where(Plh.dari <= hari, Plh.sampai >= hari, Member.active.is_(True))
        .order_by(Plh.opd_id, Plh.dari, Plh.id)
    )
    if opd_ids is not None:
        ids = list(opd_ids)
        if not ids:
            return []
        query = query.where(Plh.opd_id.in_(ids))
    return [(plh, member) for plh, member in (await session.execute(query)).all()]


async def plh_names(session: AsyncSession, hari: date) -> dict[int, str]:
    """Each OPD's acting official's name on ``hari`` (by OPD id), to show "Plh: <nama>"."""
    return {plh.opd_id: member.nama for plh, member in await plh_on(session, hari)}


async def acting_for(session: AsyncSession, member_id: int, hari: date) -> frozenset[int]:
    """The OPDs this member stands in for on ``hari``."""
    rows = await session.scalars(
        select(Plh.opd_id).where(Plh.member_id == member_id, Plh.dari <= hari, Plh.sampai >= hari)
    )
    return frozenset(rows.all())


async def away_on(session: AsyncSession, hari: date, member_ids: Iterable[int]) -> set[int]:
    """Which of these members are on leave on ``hari``."""
    ids = list(member_ids)
    if not ids:
        return set()
    rows = await session.scalars(
        select(Cuti.member_id).where(
            Cuti.member_id.in_(ids), Cuti.dari <= hari, Cuti.sampai >= hari
        )
    )
    return set(rows.all())


def _days(dari: date, sampai: date) -> Iterable[date]:
    day = dari
    while day <= sampai:
        yield day
        day += timedelta(days=1)


async def unstaffed_days(
    session: AsyncSession, opd_ids: Iterable[int], dari: date, sampai: date
) -> dict[int, set[date]]:
    """The days in ``dari..sampai`` on which nobody could report for an OPD because everyone
    who could was on leave: the OPD's active heads and operators, and an acting official in
    force that day, all away. An OPD without anyone at all is not excused (nobody is on leave:
    it was never staffed). Silence escalation does not count these days."""
    ids = list(opd_ids)
    if not ids or sampai < dari:
        return {}
    members = (
        await session.scalars(select(Member).where(Member.opd_id.in_(ids), Member.active.is_(True)))
    ).all()
    reporters: dict[int, set[int]] = defaultdict(set)
    for m in members:
        if m.opd_id is not None:
            reporters[m.opd_id].add(m.id)
    acting = (
        await session.execute(
            select(Plh.opd_id, Plh.member_id, Plh.dari, Plh.sampai)
            .join(Member, Member.id == Plh.member_id)
            .where(
                Plh.opd_id.in_(ids),
                Plh.dari <= sampai,
                Plh.sampai >= dari,
                Member.active.is_(True),
            )
        )
    ).all()
    everyone = {m.id for m in members} | {row[1] for row in acting}
    leave = (
        await session.execute(
            select(Cuti.member_id, Cuti.dari, Cuti.sampai).where(
                Cuti.member_id.in_(list(everyone) or [0]),
                Cuti.dari <= sampai,
                Cuti.sampai >= dari,
            )
        )
    ).all()
    away: dict[int, set[date]] = defaultdict(set)
    for member_id, start, end in leave:
        away[member_id].update(_days(max(start, dari), min(end, sampai)))
    found: dict[int, set[date]] = {}
    for opd_id in ids:
        own = reporters.get(opd_id, set())
        if not own:
            continue
        # only days on which the OPD's own people are all away can be excused
        candidates = set.intersection(*(away.get(m, set()) for m in own))
        excused = set()
        for day in candidates:
            standing_in = {row[1] for row in acting if row[0] == opd_id and row[2] <= day <= row[3]}
            if all(day in away.get(m, set()) for m in standing_in):
                excused.add(day)
        if excused:
            found[opd_id] = excused
    return found
