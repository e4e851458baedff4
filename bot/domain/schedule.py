"""When scheduled work is due: cron occurrences in the Pemda's zone, moved off non-working days,
caught up after downtime within a grace period. Pure functions of ``now``.

The weekly push and the weekly digest that fall on a weekend, holiday or cuti bersama move
to the next working day at the same local time; the daily check on such a day is skipped (its
deadline reminders are picked up by the next working day's check). The daily retention purge
is housekeeping: it runs every day, and late whenever the bot was down (never missed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.domain.kalender import Kalender

# long enough for a weekly push deferred over Lebaran's holidays and cuti bersama
LOOKBACK = timedelta(days=14)


class Jenis(StrEnum):
    """The kinds of scheduled work."""

    MINGGUAN = "mingguan"  # the weekly push
    HARIAN = "harian"  # deadline, overdue and escalation checks
    RINGKASAN = "ringkasan"  # the weekly digest
    RETENSI = "retensi"  # purging old raw updates and sent payloads (bot/features/retention)


@dataclass(frozen=True)
class Jadwal:
    """One schedule: its kind and its 5-field cron expression (in the Pemda's zone)."""

    jenis: Jenis
    cron: str

    @property
    def moves_to_working_day(self) -> bool:
        """Weekly work moves to the next working day; the daily check just skips."""
        return self.jenis in (Jenis.MINGGUAN, Jenis.RINGKASAN)

    @property
    def housekeeping(self) -> bool:
        """Work no user sees (the retention purge): due on every day, run however late."""
        return self.jenis is Jenis.RETENSI


@dataclass(frozen=True)
class Giliran:
    """One occurrence of a schedule: when cron says, and when it is actually due."""

    jadwal: Jadwal
    occurrence: datetime
    due_at: datetime | None  # None: skipped (a daily check on a day off)

    @property
    def key(self) -> str:
        """The occurrence as it is stored: local date and time."""
        return self.occurrence.strftime("%Y-%m-%dT%H:%M")


def occurrences(cron: str, zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """Every fire time of ``cron`` in (start, end], in the Pemda's local time."""
    trigger = CronTrigger.from_crontab(cron, timezone=zone)
    found: list[datetime] = []
    previous = None
    moment = start.astimezone(zone)
    while True:
        fire = trigger.get_next_fire_time(previous, moment)
        if fire is None or fire > end:
            return found
        if fire > start:
            found.append(fire)
        previous = fire
        moment = fire + timedelta(seconds=1)


def due_moment(jadwal: Jadwal, occurrence: datetime, kalender: Kalender) -> datetime | None:
    """When an occurrence is due: the same moment, moved to the next working day, or None."""
    day = occurrence.date()
    if jadwal.housekeeping or kalender.is_working_day(day):
        return occurrence
    if not jadwal.moves_to_working_day:
        return None
    target = kalender.next_working_day(day)
    return occurrence + timedelta(days=(target - day).days)


@dataclass(frozen=True)
class Rencana:
    """What to do at ``now``: occurrences to run, and those too late to run (to log)."""

    run: list[Giliran]
    skip: list[Giliran]


def plan(
    jadwal: Iterable[Jadwal],
    now: datetime,
    zone: ZoneInfo,
    kalender: Kalender,
    grace: timedelta,
    done: set[tuple[str, str]],
) -> Rencana:
    """The occurrences due by ``now`` that are not ``done`` ((jenis, key) pairs): those due
    within ``grace`` are run, older ones are skipped. Of housekeeping only the latest
    occurrence counts, run however late."""
    run: list[Giliran] = []
    skip: list[Giliran] = []
    for item in jadwal:
        found = occurrences(item.cron, zone, now - LOOKBACK, now)
        if item.housekeeping:
            found = found[-1:]  # the latest run covers the ones missed before it
        for occurrence in found:
            giliran = Giliran(item, occurrence, due_moment(item, occurrence, kalender))
            if (item.jenis.value, giliran.key) in done:
                continue
            if giliran.due_at is None:
                skip.append(giliran)
            elif giliran.due_at <= now:
                on_time = now - giliran.due_at <= grace or item.housekeeping
                (run if on_time else skip).append(giliran)
    run.sort(key=lambda g: g.due_at or g.occurrence)
    return Rencana(run, skip)
