"""Groups: registering a Telegram group for an OPD, or as the Rakor group."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from sqlalchemy import delete

from bot.domain.errors import InputTidakValid
from bot.features.people.access import Actor
from bot.texts import Teks
from storage import repo
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import Group, Opd

MAX_JUDUL = 255


@dataclass(frozen=True)
class DaftarGrup:
    """Register the chat `/grup` was sent in: for the OPD whose code is typed, or as the
    Rakor group (the word `rakor`)."""

    chat_id: int
    judul: str
    di_grup: bool
    tujuan: str


@dataclass(frozen=True)
class GrupTerdaftar:
    """The group as registered, and its OPD (None for the Rakor group)."""

    grup: Group
    opd: Opd | None


async def register_group(uow: UnitOfWork, actor: Actor, request: DaftarGrup) -> GrupTerdaftar:
    """Register a group; it replaces what the chat was before and the group the OPD (or the
    Rakor) had, so each OPD and the Rakor have at most one group."""
    if not request.di_grup:
        raise InputTidakValid(Teks("grup.hanya_grup"))
    word = request.tujuan.strip()
    if not word or len(word.split()) != 1:
        raise InputTidakValid(Teks("grup.format"))
    opd = None
    if word.lower() != "rakor":
        opd = await repo.opd_by_kode(uow.session, word[:20])
        if opd is None:
            raise InputTidakValid(Teks("opd.tidak_ada", kode=escape(word[:20])))
    title = request.judul[:MAX_JUDUL]
    await uow.session.execute(delete(Group).where(Group.chat_id == request.chat_id))
    if opd is None:
        await uow.session.execute(delete(Group).where(Group.jenis == "rakor"))
        grup = Group(chat_id=request.chat_id, title=title, jenis="rakor", registered_at=uow.now)
    else:
        await uow.session.execute(delete(Group).where(Group.jenis == "opd", Group.opd_id == opd.id))
        grup = Group(
            chat_id=request.chat_id,
            title=title,
            jenis="opd",
            opd_id=opd.id,
            registered_at=uow.now,
        )
    uow.session.add(grup)
    await audit(uow, actor.telegram_id, "grup", f"chat:{request.chat_id}", jenis=word)
    return GrupTerdaftar(grup, opd)
