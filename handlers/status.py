"""The digest: `/status [KODE_OPD|NOMOR|klaster N|semua]` and its paging and drill-down
buttons."""

from __future__ import annotations

from dataclasses import dataclass, replace

from telegram.ext import BaseHandler

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.klaster import parse_klaster
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.berkas import service as berkas
from bot.features.berkas.service import Jenis
from bot.features.digest import chart, status, views
from bot.features.digest.berkas import isian
from bot.features.digest.chart import bagian
from bot.features.digest.status import CAKUPAN, Lingkup, MintaStatus
from bot.features.people.access import Actor
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from bot.messaging.outbox import View, edit_message
from bot.texts import Teks
from handlers.buttons import on_button
from handlers.common import answer, command
from storage.db import UnitOfWork

MAX_NOMOR_DIGITS = 9


@dataclass(frozen=True)
class BukaHalaman:
    """A digest button: its scope, the page to show, and whether to edit the message it is
    under (page turns) rather than answer with a new one (drill-downs)."""

    lingkup: Lingkup
    halaman: int
    ganti: bool


def read_status(args: str) -> MintaStatus:
    """`semua`, `klaster N` (also `kluster`, `asisten`), a directive number, or an OPD code or
    a number written like `No.12` / `A-12` to look up; nothing: the caller's own scope."""
    text = " ".join(args.lower().split())
    if text.split(" ")[0] == "grafik":
        return replace(read_status(text.removeprefix("grafik")), grafik=True)
    if not text:
        return MintaStatus()
    if text == "semua":
        return MintaStatus(Lingkup("k", 0))
    if text.startswith(("klaster", "kluster", "asisten")):
        number = parse_klaster(text)
        if number is None:
            raise InputTidakValid(Teks("status.format"))
        return MintaStatus(Lingkup("k", number))
    if text.isdigit():
        return MintaStatus(Lingkup("a", int(text[:MAX_NOMOR_DIGITS])))
    return MintaStatus(cari=text.upper())


def read_halaman(tombol: Tombol) -> BukaHalaman:
    """`kind:target:page:edit`, as :func:`bot.features.digest.views.page` makes them."""
    kind = CAKUPAN.get(tombol.args[0])
    if kind is None or len(tombol.args) < 4:
        raise Ditolak(Teks("tombol.tidak_sah"))
    return BukaHalaman(Lingkup(kind, tombol.int_arg(1)), tombol.int_arg(2), tombol.int_arg(3) == 1)


async def _show(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    request = read_status(args)
    if request.grafik:
        await _chart(uow, env, caller, actor, request)
        return
    hasil = await status.show_status(uow, env, actor, request)
    await answer(uow, caller, views.page(env, hasil, 0))


async def _chart(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, request: MintaStatus
) -> None:
    """`/status grafik`: checked and counted now (a refusal, or a word that there is nothing
    to draw yet, comes at once); the images are drawn by the file desk and sent as photos."""
    if not bagian(await chart.for_status(uow, env, actor, request)):
        await answer(uow, caller, View(env.texts("grafik.kosong")))
        return
    await berkas.minta(uow, caller, Jenis.GRAFIK, isian(request))
    notice = env.texts("berkas.disiapkan", apa=berkas.what(env, Jenis.GRAFIK))
    await answer(uow, caller, View(notice))


async def _press(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """Turn a page (edits the message) or drill down (a new message); the press gets no text."""
    tekan = read_halaman(tombol)
    hasil = await status.open_scope(uow, env, actor, tekan.lingkup)
    view = views.page(env, hasil, tekan.halaman)
    if tekan.ganti and caller.message_id is not None:
        await edit_message(
            uow, uow.once_key("status"), caller.chat_id, caller.message_id, view.text, view.keyboard
        )
    else:
        await answer(uow, caller, view)
    return ""


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The digest handlers."""
    return [command("status", _show), on_button(ButtonKind.STATUS, _press)]
