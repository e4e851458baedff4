"""`/ekspor`: which directives the caller asked for and may read, and their rows.

The scope is the published directives (as in the digest), narrowed by the filters: a Rakor, the
day of publication (in the Pemda's zone), a cluster, an OPD. An Asisten always gets their own
cluster only; the Sekda, the Kepala Daerah and admins may choose any.

Rows are streamed from the database in chunks (``yield_per``) as plain column tuples, never as
ORM objects, so a province-sized history is never held in memory. Which penugasan are open,
overdue, blocked or waiting comes from the shared predicates of :mod:`bot.features.work`, and an
OPD's merah/kuning/hijau from :func:`bot.domain.rating.rate`, so the workbook agrees with the
digest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.engine import Row

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.lifecycle import Status
from bot.domain.rating import AngkaOpd, Warna, rate
from bot.domain.roles import Peran
from bot.env import Env
from bot.features import work
from bot.features.digest.service import numbers as digest_numbers
from bot.features.people.access import Actor
from bot.texts import Teks
from storage import repo
from storage.db import UnitOfWork
from storage.models import Arahan, Bukti, Laporan, Member, Opd, Penugasan, Rakor

CHUNK = 2000
"""Rows fetched from the database at a time."""
PENANGGUNG_JAWAB = "penanggung_jawab"


@dataclass(frozen=True)
class MintaEkspor:
    """What `/ekspor` asks for (every field optional): a Rakor by its number, the first and
    last day of publication, a cluster, an OPD code as typed."""

    rakor: int | None = None
    dari: date | None = None
    sampai: date | None = None
    klaster: int | None = None
    opd: str | None = None


@dataclass(frozen=True)
class OpdDipilih:
    """The one OPD an export is about."""

    id: int
    kode: str
    nama: str


@dataclass(frozen=True)
class RakorDipilih:
    """The one Rakor an export is about."""

    nomor: int
    judul: str


@dataclass(frozen=True)
class Saringan:
    """The export's scope once checked: every field ``None`` is no filter."""

    rakor: RakorDipilih | None = None
    dari: date | None = None
    sampai: date | None = None
    klaster: int | None = None
    opd: OpdDipilih | None = None


@dataclass(frozen=True)
class BarisArahan:
    """One directive: its lead's status stands for the directive's."""

    nomor: int
    rakor: str | None
    teks: str
    prioritas: str
    tenggat: date
    terbit: datetime | None
    status: str | None
    warna: Warna | None
    penanggung_jawab: list[str]
    pendukung: list[str]


@dataclass(frozen=True)
class BarisPenugasan:
    """One OPD's part of one directive."""

    nomor: int
    kode: str
    klaster: int
    kedudukan: str
    status: str
    warna: Warna | None
    progress: int
    tenggat: date
    hari_terlambat: int
    laporan_terakhir: datetime | None
    catatan_terakhir: str | None
    kendala: str | None
    bukti: int


@dataclass(frozen=True)
class BarisLaporan:
    """One report, as it was made (taken-back reports included, marked)."""

    waktu: datetime
    nomor: int
    kode: str
    pelapor: str | None
    status_dari: str
    status_ke: str
    progress: int | None
    catatan: str | None
    kendala: str | None
    sumber: str
    ditarik: bool


@dataclass(frozen=True)
class BarisOpd:
    """One OPD's numbers in the scope and its rating, as the digest rates."""

    angka: AngkaOpd
    warna: Warna


@dataclass
class BarisKlaster:
    """One cluster's totals and how many of its OPDs are merah, kuning, hijau."""

    klaster: int
    opd: int = 0
    terbuka: int = 0
    terlambat: int = 0
    terkendala: int = 0
    menunggu: int = 0
    terverifikasi: int = 0
    warna: dict[Warna, int] = field(default_factory=lambda: dict.fromkeys(Warna, 0))


