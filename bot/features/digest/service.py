"""The digest (`/status`): per OPD the open, overdue, blocked, waiting and verified penugasan,
days since the last report, unreachable members and a merah/kuning/hijau rating; then the
overdue and blocked penugasan with their latest note.

The numbers come from one SQL aggregation over penugasan rows (each penugasan carries the
time and note of its latest report), never from loading reports into Python, so the digest
stays fast as history grows. How the digest reads is :mod:`bot.features.digest.views`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, case, func, or_, select, type_coerce

from bot.domain.lifecycle import Status
from bot.domain.rating import AngkaOpd, Warna, days_since, rate
from bot.env import Env
from bot.features import work
from bot.features.acting import aktif
from bot.features.digest.tanda import Temuan, cari
from bot.features.digest.views import render as render
from storage.db import UnitOfWork
from storage.models import Arahan, Member, Opd, Penugasan, UTCDateTime

LISTED_PROBLEMS = 40
LISTED_SIGNS = 15
_WORST_FIRST = {Warna.MERAH: 0, Warna.KUNING: 1, Warna.HIJAU: 2}


@dataclass(frozen=True)
class Masalah:
    """An overdue or blocked penugasan with its latest note."""

    nomor: int
    kode: str
    status: str
    tenggat: date
    catatan: str | None
    teks: str
    hari_terlambat: int
    """Whole days past the deadline today (0: not late)."""


@dataclass(frozen=True)
class BarisOpd:
    """One OPD's line: its numbers, its rating and the days since its latest report."""

    angka: AngkaOpd
    warna: Warna
    hari_sejak_lapor: int | None
    """Whole days since the OPD's latest report (None: it never reported)."""


@dataclass(frozen=True)
class Jumlah:
    """The digest's totals over every OPD in it."""

    terbuka: int = 0
    terlambat: int = 0
    terkendala: int = 0
    menunggu: int = 0
    terverifikasi: int = 0


@dataclass
class Ringkasan:
    """One digest: the OPD lines (worst first) and the problems to act on, as of ``waktu``."""

    waktu: datetime
    klaster: int | None
    """The cluster it is about (None: every cluster)."""
    satu_opd: AngkaOpd | None = None
    """The one OPD it is about, when it was asked for one that exists."""
    opd: list[BarisOpd] = field(default_factory=list)
    total: Jumlah = field(default_factory=Jumlah)
    masalah: list[Masalah] = field(default_factory=list)
    masalah_total: int = 0
    """How many penugasan are overdue or terkendala (each once; the list shows the first)."""
    masalah_keduanya: int = 0
    """How many of those are both overdue and terkendala: counted in each of the two totals,
    listed once."""
    tanda: Temuan = field(default_factory=Temuan)
    """Open penugasan with an honesty sign (:mod:`bot.domain.tanda`): the count, the first."""
    plh: dict[int, str] = field(default_factory=dict)
    """The name of each OPD's acting official (Plh) today, by OPD id."""


async def numbers(
    uow: UnitOfWork,
    env: Env,
    klaster: int | None,
    opd_id: int | None = None,
    *,
    where: Sequence[ColumnElement[bool]] = (),
) -> list[AngkaOpd]:
    """Every OPD in scope with its aggregated numbers (OPDs without work included);
    ``where`` narrows the penugasan counted (the export's Rakor or dates)."""
    today = env.today()
    working = work.working()
    query = (
        select(
            Penugasan.opd_id,
            func.sum(case((working, 1), else_=0)),
            func.sum(case((work.overdue(today), 1), else_=0)),
            func.sum(case((work.blocked(), 1), else_=0)),
            func.sum(case((work.waiting(), 1), else_=0)),
            func.sum(case((Penugasan.status == Status.TERVERIFIKASI.value, 1), else_=0)),
            type_coerce(func.max(Penugasan.last_report_at), UTCDateTime()),
            type_coerce(func.min(Penugasan.kendala_since), UTCDateTime()),
            type_coerce(func.min(case((working, Arahan.published_at))), UTCDateTime()),
        )
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .where(work.published(), *where)
        .group_by(Penugasan.opd_id)
    )
    opds_query = select(Opd).order_by(Opd.klaster, Opd.kode)
    if klaster is not None:
        query = query.where(Opd.klaster == klaster)
        opds_query = opds_query.where(Opd.klaster == klaster)
    if opd_id is not None:
        query = query.where(Opd.id == opd_id)
        opds_query = opds_query.where(Opd.id == opd_id)
    aggregated = {row[0]: row for row in (await uow.session.execute(query)).all()}
    silent: dict[int, int] = {
        int(opd): int(count)
        for opd, count in (
            await uow.session.execute(
                select(Member.opd_id, func.count(Member.id))
                .where(
                    Member.active.is_(True), Member.reachable.is_(False), Member.opd_id.is_not(None)
                )
                .group_by(Member.opd_id)
            )
        ).all()
        if opd is not None
    }
    result = []
    for opd in (await uow.session.scalars(opds_query)).all():
        row = aggregated.get(opd.id)
        counts = [int(v or 0) for v in row[1:6]] if row else [0, 0, 0, 0, 0]
        result.append(
            AngkaOpd(
                opd.id,
                opd.kode,
                opd.nama,
                opd.klaster,
                terbuka=counts[0],
                terlambat=counts[1],
                terkendala=counts[2],
                menunggu=counts[3],
                terverifikasi=counts[4],
                last_report_at=row[6] if row else None,
                oldest_kendala=row[7] if row else None,
                oldest_open_since=row[8] if row else None,
                belum_terhubung=silent.get(opd.id, 0),
            )
        )
    return result


