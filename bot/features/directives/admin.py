"""Managing a published directive: `/arahan_info` (every penugasan and its full history),
`/tenggat` (a new deadline with a reason) and `/batal` (cancel with a reason), both announced
to everyone the directive concerns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from html import escape

from sqlalchemy import case, func, select

from bot.domain.dates import TanggalTidakValid, parse_tanggal
from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.roles import OPD_ROLES
from bot.env import Env
from bot.features.acting import aktif
from bot.features.arahan_ubah import tombol
from bot.features.arahan_ubah.tombol import PesanBertombol
from bot.features.arahan_ubah.versi import Versi, versions
from bot.features.digest.tanda import Bertanda, by_penugasan, cari
from bot.features.directives import admin_views
from bot.features.evidence.simpanan import Simpanan
from bot.features.people.access import Actor
from bot.features.reporting.lookup import parse_nomor
from bot.messaging import audience
from bot.messaging.audience import Recipient
from bot.texts import Teks
from storage.audit import audit
from storage.db import UnitOfWork
from storage.models import (
    Arahan,
    AuditLog,
    Bukti,
    Escalation,
    Laporan,
    Member,
    Opd,
    Penugasan,
    Rakor,
)
from storage.states import ArahanState

MAX_REASON = 500


@dataclass(frozen=True)
class LihatArahan:
    """Show a directive: its number as typed (`12`, `No.12`, `A-12`)."""

    nomor: str


@dataclass(frozen=True)
class UbahTenggat:
    """Give a directive a new deadline: its number as typed, then the date and the reason as
    typed (where the date ends is known only by reading it, and an unknown number is refused
    before a date that cannot be read)."""

    nomor: str
    tanggal_dan_alasan: str


@dataclass(frozen=True)
class BatalkanArahan:
    """Cancel a directive: its number as typed and the reason."""

    nomor: str
    alasan: str


@dataclass(frozen=True)
class LaporanTercatat:
    """One report on the directive, with the reporter's name and how much evidence it has
    (``besar``: how much of it is over 20 MB, kept only in Telegram)."""

    laporan: Laporan
    nama: str | None
    bukti: int
    besar: int = 0


@dataclass(frozen=True)
class Riwayat:
    """A directive with its Rakor, its penugasan (lead first) and everything that happened
    to it: reports, audited changes (deadline, cancellation) and escalations, each by id."""

    arahan: Arahan
    rakor: Rakor | None
    penugasan: list[tuple[Penugasan, Opd]]
    laporan: list[LaporanTercatat]
    perubahan: list[AuditLog]
    eskalasi: list[Escalation]
    tanda: dict[int, Bertanda] = field(default_factory=dict)
    versi: list[Versi] = field(default_factory=list)
    """The versions kept by `/arahan_ubah` (empty while it was never changed)."""
    """Honesty signs by penugasan id (closed penugasan included)."""
    plh: dict[int, str] = field(default_factory=dict)
    """The name of each OPD's acting official (Plh) today, by OPD id."""


@dataclass(frozen=True)
class TenggatBaru:
    """A deadline changed: from which day to which, why, and who is told."""

    arahan: Arahan
    dari: date
    ke: date
    alasan: str
    penerima: list[Recipient]


@dataclass(frozen=True)
class Pembatalan:
    """A directive cancelled: why, who is told, and its messages that lose their report
    buttons."""

    arahan: Arahan
    alasan: str
    penerima: list[Recipient]
    tombol_usang: list[PesanBertombol] = field(default_factory=list)


class ArahanDibatalkan(InputTidakValid):
    """The directive is cancelled already: no new deadline, no second cancellation."""

    def __init__(self, nomor: int | None) -> None:
        super().__init__(Teks("penugasan.ditutup", nomor=nomor, status=Teks("status.dibatalkan")))
        self.nomor = nomor


async def _arahan(uow: UnitOfWork, nomor_text: str) -> Arahan:
    nomor = parse_nomor(nomor_text)
    arahan = None
    if nomor is not None:
        arahan = (await uow.session.scalars(select(Arahan).where(Arahan.nomor == nomor))).first()
    if arahan is None:
        raise InputTidakValid(Teks("arahan.nomor_tidak_ada", nomor=escape(nomor_text[:20])))
    return arahan


async def may_read(uow: UnitOfWork, actor: Actor, arahan: Arahan) -> bool:
    """Leaders read every directive; an OPD's people only those assigned to their OPD."""
    if actor.peran not in OPD_ROLES:
        return True
    found = await uow.session.scalar(
        select(func.count(Penugasan.id)).where(
            Penugasan.arahan_id == arahan.id, Penugasan.opd_id.in_(actor.opd_ids)
        )
    )
    return bool(found)


async def info(uow: UnitOfWork, env: Env, actor: Actor, request: LihatArahan) -> Riwayat:
    """`/arahan_info NOMOR`: the directive, each penugasan's status and its full history;
    for an OPD's people it is "not found" unless their OPD is assigned."""
    if not request.nomor.strip():
        raise InputTidakValid(Teks("arahan_info.format"))
    arahan = await _arahan(uow, request.nomor)
    if not await may_read(uow, actor, arahan):
        raise Ditolak(Teks("arahan.nomor_tidak_ada", nomor=arahan.nomor))
    return await history(uow, env, arahan)


