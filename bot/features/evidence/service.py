"""Evidence (bukti dukung): how much a penugasan has, and showing it to someone who may read it.

Evidence arrives with reports (bot/features/reporting). Telegram keeps the files and the bot
keeps their file ids, so showing evidence is sending each file again by its id, through the
outbox. The bot also keeps its own copy of every file Telegram lets it download (keeper.py);
a file over the Bot API's 20 MB download limit stays only in Telegram, and the reader is told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.features.directives.admin import may_read
from bot.features.evidence.simpanan import Ringkasan, Simpanan
from bot.features.people.access import Actor
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, Bukti, Laporan, Member, Opd, Penugasan

PAGE = 10  # pieces sent per press; a button sends the next ones


@dataclass(frozen=True)
class LihatBukti:
    """**Lihat bukti** pressed: send the penugasan's evidence after the first ``mulai``."""

    penugasan_id: int
    mulai: int = 0


@dataclass(frozen=True)
class Berkas:
    """One piece of evidence to send, with the report it came with and who reported."""

    bukti: Bukti
    laporan: Laporan
    nama: str | None

    @property
    def foto(self) -> bool:
        """A photo (sent with sendPhoto); anything else is sent as a document."""
        return self.bukti.jenis in ("foto", "photo")

    @property
    def terlalu_besar(self) -> bool:
        """Over the download limit: only Telegram has it."""
        return self.bukti.stored_state == Simpanan.TERLALU_BESAR


@dataclass(frozen=True)
class Kiriman:
    """One page of a penugasan's evidence for the reader: pieces ``mulai+1`` to
    ``mulai+len(berkas)`` of ``jumlah``."""

    tugas: Penugasan
    arahan: Arahan
    opd: Opd
    berkas: list[Berkas]
    mulai: int
    jumlah: int

    @property
    def sisa(self) -> int:
        """How many pieces come after this page."""
        return max(self.jumlah - self.mulai - len(self.berkas), 0)


async def summary(uow: UnitOfWork, penugasan_ids: Iterable[int]) -> dict[int, Ringkasan]:
    """Per penugasan (absent: none), the evidence on its reports not taken back."""
    ids = list(penugasan_ids)
    if not ids:
        return {}
    too_big = func.sum(case((Bukti.stored_state == Simpanan.TERLALU_BESAR.value, 1), else_=0))
    rows = await uow.session.execute(
        select(Laporan.penugasan_id, func.count(Bukti.id), too_big)
        .join(Laporan, Laporan.id == Bukti.laporan_id)
        .where(Laporan.penugasan_id.in_(ids), Laporan.withdrawn_at.is_(None))
        .group_by(Laporan.penugasan_id)
    )
    return {int(pid): Ringkasan(int(n), int(big or 0)) for pid, n, big in rows.all()}


async def show(uow: UnitOfWork, actor: Actor, request: LihatBukti) -> Kiriman:
    """The next page of a penugasan's evidence, for someone who may read its directive (the
    rule of `/arahan_info`: leaders read every directive, an OPD's people those assigned to
    their OPD); anyone else is refused, whatever the button says."""
    tugas = await uow.session.get(Penugasan, request.penugasan_id)
    if tugas is None:
        raise Ditolak(Teks("tombol.tidak_sah"))
    arahan = await uow.session.get(Arahan, tugas.arahan_id)
    opd = await uow.session.get(Opd, tugas.opd_id)
    assert arahan is not None and opd is not None
    if not await may_read(uow, actor, arahan):
        raise Ditolak(Teks("ditolak"))
    kept = (Laporan.penugasan_id == tugas.id, Laporan.withdrawn_at.is_(None))
    jumlah = (
        await uow.session.scalar(
            select(func.count(Bukti.id)).join(Laporan, Laporan.id == Bukti.laporan_id).where(*kept)
        )
        or 0
    )
    if jumlah == 0:
        raise InputTidakValid(Teks("bukti.kosong", nomor=arahan.nomor))
    mulai = min(max(request.mulai, 0), jumlah - 1)
    rows = await uow.session.execute(
        select(Bukti, Laporan, Member.nama)
        .join(Laporan, Laporan.id == Bukti.laporan_id)
        .outerjoin(Member, Member.id == Laporan.member_id)
        .where(*kept)
        .order_by(Bukti.id)
        .offset(mulai)
        .limit(PAGE)
    )
    berkas = [Berkas(bukti, laporan, nama) for bukti, laporan, nama in rows.all()]
    return Kiriman(tugas, arahan, opd, berkas, mulai, int(jumlah))
