"""`/status grafik` as the file desk makes it (:mod:`bot.features.berkas.desk`): the scope
asked for, as stored, and the chart's images drawn from it."""

from __future__ import annotations

from typing import Any

from bot.env import Env
from bot.features.berkas.desk import Hasil, Kiriman
from bot.features.digest import chart, chart_views
from bot.features.digest.status import CAKUPAN, Lingkup, MintaStatus
from bot.features.people.access import Actor
from bot.messaging.outbox import View
from storage.db import UnitOfWork


def isian(minta: MintaStatus) -> dict[str, Any]:
    """The chart's scope as stored: a cluster (or every cluster), or none (the caller's own)."""
    if minta.lingkup is None:
        return {}
    return {"kind": minta.lingkup.kind, "target": minta.lingkup.target}


def minta_of(values: dict[str, Any]) -> MintaStatus:
    """The request from what was stored."""
    kind = CAKUPAN.get(values.get("kind", ""))
    lingkup = Lingkup(kind, int(values["target"])) if kind is not None else None
    return MintaStatus(lingkup, grafik=True)


async def buat(uow: UnitOfWork, env: Env, actor: Actor, values: dict[str, Any]) -> Hasil:
    """The images of the caller's chart as photos, checked again as `/status` is (or a word
    that there is nothing to draw)."""
    grafik = await chart.for_status(uow, env, actor, minta_of(values))
    found = await chart_views.images(env, grafik)
    if not found:
        return View(env.texts("grafik.kosong"))
    return [Kiriman(berkas, caption, foto=True) for berkas, caption in found]
