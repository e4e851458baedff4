"""Reminders: /ingatkan (admin) runs today's reminder cycle now."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.caller import Caller
from bot.env import Env
from bot.services.reminders import remind_now
from handlers.common import command


async def _now(env: Env, caller: Caller, _args: str) -> None:
    await remind_now(env, caller)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The reminder handlers."""
    return [command("ingatkan", _now)]
