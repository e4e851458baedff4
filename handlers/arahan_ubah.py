"""`/arahan_ubah NOMOR`: change a published directive step by step (its buttons, and the
text typed in a step, which the message router hands to ``answer``)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.arahan_ubah import service, tombol, views
from bot.features.arahan_ubah.service import PilihanUbah, Sesi, UbahArahan
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import View, edit_message, reply, send_all
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_ubah(args: str) -> UbahArahan:
    """`NOMOR` (anything after the first word is ignored)."""
    words = args.split()
    return UbahArahan(words[0] if words else "")


async def _start(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    sesi = await service.start(uow, caller, read_ubah(args))
    await answer(uow, caller, views.menu(env, sesi))


async def show(uow: UnitOfWork, env: Env, caller: Caller, sesi: Sesi, *, pressed: bool) -> None:
    """Show where a step led: the step's message updated in place after a press, then the
    question (as a forced reply), the preview, or the saved change and its notices."""
    edit = pressed and caller.message_id is not None

    async def put(view: View) -> None:
        if edit:
            assert caller.message_id is not None
            key = uow.once_key(f"ubah:{sesi.draft_id}")
            await edit_message(
                uow, key, caller.chat_id, caller.message_id, view.text, view.keyboard
            )
        else:
            await answer(uow, caller, view)

    if sesi.dibatalkan:
        await put(views.cancelled(env))
    elif sesi.prioritas is not None:
        await put(views.priority(env, sesi))
    elif sesi.pemilih is not None:
        await put(views.picker(env, sesi))
    elif sesi.tanya is not None or sesi.alasan_diminta:
        if edit:
            await put(views.chosen(env, sesi))
        view, placeholder = views.question(env, sesi)
        await reply(uow, caller, view.text, force_reply=True, placeholder=placeholder)
    elif sesi.pratinjau is not None:
        for page in views.preview(env, sesi):
            await answer(uow, caller, page)
    elif sesi.tersimpan is not None:
        await put(views.saved(env, sesi.tersimpan))
        await deliver(uow, env, sesi.tersimpan)


async def deliver(uow: UnitOfWork, env: Env, perubahan: service.Perubahan) -> None:
    """Queue the notices of a saved change under `ubah:{arahan}:{versi}:{part}` and take the
    report buttons off the messages that no longer take reports."""
    base = f"ubah:{perubahan.arahan.id}:{perubahan.versi}"
    for part, messages in views.notices(env, perubahan).items():
        await send_all(uow, f"{base}:{part}", messages, arahan_id=perubahan.arahan.id)
    await tombol.take_off(uow, perubahan.tombol_usang)


async def _button(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, t: Tombol) -> str:
    """`ub:langkah:draft:nilai`."""
    sesi = await service.press(uow, env, caller, PilihanUbah(t.int_arg(1), t.args[0], t.int_arg(2)))
    await show(uow, env, caller, sesi, pressed=True)
    return views.press_answer(env, sesi)


async def answer_typed(uow: UnitOfWork, env: Env, caller: Caller, text: str) -> None:
    """Text typed while the session waits for the new text, the reason or a search."""
    sesi = await service.answer(uow, env, caller, text)
    if sesi is not None:
        await show(uow, env, caller, sesi, pressed=False)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The /arahan_ubah handlers."""
    return [command("arahan_ubah", _start), on_button(ButtonKind.UBAH, _button)]
