"""The playground's clock: real time plus a jump the trainer chose ("majukan waktu").

The bot takes every ``now`` from its injected clock, so moving this clock forward is enough for
reminders, deadline warnings, escalations and the weekly digest to come due; ``langkah`` gives
the moments a step passes through, so every scheduled run in between happens in order.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.kalender import Kalender
from bot.domain.schedule import Jadwal, due_moment, occurrences


class Langkah(StrEnum):
    """How far a press of the page's clock buttons moves time."""

    HARI = "hari"  # one day
    SENIN = "senin"  # to the next Monday 08:00 (the weekly push), this one if still ahead
    RINGKASAN = "ringkasan"  # to the next weekly digest


class PlaygroundClock:
    """The system clock moved forward by ``offset`` (never backwards)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        """The playground's current moment in UTC."""
        return datetime.now(UTC) + self.offset

    def move_to(self, moment: datetime) -> None:
        """Make ``moment`` the current time (a moment in the past changes nothing)."""
        self.offset = max(self.offset, moment - datetime.now(UTC))


def target(langkah: Langkah, now: datetime, zone: ZoneInfo, digest_cron: str) -> datetime:
    """Where a step from ``now`` ends."""
    if langkah is Langkah.HARI:
        return now + timedelta(days=1)
    if langkah is Langkah.SENIN:
        local = now.astimezone(zone)
        monday = (local - timedelta(days=local.weekday())).replace(
            hour=8, minute=0, second=0, microsecond=0
        )  # this week's Monday 08:00: the next one unless it is still ahead
        if monday <= local:
            monday += timedelta(days=7)
        return monday.astimezone(UTC)
    found = occurrences(digest_cron, zone, now + timedelta(seconds=1), now + timedelta(days=8))
    return found[0] if found else now + timedelta(days=7)


def stops(
    jadwal: list[Jadwal], now: datetime, end: datetime, zone: ZoneInfo, kalender: Kalender
) -> list[datetime]:
    """The moments in (now, end] when a scheduled run is due, in order, then ``end``: the
    clock stops at each so the bot runs everything a real week would have run."""
    moments: set[datetime] = set()
    for item in jadwal:
        for occurrence in occurrences(item.cron, zone, now, end):
            due = due_moment(item, occurrence, kalender)
            if due is not None and now < due <= end:
                moments.add(due)
    return [*sorted(moments), end]
