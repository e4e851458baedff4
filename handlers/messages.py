"""Messages that are not commands (text, photos, documents) and edited messages: read here,
routed by one service (bot.features.reporting.inbound)."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.features.reporting.inbound import Masuk, route
from bot.features.reporting.inputs import Pesan, correct
from bot.features.reporting.service import BuktiMasuk
from handlers.common import Context, caller_of, env_of, run, without_controls


def _clean(text: str | None) -> str | None:
    return without_controls(text) if text else text


def _evidence(message: Message) -> BuktiMasuk | None:
    if message.photo:
        photo = message.photo[-1]
        return BuktiMasuk(
            photo.file_id, photo.file_unique_id, "foto", photo.file_size, _clean(message.caption)
        )
    if message.document:
        doc = message.document
        return BuktiMasuk(
            doc.file_id,
            doc.file_unique_id,
            "dokumen",
            doc.file_size,
            _clean(message.caption),
            _clean(doc.file_name),
        )
    return None


def _not_downloaded() -> bytes:
    # the pipeline downloads every table file within the size limit; the import refuses
    # other files before it asks for the bytes
    raise RuntimeError("berkas ini tidak diunduh")


async def _message(update: Update, context: Context) -> None:
    caller = caller_of(update)
    message = update.effective_message
    if caller is None or message is None:
        return
    replied = message.reply_to_message
    to_bot = (
        replied.message_id
        if replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
        else None
    )
    pesan = Pesan(
        without_controls(message.text or message.caption or ""), to_bot, _evidence(message)
    )
    document = message.document
    download = context.turn.download
    fetch = None
    if document is not None:
        fetch = download.bytes if download is not None else _not_downloaded
    masuk = Masuk(
        pesan,
        document.file_name if document else None,
        document.file_size if document else None,
        fetch,
    )
    env = env_of(context)
    await run(context, caller, route(context.turn.uow, env, caller, masuk))


async def _edited(update: Update, context: Context) -> None:
    caller = caller_of(update)
    message = update.edited_message
    if caller is None or message is None:
        return
    env = env_of(context)
    text = without_controls(message.text or message.caption or "")
    await run(context, caller, correct(context.turn.uow, env, caller, message.message_id, text))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The message handlers (registered after every command)."""
    content = filters.TEXT | filters.PHOTO | filters.Document.ALL
    return [
        MessageHandler(
            filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION), _edited
        ),
        MessageHandler(filters.UpdateType.MESSAGE & content & ~filters.COMMAND, _message),
    ]
