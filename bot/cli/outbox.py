"""`python -m bot outbox`: the messages whose fate is unknown (the connection broke after the
call went out: Telegram may or may not have delivered them), and `outbox kirim-ulang ID` to
queue one again once a person checked with the recipient that it did not arrive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.cli.common import CliError, open_database
from bot.config import Settings
from bot.messaging.outbox import UPLOAD
from storage.models import OutboxMessage
from storage.states import OutboxState

PREVIEW = 60


def preview(row: OutboxMessage) -> str:
    """What the message says (its text or caption, or the file it carries), shortened."""
    payload = row.payload or {}
    words = payload.get("text") or payload.get("caption") or ""
    if not words and UPLOAD in payload:
        words = f"[berkas {row.method.removeprefix('send').lower()}]"
    flat = " ".join(str(words).split())
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"


def _when(moment: datetime | None, settings: Settings) -> str:
    if moment is None:
        return "-"
    local = moment.astimezone(settings.zona)
    return f"{local:%d-%m-%Y %H.%M}"


async def list_unknown(settings: Settings) -> int:
    """Print the messages of unknown fate, oldest first."""
    async with open_database(settings) as db, db.unit() as uow:
        rows = (
            await uow.session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.state == OutboxState.TIDAK_PASTI)
                .order_by(OutboxMessage.id)
            )
        ).all()
    if not rows:
        print("Tidak ada pesan yang nasibnya tidak pasti.")
        return 0
    print(f"{len(rows)} pesan yang nasibnya tidak pasti (mungkin sudah sampai, mungkin belum):")
    for row in rows:
        print(
            f"  #{row.id}  {_when(row.started_at or row.created_at, settings)}  "
            f"chat {row.chat_id}  {row.method}  «{preview(row)}»  ({row.error or '-'})"
        )
    print(
        "Tanyakan kepada penerimanya; bila pesan itu memang tidak sampai, kirim ulang dengan: "
        "python -m bot outbox kirim-ulang ID"
    )
    return 0


async def resend(settings: Settings, outbox_id: int) -> int:
    """Queue one unknown message again: state antri, attempts reset, its key kept (so it is
    still sent only once from here on)."""
    async with open_database(settings) as db, db.unit() as uow:
        row = await uow.session.get(OutboxMessage, outbox_id)
        if row is None:
            raise CliError(f"Pesan outbox #{outbox_id} tidak ada.")
        if row.state != OutboxState.TIDAK_PASTI:
            raise CliError(
                f"Pesan outbox #{outbox_id} berstatus {row.state}, bukan tidak_pasti: hanya "
                "pesan yang nasibnya tidak pasti yang dikirim ulang dari sini."
            )
        row.state = OutboxState.ANTRI
        row.attempts = 0
        # not_before stays: it was due when it was attempted, so it is due now
        row.claimed_at = None
        row.started_at = None
        row.error = None
        row.dilaporkan_at = None
        await uow.commit()
    print(
        f"Pesan outbox #{outbox_id} (chat {row.chat_id}, «{preview(row)}») masuk antrean lagi "
        "dan dikirim oleh bot yang sedang berjalan."
    )
    return 0
