"""Onboarding: /start (with or without an invite code) and /bantuan."""

from __future__ import annotations

from dataclasses import replace

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.people import help as help_service
from bot.features.people import menus, views
from bot.features.people import service as people
from bot.features.people.service import Mulai, Sambutan
from bot.messaging import audience
from bot.messaging.caller import Caller
from bot.messaging.outbox import send
from handlers.common import answer, open_command
from storage.db import UnitOfWork


def read_mulai(args: str) -> Mulai:
    """`[kode]`: the first word after /start, as an invitation link sends it."""
    words = args.split()
    return Mulai(words[0] if words else None)


async def _start(uow: UnitOfWork, env: Env, caller: Caller, args: str) -> None:
    sambutan = await people.start(uow, env, caller, read_mulai(args))
    if sambutan.menu is not None:
        await menus.queue_menu(uow, env, sambutan.menu.telegram_id, sambutan.menu.peran)
    await answer(uow, caller, views.welcome(env, sambutan))
    if sambutan.bergabung:
        await _after_joining(uow, env, sambutan)


async def _after_joining(uow: UnitOfWork, env: Env, sambutan: Sambutan) -> None:
    """The admins are told who joined; a late joiner of an OPD gets its open work, in one
    message a reply to which reports by directive number (like the weekly push)."""
    key = f"gabung:{sambutan.undangan_id}"
    notice = views.joined_notice(env, sambutan)
    for admin in sambutan.admin:
        await send(uow, f"{key}:admin", audience.member(admin), notice)
    if sambutan.pekerjaan and sambutan.opd is not None and sambutan.anggota is not None:
        # the new member's row id is not stable across a replay (PostgreSQL's sequences do
        # not roll back): the single-use invite and the person make the key
        anggota = sambutan.anggota
        slot = f"telegram:{anggota.telegram_id}"
        to = replace(audience.member(anggota), slot=slot, opd_id=sambutan.opd.id)
        await send(uow, f"{key}:tugas", to, views.joined_work(env, sambutan))


async def _help(uow: UnitOfWork, env: Env, caller: Caller, _args: str) -> None:
    bantuan = await help_service.help_for(uow, env, caller.telegram_id)
    await answer(uow, caller, views.commands(env, bantuan))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The onboarding handlers."""
    return [open_command("start", _start), open_command("bantuan", _help, "help")]
