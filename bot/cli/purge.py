"""`python -m bot purge [--dry-run]`: purge now what the daily purge would (raw updates and the
payloads of sent messages older than RETENTION_INBOX_MONTHS / RETENTION_OUTBOX_MONTHS, see
bot/features/retention/service.py), one line per kind with its count; ``--dry-run`` only
counts. Safe while the bot runs."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.cli.common import CliError, open_database, revisions, unknown_revision
from bot.config import Settings
from bot.features.retention.service import HasilRetensi
from bot.features.retention.service import purge as purge_old


def _day(moment: datetime, settings: Settings) -> str:
    return f"{moment.astimezone(settings.zona):%d-%m-%Y}"


def report(hasil: HasilRetensi, settings: Settings, *, dry_run: bool) -> list[str]:
    """The lines printed: one per kind of data, with its count and cut-off."""
    inbox, outbox = _day(hasil.batas_inbox, settings), _day(hasil.batas_outbox, settings)
    if dry_run:
        lines = [
            f"Pembaruan mentah (inbox) yang akan dihapus: {hasil.inbox} "
            f"(diterima sebelum {inbox}, RETENTION_INBOX_MONTHS={settings.RETENTION_INBOX_MONTHS})",
            f"Isi pesan terkirim (outbox) yang akan dikosongkan: {hasil.outbox} "
            f"(terkirim sebelum {outbox}, "
            f"RETENTION_OUTBOX_MONTHS={settings.RETENTION_OUTBOX_MONTHS})",
            f"Berkas pesan terkirim yang akan dihapus: {hasil.berkas}",
            "Uji coba (--dry-run): tidak ada yang diubah.",
        ]
    else:
        lines = [
            f"Pembaruan mentah (inbox) dihapus: {hasil.inbox} (diterima sebelum {inbox})",
            f"Isi pesan terkirim (outbox) dikosongkan: {hasil.outbox} (terkirim sebelum "
            f"{outbox}; kuncinya disimpan agar tidak ada yang terkirim dua kali)",
            f"Berkas pesan terkirim dihapus: {hasil.berkas}",
        ]
    return lines


async def purge(settings: Settings, *, dry_run: bool, now: datetime | None = None) -> int:
    """Purge (or count) and print the counts; 0, or a CliError for a database not ready."""
    async with open_database(settings) as db:
        found = await revisions(db)
        if not found.known:
            assert found.current is not None
            raise unknown_revision(found.current)
        if found.current is None:
            raise CliError(
                "Basis data belum berisi tabel bot: tidak ada yang dibersihkan (jalankan "
                "python -m bot migrate, atau mulai bot)."
            )
        hasil = await purge_old(db, settings, now or datetime.now(UTC), dry_run=dry_run)
    for line in report(hasil, settings, dry_run=dry_run):
        print(line)
    return 0
