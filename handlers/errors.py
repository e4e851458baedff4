"""Errors: unknown commands and buttons get a clear answer; unexpected failures are logged
with the update id and the user is told something went wrong (their message is kept)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Conflict
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.messaging.replies import tell
from handlers.buttons import pressed
from handlers.common import Context, caller_of, env_of
from storage.db import UpdateAlreadyHandled, current_update

log = logging.getLogger(__name__)


async def _unknown_command(update: Update, context: Context) -> None:
    caller = caller_of(update)
    if caller is not None:
        env = env_of(context)
        await tell(env, caller, env.texts("perintah.tidak_dikenal"), outcome="perintah asing")


async def _unknown_button(update: Update, context: Context) -> None:
    async def refuse(*_args: object) -> str:
        return env_of(context).texts("tombol.tidak_sah")

    await pressed(update, context, refuse)


async def on_error(update: object, context: Context) -> None:
    """Log the failure with the update id; tell the user; the inbox keeps the update."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Conflict) and update is None:
        # another process polls with this token; two pollers would fight over every update
        log.critical("Telegram: 409 Conflict — proses lain memakai token ini; berhenti")
        app = context.application
        app.bot_data["conflict"] = True
        app.stop_running()
        return
    if isinstance(context.error, UpdateAlreadyHandled):
        log.info("update %s sudah ditangani proses lain; efeknya dibatalkan", update_id)
        return
    log.error("galat saat menangani update %s", update_id, exc_info=context.error)
    handling = current_update.get()
    if handling is not None:
        handling.failed = True
        handling.outcome = "galat"
    if isinstance(update, Update):
        caller = caller_of(update)
        if caller is not None:
            env = env_of(context)
            try:
                await tell(env, caller, env.texts("galat"), outcome="galat")
            except Exception:
                log.exception("pesan galat pun gagal diantrekan")


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """Fallbacks, registered after every feature's handlers."""
    return [
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, _unknown_command),
        CallbackQueryHandler(_unknown_button),
    ]
