"""Working days of an Indonesian Pemda: no Saturday, Sunday, national holiday or cuti bersama,
nor a local day off of the Pemda's (EXTRA_HOLIDAYS); a day the Pemda declares a working day
(EXTRA_WORKING_DAYS) is one whatever the national calendar says.

The `holidays` package knows both national holidays and cuti bersama (category "government"),
with Indonesian names. Cuti bersama are set each year by a joint decree (SKB): the package
learns them a release later, so ``missing_cuti_bersama`` tells when it has to be updated.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int, language: str) -> dict[date, str]:
    found = holidays.country_holidays(
        "ID",
        categories=("public", "government"),
        years=[year],
        language="id" if language == "id" else "en_US",
    )
    return dict(found.items())


def cuti_bersama(year: int) -> dict[date, str]:
    """The cuti bersama the `holidays` package knows for ``year`` (category "government")."""
    found = holidays.country_holidays("ID", categories=("government",), years=[year])
    return dict(found.items())


def missing_cuti_bersama(today: date) -> list[int]:
    """This year and next, those whose cuti bersama the installed package does not know yet
    (on those days the bot would send reminders)."""
    return [year for year in (today.year, today.year + 1) if not cuti_bersama(year)]


def holidays_version() -> str:
    """The installed `holidays` package's version."""
    return importlib.metadata.version("holidays")


def missing_cuti_bersama_advice(years: list[int]) -> str:
    """What `check` and the start-up log say when the holiday data ends (one line)."""
    named = " dan ".join(str(year) for year in years)
    return (
        f"paket holidays {holidays_version()} belum memuat cuti bersama {named}; perbarui "
        "paket holidays (pip install -U holidays) setelah SKB cuti bersama terbit, lalu mulai "
        "ulang bot (sementara itu: EXTRA_HOLIDAYS)"
    )


class Kalender:
    """Which days are working days; with ``working_days_only`` off every day is one.

    ``extra_holidays`` are the Pemda's own days off (named ``extra_name`` wherever a holiday
    is named), ``extra_working_days`` days it works although the national calendar is off."""

    def __init__(
        self,
        working_days_only: bool = True,
        language: str = "id",
        extra_holidays: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        extra_name: str = "Libur daerah",
    ) -> None:
        self.working_days_only = working_days_only
        self.language = language
        self.extra_holidays = frozenset(extra_holidays)
        self.extra_working_days = frozenset(extra_working_days)
        self.extra_name = extra_name

    def holiday_name(self, day: date) -> str | None:
        """The national holiday, cuti bersama or local day off on ``day``, if any (none on a
        day the Pemda works)."""
        if day in self.extra_working_days:
            return None
        if day in self.extra_holidays:
            return self.extra_name
        return _holidays(day.year, self.language).get(day)

    def is_off(self, day: date) -> bool:
        """A weekend day, national holiday, cuti bersama or local day off, unless the Pemda
        works that day (whatever WORKING_DAYS_ONLY says)."""
        if day in self.extra_working_days:
            return False
        return day.weekday() >= 5 or self.holiday_name(day) is not None

    def is_working_day(self, day: date) -> bool:
        """Whether pushes may go out on ``day``."""
        return not self.working_days_only or not self.is_off(day)

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day
