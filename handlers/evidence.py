"""Evidence: the **Lihat bukti** button under a verification card or a directive's history
sends the penugasan's photos and documents again, by their file ids, through the outbox."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.errors import Ditolak
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.evidence import service, views
from bot.features.evidence.service import LihatBukti
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import enqueue, message_payload
from bot.texts import Teks
from handlers.buttons import on_button
from storage.db import UnitOfWork


async def _show(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """`bk:p:<penugasan>:<mulai>`: the next page of evidence, into the reader's private chat
    (pressed in a group, the group is not flooded and only the reader sees it). The copies
    name no penugasan, so a reply to one is not taken for a report."""
    if len(tombol.args) != 3:
        raise Ditolak(Teks("tombol.tidak_sah"))
    kiriman = await service.show(uow, actor, LihatBukti(tombol.int_arg(1), tombol.int_arg(2)))
    chat_id = caller.telegram_id
    tugas = kiriman.tugas
    for berkas in kiriman.berkas:
        method, payload = views.payload(env, chat_id, kiriman, berkas)
        await enqueue(
            uow,
            uow.once_key(f"bukti:{berkas.bukti.id}"),
            method,
            chat_id,
            payload,
        )
    more = views.lanjut(env, kiriman)
    if more is not None:
        await enqueue(
            uow,
            uow.once_key(f"bukti-lanjut:{tugas.id}"),
            "sendMessage",
            chat_id,
            message_payload(chat_id, more.text, keyboard=more.keyboard),
        )
    return views.dikirim(env, kiriman, ke_pribadi=not caller.in_private)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The evidence handlers."""
    return [on_button(ButtonKind.BUKTI, _show)]
