"""Imports from files: /opd_impor and /arahan_impor, with the file as caption or next message
(the file itself is routed by bot/features/reporting/inbound.py to `receive_file`)."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.env import Env
from bot.features.directives import views
from bot.features.directives.imports import await_file
from bot.features.people.access import Actor
from bot.messaging.caller import Caller
from handlers.common import answer, command
from storage.db import UnitOfWork
from storage.states import Awaited


async def _expect(uow: UnitOfWork, env: Env, caller: Caller, kind: Awaited) -> None:
    await await_file(uow, caller, kind)
    await answer(uow, caller, views.send_file(env, kind))


async def _expect_opd(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await _expect(uow, env, caller, Awaited.OPD_IMPOR)


async def _expect_arahan(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str
) -> None:
    await _expect(uow, env, caller, Awaited.ARAHAN_IMPOR)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The import handlers."""
    return [
        command("opd_impor", _expect_opd),
        command("arahan_impor", _expect_arahan),
    ]
