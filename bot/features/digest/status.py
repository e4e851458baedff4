"""`/status`: which digest the caller asked for and may read, and what it shows. An Asisten sees
only their own cluster; the Sekda, the Kepala Daerah and admins see every cluster.

The same scope (`Lingkup`) is what the digest's buttons carry, so turning a page or drilling
down to an OPD or a directive is checked exactly like the command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select

from bot.domain.errors import Ditolak, InputTidakValid
from bot.domain.roles import Peran
from bot.env import Env
from bot.features.digest import service as digest
from bot.features.directives.admin import Riwayat, history
from bot.features.people.access import Actor
from bot.features.reporting.lookup import parse_nomor
from bot.features.reporting.worklist import open_work
from bot.texts import Teks
from storage import repo
from storage.db import UnitOfWork
from storage.models import Arahan, Opd, Penugasan

Cakupan = Literal["k", "o", "a"]
"""What a digest is about, as its buttons write it: ``k`` every cluster (target 0) or one
cluster, ``o`` one OPD, ``a`` one directive."""
CAKUPAN: dict[str, Cakupan] = {"k": "k", "o": "o", "a": "a"}
MAX_KODE = 20


@dataclass(frozen=True)
class Lingkup:
    """What a digest is about: every cluster / one cluster (k), one OPD (o), a directive (a)."""

    kind: Cakupan
    target: int


@dataclass(frozen=True)
class MintaStatus:
    """What `/status` asks for: a scope, the caller's own (neither field), or an OPD code or a
    directive number as written (``cari``) to look up."""

    lingkup: Lingkup | None = None
    cari: str = ""
    grafik: bool = False
    """`/status grafik …`: the chart of the scope (:mod:`bot.features.digest.chart`)."""


@dataclass(frozen=True)
class HasilStatus:
    """One digest as asked for: the numbers of a cluster or an OPD (``ringkasan``) and an
    OPD's open penugasan, or a directive's history (``riwayat``)."""

    lingkup: Lingkup
    ringkasan: digest.Ringkasan | None = None
    terbuka: list[tuple[Penugasan, Arahan]] = field(default_factory=list)
    riwayat: Riwayat | None = None


async def show_status(uow: UnitOfWork, env: Env, actor: Actor, request: MintaStatus) -> HasilStatus:
    """`/status …`: the digest for the scope asked (default: the caller's own)."""
    scope = request.lingkup or await _looked_up(uow, request.cari) or _own(actor)
    if scope.kind == "k" and scope.target:
        if scope.target not in {o.klaster for o in await repo.all_opds(uow.session)}:
            raise InputTidakValid(Teks("status.format"))
    return await open_scope(uow, env, actor, scope)


async def open_scope(uow: UnitOfWork, env: Env, actor: Actor, scope: Lingkup) -> HasilStatus:
    """The digest of one scope, if the actor may read it (a page turn or a drill-down)."""
    await _check_access(uow, actor, scope)
    if scope.kind == "a":
        arahan = (
            await uow.session.scalars(select(Arahan).where(Arahan.nomor == scope.target))
        ).first()
        if arahan is None:
            raise InputTidakValid(Teks("arahan.nomor_tidak_ada", nomor=scope.target))
        return HasilStatus(scope, riwayat=await history(uow, env, arahan))
    if scope.kind == "o":
        ringkasan = await digest.build(uow, env, None, scope.target)
        return HasilStatus(scope, ringkasan, await open_work(uow, env, scope.target))
    return HasilStatus(scope, await digest.build(uow, env, scope.target or None))


def _own(actor: Actor) -> Lingkup:
    """An Asisten's own cluster; every cluster for everyone else."""
    if actor.peran is Peran.ASISTEN and actor.klaster is not None:
        return Lingkup("k", actor.klaster)
    return Lingkup("k", 0)


async def _looked_up(uow: UnitOfWork, cari: str) -> Lingkup | None:
    """The OPD with this code, else the directive with this number (`No.12`, `A-12`); None
    when nothing was asked; refused when it is neither."""
    if not cari:
        return None
    opd = await repo.opd_by_kode(uow.session, cari[:MAX_KODE])
    if opd is not None:
        return Lingkup("o", opd.id)
    nomor = parse_nomor(cari)
    if nomor is None:
        raise InputTidakValid(Teks("status.format"))
    return Lingkup("a", nomor)


async def _check_access(uow: UnitOfWork, actor: Actor, scope: Lingkup) -> None:
    """An Asisten is limited to their cluster; the Sekda, Kepala Daerah and admins see all."""
    if actor.peran is not Peran.ASISTEN:
        return
    allowed = False
    if scope.kind == "k":
        allowed = scope.target == actor.klaster
    elif scope.kind == "o":
        opd = await uow.session.get(Opd, scope.target)
        allowed = opd is not None and opd.klaster == actor.klaster
    else:
        found = await uow.session.scalar(
            select(Penugasan.id)
            .join(Arahan, Arahan.id == Penugasan.arahan_id)
            .join(Opd, Opd.id == Penugasan.opd_id)
            .where(Arahan.nomor == scope.target, Opd.klaster == actor.klaster)
            .limit(1)
        )
        allowed = found is not None
    if not allowed:
        raise Ditolak(Teks("status.luar_klaster"))
