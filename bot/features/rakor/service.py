"""Rakor: opening a meeting that new directives belong to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.errors import InputTidakValid
from bot.features.people.access import Actor
from bot.texts import Teks
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Rakor

MAX_JUDUL = 200


@dataclass(frozen=True)
class BukaRakor:
    """Open a Rakor: its title and the day it was held."""

    judul: str
    tanggal: date


async def open_rakor(uow: UnitOfWork, actor: Actor, request: BukaRakor) -> Rakor:
    """Open a Rakor; directives created after it belong to it until the next one."""
    judul = " ".join(request.judul.split())
    if not judul or len(judul) > MAX_JUDUL:
        raise InputTidakValid(Teks("rakor.format"))
    rakor = Rakor(
        judul=judul, tanggal=request.tanggal, created_by=actor.telegram_id, created_at=uow.now
    )
    uow.session.add(rakor)
    await uow.session.flush()
    await audit(uow, actor.telegram_id, "rakor", f"rakor:{rakor.id}", judul=judul)
    return rakor
