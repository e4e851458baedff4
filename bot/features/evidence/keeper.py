"""The evidence keeper: downloads every piece of evidence into EVIDENCE_DIR, outside any
update's unit of work (network I/O never holds the database), so exports and backups contain
the files and they outlive a change of bot token.

Like the sender, it runs as a background loop: it picks Bukti rows not kept yet, asks Telegram
for the file (getFile, then the file URL), writes it atomically (a temporary file renamed into
place) under a name made of ids only, and marks the row in a short unit. A file over the Bot
API's 20 MB download limit is never downloaded and is marked so (the reader is told it is only
in Telegram); a failed download is tried again later, backing off, and never dropped. The rows
are the queue, so a restart loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select, update
from telegram import Bot
from telegram.error import BadRequest, RetryAfter, TelegramError

from bot.clock import Clock
from bot.features.evidence.simpanan import DOWNLOAD_LIMIT, Simpanan
from storage.db import Database
from storage.models import Bukti

log = logging.getLogger(__name__)

BATCH = 20
FIRST_RETRY = 60.0  # seconds; doubled at every failure
LAST_RETRY = 6 * 3600.0
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}$")


@dataclass(frozen=True)
class _Antrian:
    """What the keeper needs of a Bukti row, read in a short unit."""

    id: int
    laporan_id: int
    file_id: str
    size: int | None
    jenis: str
    attempts: int


@dataclass
class KeepReport:
    """What one pass of the keeper did."""

    kept: int = 0
    too_big: int = 0
    failed: int = 0


class _TooBig(Exception):
    """Telegram will not serve this file to a bot (over 20 MB)."""


def file_name(bukti_id: int, laporan_id: int, telegram_path: str | None, jenis: str) -> str:
    """The kept file's name: made of ids (never of what a user typed), with the extension of
    Telegram's own path when it has a plain one."""
    found = _SUFFIX.search(telegram_path or "")
    suffix = found.group(0).lower() if found else (".jpg" if jenis in ("foto", "photo") else "")
    return f"bukti_{bukti_id}_laporan_{laporan_id}{suffix}"


def write_atomically(folder: Path, name: str, data: bytes) -> None:
    """Write ``data`` as ``folder/name`` all at once: a crash leaves the old file or the new
    one, never half of one (a temporary file in the same folder, synced, then renamed)."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, folder / name)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class Keeper:
    """Downloads evidence not kept yet, one row at a time, and marks each row."""

    def __init__(self, db: Database, bot: Bot, clock: Clock, folder: str | Path) -> None:
        self.db = db
        self.bot = bot
        self.clock = clock
        self.folder = Path(folder)
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()

    def wake(self) -> None:
        """Tell the background loop that new evidence may wait."""
        self._wake.set()

    async def keep_due(self) -> KeepReport:
        """Keep every piece that is due now (new ones, and failed ones whose wait is over)."""
        report = KeepReport()
        seen: set[int] = set()
        async with self._lock:
            while True:
                rows = [row for row in await self._due() if row.id not in seen]
                if not rows:
                    return report
                for row in rows:
                    seen.add(row.id)
                    await self._keep(row, report)

    async def _due(self) -> list[_Antrian]:
        now = self.clock.now()
        async with self.db.unit(now) as uow:
            rows = await uow.session.execute(
                select(
                    Bukti.id,
                    Bukti.laporan_id,
                    Bukti.file_id,
                    Bukti.size,
                    Bukti.jenis,
                    Bukti.store_attempts,
                )
                .where(
                    Bukti.stored_state == Simpanan.ANTRI.value,
                    or_(Bukti.store_after.is_(None), Bukti.store_after <= now),
                )
                .order_by(Bukti.id)
                .limit(BATCH)
            )
            return [_Antrian(*row) for row in rows.all()]

    async def _keep(self, row: _Antrian, report: KeepReport) -> None:
        try:
            size, name = await self._download(row)
        except _TooBig:
            await self._mark(row.id, stored_state=Simpanan.TERLALU_BESAR.value, store_error=None)
            report.too_big += 1
            log.info("bukti %s lebih dari 20 MB: hanya tersimpan di Telegram", row.id)
        except RetryAfter as exc:
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            await self._later(row, f"429 retry_after {seconds:g}", at_least=seconds)
            report.failed += 1
        except TelegramError as exc:
            await self._later(row, exc.message)
            report.failed += 1
        except Exception as exc:  # a full disk, a bug: the row waits, the others go on
            log.exception("bukti %s tidak dapat disimpan", row.id)
            await self._later(row, f"{type(exc).__name__}: {exc}")
            report.failed += 1
        else:
            await self._mark(
                row.id,
                stored_state=Simpanan.TERSIMPAN.value,
                stored_path=name,
                stored_size=size,
                stored_at=self.clock.now(),
                store_error=None,
            )
            report.kept += 1

    async def _download(self, row: _Antrian) -> tuple[int, str]:
        """Fetch the file and write it; returns its size and its name in the folder."""
        if row.size is not None and row.size > DOWNLOAD_LIMIT:
            raise _TooBig
        try:
            found = await self.bot.get_file(row.file_id)
        except BadRequest as exc:
            if "too big" in exc.message.lower():
                raise _TooBig from exc
            raise
        if found.file_size is not None and found.file_size > DOWNLOAD_LIMIT:
            raise _TooBig
        data = bytes(await found.download_as_bytearray())
        name = file_name(row.id, row.laporan_id, found.file_path, row.jenis)
        await asyncio.to_thread(write_atomically, self.folder, name, data)
        return len(data), name

    async def _mark(self, bukti_id: int, **values: Any) -> None:
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(Bukti)
                .where(Bukti.id == bukti_id, Bukti.stored_state == Simpanan.ANTRI.value)
                .values(**values)
            )
            await uow.commit()

    async def _later(self, row: _Antrian, error: str, *, at_least: float = 0.0) -> None:
        """A failed download: try again after a wait that doubles with every failure."""
        wait = max(min(FIRST_RETRY * 2.0**row.attempts, LAST_RETRY), at_least)
        at: datetime = self.clock.now() + timedelta(seconds=wait)
        log.warning("bukti %s gagal diunduh (dicoba lagi): %s", row.id, error)
        async with self.db.unit(self.clock.now()) as uow:
            await uow.session.execute(
                update(Bukti)
                .where(Bukti.id == row.id)
                .values(store_attempts=row.attempts + 1, store_after=at, store_error=error[:200])
            )
            await uow.commit()

    async def run_forever(self, idle_seconds: float = 30.0) -> None:
        """The background loop: keep what is due, then wait to be woken or for the next poll."""
        while True:
            try:
                await self.keep_due()
            except Exception:  # keep the loop alive; the rows wait in the table
                log.exception("penyimpanan bukti gagal")
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=idle_seconds)
            except TimeoutError:
                pass