async def history(uow: UnitOfWork, env: Env, arahan: Arahan) -> Riwayat:
    """Everything `/arahan_info` shows about ``arahan``, read without any access check."""
    rakor = await uow.session.get(Rakor, arahan.rakor_id) if arahan.rakor_id else None
    penugasan = [
        (tugas, opd)
        for tugas, opd in (
            await uow.session.execute(
                select(Penugasan, Opd)
                .join(Opd, Opd.id == Penugasan.opd_id)
                .where(Penugasan.arahan_id == arahan.id)
                .order_by(Penugasan.urutan)
            )
        ).all()
    ]
    ids = [tugas.id for tugas, _ in penugasan] or [0]
    reports = (
        await uow.session.execute(
            select(Laporan, Member.nama)
            .outerjoin(Member, Member.id == Laporan.member_id)
            .where(Laporan.penugasan_id.in_(ids))
            .order_by(Laporan.id)
        )
    ).all()
    too_big = func.sum(case((Bukti.stored_state == Simpanan.TERLALU_BESAR.value, 1), else_=0))
    evidence: dict[int, tuple[int, int]] = {
        int(k): (int(n), int(big or 0))
        for k, n, big in (
            await uow.session.execute(
                select(Bukti.laporan_id, func.count(Bukti.id), too_big)
                .join(Laporan, Laporan.id == Bukti.laporan_id)
                .where(Laporan.penugasan_id.in_(ids))
                .group_by(Bukti.laporan_id)
            )
        ).all()
    }
    changes = (
        await uow.session.scalars(
            select(AuditLog).where(AuditLog.subject == f"arahan:{arahan.id}").order_by(AuditLog.id)
        )
    ).all()
    steps = (
        await uow.session.scalars(
            select(Escalation).where(Escalation.penugasan_id.in_(ids)).order_by(Escalation.id)
        )
    ).all()
    return Riwayat(
        arahan=arahan,
        rakor=rakor,
        penugasan=penugasan,
        laporan=[
            LaporanTercatat(laporan, nama, *evidence.get(laporan.id, (0, 0)))
            for laporan, nama in reports
        ],
        perubahan=list(changes),
        eskalasi=list(steps),
        tanda=by_penugasan((await cari(uow, env, arahan_id=arahan.id)).daftar),
        versi=await versions(uow, arahan.id),
        plh=await aktif.plh_names(uow.session, env.today()),
    )


async def history_lines(uow: UnitOfWork, env: Env, arahan: Arahan) -> list[str]:
    """The directive's header, each penugasan, then every event in time order, as text.

    Kept for `/status NOMOR` (bot/features/digest/status.py), which pages these lines itself."""
    return admin_views.history_lines(env, await history(uow, env, arahan))


def split_date(words: list[str], today: date) -> tuple[date, str]:
    """The longest leading words that read as a date, and the rest (the reason); also read
    this way by `/perpanjang` (bot/features/perpanjangan)."""
    for size in (4, 3, 2, 1):
        if len(words) < size:
            continue
        try:
            return parse_tanggal(" ".join(words[:size]), today), " ".join(words[size:])
        except TanggalTidakValid:
            continue
    return parse_tanggal(words[0] if words else "", today), " ".join(words[1:])


async def change_deadline(
    uow: UnitOfWork, env: Env, actor: Actor, request: UbahTenggat
) -> TenggatBaru:
    """`/tenggat NOMOR tanggal alasan`: a new deadline (today or later), with the reason, for
    everyone the directive concerns to be told."""
    words = request.tanggal_dan_alasan.split()
    if not request.nomor.strip() or len(words) < 2:
        raise InputTidakValid(Teks("tenggat.format"))
    arahan = await _open_arahan(uow, request.nomor)
    new, reason = split_date(words, env.today())
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(Teks("tenggat.perlu_alasan", maks=MAX_REASON))
    if new < env.today():
        raise InputTidakValid(Teks("arahan.tenggat_lewat", tanggal=env.format_date(new)))
    return await set_deadline(uow, env, actor, arahan, new, reason)


async def set_deadline(
    uow: UnitOfWork, env: Env, actor: Actor, arahan: Arahan, new: date, reason: str
) -> TenggatBaru:
    """Move ``arahan``'s deadline to ``new`` (checked by the caller), audited with the reason,
    for everyone the directive concerns to be told: `/tenggat`, and an approved extension
    request (bot/features/perpanjangan)."""
    old = arahan.tenggat
    arahan.tenggat = new
    await audit(
        uow,
        actor.telegram_id,
        "tenggat",
        f"arahan:{arahan.id}",
        dari=env.format_date(old),
        ke=env.format_date(new),
        alasan=reason,
    )
    khalayak = await audience.of_directive(uow, arahan, hari=env.today())
    return TenggatBaru(arahan, old, new, reason, khalayak.all())


async def cancel(
    uow: UnitOfWork, actor: Actor, request: BatalkanArahan, hari: date | None = None
) -> Pembatalan:
    """`/batal NOMOR alasan`: the directive is cancelled (reports on it are refused from now
    on), for everyone it concerns to be told (with ``hari``, the Pemda's today, the acting
    officials in force too)."""
    reason = " ".join(request.alasan.split())
    if not request.nomor.strip() or not reason or len(reason) > MAX_REASON:
        raise InputTidakValid(Teks("batal.format", maks=MAX_REASON))
    arahan = await _open_arahan(uow, request.nomor)
    arahan.status = ArahanState.DIBATALKAN
    arahan.cancel_reason = reason
    await audit(uow, actor.telegram_id, "batal", f"arahan:{arahan.id}", alasan=reason)
    khalayak = await audience.of_directive(uow, arahan, hari=hari)
    stale = await tombol.with_report_buttons(uow, arahan.id)
    return Pembatalan(arahan, reason, khalayak.all(), stale)


async def _open_arahan(uow: UnitOfWork, nomor_text: str) -> Arahan:
    arahan = await _arahan(uow, nomor_text)
    if arahan.status == ArahanState.DIBATALKAN:
        raise ArahanDibatalkan(arahan.nomor)
    return arahan
