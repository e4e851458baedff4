"""Members: /undang, /anggota, /nonaktif (admin)."""

from __future__ import annotations

import re

from telegram.ext import BaseHandler

from bot.domain.errors import InputTidakValid
from bot.domain.roles import INVITE_WORDS
from bot.env import Env
from bot.features.people import menus, views
from bot.features.people import service as people
from bot.features.people.access import Actor
from bot.features.people.service import Nonaktifkan, Undang
from bot.messaging.caller import Caller
from bot.texts import Teks
from handlers.common import answer, command
from storage.db import UnitOfWork

# Telegram user ids are positive and fit in 52 bits: at most 16 ASCII digits
_USER_ID = re.compile(r"[0-9]{1,16}")


def read_undang(args: str) -> Undang:
    """`PERAN [KODE_OPD|KLASTER]`: a role word (INVITE_WORDS) and at most one more word,
    which the service checks against the role."""
    words = args.split()
    if not words or len(words) > 2 or words[0].lower() not in INVITE_WORDS:
        raise InputTidakValid(Teks("undang.format"))
    return Undang(INVITE_WORDS[words[0].lower()], words[1] if len(words) > 1 else None)


def read_nonaktif(args: str) -> Nonaktifkan:
    """`USER_ID`: a Telegram user id, ASCII digits only (int() would take '²' and overflow
    the BIGINT lookup with ids too long)."""
    target = args.strip()
    if not _USER_ID.fullmatch(target):
        raise InputTidakValid(Teks("nonaktif.format"))
    return Nonaktifkan(int(target))


async def _invite(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    undangan = await people.invite(uow, actor, read_undang(args))
    await answer(uow, caller, views.invitation(env, undangan))


async def _members(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    for page in views.members(env, await people.list_members(uow)):
        await answer(uow, caller, page)


async def _deactivate(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    hasil = await people.deactivate(uow, env, actor, read_nonaktif(args))
    await menus.queue_menu(uow, env, hasil.menu.telegram_id, hasil.menu.peran)
    await answer(uow, caller, views.deactivated(env, hasil))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The member-management handlers."""
    return [
        command("undang", _invite),
        command("anggota", _members),
        command("nonaktif", _deactivate),
    ]
