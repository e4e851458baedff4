"""Writing to the outbox: every message the bot sends starts as a row here.

A service writes rows in the same transaction as the change they announce; the unique key
makes enqueueing idempotent, so running the same work twice never sends anything twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.messaging.audience import Recipient
from bot.messaging.caller import Caller
from storage.db import UnitOfWork
from storage.models import OutboxFile, OutboxMessage
from storage.repo import insert_all_or_ignore, insert_or_ignore
from storage.states import OutboxPrioritas, OutboxState

Keyboard = list[list[dict[str, str]]]
MAX_TEXT = 4096
MAX_CAPTION = 1024
# in a payload: the outbox file the sender uploads, and as which parameter
UPLOAD = "_berkas"


def button(text: str, callback_data: str) -> dict[str, str]:
    """One inline button that calls back into the bot."""
    return {"text": text, "callback_data": callback_data}


def url_button(text: str, url: str) -> dict[str, str]:
    """One inline button that opens a link."""
    return {"text": text, "url": url}


async def enqueue(
    uow: UnitOfWork,
    key: str,
    method: str,
    chat_id: int,
    payload: dict[str, Any],
    *,
    member_id: int | None = None,
    arahan_id: int | None = None,
    penugasan_id: int | None = None,
    opd_id: int | None = None,
    prioritas: OutboxPrioritas = OutboxPrioritas.JAWABAN,
) -> bool:
    """Queue one Bot API call under ``key``; returns False if that key was queued before.
    ``prioritas``: an answer to a person (the default) goes before fan-out to many."""
    values = _row(
        uow,
        key,
        method,
        chat_id,
        payload,
        member_id=member_id,
        arahan_id=arahan_id,
        penugasan_id=penugasan_id,
        opd_id=opd_id,
        prioritas=prioritas,
    )
    return await insert_or_ignore(uow.session, OutboxMessage, values, unique=["key"]) is not None


def _row(
    uow: UnitOfWork,
    key: str,
    method: str,
    chat_id: int,
    payload: dict[str, Any],
    *,
    member_id: int | None,
    arahan_id: int | None,
    penugasan_id: int | None,
    opd_id: int | None,
    prioritas: OutboxPrioritas,
) -> dict[str, Any]:
    """An outbox row, queued now."""
    return {
        "key": key[:200],
        "method": method,
        "chat_id": chat_id,
        "payload": payload,
        "state": OutboxState.ANTRI,
        "attempts": 0,
        "not_before": uow.now,
        "created_at": uow.now,
        "member_id": member_id,
        "arahan_id": arahan_id,
        "penugasan_id": penugasan_id,
        "opd_id": opd_id,
        "prioritas": int(prioritas),
    }


def message_payload(
    chat_id: int,
    text: str,
    *,
    keyboard: Keyboard | None = None,
    reply_to: int | None = None,
    force_reply: bool = False,
    placeholder: str | None = None,
) -> dict[str, Any]:
    """The parameters of an HTML sendMessage."""
    payload: dict[str, Any] = {
        "chat_id": chat_id,
        "text": text,
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    if keyboard:
        payload["reply_markup"] = {"inline_keyboard": keyboard}
    elif force_reply:
        markup: dict[str, Any] = {"force_reply": True, "selective": True}
        if placeholder:
            markup["input_field_placeholder"] = placeholder[:64]
        payload["reply_markup"] = markup
    if reply_to is not None:
        payload["reply_parameters"] = {
            "message_id": reply_to,
            "allow_sending_without_reply": True,
        }
    return payload


@dataclass(frozen=True)
class View:
    """A rendered message: HTML text (user text escaped) and its inline buttons."""

    text: str
    keyboard: Keyboard | None = None


async def send(
    uow: UnitOfWork,
    key: str,
    to: Recipient,
    view: View,
    *,
    arahan_id: int | None = None,
    part: int | None = None,
    prioritas: OutboxPrioritas = OutboxPrioritas.SIARAN,
) -> bool:
    """Queue ``view`` for ``to`` under the key ``{key}:{slot of the recipient}`` (then
    ``:{part}`` for one page of a long message); False if it was queued before. A fan-out by
    default: answers to people who wait go first."""
    return await enqueue(uow, **_message(key, to, view, arahan_id, part, prioritas))


async def send_all(
    uow: UnitOfWork,
    key: str,
    messages: Iterable[tuple[Recipient, View]],
    *,
    arahan_id: int | None = None,
    prioritas: OutboxPrioritas = OutboxPrioritas.SIARAN,
) -> int:
    """:func:`send` for many recipients at once, written in one statement (a push to a
    thousand members costs one round trip); rows queued before are left as they are. Returns
    how many were queued now."""
    return await send_each(
        uow,
        ((key, to, view, None) for to, view in messages),
        arahan_id=arahan_id,
        prioritas=prioritas,
    )


async def send_each(
    uow: UnitOfWork,
    messages: Iterable[tuple[str, Recipient, View, int | None]],
    *,
    arahan_id: int | None = None,
    prioritas: OutboxPrioritas = OutboxPrioritas.SIARAN,
) -> int:
    """Like :func:`send_all`, each message under its own key (and page ``part``): the weekly
    push and the daily reminders, one statement for every OPD's members."""
    rows = [
        _row(uow, **_message(key, to, view, arahan_id, part, prioritas))
        for key, to, view, part in messages
    ]
    return await insert_all_or_ignore(uow.session, OutboxMessage, rows, unique=["key"])


