"""Managing published directives: /arahan_info, /tenggat, /batal."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.arahan_ubah import tombol
from bot.features.directives import admin, admin_views
from bot.features.directives.admin import BatalkanArahan, LihatArahan, TenggatBaru, UbahTenggat
from bot.features.people.access import Actor
from bot.messaging.audience import Recipient
from bot.messaging.caller import Caller
from bot.messaging.outbox import View, send
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_lihat_arahan(args: str) -> LihatArahan:
    """`NOMOR` (anything after the first word is ignored)."""
    words = args.split()
    return LihatArahan(words[0] if words else "")


def read_ubah_tenggat(args: str) -> UbahTenggat:
    """`NOMOR tanggal alasan`: the first word, then the rest (the service reads the date)."""
    words = args.split()
    return UbahTenggat(words[0] if words else "", " ".join(words[1:]))


def read_batalkan(args: str) -> BatalkanArahan:
    """`NOMOR alasan`: the number is everything before the first space."""
    nomor, _, alasan = args.strip().partition(" ")
    return BatalkanArahan(nomor, alasan)


async def _announce(
    uow: UnitOfWork, key: str, penerima: list[Recipient], view: View, arahan_id: int
) -> None:
    """Queue the announcement for each recipient the service chose, in its order."""
    for recipient in penerima:
        await send(uow, key, recipient, view, arahan_id=arahan_id)


async def _info(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    riwayat = await admin.info(uow, env, actor, read_lihat_arahan(args))
    for page in admin_views.info(env, riwayat):
        await answer(uow, caller, page)


async def _deadline(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    hasil = await admin.change_deadline(uow, env, actor, read_ubah_tenggat(args))
    await announce_deadline(uow, env, hasil)
    await answer(uow, caller, admin_views.deadline_changed(env, hasil))


async def announce_deadline(uow: UnitOfWork, env: Env, hasil: TenggatBaru) -> None:
    """Tell everyone the directive concerns of its new deadline (`/tenggat`, and an approved
    extension request: handlers/perpanjangan.py)."""
    arahan_id = hasil.arahan.id
    key = uow.once_key(f"tenggat:{arahan_id}")
    await _announce(uow, key, hasil.penerima, admin_views.deadline_notice(env, hasil), arahan_id)


async def _cancel(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    hasil = await admin.cancel(uow, actor, read_batalkan(args), env.today())
    arahan_id = hasil.arahan.id
    # a directive is cancelled once: the key needs no update of its own
    key = f"batal:{arahan_id}"
    await _announce(uow, key, hasil.penerima, admin_views.cancel_notice(env, hasil), arahan_id)
    # the directive's messages take no reports any more: their buttons go
    await tombol.take_off(uow, hasil.tombol_usang)
    await answer(uow, caller, admin_views.cancelled(env, hasil))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The directive-management handlers."""
    return [
        command("arahan_info", _info),
        command("tenggat", _deadline),
        command("batal", _cancel),
    ]
