"""Errors: unknown commands and buttons get a clear answer; unexpected failures are logged
with the update id and the user is told something went wrong (their message is kept)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Conflict
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.messaging.replies import tell
from handlers.buttons import pressed
from handlers.common import Context, caller_of, env_of, refuse

log = logging.getLogger(__name__)


async def _unknown_command(update: Update, context: Context) -> None:
    caller = caller_of(update)
    if caller is not None:
        env = env_of(context)
        await refuse(context, caller, env.texts("perintah.tidak_dikenal"), "perintah asing")


async def _unknown_button(update: Update, context: Context) -> None:
    async def refuse(*_args: object) -> str:
        return env_of(context).texts("tombol.tidak_sah")

    await pressed(update, context, None, refuse)


async def on_error(update: object, context: Context) -> None:
    """Log the failure with the update id, drop what the update wrote and tell the user; the
    inbox keeps the update (marked ``galat``)."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Conflict) and update is None:
        # another process polls with this token; two pollers would fight over every update
        log.critical("Telegram: 409 Conflict — proses lain memakai token ini; berhenti")
        app = context.application
        app.bot_data["conflict"] = True
        app.stop_running()
        return
    log.error("galat saat menangani update %s", update_id, exc_info=context.error)
    turn = getattr(context, "turn", None)
    if turn is None:
        return
    await turn.failed()
    caller = caller_of(update) if isinstance(update, Update) else None
    if caller is not None:
        try:
            await tell(turn.uow, caller, env_of(context).texts("galat"))
        except Exception:
            log.exception("pesan galat pun gagal diantrekan")


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Fallbacks, registered after every feature's handlers."""
    return [
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, _unknown_command),
        CallbackQueryHandler(_unknown_button),
    ]
