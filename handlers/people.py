"""Members: /undang, /anggota, /nonaktif (admin)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.people import service as people
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from handlers.common import command
from storage.db import UnitOfWork


async def _members(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await people.list_members(uow, env, caller)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The member-management handlers."""
    return [
        command("undang", people.invite),
        command("anggota", _members),
        command("nonaktif", people.deactivate),
    ]
