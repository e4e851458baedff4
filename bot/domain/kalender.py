"""Working days of an Indonesian Pemda: no Saturday, Sunday, national holiday or cuti bersama.

The `holidays` package knows both national holidays and cuti bersama (category "government"),
with Indonesian names.
"""

from __future__ import annotations

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


class Kalender:
    """Which days are working days; with ``working_days_only`` off every day is one."""

    def __init__(self, working_days_only: bool = True, language: str = "id") -> None:
        self.working_days_only = working_days_only
        self.language = language

    def holiday_name(self, day: date) -> str | None:
        """The national holiday or cuti bersama on ``day``, if any."""
        return _holidays(day.year, self.language).get(day)

    def is_off(self, day: date) -> bool:
        """A weekend day, national holiday or cuti bersama (whatever the setting says)."""
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
