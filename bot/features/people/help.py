"""`/bantuan`: the commands this person may use, and nothing more."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.roles import OPD_ROLES, commands_for
from bot.env import Env
from bot.features.people.access import load_actor
from bot.texts import Teks
from storage.db import UnitOfWork


@dataclass(frozen=True)
class Bantuan:
    """The commands this person may use, in menu order, and the hint that follows them."""

    perintah: list[str]
    petunjuk: Teks | None


async def help_for(uow: UnitOfWork, env: Env, telegram_id: int) -> Bantuan:
    """The caller's commands; strangers are told how to join, OPD people that they may reply.

    Deactivated members get a stranger's help: their role no longer counts."""
    actor = await load_actor(uow, env, telegram_id)
    peran = actor.peran if actor else None
    petunjuk: Teks | None = None
    if actor is None:
        petunjuk = Teks("bantuan.orang_baru")
    elif actor.peran in OPD_ROLES:
        petunjuk = Teks("bantuan.balas")
    return Bantuan(commands_for(peran, env.available_commands), petunjuk)
