"""The Rakor follow-up report (`/laporan_rakor [N]`): what became of one Rakor's directives,
and the carry-forward matrix the Sekda's office takes to the next meeting.

:func:`gather` reads everything the report shows into plain dataclasses (no text, no HTML);
``xlsx.py`` and ``pdf.py`` lay them out, ``views.py`` writes the caption. Everything is as of
now: the state of each penugasan today, the changes since the Rakor was held.

- Part 1: each published directive of the Rakor, its penugasan lead first, with status,
  progress, days late, the latest report, the current kendala, the evidence count and the
  honesty signs (:mod:`bot.features.digest.tanda`).
- Part 2: work still open from earlier Rakor; what changed (kept reports) since the Rakor's
  date on its directives and those of earlier Rakor; the kendala reported again and again
  without progress (the honesty sign "kendala berulang", found by the digest's own query).

A Rakor is named by its number (its id, as ``/rakor`` opened it); without one, the latest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import case, func, select

from bot.domain.errors import InputTidakValid
from bot.domain.lifecycle import CLOSED, Status
from bot.domain.rating import AngkaOpd, Warna, rate
from bot.domain.tanda import Tanda
from bot.env import Env
from bot.features import work
from bot.features.digest.tanda import Bertanda, cari
from bot.features.people.access import Actor
from bot.texts import Teks
from storage.db import UnitOfWork
from storage.models import Arahan, Bukti, Laporan, Opd, Penugasan, Rakor

__all__ = [
    "BarisArahan",
    "BarisTugas",
    "BelumTuntas",
    "KendalaBerulang",
    "LaporanRakor",
    "MintaLaporan",
    "Perubahan",
    "RakorSingkat",
    "TidakAda",
    "gather",
]

_CLOSED = frozenset(s.value for s in CLOSED)
_CHUNK = 500
"""Penugasan ids per IN (...) query, well under every driver's bound-parameter limit."""
DAFTAR_RAKOR = 5
"""How many Rakor the refusal of an unknown number lists."""


@dataclass(frozen=True)
class MintaLaporan:
    """`/laporan_rakor [N]`: the Rakor's number, or None for the latest."""

    nomor: int | None = None


@dataclass(frozen=True)
class RakorSingkat:
    """A Rakor as the report names it."""

    nomor: int
    judul: str
    tanggal: date


@dataclass(frozen=True)
class BarisTugas:
    """One penugasan (one OPD's part of a directive) as of now."""

    penugasan_id: int
    kode: str
    nama_opd: str
    kedudukan: str
    """``penanggung_jawab`` (lead) or ``pendukung`` (supporting)."""
    status: str
    """A :class:`~bot.domain.lifecycle.Status` value."""
    progress: int
    hari_terlambat: int
    """Whole days past the deadline while still worked on (0: not late)."""
    warna: Warna
    """merah/kuning/hijau by the digest's rating rule, applied to this penugasan alone."""
    laporan_at: datetime | None
    """When the latest kept report came (UTC); None: never reported."""
    laporan: str | None
    """What the latest report said (its kendala, else its note)."""
    kendala: str | None
    """The current kendala (only while terkendala)."""
    bukti: int
    """Photos and documents on its kept reports."""
    kendala_sejak: datetime | None = None
    """Since when it is terkendala (UTC)."""
    bertanda: Bertanda | None = None
    """Its honesty signs, as the digest finds them (None: none)."""

    @property
    def tanda(self) -> tuple[Tanda, ...]:
        """The honesty signs on it."""
        return self.bertanda.tanda if self.bertanda else ()

    @property
    def kali_kendala(self) -> int:
        """How often the same kendala was reported (with "kendala berulang")."""
        return self.bertanda.kali_kendala if self.bertanda else 0


@dataclass(frozen=True)
class BarisArahan:
    """A directive of the Rakor with its penugasan, lead first."""

    nomor: int
    teks: str
    tenggat: date
    prioritas: str
    tugas: tuple[BarisTugas, ...]


@dataclass(frozen=True)
class BelumTuntas:
    """A penugasan still open from an earlier Rakor."""

    rakor: RakorSingkat
    nomor: int
    teks: str
    tenggat: date
    tugas: BarisTugas


