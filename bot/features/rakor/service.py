"""Rakor: opening a meeting that new directives belong to, and, when several meetings run at
once, choosing which one an admin's new directives belong to.

The choice is the admin's own (another admin keeps writing to theirs) and is kept in
``bot_state`` under ``rakor_pilih:<telegram id>`` with the latest Rakor at the time: it holds
until a newer Rakor is opened, after which the default applies again — the latest Rakor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update

from bot.domain.errors import InputTidakValid
from bot.features.people.access import Actor
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Arahan, BotState, Rakor

MAX_JUDUL = 200
RECENT = 10
"""How many Rakor `/rakor` lists, newest first."""


@dataclass(frozen=True)
class BukaRakor:
    """Open a Rakor: its title and the day it was held."""

    judul: str
    tanggal: date


@dataclass(frozen=True)
class RakorTercatat:
    """A Rakor as `/rakor` lists it: how many directives were published from it."""

    rakor: Rakor
    arahan: int


@dataclass(frozen=True)
class DaftarRakor:
    """The recent Rakor, newest first, and where the caller's new directives go."""

    daftar: tuple[RakorTercatat, ...]
    dipakai: Rakor | None  # the caller's choice, or the latest
    terbaru: Rakor | None


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


def _key(telegram_id: int) -> str:
    return f"rakor_pilih:{telegram_id}"


async def rakor_for(uow: UnitOfWork, telegram_id: int) -> Rakor | None:
    """The Rakor this admin's new directives belong to: the one they chose with `/rakor`
    while no newer Rakor has been opened since, else the latest (None while there is none)."""
    latest = await repo.latest_rakor(uow.session)
    if latest is None:
        return None
    stored = await uow.session.scalar(
        select(BotState.value).where(BotState.key == _key(telegram_id))
    )
    if stored is None:
        return latest
    try:
        choice = json.loads(stored)
        chosen, newest = int(choice["rakor"]), int(choice["terbaru"])
    except (ValueError, TypeError, KeyError):
        return latest
    if newest != latest.id or chosen == latest.id:
        return latest
    return await uow.session.get(Rakor, chosen) or latest


async def list_rakor(uow: UnitOfWork, actor: Actor) -> DaftarRakor:
    """`/rakor` without arguments: the recent Rakor with their directive counts, and which
    one the caller's new directives go to."""
    rows = (
        await uow.session.execute(
            select(Rakor, func.count(Arahan.id))
            .outerjoin(Arahan, Arahan.rakor_id == Rakor.id)
            .group_by(Rakor.id)
            .order_by(Rakor.id.desc())
            .limit(RECENT)
        )
    ).all()
    daftar = tuple(RakorTercatat(rakor, int(count)) for rakor, count in rows)
    if not daftar:
        raise InputTidakValid(Teks("rakor.belum_ada"))
    return DaftarRakor(
        daftar=daftar,
        dipakai=await rakor_for(uow, actor.telegram_id),
        terbaru=daftar[0].rakor,
    )


async def choose_rakor(uow: UnitOfWork, actor: Actor, rakor_id: int) -> DaftarRakor:
    """A Rakor's button under `/rakor`: the caller's new directives belong to it from now
    on (until a newer Rakor is opened). Returns the list as it now reads."""
    rakor = await uow.session.get(Rakor, rakor_id)
    latest = await repo.latest_rakor(uow.session)
    if rakor is None or latest is None:
        raise InputTidakValid(Teks("tombol.tidak_sah"))
    key = _key(actor.telegram_id)
    value = json.dumps({"rakor": rakor.id, "terbaru": latest.id})
    await repo.insert_or_ignore(
        uow.session,
        BotState,
        {"key": key, "value": value, "created_at": uow.now},
        unique=["key"],
    )
    await uow.session.execute(update(BotState).where(BotState.key == key).values(value=value))
    await audit(uow, actor.telegram_id, "rakor_pilih", f"rakor:{rakor.id}", judul=rakor.judul)
    return await list_rakor(uow, actor)
