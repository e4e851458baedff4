"""Groups: /grup KODE_OPD or /grup rakor (admin, inside the group)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.opd import views
from bot.features.opd.groups import DaftarGrup, register_group
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_daftar_grup(caller: Caller, args: str) -> DaftarGrup:
    """The chat the command was sent in (its title, or its id when it has none) and the
    word after `/grup`."""
    judul = caller.chat_title or str(caller.chat_id)
    return DaftarGrup(caller.chat_id, judul, not caller.in_private, args)


async def _register(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    registered = await register_group(uow, actor, read_daftar_grup(caller, args))
    await answer(uow, caller, views.group_registered(env, registered))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The group handlers."""
    return [command("grup", _register)]
