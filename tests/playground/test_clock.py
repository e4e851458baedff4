"""Where the playground's clock buttons take time (``bot.playground.clock.target``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.playground.clock import Langkah, target

WIB = ZoneInfo("Asia/Jakarta")
FRIDAY_15 = "0 15 * * fri"


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=WIB).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "monday"),
    [
        ("2026-11-30 07:59:59", "2026-11-30 08:00"),  # a Monday before 08.00: that Monday
        ("2026-11-30 00:00", "2026-11-30 08:00"),
        ("2026-11-30 08:00", "2026-12-07 08:00"),  # at 08.00 sharp: the next one
        ("2026-11-30 08:00:01", "2026-12-07 08:00"),
        ("2026-12-06 23:59", "2026-12-07 08:00"),  # a Sunday night
        ("2026-12-02 10:00", "2026-12-07 08:00"),  # a Wednesday
    ],
)
def test_to_monday_goes_to_the_next_monday_0800(now: str, monday: str) -> None:
    assert target(Langkah.SENIN, local(now), WIB, FRIDAY_15) == local(monday)


def test_to_monday_counts_in_the_pemdas_zone() -> None:
    # 23.30 UTC on a Sunday is already Monday 06.30 in WIB: that Monday 08.00 (WIB)
    now = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert target(Langkah.SENIN, now, WIB, FRIDAY_15) == local("2026-11-30 08:00")


@pytest.mark.parametrize(
    ("now", "cron", "digest"),
    [
        ("2026-12-04 14:59", FRIDAY_15, "2026-12-04 15:00"),
        ("2026-12-04 15:00", FRIDAY_15, "2026-12-11 15:00"),
        ("2026-12-02 10:00", "30 9 * * mon", "2026-12-07 09:30"),  # follows DIGEST_CRON
    ],
)
def test_to_the_digest_follows_the_schedule(now: str, cron: str, digest: str) -> None:
    assert target(Langkah.RINGKASAN, local(now), WIB, cron) == local(digest)


def test_a_day_is_24_hours() -> None:
    now = local("2026-12-02 10:00")
    assert target(Langkah.HARI, now, WIB, FRIDAY_15) == now + timedelta(days=1)
