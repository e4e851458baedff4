"""`/bantuan`: the commands this person may use, and nothing more."""

from __future__ import annotations

from bot.domain.roles import OPD_ROLES, commands_for
from bot.env import Env
from bot.features.people.access import load_actor
from bot.messaging.caller import Caller
from bot.messaging.outbox import reply
from storage.db import UnitOfWork


async def show_help(uow: UnitOfWork, env: Env, caller: Caller) -> None:
    """List the caller's commands with one line each."""
    actor = await load_actor(uow, env, caller.telegram_id)
    peran = actor.peran if actor else None
    lines = [env.texts("bantuan.judul")]
    for name in commands_for(peran, env.available_commands):
        lines.append(f"/{name} — {env.texts(f'cmd.{name}')}")
    if actor is None:
        lines.append(env.texts("bantuan.orang_baru"))
    elif actor.peran in OPD_ROLES:
        lines.append(env.texts("bantuan.balas"))
    await reply(uow, caller, "\n".join(lines))
