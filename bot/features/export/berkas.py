"""The export as the file desk makes it (:mod:`bot.features.berkas.desk`): the request as
stored, and the workbook made from it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from bot.env import Env
from bot.features.berkas.desk import Hasil, Kiriman
from bot.features.export import service, views
from bot.features.export.service import MintaEkspor
from bot.features.people.access import Actor
from storage.db import UnitOfWork


def isian(minta: MintaEkspor) -> dict[str, Any]:
    """The request as stored (dates as ISO text)."""
    values = asdict(minta)
    for name in ("dari", "sampai"):
        if values[name] is not None:
            values[name] = values[name].isoformat()
    return values


def minta_of(values: dict[str, Any]) -> MintaEkspor:
    """The request from what was stored."""
    days = {n: date.fromisoformat(values[n]) if values.get(n) else None for n in ("dari", "sampai")}
    return MintaEkspor(
        values.get("rakor"), days["dari"], days["sampai"], values.get("klaster"), values.get("opd")
    )


async def buat(uow: UnitOfWork, env: Env, actor: Actor, values: dict[str, Any]) -> Hasil:
    """The workbook, checked again for ``actor`` as when it was asked."""
    from bot.features.export import workbook  # openpyxl: loaded at the first export

    ekspor = await service.prepare(uow, env, actor, minta_of(values))
    buku = await workbook.write(env, ekspor)
    return [Kiriman(views.berkas(env, buku), views.caption(env, ekspor.saringan, buku))]
