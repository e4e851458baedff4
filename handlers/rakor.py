"""Rakor: /rakor Judul | tanggal (admin)."""

from __future__ import annotations

from datetime import date

from telegram.ext import BaseHandler

from bot.domain.dates import parse_tanggal
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.rakor import service, views
from bot.features.rakor.service import BukaRakor
from bot.messaging.caller import Caller
from handlers.common import answer, command
from storage.db import UnitOfWork


def read_buka_rakor(args: str, today: date) -> BukaRakor:
    """`Judul | tanggal`; the date defaults to today (a missing title is the service's to
    refuse, before the date is read)."""
    judul, _, tanggal = args.partition("|")
    given = tanggal.strip() and judul.strip()
    return BukaRakor(judul, parse_tanggal(tanggal, today) if given else today)


async def _open(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, args: str) -> None:
    rakor = await service.open_rakor(uow, actor, read_buka_rakor(args, env.today()))
    await answer(uow, caller, views.opened(env, rakor))


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The Rakor handlers."""
    return [command("rakor", _open)]
