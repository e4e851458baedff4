"""`/bantuan`: the commands this person may use, and nothing more."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.roles import COMMANDS, OPD_ROLES, Peran, commands_for
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
    elif actor.peran in OPD_ROLES or actor.opd_ids:
        petunjuk = Teks("bantuan.balas")
    perintah = commands_for(peran, env.available_commands)
    if actor is not None and actor.plh_opd_ids:
        # an acting official (Plh) also has a head's commands during the range
        also = set(commands_for(Peran.KEPALA_OPD, env.available_commands))
        perintah = [name for name in _ordered(env) if name in set(perintah) | also]
    return Bantuan(perintah, petunjuk)


def _ordered(env: Env) -> list[str]:
    """Every command the bot offers now, in menu order."""
    return [c.name for c in COMMANDS if c.name in env.available_commands]