def _message(
    key: str,
    to: Recipient,
    view: View,
    arahan_id: int | None,
    part: int | None,
    prioritas: OutboxPrioritas,
) -> dict[str, Any]:
    """The outbox fields of ``view`` sent to ``to`` under ``key``."""
    return {
        "key": f"{key}:{to.slot}" + (f":{part}" if part is not None else ""),
        "method": "sendMessage",
        "chat_id": to.chat_id,
        "payload": message_payload(to.chat_id, view.text, keyboard=view.keyboard),
        "member_id": to.member_id,
        "arahan_id": arahan_id,
        "penugasan_id": to.penugasan_id,
        "opd_id": to.opd_id,
        "prioritas": prioritas,
    }


async def reply(
    uow: UnitOfWork,
    caller: Caller,
    text: str,
    *,
    keyboard: Keyboard | None = None,
    force_reply: bool = False,
    placeholder: str | None = None,
    arahan_id: int | None = None,
    penugasan_id: int | None = None,
    opd_id: int | None = None,
) -> None:
    """Answer the caller in the chat they wrote in (as a reply to their message in groups)."""
    reply_to = caller.message_id if not caller.in_private or force_reply else None
    await enqueue(
        uow,
        uow.once_key("balas"),
        "sendMessage",
        caller.chat_id,
        message_payload(
            caller.chat_id,
            text,
            keyboard=keyboard,
            reply_to=reply_to,
            force_reply=force_reply,
            placeholder=placeholder,
        ),
        arahan_id=arahan_id,
        penugasan_id=penugasan_id,
        opd_id=opd_id,
    )


async def edit_message(
    uow: UnitOfWork,
    key: str,
    chat_id: int,
    message_id: int,
    text: str,
    keyboard: Keyboard | None = None,
) -> None:
    """Queue an edit of a message the bot sent earlier (e.g. a preview after Terbitkan)."""
    payload: dict[str, Any] = {
        "chat_id": chat_id,
        "message_id": message_id,
        "text": text,
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    if keyboard is not None:
        payload["reply_markup"] = {"inline_keyboard": keyboard}
    await enqueue(uow, key, "editMessageText", chat_id, payload)


@dataclass(frozen=True)
class Berkas:
    """A file the bot made, to send as a document or a photo."""

    nama: str
    isi: bytes
    mime: str


async def send_file(
    uow: UnitOfWork,
    key: str,
    to: Recipient,
    berkas: Berkas,
    caption: str = "",
    *,
    foto: bool = False,
    keyboard: Keyboard | None = None,
    prioritas: OutboxPrioritas = OutboxPrioritas.SIARAN,
) -> bool:
    """Queue ``berkas`` for ``to`` under ``{key}:{slot}`` (sendPhoto when ``foto``, else
    sendDocument) with an HTML caption; the file is kept in the same transaction. False if
    that key was queued before (and nothing is kept)."""
    full_key = f"{key}:{to.slot}"
    return await _queue_file(
        uow,
        full_key,
        to.chat_id,
        berkas,
        caption,
        foto=foto,
        keyboard=keyboard,
        prioritas=prioritas,
        member_id=to.member_id,
    )


async def reply_file(
    uow: UnitOfWork, caller: Caller, berkas: Berkas, caption: str = "", *, foto: bool = False
) -> None:
    """Answer the caller with a file in the chat they wrote in."""
    await _queue_file(
        uow,
        uow.once_key("berkas"),
        caller.chat_id,
        berkas,
        caption,
        foto=foto,
        keyboard=None,
        prioritas=OutboxPrioritas.JAWABAN,
        member_id=None,
    )


async def _queue_file(
    uow: UnitOfWork,
    key: str,
    chat_id: int,
    berkas: Berkas,
    caption: str,
    *,
    foto: bool,
    keyboard: Keyboard | None,
    prioritas: OutboxPrioritas,
    member_id: int | None,
) -> bool:
    queued = await uow.session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key))
    if queued is not None:
        return False
    kept = OutboxFile(nama=berkas.nama, mime=berkas.mime, isi=berkas.isi, created_at=uow.now)
    uow.session.add(kept)
    await uow.session.flush()
    field = "photo" if foto else "document"
    payload: dict[str, Any] = {"chat_id": chat_id, UPLOAD: {"id": kept.id, "field": field}}
    if caption:
        payload |= {"caption": caption, "parse_mode": "HTML"}
    if keyboard:
        payload["reply_markup"] = {"inline_keyboard": keyboard}
    method = "sendPhoto" if foto else "sendDocument"
    return await enqueue(
        uow, key, method, chat_id, payload, member_id=member_id, prioritas=prioritas
    )
