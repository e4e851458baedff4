"""Which reminders and escalations are due at a given moment: pure functions over plain data.

- Deadline reminders: H-3, H-1 and H (``DEADLINE_REMINDER_DAYS``); a reminder day that is not
  a working day is picked up by the next working day's check.
- Overdue reminders: every working day while the deadline has passed (at most once a day).
- Escalation (komunikasi berjenjang): a kendala or an overdue penugasan still open after N days
  goes to the Sekda, after 2N days to the Kepala Daerah; a penugasan without a report for N days
  is flagged to the OPD's Asisten.
Only work in progress is reminded: not closed, cancelled or waiting for verification.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from bot.domain.kalender import Kalender
from bot.domain.lifecycle import WORKING, Status


@dataclass(frozen=True)
class Butir:
    """An open penugasan as the planner sees it."""

    penugasan_id: int
    nomor: int
    opd_id: int
    status: Status
    tenggat: date
    published_at: datetime
    last_report_at: datetime | None = None
    kendala_since: datetime | None = None


class Pengingat(StrEnum):
    """Why a penugasan is in a reminder."""

    TERLAMBAT = "terlambat"
    HARI_INI = "hari_ini"
    MENJELANG = "menjelang"


def deadline_reminders(
    items: list[Butir], today: date, kalender: Kalender, days_before: list[int]
) -> list[tuple[Butir, Pengingat]]:
    """The penugasan to remind about on ``today`` (a working day), overdue ones first."""
    since = (
        kalender.previous_working_day(today)
        if kalender.working_days_only
        else today - timedelta(days=1)
    )
    found: list[tuple[Butir, Pengingat]] = []
    for item in items:
        if item.status not in WORKING:
            continue
        if item.tenggat < today:
            found.append((item, Pengingat.TERLAMBAT))
        elif any(since < item.tenggat - timedelta(days=k) <= today for k in days_before):
            kind = Pengingat.HARI_INI if item.tenggat == today else Pengingat.MENJELANG
            found.append((item, kind))
    order = {Pengingat.TERLAMBAT: 0, Pengingat.HARI_INI: 1, Pengingat.MENJELANG: 2}
    found.sort(key=lambda pair: (order[pair[1]], pair[0].tenggat, pair[0].nomor))
    return found


class Tangga(StrEnum):
    """The rungs of the ladder an escalation reaches."""

    ASISTEN = "asisten"
    SEKDA = "sekda"
    KEPALA_DAERAH = "kepala_daerah"


class Sebab(StrEnum):
    """Why something escalates."""

    KENDALA = "kendala"
    TERLAMBAT = "terlambat"
    DIAM = "diam"


@dataclass(frozen=True)
class Eskalasi:
    """One escalation: which penugasan, to which rung, why, since when (the basis makes it
    unique: a new kendala or a new deadline escalates again)."""

    butir: Butir
    tangga: Tangga
    sebab: Sebab
    since: date

    @property
    def subject(self) -> str:
        """The unique identity of this escalation step."""
        return (
            f"penugasan:{self.butir.penugasan_id}:{self.sebab.value}:"
            f"{self.since.isoformat()}:{self.tangga.value}"
        )


def escalations(
    items: list[Butir],
    today: date,
    n_days: int,
    zone: tzinfo,
    leave: Mapping[int, set[date]] | None = None,
) -> list[Eskalasi]:
    """Every escalation step due on ``today`` (counted in whole local days; already-sent
    ones are the caller's to drop). Silence does not count the days in ``leave`` of the
    item's OPD (everyone who could report for it was on leave, cuti)."""
    found: list[Eskalasi] = []
    for item in items:
        if item.status not in WORKING:
            continue
        if item.status is Status.TERKENDALA and item.kendala_since is not None:
            since = item.kendala_since.astimezone(zone).date()
            for rung, limit in ((Tangga.SEKDA, n_days), (Tangga.KEPALA_DAERAH, 2 * n_days)):
                if (today - since).days >= limit:
                    found.append(Eskalasi(item, rung, Sebab.KENDALA, since))
        if item.tenggat < today:
            late = (today - item.tenggat).days
            for rung, limit in ((Tangga.SEKDA, n_days), (Tangga.KEPALA_DAERAH, 2 * n_days)):
                if late >= limit:
                    found.append(Eskalasi(item, rung, Sebab.TERLAMBAT, item.tenggat))
        heard = (item.last_report_at or item.published_at).astimezone(zone).date()
        away = sum(1 for d in (leave or {}).get(item.opd_id, ()) if heard < d <= today)
        if (today - heard).days - away >= n_days:
            found.append(Eskalasi(item, Tangga.ASISTEN, Sebab.DIAM, heard))
    return found
