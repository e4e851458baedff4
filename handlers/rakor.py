"""Rakor: /rakor Judul | tanggal (admin) opens one; /rakor alone lists the recent ones with a
button per Rakor to choose which one the admin's new directives belong to."""

from __future__ import annotations

from datetime import date

from telegram.ext import BaseHandler

from bot.domain.dates import parse_tanggal
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.rakor import service, views
from bot.features.rakor.service import BukaRakor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_buka_rakor(args: str, today: date) -> BukaRakor:
    """`Judul | tanggal`; the date defaults to today (a missing title is the service's to
    refuse, before the date is read)."""
    judul, _, tanggal = args.partition("|")
    given = tanggal.strip() and judul.strip()
    return BukaRakor(judul, parse_tanggal(tanggal, today) if given else today)


async def _open(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    if not args.strip():
        daftar = await service.list_rakor(uow, actor)
        await answer(uow, caller, views.listing(env, daftar))
        return
    rakor = await service.open_rakor(uow, actor, read_buka_rakor(args, env.today()))
    await answer(uow, caller, views.opened(env, rakor))


async def _choose(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """A Rakor's button under `/rakor`: `p:rakor_id`; the list is updated in place."""
    daftar = await service.choose_rakor(uow, actor, tombol.int_arg(1))
    if caller.message_id is not None:
        view = views.listing(env, daftar)
        key = uow.once_key(f"rakor_pilih:{caller.telegram_id}")
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text, view.keyboard)
    return views.chosen_answer(env, daftar)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The Rakor handlers."""
    return [command("rakor", _open), on_button(ButtonKind.RAKOR, _choose)]
