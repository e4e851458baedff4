"""Verification: /verifikasi and its Terima / Tolak buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.env import Env
from bot.features.verification.service import decide, list_waiting
from bot.messaging.caller import Caller
from handlers.buttons import pressed
from handlers.common import Context, command
from storage.db import UnitOfWork


async def _list(uow: UnitOfWork, env: Env, caller: Caller, _args: str) -> None:
    await list_waiting(uow, env, caller)


async def _decide(update: Update, context: Context) -> None:
    await pressed(update, context, decide)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The verification handlers."""
    return [command("verifikasi", _list), CallbackQueryHandler(_decide, pattern=r"^vf:")]
