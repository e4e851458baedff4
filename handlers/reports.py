"""Reports: the buttons on directive messages, taking a report back, /lapor and /tugas."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.reporting.buttons import press
from bot.features.reporting.inputs import lapor, my_open_work
from bot.features.reporting.service import take_back
from bot.messaging.callbacks import Tombol
from bot.messaging.caller import Caller
from handlers.buttons import on_button
from handlers.common import command
from storage.db import UnitOfWork


async def _take_back(
    uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, tombol: Tombol
) -> str:
    return await take_back(uow, env, caller, actor, tombol.int_arg(1))


async def _tugas(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await my_open_work(uow, env, caller)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The report handlers."""
    return [
        on_button(ButtonKind.PENUGASAN, press),
        on_button(ButtonKind.ARAHAN, press),
        on_button(ButtonKind.TARIK, _take_back),
        command("lapor", lapor),
        command("tugas", _tugas),
    ]
