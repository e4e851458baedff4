"""Groups: registering a Telegram group for an OPD, or as the Rakor group."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from sqlalchemy import delete, select

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
class PindahkanGrup:
    """**Pindahkan ke grup ini** pressed in ``chat_id``: register it for the OPD ``opd_id``
    (None: as the Rakor group)."""

    chat_id: int
    judul: str
    di_grup: bool
    opd_id: int | None


@dataclass(frozen=True)
class PerluKonfirmasi:
    """`/grup` would move a registration: the target (``opd``, None for the Rakor), the
    group it has now elsewhere (``grup_lain``), and what this chat is registered as now
    (``grup_ini``, with its OPD ``opd_ini``) when that is something else."""

    opd: Opd | None
    grup_lain: Group | None
    grup_ini: Group | None
    opd_ini: Opd | None


@dataclass(frozen=True)
class GrupTerdaftar:
    """The group as registered, and its OPD (None for the Rakor group)."""

    grup: Group
    opd: Opd | None


async def register_group(
    uow: UnitOfWork, actor: Actor, request: DaftarGrup
) -> GrupTerdaftar | PerluKonfirmasi:
    """Register a group. When that would move a registration (the OPD, or the Rakor, has
    another group; or this chat is registered for something else), nothing changes: the
    admin is asked first (``PerluKonfirmasi``; the press runs ``move_group``)."""
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
    question = await _would_move(uow, request.chat_id, opd)
    if question is not None:
        return question
    return await _register(uow, actor, request.chat_id, request.judul, opd, word)


async def move_group(uow: UnitOfWork, actor: Actor, request: PindahkanGrup) -> GrupTerdaftar:
    """**Pindahkan ke grup ini**: register the chat, replacing what it was and the group the
    OPD (or the Rakor) had."""
    if not request.di_grup:
        raise InputTidakValid(Teks("grup.hanya_grup"))
    opd = None
    if request.opd_id is not None:
        opd = await uow.session.get(Opd, request.opd_id)
        if opd is None:
            raise InputTidakValid(Teks("tombol.tidak_sah"))
    word = opd.kode if opd is not None else "rakor"
    return await _register(uow, actor, request.chat_id, request.judul, opd, word)


async def _would_move(uow: UnitOfWork, chat_id: int, opd: Opd | None) -> PerluKonfirmasi | None:
    """What registering ``chat_id`` for ``opd`` (None: the Rakor) would take away, if any."""
    here = (await uow.session.scalars(select(Group).where(Group.chat_id == chat_id))).first()
    jenis = "rakor" if opd is None else "opd"
    target = Group.jenis == "rakor" if opd is None else Group.opd_id == opd.id
    other = (
        await uow.session.scalars(
            select(Group).where(Group.jenis == jenis, target, Group.chat_id != chat_id)
        )
    ).first()
    same = here is not None and here.jenis == jenis and here.opd_id == (opd.id if opd else None)
    taken = here if here is not None and not same else None
    if other is None and taken is None:
        return None
    taken_opd = None
    if taken is not None and taken.opd_id is not None:
        taken_opd = await uow.session.get(Opd, taken.opd_id)
    return PerluKonfirmasi(opd, other, taken, taken_opd)


async def _register(
    uow: UnitOfWork, actor: Actor, chat_id: int, judul: str, opd: Opd | None, word: str
) -> GrupTerdaftar:
    """Register the chat; it replaces what the chat was before and the group the OPD (or
    the Rakor) had, so each OPD and the Rakor have at most one group."""
    title = judul[:MAX_JUDUL]
    await uow.session.execute(delete(Group).where(Group.chat_id == chat_id))
    if opd is None:
        await uow.session.execute(delete(Group).where(Group.jenis == "rakor"))
        grup = Group(chat_id=chat_id, title=title, jenis="rakor", registered_at=uow.now)
    else:
        await uow.session.execute(delete(Group).where(Group.jenis == "opd", Group.opd_id == opd.id))
        grup = Group(
            chat_id=chat_id,
            title=title,
            jenis="opd",
            opd_id=opd.id,
            registered_at=uow.now,
        )
    uow.session.add(grup)
    await audit(uow, actor.telegram_id, "grup", f"chat:{chat_id}", jenis=word)
    return GrupTerdaftar(grup, opd)
