"""Which penugasan count as working, overdue, blocked, waiting or open: the SQL the digest,
the reminders, the worklist and verification share, written once from the lifecycle rules in
``bot.domain.lifecycle``. Each predicate expects the query to join Penugasan with its Arahan."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select, true

from bot.domain.lifecycle import CLOSED, WAITING, WORKING, Status
from storage.db import UnitOfWork
from storage.models import Arahan, Laporan, Penugasan
from storage.states import ArahanState, Pending


def published() -> ColumnElement[bool]:
    """The directive is published (not a draft, not cancelled) and the penugasan is still
    assigned (not withdrawn from its OPD by `/arahan_ubah`)."""
    return and_(Arahan.status == ArahanState.TERBIT, Penugasan.status != Status.DICABUT.value)


def working() -> ColumnElement[bool]:
    """Being worked on: not done, not closed, and not waiting for a sign-off to close it as
    tidak dapat ditindaklanjuti (that counts as waiting)."""
    return and_(Penugasan.status.in_([s.value for s in WORKING]), Penugasan.pending.is_(None))


def is_working(tugas: Penugasan) -> bool:
    """:func:`working` for a loaded row."""
    return Status(tugas.status) in WORKING and tugas.pending is None


def overdue(today: date) -> ColumnElement[bool]:
    """Being worked on past its deadline."""
    return and_(working(), Arahan.tenggat < today)


def blocked() -> ColumnElement[bool]:
    """Reported as terkendala (and not waiting for a sign-off)."""
    return and_(Penugasan.status == Status.TERKENDALA.value, Penugasan.pending.is_(None))


def waiting() -> ColumnElement[bool]:
    """Waiting for a verifier: reported selesai, or asked to be closed as tidak dapat."""
    return or_(
        Penugasan.status.in_([s.value for s in WAITING]),
        Penugasan.pending == Pending.TIDAK_DAPAT,
    )


def open_work(*, with_waiting: bool = True) -> ColumnElement[bool]:
    """Not closed; ``with_waiting=False`` leaves out what waits for a verifier."""
    if with_waiting:
        return and_(Penugasan.status.not_in([s.value for s in CLOSED]), true())
    return working()


def claims_completion() -> ColumnElement[bool]:
    """A report, not taken back, that claimed the work done: selesai from another status."""
    return and_(
        Laporan.withdrawn_at.is_(None),
        Laporan.status_to == Status.SELESAI.value,
        Laporan.status_from != Status.SELESAI.value,
    )


async def latest_claim(uow: UnitOfWork, penugasan_id: int) -> Laporan | None:
    """The newest report that claimed ``penugasan_id`` done (what its verifier decides on)."""
    query = (
        select(Laporan)
        .where(Laporan.penugasan_id == penugasan_id, claims_completion())
        .order_by(Laporan.id.desc())
        .limit(1)
    )
    return (await uow.session.scalars(query)).first()
