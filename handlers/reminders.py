"""Reminders: /ingatkan (admin) runs today's reminder cycle now."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.people.access import Actor
from bot.features.reminders import views
from bot.features.reminders.service import remind_now
from bot.messaging.caller import Caller
from handlers.common import answer, command
from storage.db import UnitOfWork


async def _now(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await answer(uow, caller, views.ran_now(env, await remind_now(uow, env)))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The reminder handlers."""
    return [command("ingatkan", _now)]
