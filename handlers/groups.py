"""Groups: /grup KODE_OPD or /grup rakor (admin, inside the group)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.opd import views
from bot.features.opd.groups import (
    DaftarGrup,
    PerluKonfirmasi,
    PindahkanGrup,
    move_group,
    register_group,
)
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message
from handlers.buttons import on_button, plain
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_daftar_grup(caller: Caller, args: str) -> DaftarGrup:
    """The chat the command was sent in (its title, or its id when it has none) and the
    word after `/grup`."""
    judul = caller.chat_title or str(caller.chat_id)
    return DaftarGrup(caller.chat_id, judul, not caller.in_private, args)


async def _register(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    registered = await register_group(uow, actor, read_daftar_grup(caller, args))
    if isinstance(registered, PerluKonfirmasi):
        await answer(uow, caller, views.move_question(env, registered))
        return
    await answer(uow, caller, views.group_registered(env, registered))


def read_pindahkan(caller: Caller, tombol: Tombol) -> PindahkanGrup:
    """`gp:y:<opd>` (0: the Rakor group), pressed in the chat to register."""
    opd_id = tombol.int_arg(1)
    judul = caller.chat_title or str(caller.chat_id)
    return PindahkanGrup(caller.chat_id, judul, not caller.in_private, opd_id or None)


async def _move(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """**Pindahkan ke grup ini** (`gp:y`) moves the registration; **Batal** (`gp:n`) leaves
    everything as it was. The question loses its buttons either way."""
    if tombol.args[0] == "y":
        view = views.group_registered(
            env, await move_group(uow, actor, read_pindahkan(caller, tombol))
        )
    else:
        view = views.move_cancelled(env)
    if caller.message_id is not None:
        key = uow.once_key("grup-tanya")
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text)
    return plain(view.text)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The group handlers."""
    return [command("grup", _register), on_button(ButtonKind.GRUP, _move)]
