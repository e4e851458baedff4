"""Report buttons that no longer apply: the messages of a directive that is cancelled or
closed (every penugasan verified or otherwise closed), and those of a penugasan withdrawn from
its OPD, lose Terima / Progres / Kendala / Selesai (and Minta perpanjangan).

Every message the bot sent starts as an outbox row that keeps its sendMessage parameters and,
once sent, Telegram's message id; the rows of a directive's messages carry its id (and the
penugasan's, for an OPD's members and group), so they are found again here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.domain.lifecycle import CLOSED, Status
from bot.domain.roles import ButtonKind
from bot.messaging.outbox import Keyboard, enqueue
from storage.db import UnitOfWork
from storage.models import OutboxMessage, Penugasan
from storage.states import OutboxState

# the buttons that act on the work (a report, a request for more time)
REPORT_KINDS = frozenset(
    k.value for k in (ButtonKind.PENUGASAN, ButtonKind.ARAHAN, ButtonKind.MINTA_PERPANJANGAN)
)
KEY = "tombol-usang"  # outbox key of the edit: `tombol-usang:<outbox row of the message>`


@dataclass(frozen=True)
class PesanBertombol:
    """A sent message with report buttons: where it is, and the buttons that stay."""

    outbox_id: int
    chat_id: int
    message_id: int
    sisa: Keyboard


def _is_report(button: dict[str, Any]) -> bool:
    return str(button.get("callback_data", "")).split(":", 1)[0] in REPORT_KINDS


async def with_report_buttons(
    uow: UnitOfWork, arahan_id: int, penugasan_id: int | None = None
) -> list[PesanBertombol]:
    """The directive's sent messages that carry report buttons (only those about
    ``penugasan_id`` when given), oldest first."""
    query = select(OutboxMessage).where(
        OutboxMessage.arahan_id == arahan_id,
        OutboxMessage.method == "sendMessage",
        OutboxMessage.state == OutboxState.TERKIRIM,
        OutboxMessage.message_id.is_not(None),
    )
    if penugasan_id is not None:
        query = query.where(OutboxMessage.penugasan_id == penugasan_id)
    found = []
    for row in (await uow.session.scalars(query.order_by(OutboxMessage.id))).all():
        rows = (row.payload.get("reply_markup") or {}).get("inline_keyboard") or []
        if not any(_is_report(b) for r in rows for b in r):
            continue
        kept = [r for r in rows if not any(_is_report(b) for b in r)]
        assert row.message_id is not None
        found.append(PesanBertombol(row.id, row.chat_id, row.message_id, kept))
    return found


async def closed(uow: UnitOfWork, arahan_id: int) -> bool:
    """Whether every penugasan of the directive still assigned is closed (verified, or closed
    as tidak dapat ditindaklanjuti) and at least one was."""
    statuses = (
        await uow.session.scalars(
            select(Penugasan.status)
            .where(Penugasan.arahan_id == arahan_id, Penugasan.status != Status.DICABUT.value)
            .distinct()
        )
    ).all()
    done = {s.value for s in CLOSED}
    return bool(statuses) and all(s in done for s in statuses)


async def take_off(uow: UnitOfWork, messages: list[PesanBertombol]) -> int:
    """Queue the edits that take the report buttons off ``messages`` (once per message: the
    key names its outbox row); how many were queued now."""
    queued = 0
    for pesan in messages:
        payload: dict[str, Any] = {"chat_id": pesan.chat_id, "message_id": pesan.message_id}
        if pesan.sisa:
            payload["reply_markup"] = {"inline_keyboard": pesan.sisa}
        if await enqueue(
            uow, f"{KEY}:{pesan.outbox_id}", "editMessageReplyMarkup", pesan.chat_id, payload
        ):
            queued += 1
    return queued


async def retire_directive(uow: UnitOfWork, arahan_id: int) -> int:
    """Every message of a cancelled or closed directive loses its report buttons."""
    return await take_off(uow, await with_report_buttons(uow, arahan_id))


async def retire_if_closed(uow: UnitOfWork, arahan_id: int) -> int:
    """After a penugasan is closed: when the directive is closed as a whole, its messages
    lose their report buttons."""
    if not await closed(uow, arahan_id):
        return 0
    return await retire_directive(uow, arahan_id)
