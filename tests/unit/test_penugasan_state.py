"""The one function that changes a penugasan's current state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.lifecycle import Status
from bot.features.reporting import state
from storage.models import Penugasan
from storage.states import Pending

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
EARLIER = NOW - timedelta(days=3)


def tugas(status: Status, **fields: object) -> Penugasan:
    row = Penugasan(
        status=status.value,
        progress=40,
        last_note="catatan lama",
        last_report_at=EARLIER,
        kendala_since=None,
        pending=None,
        updated_at=EARLIER,
    )
    for name, value in fields.items():
        setattr(row, name, value)
    return row


def test_only_the_given_fields_change() -> None:
    row = tugas(Status.DALAM_PROSES)
    state.apply(row, NOW, status=Status.DALAM_PROSES, progress=60)
    assert (row.status, row.progress, row.updated_at) == ("dalam_proses", 60, NOW)
    assert (row.last_note, row.last_report_at, row.pending) == ("catatan lama", EARLIER, None)


def test_entering_kendala_starts_now_and_staying_keeps_the_start() -> None:
    row = tugas(Status.DALAM_PROSES)
    state.apply(row, NOW, status=Status.TERKENDALA, progress=40)
    assert row.kendala_since == NOW
    later = NOW + timedelta(days=2)
    state.apply(row, later, status=Status.TERKENDALA, progress=40)
    assert row.kendala_since == NOW


def test_leaving_kendala_clears_its_start_unless_given() -> None:
    row = tugas(Status.TERKENDALA, kendala_since=EARLIER)
    state.apply(row, NOW, status=Status.DALAM_PROSES, progress=50)
    assert row.kendala_since is None
    row = tugas(Status.DALAM_PROSES)
    state.apply(row, NOW, status=Status.TERKENDALA, progress=50, kendala_since=EARLIER)
    assert row.kendala_since == EARLIER


def test_report_fields_and_pending_when_given() -> None:
    row = tugas(Status.DALAM_PROSES)
    state.apply(
        row,
        NOW,
        status=Status.DALAM_PROSES,
        progress=85,
        reported_at=NOW,
        note="tidak dapat, kewenangan provinsi",
        pending=Pending.TIDAK_DAPAT,
    )
    assert (row.last_report_at, row.last_note, row.pending) == (
        NOW,
        "tidak dapat, kewenangan provinsi",
        "tidak_dapat",
    )
    state.apply(
        row, NOW, status=Status.DALAM_PROSES, progress=85, pending=None, reported_at=None, note=None
    )
    assert (row.last_report_at, row.last_note, row.pending) == (None, None, None)


def test_a_new_progress_starts_its_since_and_the_same_progress_keeps_it() -> None:
    row = tugas(Status.DALAM_PROSES, progress_since=EARLIER)
    state.apply(row, NOW, status=Status.TERKENDALA, progress=40)
    assert row.progress_since == EARLIER
    later = NOW + timedelta(days=2)
    state.apply(row, later, status=Status.DALAM_PROSES, progress=55)
    assert row.progress_since == later
