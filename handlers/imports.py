"""Imports from files: /opd_impor and /arahan_impor, with the file as caption or next message."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.caller import Caller
from bot.env import Env
from bot.services.imports import expect_file, receive_file
from handlers.common import Context, caller_of, command, env_of, run


async def _expect_opd(env: Env, caller: Caller, _args: str) -> None:
    await expect_file(env, caller, "opd_impor")


async def _expect_arahan(env: Env, caller: Caller, _args: str) -> None:
    await expect_file(env, caller, "arahan_impor")


async def _document(update: Update, context: Context) -> None:
    caller = caller_of(update)
    message = update.effective_message
    if caller is None or message is None or message.document is None:
        return
    document = message.document

    async def fetch() -> bytes:
        telegram_file = await context.bot.get_file(document.file_id)
        return bytes(await telegram_file.download_as_bytearray())

    env = env_of(context)

    async def work() -> None:
        await receive_file(env, caller, message.caption or "", document.file_name or "",
                           document.file_size, fetch)

    await run(env, caller, work())


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The import handlers."""
    return [
        command("opd_impor", _expect_opd),
        command("arahan_impor", _expect_arahan),
        MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, _document),
    ]
