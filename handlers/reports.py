"""Reports on a penugasan: the Terima / Progres / Kendala / Selesai buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.services.penugasan import press
from handlers.buttons import pressed
from handlers.common import Context


async def _report_button(update: Update, context: Context) -> None:
    await pressed(update, context, press)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The report handlers."""
    return [CallbackQueryHandler(_report_button, pattern=r"^(pg|ar):")]
