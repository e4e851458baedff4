"""The scheduler's planner: occurrences in each time zone, moved off days off, caught up
within the grace period, never twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.kalender import Kalender
from bot.domain.schedule import Jadwal, Jenis, due_moment, occurrences, plan

WIB, WITA, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
WEEKLY = Jadwal(Jenis.MINGGUAN, "0 8 * * mon")
DAILY = Jadwal(Jenis.HARIAN, "0 8 * * *")
DIGEST = Jadwal(Jenis.RINGKASAN, "0 15 * * fri")
KAL = Kalender()
GRACE = timedelta(hours=6)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(("zone", "hour_utc", "day"), [(WIB, 1, 23), (WITA, 0, 23), (WIT, 23, 22)])
def test_daily_at_local_eight_in_each_zone(zone: ZoneInfo, hour_utc: int, day: int) -> None:
    found = occurrences("0 8 * * *", zone, utc(2026, 11, 22, 12), utc(2026, 11, 23, 12))
    assert [o.astimezone(UTC) for o in found] == [utc(2026, 11, day, hour_utc)]
    assert found[0].hour == 8 and found[0].tzinfo is not None


def test_weekly_push_on_a_holiday_moves_to_the_next_working_day() -> None:
    # Idul Fitri 2026: Fri 20 - Tue 24 March are holidays and cuti bersama
    monday = datetime(2026, 3, 23, 8, tzinfo=WIB)
    assert due_moment(WEEKLY, monday, KAL) == datetime(2026, 3, 25, 8, tzinfo=WIB)
    # the weekly digest on Christmas (Friday 25 Dec 2026) moves to Monday 28 Dec
    friday = datetime(2026, 12, 25, 15, tzinfo=WIB)
    assert due_moment(DIGEST, friday, KAL) == datetime(2026, 12, 28, 15, tzinfo=WIB)
    # cuti bersama counts: Thursday 24 Dec 2026 is one
    assert not KAL.is_working_day(datetime(2026, 12, 24).date())


def test_daily_check_on_a_day_off_is_skipped_not_moved() -> None:
    saturday = datetime(2026, 11, 28, 8, tzinfo=WIB)
    assert due_moment(DAILY, saturday, KAL) is None
    assert due_moment(DAILY, saturday, Kalender(working_days_only=False)) == saturday


def test_plan_runs_due_occurrences_once_and_skips_late_ones() -> None:
    now = datetime(2026, 11, 23, 9, tzinfo=WIB)  # Monday 09:00
    rencana = plan([WEEKLY, DAILY], now, WIB, KAL, GRACE, done=set())
    due = {(g.jadwal.jenis, g.key) for g in rencana.run}
    assert due == {(Jenis.MINGGUAN, "2026-11-23T08:00"), (Jenis.HARIAN, "2026-11-23T08:00")}
    # Sunday and Saturday dailies are days off; older working-day dailies are too late
    skipped = {(g.jadwal.jenis, g.key, g.due_at is None) for g in rencana.skip}
    assert (Jenis.HARIAN, "2026-11-22T08:00", True) in skipped
    assert (Jenis.HARIAN, "2026-11-20T08:00", False) in skipped
    done = {(j.value, k) for j, k in due} | {(g.jadwal.jenis.value, g.key) for g in rencana.skip}
    again = plan([WEEKLY, DAILY], now, WIB, KAL, GRACE, done)
    assert again.run == [] and again.skip == []


@pytest.mark.parametrize(("late_hours", "runs"), [(0, True), (5.9, True), (6, True), (6.1, False)])
def test_grace_period_for_a_missed_occurrence(late_hours: float, runs: bool) -> None:
    now = datetime(2026, 11, 23, 8, tzinfo=WIB) + timedelta(hours=late_hours)
    rencana = plan([WEEKLY], now, WIB, KAL, GRACE, done=set())
    ran = [g.key for g in rencana.run]
    assert (ran == ["2026-11-23T08:00"]) is runs


def test_nothing_before_the_scheduled_time() -> None:
    now = datetime(2026, 11, 23, 7, 59, tzinfo=WIB)
    rencana = plan([WEEKLY], now, WIB, KAL, GRACE, done={("mingguan", "2026-11-16T08:00")})
    assert rencana.run == []
