"""Reports: the buttons on directive messages, taking a report back, /lapor and /tugas."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.env import Env
from bot.features.reporting.buttons import press
from bot.features.reporting.inputs import lapor, my_open_work
from bot.features.reporting.service import take_back
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from handlers.buttons import pressed
from handlers.common import Context, command
from storage.db import UnitOfWork


async def _report_button(update: Update, context: Context) -> None:
    await pressed(update, context, press)


async def _take_back(update: Update, context: Context) -> None:
    async def act(uow: UnitOfWork, env: Env, caller: Caller, tombol: Tombol) -> str:
        return await take_back(uow, env, caller, tombol.int_arg(1))

    await pressed(update, context, act)


async def _tugas(uow: UnitOfWork, env: Env, caller: Caller, _args: str) -> None:
    await my_open_work(uow, env, caller)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The report handlers."""
    return [
        CallbackQueryHandler(_report_button, pattern=r"^(pg|ar):"),
        CallbackQueryHandler(_take_back, pattern=r"^lp:"),
        command("lapor", lapor),
        command("tugas", _tugas),
    ]
