"""**Ya, selesai** / **Belum** under the question the bot asks when a report may mean the whole
directive is done but does not say so for certain (``Bacaan.ragu_selesai``).

The report itself was recorded with what is certain; **Ya, selesai** completes it exactly as a
`selesai` report does (a new laporan by the presser, with the note of the report asked about),
**Belum** keeps it as recorded. Anyone who may report for the OPD may answer, in a private chat
or a group. The answer acts only while the penugasan still rests on the report asked about: a
report taken back, a later report, a completion already reported, verified or cancelled work
leave it unchanged, and the question says why."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.domain.errors import Ditolak
from bot.domain.lifecycle import Status
from bot.domain.reply_parser import Bacaan
from bot.features.people.access import Actor
from bot.features.reporting import lookup as find
from bot.features.reporting.lookup import PenugasanDitutup
from bot.features.reporting.service import Dicatat, is_latest, record
from bot.messaging.caller import Caller
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, Laporan, Opd, Penugasan
from storage.states import Sumber


@dataclass(frozen=True)
class JawabSelesai:
    """**Ya, selesai** (``ya``) or **Belum** pressed under the question about ``laporan_id``."""

    ya: bool
    laporan_id: int


class Akhir(Enum):
    """How the question ended."""

    SELESAI = "selesai"  # Ya: the penugasan waits for verification now
    BELUM = "belum"  # Belum: kept as recorded
    BASI = "basi"  # the penugasan no longer rests on the report asked about: nothing changed


@dataclass(frozen=True)
class Terjawab:
    """The answer to the question: how it ended, the penugasan (as it is now), its directive
    and OPD, the completing report (Ya) and, when nothing changed because things moved on,
    why (``alasan``)."""

    akhir: Akhir
    tugas: Penugasan
    arahan: Arahan
    opd: Opd | None
    dicatat: Dicatat | None = None
    alasan: Teks | None = None


async def answer(uow: UnitOfWork, caller: Caller, actor: Actor, request: JawabSelesai) -> Terjawab:
    """Complete the report asked about (Ya) or keep it (Belum); refused to anyone who may not
    report for the penugasan's OPD (a copied button of another OPD changes nothing)."""
    laporan = await uow.session.get(Laporan, request.laporan_id)
    if laporan is None:
        raise Ditolak(Teks("tombol.tidak_sah"))
    tugas, arahan = await find.by_id(uow, actor, laporan.penugasan_id)
    # read again under the penugasan's lock: a take-back at the same moment is seen
    await uow.session.refresh(laporan)
    opd = await uow.session.get(Opd, tugas.opd_id)
    alasan = await _why_stale(uow, tugas, arahan, laporan)
    if alasan is not None:
        return Terjawab(Akhir.BASI, tugas, arahan, opd, alasan=alasan)
    if not request.ya:
        return Terjawab(Akhir.BELUM, tugas, arahan, opd)
    done = Bacaan(Status.SELESAI, None, laporan.catatan or "", None)
    dicatat = await record(
        uow, caller, actor, tugas, arahan, done, Sumber.KONFIRMASI, intent=Status.SELESAI
    )
    return Terjawab(Akhir.SELESAI, tugas, arahan, opd, dicatat)


async def _why_stale(
    uow: UnitOfWork, tugas: Penugasan, arahan: Arahan, laporan: Laporan
) -> Teks | None:
    """Why the question no longer stands, or None while the penugasan rests on the report."""
    if laporan.withdrawn_at is not None:
        return Teks("konfirmasi.ditarik", nomor=arahan.nomor)
    try:
        current = find.ensure_open(tugas, arahan)
    except PenugasanDitutup as closed:
        return Teks("penugasan.ditutup", nomor=closed.nomor, status=Teks(f"status.{closed.status}"))
    if current is Status.SELESAI:
        return Teks("konfirmasi.sudah_selesai", nomor=arahan.nomor)
    if not await is_latest(uow, laporan):
        return Teks("konfirmasi.berubah", nomor=arahan.nomor)
    return None
