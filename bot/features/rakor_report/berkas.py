"""The Rakor follow-up report as the file desk makes it (:mod:`bot.features.berkas.desk`): the
workbook and the PDF of the Rakor that was asked for."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.env import Env
from bot.features.berkas.desk import Hasil, Kiriman
from bot.features.people.access import Actor
from bot.features.rakor_report import service, views
from bot.features.rakor_report.service import MintaLaporan, TidakAda
from bot.messaging.outbox import Berkas
from storage.db import UnitOfWork


async def buat(uow: UnitOfWork, env: Env, actor: Actor, values: dict[str, Any]) -> Hasil:
    """The report as an Excel workbook and as a PDF (or, if the Rakor is gone, the latest to
    choose from)."""
    from bot.features.rakor_report import pdf, xlsx  # openpyxl, fpdf2: loaded on first use

    hasil = await service.gather(uow, env, actor, MintaLaporan(values["nomor"]))
    if isinstance(hasil, TidakAda):
        return views.not_found(env, hasil)
    # laying out the files is the one long step without the database: off the event loop
    workbook = await asyncio.to_thread(xlsx.workbook, env, hasil)
    document = await asyncio.to_thread(pdf.document, env, hasil)
    return [
        Kiriman(
            Berkas(views.file_name(hasil, "xlsx"), workbook, views.XLSX), views.caption(env, hasil)
        ),
        Kiriman(Berkas(views.file_name(hasil, "pdf"), document, views.PDF), views.caption_pdf(env)),
    ]
