"""Verification: /verifikasi, its Terima / Tolak buttons, and the reason typed after Tolak
(which the message router hands to ``reason``)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.arahan_ubah.tombol import retire_if_closed
from bot.features.people.access import Actor
from bot.features.verification import service, views
from bot.features.verification.service import (
    CARD_KEY,
    AlasanPenolakan,
    Keputusan,
    TerimaPenyelesaian,
    TolakPenyelesaian,
)
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message, enqueue, message_payload, reply, send
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork


async def _list(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    antrian = await service.list_waiting(uow, env, actor)
    if antrian.jumlah == 0:
        await answer(uow, caller, views.kosong(env))
        return
    await answer(uow, caller, views.judul(env, antrian))
    for kartu in antrian.kartu:
        # queued in the header's order: the sender keeps a chat's rows in queue order; the
        # key names the penugasan, so a decision finds every card about it again
        view = views.kartu(env, kartu)
        await enqueue(
            uow,
            uow.once_key(f"{CARD_KEY}:{kartu.tugas.id}"),
            "sendMessage",
            caller.chat_id,
            message_payload(
                caller.chat_id,
                view.text,
                keyboard=view.keyboard,
                reply_to=None if caller.in_private else caller.message_id,
            ),
            arahan_id=kartu.arahan.id,
            penugasan_id=kartu.tugas.id,
        )


async def _retire_cards(
    uow: UnitOfWork, env: Env, keputusan: Keputusan, pressed: tuple[int, int | None] | None
) -> bool:
    """Once a penugasan is decided, every card about it that reached a verifier (this one's
    or another's) shows the decision and loses Terima / Tolak; True if ``pressed`` (chat,
    message) was one of them."""
    found = False
    for card in await service.sent_cards(uow, keputusan.tugas.id):
        assert card.message_id is not None
        found = found or pressed == (card.chat_id, card.message_id)
        view = views.kartu_diputuskan(env, card.payload, keputusan)
        await edit_message(
            uow,
            f"{CARD_KEY}-usang:{card.id}",
            card.chat_id,
            card.message_id,
            view.text,
            view.keyboard or None,
        )
    return found


async def _decide(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """`vf:y:<penugasan>` is **Terima**, `vf:n:<penugasan>` is **Tolak**."""
    penugasan_id = tombol.int_arg(1)
    if tombol.args[0] == "n":
        perkara = await service.ask_reason(
            uow, env, actor, TolakPenyelesaian(penugasan_id, caller.chat_id)
        )
        await reply(uow, caller, views.minta_alasan(env, perkara).text, force_reply=True)
        return views.tulis_alasan(env)
    keputusan = await service.accept(
        uow, env, actor, TerimaPenyelesaian(penugasan_id, caller.chat_id, caller.message_id)
    )
    view = views.diterima(env, keputusan)
    key = f"verifikasi:{keputusan.laporan.id}"
    pressed = (caller.chat_id, caller.message_id)
    retired = await _retire_cards(uow, env, keputusan, pressed)
    if caller.message_id is not None and not retired:
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text)
    for person in keputusan.penerima:
        await send(uow, key, person, view, arahan_id=keputusan.arahan.id)
    # the last penugasan closed: the directive's messages lose their report buttons
    await retire_if_closed(uow, keputusan.arahan.id)
    return views.diterima_singkat(env)


async def reason(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, text: str) -> None:
    """The reason typed after **Tolak**: reject, tell the OPD why, confirm to the verifier."""
    dikembalikan = await service.reject(
        uow, env, actor, AlasanPenolakan(text, caller.chat_id, caller.message_id)
    )
    await _retire_cards(uow, env, dikembalikan, None)
    notice = views.dikembalikan(env, dikembalikan)
    for person in dikembalikan.penerima:
        await send(
            uow,
            f"verifikasi:{dikembalikan.laporan.id}",
            person,
            notice,
            arahan_id=dikembalikan.arahan.id,
        )
    await answer(uow, caller, views.penolakan_dicatat(env, dikembalikan))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The verification handlers."""
    return [command("verifikasi", _list), on_button(ButtonKind.VERIFIKASI, _decide)]
