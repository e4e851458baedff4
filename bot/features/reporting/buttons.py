"""Buttons on a directive message: Terima records acceptance; Progres, Kendala and Selesai
ask for the detail. Only members of the assigned OPD may press them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete

from bot.domain.errors import Ditolak
from bot.domain.lifecycle import Status, can_accept
from bot.domain.reply_parser import Bacaan
from bot.features.people.access import Actor
from bot.features.reporting import lookup as find
from bot.features.reporting.inputs import INTENTS
from bot.features.reporting.service import Dicatat, record
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, AwaitedInput, Opd, Penugasan
from storage.states import Sumber


@dataclass(frozen=True)
class TombolLaporan:
    """A report button pressed: ``aksi`` is `t` (Terima), `p`, `k` or `s` (Progres, Kendala,
    Selesai); ``target_id`` a penugasan, or with ``untuk_arahan`` a directive (its button in
    the Rakor group, for the presser's own OPD's part)."""

    aksi: str
    target_id: int
    untuk_arahan: bool = False


@dataclass(frozen=True)
class Ditanya:
    """Progres / Kendala / Selesai pressed: the detail is asked for (``aksi``) and awaited."""

    aksi: str
    tugas: Penugasan
    arahan: Arahan
    opd: Opd | None


@dataclass(frozen=True)
class SudahDiterima:
    """Terima pressed on work already beyond baru: nothing changes."""

    arahan: Arahan
    opd: Opd | None
    status: Status


async def press(
    uow: UnitOfWork, caller: Caller, actor: Actor, request: TombolLaporan
) -> Ditanya | SudahDiterima | Dicatat:
    """A report button: Terima records acceptance (once); the others ask for the detail."""
    if request.untuk_arahan:
        tugas, arahan = await find.for_opd(uow, actor, request.target_id)
    else:
        tugas, arahan = await find.by_id(uow, actor, request.target_id)
    current = find.ensure_open(tugas, arahan)
    if request.aksi in INTENTS:
        return await _ask_detail(uow, caller, request.aksi, tugas, arahan)
    if request.aksi != "t":
        raise Ditolak(Teks("tombol.tidak_sah"))
    if not can_accept(current):
        return SudahDiterima(arahan, await uow.session.get(Opd, tugas.opd_id), current)
    return await record(
        uow,
        caller,
        actor,
        tugas,
        arahan,
        Bacaan(Status.DITERIMA, None, "", None),
        Sumber.TOMBOL,
        intent=Status.DITERIMA,
    )


async def _ask_detail(
    uow: UnitOfWork, caller: Caller, aksi: str, tugas: Penugasan, arahan: Arahan
) -> Ditanya:
    """Remember what was asked of this person in this chat (replacing whatever the bot waited
    for there); the answer comes through the message router."""
    await uow.session.execute(
        delete(AwaitedInput).where(
            AwaitedInput.telegram_id == caller.telegram_id, AwaitedInput.chat_id == caller.chat_id
        )
    )
    uow.session.add(
        AwaitedInput(
            telegram_id=caller.telegram_id,
            chat_id=caller.chat_id,
            kind=f"lapor_{aksi}",
            ref_id=tugas.id,
            created_at=uow.now,
        )
    )
    return Ditanya(aksi, tugas, arahan, await uow.session.get(Opd, tugas.opd_id))
