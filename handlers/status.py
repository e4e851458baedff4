"""The digest: /status and its paging and drill-down buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.features.digest.status import show_status, status_button
from handlers.buttons import pressed
from handlers.common import Context, command


async def _button(update: Update, context: Context) -> None:
    await pressed(update, context, status_button)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The digest handlers."""
    return [command("status", show_status), CallbackQueryHandler(_button, pattern=r"^st:")]