def warna_tugas(status: str, terlambat: bool, terkendala: bool) -> Warna | None:
    """The fill of a penugasan's status: merah when overdue or blocked (the digest's
    problems), hijau when verified, none when closed as tidak dapat, kuning otherwise."""
    if terlambat or terkendala:
        return Warna.MERAH
    if status == Status.TERVERIFIKASI:
        return Warna.HIJAU
    if status == Status.TIDAK_DAPAT:
        return None
    return Warna.KUNING


def _flag(condition: ColumnElement[bool]) -> Any:
    return case((condition, 1), else_=0)


class Ekspor:
    """The data of one export, read as the workbook asks for it; every reader streams."""

    def __init__(self, uow: UnitOfWork, env: Env, saringan: Saringan) -> None:
        self.uow = uow
        self.env = env
        self.saringan = saringan
        self.waktu = env.now()
        self.today = env.today()

    # -- scope ---------------------------------------------------------------------------

    def _arahan_scope(self) -> list[ColumnElement[bool]]:
        """Published directives of the Rakor and the publication days asked for."""
        s = self.saringan
        where = [work.published()]
        if s.rakor is not None:
            where.append(Arahan.rakor_id == s.rakor.nomor)
        zona = self.env.settings.zona
        if s.dari is not None:
            start = datetime.combine(s.dari, time(), zona).astimezone(UTC)
            where.append(Arahan.published_at >= start)
        if s.sampai is not None:
            end = datetime.combine(s.sampai + timedelta(days=1), time(), zona).astimezone(UTC)
            where.append(Arahan.published_at < end)
        return where

    def _opd_scope(self) -> list[ColumnElement[bool]]:
        """OPDs of the cluster or the OPD asked for (a query joined with Opd)."""
        s = self.saringan
        where: list[ColumnElement[bool]] = []
        if s.klaster is not None:
            where.append(Opd.klaster == s.klaster)
        if s.opd is not None:
            where.append(Opd.id == s.opd.id)
        return where

    def _scope(self) -> list[ColumnElement[bool]]:
        """Penugasan in scope (a query joining Penugasan, Arahan and Opd)."""
        return self._arahan_scope() + self._opd_scope()

    async def _stream(self, query: Select[Any]) -> AsyncIterator[Row[Any]]:
        result = await self.uow.session.stream(query.execution_options(yield_per=CHUNK))
        async for part in result.partitions():
            for row in part:
                yield row

    # -- rows ----------------------------------------------------------------------------

    async def arahan(self) -> AsyncIterator[BarisArahan]:
        """Directives in scope by number, each with every OPD it is assigned to (those
        outside a chosen cluster too: they are part of the directive)."""
        where = self._arahan_scope()
        if self._opd_scope():
            where.append(
                Arahan.id.in_(
                    select(Penugasan.arahan_id)
                    .join(Opd, Opd.id == Penugasan.opd_id)
                    .where(*self._opd_scope())
                    .correlate(None)
                )
            )
        query = (
            select(
                Arahan.id,
                Arahan.nomor,
                Rakor.judul,
                Arahan.teks,
                Arahan.prioritas,
                Arahan.tenggat,
                Arahan.published_at,
                Penugasan.kedudukan,
                Penugasan.status,
                Opd.kode,
                _flag(work.overdue(self.today)),
                _flag(work.blocked()),
            )
            .select_from(Arahan)
            .outerjoin(Rakor, Rakor.id == Arahan.rakor_id)
            .join(Penugasan, Penugasan.arahan_id == Arahan.id)
            .join(Opd, Opd.id == Penugasan.opd_id)
            .where(*where)
            .order_by(Arahan.nomor, Penugasan.urutan, Penugasan.id)
        )
        current: list[Row[Any]] = []
        async for row in self._stream(query):
            if current and current[0][0] != row[0]:
                yield _directive(current)
                current = []
            current.append(row)
        if current:
            yield _directive(current)

    async def penugasan(self) -> AsyncIterator[BarisPenugasan]:
        """One row per OPD per directive in scope, by directive number then OPD."""
        kendala = (
            select(Laporan.kendala)
            .where(
                Laporan.penugasan_id == Penugasan.id,
                Laporan.kendala.is_not(None),
                Laporan.withdrawn_at.is_(None),
            )
            .order_by(Laporan.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        bukti = (
            select(Laporan.penugasan_id.label("pid"), func.count(Bukti.id).label("n"))
            .join(Bukti, Bukti.laporan_id == Laporan.id)
            .where(Laporan.withdrawn_at.is_(None))
            .group_by(Laporan.penugasan_id)
            .subquery()
        )
        blocked = work.blocked()
        query = (
            select(
                Arahan.nomor,
                Opd.kode,
                Opd.klaster,
                Penugasan.kedudukan,
                Penugasan.status,
                Penugasan.progress,
                Arahan.tenggat,
                Penugasan.last_report_at,
                Penugasan.last_note,
                case((blocked, kendala)),
                func.coalesce(bukti.c.n, 0),
                _flag(work.overdue(self.today)),
                _flag(blocked),
            )
            .select_from(Penugasan)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .join(Opd, Opd.id == Penugasan.opd_id)
            .outerjoin(bukti, bukti.c.pid == Penugasan.id)
            .where(*self._scope())
            .order_by(Arahan.nomor, Penugasan.urutan, Penugasan.id)
        )
        async for r in self._stream(query):
            late = bool(r[11])
            yield BarisPenugasan(
                nomor=r[0],
                kode=r[1],
                klaster=r[2],
                kedudukan=r[3],
                status=r[4],
                warna=warna_tugas(r[4], late, bool(r[12])),
                progress=r[5],
                tenggat=r[6],
                hari_terlambat=(self.today - r[6]).days if late else 0,
                laporan_terakhir=r[7],
                catatan_terakhir=r[8],
                kendala=r[9],
                bukti=int(r[10]),
            )

    async def laporan(self) -> AsyncIterator[BarisLaporan]:
        """Every report on penugasan in scope, in the order they were made."""
        query = (
            select(
                Laporan.created_at,
                Arahan.nomor,
                Opd.kode,
                Member.nama,
                Laporan.status_from,
                Laporan.status_to,
                Laporan.progress,
                Laporan.catatan,
                Laporan.kendala,
                Laporan.source,
                Laporan.withdrawn_at,
            )
            .select_from(Laporan)
            .join(Penugasan, Penugasan.id == Laporan.penugasan_id)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .join(Opd, Opd.id == Penugasan.opd_id)
            .outerjoin(Member, Member.id == Laporan.member_id)
            .where(*self._scope())
            .order_by(Laporan.id)
        )
        async for r in self._stream(query):
            yield BarisLaporan(
                waktu=r[0],
                nomor=r[1],
                kode=r[2],
                pelapor=r[3],
                status_dari=r[4],
                status_ke=r[5],
                progress=r[6],
                catatan=r[7],
                kendala=r[8],
                sumber=r[9],
                ditarik=r[10] is not None,
            )

    async def ringkasan_opd(self) -> list[BarisOpd]:
        """Every OPD of the cluster or OPD asked for (those without work too), with the
        digest's numbers over the penugasan in scope and the digest's rating; worst first."""
        s = self.saringan
        angka = await digest_numbers(
            self.uow,
            self.env,
            s.klaster,
            s.opd.id if s.opd is not None else None,
            where=self._arahan_scope(),
        )
        n_days = self.env.settings.ESCALATION_DAYS
        rows = [BarisOpd(a, rate(a, self.waktu, n_days)) for a in angka]
        order = list(Warna)
        rows.sort(key=lambda b: (order.index(b.warna), b.angka.klaster, b.angka.kode))
        return rows


def ringkasan_klaster(rows: Sequence[BarisOpd]) -> list[BarisKlaster]:
    """Per cluster, in cluster order: the sums of its OPDs' numbers and colours."""
    found: dict[int, BarisKlaster] = {}
    for b in rows:
        a = b.angka
        k = found.setdefault(a.klaster, BarisKlaster(a.klaster))
        k.opd += 1
        k.terbuka += a.terbuka
        k.terlambat += a.terlambat
        k.terkendala += a.terkendala
        k.menunggu += a.menunggu
        k.terverifikasi += a.terverifikasi
        k.warna[b.warna] += 1
    return [found[k] for k in sorted(found)]


def _directive(rows: list[Row[Any]]) -> BarisArahan:
    """A directive from its rows (one per penugasan, lead first)."""
    first = rows[0]
    lead = next((r for r in rows if r[7] == PENANGGUNG_JAWAB), None)
    return BarisArahan(
        nomor=first[1],
        rakor=first[2],
        teks=first[3],
        prioritas=first[4],
        tenggat=first[5],
        terbit=first[6],
        status=lead[8] if lead else None,
        warna=warna_tugas(lead[8], bool(lead[10]), bool(lead[11])) if lead else None,
        penanggung_jawab=[r[9] for r in rows if r[7] == PENANGGUNG_JAWAB],
        pendukung=[r[9] for r in rows if r[7] != PENANGGUNG_JAWAB],
    )


# -- who may export what -----------------------------------------------------------------


async def prepare(uow: UnitOfWork, env: Env, actor: Actor, minta: MintaEkspor) -> Ekspor:
    """`/ekspor …`: the export of what was asked, if the actor may read it (an Asisten: their
    own cluster, whatever they asked)."""
    rakor = None
    if minta.rakor is not None:
        found = await uow.session.get(Rakor, minta.rakor)
        if found is None:
            raise InputTidakValid(Teks("ekspor.rakor_tidak_ada", nomor=minta.rakor))
        rakor = RakorDipilih(found.id, found.judul)
    opd = None
    if minta.opd is not None:
        row = await repo.opd_by_kode(uow.session, minta.opd)
        if row is None:
            raise InputTidakValid(Teks("ekspor.opd_tidak_ada", kode=minta.opd))
        opd = (row.id, row.kode, row.nama, row.klaster)
    klaster = minta.klaster
    if actor.peran is Peran.ASISTEN:
        if actor.klaster is None or klaster not in (None, actor.klaster):
            raise Ditolak(Teks("ekspor.luar_klaster"))
        if opd is not None and opd[3] != actor.klaster:
            raise Ditolak(Teks("ekspor.luar_klaster"))
        klaster = actor.klaster
    elif klaster is not None:
        if klaster not in {o.klaster for o in await repo.all_opds(uow.session)}:
            raise InputTidakValid(Teks("ekspor.klaster_tidak_ada", klaster=klaster))
    saringan = Saringan(
        rakor=rakor,
        dari=minta.dari,
        sampai=minta.sampai,
        klaster=klaster,
        opd=OpdDipilih(*opd[:3]) if opd is not None else None,
    )
    return Ekspor(uow, env, saringan)


async def for_scope(uow: UnitOfWork, env: Env, actor: Actor, kind: str, target: int) -> Ekspor:
    """The digest's **Unduh Excel**: every cluster (``k``, 0), one cluster (``k``) or one OPD
    (``o``, by id), checked like the command."""
    return await prepare(uow, env, actor, await scope_request(uow, actor, kind, target))


async def scope_request(uow: UnitOfWork, actor: Actor, kind: str, target: int) -> MintaEkspor:
    """What the digest's **Unduh Excel** asks for, as the command would ask it."""
    if kind == "k" and target == 0:
        if actor.peran is Peran.ASISTEN:  # every cluster is more than theirs
            raise Ditolak(Teks("ekspor.luar_klaster"))
        return MintaEkspor()
    if kind == "k":
        return MintaEkspor(klaster=target)
    if kind == "o":
        opd = await uow.session.get(Opd, target)
        if opd is not None:
            return MintaEkspor(opd=opd.kode)
    raise Ditolak(Teks("tombol.tidak_sah"))
