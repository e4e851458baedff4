"""Which penugasan count as working, overdue, blocked, waiting or open: the SQL the digest,
the reminders, the worklist and verification share, written once from the lifecycle rules in
``bot.domain.lifecycle``. Each predicate expects the query to join Penugasan with its Arahan."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, or_, true

from bot.domain.lifecycle import CLOSED, WAITING, WORKING, Status
from storage.models import Arahan, Penugasan
from storage.states import ArahanState, Pending


def published() -> ColumnElement[bool]:
    """The directive is published (not a draft, not cancelled)."""
    return Arahan.status == ArahanState.TERBIT


def working() -> ColumnElement[bool]:
    """Being worked on: not done, not closed, and not waiting for a sign-off to close it as
    tidak dapat ditindaklanjuti (that counts as waiting)."""
    return and_(Penugasan.status.in_([s.value for s in WORKING]), Penugasan.pending.is_(None))


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