@dataclass(frozen=True)
class Perubahan:
    """What happened to a penugasan since the Rakor's date: its state before the first report
    in that time and now, and how many reports came."""

    nomor: int
    teks: str
    kode: str
    status_awal: str
    status_kini: str
    progress_awal: int | None
    progress_kini: int
    laporan: int
    terakhir_at: datetime
    catatan: str | None


@dataclass(frozen=True)
class KendalaBerulang:
    """A kendala reported again and again without progress (still terkendala)."""

    nomor: int
    teks: str
    kode: str
    kendala: str | None
    kali: int
    sejak: datetime | None
    progress: int
    hari_terlambat: int


@dataclass(frozen=True)
class TidakAda:
    """No Rakor has the number asked for: the latest ones, to choose from."""

    nomor: int
    terakhir: list[RakorSingkat]


@dataclass(frozen=True)
class LaporanRakor:
    """Everything the report shows, as of ``dibuat``."""

    rakor: RakorSingkat
    dibuat: datetime
    """When it was made (UTC)."""
    hari_ini: date
    """The Pemda's date when it was made."""
    pemda: str
    """The Pemda's name (``PEMDA_NAME``; empty: left out)."""
    arahan: list[BarisArahan] = field(default_factory=list)
    belum_tuntas: list[BelumTuntas] = field(default_factory=list)
    perubahan: list[Perubahan] = field(default_factory=list)
    kendala_berulang: list[KendalaBerulang] = field(default_factory=list)

    @property
    def tugas(self) -> list[BarisTugas]:
        """Every penugasan of Part 1."""
        return [t for a in self.arahan for t in a.tugas]

    @property
    def terlambat(self) -> int:
        """Penugasan of Part 1 worked on past their deadline."""
        return sum(1 for t in self.tugas if t.hari_terlambat > 0)

    @property
    def terkendala(self) -> int:
        """Penugasan of Part 1 reported terkendala."""
        return sum(1 for t in self.tugas if t.status == Status.TERKENDALA)

    @property
    def tuntas(self) -> int:
        """Penugasan of Part 1 closed (verified, or closed as tidak dapat ditindaklanjuti)."""
        return sum(1 for t in self.tugas if t.status in _CLOSED)


def _singkat(rakor: Rakor) -> RakorSingkat:
    return RakorSingkat(rakor.id, rakor.judul, rakor.tanggal)


async def choose(uow: UnitOfWork, nomor: int | None) -> Rakor | TidakAda:
    """The Rakor asked for (the latest without a number), or what to say when there is none."""
    if nomor is not None:
        rakor = await uow.session.get(Rakor, nomor)
        if rakor is not None:
            return rakor
    recent = list(
        await uow.session.scalars(select(Rakor).order_by(Rakor.id.desc()).limit(DAFTAR_RAKOR))
    )
    if not recent:
        raise InputTidakValid(Teks("laporan_rakor.belum_ada"))
    if nomor is None:
        return recent[0]
    return TidakAda(nomor, [_singkat(r) for r in recent])


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[i : i + _CHUNK]) for i in range(0, len(ids), _CHUNK)]


async def _bukti(uow: UnitOfWork, ids: Sequence[int]) -> dict[int, int]:
    """Evidence on the kept reports of each penugasan."""
    found: dict[int, int] = {}
    for chunk in _chunks(ids):
        rows = await uow.session.execute(
            select(Laporan.penugasan_id, func.count(Bukti.id))
            .join(Bukti, Bukti.laporan_id == Laporan.id)
            .where(Laporan.penugasan_id.in_(chunk), Laporan.withdrawn_at.is_(None))
            .group_by(Laporan.penugasan_id)
        )
        found.update({int(pid): int(n) for pid, n in rows.all()})
    return found


