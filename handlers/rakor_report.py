"""The Rakor follow-up report: `/laporan_rakor [N]` (admin, sekda, kepala_daerah) answers with
the report as an Excel workbook and as a PDF, two documents."""

from __future__ import annotations

import re

from telegram.ext import BaseHandler

from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.berkas import service as berkas
from bot.features.berkas.service import Jenis
from bot.features.people.access import Actor
from bot.features.rakor_report import service, views
from bot.features.rakor_report.service import MintaLaporan, TidakAda
from bot.messaging.caller import Caller
from bot.messaging.outbox import View
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
    rakor = await service.choose(uow, read_laporan(args).nomor)
    if isinstance(rakor, TidakAda):
        await answer(uow, caller, views.not_found(env, rakor))
        return
    # the files are laid out by the file desk, outside this update
    await berkas.minta(uow, caller, Jenis.LAPORAN_RAKOR, {"nomor": rakor.id})
    notice = env.texts("berkas.disiapkan", apa=berkas.what(env, Jenis.LAPORAN_RAKOR))
    await answer(uow, caller, View(notice))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The Rakor report handler."""
    return [command("laporan_rakor", _report)]
