"""Buttons on a directive message: who may press them, and what Terima records."""

from __future__ import annotations

from html import escape

from sqlalchemy import select

from bot.callbacks import Tombol
from bot.caller import Caller
from bot.env import Env
from bot.errors import Ditolak, InputTidakValid
from bot.lifecycle import CLOSED, Status, can_accept
from bot.outbox import reply
from bot.services.access import Actor, load_actor
from bot.services.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, Laporan, Opd, Penugasan


async def _resolve(
    uow: UnitOfWork, env: Env, actor: Actor, tombol: Tombol
) -> tuple[Penugasan, Arahan]:
    """The penugasan a button press is about, for this actor's OPD only."""
    scope = tombol.action
    target = tombol.int_arg(1)
    tugas: Penugasan | None
    if scope == "pg":
        tugas = await uow.session.get(Penugasan, target, with_for_update=True)
    else:
        tugas = await uow.session.scalar(
            select(Penugasan)
            .where(Penugasan.arahan_id == target, Penugasan.opd_id == actor.opd_id)
            .with_for_update()
        )
    if tugas is None or not actor.may_act_for_opd(tugas.opd_id):
        raise Ditolak(env.texts("penugasan.bukan_opd_anda"))
    arahan = await uow.session.get(Arahan, tugas.arahan_id)
    assert arahan is not None
    return tugas, arahan


async def press(env: Env, caller: Caller, tombol: Tombol) -> str:
    """A report button on a directive; returns the short answer shown on the button press."""
    async with env.db.unit(env.now()) as uow:
        actor = await load_actor(uow, env, caller.telegram_id)
        if actor is None:
            raise Ditolak(env.texts("penugasan.bukan_opd_anda"))
        tugas, arahan = await _resolve(uow, env, actor, tombol)
        current = Status(tugas.status)
        if arahan.status == "dibatalkan" or current in CLOSED:
            label = env.texts("status.dibatalkan" if arahan.status == "dibatalkan"
                              else f"status.{current.value}")
            raise InputTidakValid(env.texts("penugasan.ditutup", nomor=arahan.nomor,
                                            status=label))
        if tombol.args[0] != "t":
            return env.texts("tombol.segera")
        opd = await uow.session.get(Opd, tugas.opd_id)
        assert opd is not None
        if not can_accept(current):
            return env.texts("terima.sudah", nomor=arahan.nomor, opd=opd.kode,
                             status=env.texts(f"status.{current.value}"))
        tugas.status = Status.DITERIMA.value
        tugas.updated_at = uow.now
        uow.session.add(Laporan(
            penugasan_id=tugas.id, member_id=actor.member_id, status_from=current.value,
            status_to=Status.DITERIMA.value, progress=None, catatan=None, kendala=None,
            source="tombol", chat_id=caller.chat_id, message_id=caller.message_id,
            created_at=uow.now))
        await audit(uow, caller.telegram_id, "terima", f"penugasan:{tugas.id}")
        await reply(uow, caller, env.texts(
            "terima.dicatat", opd=escape(opd.kode), nomor=arahan.nomor,
            nama=escape(actor.nama), waktu=env.format_datetime(uow.now)),
            arahan_id=arahan.id, penugasan_id=tugas.id)
        await uow.commit()
        return env.texts("terima.singkat")
