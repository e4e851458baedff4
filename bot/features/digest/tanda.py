"""Finding the honesty signs (:mod:`bot.domain.tanda`) of the penugasan in a digest's scope or
of one directive.

Each sign is a SQL condition on a penugasan (its own columns, or an indexed EXISTS over its
reports); one query lists the penugasan with any sign, worst-first order being the directive
number, and a count query says how many there are, so the digest lists a few and counts all
without loading them. Only "the same kendala repeated" needs Python (texts are compared with
:func:`bot.domain.tanda.kendala_berulang`), and only for blocked penugasan reported on again
since their kendala run began."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select

from bot.domain.lifecycle import CLOSED, Status
from bot.domain.tanda import LaporanKendala, Tanda, kendala_berulang
from bot.env import Env
from bot.features import work
from storage.db import UnitOfWork
from storage.models import Arahan, Bukti, Laporan, Opd, Penugasan
from storage.states import Sumber

__all__ = ["Bertanda", "Temuan", "by_penugasan", "cari"]

_DONE = (Status.SELESAI.value, Status.TERVERIFIKASI.value)
_CLOSED = {s.value for s in CLOSED}
_CHUNK = 500
"""Penugasan ids per query (well under every driver's bound-parameter limit)."""


@dataclass(frozen=True)
class Bertanda:
    """A penugasan with at least one sign."""

    penugasan_id: int
    nomor: int
    kode: str
    terbuka: bool
    """Not closed (still worked on, or waiting for a verifier)."""
    tanda: tuple[Tanda, ...]
    kali_kendala: int = 0
    """How often the same kendala was reported (with KENDALA_BERULANG)."""


@dataclass(frozen=True)
class Temuan:
    """The penugasan with a sign: how many, and the first of them (by number, then OPD)."""

    jumlah: int = 0
    daftar: list[Bertanda] = field(default_factory=list)


def _kept() -> ColumnElement[bool]:
    return Laporan.withdrawn_at.is_(None)


def _scope(
    klaster: int | None, opd_id: int | None, arahan_id: int | None, terbuka: bool
) -> list[Any]:
    conditions: list[Any] = [work.published()]
    if terbuka:
        conditions.append(work.open_work())
    if klaster is not None:
        conditions.append(Opd.klaster == klaster)
    if opd_id is not None:
        conditions.append(Opd.id == opd_id)
    if arahan_id is not None:
        conditions.append(Arahan.id == arahan_id)
    return conditions


def _joined(*columns: Any) -> Any:
    return (
        select(*columns)
        .select_from(Penugasan)
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
    )


def _tanpa_bukti() -> ColumnElement[bool]:
    """Reported done (waiting or verified) with no photo or document on any kept report."""
    has_evidence = exists(
        select(Bukti.id)
        .join(Laporan, Laporan.id == Bukti.laporan_id)
        .where(Laporan.penugasan_id == Penugasan.id, _kept())
    )
    return and_(Penugasan.status.in_(_DONE), ~has_evidence)


def _macet(env: Env) -> ColumnElement[bool]:
    """Worked on, and progress has not changed for ``STALLED_WEEKS`` weeks (counting from
    publication when it never changed)."""
    cutoff = env.now() - timedelta(weeks=env.settings.STALLED_WEEKS)
    still = or_(Penugasan.progress_since.is_(None), Penugasan.progress_since < cutoff)
    return and_(work.working(), Arahan.published_at < cutoff, still)


def _pernah_ditolak() -> ColumnElement[bool]:
    """A verifier sent a completion back at least once."""
    return exists(
        select(Laporan.id).where(
            Laporan.penugasan_id == Penugasan.id,
            Laporan.source == Sumber.VERIFIKASI,
            Laporan.status_from == Status.SELESAI.value,
            Laporan.status_to != Status.TERVERIFIKASI.value,
            _kept(),
        )
    )


async def _kendala_berulang(uow: UnitOfWork, scope: list[Any]) -> dict[int, int]:
    """Blocked penugasan whose current kendala run repeats one kendala without progress, and
    how often (only those reported again since the run began can: one query finds them)."""
    again = Penugasan.last_report_at > Penugasan.kendala_since
    blocked = list(
        await uow.session.scalars(_joined(Penugasan.id).where(*scope, work.blocked(), again))
    )
    runs: dict[int, list[LaporanKendala]] = defaultdict(list)
    for start in range(0, len(blocked), _CHUNK):
        rows = (
            await uow.session.execute(
                select(Laporan.penugasan_id, Laporan.status_to, Laporan.kendala, Laporan.progress)
                .join(Penugasan, Penugasan.id == Laporan.penugasan_id)
                .where(
                    Laporan.penugasan_id.in_(blocked[start : start + _CHUNK]),
                    _kept(),
                    Laporan.created_at >= Penugasan.kendala_since,
                )
                .order_by(Laporan.penugasan_id, Laporan.id.desc())
            )
        ).all()
        for penugasan_id, status_to, kendala, progress in rows:
            runs[penugasan_id].append(
                LaporanKendala(status_to == Status.TERKENDALA.value, kendala, progress)
            )
    found = {pid: kendala_berulang(run) for pid, run in runs.items()}
    return {pid: times for pid, times in found.items() if times}


async def cari(
    uow: UnitOfWork,
    env: Env,
    *,
    klaster: int | None = None,
    opd_id: int | None = None,
    arahan_id: int | None = None,
    hanya_terbuka: bool = False,
    batas: int | None = None,
) -> Temuan:
    """The penugasan in scope with a sign (``hanya_terbuka``: only those not closed, as the
    digest shows them): all of them counted, the first ``batas`` (all when None) described."""
    scope = _scope(klaster, opd_id, arahan_id, hanya_terbuka)
    repeated = await _kendala_berulang(uow, scope)
    conditions: list[tuple[Tanda, ColumnElement[bool]]] = [
        (Tanda.TANPA_BUKTI, _tanpa_bukti()),
        (Tanda.MACET, _macet(env)),
        (Tanda.KENDALA_BERULANG, Penugasan.id.in_(list(repeated)) if repeated else false()),
        (Tanda.PERNAH_DITOLAK, _pernah_ditolak()),
    ]
    any_sign = or_(*(condition for _, condition in conditions))
    flags = [case((condition, 1), else_=0) for _, condition in conditions]
    listed = (
        _joined(Penugasan.id, Penugasan.status, Arahan.nomor, Opd.kode, *flags)
        .where(*scope, any_sign)
        .order_by(Arahan.nomor, Opd.kode)
        .limit(batas)
    )
    rows = (await uow.session.execute(listed)).all()
    if batas is None or len(rows) < batas:
        jumlah = len(rows)
    else:
        jumlah = await uow.session.scalar(_joined(func.count()).where(*scope, any_sign)) or 0
    signs = [sign for sign, _ in conditions]
    return Temuan(
        jumlah,
        [
            Bertanda(
                pid,
                nomor or 0,
                kode,
                status not in _CLOSED,
                tuple(sign for sign, flag in zip(signs, marks, strict=True) if flag),
                repeated.get(pid, 0),
            )
            for pid, status, nomor, kode, *marks in rows
        ],
    )


def by_penugasan(found: Sequence[Bertanda]) -> dict[int, Bertanda]:
    """The signs keyed by penugasan id (for `/arahan_info`)."""
    return {b.penugasan_id: b for b in found}
