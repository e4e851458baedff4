"""A penugasan's current state (status, progress and since when it is at that progress, when it
was last reported on and what was said, since when it is terkendala, and what waits for a
decision) changes in one place: here.
Reporting, taking a report back, correcting one and verification all go through ``apply``."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from bot.domain.lifecycle import Status
from storage.models import Penugasan
from storage.states import Pending


class Keep(Enum):
    """For a field ``apply`` should leave as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


def apply(
    tugas: Penugasan,
    now: datetime,
    *,
    status: Status,
    progress: int,
    reported_at: datetime | None | Keep = KEEP,
    note: str | None | Keep = KEEP,
    pending: Pending | None | Keep = KEEP,
    kendala_since: datetime | None | Keep = KEEP,
) -> None:
    """Put the penugasan in ``status`` at ``progress`` (a new progress starts its ``since``);
    the other fields change only when given. Leaving terkendala clears since when it was
    terkendala; entering it starts now unless given."""
    was_blocked = tugas.status == Status.TERKENDALA.value
    if progress != tugas.progress:
        tugas.progress_since = now
    tugas.status = status.value
    tugas.progress = progress
    tugas.updated_at = now
    if not isinstance(reported_at, Keep):
        tugas.last_report_at = reported_at
    if not isinstance(note, Keep):
        tugas.last_note = note
    if not isinstance(pending, Keep):
        tugas.pending = pending
    if not isinstance(kendala_since, Keep):
        tugas.kendala_since = kendala_since
    elif status is not Status.TERKENDALA:
        tugas.kendala_since = None
    elif not was_blocked:
        tugas.kendala_since = now
