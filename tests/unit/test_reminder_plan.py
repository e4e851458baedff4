"""Which reminders and escalations are due, with a frozen now."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.kalender import Kalender
from bot.domain.lifecycle import Status
from bot.domain.reminder_plan import (
    Butir,
    Pengingat,
    Sebab,
    Tangga,
    deadline_reminders,
    escalations,
)

KAL = Kalender()
DAYS = [3, 1, 0]
PUBLISHED = datetime(2026, 11, 2, 1, tzinfo=UTC)


def item(pid: int, tenggat: date, status: Status = Status.DITERIMA, **kw: object) -> Butir:
    return Butir(pid, pid, 1, status, tenggat, PUBLISHED, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("today", "tenggat", "expected"),
    [
        (date(2026, 11, 23), date(2026, 11, 26), Pengingat.MENJELANG),  # H-3 (Mon for Thu)
        (date(2026, 11, 25), date(2026, 11, 26), Pengingat.MENJELANG),  # H-1
        (date(2026, 11, 26), date(2026, 11, 26), Pengingat.HARI_INI),  # H
        (date(2026, 11, 27), date(2026, 11, 26), Pengingat.TERLAMBAT),  # overdue, every day
        (date(2026, 11, 24), date(2026, 11, 26), None),  # H-2: not a reminder day
        (date(2026, 11, 23), date(2026, 11, 30), None),  # H-7
        # H-3 of Tue 1 Dec is Sat 28 Nov: picked up on Monday 30 Nov (also H-1)
        (date(2026, 11, 27), date(2026, 12, 1), None),
        (date(2026, 11, 30), date(2026, 12, 1), Pengingat.MENJELANG),
        # a deadline on a Sunday: H is picked up on Monday, when it is already overdue
        (date(2026, 11, 30), date(2026, 11, 29), Pengingat.TERLAMBAT),
    ],
)
def test_deadline_reminders(today: date, tenggat: date, expected: Pengingat | None) -> None:
    found = deadline_reminders([item(1, tenggat)], today, KAL, DAYS)
    assert [why for _, why in found] == ([expected] if expected else [])


@pytest.mark.parametrize("status", [Status.SELESAI, Status.TERVERIFIKASI, Status.TIDAK_DAPAT])
def test_done_waiting_and_closed_work_is_not_reminded(status: Status) -> None:
    today = date(2026, 11, 27)
    assert deadline_reminders([item(1, date(2026, 11, 20), status)], today, KAL, DAYS) == []
    now = datetime(2026, 12, 31, tzinfo=UTC)
    assert escalations([item(1, date(2026, 11, 20), status)], now.date(), 7, UTC) == []


def test_overdue_first_then_by_deadline() -> None:
    today = date(2026, 11, 25)
    items = [item(1, date(2026, 11, 26)), item(2, date(2026, 11, 20)), item(3, date(2026, 11, 25))]
    assert [b.penugasan_id for b, _ in deadline_reminders(items, today, KAL, DAYS)] == [2, 3, 1]


def test_every_day_without_working_days_only() -> None:
    everyday = Kalender(working_days_only=False)
    found = deadline_reminders([item(1, date(2026, 12, 1))], date(2026, 11, 28), everyday, DAYS)
    assert [why for _, why in found] == [Pengingat.MENJELANG]


def test_escalation_ladder() -> None:
    since = datetime(2026, 11, 10, 2, tzinfo=UTC)
    blocked = item(
        1, date(2027, 1, 31), Status.TERKENDALA, kendala_since=since, last_report_at=since
    )
    late = item(2, date(2026, 11, 13), Status.DALAM_PROSES, last_report_at=since)

    def steps(now: datetime) -> set[tuple[int, Tangga, Sebab]]:
        return {
            (e.butir.penugasan_id, e.tangga, e.sebab)
            for e in escalations([blocked, late], now.date(), 7, UTC)
        }

    assert steps(since + timedelta(days=6)) == set()
    at_seven = steps(since + timedelta(days=7))
    assert (1, Tangga.SEKDA, Sebab.KENDALA) in at_seven
    assert (1, Tangga.KEPALA_DAERAH, Sebab.KENDALA) not in at_seven
    assert (1, Tangga.ASISTEN, Sebab.DIAM) in at_seven  # no report for 7 days
    assert (2, Tangga.SEKDA, Sebab.TERLAMBAT) not in at_seven  # 4 days late only
    at_twenty = steps(datetime(2026, 11, 30, 2, tzinfo=UTC))
    assert (1, Tangga.KEPALA_DAERAH, Sebab.KENDALA) in at_twenty
    assert (2, Tangga.SEKDA, Sebab.TERLAMBAT) in at_twenty  # 17 days late
    assert (2, Tangga.KEPALA_DAERAH, Sebab.TERLAMBAT) in at_twenty


def test_escalation_subject_changes_with_its_basis() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    first = item(1, date(2026, 11, 1), Status.DALAM_PROSES, last_report_at=now)
    moved = item(1, date(2026, 11, 10), Status.DALAM_PROSES, last_report_at=now)
    a = {e.subject for e in escalations([first], now.date(), 7, UTC)}
    b = {e.subject for e in escalations([moved], now.date(), 7, UTC)}
    assert a and b and not a & b  # a new deadline escalates afresh
