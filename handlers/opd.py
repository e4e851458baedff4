"""OPDs: /opd, /opd_tambah (admin)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.opd import service, views
from bot.features.opd.service import TambahOpd
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from bot.texts import Teks
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_tambah_opd(args: str) -> TambahOpd:
    """`KODE | Nama | klaster`; any other number of parts is refused with the form."""
    parts = [p.strip() for p in args.split("|")]
    if len(parts) != 3:
        raise InputTidakValid(Teks("opd.format_tambah"))
    return TambahOpd(parts[0], parts[1], parts[2])


async def _list(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    for view in views.listed(env, await service.list_opds(uow)):
        await answer(uow, caller, view)


async def _add(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    saved = await service.add_opd(uow, actor, read_tambah_opd(args))
    await answer(uow, caller, views.saved(env, saved))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The OPD handlers (the CSV import lives in handlers.imports)."""
    return [command("opd", _list), command("opd_tambah", _add)]
