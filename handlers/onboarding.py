"""Onboarding: /start (with or without an invite code) and /bantuan."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.people import help as help_service
from bot.features.people import service as people
from bot.messaging.caller import Caller
from handlers.common import open_command
from storage.db import UnitOfWork


async def _start(uow: UnitOfWork, env: Env, caller: Caller, args: str) -> None:
    await people.start(uow, env, caller, args.split()[0] if args.split() else None)


async def _help(uow: UnitOfWork, env: Env, caller: Caller, _args: str) -> None:
    await help_service.show_help(uow, env, caller)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The onboarding handlers."""
    return [open_command("start", _start), open_command("bantuan", _help, "help")]
