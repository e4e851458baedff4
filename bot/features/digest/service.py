"""The digest (`/status`): per OPD the open, overdue, blocked, waiting and verified penugasan,
days since the last report, unreachable members and a merah/kuning/hijau rating; then the
overdue and blocked penugasan with their latest note.

The numbers come from one SQL aggregation over penugasan rows (each penugasan carries the
time and note of its latest report), never from loading reports into Python, so the digest
stays fast as history grows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape

from sqlalchemy import and_, case, func, or_, select, type_coerce

from bot.domain.klaster import klaster_label
from bot.domain.lifecycle import Status
from bot.domain.rating import ICON, AngkaOpd, Warna, days_since, rate
from bot.env import Env
from bot.features import work
from storage.db import UnitOfWork
from storage.models import Arahan, Member, Opd, Penugasan, UTCDateTime

LISTED_PROBLEMS = 40


@dataclass(frozen=True)
class Masalah:
    """An overdue or blocked penugasan with its latest note."""

    nomor: int
    kode: str
    status: str
    tenggat: date
    catatan: str | None
    teks: str


@dataclass
class Ringkasan:
    """One digest: the OPD lines (worst first) and the problems to act on."""

    judul: str
    opd: list[tuple[AngkaOpd, Warna]] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    masalah_total: int = 0


async def numbers(
    uow: UnitOfWork, env: Env, klaster: int | None, opd_id: int | None = None
) -> list[AngkaOpd]:
    """Every OPD in scope with its aggregated numbers (OPDs without work included)."""
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
        .where(work.published())
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
) -> tuple[list[Masalah], int]:
    """Overdue and blocked penugasan (blocked first, then oldest deadline), and their count."""
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
    blocked_first = case((Penugasan.status == Status.TERKENDALA.value, 0), else_=1)
    rows = (
        await uow.session.execute(
            base.order_by(blocked_first, Arahan.tenggat, Arahan.nomor).limit(LISTED_PROBLEMS)
        )
    ).all()
    found = [
        Masalah(a.nomor or 0, o.kode, t.status, a.tenggat, t.last_note, a.teks) for t, a, o in rows
    ]
    return found, int(total)


async def build(
    uow: UnitOfWork, env: Env, klaster: int | None, opd_id: int | None = None
) -> Ringkasan:
    """The digest for one cluster (``None`` = every cluster) or one OPD."""
    now = env.now()
    angka = await numbers(uow, env, klaster, opd_id)
    n = env.settings.ESCALATION_DAYS
    rated = [(a, rate(a, now, n)) for a in angka]
    order = {Warna.MERAH: 0, Warna.KUNING: 1, Warna.HIJAU: 2}
    rated.sort(key=lambda item: (order[item[1]], item[0].klaster, item[0].kode))
    found, total = await problems(uow, env, klaster, opd_id)
    title = env.texts("status.semua") if klaster is None else klaster_label(klaster)
    if opd_id is not None and angka:
        title = f"{escape(angka[0].kode)} — {escape(angka[0].nama)}"
    return Ringkasan(title, rated, found, total)


def render(env: Env, ringkasan: Ringkasan) -> list[str]:
    """The digest as lines of HTML (the caller pages them)."""
    now = env.now()
    totals = [
        sum(getattr(a, name) for a, _ in ringkasan.opd)
        for name in ("terbuka", "terlambat", "terkendala", "menunggu", "terverifikasi")
    ]
    lines = [
        env.texts("status.judul", judul=ringkasan.judul, waktu=env.format_datetime(now)),
        env.texts(
            "status.total",
            buka=totals[0],
            telat=totals[1],
            kendala=totals[2],
            tunggu=totals[3],
            verif=totals[4],
        ),
        env.texts("status.legenda"),
        "",
    ]
    for angka, warna in ringkasan.opd:
        days = days_since(angka.last_report_at, now)
        last = env.texts("status.belum_lapor") if days is None else env.texts.days_ago(days)
        line = env.texts(
            "status.baris",
            ikon=ICON[warna],
            kode=escape(angka.kode),
            buka=angka.terbuka,
            telat=angka.terlambat,
            kendala=angka.terkendala,
            tunggu=angka.menunggu,
            verif=angka.terverifikasi,
            lapor=last,
        )
        if angka.belum_terhubung:
            line += env.texts("status.belum_terhubung", jumlah=angka.belum_terhubung)
        lines.append(line)
    if ringkasan.masalah:
        lines += ["", env.texts("status.masalah_judul", jumlah=ringkasan.masalah_total)]
        for m in ringkasan.masalah:
            late = (env.today() - m.tenggat).days
            state = env.texts(f"status.{m.status}")
            if m.status != Status.TERKENDALA.value or late > 0:
                state = (
                    env.texts.count("status.telat_hari", late, status=state, hari=late)
                    if late > 0
                    else state
                )
            note = m.catatan or m.teks
            note = note if len(note) <= 160 else note[:159] + "…"
            lines.append(
                env.texts(
                    "status.masalah",
                    nomor=m.nomor,
                    kode=escape(m.kode),
                    keadaan=state,
                    catatan=escape(note),
                )
            )
        if ringkasan.masalah_total > len(ringkasan.masalah):
            lines.append(
                env.texts("lainnya", jumlah=ringkasan.masalah_total - len(ringkasan.masalah))
            )
    return lines


def as_of(moment: datetime) -> str:
    """Compact stamp for logs and keys."""
    return moment.strftime("%Y%m%d%H%M")
