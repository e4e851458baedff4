"""Buttons on a directive message: Terima records acceptance; Progres, Kendala and Selesai
ask for the detail. Only members of the assigned OPD may press them."""

from __future__ import annotations

from bot.domain.errors import Ditolak
from bot.domain.lifecycle import Status, can_accept
from bot.domain.reply_parser import Bacaan
from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.reporting import lookup as find
from bot.features.reporting.inputs import INTENTS, ask_detail
from bot.features.reporting.service import record
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from storage.db import UnitOfWork
from storage.models import Opd


async def press(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol) -> str:
    """A report button; returns the short answer shown on the press."""
    if tombol.kind is ButtonKind.PENUGASAN:
        tugas, arahan = await find.by_id(uow, env, actor, tombol.int_arg(1))
    else:
        tugas, arahan = await find.for_opd(uow, env, actor, tombol.int_arg(1))
    current = find.ensure_open(env, tugas, arahan)
    action = tombol.args[0]
    if action in INTENTS:
        answer = await ask_detail(uow, env, caller, action, tugas, arahan)
        return answer
    if action != "t":
        raise Ditolak(env.texts("tombol.tidak_sah"))
    if not can_accept(current):
        opd = await uow.session.get(Opd, tugas.opd_id)
        return env.texts(
            "terima.sudah",
            nomor=arahan.nomor,
            opd=opd.kode if opd else "",
            status=env.texts(f"status.{current.value}"),
        )
    await record(
        uow,
        env,
        caller,
        actor,
        tugas,
        arahan,
        Bacaan(Status.DITERIMA, None, "", None),
        "tombol",
        intent=Status.DITERIMA,
    )
    return env.texts("terima.singkat")