async def _kendala(uow: UnitOfWork, ids: Sequence[int]) -> dict[int, str]:
    """The kendala of the newest kept report that named one, for each penugasan given."""
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        newest = (
            select(func.max(Laporan.id))
            .where(
                Laporan.penugasan_id.in_(chunk),
                Laporan.withdrawn_at.is_(None),
                Laporan.kendala.is_not(None),
            )
            .group_by(Laporan.penugasan_id)
        )
        rows = await uow.session.execute(
            select(Laporan.penugasan_id, Laporan.kendala).where(Laporan.id.in_(newest))
        )
        found.update({int(pid): str(text) for pid, text in rows.all() if text})
    return found


def _columns(today: date) -> tuple[Any, ...]:
    """Penugasan, its directive, OPD and Rakor, and the shared predicates as 0/1 flags."""
    return (
        Penugasan,
        Arahan,
        Opd,
        Rakor,
        case((work.working(), 1), else_=0),
        case((work.overdue(today), 1), else_=0),
        case((work.blocked(), 1), else_=0),
        case((work.waiting(), 1), else_=0),
    )


def _joined(today: date) -> Any:
    return (
        select(*_columns(today))
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .join(Rakor, Rakor.id == Arahan.rakor_id)
        .where(work.published())
    )


def _lead_first() -> Any:
    return case((Penugasan.kedudukan == "penanggung_jawab", 0), else_=1)


async def _rows(uow: UnitOfWork, query: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in (await uow.session.execute(query)).all()]


def _baris(
    env: Env,
    row: tuple[Any, ...],
    bukti: dict[int, int],
    kendala: dict[int, str],
    tanda: dict[int, Bertanda],
) -> BarisTugas:
    tugas, arahan, opd, _rakor, working, overdue, blocked, waiting = row
    today = env.today()
    angka = AngkaOpd(
        opd.id,
        opd.kode,
        opd.nama,
        opd.klaster,
        terbuka=working,
        terlambat=overdue,
        terkendala=blocked,
        menunggu=waiting,
        terverifikasi=int(tugas.status == Status.TERVERIFIKASI.value),
        last_report_at=tugas.last_report_at,
        oldest_kendala=tugas.kendala_since if blocked else None,
        oldest_open_since=arahan.published_at if working else None,
    )
    return BarisTugas(
        penugasan_id=tugas.id,
        kode=opd.kode,
        nama_opd=opd.nama,
        kedudukan=tugas.kedudukan,
        status=tugas.status,
        progress=tugas.progress,
        hari_terlambat=max(0, (today - arahan.tenggat).days) if overdue else 0,
        warna=rate(angka, env.now(), env.settings.ESCALATION_DAYS),
        laporan_at=tugas.last_report_at,
        laporan=tugas.last_note,
        kendala=kendala.get(tugas.id) if blocked or tugas.status == Status.TERKENDALA else None,
        bukti=bukti.get(tugas.id, 0),
        kendala_sejak=tugas.kendala_since,
        bertanda=tanda.get(tugas.id),
    )


async def _changes(uow: UnitOfWork, env: Env, rakor: Rakor, since: datetime) -> list[Perubahan]:
    """Penugasan of this Rakor and earlier ones reported on since ``since``: state before the
    first of those reports and now."""
    in_scope = (
        select(Penugasan.id)
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .where(work.published(), Arahan.rakor_id <= rakor.id)
    )
    kept = (Laporan.withdrawn_at.is_(None), Laporan.created_at >= since)
    counted = (
        await uow.session.execute(
            select(
                Laporan.penugasan_id,
                func.count(Laporan.id),
                func.min(Laporan.id),
                func.max(Laporan.id),
            )
            .where(Laporan.penugasan_id.in_(in_scope), *kept)
            .group_by(Laporan.penugasan_id)
        )
    ).all()
    if not counted:
        return []
    first_ids = [int(row[2]) for row in counted]
    last_ids = [int(row[3]) for row in counted]
    reports: dict[int, Laporan] = {}
    for chunk in _chunks(first_ids + last_ids):
        for laporan in await uow.session.scalars(select(Laporan).where(Laporan.id.in_(chunk))):
            reports[laporan.id] = laporan
    numbers = {int(pid): int(n) for pid, n, _, _ in counted}
    firsts = {int(pid): reports[int(first)] for pid, _, first, _ in counted}
    lasts = {int(pid): reports[int(last)] for pid, _, _, last in counted}
    found: list[Perubahan] = []
    for chunk in _chunks(list(numbers)):
        rows = await uow.session.execute(
            select(Penugasan, Arahan.nomor, Arahan.teks, Opd.kode)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .join(Opd, Opd.id == Penugasan.opd_id)
            .where(Penugasan.id.in_(chunk))
        )
        for tugas, nomor, teks, kode in rows.all():
            first, last = firsts[tugas.id], lasts[tugas.id]
            found.append(
                Perubahan(
                    nomor=nomor or 0,
                    teks=teks,
                    kode=kode,
                    status_awal=first.status_from,
                    status_kini=tugas.status,
                    progress_awal=first.progress_from,
                    progress_kini=tugas.progress,
                    laporan=numbers[tugas.id],
                    terakhir_at=last.created_at,
                    catatan=last.kendala or last.catatan,
                )
            )
    found.sort(key=lambda p: (p.nomor, p.kode))
    return found


