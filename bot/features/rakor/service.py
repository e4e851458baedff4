"""Rakor: opening a meeting that new directives belong to."""

from __future__ import annotations

from html import escape

from bot.domain.dates import parse_tanggal
from bot.domain.errors import InputTidakValid
from bot.env import Env
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from bot.messaging.outbox import reply
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Rakor

MAX_JUDUL = 200


async def open_rakor(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    """`/rakor Judul | tanggal`: the date defaults to today."""
    judul, _, tanggal_text = args.partition("|")
    judul = " ".join(judul.split())
    if not judul or len(judul) > MAX_JUDUL:
        raise InputTidakValid(env.texts("rakor.format"))
    tanggal = parse_tanggal(tanggal_text, env.today()) if tanggal_text.strip() else env.today()
    rakor = Rakor(judul=judul, tanggal=tanggal, created_by=caller.telegram_id, created_at=uow.now)
    uow.session.add(rakor)
    await uow.session.flush()
    await audit(uow, caller.telegram_id, "rakor", f"rakor:{rakor.id}", judul=judul)
    await reply(
        uow,
        caller,
        env.texts("rakor.dibuka", judul=escape(judul), tanggal=env.format_date(tanggal)),
    )
