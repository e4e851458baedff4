"""Messages that are not commands (text, photos, documents) and edited messages: read here,
routed by one service (bot.features.reporting.inbound), answered with the reporting views."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.env import Env
from bot.features.reporting import views
from bot.features.reporting.inbound import Dilaporkan, Lanjutan, Masuk, Petunjuk, route
from bot.features.reporting.inputs import BuktiTambahan, Pesan, PesanDiubah, correct
from bot.features.reporting.service import BuktiMasuk
from bot.messaging.caller import Caller
from bot.messaging.outbox import reply
from handlers import arahan_ubah, directives, imports, perpanjangan, verification
from handlers.common import Context, answer, caller_of, env_of, run, without_controls
from handlers.reports import deliver
from storage.db import UnitOfWork


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
    await run(context, caller, _routed(context.turn.uow, env, caller, masuk))


async def _routed(uow: UnitOfWork, env: Env, caller: Caller, masuk: Masuk) -> None:
    """Route the message and answer what the router decided."""
    hasil = await route(uow, env, caller, masuk)
    if isinstance(hasil, Dilaporkan):
        await deliver(uow, env, caller, hasil.dicatat)
        if hasil.tanpa_nomor:
            # names the OPD's list: a reply to it reports by directive number
            view = views.tanpa_nomor(env, hasil)
            await reply(uow, caller, view.text, opd_id=hasil.opd_id)
    elif isinstance(hasil, BuktiTambahan):
        # the answer names the penugasan: a reply to it is a report on the same work
        await reply(
            uow,
            caller,
            views.bukti_ditambahkan(env, hasil).text,
            arahan_id=hasil.arahan.id if hasil.arahan else None,
            penugasan_id=hasil.tugas.id if hasil.tugas else None,
        )
    elif isinstance(hasil, Petunjuk):
        await answer(uow, caller, views.petunjuk(env, hasil))
    elif isinstance(hasil, Lanjutan):
        await _continued(uow, env, caller, hasil, masuk)


async def _continued(
    uow: UnitOfWork, env: Env, caller: Caller, lanjutan: Lanjutan, masuk: Masuk
) -> None:
    """A message that continues another feature's command goes to that feature's handler."""
    text = masuk.pesan.text
    if lanjutan.perintah == "arahan":
        await directives.guided_answer(uow, env, caller, text)
    elif lanjutan.perintah == "verifikasi":
        await verification.reason(uow, env, caller, lanjutan.actor, text)
    elif lanjutan.perintah == "arahan_ubah":
        await arahan_ubah.answer_typed(uow, env, caller, text)
    elif lanjutan.perintah.startswith("perpanjang"):
        await perpanjangan.continued(uow, env, caller, lanjutan.perintah, lanjutan.actor, text)
    else:
        assert masuk.fetch is not None
        await imports.receive(
            uow,
            env,
            caller,
            lanjutan.perintah,
            masuk.file_name or "",
            masuk.file_size,
            masuk.fetch,
        )


async def _edited(update: Update, context: Context) -> None:
    caller = caller_of(update)
    message = update.edited_message
    if caller is None or message is None:
        return
    env = env_of(context)
    text = without_controls(message.text or message.caption or "")
    edited = PesanDiubah(message.message_id, text)
    await run(context, caller, _corrected(context.turn.uow, env, caller, edited))


async def _corrected(uow: UnitOfWork, env: Env, caller: Caller, edited: PesanDiubah) -> None:
    """Correct the reports an edited message made and answer each correction's receipt."""
    dicatat = await correct(uow, env, caller, edited)
    if dicatat:
        await deliver(uow, env, caller, dicatat)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The message handlers (registered after every command)."""
    content = filters.TEXT | filters.PHOTO | filters.Document.ALL
    return [
        MessageHandler(
            filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION), _edited
        ),
        MessageHandler(filters.UpdateType.MESSAGE & content & ~filters.COMMAND, _message),
    ]
