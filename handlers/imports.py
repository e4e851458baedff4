"""Imports from files: /opd_impor and /arahan_impor, with the file as caption or next message
(the message router hands the file itself to ``receive``)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.errors import InputTidakValid
from bot.domain.tables import MAX_BYTES, TABLE_SUFFIXES
from bot.env import Env
from bot.features.directives import views
from bot.features.directives.drafts import import_draft
from bot.features.directives.imports import Fetch, await_file, read_arahan_file
from bot.features.opd import views as opd_views
from bot.features.opd.service import import_opds, read_opd_file
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from bot.texts import Teks
from handlers.common import answer, command
from handlers.directives import show_preview
from storage.db import UnitOfWork
from storage.states import Awaited


async def _expect(uow: UnitOfWork, env: Env, caller: Caller, kind: Awaited) -> None:
    await await_file(uow, caller, kind)
    await answer(uow, caller, views.send_file(env, kind))


async def _expect_opd(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await _expect(uow, env, caller, Awaited.OPD_IMPOR)


async def _expect_arahan(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str
) -> None:
    await _expect(uow, env, caller, Awaited.ARAHAN_IMPOR)


async def receive(
    uow: UnitOfWork,
    env: Env,
    caller: Caller,
    kind: str,
    file_name: str,
    size: int | None,
    fetch: Fetch,
) -> None:
    """A file sent for the import ``kind``: the OPD table is applied (all rows or none), a
    directive table becomes a draft whose preview is the answer."""
    if not file_name.lower().endswith(TABLE_SUFFIXES):
        raise InputTidakValid(Teks("tabel.jenis"))
    if size is not None and size > MAX_BYTES:
        raise InputTidakValid(Teks("tabel.terlalu_besar"))
    data = fetch()
    if kind == Awaited.OPD_IMPOR:
        hasil = await import_opds(uow, caller, read_opd_file(data, file_name))
        await answer(uow, caller, opd_views.imported(env, hasil))
        return
    request = read_arahan_file(data, file_name, env.today())
    await show_preview(uow, env, caller, await import_draft(uow, env, caller, request))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The import handlers."""
    return [
        command("opd_impor", _expect_opd),
        command("arahan_impor", _expect_arahan),
    ]
