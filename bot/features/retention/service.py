"""Keeping data tidy: raw updates and the payloads of sent messages are purged once they are
older than the retention period (RETENTION_INBOX_MONTHS, RETENTION_OUTBOX_MONTHS).

What goes:
- handled inbox rows (the raw Telegram updates) received before the inbox cut-off. Their
  effects (reports, history, evidence) live in their own tables and stay. Exactly once does
  not need them: Telegram never redelivers an update it confirmed (and after a week without
  updates it reuses ids at random: ``bot.messaging.inbox`` already treats an id seen that long
  ago as a new update). Unhandled rows are never purged (the bot still owes them an answer);
- the payload of each outbox row sent (``terkirim``) before the outbox cut-off, and the file
  it carried (``outbox_file``). The row itself stays with its key, chat, method, times and
  message id, its payload blanked to ``{}``: the unique key is what keeps a replay, a repeated
  scheduled run or ``/ingatkan`` from sending anything twice, so no key is ever deleted.
  Rows queued, in flight, failed or of unknown fate are never touched, nor the payloads a
  feature reads again (``KEPT_KEYS``: a verification card shows its own text again, with the
  decision under it, whenever its penugasan is decided).

Reports, history, audit, escalations, scheduled runs and evidence are never purged. Each batch
is its own short transaction (big tables stay usable while it runs); running it again, or
twice at once, purges nothing twice. It runs daily from the scheduler (``Jenis.RETENSI`` in
``bot.features.reminders.service.schedules``) and from ``python -m bot purge``.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, delete, select, update

from bot.config import Settings
from bot.features.verification.service import CARD_KEY
from bot.messaging.outbox import UPLOAD
from storage.db import Database
from storage.models import InboxUpdate, OutboxFile, OutboxMessage
from storage.states import OutboxState

log = logging.getLogger(__name__)

# the daily purge, in the Pemda's zone: a quiet hour, before the morning's pushes
PURGE_CRON = "30 3 * * *"
BATCH = 500
# outbox keys whose payloads are read again later (bot/features/verification/views.py:
# kartu_diputuskan edits each card with its own text): never blanked
KEPT_KEYS = (f"{CARD_KEY}:",)
BLANK: dict[str, Any] = {}


@dataclass(frozen=True)
class HasilRetensi:
    """What a purge removed (or, in a dry run, would remove), and the cut-offs it used."""

    inbox: int  # raw updates deleted
    outbox: int  # payloads of sent messages blanked
    berkas: int  # files of those messages deleted
    batas_inbox: datetime
    batas_outbox: datetime


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment ``months`` calendar months earlier (31 March minus one month is the
    last day of February)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def cutoffs(settings: Settings, now: datetime) -> tuple[datetime, datetime]:
    """Rows older than these go: the inbox's and the outbox's."""
    return (
        months_before(now, settings.RETENTION_INBOX_MONTHS),
        months_before(now, settings.RETENTION_OUTBOX_MONTHS),
    )


async def purge(
    db: Database, settings: Settings, now: datetime, *, dry_run: bool = False, batch: int = BATCH
) -> HasilRetensi:
    """Purge what is older than the retention periods at ``now``, ``batch`` rows per
    transaction; with ``dry_run`` only count."""
    batas_inbox, batas_outbox = cutoffs(settings, now)
    inbox = await _purge_inbox(db, now, batas_inbox, dry_run=dry_run, batch=batch)
    outbox, berkas = await _purge_outbox(db, now, batas_outbox, dry_run=dry_run, batch=batch)
    return HasilRetensi(inbox, outbox, berkas, batas_inbox, batas_outbox)


async def _purge_inbox(
    db: Database, now: datetime, cutoff: datetime, *, dry_run: bool, batch: int
) -> int:
    """Delete handled raw updates received before ``cutoff``, a batch at a time."""
    old = (InboxUpdate.handled_at.is_not(None), InboxUpdate.received_at < cutoff)
    total = 0
    last: int | None = None
    while True:
        async with db.unit(now) as uow:
            query = select(InboxUpdate.update_id).where(*old)
            if last is not None:
                query = query.where(InboxUpdate.update_id > last)
            query = query.order_by(InboxUpdate.update_id).limit(batch)
            ids = (await uow.session.scalars(query)).all()
            if not ids:
                return total
            last = ids[-1]
            if dry_run:
                total += len(ids)
                continue
            result = await uow.session.execute(
                delete(InboxUpdate).where(InboxUpdate.update_id.in_(ids), *old)
            )
            await uow.commit()
        total += _rowcount(result, len(ids))


async def _purge_outbox(
    db: Database, now: datetime, cutoff: datetime, *, dry_run: bool, batch: int
) -> tuple[int, int]:
    """Blank the payloads of messages sent before ``cutoff`` and delete their files, a batch
    at a time; how many payloads and files."""
    old = (
        OutboxMessage.state == OutboxState.TERKIRIM,
        OutboxMessage.sent_at < cutoff,
        # blanked before: the JSON written as text (the same on SQLite and PostgreSQL)
        cast(OutboxMessage.payload, Text) != "{}",
        *(OutboxMessage.key.not_like(f"{prefix}%") for prefix in KEPT_KEYS),
    )
    rows_done = files_done = 0
    last = 0
    while True:
        async with db.unit(now) as uow:
            rows = (
                await uow.session.execute(
                    select(OutboxMessage.id, OutboxMessage.payload)
                    .where(*old, OutboxMessage.id > last)
                    .order_by(OutboxMessage.id)
                    .limit(batch)
                )
            ).all()
            if not rows:
                return rows_done, files_done
            last = rows[-1][0]
            ids = [row[0] for row in rows]
            files = _files(row[1] for row in rows)
            if dry_run:
                rows_done += len(ids)
                files_done += len(files)
                continue
            blanked = await uow.session.execute(
                update(OutboxMessage).where(OutboxMessage.id.in_(ids), *old).values(payload=BLANK)
            )
            gone = await uow.session.execute(delete(OutboxFile).where(OutboxFile.id.in_(files)))
            await uow.commit()
        rows_done += _rowcount(blanked, len(ids))
        files_done += _rowcount(gone, len(files))


def _files(payloads: Any) -> list[int]:
    """The outbox files these payloads carry."""
    found: list[int] = []
    for payload in payloads:
        upload = payload.get(UPLOAD) if isinstance(payload, dict) else None
        if isinstance(upload, dict) and isinstance(upload.get("id"), int):
            found.append(upload["id"])
    return found


def _rowcount(result: Any, fallback: int) -> int:
    """Rows a statement changed (another process may have purged some at the same time)."""
    count = getattr(result, "rowcount", None)
    return count if isinstance(count, int) and count >= 0 else fallback


async def run_scheduled(db: Database, settings: Settings, now: datetime) -> HasilRetensi:
    """The daily purge (its occurrence already claimed by the scheduler), logged in one line."""
    hasil = await purge(db, settings, now)
    log.info(
        "retensi: %d pembaruan mentah dihapus, isi %d pesan terkirim dikosongkan, %d berkas "
        "dihapus",
        hasil.inbox,
        hasil.outbox,
        hasil.berkas,
    )
    return hasil
