"""Directives: /arahan (lines, or guided with buttons) and the buttons of drafts."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.env import Env
from bot.features.directives.drafts import cancel_draft, draft_from_text
from bot.features.directives.guided import guided_press, start_guided
from bot.features.directives.publishing import publish_draft
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from handlers.buttons import pressed
from handlers.common import Context, command
from storage.db import UnitOfWork


async def _arahan(uow: UnitOfWork, env: Env, caller: Caller, args: str) -> None:
    if args:
        await draft_from_text(uow, env, caller, args)
    else:
        await start_guided(uow, env, caller)


async def _act(uow: UnitOfWork, env: Env, caller: Caller, tombol: Tombol) -> str:
    if tombol.args[0] == "pub":
        return await publish_draft(uow, env, caller, tombol.int_arg(1))
    return await cancel_draft(uow, env, caller, tombol.int_arg(1))


async def _draft_button(update: Update, context: Context) -> None:
    await pressed(update, context, _act)


async def _guided_button(update: Update, context: Context) -> None:
    await pressed(update, context, guided_press)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The directive handlers."""
    return [
        command("arahan", _arahan),
        CallbackQueryHandler(_draft_button, pattern=r"^dr:"),
        CallbackQueryHandler(_guided_button, pattern=r"^gd:"),
    ]
