"""Verification: /verifikasi and its Terima / Tolak buttons."""

from __future__ import annotations

from telegram.ext import BaseHandler

from bot.domain.roles import ButtonKind
from bot.env import Env
from bot.features.people.access import Actor
from bot.features.verification.service import decide, list_waiting
from bot.messaging.caller import Caller
from handlers.buttons import on_button
from handlers.common import command
from storage.db import UnitOfWork


async def _list(uow: UnitOfWork, env: Env, caller: Caller, actor: Actor, _args: str) -> None:
    await list_waiting(uow, env, caller, actor)


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    """The verification handlers."""
    return [command("verifikasi", _list), on_button(ButtonKind.VERIFIKASI, decide)]