async def problems(
    uow: UnitOfWork, env: Env, klaster: int | None, opd_id: int | None = None
) -> tuple[list[Masalah], int, int]:
    """Overdue and blocked penugasan (blocked first, then oldest deadline), their count, and
    how many of them are both."""
    today = env.today()
    condition = and_(work.published(), or_(work.blocked(), work.overdue(today)))
    scope = [condition]
    if klaster is not None:
        scope.append(Opd.klaster == klaster)
    if opd_id is not None:
        scope.append(Opd.id == opd_id)
    base = (
        select(Penugasan, Arahan, Opd)
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .where(*scope)
    )
    total = await uow.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    both = base.where(work.blocked(), work.overdue(today))
    keduanya = await uow.session.scalar(select(func.count()).select_from(both.subquery())) or 0
    blocked_first = case((Penugasan.status == Status.TERKENDALA.value, 0), else_=1)
    rows = (
        await uow.session.execute(
            base.order_by(blocked_first, Arahan.tenggat, Arahan.nomor).limit(LISTED_PROBLEMS)
        )
    ).all()
    found = [
        Masalah(
            a.nomor or 0,
            o.kode,
            t.status,
            a.tenggat,
            t.last_note,
            a.teks,
            max(0, (today - a.tenggat).days),
        )
        for t, a, o in rows
    ]
    return found, int(total), int(keduanya)


async def build(
    uow: UnitOfWork, env: Env, klaster: int | None, opd_id: int | None = None
) -> Ringkasan:
    """The digest for one cluster (``None`` = every cluster) or one OPD."""
    now = env.now()
    angka = await numbers(uow, env, klaster, opd_id)
    n = env.settings.ESCALATION_DAYS
    rows = [BarisOpd(a, rate(a, now, n), days_since(a.last_report_at, now)) for a in angka]
    rows.sort(key=lambda row: (_WORST_FIRST[row.warna], row.angka.klaster, row.angka.kode))
    total = Jumlah(
        terbuka=sum(a.terbuka for a in angka),
        terlambat=sum(a.terlambat for a in angka),
        terkendala=sum(a.terkendala for a in angka),
        menunggu=sum(a.menunggu for a in angka),
        terverifikasi=sum(a.terverifikasi for a in angka),
    )
    found, count, both = await problems(uow, env, klaster, opd_id)
    satu_opd = angka[0] if opd_id is not None and angka else None
    signs = await cari(
        uow, env, klaster=klaster, opd_id=opd_id, hanya_terbuka=True, batas=LISTED_SIGNS
    )
    return Ringkasan(
        waktu=now,
        klaster=klaster,
        satu_opd=satu_opd,
        opd=rows,
        total=total,
        masalah=found,
        masalah_total=count,
        masalah_keduanya=both,
        tanda=signs,
        plh=await aktif.plh_names(uow.session, env.today()),
    )


def as_of(moment: datetime) -> str:
    """Compact stamp for logs and keys."""
    return moment.strftime("%Y%m%d%H%M")
