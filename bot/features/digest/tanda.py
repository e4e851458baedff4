"""Finding the honesty signs (:mod:`bot.domain.tanda`) of the penugasan in a digest's scope or
of one directive: four small queries over the penugasan in scope, each bounded by what it looks
for (waiting or verified work, open work, rejections, the current kendala run), never the whole
report history in Python."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select

from bot.domain.lifecycle import Status
from bot.domain.tanda import LaporanKendala, Tanda, kendala_berulang
from bot.env import Env
from bot.features import work
from storage.db import UnitOfWork
from storage.models import Arahan, Bukti, Laporan, Opd, Penugasan

__all__ = ["Bertanda", "by_penugasan", "cari"]

_DONE = (Status.SELESAI.value, Status.TERVERIFIKASI.value)
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


def _in_scope(*conditions: ColumnElement[bool]) -> Any:
    """Penugasan ids in scope that also meet ``conditions``."""
    return (
        select(Penugasan.id)
        .join(Arahan, Arahan.id == Penugasan.arahan_id)
        .join(Opd, Opd.id == Penugasan.opd_id)
        .where(*conditions)
    )


def _kept(laporan: type[Laporan] = Laporan) -> ColumnElement[bool]:
    return laporan.withdrawn_at.is_(None)


async def _ids(uow: UnitOfWork, query: Any) -> set[int]:
    return set((await uow.session.scalars(query)).all())


async def _tanpa_bukti(uow: UnitOfWork, scope: list[Any]) -> set[int]:
    """Reported done (waiting or verified) with no photo or document on any kept report."""
    has_evidence = exists(
        select(Bukti.id)
        .join(Laporan, Laporan.id == Bukti.laporan_id)
        .where(Laporan.penugasan_id == Penugasan.id, _kept())
    )
    return await _ids(uow, _in_scope(*scope, Penugasan.status.in_(_DONE), ~has_evidence))


async def _pernah_ditolak(uow: UnitOfWork, scope: list[Any]) -> set[int]:
    """A verifier sent a completion back at least once."""
    rejected = exists(
        select(Laporan.id).where(
            Laporan.penugasan_id == Penugasan.id,
            Laporan.source == "verifikasi",
            Laporan.status_from == Status.SELESAI.value,
            Laporan.status_to != Status.TERVERIFIKASI.value,
            _kept(),
        )
    )
    return await _ids(uow, _in_scope(*scope, rejected))


async def _macet(uow: UnitOfWork, env: Env, scope: list[Any]) -> set[int]:
    """Worked on, and progress has not changed since ``STALLED_WEEKS`` weeks (counting from
    publication when it never changed)."""
    cutoff = env.now() - timedelta(weeks=env.settings.STALLED_WEEKS)
    moved = exists(
        select(Laporan.id).where(
            Laporan.penugasan_id == Penugasan.id,
            Laporan.created_at >= cutoff,
            _kept(),
            Laporan.progress.is_not(None),
            or_(Laporan.progress_from.is_(None), Laporan.progress != Laporan.progress_from),
        )
    )
    return await _ids(
        uow, _in_scope(*scope, work.working(), Arahan.published_at < cutoff, ~moved)
    )


async def _kendala_berulang(uow: UnitOfWork, scope: list[Any]) -> dict[int, int]:
    """Blocked penugasan whose current kendala run repeats one kendala without progress."""
    blocked = list(await _ids(uow, _in_scope(*scope, work.blocked())))
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
) -> list[Bertanda]:
    """Every penugasan in scope with a sign (``hanya_terbuka``: only those not closed, as the
    digest lists them), by directive number then OPD code."""
    scope = _scope(klaster, opd_id, arahan_id, hanya_terbuka)
    signs: dict[int, list[Tanda]] = defaultdict(list)
    for sign, marked in (
        (Tanda.TANPA_BUKTI, await _tanpa_bukti(uow, scope)),
        (Tanda.MACET, await _macet(uow, env, scope)),
        (Tanda.PERNAH_DITOLAK, await _pernah_ditolak(uow, scope)),
    ):
        for penugasan_id in marked:
            signs[penugasan_id].append(sign)
    repeated = await _kendala_berulang(uow, scope)
    for penugasan_id in repeated:
        signs[penugasan_id].append(Tanda.KENDALA_BERULANG)
    ids = list(signs)
    rows: list[Any] = []
    for start in range(0, len(ids), _CHUNK):
        rows += (
            await uow.session.execute(
                select(Penugasan.id, Penugasan.status, Arahan.nomor, Opd.kode)
                .join(Arahan, Arahan.id == Penugasan.arahan_id)
                .join(Opd, Opd.id == Penugasan.opd_id)
                .where(Penugasan.id.in_(ids[start : start + _CHUNK]))
            )
        ).all()
    rows.sort(key=lambda row: (row[2] or 0, row[3]))
    order = list(Tanda)
    return [
        Bertanda(
            pid,
            nomor or 0,
            kode,
            status not in (Status.TERVERIFIKASI.value, Status.TIDAK_DAPAT.value),
            tuple(sorted(signs[pid], key=order.index)),
            repeated.get(pid, 0),
        )
        for pid, status, nomor, kode in rows
    ]


def by_penugasan(found: Sequence[Bertanda]) -> dict[int, Bertanda]:
    """The signs keyed by penugasan id (for `/arahan_info`)."""
    return {b.penugasan_id: b for b in found}
