"""`python -m bot check`: one line per check, exit 0 when none failed (warnings allowed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.cli.common import CliError, is_postgres, open_database, revisions, shown_url, sqlite_path
from bot.cli.common import bot_username as get_bot_username
from bot.config import Settings, SettingsError, load_settings
from bot.domain.kalender import (
    holidays_version,
    missing_cuti_bersama,
    missing_cuti_bersama_advice,
)
from storage.db import Database


class Hasil(StrEnum):
    """The outcome of one check."""

    OK = "OK"
    PERINGATAN = "PERINGATAN"
    GAGAL = "GAGAL"
    LEWAT = "LEWAT"


@dataclass(frozen=True)
class Baris:
    """One line of the report."""

    hasil: Hasil
    nama: str
    keterangan: str

    def __str__(self) -> str:
        return f"{self.hasil.value:<10} {self.nama}: {self.keterangan}"


def holiday_horizon(today: date) -> Baris:
    """Whether the holiday data covers this year and next: a warning when the cuti bersama of
    either are missing (the bot would send reminders on those days)."""
    name = "Data hari libur"
    missing = missing_cuti_bersama(today)
    if missing:
        return Baris(Hasil.PERINGATAN, name, missing_cuti_bersama_advice(missing))
    return Baris(
        Hasil.OK, name, f"cuti bersama sampai {today.year + 1} (holidays {holidays_version()})"
    )


async def run_checks(settings: Settings, today: date) -> list[Baris]:
    """Every check after the settings: database, migrations, Telegram, holiday data."""
    lines: list[Baris] = []
    where = shown_url(settings.DATABASE_URL)
    path = None if is_postgres(settings) else sqlite_path(settings)
    if path is not None and not path.exists():
        lines.append(
            Baris(Hasil.PERINGATAN, "Basis data", f"{path} belum ada (dibuat saat bot mulai)")
        )
        lines.append(Baris(Hasil.LEWAT, "Migrasi", "basis data belum ada"))
    else:
        try:
            async with open_database(settings) as db:
                lines.append(Baris(Hasil.OK, "Basis data", f"terhubung ke {where}"))
                lines.append(await migration_line(db))
        except CliError as exc:
            lines.append(Baris(Hasil.GAGAL, "Basis data", str(exc)))
            lines.append(Baris(Hasil.LEWAT, "Migrasi", "basis data tidak bisa dibaca"))
    if settings.BOT_TOKEN is None:
        lines.append(
            Baris(Hasil.LEWAT, "Telegram", "BOT_TOKEN kosong (bot berjalan sebagai playground)")
        )
    else:
        try:
            username = await get_bot_username(settings)
            lines.append(
                Baris(
                    Hasil.OK,
                    "Telegram",
                    f"getMe menjawab @{username} ({settings.TELEGRAM_API_URL})",
                )
            )
        except CliError as exc:
            lines.append(Baris(Hasil.GAGAL, "Telegram", str(exc)))
    lines.append(holiday_horizon(today))
    return lines


async def migration_line(db: Database) -> Baris:
    """Where the schema stands: up to date, pending (applied at start or by `migrate`), or
    migrated by a newer version."""
    found = await revisions(db)
    if not found.known:
        return Baris(
            Hasil.GAGAL,
            "Migrasi",
            f"revisi {found.current} tidak dikenal versi ini (basis data dari versi lebih baru?)",
        )
    pending = found.pending
    if not pending:
        return Baris(Hasil.OK, "Migrasi", f"skema terbaru (revisi {found.head})")
    return Baris(
        Hasil.PERINGATAN,
        "Migrasi",
        f"{len(pending)} migrasi belum diterapkan (revisi {found.current or 'kosong'} → "
        f"{found.head}); diterapkan saat bot mulai, atau jalankan python -m bot migrate",
    )


async def check(load: Callable[[], Settings] = load_settings, today: date | None = None) -> int:
    """Print the report; 0 when nothing failed, else 1."""
    try:
        settings = load()
    except SettingsError as exc:
        for reason in str(exc).splitlines():
            print(Baris(Hasil.GAGAL, "Pengaturan", reason.removeprefix("Pengaturan ")))
        print(Baris(Hasil.LEWAT, "Pemeriksaan lain", "perbaiki pengaturan dulu"))
        return 1
    print(
        Baris(
            Hasil.OK, "Pengaturan", f"dimuat (zona {settings.TIMEZONE}, bahasa {settings.LANGUAGE})"
        )
    )
    if today is None:
        today = datetime.now(settings.zona).date()
    lines = await run_checks(settings, today)
    for line in lines:
        print(line)
    return 1 if any(line.hasil is Hasil.GAGAL for line in lines) else 0
