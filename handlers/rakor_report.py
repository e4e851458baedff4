"""The Rakor follow-up report: `/laporan_rakor [N]` (admin, sekda, kepala_daerah) answers with
the report as an Excel workbook and as a PDF, two documents."""

from __future__ import annotations

import asyncio
import re

from telegram.ext import BaseHandler

from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.rakor_report import pdf, service, views, xlsx
from bot.features.rakor_report.service import MintaLaporan, TidakAda
from bot.messaging.caller import Caller
from bot.messaging.outbox import Berkas, reply_file
from bot.texts import Teks
from handlers.common import answer, command
from storage.db import UnitOfWork

_NOMOR = re.compile(r"^(?:rakor\s*)?(?:no\.?\s*|nomor\s*|#)?([0-9]{1,9})$")


def read_laporan(args: str) -> MintaLaporan:
    """Nothing (the latest Rakor), or its number: `3`, `rakor 3`, `No. 3`, `#3`."""
    text = " ".join(args.lower().split())
    if not text:
        return MintaLaporan()
    found = _NOMOR.match(text)
    if found is None:
        raise InputTidakValid(Teks("laporan_rakor.format"))
    return MintaLaporan(int(found.group(1)))


async def _report(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    hasil = await service.gather(uow, env, actor, read_laporan(args))
    if isinstance(hasil, TidakAda):
        await answer(uow, caller, views.not_found(env, hasil))
        return
    # laying out the files is the one long step without the database: off the event loop
    workbook = await asyncio.to_thread(xlsx.workbook, env, hasil)
    document = await asyncio.to_thread(pdf.document, env, hasil)
    await reply_file(
        uow,
        caller,
        Berkas(views.file_name(hasil, "xlsx"), workbook, views.XLSX),
        views.caption(env, hasil),
    )
    await reply_file(
        uow,
        caller,
        Berkas(views.file_name(hasil, "pdf"), document, views.PDF),
        views.caption_pdf(env),
    )


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The Rakor report handler."""
    return [command("laporan_rakor", _report)]