async def gather(
    uow: UnitOfWork, env: Env, actor: Actor, request: MintaLaporan
) -> LaporanRakor | TidakAda:
    """The follow-up report of the Rakor asked for (the latest without a number), or, for an
    unknown number, the latest Rakor to choose from; refused while there is no Rakor at all.
    The role table already let ``actor`` in: the report covers every OPD."""
    del actor  # admin, sekda, kepala_daerah: no scope of their own to narrow it to
    rakor = await choose(uow, request.nomor)
    if isinstance(rakor, TidakAda):
        return rakor
    today = env.today()
    signs = {b.penugasan_id: b for b in (await cari(uow, env)).daftar}
    own = await _rows(
        uow,
        _joined(today)
        .where(Arahan.rakor_id == rakor.id)
        .order_by(Arahan.nomor, _lead_first(), Penugasan.urutan, Opd.kode),
    )
    earlier = await _rows(
        uow,
        _joined(today)
        .where(Arahan.rakor_id < rakor.id, work.open_work())
        .order_by(Rakor.id, Arahan.nomor, _lead_first(), Penugasan.urutan, Opd.kode),
    )
    ids = [row[0].id for row in own + earlier]
    bukti = await _bukti(uow, ids)
    blocked_ids = [row[0].id for row in own + earlier if row[0].status == Status.TERKENDALA]
    kendala = await _kendala(uow, blocked_ids)

    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in own:
        grouped[row[1].id].append(row)
    arahan = [
        BarisArahan(
            nomor=rows[0][1].nomor or 0,
            teks=rows[0][1].teks,
            tenggat=rows[0][1].tenggat,
            prioritas=rows[0][1].prioritas,
            tugas=tuple(_baris(env, row, bukti, kendala, signs) for row in rows),
        )
        for rows in grouped.values()
    ]
    belum = [
        BelumTuntas(
            _singkat(row[3]),
            row[1].nomor or 0,
            row[1].teks,
            row[1].tenggat,
            _baris(env, row, bukti, kendala, signs),
        )
        for row in earlier
    ]
    since = datetime.combine(rakor.tanggal, time(0), env.settings.zona).astimezone(UTC)
    changes = await _changes(uow, env, rakor, since)
    # earlier Rakor first: the older the kendala, the more it needs the meeting
    marked = [(b.nomor, b.teks, b.tugas) for b in belum]
    marked += [(a.nomor, a.teks, t) for a in arahan for t in a.tugas]
    repeated = [
        KendalaBerulang(
            nomor=nomor,
            teks=teks,
            kode=t.kode,
            kendala=t.kendala,
            kali=t.kali_kendala,
            sejak=t.kendala_sejak,
            progress=t.progress,
            hari_terlambat=t.hari_terlambat,
        )
        for nomor, teks, t in marked
        if Tanda.KENDALA_BERULANG in t.tanda
    ]
    return LaporanRakor(
        rakor=_singkat(rakor),
        dibuat=env.now(),
        hari_ini=today,
        pemda=env.settings.PEMDA_NAME.strip(),
        arahan=arahan,
        belum_tuntas=belum,
        perubahan=changes,
        kendala_berulang=repeated,
    )
