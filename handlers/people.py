"""Members: /undang, /undangan (and its revoke button), /anggota, /nonaktif (admin)."""

from __future__ import annotations

import re

from telegram.ext import BaseHandler

from bot.domain.errors import InputTidakValid
from bot.domain.roles import INVITE_WORDS, ButtonKind
from bot.env import Env
from bot.features.people import menus, views
from bot.features.people import service as people
from bot.features.people.access import Actor
from bot.features.people.service import Cabut, Nonaktifkan, Undang
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import edit_message
from bot.texts import Teks
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork

# Telegram user ids are positive and fit in 52 bits: at most 16 ASCII digits
_USER_ID = re.compile(r"[0-9]{1,16}")


def read_undang(args: str, *, pribadi: bool = True) -> Undang:
    """`PERAN [KODE_OPD|KLASTER]`: a role word (INVITE_WORDS) and at most one more word,
    which the service checks against the role. Outside a private chat (``pribadi`` False)
    nothing is read: the invitation is refused whatever was typed."""
    if not pribadi:
        raise InputTidakValid(Teks("undang.hanya_pribadi"))
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
    request = read_undang(args, pribadi=caller.in_private)
    undangan = await people.invite(uow, actor, request)
    await answer(uow, caller, views.invitation(env, undangan))


async def _pending(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await answer(uow, caller, views.pending(env, await people.pending_invites(uow)))


async def _revoke(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """The revoke button under `/undangan`: the list is shown again without the invitation."""
    hasil = await people.revoke(uow, actor, Cabut(tombol.int_arg(1)))
    view, done = views.revoked(env, hasil)
    if caller.message_id is not None:
        key = f"undangan:{hasil.invite.id}:cabut"
        await edit_message(uow, key, caller.chat_id, caller.message_id, view.text, view.keyboard)
    else:
        await answer(uow, caller, view)
    return done


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
        command("undangan", _pending),
        command("anggota", _members),
        command("nonaktif", _deactivate),
        on_button(ButtonKind.UNDANGAN, _revoke),
    ]
