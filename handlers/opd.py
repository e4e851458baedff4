"""OPDs: /opd, /opd_tambah (admin)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.opd import service as opd
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from handlers.common import command
from storage.db import UnitOfWork


async def _list(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await opd.list_opds(uow, env, caller)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The OPD handlers (the CSV import lives in handlers.imports)."""
    return [command("opd", _list), command("opd_tambah", opd.add_opd)]
