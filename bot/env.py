"""What every service needs: the database, settings, the clock, the callback signer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.clock import Clock
from bot.config import Settings
from bot.domain.dates import format_tanggal
from bot.domain.kalender import Kalender
from bot.messaging.callbacks import CallbackSigner
from bot.texts import Texts
from storage.db import Database


@dataclass
class Env:
    """The wiring handed to services; built once by the app factory."""

    db: Database
    settings: Settings
    clock: Clock
    signer: CallbackSigner
    texts: Texts
    bot_username: str = "bot"
    available_commands: frozenset[str] = field(default_factory=frozenset)

    @property
    def kalender(self) -> Kalender:
        """Working days of this Pemda (the national calendar and its own extra days)."""
        s = self.settings
        return Kalender(
            s.WORKING_DAYS_ONLY,
            s.LANGUAGE,
            s.EXTRA_HOLIDAYS,
            s.EXTRA_WORKING_DAYS,
            self.texts("kalender.libur_daerah"),
        )

    def now(self) -> datetime:
        """The current moment (UTC)."""
        return self.clock.now()

    def today(self) -> date:
        """Today's date in the Pemda's zone."""
        return self.clock.now().astimezone(self.settings.zona).date()

    def is_bootstrap_admin(self, telegram_id: int) -> bool:
        """Whether this user is an admin by ADMIN_IDS."""
        return telegram_id in self.settings.ADMIN_IDS

    def format_date(self, day: date) -> str:
        """`Kamis, 31 Desember 2026` in the Pemda's language."""
        return format_tanggal(day, self.settings.LANGUAGE)

    def format_datetime(self, moment: datetime) -> str:
        """`Kamis, 31 Desember 2026 pukul 08.40 WIB`: local date and time with the zone."""
        local = moment.astimezone(self.settings.zona)
        word = self.texts("pukul")
        return f"{self.format_date(local.date())} {word} {local:%H.%M} {local.tzname()}"
